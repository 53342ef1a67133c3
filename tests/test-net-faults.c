/* test-net-faults.c: the fetcher against servers that misbehave on purpose
 *
 * Each fault is served on 127.0.0.1: a connection reset, garbage instead
 * of HTTP (text or binary), a server that drips a byte at a time (the status line, or the
 * body), headers that never end, an endless body and redirect loops.  For
 * every one the refresh must end with an error that names the problem
 * (a drip through the fetcher's deadline, the others long before it), leave the campaign as it was, and, run over and over,
 * not make the heap grow: a leak check, not a timing check.
 *
 * The raw server runs on the test's main context, as the fetcher does, so
 * there are no server threads to outlive a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "us-fetcher-private.h"
#include "us-format.h"
#include "us-test-server.h"

/* Warm-up refreshes, then measured ones; each refresh fetches
 * SOURCES_PER_REFRESH sources, so ROUNDS * SOURCES_PER_REFRESH faults.
 */
#define WARM_UP 2
#define ROUNDS 5
#define SOURCES_PER_REFRESH 4
/* Generous: the heap may settle, but a leak of even 100 KB per fault
 * passes this after 20 faults.
 */
#define MAX_GROWTH (2 * 1024 * 1024)
#define DRIP_INTERVAL_MS 250

typedef struct
{
  GSocketService *raw;
  SoupServer     *server;
  char           *raw_base;
  char           *base;
  GList          *conns;          /* Conn*, open raw connections */
  guint           served;
} Fixture;

typedef struct
{
  Fixture           *fx;
  GSocketConnection *connection;
  GString           *request;
  char               buf[1024];
  char              *mode;
  guint              timer;
  gsize              sent;
} Conn;

/* The raw server */

static const char garbage[] =
  "SSH-2.0-OpenSSH_9.2\r\n\x01\x02\xff\xfe not HTTP at all \x00\x7f\r\n\r\n";

static const char drip_head[] =
  "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n";

static void
conn_free (Conn *conn)
{
  conn->fx->conns = g_list_remove (conn->fx->conns, conn);
  g_clear_handle_id (&conn->timer, g_source_remove);
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  g_object_unref (conn->connection);
  g_string_free (conn->request, TRUE);
  g_free (conn->mode);
  g_free (conn);
}

/* Closes with SO_LINGER 0: the peer gets a TCP RST, not a FIN. */
static void
conn_reset (Conn *conn)
{
  GSocket *socket = g_socket_connection_get_socket (conn->connection);
  struct linger linger = { 1, 0 };

  setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_socket_close (socket, NULL);
  conn_free (conn);
}

static gboolean
conn_write (Conn       *conn,
            const char *data,
            gsize       len)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));

  return g_output_stream_write_all (out, data, len, NULL, NULL, NULL);
}

/* One byte at a time: the status line and headers ("drip-head"), or a
 * prompt header and then the body ("drip-body").  Ends when the client
 * goes away.
 */
static gboolean
drip_cb (gpointer data)
{
  Conn *conn = data;
  gboolean ok;

  if (conn->sent < sizeof drip_head - 1)
    ok = conn_write (conn, drip_head + conn->sent, 1);
  else
    ok = conn_write (conn, "x", 1);
  conn->sent++;
  if (!ok)
    {
      conn->timer = 0;
      conn_free (conn);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Headers that never end: a new one every time the socket can take it. */
static gboolean
endless_headers_cb (gpointer data)
{
  Conn *conn = data;
  char line[64];
  gsize len = g_snprintf (line, sizeof line, "X-Filler-%" G_GSIZE_FORMAT ": %0*d\r\n",
                          conn->sent++, 32, 0);

  if (!conn_write (conn, line, len))
    {
      conn->timer = 0;
      conn_free (conn);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
conn_respond (Conn *conn)
{
  g_auto(GStrv) words = g_strsplit (conn->request->str, " ", 3);

  conn->fx->served++;
  /* The path, without the query that keeps the sources apart. */
  conn->mode = g_strdup (words[0] && words[1] ? words[1] : "");
  conn->mode[strcspn (conn->mode, "?")] = '\0';

  if (strcmp (conn->mode, "/reset") == 0)
    conn_reset (conn);
  else if (strcmp (conn->mode, "/garbage") == 0)
    {
      conn_write (conn, garbage, sizeof garbage - 1);
      conn_free (conn);
    }
  else if (strcmp (conn->mode, "/binary") == 0)
    {
      /* Noise, NULs and all, from a fixed seed. */
      g_autoptr(GRand) rand = g_rand_new_with_seed (7);
      guint32 noise[1024];

      for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
        noise[i] = g_rand_int (rand);
      conn_write (conn, (const char *) noise, sizeof noise);
      conn_free (conn);
    }
  else if (strcmp (conn->mode, "/drip-head") == 0)
    conn->timer = g_timeout_add (DRIP_INTERVAL_MS, drip_cb, conn);
  else if (strcmp (conn->mode, "/drip-body") == 0)
    {
      conn->sent = sizeof drip_head - 1;
      if (!conn_write (conn, drip_head, sizeof drip_head - 1))
        conn_free (conn);
      else
        conn->timer = g_timeout_add (DRIP_INTERVAL_MS, drip_cb, conn);
    }
  else if (strcmp (conn->mode, "/endless-headers") == 0)
    {
      static const char status[] = "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n";

      if (!conn_write (conn, status, sizeof status - 1))
        conn_free (conn);
      else
        conn->timer = g_idle_add (endless_headers_cb, conn);
    }
  else
    g_error ("the raw server has no fault “%s”", conn->mode);
}

static void
conn_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *conn = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0)
    {
      conn_free (conn);
      return;
    }
  g_string_append_len (conn->request, conn->buf, n);
  if (strstr (conn->request->str, "\r\n\r\n") != NULL)
    conn_respond (conn);
  else
    g_input_stream_read_async (G_INPUT_STREAM (object), conn->buf, sizeof conn->buf,
                               G_PRIORITY_DEFAULT, NULL, conn_read_cb, conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  Fixture *fx = user_data;
  Conn *conn = g_new0 (Conn, 1);

  conn->fx = fx;
  conn->connection = g_object_ref (connection);
  conn->request = g_string_new (NULL);
  fx->conns = g_list_prepend (fx->conns, conn);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT, NULL,
                             conn_read_cb, conn);
  return TRUE;
}

/* The SoupServer: an endless body and redirect loops */

static void
endless_wrote_chunk_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  static const char block[8192] = { 'x' };
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, block, sizeof block);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *fx = data;
  guint n;

  fx->served++;
  if (strcmp (path, "/endless") == 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "text/csv", NULL);
      soup_message_body_append (soup_server_message_get_response_body (msg),
                                SOUP_MEMORY_STATIC, "name,email\n", 11);
      /* Each chunk written queues the next: the body never ends. */
      g_signal_connect (msg, "wrote-chunk", G_CALLBACK (endless_wrote_chunk_cb), NULL);
    }
  else if (strcmp (path, "/loop-a") == 0)
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop-b");
  else if (strcmp (path, "/loop-b") == 0)
    soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/loop-a");
  else if (sscanf (path, "/onward/%u", &n) == 1)
    {
      /* Never the same address twice, and never an end. */
      g_autofree char *next = g_strdup_printf ("/onward/%u", n + 1);

      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, next);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->raw = g_socket_service_new ();
  fx->raw_base = us_test_listen_loopback (G_SOCKET_LISTENER (fx->raw));
  g_signal_connect (fx->raw, "incoming", G_CALLBACK (incoming_cb), fx);
  g_socket_service_start (fx->raw);

  fx->server = us_test_server_new (NULL, server_cb, fx, &fx->base);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  while (fx->conns != NULL)
    conn_free (fx->conns->data);
  g_socket_service_stop (fx->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (fx->raw));
  soup_server_disconnect (fx->server);
  us_test_drain_main_context ();
  g_clear_object (&fx->raw);
  g_clear_object (&fx->server);
  g_free (fx->raw_base);
  g_free (fx->base);
}

/* Helpers */

typedef struct
{
  const char *path;
  gboolean    raw;
  /* Every source's error message must hold this. */
  const char *names_problem;
  UsFetchError code;
  /* Only a drip needs the deadline to end it; the others get one long
   * enough for valgrind, so that it never decides their outcome.
   */
  guint       deadline;
} Fault;

static UsFetcher *
fault_fetcher (const Fault *fault)
{
  UsFetcher *fetcher = us_fetcher_new ();

  /* The read timeout is far longer than a drip's pause, so only the
   * deadline can end a drip.
   */
  us_fetcher_set_timeout (fetcher, 30);
  us_fetcher_set_deadline (fetcher, fault->deadline);
  us_fetcher_set_max_body_size (fetcher, 256 * 1024);
  us_fetcher_set_max_concurrent (fetcher, SOURCES_PER_REFRESH);
  return fetcher;
}

static UsCampaign *
fault_campaign (Fixture     *fx,
                const Fault *fault)
{
  UsCampaign *campaign = us_campaign_new ("Faults");

  for (guint i = 0; i < SOURCES_PER_REFRESH; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      /* A query of its own each, so no two share a cached anything. */
      g_autofree char *url = g_strdup_printf ("%s%s?n=%u", fault->raw ? fx->raw_base : fx->base,
                                              fault->path, i);
      g_autoptr(UsSource) source = us_source_new (id, url, US_SOURCE_KIND_SIGNATURES);

      us_campaign_add_source (campaign, source);
    }
  us_campaign_set_modified (campaign, FALSE);
  return campaign;
}

/* One refresh of every source; each must fail naming the problem, and
 * the campaign must be as it was.
 */
static void
refresh_fails (UsFetcher   *fetcher,
               UsCampaign  *campaign,
               const Fault *fault,
               gboolean     verbose)
{
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(GBytes) before = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  us_fetcher_refresh_async (fetcher, campaign, NULL, NULL, us_test_async_done, &async);
  us_test_wait (&async);
  result = us_fetcher_refresh_finish (fetcher, async, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < SOURCES_PER_REFRESH; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      const char *summary = us_refresh_result_get_summary (result, id);

      if (verbose && i == 0)
        g_test_message ("%s: %s", fault->path, summary);
      g_assert_cmpint (us_refresh_result_get_status (result, id), ==, US_FETCH_STATUS_ERROR);
      g_assert_error (us_refresh_result_get_error (result, id), US_FETCH_ERROR, fault->code);
      g_assert_nonnull (strstr (summary, fault->names_problem));
    }

  after = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (us_campaign_get_modified (campaign));
  /* Applied, a failed refresh brings nobody in. */
  us_refresh_result_apply (result, campaign, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (campaign)), ==, 0);
  us_campaign_set_modified (campaign, FALSE);
}

/* Bytes in use on the heap.  Under valgrind or AddressSanitizer the
 * allocator is not glibc's and this stays 0: the check then passes
 * trivially, and those tools look for leaks themselves.
 */
static gsize
heap_in_use (void)
{
  struct mallinfo2 info;

  malloc_trim (0);
  info = mallinfo2 ();
  /* Large blocks (a body) are mmapped: hblkhd counts those. */
  return info.uordblks + info.hblkhd;
}

static void
test_fault (Fixture       *fx,
            gconstpointer  data)
{
  const Fault *fault = data;
  g_autoptr(UsFetcher) fetcher = fault_fetcher (fault);
  g_autoptr(UsCampaign) campaign = fault_campaign (fx, fault);
  gsize before, after;

  for (guint i = 0; i < WARM_UP; i++)
    refresh_fails (fetcher, campaign, fault, i == 0);
  g_assert_cmpuint (fx->served, >, 0);

  before = heap_in_use ();
  for (guint i = 0; i < ROUNDS; i++)
    refresh_fails (fetcher, campaign, fault, FALSE);
  after = heap_in_use ();

  if (before == 0 && after == 0)
    g_test_message ("%s: heap not measurable here (valgrind or a sanitizer owns malloc)",
                    fault->path);
  else
    g_test_message ("%s: heap %" G_GSIZE_FORMAT " -> %" G_GSIZE_FORMAT " bytes after %u faults",
                    fault->path, before, after, ROUNDS * SOURCES_PER_REFRESH);
  g_assert_cmpuint (after, <, before + MAX_GROWTH);
}

#define LONG 120

static const Fault faults[] = {
  { "/reset", TRUE, "connection reset", US_FETCH_ERROR_NETWORK, LONG },
  { "/garbage", TRUE, "sent a malformed HTTP response", US_FETCH_ERROR_NETWORK, LONG },
  { "/binary", TRUE, "sent a malformed HTTP response", US_FETCH_ERROR_NETWORK, LONG },
  { "/drip-head", TRUE, "took longer than 1 s", US_FETCH_ERROR_TIMEOUT, 1 },
  { "/drip-body", TRUE, "took longer than 1 s", US_FETCH_ERROR_TIMEOUT, 1 },
  { "/endless-headers", TRUE, "sent response headers that never end", US_FETCH_ERROR_TOO_LARGE, LONG },
  { "/endless", FALSE, "body larger than 256 KB", US_FETCH_ERROR_TOO_LARGE, LONG },
  { "/loop-a", FALSE, "too many redirects", US_FETCH_ERROR_REDIRECTS, LONG },
  { "/onward/1", FALSE, "too many redirects", US_FETCH_ERROR_REDIRECTS, LONG },
};

int
main (int    argc,
      char **argv)
{
  /* One arena, so that mallinfo2() sees what the worker threads allocate. */
  mallopt (M_ARENA_MAX, 1);
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *name = g_strconcat ("/net-faults", faults[i].path, NULL);

      g_test_add (name, Fixture, &faults[i], fixture_setup, test_fault, fixture_teardown);
    }
  return g_test_run ();
}
