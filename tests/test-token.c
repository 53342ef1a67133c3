/* test-token.c: source tokens in a real keyring, and without one
 *
 * Runs a private session bus (GTestDBus, which can start no service by
 * itself) and gnome-keyring-daemon on it, its login keyring under a
 * temporary XDG_DATA_HOME, so the user's own keyring is never touched.  The token goes in through libsecret, comes
 * back, travels as the header the source names to a SoupServer on
 * 127.0.0.1, and is in none of the bytes the campaign is saved or
 * exported as.  Without a Secret Service (a child process on a GTestDBus
 * bus that cannot start one) every call fails with an error that says
 * so, and nothing falls back to plain text.
 *
 * Exits 77 (skipped) when no keyring daemon can be started here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "us-export.h"
#include "us-fetcher.h"
#include "us-format.h"
#include "us-token.h"
#include "us-test-keyring.h"

#define WAIT_MS 20000
#define HEADER "OSDI-API-Token"
#define TOKEN "osdi-7f3c9a1e-token-do-not-leak"

static const char feed[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
  "  <title>Health Sector Incidents</title>\n"
  "  <id>urn:test:feed</id>\n"
  "  <updated>2024-03-02T10:00:00Z</updated>\n"
  "  <entry>\n"
  "    <title>Ransomware hits Brno hospital</title>\n"
  "    <id>urn:test:entry-1</id>\n"
  "    <link href=\"http://127.0.0.1/brno\"/>\n"
  "    <updated>2024-03-01T08:00:00Z</updated>\n"
  "  </entry>\n"
  "</feed>\n";

static const char *keyring_problem;  /* why the keyring tests skip */
/* The private bus.  libsecret keeps its connection to the end, so the
 * bus is stopped, never torn down (that would wait for the connection),
 * and stays reachable here.
 */
static GTestDBus *private_bus;
static char *token_seen;
static guint n_requests;

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (wait->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, wait->result == NULL);
  if (wait->result == NULL)
    g_error ("no answer within %u ms", WAIT_MS);
  return wait->result;
}

static gboolean
store (const char  *url,
       const char  *header,
       const char  *token,
       GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  us_token_store_async (url, header, token, NULL, done_cb, &wait);
  result = wait_for (&wait);
  return us_token_store_finish (result, error);
}

static char *
lookup (const char  *url,
        const char  *header,
        GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  us_token_lookup_async (url, header, NULL, done_cb, &wait);
  result = wait_for (&wait);
  return us_token_lookup_finish (result, error);
}

static gboolean
skip_without_keyring (void)
{
  if (keyring_problem == NULL)
    return FALSE;
  g_test_skip (keyring_problem);
  return TRUE;
}

static void
test_round_trip (void)
{
  const char *url = "https://osdi.example.org/api/v1/people";
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  g_autofree char *again = NULL;

  if (skip_without_keyring ())
    return;

  g_assert_true (store (url, HEADER, TOKEN, &error));
  g_assert_no_error (error);
  token = lookup (url, HEADER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  /* Keyed by URL and header: another source has none. */
  other = lookup ("https://other.example.org/feed", HEADER, &error);
  g_assert_no_error (error);
  g_assert_null (other);
  g_clear_pointer (&other, g_free);
  other = lookup (url, "Authorization", &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* A new token replaces the old one. */
  g_assert_true (store (url, HEADER, "second-token", &error));
  again = lookup (url, HEADER, &error);
  g_assert_cmpstr (again, ==, "second-token");
  g_clear_pointer (&again, g_free);

  g_assert_true (us_token_clear (url, HEADER, NULL, &error));
  g_assert_no_error (error);
  again = lookup (url, HEADER, &error);
  g_assert_no_error (error);
  g_assert_null (again);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *token = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), HEADER);

  n_requests++;
  g_free (token_seen);
  token_seen = g_strdup (token);
  /* As an OSDI service does: no token, no data. */
  if (g_strcmp0 (token, TOKEN) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_STATIC, feed, strlen (feed));
}

static char *
token_func (const char *source_id,
            const char *url,
            const char *header,
            gpointer    user_data)
{
  GHashTable *tokens = user_data;

  g_assert_cmpstr (header, ==, HEADER);
  return g_strdup (g_hash_table_lookup (tokens, url));
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static void
assert_no_token (GBytes     *bytes,
                 const char *what)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_nonnull (data);
  if (g_strstr_len (data, len, TOKEN) != NULL)
    g_error ("the token is in the %s", what);
}

static void
test_sent_as_header (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Token campaign");
  g_autoptr(UsSource) source = NULL;
  g_autoptr(UsFetcher) fetcher = us_fetcher_new ();
  g_autoptr(UsRefreshResult) refreshed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  GSList *uris;
  guint progress_calls = 0;
  Wait wait = { NULL };

  if (skip_without_keyring ())
    return;

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%u/osdi/feed", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  source = us_source_new ("osdi", url, US_SOURCE_KIND_INCIDENTS);
  us_source_set_token_header (source, HEADER);
  us_campaign_add_source (campaign, source);

  /* The way the app goes: into the keyring, and out again before a
   * refresh, into the fetcher's token function.
   */
  g_assert_true (store (url, HEADER, TOKEN, &error));
  g_assert_no_error (error);
  token = lookup (url, HEADER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);
  g_hash_table_insert (tokens, g_strdup (url), g_steal_pointer (&token));
  us_fetcher_set_token_func (fetcher, token_func, g_hash_table_ref (tokens),
                             (GDestroyNotify) g_hash_table_unref);

  us_fetcher_refresh_with_progress_async (fetcher, campaign, NULL, progress_cb, &progress_calls, NULL,
                                          NULL, done_cb, &wait);
  result = wait_for (&wait);
  refreshed = us_fetcher_refresh_finish (fetcher, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_requests, ==, 1);
  g_assert_cmpstr (token_seen, ==, TOKEN);
  g_assert_cmpstr (us_refresh_result_get_summary (refreshed, "osdi"), ==, "1 new");
  /* (0, 1) at the start, (1, 1) at the end: only to its caller. */
  g_assert_cmpuint (progress_calls, ==, 2);
  us_refresh_result_apply (refreshed, campaign, NULL);

  /* Saved, exported as XML and as CSV: the header's name is kept, the
   * token is nowhere.
   */
  tmp = g_dir_make_tmp ("undersigned-token-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp, "campaign.undersigned", NULL);
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  saved = g_bytes_new_take (g_steal_pointer (&contents), len);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), len, HEADER));
  assert_no_token (saved, "saved campaign file");
  xml = us_export_xml (campaign, US_WRITE_PUBLIC, NULL, &error);
  g_assert_no_error (error);
  assert_no_token (xml, "XML export");
  csv = us_export_csv (campaign, TRUE);
  assert_no_token (csv, "CSV export");

  g_assert_true (us_token_clear (url, HEADER, NULL, &error));
  g_unlink (path);
  g_rmdir (tmp);
  soup_server_disconnect (server);
}

static gboolean
move (const char  *old_url,
      const char  *old_header,
      const char  *new_url,
      const char  *new_header,
      GError     **error)
{
  Wait wait = { NULL };
  g_autoptr(GAsyncResult) result = NULL;

  us_token_move_async (old_url, old_header, new_url, new_header, NULL, done_cb, &wait);
  result = wait_for (&wait);
  return us_token_move_finish (result, error);
}

/* A source whose address or header name changes takes its token along:
 * under the new key, no longer under the old one.
 */
static void
test_move (void)
{
  const char *url = "https://osdi.example.org/api/v1/people";
  const char *new_url = "https://osdi.example.org/api/v2/people";
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *old = NULL;

  if (skip_without_keyring ())
    return;

  g_assert_true (store (url, HEADER, TOKEN, &error));
  g_assert_no_error (error);
  g_assert_true (move (url, HEADER, new_url, "X-Api-Key", &error));
  g_assert_no_error (error);
  token = lookup (new_url, "X-Api-Key", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);
  old = lookup (url, HEADER, &error);
  g_assert_no_error (error);
  g_assert_null (old);

  /* Nothing under the old key: nothing to move, and no error. */
  g_assert_false (move (url, HEADER, "https://osdi.example.org/v3", HEADER, &error));
  g_assert_no_error (error);
  /* The same key: nothing changes, the token is still there. */
  g_assert_false (move (new_url, "X-Api-Key", new_url, "X-Api-Key", &error));
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = lookup (new_url, "X-Api-Key", &error);
  g_assert_cmpstr (token, ==, TOKEN);

  g_assert_true (us_token_clear (new_url, "X-Api-Key", NULL, &error));
  g_assert_no_error (error);
}

/* In a child process, on a bus of its own with no Secret Service and
 * none that D-Bus could start.
 */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {

      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (private_bus);
      g_assert_false (store ("https://example.org/feed", HEADER, TOKEN, &error));
      g_assert_nonnull (error);
      g_print ("store: %s\n", error->message);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no keyring is running"));
      g_assert_null (strstr (error->message, TOKEN));
      g_clear_error (&error);

      token = lookup ("https://example.org/feed", HEADER, &error);
      g_assert_null (token);
      g_assert_nonnull (error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no keyring is running"));
      g_clear_error (&error);

      g_assert_false (us_token_clear ("https://example.org/feed", HEADER, NULL, &error));
      g_assert_nonnull (error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no keyring is running"));
      g_clear_error (&error);

      g_assert_false (move ("https://example.org/feed", HEADER, "https://example.org/v2", HEADER, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no keyring is running"));
      g_clear_error (&error);
      g_test_dbus_stop (private_bus);
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*store: no keyring is running*");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  GPid keyring = 0;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!us_token_is_supported ())
    {
      g_print ("1..0 # SKIP this build has no libsecret\n");
      return 77;
    }

  g_test_add_func ("/token/no-keyring", test_no_keyring);
  g_test_add_func ("/token/round-trip", test_round_trip);
  g_test_add_func ("/token/move", test_move);
  g_test_add_func ("/token/sent-as-header", test_sent_as_header);

  if (g_test_subprocess ())
    return g_test_run ();

  /* Nothing here may reach the user's keyring, home or proxy. */
  tmp = g_dir_make_tmp ("undersigned-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" };
      g_autofree char *dir = g_build_filename (tmp, names[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("no_proxy", "*", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");

  private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (private_bus);
  keyring = us_test_keyring_start (WAIT_MS, &error);
  if (keyring == 0)
    {
      keyring_problem = g_strdup_printf ("no keyring to test with: %s", error->message);
      g_printerr ("%s\n", keyring_problem);
    }

  status = g_test_run ();

  us_test_keyring_stop (keyring);
  g_test_dbus_stop (private_bus);
  us_test_remove_tree (tmp);
  if (keyring_problem != NULL && status == 0)
    return 77;
  return status;
}
