/* test-fetch-osdi.c: signature sources, tokens and HTTPS, against
 * in-process servers on 127.0.0.1
 *
 * CSV and OSDI signature feeds (pagination, and pages that loop, leave
 * the site, fail or never end), the token a source sends and where it
 * must never go (another origin, the saved file, an untrusted HTTPS
 * server), and undersigned-cli's --token-env.  The plain HTTP behaviours
 * are tests/test-fetch.c's.  Nothing here leaves the loopback interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "us-fetcher-private.h"
#include "us-format.h"
#include "us-token.h"
#include "us-test-campaign.h"
#include "us-test-server.h"

#define TOKEN "s3cret-Token-4f2a9"
#define TOKEN_HEADER "OSDI-API-Token"

typedef struct
{
  SoupServer *server;
  SoupServer *other;             /* another origin, for cross-origin links */
  char       *base;              /* http://127.0.0.1:PORT */
  char       *other_base;
  guint       n_entries;
  guint       requests;
  char       *token_seen;
  gboolean    other_saw_token;
  guint       other_requests;
  guint       osdi_requests;
  guint       osdi_token_pages;  /* OSDI pages that came with the token */
} Fixture;

/* Feeds */

static char *
make_osdi_page (guint       first,
                guint       n,
                const char *next)
{
  GString *s = g_string_new ("{\"total_records\": 6, \"_links\": {");

  if (next != NULL)
    g_string_append_printf (s, "\"next\": {\"href\": \"%s\"}", next);
  g_string_append (s, "}, \"_embedded\": {\"osdi:signatures\": [");
  for (guint i = first; i < first + n; i++)
    g_string_append_printf (s, "%s{\"created_date\": \"2020-05-26T10:00:00Z\","
                               " \"_embedded\": {\"osdi:person\": {"
                               "\"given_name\": \"Signer\", \"family_name\": \"Number %u\","
                               " \"email_addresses\": [{\"address\": \"signer%u@example.org\","
                               " \"primary\": true}]}}}",
                            i > first ? ", " : "", i, i);
  g_string_append (s, "]}}");
  return g_string_free (s, FALSE);
}

static void
set_osdi_page (SoupServerMessage *msg,
               guint              first,
               guint              n,
               const char        *next)
{
  char *page = make_osdi_page (first, n, next);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/hal+json", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

/* The paginated OSDI feeds: /osdi/N and its kin. */
static gboolean
serve_osdi (Fixture           *fx,
            SoupServerMessage *msg,
            const char        *path)
{
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);
  g_autofree char *next = NULL;
  guint page;

  if (!g_str_has_prefix (path, "/osdi"))
    return FALSE;
  fx->osdi_requests++;
  if (g_strcmp0 (soup_message_headers_get_one (req, TOKEN_HEADER), TOKEN) == 0)
    fx->osdi_token_pages++;

  if (sscanf (path, "/osdi/%u", &page) == 1)
    {
      /* A relative link, then an absolute one, then the end. */
      if (page == 1)
        next = g_strdup ("2?per_page=2");
      else if (page == 2)
        next = g_strconcat (fx->base, "/osdi/3", NULL);
      set_osdi_page (msg, (page - 1) * 2, 2, next);
    }
  else if (sscanf (path, "/osdi-loop/%u", &page) == 1)
    {
      next = g_strdup (page == 1 ? "/osdi-loop/2" : "/osdi-loop/1");
      set_osdi_page (msg, page * 2, 2, next);
    }
  else if (strcmp (path, "/osdi-away") == 0)
    {
      next = g_strconcat (fx->other_base, "/osdi/2", NULL);
      set_osdi_page (msg, 0, 2, next);
    }
  else if (strcmp (path, "/osdi-broken") == 0)
    set_osdi_page (msg, 0, 2, "/500");
  else if (sscanf (path, "/osdi-endless/%u", &page) == 1)
    {
      next = g_strdup_printf ("/osdi-endless/%u", page + 1);
      set_osdi_page (msg, page * 2, 2, next);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  return TRUE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  Fixture *fx = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);

  fx->requests++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);

  if (serve_osdi (fx, msg, path))
    return;
  if (strcmp (path, "/plain-feed") == 0)
    us_test_serve_feed (msg, fx->n_entries);
  else if (strcmp (path, "/500") == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (strcmp (path, "/token") == 0)
    {
      const char *token = soup_message_headers_get_one (req, TOKEN_HEADER);

      g_free (fx->token_seen);
      fx->token_seen = g_strdup (token);
      if (g_strcmp0 (token, TOKEN) != 0)
        soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      else
        us_test_serve_feed (msg, fx->n_entries);
    }
  else if (strcmp (path, "/token-away") == 0)
    {
      g_autofree char *to = g_strconcat (fx->other_base, "/plain-feed", NULL);

      soup_server_message_set_redirect (msg, 302, to);
    }
  else if (strcmp (path, "/csv") == 0)
    us_test_serve_csv (msg);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
other_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  Fixture *fx = data;
  SoupMessageHeaders *req = soup_server_message_get_request_headers (msg);

  fx->other_requests++;
  fx->other_saw_token = soup_message_headers_get_one (req, TOKEN_HEADER) != NULL;
  if (g_str_has_prefix (path, "/osdi"))
    set_osdi_page (msg, 100, 2, NULL);
  else
    us_test_serve_feed (msg, 2);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  fx->n_entries = 3;
  fx->server = us_test_server_new (NULL, server_cb, fx, &fx->base);
  fx->other = us_test_server_new (NULL, other_cb, fx, &fx->other_base);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  soup_server_disconnect (fx->server);
  soup_server_disconnect (fx->other);
  /* Let the disconnections run before the objects go. */
  us_test_drain_main_context ();
  g_clear_object (&fx->server);
  g_clear_object (&fx->other);
  g_free (fx->base);
  g_free (fx->other_base);
  g_free (fx->token_seen);
}

/* Tests */

static char *
token_func (const char *source_id,
            const char *url,
            const char *header,
            gpointer    user_data)
{
  g_assert_cmpstr (header, ==, TOKEN_HEADER);
  return g_strdup (user_data);
}

static void
test_token (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base, "osdi", "/token", US_SOURCE_KIND_INCIDENTS,
                   "away", "/token-away", US_SOURCE_KIND_INCIDENTS,
                   "public", "/plain-feed", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) denied = NULL;
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *path = us_test_tmp_path ("token.undersigned");
  g_autofree char *contents = NULL;
  gsize len;

  us_source_set_token_header (us_campaign_find_source (campaign, "osdi"), TOKEN_HEADER);
  us_source_set_token_header (us_campaign_find_source (campaign, "away"), TOKEN_HEADER);

  /* No token: the server refuses, and the message says what to check. */
  denied = us_test_refresh_ok (fetcher, campaign);
  g_assert_null (fx->token_seen);
  g_assert_cmpstr (us_refresh_result_get_summary (denied, "osdi"), ==,
                   "error: HTTP 401 Unauthorized: check the token sent in " TOKEN_HEADER);

  us_fetcher_set_token_func (fetcher, token_func, g_strdup (TOKEN), g_free);
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (fx->token_seen, ==, TOKEN);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "osdi"), ==, "3 new");
  /* A redirect to another origin does not carry the token along. */
  g_assert_cmpstr (us_refresh_result_get_summary (result, "away"), ==, "2 new");
  g_assert_false (fx->other_saw_token);

  us_refresh_result_apply (result, campaign, NULL);
  saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_assert_null (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), TOKEN));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), TOKEN_HEADER));
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, TOKEN));
}

static void
test_signatures (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "form", "/csv", US_SOURCE_KIND_SIGNATURES, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(UsRefreshResult) result = us_test_refresh_ok (fetcher, campaign);
  g_autoptr(UsRefreshResult) again = NULL;
  GListModel *signatories = us_campaign_get_signatories (campaign);

  g_assert_cmpstr (us_refresh_result_get_summary (result, "form"), ==, "2 new");
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 0);
  us_refresh_result_apply (result, campaign, undo);
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 2);
  {
    g_autoptr(UsSignatory) s = g_list_model_get_item (signatories, 0);

    g_assert_cmpstr (us_signatory_get_name (s), ==, "Ada Example");
    g_assert_cmpint (us_signatory_get_status (s), ==, US_STATUS_PENDING);
    g_assert_cmpint (us_signatory_get_origin (s), ==, US_ORIGIN_FETCHED);
  }

  /* The same rows again are duplicates, not new signatories. */
  again = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (again, "form"), ==, "0 new");

  /* The whole merge is one undo step, the import included. */
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 0);
  g_assert_null (us_source_get_last_result (us_campaign_find_source (campaign, "form")));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 2);
}

static guint
count_named (UsCampaign *campaign,
             const char *name)
{
  GListModel *signatories = us_campaign_get_signatories (campaign);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (signatories); i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (signatories, i);

      if (g_strcmp0 (us_signatory_get_name (s), name) == 0)
        n++;
    }
  return n;
}

static void
test_osdi_pages (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "an", "/osdi/1", US_SOURCE_KIND_SIGNATURES, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(UsRefreshResult) again = NULL;
  GListModel *signatories = us_campaign_get_signatories (campaign);
  UsSource *source = us_campaign_find_source (campaign, "an");

  us_source_set_token_header (source, TOKEN_HEADER);
  us_source_set_etag (source, "\"stale\"");
  us_fetcher_set_token_func (fetcher, token_func, g_strdup (TOKEN), g_free);
  us_campaign_set_modified (campaign, FALSE);

  result = us_test_refresh_ok (fetcher, campaign);
  /* Three pages, six signatures, all in one result. */
  g_assert_cmpuint (fx->osdi_requests, ==, 3);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "an"), ==, "6 new");
  /* The token goes to every page of the service the user named. */
  g_assert_cmpuint (fx->osdi_token_pages, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 0);
  g_assert_false (us_campaign_get_modified (campaign));

  us_refresh_result_apply (result, campaign, undo);
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 6);
  g_assert_cmpuint (count_named (campaign, "Signer Number 0"), ==, 1);
  g_assert_cmpuint (count_named (campaign, "Signer Number 5"), ==, 1);
  /* A paginated feed keeps no validators: an unchanged first page says
   * nothing about the others.
   */
  g_assert_null (us_source_get_etag (source));

  /* One merge of every page is one undo step. */
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 0);
  g_assert_false (us_undo_stack_can_undo (undo));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (signatories), ==, 6);

  /* Every page again: nobody twice. */
  again = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpuint (fx->osdi_requests, ==, 6);
  g_assert_cmpstr (us_refresh_result_get_summary (again, "an"), ==, "0 new");
}

/* Applies a result with a failed source and checks that no signatory of
 * it arrived.
 */
static void
assert_no_signatories_after (UsRefreshResult *result,
                             UsCampaign      *campaign)
{
  us_refresh_result_apply (result, campaign, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (campaign)), ==, 0);
}

static void
test_osdi_hostile_pages (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign =
    us_test_campaign_with (fx->base,
                   "loop", "/osdi-loop/1", US_SOURCE_KIND_SIGNATURES,
                   "away", "/osdi-away", US_SOURCE_KIND_SIGNATURES,
                   "broken", "/osdi-broken", US_SOURCE_KIND_SIGNATURES,
                   NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(GBytes) before = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *loop_url = g_strconcat (fx->base, "/osdi-loop/1", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *expected_away = NULL;
  const char *summary;

  result = us_test_refresh_ok (fetcher, campaign);
  after = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_assert_true (g_bytes_equal (before, after));

  /* Page 2 links back to page 1: found, not followed forever. */
  expected = g_strdup_printf ("error: page 2 of the feed: its pages link in a loop: "
                              "the next page, %s, was already fetched", loop_url);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "loop"), ==, expected);
  g_assert_error (us_refresh_result_get_error (result, "loop"), US_FETCH_ERROR, US_FETCH_ERROR_PARSE);

  /* A next link to another origin is refused before any request. */
  summary = us_refresh_result_get_summary (result, "away");
  g_test_message ("cross-host: %s", summary);
  g_assert_true (g_str_has_prefix (summary, "error: its next page is on another site ("));
  g_assert_nonnull (strstr (summary, fx->other_base));
  expected_away = g_strconcat ("which is not followed: pages must stay on ", fx->base, NULL);
  g_assert_true (g_str_has_suffix (summary, expected_away));
  g_assert_cmpuint (fx->other_requests, ==, 0);

  /* Page 2 fails: the whole source fails, page 1 is not merged alone. */
  g_assert_cmpstr (us_refresh_result_get_summary (result, "broken"), ==,
                   "error: page 2 of the feed: HTTP 500 Internal Server Error");
  g_assert_null (us_refresh_result_get_summary (result, "nothing"));
  g_assert_cmpuint (us_refresh_result_get_n_new (result, "broken"), ==, 0);

  assert_no_signatories_after (result, campaign);
}

static void
test_osdi_page_cap (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "endless", "/osdi-endless/1", US_SOURCE_KIND_SIGNATURES, NULL);
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(UsRefreshResult) capped = NULL;

  g_assert_cmpuint (fetcher->max_pages, ==, 1000);
  /* A feed that always has another page stops at the cap: 1,000 pages
   * would make a slow test, so the cap is lowered.
   */
  fetcher->max_pages = 5;
  result = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpuint (fx->osdi_requests, ==, 5);
  g_assert_cmpstr (us_refresh_result_get_summary (result, "endless"), ==,
                   "error: page 5 of the feed: the feed has more than 5 pages");
  g_assert_error (us_refresh_result_get_error (result, "endless"), US_FETCH_ERROR, US_FETCH_ERROR_TOO_LARGE);
  assert_no_signatories_after (result, campaign);

  /* The body cap covers every page together, not each alone. */
  fetcher->max_pages = 1000;
  us_fetcher_set_max_body_size (fetcher, 2048);
  capped = us_test_refresh_ok (fetcher, campaign);
  g_assert_true (g_str_has_suffix (us_refresh_result_get_summary (capped, "endless"),
                                   ": body larger than 2 KB"));
  g_assert_cmpuint (fx->osdi_requests, <, 5 + 10);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* HTTPS with a self-signed certificate (tests/data/tls): refused, and
 * nothing reaches the server or the campaign.
 */
static void
test_tls_self_signed (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "data", "tls", "cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "data", "tls", "key.pem", NULL);
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GTlsDatabase) trusting = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsFetcher) fetcher = us_test_fetcher_new ();
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(UsRefreshResult) trusted = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (install glib-networking)");
      return;
    }
#ifdef UNDER_ASAN
  /* clang 14's LeakSanitizer crashes at exit on the dynamic TLS that
   * gnutls leaves in a GLib worker thread ("Tracer caught signal 11").
   * Under AddressSanitizer this test runs in a child without the leak
   * check; valgrind's run checks it for leaks.
   */
  if (!g_test_subprocess ())
    {
      g_autofree char *old = g_strdup (g_getenv ("ASAN_OPTIONS"));
      g_autofree char *child = g_strconcat (old ? old : "", old ? ":" : "", "detect_leaks=0", NULL);

      g_setenv ("ASAN_OPTIONS", child, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (old != NULL)
        g_setenv ("ASAN_OPTIONS", old, TRUE);
      else
        g_unsetenv ("ASAN_OPTIONS");
      g_test_trap_assert_passed ();
      return;
    }
#endif
  cert = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = us_test_server_new (cert, server_cb, fx, &base);
  g_assert_true (g_str_has_prefix (base, "https://"));
  url = g_strconcat (base, "/csv", NULL);

  campaign = us_test_campaign_with (fx->base, "tls", url, US_SOURCE_KIND_SIGNATURES, NULL);
  us_source_set_token_header (us_campaign_find_source (campaign, "tls"), TOKEN_HEADER);
  us_campaign_set_modified (campaign, FALSE);
  us_fetcher_set_token_func (fetcher, token_func, g_strdup (TOKEN), g_free);
  before = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);

  result = us_test_refresh_ok (fetcher, campaign);
  expected = g_strdup_printf ("error: refused the secure connection to %s: "
                              "its certificate is not signed by a trusted authority",
                              base + strlen ("https://"));
  g_assert_cmpstr (us_refresh_result_get_summary (result, "tls"), ==, expected);
  g_assert_error (us_refresh_result_get_error (result, "tls"), US_FETCH_ERROR, US_FETCH_ERROR_TLS);
  /* The handshake failed: no request, so no token, ever reached it. */
  g_assert_cmpuint (fx->requests, ==, 0);
  g_assert_null (fx->token_seen);
  after = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (us_campaign_get_modified (campaign));
  assert_no_signatories_after (result, campaign);

  /* The control: trusting that certificate, the same server works, so
   * the refusal above was the certificate's and nothing else.
   */
  trusting = g_tls_file_database_new (cert_path, &error);
  g_assert_no_error (error);
  soup_session_set_tls_database (us_fetcher_get_session (fetcher), trusting);
  trusted = us_test_refresh_ok (fetcher, campaign);
  g_assert_cmpstr (us_refresh_result_get_summary (trusted, "tls"), ==, "2 new");
  g_assert_cmpuint (fx->requests, ==, 1);

  soup_server_disconnect (server);
  us_test_drain_main_context ();
}

/* Runs undersigned-cli while our server keeps answering on this thread;
 * returns its exit code.
 */
static int
run_cli (const char  *cli,
         const char  *token,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, err);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "US_TEST_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "US_TEST_TOKEN");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, us_test_async_done, &result);
  us_test_wait (&result);
  g_subprocess_communicate_utf8_finish (process, result, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
test_cli_token_env (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *cli = g_build_filename (g_getenv ("US_BUILD_ROOT") ? g_getenv ("US_BUILD_ROOT") : ".",
                                           "src", "cli", "undersigned-cli", NULL);
  g_autoptr(UsCampaign) campaign = us_test_campaign_with (fx->base, "osdi", "/token", US_SOURCE_KIND_INCIDENTS, NULL);
  g_autofree char *path = us_test_tmp_path ("cli-token.undersigned");
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  int status;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("undersigned-cli is not built");
      return;
    }
  us_source_set_token_header (us_campaign_find_source (campaign, "osdi"), TOKEN_HEADER);
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, NULL));

  /* A variable named but not set is a usage error, and nothing is sent. */
  status = run_cli (cli, NULL, &out, &err, "fetch", path, "--token-env", "US_TEST_TOKEN", NULL);
  g_assert_cmpint (status, ==, 2);
  g_assert_nonnull (strstr (err, "US_TEST_TOKEN is not set"));
  g_assert_cmpuint (fx->requests, ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (cli, TOKEN, &out, &err, "fetch", path, "--token-env", "US_TEST_TOKEN", NULL);
  g_assert_cmpstr (out, ==, "osdi: 3 new\n");
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (fx->token_seen, ==, TOKEN);

  /* Neither the saved campaign nor its backup holds the token. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_null (g_strstr_len (contents, len, TOKEN));
  g_assert_nonnull (g_strstr_len (contents, len, "3 new"));
  g_clear_pointer (&contents, g_free);
  if (g_file_get_contents (backup, &contents, &len, NULL))
    g_assert_null (g_strstr_len (contents, len, TOKEN));
}

static void
test_token_store_without_keyring (void)
{
  /* The keyring is optional; without it, a clear error, never a crash.
   * With libsecret, CI has no secret service, so only the stub is tested.
   */
  if (us_token_is_supported ())
    {
      g_test_skip ("built with libsecret; no secret service in the test environment");
      return;
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (us_token_clear ("https://example.org/feed", TOKEN_HEADER, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "--token-env"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/fetch/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("token", test_token);
  ADD ("signatures", test_signatures);
  ADD ("cli-token-env", test_cli_token_env);
  ADD ("osdi-pages", test_osdi_pages);
  ADD ("osdi-hostile-pages", test_osdi_hostile_pages);
  ADD ("osdi-page-cap", test_osdi_page_cap);
  ADD ("tls-self-signed", test_tls_self_signed);
#undef ADD
  g_test_add_func ("/fetch/token-store-without-keyring", test_token_store_without_keyring);

  return g_test_run ();
}
