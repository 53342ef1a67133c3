/* test-source-tokens.c: a source's token, typed into the Add Source
 * dialog, kept in a private GNOME Keyring, sent as the header the source
 * names to a feed served on 127.0.0.1, following the source's edits and
 * redirects, and never written to a file or a log; and what the user
 * sees with no keyring at all
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session).  Every wait iterates
 * the main context until a condition holds, with a bounded timeout.  The
 * only traffic is to the in-process SoupServer on the loopback interface
 * (tests/us-test-sources.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "us-application.h"
#include "us-drafts.h"
#include "us-export.h"
#include "us-source-dialog.h"
#include "us-sources-page.h"
#include "us-token.h"
#include "us-window.h"
#include "us-test-keyring.h"
#include "us-test-sources.h"
#include "us-test-ui.h"

#define WAIT_MS 10000

static GtkApplication *app;
static char *keyring_problem;     /* why the keyring test skips */

#define WAIT_FOR(cond) US_TEST_WAIT_FOR (cond, WAIT_MS)

static UsSourceDialog *
find_source_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (US_IS_SOURCE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return US_SOURCE_DIALOG (window);
    }
  return NULL;
}

static gboolean
shows_label_starting (GtkWidget     *widget,
                      gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix);
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  return GTK_LABEL (us_test_find_widget (root, shows_label_starting, prefix));
}

/* Opens Add Source from the page and fills it in as a user would. */
static UsSourceDialog *
fill_add_dialog (UsSourcesPage *page,
                 const char    *url)
{
  UsSourceDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Address"), url);
  adw_combo_row_set_selected (ADW_COMBO_ROW (us_test_find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)),
                              US_SOURCE_KIND_INCIDENTS);
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token"),
                         US_TEST_TOKEN_HEADER);
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "T_oken"), US_TEST_TOKEN);
  return dialog;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static void
assert_no_token (const char *data,
                 gsize       len,
                 const char *what)
{
  g_assert_nonnull (data);
  g_assert_cmpuint (len, >, 0);
  if (g_strstr_len (data, len, US_TEST_TOKEN) != NULL)
    g_error ("the token is in the %s", what);
}

static void
assert_file_has_no_token (const char *path,
                          const char *what)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  /* The source itself is there, with the header's name. */
  g_assert_nonnull (g_strstr_len (contents, len, US_TEST_TOKEN_HEADER));
  assert_no_token (contents, len, what);
}

/* The token goes from the Add Source dialog into the keyring, from the
 * keyring into the request as the header the source names, and into no
 * file: not the campaign, not its draft, not an export.
 */
static void
test_token_in_keyring (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Token campaign");
  g_autofree char *url = us_test_feed_url ("/osdi");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  UsDocument *document;
  UsSourcesPage *page;
  UsSourceDialog *dialog;
  Wait wait = { NULL };
  gsize len;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  document = us_window_get_document (window);
  page = us_test_show_sources (window, campaign);

  dialog = fill_add_dialog (page, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (g_list_model_get_n_items (us_campaign_get_sources (campaign)) == 1);
  g_assert_null (find_source_dialog ());
  g_assert_cmpstr (us_source_get_token_header (us_campaign_find_source (campaign, "127.0.0.1")), ==,
                   US_TEST_TOKEN_HEADER);

  /* It is in the keyring. */
  us_token_lookup_async (url, US_TEST_TOKEN_HEADER, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  token = us_token_lookup_finish (wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, US_TEST_TOKEN);

  /* Forget the copy the dialog handed the app: the refresh must get it
   * from the keyring, as after a restart.
   */
  us_application_remember_token (US_APPLICATION (app), url, US_TEST_TOKEN_HEADER, NULL);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_test_feed_get_token_seen (), ==, US_TEST_TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "127.0.0.1"), ==, "2 new");

  /* Saved, as a draft, exported: never the token. */
  dir = g_dir_make_tmp ("undersigned-token-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "campaign.undersigned", NULL);
  g_assert_true (us_document_write_draft_now (document, &error));
  g_assert_no_error (error);
  draft = us_drafts_path_for_id (us_document_get_draft_id (document));
  assert_file_has_no_token (draft, "draft");
  file = g_file_new_for_path (path);
  us_document_save_async (document, file, FALSE, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  g_assert_true (us_document_save_finish (document, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  assert_file_has_no_token (path, "saved campaign");
  xml = us_export_xml (campaign, US_WRITE_PUBLIC, NULL, &error);
  g_assert_no_error (error);
  assert_no_token (g_bytes_get_data (xml, &len), len, "XML export");
  csv = us_export_csv (campaign, TRUE);
  assert_no_token (g_bytes_get_data (csv, &len), len, "CSV export");

  g_assert_true (us_token_clear (url, US_TEST_TOKEN_HEADER, NULL, &error));
  g_assert_no_error (error);
  us_application_remember_token (US_APPLICATION (app), url, US_TEST_TOKEN_HEADER, NULL);
  g_unlink (path);
  g_rmdir (dir);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
lookup_token (const char *url,
              const char *header)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;
  char *token;

  us_token_lookup_async (url, header, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  token = us_token_lookup_finish (wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return token;
}

/* An undo moves the token in the background: wait until it is under
 * the one key and not under the other.
 */
static gboolean
token_only_under (const char *url,
                  const char *header,
                  const char *other_url,
                  const char *other_header)
{
  g_autofree char *token = lookup_token (url, header);
  g_autofree char *other = lookup_token (other_url, other_header);

  return g_strcmp0 (token, US_TEST_TOKEN) == 0 && other == NULL;
}

/* A source on another site kept its token under its own address: the
 * move did not take it along.
 */
static void
assert_token_stayed (const char *away_url,
                     const char *elsewhere)
{
  g_autofree char *token = lookup_token (away_url, US_TEST_TOKEN_HEADER);
  g_autofree char *moved = lookup_token (elsewhere, US_TEST_TOKEN_HEADER);

  g_assert_cmpstr (token, ==, US_TEST_TOKEN);
  g_assert_null (moved);
}

/* Editing the address and header name of a source moves its token with
 * them: found under the new key, gone from the old one, and sent as the
 * new header by the next refresh, without typing it again.  Undo and
 * redo take it back and forth, so it stays under the key the source has.
 */
static void
test_token_follows_edit (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Moved token");
  g_autofree char *url = us_test_feed_url ("/osdi");
  g_autofree char *new_url = us_test_feed_url ("/osdi-v2");
  g_autofree char *token = NULL;
  UsDocument *document;
  UsUndoStack *undo;
  UsSourcesPage *page;
  UsSourceDialog *dialog;
  UsSource *source;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  document = us_window_get_document (window);
  undo = us_document_get_undo_stack (document);
  page = us_test_show_sources (window, campaign);

  dialog = fill_add_dialog (page, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (g_list_model_get_n_items (us_campaign_get_sources (campaign)) == 1);
  source = us_campaign_find_source (campaign, "127.0.0.1");
  g_assert_nonnull (source);

  /* Edit it: a new address and header name, the token left empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "127.0.0.1"));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (us_test_entry (GTK_WIDGET (dialog), "T_oken")), ==, "");
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Address"), new_url);
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token"),
                         US_TEST_MOVED_HEADER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (find_source_dialog () == NULL);
  g_assert_cmpstr (us_source_get_url (source), ==, new_url);
  g_assert_cmpstr (us_source_get_token_header (source), ==, US_TEST_MOVED_HEADER);

  token = lookup_token (new_url, US_TEST_MOVED_HEADER);
  g_assert_cmpstr (token, ==, US_TEST_TOKEN);
  g_clear_pointer (&token, g_free);
  token = lookup_token (url, US_TEST_TOKEN_HEADER);
  g_assert_null (token);

  /* As after a restart: the refresh gets it from the keyring. */
  us_application_remember_token (US_APPLICATION (app), url, US_TEST_TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), new_url, US_TEST_MOVED_HEADER, NULL);
  us_test_feed_forget_token ();
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_test_feed_get_token_seen (), ==, US_TEST_TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "127.0.0.1"), ==, "2 new");

  /* Undo the refresh, then the edit: the token goes back with the key. */
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_cmpstr (us_source_get_url (source), ==, url);
  g_assert_cmpstr (us_source_get_token_header (source), ==, US_TEST_TOKEN_HEADER);
  WAIT_FOR (token_only_under (url, US_TEST_TOKEN_HEADER, new_url, US_TEST_MOVED_HEADER));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpstr (us_source_get_url (source), ==, new_url);
  WAIT_FOR (token_only_under (new_url, US_TEST_MOVED_HEADER, url, US_TEST_TOKEN_HEADER));

  /* The header renamed with the token typed again: the old key keeps none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "127.0.0.1"));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token"),
                         US_TEST_TOKEN_HEADER);
  gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "T_oken"), US_TEST_TOKEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (find_source_dialog () == NULL);
  g_assert_true (token_only_under (new_url, US_TEST_TOKEN_HEADER, new_url, US_TEST_MOVED_HEADER));

  g_assert_true (us_token_clear (new_url, US_TEST_TOKEN_HEADER, NULL, NULL));
  us_application_remember_token (US_APPLICATION (app), new_url, US_TEST_TOKEN_HEADER, NULL);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
store_token (const char *url,
             const char *header)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;

  us_token_store_async (url, header, US_TEST_TOKEN, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  g_assert_true (us_token_store_finish (wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
}

/* A permanent redirect moves the source, and its token with it when it
 * stays on the same origin; to another origin the token stays behind,
 * so that no later refresh sends it there.
 */
static void
test_token_follows_redirect (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Redirected token");
  g_autofree char *old_url = us_test_feed_url ("/osdi-old");
  g_autofree char *url = us_test_feed_url ("/osdi");
  g_autofree char *away_url = us_test_feed_url ("/osdi-away");
  g_autoptr(UsSource) source = NULL;
  g_autoptr(UsSource) away = NULL;
  g_autoptr(GUri) away_uri = NULL;
  g_autofree char *elsewhere = NULL;
  UsSourcesPage *page;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  page = us_test_show_sources (window, campaign);

  source = us_source_new ("osdi", old_url, US_SOURCE_KIND_INCIDENTS);
  us_source_set_token_header (source, US_TEST_TOKEN_HEADER);
  us_sources_page_add_source (page, source);
  away = us_source_new ("away", away_url, US_SOURCE_KIND_INCIDENTS);
  us_source_set_token_header (away, US_TEST_TOKEN_HEADER);
  us_sources_page_add_source (page, away);
  store_token (old_url, US_TEST_TOKEN_HEADER);
  store_token (away_url, US_TEST_TOKEN_HEADER);

  us_test_feed_forget_token ();
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_test_feed_get_token_seen (), ==, US_TEST_TOKEN);
  g_assert_cmpstr (us_source_get_url (source), ==, url);
  away_uri = g_uri_parse (away_url, G_URI_FLAGS_NONE, NULL);
  elsewhere = g_strdup_printf ("http://localhost:%d/feed.atom", g_uri_get_port (away_uri));
  g_assert_cmpstr (us_source_get_url (away), ==, elsewhere);

  WAIT_FOR (token_only_under (url, US_TEST_TOKEN_HEADER, old_url, US_TEST_TOKEN_HEADER));
  assert_token_stayed (away_url, elsewhere);

  /* Undo puts the old address back and the token with it; redo moves
   * both again.  The other site's source goes back and forth without it.
   */
  g_assert_true (us_undo_stack_undo (us_document_get_undo_stack (us_window_get_document (window))));
  g_assert_cmpstr (us_source_get_url (source), ==, old_url);
  g_assert_cmpstr (us_source_get_url (away), ==, away_url);
  WAIT_FOR (token_only_under (old_url, US_TEST_TOKEN_HEADER, url, US_TEST_TOKEN_HEADER));
  g_assert_true (us_undo_stack_redo (us_document_get_undo_stack (us_window_get_document (window))));
  g_assert_cmpstr (us_source_get_url (source), ==, url);
  g_assert_cmpstr (us_source_get_url (away), ==, elsewhere);
  WAIT_FOR (token_only_under (url, US_TEST_TOKEN_HEADER, old_url, US_TEST_TOKEN_HEADER));
  assert_token_stayed (away_url, elsewhere);

  /* Straight to the new address, with the token from the keyring. */
  us_application_remember_token (US_APPLICATION (app), old_url, US_TEST_TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), url, US_TEST_TOKEN_HEADER, NULL);
  us_test_feed_forget_token ();
  us_sources_page_refresh (page, "osdi");
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_test_feed_get_token_seen (), ==, US_TEST_TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "osdi"), ==, "0 new");

  g_assert_true (us_token_clear (url, US_TEST_TOKEN_HEADER, NULL, NULL));
  g_assert_true (us_token_clear (away_url, US_TEST_TOKEN_HEADER, NULL, NULL));
  us_application_remember_token (US_APPLICATION (app), url, US_TEST_TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), away_url, US_TEST_TOKEN_HEADER, NULL);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With no Secret Service on the bus (a child process on a private bus
 * that cannot start one): the dialog says so and keeps the source
 * unsaved; a refresh says so in its summary.  No crash, no plain-text
 * fallback.
 */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      UsWindow *window = us_window_new (app);
      g_autoptr(UsCampaign) campaign = us_campaign_new ("No keyring");
      g_autofree char *url = us_test_feed_url ("/osdi");
      g_autofree char *new_url = us_test_feed_url ("/osdi-v2");
      g_autoptr(UsSource) source = NULL;
      UsSourcesPage *page;
      UsSourceDialog *dialog;
      GtkLabel *message;

      page = us_test_show_sources (window, campaign);

      dialog = fill_add_dialog (page, url);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
      WAIT_FOR (find_label (GTK_WIDGET (dialog), "Could not store the token") != NULL);
      message = find_label (GTK_WIDGET (dialog), "Could not store the token");
      g_print ("dialog: %s\n", gtk_label_get_text (message));
      g_assert_nonnull (strstr (gtk_label_get_text (message), "no keyring is running"));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
      g_assert_true (find_source_dialog () == dialog);
      g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 0);
      /* The window does not grow: the message is scrolled into view. */
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_SCROLLED_WINDOW)));

        WAIT_FOR (gtk_adjustment_get_value (adjustment) > 0 &&
                  gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                  gtk_adjustment_get_upper (adjustment));
      }
      us_test_save_png (GTK_WIDGET (dialog), "source-dialog-no-keyring.png", WAIT_MS);
      gtk_window_destroy (GTK_WINDOW (dialog));

      /* A source that needs a token, refreshed. */
      source = us_source_new ("osdi", url, US_SOURCE_KIND_INCIDENTS);
      us_source_set_token_header (source, US_TEST_TOKEN_HEADER);
      us_sources_page_add_source (page, source);
      us_sources_page_refresh (page, NULL);
      WAIT_FOR (!us_sources_page_get_refreshing (page));
      g_print ("summary: %s\n", us_sources_page_get_last_summary (page));
      g_assert_true (g_str_has_prefix (us_sources_page_get_last_summary (page),
                                       "1 source failed (tokens could not be read: no keyring is running"));
      g_assert_null (us_test_feed_get_token_seen ());

      /* A new address: the token cannot follow, so nothing is saved. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "osdi"));
      WAIT_FOR (find_source_dialog () != NULL);
      dialog = find_source_dialog ();
      gtk_editable_set_text (us_test_entry (GTK_WIDGET (dialog), "_Address"), new_url);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
      WAIT_FOR (find_label (GTK_WIDGET (dialog), "Could not move the token") != NULL);
      message = find_label (GTK_WIDGET (dialog), "Could not move the token");
      g_print ("move: %s\n", gtk_label_get_text (message));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
      g_assert_cmpstr (us_source_get_url (source), ==, url);
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_SCROLLED_WINDOW)));

        WAIT_FOR (gtk_adjustment_get_value (adjustment) > 0 &&
                  gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                  gtk_adjustment_get_upper (adjustment));
      }
      us_test_save_png (GTK_WIDGET (dialog), "source-dialog-move-failed.png", WAIT_MS);
      gtk_window_destroy (GTK_WINDOW (dialog));
      us_campaign_set_modified (campaign, FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*dialog: Could not store the token: no keyring is running*"
                             "move: Could not move the token: no keyring is running*");
}

/* Nothing may log the token, at any level. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        strstr (fields[i].value, US_TEST_TOKEN) != NULL)
      {
        fputs ("a log message holds the token\n", stderr);
        abort ();
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  static GTestDBus *private_bus = NULL; /* static: never freed (see the end), still reachable */
  GPid keyring = 0;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);

  tmp_dir = us_test_ui_init ("source-tokens", US_TEST_UI_RUNTIME_DIR, &argc, &argv);

  /* The keyring: a private gnome-keyring-daemon on this session bus, or,
   * in /sources/no-keyring's child, a private bus with no Secret Service.
   * Either way the user's own keyring is never touched.
   */
  if (g_test_subprocess ())
    {
      private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (private_bus);
    }
  else
    {
      keyring = us_test_keyring_start (WAIT_MS, &error);
      if (keyring == 0)
        {
          keyring_problem = g_strdup_printf ("no keyring to test with: %s", error->message);
          g_printerr ("%s\n", keyring_problem);
          g_clear_error (&error);
        }
    }

  us_test_feed_start ();
  app = GTK_APPLICATION (us_test_ui_register_app ());

  g_test_add_func ("/sources/token-in-keyring", test_token_in_keyring);
  g_test_add_func ("/sources/token-follows-edit", test_token_follows_edit);
  g_test_add_func ("/sources/token-follows-redirect", test_token_follows_redirect);
  g_test_add_func ("/sources/no-keyring", test_no_keyring);
  status = g_test_run ();

  g_object_unref (app);
  us_test_feed_stop ();
  us_test_keyring_stop (keyring);
  /* libsecret keeps its connection: stop the bus without waiting. */
  if (private_bus != NULL)
    g_test_dbus_stop (private_bus);
  us_test_ui_remove_home (tmp_dir);
  return status;
}
