/* test-ui.c: the app's windows and pages, driven through their actions
 * under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "us-application.h"
#include "us-citation-chooser.h"
#include "us-drafts.h"
#include "us-format.h"
#include "us-util.h"
#include "us-incident-editor.h"
#include "us-incidents-page.h"
#include "us-letter-page.h"
#include "us-signatories-page.h"
#include "us-signatory-editor.h"
#include "us-sources-page.h"
#include "us-stats-view.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 20000

static UsApplication *app;
static char *tmp_dir;

static gboolean
document_idle (gpointer data)
{
  UsDocument *document = us_window_get_document (data);

  return !us_document_get_busy (document) && us_window_get_file (data) == us_document_get_file (document);
}

static GFile *
sample_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);

  return g_file_new_for_path (path);
}

static UsWindow *
open_window (GFile *file)
{
  UsWindow *window = us_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  if (file != NULL)
    {
      us_window_load (window, file, FALSE);
      g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
    }
  return window;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
entry_row_titled (GtkWidget     *widget,
                  gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* Every template builds and realises. */
static void
test_templates (void)
{
  GType types[] = {
    US_TYPE_WINDOW,
    US_TYPE_LETTER_PAGE,
    US_TYPE_CITATION_CHOOSER,
    US_TYPE_INCIDENTS_PAGE,
    US_TYPE_INCIDENT_EDITOR,
    US_TYPE_SOURCES_PAGE,
    US_TYPE_SIGNATORIES_PAGE,
    US_TYPE_SIGNATORY_EDITOR,
    US_TYPE_STATS_VIEW,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_new (types[i], NULL);
      GtkWidget *window;

      g_test_message ("building %s", g_type_name (types[i]));
      if (GTK_IS_WINDOW (widget))
        window = widget;
      else if (GTK_IS_POPOVER (widget))
        {
          GtkWidget *button = gtk_menu_button_new ();

          gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), widget);
          window = gtk_window_new ();
          gtk_window_set_child (GTK_WINDOW (window), button);
        }
      else
        {
          window = gtk_window_new ();
          gtk_window_set_child (GTK_WINDOW (window), widget);
        }
      gtk_window_present (GTK_WINDOW (window));
      us_test_spin (50);
      g_assert_true (gtk_widget_get_realized (widget) || GTK_IS_POPOVER (widget));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The sample shows its title and its counts. */
static void
test_open_sample (void)
{
  g_autoptr(GFile) sample = sample_file ();
  UsWindow *window = open_window (sample);
  UsCampaign *campaign = us_document_get_campaign (us_window_get_document (window));
  GtkWidget *incidents = us_window_get_page_widget (window, "incidents");
  GtkWidget *signatories = us_window_get_page_widget (window, "signatories");
  guint n_signatories = g_list_model_get_n_items (us_campaign_get_signatories (campaign));
  g_autofree char *footer = g_strdup_printf ("%u signatories", n_signatories);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, us_campaign_get_title (campaign));
  g_assert_false (us_document_get_modified (us_window_get_document (window)));
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_incidents (campaign)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (us_incidents_page_get_shown (US_INCIDENTS_PAGE (incidents))), ==,
                    g_list_model_get_n_items (us_campaign_get_incidents (campaign)));

  /* The Signatories page's footer counts them (its own widget). */
  us_window_set_page (window, "signatories");
  us_test_spin (300);
  g_assert_cmpuint (n_signatories, >, 0);
  g_assert_nonnull (us_test_find_widget (signatories, label_is, footer));

  /* Opening the same file again focuses this window. */
  us_application_open_file (app, sample, NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Add, edit, delete and undo an incident: model and view follow. */
static void
test_incidents (void)
{
  g_autoptr(GFile) sample = sample_file ();
  UsWindow *window = open_window (sample);
  UsDocument *document = us_window_get_document (window);
  UsCampaign *campaign = us_document_get_campaign (document);
  UsIncidentsPage *page = US_INCIDENTS_PAGE (us_window_get_page_widget (window, "incidents"));
  GListModel *model = us_campaign_get_incidents (campaign);
  GListModel *shown = us_incidents_page_get_shown (page);
  guint n = g_list_model_get_n_items (model);
  UsIncident *added;
  GtkWidget *title_row;
  g_autofree char *deleted_id = NULL;

  us_window_set_page (window, "incidents");
  us_test_spin (100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "incidents.add", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n + 1);
  added = us_incidents_page_get_selected (page);
  g_assert_nonnull (added);
  g_assert_true (us_campaign_find_incident (campaign, us_incident_get_id (added)) == added);
  g_assert_true (us_document_get_modified (document));

  /* Typing in the form edits the model, as one undoable step. */
  title_row = us_test_find_widget (GTK_WIDGET (page), entry_row_titled, "Title");
  g_assert_nonnull (title_row);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Attack on a test hospital");
  g_assert_cmpstr (us_incident_get_title (added), ==, "Attack on a test hospital");

  /* A bad date is refused and shown as an error.  (Replacing the text
   * empties the field first, which is a valid, undoable edit.)
   */
  gtk_editable_set_text (GTK_EDITABLE (us_test_find_widget (GTK_WIDGET (page), entry_row_titled, "Date (YYYY-MM-DD)")),
                         "2020-02-30");
  g_assert_cmpstr (us_incident_get_date (added), !=, "2020-02-30");

  deleted_id = g_strdup (us_incident_get_id (added));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "incidents.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  g_assert_null (us_campaign_find_incident (campaign, deleted_id));

  /* Undo, as the toast's button does: with the focus out of the text
   * fields, which would undo their own typing first.
   */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n + 1);
  g_assert_nonnull (us_campaign_find_incident (campaign, deleted_id));
  g_assert_cmpstr (us_incident_get_title (us_campaign_find_incident (campaign, deleted_id)), ==,
                   "Attack on a test hospital");

  /* Undo the title edit too, then redo it. */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_assert_cmpstr (us_undo_stack_get_undo_label (us_document_get_undo_stack (document)), ==, "Edit Incident");
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_true (us_date_is_valid (us_incident_get_date (added)));
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpstr (us_incident_get_title (added), ==, "New incident");
  g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
  g_assert_cmpstr (us_incident_get_title (added), ==, "Attack on a test hospital");

  us_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
saved (gpointer data)
{
  UsDocument *document = data;

  return !us_document_get_busy (document) && !us_document_get_modified (document);
}

/* Save, reload: the same campaign. */
static void
test_save_reload (void)
{
  g_autoptr(GFile) sample = sample_file ();
  UsWindow *window = open_window (sample);
  UsDocument *document = us_window_get_document (window);
  UsCampaign *campaign = us_document_get_campaign (document);
  g_autofree char *path = g_build_filename (tmp_dir, "saved.undersigned", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UsCampaign) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  us_campaign_set_title (campaign, "Saved by the UI test");
  g_assert_true (us_document_get_modified (document));
  us_document_save_async (document, file, FALSE, NULL, NULL, NULL);
  g_assert_true (us_document_get_busy (document));
  g_assert_true (us_test_wait_for (saved, document, WAIT_MS));
  g_assert_true (g_file_equal (us_document_get_file (document), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Saved by the UI test");

  reloaded = us_campaign_load_path (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (us_campaign_equal (campaign, reloaded));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_drafts (gpointer data)
{
  g_autoptr(GPtrArray) drafts = us_drafts_list ();

  return drafts->len == GPOINTER_TO_UINT (data);
}

/* An edit, a crash, a new start: the edit is back, still unsaved. */
static void
test_draft_recovery (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "crash.undersigned", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) sample = sample_file ();
  g_autoptr(GBytes) bytes = g_file_load_bytes (sample, NULL, NULL, NULL);
  UsWindow *window;
  UsDocument *document;
  GList *windows;
  guint restored;

  g_assert_nonnull (bytes);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_true (has_drafts (GUINT_TO_POINTER (0)));

  window = open_window (file);
  document = us_window_get_document (window);
  us_document_set_draft_delay (document, 100);
  us_campaign_set_title (us_document_get_campaign (document), "Edited before the crash");
  g_assert_true (us_test_wait_for (has_drafts, GUINT_TO_POINTER (1), WAIT_MS));

  /* The crash: the window goes without its close request. */
  gtk_window_destroy (GTK_WINDOW (window));
  us_test_spin (50);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  restored = us_application_restore_drafts (app);
  g_assert_cmpuint (restored, ==, 1);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  window = windows->data;
  g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
  document = us_window_get_document (window);
  g_assert_cmpstr (us_campaign_get_title (us_document_get_campaign (document)), ==, "Edited before the crash");
  g_assert_true (us_document_get_modified (document));
  g_assert_true (g_file_equal (us_document_get_file (document), file));

  /* Saving removes the draft. */
  us_document_save_async (document, NULL, FALSE, NULL, NULL, NULL);
  g_assert_true (us_test_wait_for (saved, document, WAIT_MS));
  g_assert_true (has_drafts (GUINT_TO_POINTER (0)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = us_test_ui_init ("ui", US_TEST_UI_DEFAULT, &argc, &argv);
  app = us_test_ui_register_app ();

  g_test_add_func ("/ui/templates", test_templates);
  g_test_add_func ("/ui/open-sample", test_open_sample);
  g_test_add_func ("/ui/incidents", test_incidents);
  g_test_add_func ("/ui/save-reload", test_save_reload);
  g_test_add_func ("/ui/draft-recovery", test_draft_recovery);
  status = g_test_run ();

  g_object_unref (app);
  us_test_ui_remove_home (tmp_dir);
  g_free (tmp_dir);
  return status;
}
