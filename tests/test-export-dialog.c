/* test-export-dialog.c: the Export dialog and the signing key in
 * Preferences, driven under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "us-application.h"
#include "us-drafts.h"
#include "us-export-dialog.h"
#include "us-format.h"
#include "us-preferences-window.h"
#include "us-sign.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 60000

static UsApplication *app;
static char *tmp_dir;

/* With US_SCREENSHOT_DIR set, saves window as NAME.png there: to look at
 * the dialogs without a desktop.
 */
static void
screenshot_after (GtkWidget  *window,
                  const char *name,
                  guint       ms)
{
  const char *dir = g_getenv ("US_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL)
    return;
  us_test_spin (ms);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_test_message ("nothing drawn yet for %s", name);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
screenshot (GtkWidget  *window,
            const char *name)
{
  screenshot_after (window, name, 400);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gboolean
document_idle (gpointer data)
{
  UsDocument *document = us_window_get_document (data);

  return !us_document_get_busy (document) && us_window_get_file (data) == us_document_get_file (document);
}

static UsWindow *
open_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UsWindow *window = us_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  us_window_load (window, file, FALSE);
  g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
  return window;
}

static UsCampaign *
window_campaign (UsWindow *window)
{
  return us_document_get_campaign (us_window_get_document (window));
}

/* The dialog that win.export opened. */
static UsExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (US_IS_EXPORT_DIALOG (window))
        return US_EXPORT_DIALOG (window);
    }
  return NULL;
}

typedef struct
{
  gboolean  done;
  char     *path;
  GError   *error;
} Outcome;

static void
finished_cb (UsExportDialog *dialog,
             const char     *path,
             const GError   *error,
             Outcome        *outcome)
{
  outcome->done = TRUE;
  outcome->path = g_strdup (path);
  outcome->error = error ? g_error_copy (error) : NULL;
}

static gboolean
outcome_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static void
outcome_clear (Outcome *outcome)
{
  g_free (outcome->path);
  g_clear_error (&outcome->error);
  memset (outcome, 0, sizeof *outcome);
}

/* Runs an export to path and waits for its end. */
static void
run_export (UsExportDialog *dialog,
            UsExportFormat  format,
            const char     *path,
            Outcome        *outcome)
{
  gulong id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), outcome);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  us_export_dialog_run_to_path (dialog, format, path);
  g_assert_true (us_test_wait_for (outcome_done, outcome, WAIT_MS));
  if (dialog != NULL)
    {
      g_signal_handler_disconnect (dialog, id);
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    }
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  action)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* Every template builds and realises. */
static void
test_templates (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Templates");
  GtkWindow *windows[] = {
    GTK_WINDOW (us_export_dialog_new (NULL, campaign, NULL)),
    GTK_WINDOW (us_preferences_window_new (NULL, NULL)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      gtk_window_present (windows[i]);
      us_test_spin (50);
      g_assert_true (gtk_widget_get_realized (GTK_WIDGET (windows[i])));
      gtk_window_destroy (windows[i]);
    }
}

/* win.export opens the dialog; a PDF of the sample is written. */
static void
test_pdf (void)
{
  UsWindow *window = open_sample ();
  g_autofree char *path = tmp_path ("sample.pdf");
  g_autofree char *contents = NULL;
  UsExportDialog *dialog;
  Outcome outcome = { 0 };

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  us_test_spin (100);
  screenshot (GTK_WIDGET (dialog), "export-dialog");

  run_export (dialog, US_EXPORT_PDF, path, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.path, ==, path);
  contents = read_file (path);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* Success closes the dialog. */
  us_test_spin (50);
  g_assert_null (find_dialog ());
  screenshot (GTK_WIDGET (window), "export-toast");

  outcome_clear (&outcome);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A CSV has no e-mail address unless private fields are asked for. */
static void
test_csv (void)
{
  UsWindow *window = open_sample ();
  g_autofree char *public_path = tmp_path ("public.csv");
  g_autofree char *private_path = tmp_path ("private.csv");
  g_autofree char *public_csv = NULL;
  g_autofree char *private_csv = NULL;
  UsExportDialog *dialog;
  Outcome outcome = { 0 };
  GStatBuf st;

  dialog = us_export_dialog_new (GTK_WINDOW (window), window_campaign (window), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  run_export (dialog, US_EXPORT_CSV, public_path, &outcome);
  g_assert_no_error (outcome.error);
  public_csv = read_file (public_path);
  g_assert_true (g_str_has_prefix (public_csv, "id,name,"));
  g_assert_null (strchr (public_csv, '@'));
  outcome_clear (&outcome);

  dialog = us_export_dialog_new (GTK_WINDOW (window), window_campaign (window), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_set (dialog, "include-private", TRUE, NULL);
  us_export_dialog_set_format (dialog, US_EXPORT_CSV);
  screenshot (GTK_WIDGET (dialog), "export-dialog-csv");
  run_export (dialog, US_EXPORT_CSV, private_path, &outcome);
  g_assert_no_error (outcome.error);
  private_csv = read_file (private_path);
  g_assert_nonnull (strchr (private_csv, '@'));
  /* Private data stays with its owner. */
  g_assert_cmpint (g_stat (private_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 077, ==, 0);
  outcome_clear (&outcome);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
progressed (gpointer data)
{
  return us_export_dialog_get_progress (data) > 0.0;
}

/* Cancel in the middle of a long PDF: no file, no temporary left. */
static void
test_cancel (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                              "healthcare-2020.undersigned", NULL);
  g_autofree char *dir = tmp_path ("cancel");
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  g_autoptr(UsCampaign) campaign = us_campaign_load_path (sample, NULL, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) listing = NULL;
  UsExportDialog *dialog;
  Outcome outcome = { 0 };
  gulong id;

  g_assert_nonnull (campaign);
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Signatory Number %05u", i);
      UsSignatory *signatory = us_signatory_new (name);

      us_signatory_set_status (signatory, US_STATUS_VERIFIED);
      us_signatory_set_consent (signatory, US_CONSENT_NAMED);
      us_signatory_set_country (signatory, i % 2 ? "FR" : "DE");
      g_ptr_array_add (added, signatory);
    }
  us_campaign_add_signatories (campaign, (UsSignatory **) added->pdata, added->len);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  dialog = us_export_dialog_new (NULL, campaign, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  id = g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &outcome);
  us_export_dialog_run_to_path (dialog, US_EXPORT_PDF, path);
  g_assert_true (us_test_wait_for (progressed, dialog, WAIT_MS));
  g_assert_false (outcome.done);
  g_test_message ("cancelling at %.0f%%", us_export_dialog_get_progress (dialog) * 100);
  /* Quickly: the export goes on meanwhile. */
  screenshot_after (GTK_WIDGET (dialog), "export-dialog-progress", 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  g_assert_true (us_test_wait_for (outcome_done, &outcome, WAIT_MS));

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome.path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  /* The dialog stays for another try. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  g_signal_handler_disconnect (dialog, id);
  outcome_clear (&outcome);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
key_set (gpointer data)
{
  g_autofree char *path = us_signing_key_dup_path (data);

  return path != NULL;
}

static void
assert_no_private_key (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_private_key (path);
          continue;
        }
      contents = read_file (path);
      g_test_message ("checked %s", path);
      g_assert_null (strstr (contents, "PRIVATE KEY"));
      n++;
    }
}

static gboolean
has_draft (gpointer data)
{
  g_autoptr(GPtrArray) drafts = us_drafts_list ();

  return drafts->len > 0;
}

/* A key made in Preferences signs the press pack, and never leaves. */
static void
test_pack (void)
{
  GSettings *settings = us_application_get_settings (app);
  UsWindow *window = open_sample ();
  UsDocument *document = us_window_get_document (window);
  UsPreferencesWindow *prefs;
  g_autofree char *keys_dir = g_build_filename (g_get_user_data_dir (), "undersigned", "keys", NULL);
  g_autofree char *key = g_build_filename (keys_dir, "signing-key.pem", NULL);
  g_autofree char *pub = g_build_filename (keys_dir, "signing-key.pub.pem", NULL);
  g_autofree char *dir = tmp_path ("pack");
  g_autofree char *saved = tmp_path ("saved.undersigned");
  g_autofree char *stored = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *pem_path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GBytes) xml_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved);
  g_autofree char *drafts_dir = us_drafts_get_dir ();
  g_autofree char *pdf = NULL;
  g_autofree char *saved_contents = NULL;
  UsExportDialog *dialog;
  GtkWidget *export_button;
  Outcome outcome = { 0 };
  GStatBuf st;

  g_assert_nonnull (settings);
  g_assert_null (us_signing_key_dup_path (settings));

  /* Without a key the pack cannot start. */
  dialog = us_export_dialog_new (GTK_WINDOW (window), window_campaign (window), settings);
  us_export_dialog_set_format (dialog, US_EXPORT_PACK);
  gtk_window_present (GTK_WINDOW (dialog));
  us_test_spin (50);
  screenshot (GTK_WIDGET (dialog), "export-dialog-no-key");
  export_button = us_test_find_widget (GTK_WIDGET (dialog), has_action, "export.export");
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_is_sensitive (export_button));

  /* Preferences: create an EC key into the temporary XDG_DATA_HOME. */
  prefs = us_preferences_window_new (GTK_WINDOW (dialog), settings);
  gtk_window_present (GTK_WINDOW (prefs));
  us_preferences_window_create_key (prefs, US_KEY_EC_P256);
  g_assert_true (us_test_wait_for (key_set, settings, WAIT_MS));
  stored = us_signing_key_dup_path (settings);
  g_assert_cmpstr (stored, ==, key);
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_test (pub, G_FILE_TEST_IS_REGULAR));
  fingerprint = us_sign_fingerprint (pub, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (us_preferences_window_get_key (prefs), ==, key);
  screenshot (GTK_WIDGET (prefs), "preferences");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* The open dialog picked up the key. */
  g_assert_true (gtk_widget_is_sensitive (export_button));
  screenshot (GTK_WIDGET (dialog), "export-dialog-pack");
  run_export (dialog, US_EXPORT_PACK, dir, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (g_str_has_prefix (outcome.path, dir));
  g_assert_true (g_str_has_suffix (outcome.path, ".pdf"));
  xml_path = g_strdup_printf ("%.*s.xml", (int) strlen (outcome.path) - 4, outcome.path);
  pem_path = g_strdup_printf ("%.*s.pub.pem", (int) strlen (outcome.path) - 4, outcome.path);
  pdf = read_file (outcome.path);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));
  g_assert_true (g_file_test (pem_path, G_FILE_TEST_IS_REGULAR));
  xml = read_file (xml_path);
  xml_bytes = g_bytes_new (xml, strlen (xml));
  g_assert_true (us_sign_verify (xml_bytes, pem_path, &signer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signer, ==, fingerprint);
  g_assert_null (strchr (xml, '@'));

  /* Nor does the key reach a draft or the saved campaign. */
  us_document_set_draft_delay (document, 50);
  us_campaign_set_title (window_campaign (window), "Edited after the export");
  g_assert_true (us_test_wait_for (has_draft, NULL, WAIT_MS));
  assert_no_private_key (dir);
  assert_no_private_key (drafts_dir);
  us_document_save_async (document, saved_file, TRUE, NULL, NULL, NULL);
  g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
  saved_contents = read_file (saved);
  g_assert_null (strstr (saved_contents, "PRIVATE KEY"));

  outcome_clear (&outcome);
  g_settings_reset (settings, "signing-key");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A folder that cannot be written: the dialog stays, with the message. */
static void
test_error (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Errors");
  UsExportDialog *dialog = us_export_dialog_new (NULL, campaign, NULL);
  Outcome outcome = { 0 };

  gtk_window_present (GTK_WINDOW (dialog));
  run_export (dialog, US_EXPORT_CSV, "/nonexistent-folder/x.csv", &outcome);
  g_assert_nonnull (outcome.error);
  g_assert_null (outcome.path);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  screenshot (GTK_WIDGET (dialog), "export-dialog-error");
  outcome_clear (&outcome);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = us_test_ui_init ("export", US_TEST_UI_DEFAULT, &argc, &argv);
  app = us_test_ui_register_app ();

  g_test_add_func ("/export/templates", test_templates);
  g_test_add_func ("/export/pdf", test_pdf);
  g_test_add_func ("/export/csv", test_csv);
  g_test_add_func ("/export/cancel", test_cancel);
  g_test_add_func ("/export/pack", test_pack);
  g_test_add_func ("/export/error", test_error);
  status = g_test_run ();

  g_object_unref (app);
  /* The test's signing key goes with the rest. */
  us_test_ui_remove_home (tmp_dir);
  g_free (tmp_dir);
  return status;
}
