/* us-fetcher-private.h: shared by us-fetcher.c, us-fetcher-detect.c,
 * us-fetcher-body.c, us-refresh-result.c and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-fetcher.h"
#include "us-import.h"

#include <libsoup/soup.h>

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

/* A paginated OSDI feed may have at most this many pages. */
#define US_FETCHER_DEFAULT_MAX_PAGES 1000

/* The fetcher's internals, shared by us-fetcher.c, us-fetcher-detect.c
 * and us-fetcher-body.c.
 */
struct _UsFetcher
{
  GObject         parent_instance;
  SoupSession    *session;
  GQueue          pending;         /* Job*, waiting for a slot */
  guint           active;
  guint           max_concurrent;
  guint64         max_body_size;
  guint           deadline;        /* seconds per request; 0: none */
  guint           max_pages;       /* of one paginated OSDI feed */
  UsTokenFunc     token_func;
  gpointer        token_data;
  GDestroyNotify  token_destroy;
};

typedef struct
{
  GTask           *task;           /* strong until every job is done */
  UsCampaign      *campaign;
  UsRefreshResult *result;
  GHashTable      *inbox_keys;     /* built on first need */
  /* What signature sources are matched against: copied from the live
   * signatories on the main thread, so parsing threads never read them.
   */
  UsImportKeys    *import_keys;
  guint            done;
  guint            total;
  /* This refresh's own progress: only its caller hears it. */
  UsRefreshProgressFunc progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
} Refresh;

typedef struct
{
  UsSourceKind  kind;
  char         *title;
  char         *url;
} Detection;

typedef struct
{
  UsFetcher       *fetcher;
  Refresh         *refresh;        /* NULL when detecting */
  GTask           *detect_task;    /* owned; NULL when refreshing */
  UsSourceOutcome *outcome;        /* borrowed from the result */
  GCancellable    *cancellable;    /* the caller's, or NULL */
  /* What the request's I/O watches: cancelled with the caller's
   * cancellable, or by the deadline.
   */
  GCancellable    *io_cancellable;
  gulong           cancel_handler;
  GSource         *deadline_source;
  gboolean         deadline_passed;
  char            *source_id;
  UsSourceKind     kind;
  char            *url;
  char            *host;
  GUri            *origin;
  char            *etag;
  char            *last_modified;
  char            *token_header;
  char            *token;
  SoupMessage     *msg;
  GInputStream    *stream;
  GByteArray      *body;
  gsize            body_before_read;
  char            *content_type;
  guint            last_status;
  gboolean         temporary_seen;
  char            *permanent_url;
  gboolean         holds_slot;
  Detection       *detection;
  /* OSDI pagination, signature sources only.  page counts from 0; the
   * worker thread sets next_url when a page links to another, and keeps
   * each page's bytes in pages until the last one arrives.
   */
  guint            page;
  char            *page_url;       /* where this page came from, after redirects */
  char            *next_url;
  GUri            *pages_origin;   /* the first page's, after redirects */
  GPtrArray       *pages;          /* GBytes */
  guint64          pages_size;
  GHashTable      *seen_urls;
} Job;

/* us-fetcher.c: the queue and the end of every job */
void          _us_fetcher_pump                (UsFetcher     *self);
void          _us_fetcher_release_slot        (Job           *job);
void          _us_fetcher_job_done            (Job           *job);
void          _us_fetcher_job_fail            (Job           *job,
                                               GError        *error);
void          _us_fetcher_job_fail_transport  (Job           *job,
                                               const GError  *error);
void          _us_fetcher_detection_free      (Detection     *detection);
/* Stops the deadline's clock once the response is in. */
void          _us_fetcher_stop_deadline       (Job           *job);
/* Queues the request of job->next_url, or fails the job when that page
 * may not be followed.
 */
void          _us_fetcher_follow_next_page    (Job           *job);

/* us-fetcher-detect.c: content types, kind detection and parsing */
const char   *_us_fetcher_accept_for_kind     (UsSourceKind   kind,
                                               gboolean       detect);
GError       *_us_fetcher_check_content_type  (Job           *job,
                                               const char    *type);
void          _us_fetcher_parse_thread        (GTask         *task,
                                               gpointer       source_object,
                                               gpointer       task_data,
                                               GCancellable  *cancellable);

/* us-fetcher-body.c: the response, its capped body, and the parsed result */
void          _us_fetcher_sent_cb             (GObject       *object,
                                               GAsyncResult  *result,
                                               gpointer       user_data);

G_END_DECLS
