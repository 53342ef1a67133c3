/* us-fetcher-private.h: shared by us-fetcher.c, us-refresh-result.c and
 * the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-fetcher.h"
#include "us-import.h"

G_BEGIN_DECLS

/* What one source's refresh brought back. */
typedef struct
{
  char          *source_id;
  UsSourceKind   kind;
  UsFetchStatus  status;
  char          *summary;
  GError        *error;
  guint          n_new;
  gint64         fetched_at;
  /* After a 200 or a 304: the validators to keep for the next request. */
  gboolean       store_validators;
  char          *etag;
  char          *last_modified;
  char          *new_url;
  GPtrArray     *candidates;   /* UsCandidate, new ones only */
  GListModel    *candidates_model;
  UsImportPlan  *plan;
  UsLetter      *letter;
} UsSourceOutcome;

UsSourceOutcome *_us_source_outcome_new   (const char      *source_id,
                                           UsSourceKind     kind);
void             _us_source_outcome_free  (UsSourceOutcome *outcome);
/* Sets status, summary and error from error (taken). */
void             _us_source_outcome_fail  (UsSourceOutcome *outcome,
                                           GError          *error);

UsRefreshResult *_us_refresh_result_new   (void);
/* Takes outcome. */
void             _us_refresh_result_add   (UsRefreshResult *self,
                                           UsSourceOutcome *outcome);

/* "source-id\x1fentry-id", the key of an inbox entry. */
char            *_us_inbox_key            (const char      *source_id,
                                           const char      *entry_id);
/* Every inbox entry's key, for the "never returns" check. */
GHashTable      *_us_inbox_keys           (UsCampaign      *campaign);

/* Turns a GIO, resolver, TLS or libsoup error into a UsFetchError with a
 * message a user can act on.  host names the server; timeout is the
 * fetcher's, in seconds.
 */
GError          *_us_fetch_error_from     (const GError    *error,
                                           const char      *host,
                                           guint            timeout);
/* "32 MB", "100 KB", "500 bytes" */
char            *_us_format_cap           (guint64          cap);

G_END_DECLS
