/* us-fetcher.c: the HTTP side of following sources
 *
 * Every request goes through one SoupSession.  libsoup 3.2 has no
 * send_and_splice with a limit, so the body is read here, chunk by chunk,
 * counting decoded bytes (the content decoder sits below the stream), and
 * a body that passes the cap is an error rather than a silent truncation.
 * Parsing runs in a worker thread; everything else, including the
 * bookkeeping of the queue, stays on the main context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "us-fetcher-private.h"
#include "us-format.h"

/* Politeness: a browser's limit; our own queue caps the total. */
#define MAX_CONNS_PER_HOST 6
#define MAX_CONNS 32
#define IDLE_TIMEOUT 60

G_DEFINE_FINAL_TYPE (UsFetcher, us_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_CONCURRENT,
  PROP_MAX_BODY_SIZE,
  PROP_DEADLINE,
  N_PROPS
};

enum {
  SIGNAL_PROGRESS,
  SIGNAL_SOURCE_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (us-fetch-error-quark, us_fetch_error)

/* Errors */

char *
_us_format_cap (guint64 cap)
{
  if (cap >= 1024 * 1024 && cap % (1024 * 1024) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " MB", cap / (1024 * 1024));
  if (cap >= 1024 && cap % 1024 == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " KB", cap / 1024);
  return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes", cap);
}

GError *
_us_fetch_error_from (const GError *error,
                      const char   *host,
                      guint         timeout)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TIMEOUT,
                        _("timed out after %u s"), timeout);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                        _("cannot resolve host %s"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                        _("connection refused by %s"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                        _("cannot reach %s: check the network connection"), host);
  /* libsoup ends endless headers with PARTIAL_INPUT, as it does a
   * connection closed early; only its words tell them apart.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      (g_strcmp0 (error->message, "Header too big") == 0 ||
       g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TOO_LARGE,
                        _("%s sent response headers that never end or are far too large"), host);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                        _("connection reset: %s closed it before the whole response arrived"), host);
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_REDIRECTS,
                        _("too many redirects (a redirect loop?)"));
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_REDIRECTS,
                        _("%s sent a redirect without a usable address"), host);
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                        _("%s sent a malformed HTTP response"), host);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TLS,
                        _("secure connection to %s failed: %s"), host, error->message);
  return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                      "%s", error->message);
}

static char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("its certificate is not signed by a trusted authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("its certificate is for another site"));
  if (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED))
    return g_strdup (_("its certificate has expired or is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("its certificate has been revoked"));
  return g_strdup (_("its certificate is not acceptable"));
}

/* Jobs */

static void
job_free (Job *job)
{
  _us_fetcher_stop_deadline (job);
  /* Not g_cancellable_disconnect(): this may run inside the caller's
   * cancellation (a request can finish as it is cancelled), where that
   * would wait for itself.  The handler holds its own reference.
   */
  if (job->cancel_handler != 0)
    g_signal_handler_disconnect (job->cancellable, job->cancel_handler);
  g_clear_object (&job->io_cancellable);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->detect_task);
  g_clear_object (&job->msg);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->body, g_byte_array_unref);
  g_clear_pointer (&job->origin, g_uri_unref);
  g_free (job->source_id);
  g_free (job->url);
  g_free (job->host);
  g_free (job->etag);
  g_free (job->last_modified);
  g_free (job->token_header);
  if (job->token != NULL)
    memset (job->token, 0, strlen (job->token));
  g_free (job->token);
  g_free (job->content_type);
  g_free (job->permanent_url);
  g_free (job->page_url);
  g_free (job->next_url);
  g_clear_pointer (&job->pages_origin, g_uri_unref);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  g_clear_pointer (&job->seen_urls, g_hash_table_unref);
  if (job->detection != NULL)
    {
      g_free (job->detection->title);
      g_free (job->detection->url);
      g_free (job->detection);
    }
  g_free (job);
}

void
_us_fetcher_detection_free (Detection *detection)
{
  g_free (detection->title);
  g_free (detection->url);
  g_free (detection);
}

void
_us_fetcher_release_slot (Job *job)
{
  if (job->holds_slot)
    {
      job->holds_slot = FALSE;
      job->fetcher->active--;
    }
  g_clear_object (&job->stream);
}

static void
refresh_complete (Refresh *refresh)
{
  GTask *task = g_steal_pointer (&refresh->task);

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_object_ref (refresh->result), g_object_unref);
  g_object_unref (task);
}

/* Every job ends here, once. */
void
_us_fetcher_job_done (Job *job)
{
  /* The caller's callback may drop its last reference to us. */
  g_autoptr(UsFetcher) self = g_object_ref (job->fetcher);

  _us_fetcher_release_slot (job);

  if (job->refresh != NULL)
    {
      Refresh *refresh = job->refresh;

      job->outcome->fetched_at = g_get_real_time () / G_USEC_PER_SEC;
      g_signal_emit (self, signals[SIGNAL_SOURCE_FINISHED], 0,
                     job->outcome->source_id, job->outcome->summary);
      refresh->done++;
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, refresh->done, refresh->total);
      if (refresh->progress != NULL)
        refresh->progress (refresh->done, refresh->total, refresh->progress_data);
      if (refresh->done == refresh->total)
        refresh_complete (refresh);
    }

  job_free (job);
  _us_fetcher_pump (self);
}

void
_us_fetcher_job_fail (Job    *job,
                      GError *error)
{
  /* Any page failing fails the whole feed: say which one. */
  if (job->page > 0 && error->domain == US_FETCH_ERROR)
    g_prefix_error (&error, _("page %u of the feed: "), job->page + 1);
  if (job->refresh != NULL)
    _us_source_outcome_fail (job->outcome, error);
  else
    g_task_return_error (job->detect_task, error);
  _us_fetcher_job_done (job);
}

void
_us_fetcher_job_fail_transport (Job          *job,
                                const GError *error)
{
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && job->msg != NULL)
    {
      GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (job->msg);
      g_autofree char *why = describe_certificate_errors (flags);

      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TLS,
                                              _("refused the secure connection to %s: %s"),
                                              job->host, why));
      return;
    }
  /* The deadline cancels the I/O; the caller's cancellable did not. */
  if (job->deadline_passed && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_cancellable_is_cancelled (job->cancellable))
    {
      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TIMEOUT,
                                              _("took longer than %u s: %s sends its response "
                                                "too slowly or never finishes it"),
                                              job->fetcher->deadline, job->host));
      return;
    }
  _us_fetcher_job_fail (job, _us_fetch_error_from (error, job->host,
                                                   soup_session_get_timeout (job->fetcher->session)));
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_strcmp0 (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static void
msg_got_headers_cb (SoupMessage *msg,
                    Job         *job)
{
  job->last_status = soup_message_get_status (msg);
}

/* libsoup follows redirects itself; each one restarts the message with
 * the new URI.  A source moves for good only through an unbroken chain
 * of permanent redirects: a temporary one after a permanent one means the
 * permanent target is the address to keep.
 */
static void
msg_restarted_cb (SoupMessage *msg,
                  Job         *job)
{
  GUri *uri = soup_message_get_uri (msg);

  if (!SOUP_STATUS_IS_REDIRECTION (job->last_status))
    return;

  /* Only where the feed itself lives can move, not its later pages. */
  if (job->page > 0)
    ;
  else if (job->last_status == SOUP_STATUS_MOVED_PERMANENTLY ||
      job->last_status == SOUP_STATUS_PERMANENT_REDIRECT)
    {
      if (!job->temporary_seen)
        {
          g_free (job->permanent_url);
          job->permanent_url = g_uri_to_string (uri);
        }
    }
  else
    job->temporary_seen = TRUE;

  /* A token is for the service the user named, never for wherever it
   * redirects to.
   */
  if (job->token_header != NULL && !same_origin (uri, job->origin))
    soup_message_headers_remove (soup_message_get_request_headers (msg), job->token_header);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Job *job = user_data;

  job->deadline_passed = TRUE;
  g_clear_pointer (&job->deadline_source, g_source_unref);
  g_cancellable_cancel (job->io_cancellable);
  return G_SOURCE_REMOVE;
}

void
_us_fetcher_stop_deadline (Job *job)
{
  if (job->deadline_source != NULL)
    {
      g_source_destroy (job->deadline_source);
      g_clear_pointer (&job->deadline_source, g_source_unref);
    }
}

/* SoupSession's timeout is per read: a server that drips a byte a second
 * never trips it.  This clock runs from sending the request to the last
 * byte of the body.
 */
static void
start_deadline (Job *job)
{
  _us_fetcher_stop_deadline (job);
  if (job->fetcher->deadline == 0)
    return;
  job->deadline_source = g_timeout_source_new_seconds (job->fetcher->deadline);
  g_source_set_callback (job->deadline_source, deadline_cb, job, NULL);
  g_source_set_static_name (job->deadline_source, "[undersigned] fetch deadline");
  g_source_attach (job->deadline_source, g_main_context_get_thread_default ());
}

static void
job_send (Job  *job,
          GUri *uri)
{
  SoupMessageHeaders *headers;

  g_clear_object (&job->msg);
  job->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  headers = soup_message_get_request_headers (job->msg);
  soup_message_headers_replace (headers, "Accept",
                                _us_fetcher_accept_for_kind (job->kind, job->detect_task != NULL));
  /* The validators are the first page's: a later page carries none. */
  if (job->page == 0 && job->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", job->etag);
  if (job->page == 0 && job->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", job->last_modified);
  if (job->token_header != NULL && job->token != NULL && same_origin (uri, job->origin))
    soup_message_headers_replace (headers, job->token_header, job->token);

  g_signal_connect (job->msg, "got-headers", G_CALLBACK (msg_got_headers_cb), job);
  g_signal_connect (job->msg, "restarted", G_CALLBACK (msg_restarted_cb), job);

  start_deadline (job);
  soup_session_send_async (job->fetcher->session, job->msg, G_PRIORITY_DEFAULT,
                           job->io_cancellable, _us_fetcher_sent_cb, job);
}

static void
job_start_next_page (Job *job)
{
  g_autoptr(GUri) uri = g_uri_parse (job->next_url, SOUP_HTTP_URI_FLAGS, NULL);

  g_clear_pointer (&job->next_url, g_free);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->body, g_byte_array_unref);
  g_clear_pointer (&job->content_type, g_free);
  job->last_status = 0;
  job_send (job, uri);
}

/* The checks that keep a hostile feed from walking us around the web or
 * in circles.  Runs on the main thread after the worker found the link.
 */
void
_us_fetcher_follow_next_page (Job *job)
{
  g_autoptr(GUri) next = g_uri_parse (job->next_url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *key = NULL;
  guint page = job->page + 1;

  if (next == NULL || g_uri_get_host (next) == NULL || !same_origin (next, job->pages_origin))
    {
      g_autofree char *origin = g_uri_join (G_URI_FLAGS_NONE,
                                            g_uri_get_scheme (job->pages_origin), NULL,
                                            g_uri_get_host (job->pages_origin),
                                            g_uri_get_port (job->pages_origin),
                                            "", NULL, NULL);

      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_PARSE,
                                              _("its next page is on another site (%s), "
                                                "which is not followed: pages must stay on %s"),
                                              job->next_url, origin));
      return;
    }
  key = g_uri_to_string (next);
  if (g_hash_table_contains (job->seen_urls, key))
    {
      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_PARSE,
                                              _("its pages link in a loop: the next page, %s, "
                                                "was already fetched"), key));
      return;
    }
  if (page >= job->fetcher->max_pages)
    {
      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TOO_LARGE,
                                              _("the feed has more than %u pages"),
                                              job->fetcher->max_pages));
      return;
    }

  g_hash_table_add (job->seen_urls, g_steal_pointer (&key));
  g_free (job->next_url);
  job->next_url = g_uri_to_string (next);
  job->page = page;
  /* The next page waits for a slot like any other request. */
  g_queue_push_head (&job->fetcher->pending, job);
  _us_fetcher_pump (job->fetcher);
}

static void
job_start (Job *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (job->next_url != NULL)
    {
      job_start_next_page (job);
      return;
    }

  uri = g_uri_parse (job->url, SOUP_HTTP_URI_FLAGS, &error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_NETWORK,
                                              _("“%s” is not an http or https address"), job->url));
      return;
    }
  if (g_uri_get_port (uri) > 0)
    job->host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  else
    job->host = g_strdup (g_uri_get_host (uri));
  job->origin = g_uri_ref (uri);
  job->seen_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (job->seen_urls, g_uri_to_string (uri));
  job_send (job, uri);
}

void
_us_fetcher_pump (UsFetcher *self)
{
  while (self->active < self->max_concurrent && !g_queue_is_empty (&self->pending))
    {
      Job *job = g_queue_pop_head (&self->pending);

      if (g_cancellable_is_cancelled (job->cancellable))
        {
          _us_fetcher_job_fail (job, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                          _("Operation was cancelled")));
          continue;
        }
      self->active++;
      job->holds_slot = TRUE;
      job_start (job);
    }
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   GCancellable *io_cancellable)
{
  g_cancellable_cancel (io_cancellable);
}

static Job *
job_new (UsFetcher    *self,
         const char   *url,
         GCancellable *cancellable)
{
  Job *job = g_new0 (Job, 1);

  job->fetcher = self;
  job->url = g_strdup (url);
  job->io_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      job->cancellable = g_object_ref (cancellable);
      job->cancel_handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                   g_object_ref (job->io_cancellable),
                                                   g_object_unref);
    }
  return job;
}

/* UsFetcher */

static void
us_fetcher_finalize (GObject *object)
{
  UsFetcher *self = (UsFetcher *) object;

  /* Every job holds its task, and every task its fetcher. */
  g_assert (g_queue_is_empty (&self->pending));
  if (self->token_destroy)
    self->token_destroy (self->token_data);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (us_fetcher_parent_class)->finalize (object);
}

static void
us_fetcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UsFetcher *self = US_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, us_fetcher_get_timeout (self));
      break;
    case PROP_MAX_CONCURRENT:
      g_value_set_uint (value, self->max_concurrent);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_fetcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  UsFetcher *self = US_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      us_fetcher_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CONCURRENT:
      us_fetcher_set_max_concurrent (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BODY_SIZE:
      us_fetcher_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    case PROP_DEADLINE:
      us_fetcher_set_deadline (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_fetcher_class_init (UsFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_fetcher_finalize;
  object_class->get_property = us_fetcher_get_property;
  object_class->set_property = us_fetcher_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, US_FETCHER_DEFAULT_TIMEOUT, rw);
  properties[PROP_MAX_CONCURRENT] =
    g_param_spec_uint ("max-concurrent", NULL, NULL, 1, 1000, US_FETCHER_DEFAULT_MAX_CONCURRENT, rw);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT32,
                         US_FETCHER_DEFAULT_MAX_BODY_SIZE, rw);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, G_MAXUINT, US_FETCHER_DEFAULT_DEADLINE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Per refresh: sources finished so far, and how many it covers. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* The source id and its summary, as soon as that source is done. */
  signals[SIGNAL_SOURCE_FINISHED] =
    g_signal_new ("source-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
us_fetcher_init (UsFetcher *self)
{
  self->max_concurrent = US_FETCHER_DEFAULT_MAX_CONCURRENT;
  self->max_body_size = US_FETCHER_DEFAULT_MAX_BODY_SIZE;
  self->deadline = US_FETCHER_DEFAULT_DEADLINE;
  self->max_pages = US_FETCHER_DEFAULT_MAX_PAGES;
  g_queue_init (&self->pending);
  /* No trailing space: that would make libsoup append its own token.  The
   * system proxy resolver and the content decoder (gzip, deflate) are
   * libsoup 3's defaults; no accept-certificate handler, ever.
   */
  self->session = soup_session_new_with_options ("user-agent", "Undersigned/" PACKAGE_VERSION,
                                                 "timeout", US_FETCHER_DEFAULT_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 "max-conns", MAX_CONNS,
                                                 "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                 NULL);
}

UsFetcher *
us_fetcher_new (void)
{
  return g_object_new (US_TYPE_FETCHER, NULL);
}

gpointer
us_fetcher_get_session (UsFetcher *self)
{
  g_return_val_if_fail (US_IS_FETCHER (self), NULL);
  return self->session;
}

guint
us_fetcher_get_timeout (UsFetcher *self)
{
  g_return_val_if_fail (US_IS_FETCHER (self), 0);
  return soup_session_get_timeout (self->session);
}

void
us_fetcher_set_timeout (UsFetcher *self,
                        guint      seconds)
{
  g_return_if_fail (US_IS_FETCHER (self));
  if (soup_session_get_timeout (self->session) == seconds)
    return;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
us_fetcher_get_deadline (UsFetcher *self)
{
  g_return_val_if_fail (US_IS_FETCHER (self), 0);
  return self->deadline;
}

/* Takes effect for requests sent from now on. */
void
us_fetcher_set_deadline (UsFetcher *self,
                         guint      seconds)
{
  g_return_if_fail (US_IS_FETCHER (self));
  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

guint
us_fetcher_get_max_concurrent (UsFetcher *self)
{
  g_return_val_if_fail (US_IS_FETCHER (self), 0);
  return self->max_concurrent;
}

void
us_fetcher_set_max_concurrent (UsFetcher *self,
                               guint      max_concurrent)
{
  g_return_if_fail (US_IS_FETCHER (self));
  g_return_if_fail (max_concurrent > 0);
  if (self->max_concurrent == max_concurrent)
    return;
  self->max_concurrent = max_concurrent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CONCURRENT]);
  _us_fetcher_pump (self);
}

guint64
us_fetcher_get_max_body_size (UsFetcher *self)
{
  g_return_val_if_fail (US_IS_FETCHER (self), 0);
  return self->max_body_size;
}

void
us_fetcher_set_max_body_size (UsFetcher *self,
                              guint64    max_body_size)
{
  g_return_if_fail (US_IS_FETCHER (self));
  g_return_if_fail (max_body_size > 0 && max_body_size <= G_MAXUINT32);
  if (self->max_body_size == max_body_size)
    return;
  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}

void
us_fetcher_set_token_func (UsFetcher      *self,
                           UsTokenFunc     func,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  g_return_if_fail (US_IS_FETCHER (self));
  if (self->token_destroy)
    self->token_destroy (self->token_data);
  self->token_func = func;
  self->token_data = user_data;
  self->token_destroy = destroy;
}

/* Refresh */

static void
refresh_free (Refresh *refresh)
{
  g_assert (refresh->task == NULL);
  if (refresh->progress_destroy != NULL)
    refresh->progress_destroy (refresh->progress_data);
  g_clear_object (&refresh->campaign);
  g_clear_object (&refresh->result);
  g_clear_pointer (&refresh->inbox_keys, g_hash_table_unref);
  g_clear_pointer (&refresh->import_keys, us_import_keys_unref);
  g_free (refresh);
}

static gboolean
requested (const char * const *source_ids,
           const char         *id)
{
  return source_ids == NULL || g_strv_contains (source_ids, id);
}

void
us_fetcher_refresh_async (UsFetcher           *self,
                          UsCampaign          *campaign,
                          const char * const  *source_ids,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  us_fetcher_refresh_with_progress_async (self, campaign, source_ids, NULL, NULL, NULL,
                                          cancellable, callback, user_data);
}

void
us_fetcher_refresh_with_progress_async (UsFetcher             *self,
                                        UsCampaign            *campaign,
                                        const char * const    *source_ids,
                                        UsRefreshProgressFunc  progress,
                                        gpointer               progress_data,
                                        GDestroyNotify         progress_destroy,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *sources;
  Refresh *refresh;
  GPtrArray *jobs;

  g_return_if_fail (US_IS_FETCHER (self));
  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, us_fetcher_refresh_async);

  for (guint i = 0; source_ids != NULL && source_ids[i] != NULL; i++)
    if (us_campaign_find_source (campaign, source_ids[i]) == NULL)
      {
        g_task_return_new_error (task, US_FETCH_ERROR, US_FETCH_ERROR_NO_SOURCE,
                                 _("the campaign has no source “%s”"), source_ids[i]);
        if (progress_destroy != NULL)
          progress_destroy (progress_data);
        return;
      }

  refresh = g_new0 (Refresh, 1);
  refresh->campaign = g_object_ref (campaign);
  refresh->result = _us_refresh_result_new ();
  refresh->progress = progress;
  refresh->progress_data = progress_data;
  refresh->progress_destroy = progress_destroy;
  g_task_set_task_data (task, refresh, (GDestroyNotify) refresh_free);

  /* Snapshot every source now: the user may edit them while we fetch. */
  sources = us_campaign_get_sources (campaign);
  jobs = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(UsSource) source = g_list_model_get_item (sources, i);
      const char *id = us_source_get_id (source);
      UsSourceOutcome *outcome;
      Job *job;

      if (!requested (source_ids, id))
        continue;
      outcome = _us_source_outcome_new (id, us_source_get_kind (source));
      _us_refresh_result_add (refresh->result, outcome);

      job = job_new (self, us_source_get_url (source), cancellable);
      job->refresh = refresh;
      job->outcome = outcome;
      job->source_id = g_strdup (id);
      job->kind = us_source_get_kind (source);
      job->etag = g_strdup (us_source_get_etag (source));
      job->last_modified = g_strdup (us_source_get_last_modified (source));
      job->token_header = g_strdup (us_source_get_token_header (source));
      if (job->token_header != NULL && *job->token_header == '\0')
        g_clear_pointer (&job->token_header, g_free);
      if (job->token_header != NULL && self->token_func != NULL)
        job->token = self->token_func (id, job->url, job->token_header, self->token_data);
      g_ptr_array_add (jobs, job);
    }

  refresh->total = jobs->len;
  if (jobs->len == 0)
    {
      g_ptr_array_unref (jobs);
      g_task_return_pointer (task, g_object_ref (refresh->result), g_object_unref);
      return;
    }

  refresh->task = g_object_ref (task);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, 0, refresh->total);
  if (refresh->progress != NULL)
    refresh->progress (0, refresh->total, refresh->progress_data);
  for (guint i = 0; i < jobs->len; i++)
    g_queue_push_tail (&self->pending, g_ptr_array_index (jobs, i));
  g_ptr_array_unref (jobs);
  _us_fetcher_pump (self);
}

UsRefreshResult *
us_fetcher_refresh_finish (UsFetcher     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (US_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == us_fetcher_refresh_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Detection */

void
us_fetcher_detect_kind_async (UsFetcher           *self,
                              const char          *url,
                              const char          *token_header,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (US_IS_FETCHER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = job_new (self, url, cancellable);
  job->detect_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->detect_task, us_fetcher_detect_kind_async);
  job->detection = g_new0 (Detection, 1);
  if (token_header != NULL && *token_header != '\0' && token != NULL)
    {
      job->token_header = g_strdup (token_header);
      job->token = g_strdup (token);
    }
  g_queue_push_tail (&self->pending, job);
  _us_fetcher_pump (self);
}

gboolean
us_fetcher_detect_kind_finish (UsFetcher     *self,
                               GAsyncResult  *result,
                               UsSourceKind  *out_kind,
                               char         **out_title,
                               char         **out_url,
                               GError       **error)
{
  Detection *d;

  g_return_val_if_fail (US_IS_FETCHER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == us_fetcher_detect_kind_async, FALSE);

  d = g_task_propagate_pointer (G_TASK (result), error);
  if (d == NULL)
    return FALSE;
  if (out_kind)
    *out_kind = d->kind;
  if (out_title)
    *out_title = g_steal_pointer (&d->title);
  if (out_url)
    *out_url = g_steal_pointer (&d->url);
  _us_fetcher_detection_free (d);
  return TRUE;
}
