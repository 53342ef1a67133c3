/* test-fetch.c: following sources, against in-process servers on 127.0.0.1
 *
 * The plain HTTP behaviours of a refresh: 200 and 304, redirects, errors,
 * timeouts, a hang-up mid-body, caps, gzip, cancellation, concurrency,
 * and what a result does to the campaign (apply, undo, the letter
 * offered).  Signature sources, OSDI pages, tokens and HTTPS are
 * tests/test-fetch-osdi.c's; servers that misbehave on purpose are
 * tests/test-net-faults.c's.
 *
 * The SoupServer runs on the same main context as the fetcher, as GNOME
 * Calendar's tests do; a raw threaded socket service plays the server
 * that hangs up mid-body.  Nothing here leaves the loopback interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "us-fetcher-private.h"
#include "us-format.h"
#include "us-test-server.h"

typedef struct
{
  SoupServer         *server;
  GSocketService     *raw;            /* hangs up mid-body */
  char               *base;           /* http://127.0.0.1:PORT */
  char               *raw_base;
  guint               n_entries;
  guint               not_modified;
  guint               in_flight;
  guint               max_in_flight;
  char               *last_if_none_match;
  char               *last_user_agent;
  GPtrArray          *paused;         /* SoupServerMessage* held forever */
  GBytes             *letter;         /* served at /letter */
  char               *letter_etag;
} Fixture;

/* The servers */

static GBytes *
gzip_bytes (const char *data,
            gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (compressor));

  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static void
message_finished_cb (SoupServerMessage *msg,
                     Fixture           *fx)
{
  fx->in_flight--;
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  us_test_serve_feed (msg, 1);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_server_message_set_redirect (msg, status, location);
}

/* Answers 200 with a Content-Length of 100,000, sends 300 bytes and hangs
 * up: a connection reset in the middle of the body.
 */
static gboolean
raw_run_cb (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source_object,
            gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *feed = us_test_atom_feed (20, 0);
  g_autofree char *head = g_strdup ("HTTP/1.1 200 OK\r\n"
                                    "Content-Type: application/atom+xml\r\n"
                                    "Content-Length: 100000\r\n\r\n");
  char buf[1024];

  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buf, sizeof buf, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (request, buf, n);
    }
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, feed, 300, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static GBytes *
letter_campaign_bytes (const char *body)
{
  g_autoptr(UsCampaign) c = us_campaign_new ("Published");
  g_autoptr(UsEdition) e = us_edition_new ("en");

  us_edition_set_title (e, "Stop cyberattacks on hospitals");
  us_edition_set_addressee (e, "To the governments of the world");
  us_edition_set_body (e, body);
  us_letter_add_edition (us_campaign_get_letter (c), e);
  return us_campaign_to_bytes (c, US_WRITE_DEFAULT, NULL);
}

#define LETTER_V1 "We call on governments.\n\nHospitals must be safe.\n\nAct now."
#define LETTER_V2 "We call on governments.\n\nHospitals and clinics must be safe.\n\nAct now.\n\nSigned below."

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *fx = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *resp = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (req, "If-None-Match");
  const char *ims = soup_message_headers_get_one (req, "If-Modified-Since");

  fx->in_flight++;
  fx->max_in_flight = MAX (fx->max_in_flight, fx->in_flight);
  g_signal_connect (msg, "finished", G_CALLBACK (message_finished_cb), fx);
  g_free (fx->last_if_none_match);
  fx->last_if_none_match = g_strdup (inm);
  g_free (fx->last_user_agent);
  fx->last_user_agent = g_strdup (soup_message_headers_get_one (req, "User-Agent"));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);

  if (strcmp (path, "/feed") == 0)
    {
      if (g_strcmp0 (inm, "\"v1\"") == 0)
        {
          fx->not_modified++;
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          soup_message_headers_replace (resp, "ETag", "\"v1\"");
          return;
        }
      us_test_serve_feed (msg, fx->n_entries);
      soup_message_headers_replace (resp, "ETag", "\"v1\"");
    }
  else if (strcmp (path, "/lm-feed") == 0)
    {
      const char *lm = "Tue, 26 May 2020 10:00:00 GMT";

      if (g_strcmp0 (ims, lm) == 0)
        {
          fx->not_modified++;
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      us_test_serve_feed (msg, fx->n_entries);
      soup_message_headers_replace (resp, "Last-Modified", lm);
    }
  else if (strcmp (path, "/plain-feed") == 0)
    us_test_serve_feed (msg, fx->n_entries);
  else if (strcmp (path, "/r301") == 0)
    redirect (msg, 301, "/r301-b");
  else if (strcmp (path, "/r301-b") == 0)
    redirect (msg, 301, "/plain-feed");
  else if (strcmp (path, "/r308") == 0)
    redirect (msg, 308, "/plain-feed");
  else if (strcmp (path, "/r302") == 0)
    redirect (msg, 302, "/plain-feed");
  else if (strcmp (path, "/r301-302") == 0)
    redirect (msg, 301, "/r302");
  else if (strcmp (path, "/loop-a") == 0)
    redirect (msg, 302, "/loop-b");
  else if (strcmp (path, "/loop-b") == 0)
    redirect (msg, 301, "/loop-a");
  else if (strcmp (path, "/500") == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (strcmp (path, "/slow") == 0)
    {
      /* Never answers: the client's timeout or cancellation must end it. */
      soup_server_message_pause (msg);
      g_ptr_array_add (fx->paused, g_object_ref (msg));
    }
  else if (strcmp (path, "/delay") == 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add (150, unpause_cb, msg);
    }
  else if (strcmp (path, "/html") == 0)
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                      "<html><body>Log in</body></html>", 32);
  else if (strcmp (path, "/gzip") == 0)
    {
      g_autofree char *feed = us_test_atom_feed (fx->n_entries, 0);
      g_autoptr(GBytes) gz = gzip_bytes (feed, strlen (feed));

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (resp, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));
    }
  else if (strcmp (path, "/malformed") == 0)
    soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC,
                                      "<rss><channel><item><title>x</channel></rss>", 44);
  else if (strcmp (path, "/big") == 0 || strcmp (path, "/big-chunked") == 0)
    {
      char *feed = us_test_atom_feed (500, 0);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      if (strcmp (path, "/big-chunked") == 0)
        soup_message_headers_set_encoding (resp, SOUP_ENCODING_CHUNKED);
      soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_TAKE,
                                        feed, strlen (feed));
    }
  else if (strcmp (path, "/csv") == 0)
    us_test_serve_csv (msg);
  else if (strcmp (path, "/letter") == 0)
    {
      if (fx->letter_etag && g_strcmp0 (inm, fx->letter_etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (resp, "ETag", fx->letter_etag);
      soup_server_message_set_response (msg, US_FORMAT_MIME_TYPE, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fx->letter, NULL),
                                        g_bytes_get_size (fx->letter));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->n_entries = 3;
  fx->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fx->server = us_test_server_new (NULL, server_cb, fx, &fx->base);

  fx->raw = g_threaded_socket_service_new (2);
  fx->raw_base = us_test_listen_loopback (G_SOCKET_LISTENER (fx->raw));
  g_signal_connect (fx->raw, "run", G_CALLBACK (raw_run_cb), fx);
  g_socket_service_start (fx->raw);

  fx->letter = letter_campaign_bytes (LETTER_V2);
  fx->letter_etag = g_strdup ("\"letter-2\"");
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  soup_server_disconnect (fx->server);
  g_socket_service_stop (fx->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (fx->raw));
  g_ptr_array_unref (fx->paused);
  /* Let the disconnections run before the objects go. */
  us_test_drain_main_context ();
  g_clear_object (&fx->server);
  g_clear_object (&fx->raw);
  g_free (fx->base);
  g_free (fx->raw_base);
  g_free (fx->last_if_none_match);
  g_free (fx->last_user_agent);
  g_free (fx->letter_etag);
  g_bytes_unref (fx->letter);
}

/* Tests */

static void
test_feed_then_304 (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "news", "/feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) first = NULL;
  g_autoptr(UsRefreshResult) second = NULL;
  UsSource *source = us_campaign_find_source (campaign, "news");
  GListModel *candidates;

  first = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (first, "news"), ==, "3 new");
  g_assert_cmpstr (fx->last_user_agent, ==, "Undersigned/" PACKAGE_VERSION);
  g_assert_null (fx->last_if_none_match);
  candidates = us_refresh_result_get_candidates (first, "news");
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, 3);
  /* Nothing reaches the campaign before apply. */
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 0);
  g_assert_null (us_source_get_etag (source));
  g_assert_false (us_campaign_get_modified (campaign));

  us_refresh_result_apply (first, campaign, NULL);
  g_assert_cmpuint (us_campaign_count_new_candidates (campaign), ==, 3);
  g_assert_cmpstr (us_source_get_etag (source), ==, "\"v1\"");
  g_assert_cmpstr (us_source_get_last_result (source), ==, "3 new");
  g_assert_cmpint (us_source_get_last_fetched (source), >, 0);
  {
    g_autoptr(UsCandidate) c = g_list_model_get_item (us_campaign_get_inbox (campaign), 0);

    g_assert_cmpstr (us_candidate_get_entry_id (c), ==, "urn:entry:0");
    g_assert_cmpstr (us_candidate_get_title (c), ==, "Attack 0");
    g_assert_cmpstr (us_candidate_get_link (c), ==, "https://news.example.org/0");
    g_assert_cmpstr (us_candidate_get_source_id (c), ==, "news");
    g_assert_cmpint (us_candidate_get_published (c), ==, 1583056800); /* 2020-03-01T10:00Z */
  }

  fx->n_entries = 5;  /* the server would have more, but says 304 */
  second = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (fx->last_if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (fx->not_modified, ==, 1);
  g_assert_cmpstr (us_refresh_result_get_summary (second, "news"), ==, "unchanged");
  g_assert_cmpint (us_refresh_result_get_status (second, "news"), ==, US_FETCH_STATUS_UNCHANGED);
  g_assert_null (us_refresh_result_get_candidates (second, "news"));
  us_refresh_result_apply (second, campaign, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 3);
  g_assert_cmpstr (us_source_get_etag (source), ==, "\"v1\"");
  g_assert_cmpstr (us_source_get_last_result (source), ==, "unchanged");
}

static void
test_last_modified (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "lm", "/lm-feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) first = NULL;
  g_autoptr(UsRefreshResult) second = NULL;
  UsSource *source = us_campaign_find_source (campaign, "lm");

  first = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (first, "lm"), ==, "3 new");
  us_refresh_result_apply (first, campaign, NULL);
  g_assert_null (us_source_get_etag (source));
  g_assert_cmpstr (us_source_get_last_modified (source), ==, "Tue, 26 May 2020 10:00:00 GMT");

  second = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpuint (fx->not_modified, ==, 1);
  g_assert_cmpstr (us_refresh_result_get_summary (second, "lm"), ==, "unchanged");
}

static void
test_redirects (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base,
                   "p301", "/r301", US_SOURCE_KIND_INCIDENTS,
                   "p308", "/r308", US_SOURCE_KIND_INCIDENTS,
                   "t302", "/r302", US_SOURCE_KIND_INCIDENTS,
                   "mixed", "/r301-302", US_SOURCE_KIND_INCIDENTS,
                   "loop", "/loop-a", US_SOURCE_KIND_INCIDENTS,
                   NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  g_autofree char *plain = g_strconcat (fx->base, "/plain-feed", NULL);
  g_autofree char *r302 = g_strconcat (fx->base, "/r302", NULL);
  g_autofree char *orig302 = g_strconcat (fx->base, "/r302", NULL);

  g_assert_cmpstr (us_refresh_result_get_summary (result, "p301"), ==, "3 new");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "p308"), ==, "3 new");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "t302"), ==, "3 new");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "mixed"), ==, "3 new");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "loop"), ==,
                   "error: too many redirects (a redirect loop?)");
  g_assert_cmpstr (us_refresh_result_get_new_url (result, "p301"), ==, plain);
  g_assert_cmpstr (us_refresh_result_get_new_url (result, "p308"), ==, plain);
  g_assert_null (us_refresh_result_get_new_url (result, "t302"));
  /* 301 then 302: the permanent step is kept, the temporary one not. */
  g_assert_cmpstr (us_refresh_result_get_new_url (result, "mixed"), ==, r302);
  g_assert_null (us_refresh_result_get_new_url (result, "loop"));

  us_refresh_result_apply (result, campaign, NULL);
  g_assert_cmpstr (us_source_get_url (us_campaign_find_source (campaign, "p301")), ==, plain);
  g_assert_cmpstr (us_source_get_url (us_campaign_find_source (campaign, "p308")), ==, plain);
  g_assert_cmpstr (us_source_get_url (us_campaign_find_source (campaign, "t302")), ==, orig302);
  g_assert_cmpstr (us_source_get_url (us_campaign_find_source (campaign, "mixed")), ==, r302);
}

static void
test_http_errors (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base,
                   "missing", "/nothing-here", US_SOURCE_KIND_INCIDENTS,
                   "broken", "/500", US_SOURCE_KIND_INCIDENTS,
                   "good", "/feed", US_SOURCE_KIND_INCIDENTS,
                   NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  UsSource *missing = us_campaign_find_source (campaign, "missing");

  g_assert_cmpstr (us_refresh_result_get_summary (result, "missing"), ==, "error: HTTP 404 Not Found");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "broken"), ==, "error: HTTP 500 Internal Server Error");
  g_assert_error (us_refresh_result_get_error (result, "broken"), US_FETCH_ERROR, US_FETCH_ERROR_HTTP);
  /* One failing source never stops another. */
  g_assert_cmpstr (us_refresh_result_get_summary (result, "good"), ==, "3 new");
  g_assert_true (us_refresh_result_has_errors (result));

  us_source_set_etag (missing, "\"old\"");
  us_refresh_result_apply (result, campaign, NULL);
  g_assert_cmpstr (us_source_get_last_result (missing), ==, "error: HTTP 404 Not Found");
  /* A failure keeps the validators of the last good fetch. */
  g_assert_cmpstr (us_source_get_etag (missing), ==, "\"old\"");
  g_assert_cmpuint (us_campaign_count_new_candidates (campaign), ==, 3);
}

static void
test_timeout (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "slow", "/slow", US_SOURCE_KIND_INCIDENTS,
                   "fine", "/feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (us_fetcher_get_timeout (fetcher), ==, US_FETCHER_DEFAULT_TIMEOUT);
  /* A server that drips bytes is tests/test-net-faults.c's. */
  g_assert_cmpuint (us_fetcher_get_deadline (fetcher), ==, 60);
  us_fetcher_set_timeout (fetcher, 1);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "slow"), ==, "error: timed out after 1 s");
  g_assert_error (us_refresh_result_get_error (result, "slow"), US_FETCH_ERROR, US_FETCH_ERROR_TIMEOUT);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "fine"), ==, "3 new");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

static void
test_closed_mid_body (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *url = g_strconcat (fx->raw_base, "/feed", NULL);
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "cut", url, US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  const char *summary = us_refresh_result_get_summary (result, "cut");

  g_test_message ("closed mid-body: %s", summary);
  g_assert_true (g_str_has_prefix (summary, "error: connection reset"));
  g_assert_error (us_refresh_result_get_error (result, "cut"), US_FETCH_ERROR, US_FETCH_ERROR_NETWORK);
}

static void
test_refused (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  guint port;

  /* A port that was free a moment ago and that nobody listens on. */
  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed", port);
  campaign = us_test_campaign_with (fx->base, "gone", url, US_SOURCE_KIND_INCIDENTS,
                            "bad", "ftp://127.0.0.1/feed", US_SOURCE_KIND_INCIDENTS, NULL);
  result = us_test_refresh_ok (fetcher, campaign);
  expected = g_strdup_printf ("error: connection refused by 127.0.0.1:%u", port);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "gone"), ==, expected);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "bad"), ==,
                   "error: “ftp://127.0.0.1/feed” is not an http or https address");
}

static void
test_error_messages (void)
{
  struct {
    GQuark domain;
    int code;
    const char *expected;
  } cases[] = {
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "cannot resolve host feeds.example.invalid" },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_TEMPORARY_FAILURE, "cannot resolve host feeds.example.invalid" },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "timed out after 30 s" },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "connection reset: feeds.example.invalid closed it before the whole response arrived" },
    { G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "cannot reach feeds.example.invalid: check the network connection" },
    { SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS, "too many redirects (a redirect loop?)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) in = g_error_new_literal (cases[i].domain, cases[i].code, "raw");
      g_autoptr(GError) out = _us_fetch_error_from (in, "feeds.example.invalid", 30);

      g_assert_cmpstr (out->message, ==, cases[i].expected);
      g_assert_true (out->domain == US_FETCH_ERROR);
    }

  {
    g_autofree char *a = _us_format_cap (32 * 1024 * 1024);
    g_autofree char *b = _us_format_cap (10 * 1024);
    g_autofree char *c = _us_format_cap (1000);

    g_assert_cmpstr (a, ==, "32 MB");
    g_assert_cmpstr (b, ==, "10 KB");
    g_assert_cmpstr (c, ==, "1000 bytes");
  }
}

static void
test_body_cap (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "big", "/big", US_SOURCE_KIND_INCIDENTS,
                   "chunked", "/big-chunked", US_SOURCE_KIND_INCIDENTS,
                   "small", "/feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;

  g_assert_cmpuint (us_fetcher_get_max_body_size (fetcher), ==, 32 * 1024 * 1024);
  us_fetcher_set_max_body_size (fetcher, 10 * 1024);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "big"), ==, "error: body larger than 10 KB");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "chunked"), ==, "error: body larger than 10 KB");
  g_assert_error (us_refresh_result_get_error (result, "chunked"), US_FETCH_ERROR, US_FETCH_ERROR_TOO_LARGE);
  g_assert_null (us_refresh_result_get_candidates (result, "chunked"));
  g_assert_cmpstr (us_refresh_result_get_summary (result, "small"), ==, "3 new");
}

static void
test_content_type (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "html", "/html", US_SOURCE_KIND_INCIDENTS,
                   "sig", "/html", US_SOURCE_KIND_SIGNATURES,
                   "letter", "/feed", US_SOURCE_KIND_LETTER, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);

  g_assert_cmpstr (us_refresh_result_get_summary (result, "html"), ==, "error: expected a feed, got text/html");
  g_assert_cmpstr (us_refresh_result_get_summary (result, "sig"), ==, "error: expected CSV or OSDI JSON, got text/html");
  /* XML, but not a campaign: the loader says so. */
  g_assert_true (g_str_has_prefix (us_refresh_result_get_summary (result, "letter"), "error: "));
}

static void
test_gzip (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "gz", "/gzip", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;

  fx->n_entries = 200;
  /* The cap counts decoded bytes: 200 entries are ~40 KB decoded, a
   * fraction of that compressed.
   */
  us_fetcher_set_max_body_size (fetcher, 64 * 1024);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "gz"), ==, "200 new");

  g_clear_object (&result);
  us_fetcher_set_max_body_size (fetcher, 16 * 1024);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "gz"), ==, "error: body larger than 16 KB");
}

static void
test_malformed (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "bad", "/malformed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  const char *summary = us_refresh_result_get_summary (result, "bad");

  g_test_message ("malformed: %s", summary);
  g_assert_true (g_str_has_prefix (summary, "error: "));
  g_assert_nonnull (strstr (summary, "not well-formed"));
  g_assert_error (us_refresh_result_get_error (result, "bad"), US_FETCH_ERROR, US_FETCH_ERROR_PARSE);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "slow", "/slow", US_SOURCE_KIND_INCIDENTS,
                   "fast", "/feed", US_SOURCE_KIND_INCIDENTS,
                   "queued1", "/slow", US_SOURCE_KIND_INCIDENTS,
                   "queued2", "/plain-feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsRefreshResult) result = NULL;

  us_fetcher_set_max_concurrent (fetcher, 2);
  g_timeout_add (200, cancel_cb, cancellable);
  result = us_test_refresh (fetcher, campaign, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  after = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (us_campaign_get_modified (campaign));
}

static void
test_apply_twice (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "plain", "/plain-feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) a = us_test_refresh_ok (fetcher, campaign);
  g_autoptr(UsRefreshResult) b = us_test_refresh_ok (fetcher, campaign);
  g_autoptr(UsRefreshResult) c = NULL;

  /* Two results fetched before either was applied. */
  g_assert_cmpstr (us_refresh_result_get_summary (a, "plain"), ==, "3 new");
  g_assert_cmpstr (us_refresh_result_get_summary (b, "plain"), ==, "3 new");
  us_refresh_result_apply (a, campaign, NULL);
  us_refresh_result_apply (a, campaign, NULL);
  us_refresh_result_apply (b, campaign, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 3);

  /* A feed that grows brings only its new entries. */
  fx->n_entries = 5;
  c = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (c, "plain"), ==, "2 new");
  us_refresh_result_apply (c, campaign, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 5);
}

static void
test_dismissed_never_returns (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "plain", "/plain-feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) first = us_test_refresh_ok (fetcher, campaign);
  g_autoptr(UsRefreshResult) second = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(UsCampaign) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *inbox = us_campaign_get_inbox (campaign);

  us_refresh_result_apply (first, campaign, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(UsCandidate) c = g_list_model_get_item (inbox, i);

      us_candidate_set_state (c, i == 0 ? US_CANDIDATE_DISMISSED : US_CANDIDATE_ACCEPTED);
    }

  /* Through a save and a load, as between two sessions. */
  saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  reloaded = us_campaign_load_bytes (saved, "reloaded", NULL, &error);
  g_assert_no_error (error);

  second = us_test_refresh_ok (fetcher, reloaded);
  g_assert_cmpstr (us_refresh_result_get_summary (second, "plain"), ==, "0 new");
  us_refresh_result_apply (second, reloaded, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (reloaded)), ==, 3);
  g_assert_cmpuint (us_campaign_count_new_candidates (reloaded), ==, 0);
  {
    g_autoptr(UsCandidate) c = g_list_model_get_item (us_campaign_get_inbox (reloaded), 0);
    g_assert_cmpint (us_candidate_get_state (c), ==, US_CANDIDATE_DISMISSED);
  }
}

/* The campaign as saved, but for its "modified" time: every change, an
 * undo included, stamps it with the current second, so two serialisations
 * across a second boundary would differ in that attribute alone.
 */
static GBytes *
content_bytes (UsCampaign *campaign)
{
  us_campaign_set_modified_at (campaign, 1590494400);
  return us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
}

static void
test_undo (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "news", "/feed", US_SOURCE_KIND_INCIDENTS,
                   "moved", "/r301", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  g_autoptr(GBytes) before = content_bytes (campaign);
  g_autoptr(GBytes) undone = NULL;
  g_autoptr(GBytes) applied = NULL;
  g_autoptr(GBytes) redone = NULL;

  us_refresh_result_apply (result, campaign, undo);
  applied = content_bytes (campaign);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 6);
  g_assert_true (us_undo_stack_can_undo (undo));

  g_assert_true (us_undo_stack_undo (undo));
  g_assert_false (us_undo_stack_can_undo (undo));
  undone = content_bytes (campaign);
  g_assert_true (g_bytes_equal (before, undone));

  g_assert_true (us_undo_stack_redo (undo));
  redone = content_bytes (campaign);
  g_assert_true (g_bytes_equal (applied, redone));
}

static void
set_letter (UsCampaign *campaign,
            const char *body)
{
  g_autoptr(UsEdition) e = us_edition_new ("en");

  us_edition_set_title (e, "Stop cyberattacks on hospitals");
  us_edition_set_addressee (e, "To the governments of the world");
  us_edition_set_body (e, body);
  us_letter_add_edition (us_campaign_get_letter (campaign), e);
}

static void
test_letter (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "icrc", "/letter", US_SOURCE_KIND_LETTER, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(UsRefreshResult) same = NULL;
  g_autofree char *diff = NULL;
  UsLetter *update;
  UsSource *source = us_campaign_find_source (campaign, "icrc");

  set_letter (campaign, LETTER_V1);
  us_campaign_set_modified (campaign, FALSE);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "icrc"), ==, "1 new");
  update = us_refresh_result_get_letter_update (result, "icrc");
  g_assert_nonnull (update);
  diff = us_letter_diff_text (us_letter_find_edition (us_campaign_get_letter (campaign), "en"),
                              us_letter_find_edition (update, "en"));
  g_test_message ("%s", diff);
  g_assert_nonnull (strstr (diff, "-Hospitals must be safe.\n+Hospitals and clinics must be safe.\n"));
  g_assert_nonnull (strstr (diff, "+Signed below.\n"));

  /* The letter is offered, never taken: ours is untouched, and the old
   * validators stay so that the next refresh offers it again.
   */
  us_refresh_result_apply (result, campaign, NULL);
  g_assert_cmpstr (us_edition_get_body (us_letter_find_edition (us_campaign_get_letter (campaign), "en")),
                   ==, LETTER_V1);
  g_assert_null (us_source_get_etag (source));
  g_assert_cmpstr (us_source_get_last_result (source), ==, "1 new");

  /* Once ours matches theirs, the source is unchanged. */
  us_edition_set_body (us_letter_find_edition (us_campaign_get_letter (campaign), "en"), LETTER_V2);
  same = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (same, "icrc"), ==, "unchanged");
  g_assert_null (us_refresh_result_get_letter_update (same, "icrc"));
  us_refresh_result_apply (same, campaign, NULL);
  g_assert_cmpstr (us_source_get_etag (source), ==, "\"letter-2\"");
}

static void
test_letter_diff (void)
{
  g_autoptr(UsEdition) a = us_edition_new ("en");
  g_autoptr(UsEdition) b = us_edition_new ("en");
  g_autofree char *same = NULL;
  g_autofree char *diff = NULL;
  g_autofree char *gone = NULL;

  us_edition_set_title (a, "Title");
  us_edition_set_body (a, "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.");
  us_edition_set_title (b, "Title");
  us_edition_set_body (b, "One.\n\nTwo!\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nSeven.");
  same = us_letter_diff_text (a, a);
  g_assert_cmpstr (same, ==, "");

  diff = us_letter_diff_text (a, b);
  g_assert_cmpstr (diff, ==,
                   "--- ours (en)\n+++ theirs (en)\n"
                   "@@ -1,3 +1,3 @@\n One.\n-Two.\n+Two!\n Three.\n"
                   "@@ -6,1 +6,2 @@\n Six.\n+Seven.\n");

  us_edition_set_title (b, "New title");
  gone = us_letter_diff_text (b, NULL);
  g_assert_true (g_str_has_prefix (gone, "--- ours (en)\n+++ theirs (en)\n@@ title @@\n-New title\n@@ -1,7 +0,0 @@\n-One.\n"));
}

typedef struct
{
  guint last_done;
  guint total;
  guint finished;
} Progress;

static void
progress_cb (UsFetcher *fetcher,
             guint      done,
             guint      total,
             Progress  *p)
{
  g_assert_cmpuint (done, >=, p->last_done);
  p->last_done = done;
  p->total = total;
}

static void
source_finished_cb (UsFetcher  *fetcher,
                    const char *id,
                    const char *summary,
                    Progress   *p)
{
  g_assert_nonnull (id);
  g_assert_nonnull (summary);
  p->finished++;
}

static void
test_concurrency (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("many");
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(UsRefreshResult) some = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "s3", "s5", NULL };
  const char *unknown[] = { "nope", NULL };
  Progress p = { 0 };

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *url = g_strconcat (fx->base, "/delay", NULL);
      g_autoptr(UsSource) source = us_source_new (id, url, US_SOURCE_KIND_INCIDENTS);

      us_campaign_add_source (campaign, source);
    }
  g_signal_connect (fetcher, "progress", G_CALLBACK (progress_cb), &p);
  g_signal_connect (fetcher, "source-finished", G_CALLBACK (source_finished_cb), &p);
  us_fetcher_set_max_concurrent (fetcher, 3);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpuint (fx->max_in_flight, <=, 3);
  g_assert_cmpuint (fx->max_in_flight, >=, 2);
  g_assert_cmpuint (p.last_done, ==, 8);
  g_assert_cmpuint (p.total, ==, 8);
  g_assert_cmpuint (p.finished, ==, 8);
  g_assert_cmpuint (us_refresh_result_get_source_ids (result)->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpstr (us_refresh_result_get_summary (result, g_ptr_array_index (us_refresh_result_get_source_ids (result), i)), ==, "1 new");

  g_signal_handlers_disconnect_by_data (fetcher, &p);
  some = us_test_refresh (fetcher, campaign, ids, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (us_refresh_result_get_source_ids (some)->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (us_refresh_result_get_source_ids (some), 0), ==, "s3");
  g_assert_null (us_refresh_result_get_summary (some, "s0"));

  g_assert_null (us_test_refresh (fetcher, campaign, unknown, NULL, &error));
  g_assert_error (error, US_FETCH_ERROR, US_FETCH_ERROR_NO_SOURCE);
}

static void
detect_one (Fixture      *fx,
            UsFetcher    *fetcher,
            const char   *path,
            UsSourceKind *kind,
            char        **title,
            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = g_strconcat (fx->base, path, NULL);

  us_fetcher_detect_kind_async (fetcher, url, NULL, NULL, NULL, us_test_async_done, &result);
  us_test_wait (&result);
  us_fetcher_detect_kind_finish (fetcher, result, kind, title, NULL, error);
}

static void
test_detect (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(GError) error = NULL;
  UsSourceKind kind = -1;
  char *title = NULL;

  detect_one (fx, fetcher, "/feed", &kind, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, US_SOURCE_KIND_INCIDENTS);
  g_assert_cmpstr (title, ==, "Hospital attacks");
  g_clear_pointer (&title, g_free);

  detect_one (fx, fetcher, "/letter", &kind, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, US_SOURCE_KIND_LETTER);
  g_assert_cmpstr (title, ==, "Published");
  g_clear_pointer (&title, g_free);

  detect_one (fx, fetcher, "/csv", &kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kind, ==, US_SOURCE_KIND_SIGNATURES);

  detect_one (fx, fetcher, "/html", &kind, NULL, &error);
  g_assert_error (error, US_FETCH_ERROR, US_FETCH_ERROR_CONTENT_TYPE);
  g_clear_error (&error);

  detect_one (fx, fetcher, "/nothing", &kind, NULL, &error);
  g_assert_error (error, US_FETCH_ERROR, US_FETCH_ERROR_HTTP);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/fetch/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("feed-then-304", test_feed_then_304);
  ADD ("last-modified", test_last_modified);
  ADD ("redirects", test_redirects);
  ADD ("http-errors", test_http_errors);
  ADD ("timeout", test_timeout);
  ADD ("closed-mid-body", test_closed_mid_body);
  ADD ("refused", test_refused);
  ADD ("body-cap", test_body_cap);
  ADD ("content-type", test_content_type);
  ADD ("gzip", test_gzip);
  ADD ("malformed", test_malformed);
  ADD ("cancel", test_cancel);
  ADD ("apply-twice", test_apply_twice);
  ADD ("dismissed-never-returns", test_dismissed_never_returns);
  ADD ("undo", test_undo);
  ADD ("letter", test_letter);
  ADD ("concurrency", test_concurrency);
  ADD ("detect", test_detect);
#undef ADD
  g_test_add_func ("/fetch/error-messages", test_error_messages);
  g_test_add_func ("/fetch/letter-diff", test_letter_diff);

  return g_test_run ();
}
