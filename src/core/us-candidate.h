/* us-candidate.h: an entry from an incident feed, waiting in the inbox
 *
 * A candidate remembers what the user decided, so an entry accepted into
 * the incident list or dismissed never comes back on the next refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"

G_BEGIN_DECLS

typedef enum
{
  US_CANDIDATE_NEW,
  US_CANDIDATE_ACCEPTED,
  US_CANDIDATE_DISMISSED,
} UsCandidateState;

const char *us_candidate_state_to_string   (UsCandidateState  state);
gboolean    us_candidate_state_from_string (const char       *str,
                                            UsCandidateState *out);

#define US_TYPE_CANDIDATE (us_candidate_get_type ())
G_DECLARE_FINAL_TYPE (UsCandidate, us_candidate, US, CANDIDATE, UsRecord)

UsCandidate      *us_candidate_new           (const char       *source_id,
                                              const char       *entry_id);
UsCandidate      *us_candidate_copy          (UsCandidate      *self);
gboolean          us_candidate_equal         (UsCandidate      *a,
                                              UsCandidate      *b);
const char       *us_candidate_get_source_id (UsCandidate      *self);
/* The feed entry's id (atom:id, guid), unique within its source. */
const char       *us_candidate_get_entry_id  (UsCandidate      *self);
const char       *us_candidate_get_title     (UsCandidate      *self);
void              us_candidate_set_title     (UsCandidate      *self,
                                              const char       *title);
const char       *us_candidate_get_link      (UsCandidate      *self);
void              us_candidate_set_link      (UsCandidate      *self,
                                              const char       *link);
const char       *us_candidate_get_summary   (UsCandidate      *self);
void              us_candidate_set_summary   (UsCandidate      *self,
                                              const char       *summary);
/* Unix seconds, 0 when unknown. */
gint64            us_candidate_get_published (UsCandidate      *self);
void              us_candidate_set_published (UsCandidate      *self,
                                              gint64            published);
UsCandidateState  us_candidate_get_state     (UsCandidate      *self);
void              us_candidate_set_state     (UsCandidate      *self,
                                              UsCandidateState  state);

G_END_DECLS
