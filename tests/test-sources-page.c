/* test-sources-page.c: the Sources page and the incident inbox, driven as
 * a user would, against a feed served on 127.0.0.1
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session).  Every wait iterates
 * the main context until a condition holds, with a bounded timeout.  The
 * only traffic is to the in-process SoupServer on the loopback interface
 * (tests/us-test-sources.c).  The tokens of sources, in the keyring, are
 * tests/test-source-tokens.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "us-application.h"
#include "us-inbox-dialog.h"
#include "us-incidents-page.h"
#include "us-source-row.h"
#include "us-sources-page.h"
#include "us-window.h"
#include "us-test-sources.h"
#include "us-test-ui.h"

#define WAIT_MS 10000

static GtkApplication *app;

#define WAIT_FOR(cond) US_TEST_WAIT_FOR (cond, WAIT_MS)

static const char *
badge_text (UsInboxButton *button)
{
  GtkWidget *label = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static UsCandidate *
candidate_at (UsCampaign *campaign,
              guint       i)
{
  g_autoptr(UsCandidate) c = g_list_model_get_item (us_campaign_get_inbox (campaign), i);

  return c; /* the inbox keeps its reference */
}

static void
test_refresh_inbox (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Test campaign");
  g_autofree char *url = us_test_feed_url ("/feed.atom");
  g_autoptr(UsSource) source = us_source_new (NULL, url, US_SOURCE_KIND_INCIDENTS);
  UsDocument *document = us_window_get_document (window);
  UsUndoStack *undo = us_document_get_undo_stack (document);
  UsSourcesPage *page;
  UsInboxButton *badge;
  UsInboxDialog *dialog;
  GtkWidget *form;
  GListModel *incidents;
  UsCandidate *first, *second;
  const char *id;

  page = us_test_show_sources (window, campaign);
  badge = US_INBOX_BUTTON (us_test_find_widget_of_type (us_window_get_page_widget (window, "incidents"),
                                                        US_TYPE_INBOX_BUTTON));
  g_assert_nonnull (badge);
  g_assert_true (us_document_get_campaign (document) == campaign);
  incidents = us_campaign_get_incidents (campaign);

  /* Add: the id comes from the host; one undo step. */
  us_sources_page_add_source (page, source);
  id = us_source_get_id (source);
  g_assert_cmpstr (id, ==, "127.0.0.1");
  g_assert_true (us_campaign_find_source (campaign, id) == source);
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "");

  /* Refresh every source, as Ctrl+R does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-sources", NULL));
  g_assert_true (us_sources_page_get_refreshing (page));
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "2 new");
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "2 new incident candidates");
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 2);
  g_assert_cmpstr (badge_text (badge), ==, "2");
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  us_test_save_png (GTK_WIDGET (window), "sources-refreshed.png", WAIT_MS);
  first = candidate_at (campaign, 0);
  second = candidate_at (campaign, 1);

  /* Accept the first through the inbox's form. */
  dialog = us_inbox_dialog_new (GTK_WINDOW (window), campaign, undo);
  gtk_window_present (GTK_WINDOW (dialog));
  us_test_save_png (GTK_WIDGET (dialog), "inbox.png", WAIT_MS);
  form = us_inbox_dialog_show_accept (dialog, first);
  gtk_editable_set_text (us_test_entry (form, "_Victim"), "Brno University Hospital");
  gtk_editable_set_text (us_test_entry (form, "_Country (ISO code, e.g. CZ)"), "cz");
  g_assert_cmpstr (gtk_editable_get_text (us_test_entry (form, "_Identifier")), ==,
                   "ransomware-hits-brno-hospital");
  g_assert_cmpstr (gtk_editable_get_text (us_test_entry (form, "_Date (YYYY-MM-DD)")), ==,
                   "2024-03-01");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "accept"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "accept");
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  {
    UsIncident *incident = us_campaign_find_incident (campaign, "ransomware-hits-brno-hospital");
    g_autoptr(UsReference) reference = NULL;

    g_assert_nonnull (incident);
    g_assert_cmpstr (us_incident_get_country (incident), ==, "CZ");
    g_assert_cmpstr (us_incident_get_victim (incident), ==, "Brno University Hospital");
    g_assert_cmpstr (us_incident_get_date (incident), ==, "2024-03-01");
    reference = g_list_model_get_item (us_incident_get_references (incident), 0);
    g_assert_cmpstr (us_reference_get_url (reference), ==, "http://127.0.0.1/brno");
  }
  g_assert_cmpint (us_candidate_get_state (first), ==, US_CANDIDATE_ACCEPTED);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 1);
  g_assert_cmpstr (badge_text (badge), ==, "1");

  /* Dismiss the second. */
  us_inbox_dismiss (campaign, undo, second);
  g_assert_cmpint (us_candidate_get_state (second), ==, US_CANDIDATE_DISMISSED);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  g_assert_cmpstr (badge_text (badge), ==, "");

  /* Undo restores both, one step each; redo takes them again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (us_candidate_get_state (second), ==, US_CANDIDATE_NEW);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (us_candidate_get_state (first), ==, US_CANDIDATE_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 0);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 2);
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Refresh again: a conditional GET, 304, nothing new. */
  us_sources_page_refresh (page, id);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpuint (us_test_feed_get_n_not_modified (), ==, 1);
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "unchanged");
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 2);

  /* Remove is one undo step too. */
  us_sources_page_remove_source (page, source);
  g_assert_null (us_campaign_find_source (campaign, id));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_find_source (campaign, id) == source);

  /* A cancelled refresh changes nothing. */
  us_sources_page_refresh (page, NULL);
  us_sources_page_cancel_refresh (page);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "Refresh cancelled: nothing changed");
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "unchanged");

  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_source_errors (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Errors");
  g_autofree char *url = us_test_feed_url ("/missing.atom");
  g_autoptr(UsSource) source = us_source_new ("missing", url, US_SOURCE_KIND_INCIDENTS);
  UsDocument *document = us_window_get_document (window);
  UsSourcesPage *page;
  const char *status;

  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));
  us_sources_page_add_source (page, source);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  status = us_sources_page_get_row_status (page, "missing");
  g_assert_true (g_str_has_prefix (status, "error: "));
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "1 source failed");
  us_campaign_set_modified (us_document_get_campaign (document), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The source rows, in the order the list shows them. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (US_IS_SOURCE_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static const char *
row_id (UsSourcesPage *page,
        guint          i)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (page), rows);
  if (i >= rows->len)
    return NULL;
  return us_source_get_id (us_source_row_get_source (g_ptr_array_index (rows, i)));
}

static const char *
source_id_at (UsCampaign *campaign,
              guint       i)
{
  g_autoptr(UsSource) source = g_list_model_get_item (us_campaign_get_sources (campaign), i);

  return source ? us_source_get_id (source) : NULL;
}

/* Removing a source and undoing puts it back where it was, in the
 * campaign and in the list; the row's own menu item removes it too.
 */
static void
test_undo_position (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Three sources");
  const char *ids[] = { "first", "second", "third" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  UsSourcesPage *page;

  page = us_test_show_sources (window, campaign);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/%s.atom", ids[i]);
      g_autofree char *url = us_test_feed_url (path);
      g_autoptr(UsSource) source = us_source_new (ids[i], url, US_SOURCE_KIND_INCIDENTS);

      us_sources_page_add_source (page, source);
    }
  g_assert_cmpstr (row_id (page, 1), ==, "second");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.remove", "s", "second"));
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 2);
  g_assert_cmpstr (row_id (page, 1), ==, "third");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (source_id_at (campaign, 1), ==, "second");
  g_assert_cmpstr (row_id (page, 0), ==, "first");
  g_assert_cmpstr (row_id (page, 1), ==, "second");
  g_assert_cmpstr (row_id (page, 2), ==, "third");

  /* The first, through its row's menu; undo, redo, undo. */
  collect_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 0), "row.remove", NULL));
  g_assert_cmpstr (source_id_at (campaign, 0), ==, "second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (source_id_at (campaign, 0), ==, "first");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (row_id (page, 0), ==, "first");
  g_assert_cmpstr (row_id (page, 1), ==, "second");

  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
text_notify_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                GPtrArray      *texts)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL)
    g_ptr_array_add (texts, g_strdup (text));
}

/* Two windows refresh at once through the application's one fetcher:
 * each progress bar follows its own refresh only.
 */
static void
test_progress_per_window (void)
{
  UsWindow *window_a = us_window_new (app);
  UsWindow *window_b = us_window_new (app);
  g_autoptr(UsCampaign) campaign_a = us_campaign_new ("A");
  g_autoptr(UsCampaign) campaign_b = us_campaign_new ("B");
  g_autofree char *slow_a = us_test_feed_url ("/slow-a");
  g_autofree char *slow_b = us_test_feed_url ("/slow-b");
  g_autofree char *fast = us_test_feed_url ("/feed.atom");
  g_autoptr(UsSource) a = us_source_new ("a", slow_a, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(UsSource) b1 = us_source_new ("b1", fast, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(UsSource) b2 = us_source_new ("b2", slow_b, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(GPtrArray) texts_b = g_ptr_array_new_with_free_func (g_free);
  UsSourcesPage *page_a, *page_b;
  GtkProgressBar *bar_b;

  us_test_feed_drop_held ();
  us_document_set_campaign (us_window_get_document (window_a), campaign_a, NULL);
  us_document_set_campaign (us_window_get_document (window_b), campaign_b, NULL);
  gtk_window_present (GTK_WINDOW (window_a));
  gtk_window_present (GTK_WINDOW (window_b));
  page_a = US_SOURCES_PAGE (us_window_get_page_widget (window_a, "sources"));
  page_b = US_SOURCES_PAGE (us_window_get_page_widget (window_b, "sources"));
  us_sources_page_add_source (page_a, a);
  us_sources_page_add_source (page_b, b1);
  us_sources_page_add_source (page_b, b2);
  bar_b = GTK_PROGRESS_BAR (us_test_find_widget_of_type (GTK_WIDGET (page_b), GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (bar_b);
  g_signal_connect (bar_b, "notify::text", G_CALLBACK (text_notify_cb), texts_b);

  /* B: the fast source done, the slow one held. */
  us_sources_page_refresh (page_b, NULL);
  WAIT_FOR (us_test_feed_get_n_held () == 1 &&
            g_strcmp0 (gtk_progress_bar_get_text (bar_b), "1 of 2 sources") == 0);

  /* A starts and finishes while B still waits. */
  us_sources_page_refresh (page_a, NULL);
  WAIT_FOR (us_test_feed_get_n_held () == 2);
  us_test_feed_release_held (1);
  WAIT_FOR (!us_sources_page_get_refreshing (page_a));
  g_assert_cmpstr (us_sources_page_get_row_status (page_a, "a"), ==, "2 new");
  g_assert_true (us_sources_page_get_refreshing (page_b));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar_b), ==, "1 of 2 sources");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar_b), ==, 0.5);
  for (guint i = 0; i < texts_b->len; i++)
    g_assert_true (g_str_has_suffix (g_ptr_array_index (texts_b, i), " of 2 sources"));

  us_test_feed_release_held (0);
  WAIT_FOR (!us_sources_page_get_refreshing (page_b));
  g_assert_cmpstr (us_sources_page_get_row_status (page_b, "b2"), ==, "2 new");
  g_signal_handlers_disconnect_by_data (bar_b, texts_b);
  us_test_feed_drop_held ();

  us_campaign_set_modified (campaign_a, FALSE);
  us_campaign_set_modified (campaign_b, FALSE);
  gtk_window_destroy (GTK_WINDOW (window_a));
  gtk_window_destroy (GTK_WINDOW (window_b));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp_dir = NULL;
  int status;

  tmp_dir = us_test_ui_init ("sources", US_TEST_UI_DEFAULT, &argc, &argv);
  us_test_feed_start ();
  app = GTK_APPLICATION (us_test_ui_register_app ());

  g_test_add_func ("/sources/refresh-inbox", test_refresh_inbox);
  g_test_add_func ("/sources/errors", test_source_errors);
  g_test_add_func ("/sources/undo-position", test_undo_position);
  g_test_add_func ("/sources/progress-per-window", test_progress_per_window);
  status = g_test_run ();

  g_object_unref (app);
  us_test_feed_stop ();
  us_test_ui_remove_home (tmp_dir);
  return status;
}
