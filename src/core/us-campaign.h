/* us-campaign.h: one campaign, one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-candidate.h"
#include "us-incident.h"
#include "us-letter.h"
#include "us-signatory.h"
#include "us-source.h"

G_BEGIN_DECLS

#define US_TYPE_CAMPAIGN (us_campaign_get_type ())
G_DECLARE_FINAL_TYPE (UsCampaign, us_campaign, US, CAMPAIGN, GObject)

UsCampaign  *us_campaign_new                (const char  *title);

const char  *us_campaign_get_title          (UsCampaign  *self);
void         us_campaign_set_title          (UsCampaign  *self,
                                             const char  *title);
const char  *us_campaign_get_organisation   (UsCampaign  *self);
void         us_campaign_set_organisation   (UsCampaign  *self,
                                             const char  *organisation);
const char  *us_campaign_get_contact        (UsCampaign  *self);
void         us_campaign_set_contact        (UsCampaign  *self,
                                             const char  *contact);
/* Unix seconds, UTC. */
gint64       us_campaign_get_created        (UsCampaign  *self);
void         us_campaign_set_created        (UsCampaign  *self,
                                             gint64       created);
gint64       us_campaign_get_modified_at    (UsCampaign  *self);
void         us_campaign_set_modified_at    (UsCampaign  *self,
                                             gint64       modified_at);

/* Set by every change to the campaign or anything it holds; cleared by a
 * save (or by whoever loaded it).
 */
gboolean     us_campaign_get_modified       (UsCampaign  *self);
void         us_campaign_set_modified       (UsCampaign  *self,
                                             gboolean     modified);

UsLetter    *us_campaign_get_letter         (UsCampaign  *self);

/* GListModel of UsSignatory in list order. */
GListModel  *us_campaign_get_signatories    (UsCampaign  *self);
/* Takes a reference; gives the signatory an id when it has none. */
void         us_campaign_add_signatory      (UsCampaign  *self,
                                             UsSignatory *signatory);
/* Adds many at once with one items-changed: one step for the UI. */
void         us_campaign_add_signatories    (UsCampaign  *self,
                                             UsSignatory **signatories,
                                             guint        n_signatories);
void         us_campaign_insert_signatory   (UsCampaign  *self,
                                             guint        position,
                                             UsSignatory *signatory);
gboolean     us_campaign_remove_signatory   (UsCampaign  *self,
                                             UsSignatory *signatory,
                                             guint       *out_position);
guint        us_campaign_get_next_signatory_id (UsCampaign *self);

/* GListModel of UsIncident. */
GListModel  *us_campaign_get_incidents      (UsCampaign  *self);
void         us_campaign_add_incident       (UsCampaign  *self,
                                             UsIncident  *incident);
void         us_campaign_insert_incident    (UsCampaign  *self,
                                             guint        position,
                                             UsIncident  *incident);
gboolean     us_campaign_remove_incident    (UsCampaign  *self,
                                             UsIncident  *incident,
                                             guint       *out_position);
UsIncident  *us_campaign_find_incident      (UsCampaign  *self,
                                             const char  *id);

/* GListModel of UsSource. */
GListModel  *us_campaign_get_sources        (UsCampaign  *self);
void         us_campaign_add_source         (UsCampaign  *self,
                                             UsSource    *source);
/* position past the end appends: undo of a remove puts a source back
 * where it was.
 */
void         us_campaign_insert_source      (UsCampaign  *self,
                                             guint        position,
                                             UsSource    *source);
gboolean     us_campaign_remove_source      (UsCampaign  *self,
                                             UsSource    *source);
/* A free id for a new incident from its title ("Cyberattack on Brno
 * hospital" -> "cyberattack-on-brno-hospital", then -2, -3...), and for a
 * new source from its address's host (www. dropped).
 */
char        *us_campaign_suggest_incident_id (UsCampaign *self,
                                              const char *title);
char        *us_campaign_suggest_source_id   (UsCampaign *self,
                                              const char *url);
UsSource    *us_campaign_find_source        (UsCampaign  *self,
                                             const char  *id);

/* GListModel of UsCandidate: entries from incident feeds, with the
 * user's decision on each.
 */
GListModel  *us_campaign_get_inbox          (UsCampaign  *self);
void         us_campaign_add_candidate      (UsCampaign  *self,
                                             UsCandidate *candidate);
gboolean     us_campaign_remove_candidate   (UsCampaign  *self,
                                             UsCandidate *candidate);
UsCandidate *us_campaign_find_candidate     (UsCampaign  *self,
                                             const char  *source_id,
                                             const char  *entry_id);
/* Candidates still waiting for a decision. */
guint        us_campaign_count_new_candidates (UsCampaign *self);

/* Same title, organisation, contact, times, letter, and every signatory,
 * incident and source field in the same order.
 */
gboolean     us_campaign_equal              (UsCampaign  *a,
                                             UsCampaign  *b);

G_END_DECLS
