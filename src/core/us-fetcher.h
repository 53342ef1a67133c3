/* us-fetcher.h: refreshing a campaign's sources over HTTP
 *
 * One UsFetcher per application: it owns the one SoupSession (so
 * connections, the proxy settings and the politeness limits are shared by
 * every refresh).  A refresh fetches, checks and parses; it never touches
 * the campaign.  Its UsRefreshResult is merged into the campaign in one
 * step, as one undo entry, by us_refresh_result_apply() on the main
 * thread, so a failed or cancelled refresh changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_FETCH_ERROR (us_fetch_error_quark ())
GQuark us_fetch_error_quark (void);

typedef enum
{
  US_FETCH_ERROR_HTTP,          /* a status other than 2xx or 304 */
  US_FETCH_ERROR_NETWORK,       /* DNS, refused, reset, closed early */
  US_FETCH_ERROR_TIMEOUT,
  US_FETCH_ERROR_TLS,           /* certificate or handshake */
  US_FETCH_ERROR_REDIRECTS,     /* a loop or too many redirects */
  US_FETCH_ERROR_TOO_LARGE,     /* body over the cap */
  US_FETCH_ERROR_CONTENT_TYPE,  /* e.g. an HTML page where a feed was expected */
  US_FETCH_ERROR_PARSE,         /* the body is not what the kind needs */
  US_FETCH_ERROR_UNKNOWN_KIND,  /* detection found nothing it knows */
  US_FETCH_ERROR_NO_SOURCE,     /* a requested source id is not in the campaign */
} UsFetchError;

/* What one source's refresh came to. */
typedef enum
{
  US_FETCH_STATUS_UNCHANGED,    /* 304, or an identical letter */
  US_FETCH_STATUS_NEW,          /* fetched and parsed; n_new may be 0 */
  US_FETCH_STATUS_ERROR,
} UsFetchStatus;

#define US_FETCHER_DEFAULT_TIMEOUT        30
#define US_FETCHER_DEFAULT_MAX_CONCURRENT 6
#define US_FETCHER_DEFAULT_MAX_BODY_SIZE  (32 * 1024 * 1024)
#define US_FETCHER_DEFAULT_DEADLINE       60

/* UsRefreshResult: what a refresh found, not yet in the campaign. */

#define US_TYPE_REFRESH_RESULT (us_refresh_result_get_type ())
G_DECLARE_FINAL_TYPE (UsRefreshResult, us_refresh_result, US, REFRESH_RESULT, GObject)

/* The refreshed source ids, in campaign order.  Owned by the result. */
GPtrArray     *us_refresh_result_get_source_ids     (UsRefreshResult *result);
/* "unchanged", "N new" or "error: message"; NULL for an unknown id. */
const char    *us_refresh_result_get_summary        (UsRefreshResult *result,
                                                     const char      *source_id);
UsFetchStatus  us_refresh_result_get_status         (UsRefreshResult *result,
                                                     const char      *source_id);
/* The error of a source whose status is US_FETCH_STATUS_ERROR, else NULL. */
const GError  *us_refresh_result_get_error          (UsRefreshResult *result,
                                                     const char      *source_id);
/* New candidates, signatories or letter updates. */
guint          us_refresh_result_get_n_new          (UsRefreshResult *result,
                                                     const char      *source_id);
/* Where a permanent redirect (301, 308) says the source now lives, or NULL. */
const char    *us_refresh_result_get_new_url        (UsRefreshResult *result,
                                                     const char      *source_id);
/* The new UsCandidate objects an incident feed brought (not yet in the
 * inbox), or NULL.
 */
GListModel    *us_refresh_result_get_candidates     (UsRefreshResult *result,
                                                     const char      *source_id);
/* A letter source's published letter when it differs from the campaign's,
 * else NULL.  Compare editions with us_letter_diff_text() or side by side.
 */
UsLetter      *us_refresh_result_get_letter_update  (UsRefreshResult *result,
                                                     const char      *source_id);
/* TRUE when any source failed. */
gboolean       us_refresh_result_has_errors         (UsRefreshResult *result);

/* Merges the result into campaign in one step (one undo entry when undo
 * is not NULL): every refreshed source's etag, last-modified, last-fetched,
 * last-result and (after a permanent redirect) url; new incident
 * candidates into the inbox, skipping any (source, entry) already there in
 * whatever state; new signatories as pending through the import plan.  A
 * letter update is only offered: the campaign's letter is left alone, and
 * the source keeps its old validators so the update is offered again until
 * the letter is accepted.  Must run on the main thread; a second call does
 * nothing.
 */
void           us_refresh_result_apply              (UsRefreshResult *result,
                                                     UsCampaign      *campaign,
                                                     UsUndoStack     *undo);

/* A unified diff, one paragraph per line group, of two editions of the
 * letter (either may be NULL for "absent").  Title and addressee changes
 * come first.  Returns "" when they are equal.
 */
char          *us_letter_diff_text                  (UsEdition       *old_edition,
                                                     UsEdition       *new_edition);

/* UsFetcher */

/* Returns a newly allocated token for the source, or NULL for none.  Called
 * on the main thread when the source's request is built.
 */
typedef char *(*UsTokenFunc) (const char *source_id,
                              const char *url,
                              const char *header,
                              gpointer    user_data);

#define US_TYPE_FETCHER (us_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (UsFetcher, us_fetcher, US, FETCHER, GObject)

UsFetcher   *us_fetcher_new                   (void);
/* Borrowed; for features such as a SoupLogger in debugging. */
gpointer     us_fetcher_get_session           (UsFetcher    *self);
/* Seconds of network inactivity before a request fails; 0: never. */
guint        us_fetcher_get_timeout           (UsFetcher    *self);
void         us_fetcher_set_timeout           (UsFetcher    *self,
                                               guint         seconds);
/* Seconds a whole request (one page of a paginated feed) may take, from
 * sending it to the last byte of its body, however steadily the server
 * drips data; 0: no deadline.
 */
guint        us_fetcher_get_deadline          (UsFetcher    *self);
void         us_fetcher_set_deadline          (UsFetcher    *self,
                                               guint         seconds);
/* Requests in flight at once (across every refresh); the rest wait. */
guint        us_fetcher_get_max_concurrent    (UsFetcher    *self);
void         us_fetcher_set_max_concurrent    (UsFetcher    *self,
                                               guint         max_concurrent);
/* Decoded bytes; a larger body is an error, never a truncation. */
guint64      us_fetcher_get_max_body_size     (UsFetcher    *self);
void         us_fetcher_set_max_body_size     (UsFetcher    *self,
                                               guint64       max_body_size);
/* Tokens for sources with a token-header.  func NULL: send none. */
void         us_fetcher_set_token_func        (UsFetcher     *self,
                                               UsTokenFunc    func,
                                               gpointer       user_data,
                                               GDestroyNotify destroy);

/* Refreshes the campaign's sources (source_ids NULL: every source).  The
 * fetch runs on the caller's main context; parsing runs in worker threads.
 * Emits "progress" (done, total) and "source-finished" (id, summary) as it
 * goes.  A signature source in OSDI JSON is followed through its
 * _links/next pages (same scheme, host and port only, at most 1,000 pages,
 * never the same page twice), and all its pages make one result; any
 * page failing fails the source.  Every request has the fetcher's
 * deadline.  The campaign is only read.  Fails only for a cancellation
 * (the whole refresh is then void) or an unknown source id; a failing
 * source is reported in the result and never stops the others.
 */
void             us_fetcher_refresh_async     (UsFetcher           *self,
                                               UsCampaign          *campaign,
                                               const char * const  *source_ids,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* Called on the main context with the sources finished so far and how
 * many the refresh covers: first (0, total), then after each source.
 */
typedef void (*UsRefreshProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* As us_fetcher_refresh_async(), and progress (may be NULL) hears only
 * this refresh, where "progress" hears every refresh of the fetcher: a
 * window's progress bar must not move with another window's refresh.
 * progress_destroy is called on progress_data when the refresh is over.
 * Finish with us_fetcher_refresh_finish().
 */
void             us_fetcher_refresh_with_progress_async (UsFetcher             *self,
                                                         UsCampaign            *campaign,
                                                         const char * const    *source_ids,
                                                         UsRefreshProgressFunc  progress,
                                                         gpointer               progress_data,
                                                         GDestroyNotify         progress_destroy,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
UsRefreshResult *us_fetcher_refresh_finish    (UsFetcher           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Fetches url once and tells what kind of source it is: a feed
 * (incidents), a published campaign (letter), CSV or OSDI JSON
 * (signatures).  token_header and token may be NULL.
 */
void             us_fetcher_detect_kind_async (UsFetcher           *self,
                                               const char          *url,
                                               const char          *token_header,
                                               const char          *token,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* out_title: the feed's or campaign's title when it has one; out_url: the
 * URL after permanent redirects.  Both optional, newly allocated.
 */
gboolean         us_fetcher_detect_kind_finish (UsFetcher          *self,
                                                GAsyncResult       *result,
                                                UsSourceKind       *out_kind,
                                                char              **out_title,
                                                char              **out_url,
                                                GError            **error);

G_END_DECLS
