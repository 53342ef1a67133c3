/* test-window.c: the window's promises about files, driven under Xvfb
 *
 * Closing and quitting with unsaved changes, opening a file that is
 * already open, dropping a file on the window, a file that cannot be
 * read, and a file that another program changes on disk.  Every test
 * answers the real AdwMessageDialog by clicking its buttons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <utime.h>

#include "us-application.h"
#include "us-drafts.h"
#include "us-format.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 20000
#define SAMPLE_TITLE "Call to governments: stop cyberattacks on healthcare"

static UsApplication *app;
static char *tmp_dir;

/* Helpers -------------------------------------------------------------- */

static char *
sample_contents (gsize *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* A fresh copy of the sample, under a name of the test's own. */
static GFile *
copy_sample (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  contents = sample_contents (&length);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return g_file_new_for_path (path);
}

static GBytes *
file_bytes (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

static gboolean
document_idle (gpointer data)
{
  UsDocument *document = us_window_get_document (data);

  return !us_document_get_busy (document) && us_window_get_file (data) == us_document_get_file (document);
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
      g_assert_true (g_file_equal (us_document_get_file (us_window_get_document (window)), file));
    }
  return window;
}

static guint
n_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (US_IS_WINDOW (l->data))
      n++;
  return n;
}

static UsWindow *
window_showing (GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GFile *shown;

      if (!US_IS_WINDOW (l->data))
        continue;
      shown = us_window_get_file (l->data);
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

static guint
n_drafts (void)
{
  g_autoptr(GPtrArray) drafts = us_drafts_list ();

  return drafts->len;
}

static gboolean
has_one_draft (gpointer data)
{
  return n_drafts () == 1;
}

/* The message dialog shown over parent, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

/* Mapped and laid out: ready for a screenshot. */
static gboolean
has_dialog_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

static gboolean
button_labelled (GtkWidget     *widget,
                 gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return us_test_find_widget (root, button_labelled, label);
}

/* Waits for the dialog over parent and clicks its button labelled label,
 * as a user would.
 */
static void
answer_dialog (GtkWindow  *parent,
               const char *label)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  g_assert_true (us_test_wait_for (has_dialog, parent, WAIT_MS));
  dialog = find_dialog (parent);
  button = find_button (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  us_test_spin (50);
  g_assert_null (find_dialog (parent));
}

static void
edit_title (UsWindow   *window,
            const char *title)
{
  UsDocument *document = us_window_get_document (window);

  us_campaign_set_title (us_document_get_campaign (document), title);
  g_assert_true (us_document_get_modified (document));
}

static const char *
title_of (UsWindow *window)
{
  return us_campaign_get_title (us_document_get_campaign (us_window_get_document (window)));
}

static char *
title_on_disk (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = us_campaign_load_path (g_file_peek_path (file), NULL, &error);

  g_assert_no_error (error);
  return g_strdup (us_campaign_get_title (campaign));
}

/* Closing -------------------------------------------------------------- */

/* Save / Discard / Cancel; Cancel keeps everything, Discard writes
 * nothing and forgets the draft.
 */
static void
test_close_cancel_discard (void)
{
  g_autoptr(GFile) file = copy_sample ("close-discard.undersigned");
  g_autoptr(GBytes) before = file_bytes (file);
  g_autoptr(GBytes) after = NULL;
  UsWindow *window = open_window (file);
  AdwMessageDialog *dialog;
  guint windows = n_windows ();

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  edit_title (window, "Edited, then discarded");

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (us_test_wait_for (has_dialog, window, WAIT_MS));
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  /* The question is asked with the changes already safe in a draft. */
  g_assert_cmpuint (n_drafts (), ==, 1);

  answer_dialog (GTK_WINDOW (window), "_Cancel");
  g_assert_nonnull (window);
  g_assert_cmpuint (n_windows (), ==, windows);
  g_assert_cmpstr (title_of (window), ==, "Edited, then discarded");
  g_assert_true (us_document_get_modified (us_window_get_document (window)));

  gtk_window_close (GTK_WINDOW (window));
  answer_dialog (GTK_WINDOW (window), "_Discard");
  g_assert_null (window);
  g_assert_cmpuint (n_windows (), ==, windows - 1);
  after = file_bytes (file);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (n_drafts (), ==, 0);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Save writes the file, then the window closes. */
static void
test_close_save (void)
{
  g_autoptr(GFile) file = copy_sample ("close-save.undersigned");
  UsWindow *window = open_window (file);
  g_autofree char *saved_title = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  edit_title (window, "Edited, then saved on close");
  gtk_window_close (GTK_WINDOW (window));
  answer_dialog (GTK_WINDOW (window), "_Save");
  g_assert_true (us_test_wait_for (is_null, &window, WAIT_MS));

  saved_title = title_on_disk (file);
  g_assert_cmpstr (saved_title, ==, "Edited, then saved on close");
  g_assert_cmpuint (n_drafts (), ==, 0);
}

/* app.quit asks every window with changes; each answer holds for its
 * own window only.
 */
static void
test_quit (void)
{
  g_autoptr(GFile) file_a = copy_sample ("quit-a.undersigned");
  g_autoptr(GFile) file_b = copy_sample ("quit-b.undersigned");
  g_autoptr(GFile) file_c = copy_sample ("quit-c.undersigned");
  g_autoptr(GBytes) before_b = file_bytes (file_b);
  g_autoptr(GBytes) after_b = NULL;
  UsWindow *a = open_window (file_a);
  UsWindow *b = open_window (file_b);
  UsWindow *c = open_window (file_c);

  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *) &a);
  g_object_add_weak_pointer (G_OBJECT (b), (gpointer *) &b);
  g_object_add_weak_pointer (G_OBJECT (c), (gpointer *) &c);
  edit_title (a, "Kept by Cancel");
  edit_title (b, "Thrown away by Discard");

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  /* The window without changes closes at once; the others ask. */
  g_assert_true (us_test_wait_for (is_null, &c, WAIT_MS));
  g_assert_true (us_test_wait_for (has_dialog, a, WAIT_MS));
  g_assert_true (us_test_wait_for (has_dialog, b, WAIT_MS));

  answer_dialog (GTK_WINDOW (b), "_Discard");
  g_assert_null (b);
  answer_dialog (GTK_WINDOW (a), "_Cancel");
  g_assert_nonnull (a);
  g_assert_cmpstr (title_of (a), ==, "Kept by Cancel");
  after_b = file_bytes (file_b);
  g_assert_true (g_bytes_equal (before_b, after_b));
  g_assert_cmpuint (n_windows (), ==, 1);

  gtk_window_close (GTK_WINDOW (a));
  answer_dialog (GTK_WINDOW (a), "_Discard");
  g_assert_null (a);
  g_assert_cmpuint (n_drafts (), ==, 0);
}

/* Opening -------------------------------------------------------------- */

/* A file already open is not opened twice, whoever asks. */
static void
test_open_focuses (void)
{
  g_autoptr(GFile) file_a = copy_sample ("focus-a.undersigned");
  g_autoptr(GFile) file_b = copy_sample ("focus-b.undersigned");
  g_autoptr(GFile) again = g_file_new_for_path (g_file_peek_path (file_a));
  UsWindow *a = open_window (file_a);
  UsWindow *b = open_window (file_b);

  g_assert_cmpuint (n_windows (), ==, 2);
  gtk_window_present (GTK_WINDOW (b));
  US_TEST_WAIT_FOR (gtk_window_is_active (GTK_WINDOW (b)), WAIT_MS);

  /* From b (Open, a drop, Open Recent): a comes to the front. */
  us_application_open_file (app, again, GTK_WINDOW (b));
  US_TEST_WAIT_FOR (gtk_window_is_active (GTK_WINDOW (a)), WAIT_MS);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (b)));
  g_assert_cmpuint (n_windows (), ==, 2);

  /* From the command line. */
  us_application_open_file (app, again, NULL);
  us_test_spin (100);
  g_assert_cmpuint (n_windows (), ==, 2);
  g_assert_true (window_showing (file_a) == a);
  g_assert_true (window_showing (file_b) == b);

  gtk_window_destroy (GTK_WINDOW (a));
  gtk_window_destroy (GTK_WINDOW (b));
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static gboolean
drop_file (UsWindow *window,
           GFile    *file)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_assert_true (g_type_is_a (gtk_drop_target_get_gtypes (target, NULL)[0], GDK_TYPE_FILE_LIST));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  return accepted;
}

/* A file dropped on an empty window opens there; on a window with a
 * campaign, in a window of its own; on its own window, nowhere new.
 */
static void
test_drop (void)
{
  g_autoptr(GFile) shown = copy_sample ("drop-shown.undersigned");
  g_autoptr(GFile) dropped = copy_sample ("drop-dropped.undersigned");
  g_autoptr(GFile) into_empty = copy_sample ("drop-into-empty.undersigned");
  UsWindow *window = open_window (shown);
  UsWindow *empty;
  UsWindow *opened;

  g_assert_cmpuint (n_windows (), ==, 1);
  g_assert_true (drop_file (window, dropped));
  g_assert_cmpuint (n_windows (), ==, 2);
  opened = window_showing (dropped);
  g_assert_nonnull (opened);
  g_assert_true (opened != window);
  g_assert_true (us_test_wait_for (document_idle, opened, WAIT_MS));
  g_assert_cmpstr (title_of (opened), ==, SAMPLE_TITLE);
  g_assert_true (g_file_equal (us_document_get_file (us_window_get_document (window)), shown));

  /* Dropped again: that window already shows it. */
  g_assert_true (drop_file (window, dropped));
  g_assert_cmpuint (n_windows (), ==, 2);

  empty = open_window (NULL);
  g_assert_cmpuint (n_windows (), ==, 3);
  g_assert_true (drop_file (empty, into_empty));
  g_assert_cmpuint (n_windows (), ==, 3);
  g_assert_true (window_showing (into_empty) == empty);
  g_assert_true (us_test_wait_for (document_idle, empty, WAIT_MS));
  g_assert_true (g_file_equal (us_document_get_file (us_window_get_document (empty)), into_empty));
  g_assert_cmpstr (title_of (empty), ==, SAMPLE_TITLE);

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (opened));
  gtk_window_destroy (GTK_WINDOW (empty));
}

/* What `undersigned-cli validate` says about path, first line. */
static char *
cli_message (const char *path)
{
  const char *cli = g_getenv ("US_CLI");
  const char *argv[] = { cli, "validate", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  char *newline;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  newline = strchr (err, '\n');
  if (newline != NULL)
    *newline = '\0';
  return g_steal_pointer (&err);
}

/* A file that cannot be read: the CLI's FILE:LINE message in a dialog,
 * and the window as it was.
 */
static void
test_load_error (void)
{
  g_autoptr(GFile) file = copy_sample ("load-error-good.undersigned");
  g_autofree char *bad_path = g_build_filename (tmp_dir, "load-error-bad.undersigned", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *contents = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *location = g_strconcat (bad_path, ":6:", NULL);
  g_auto(GStrv) lines = NULL;
  UsWindow *window = open_window (file);
  UsDocument *document = us_window_get_document (window);
  UsCampaign *campaign = us_document_get_campaign (document);
  AdwMessageDialog *dialog;
  gsize length;

  /* Line 5 loses its closing bracket: libxml2 finds out on line 6. */
  contents = sample_contents (&length);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 6);
  g_free (lines[4]);
  lines[4] = g_strdup ("  <contact>broken@example.org</contact");
  broken = g_strjoinv ("\n", lines);
  g_assert_true (g_file_set_contents (bad_path, broken, -1, NULL));
  expected = cli_message (bad_path);
  g_test_message ("the CLI says: %s", expected);
  g_assert_true (g_str_has_prefix (expected, location));

  edit_title (window, "Edited before a failed open");
  us_window_load (window, bad, FALSE);
  /* Read in a thread: meanwhile nothing may edit the campaign. */
  g_assert_true (us_document_get_busy (document));
  g_assert_false (gtk_widget_is_sensitive (us_window_get_page_widget (window, "letter")));
  g_assert_true (us_test_wait_for (has_dialog, window, WAIT_MS));
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Campaign");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  g_assert_true (us_test_wait_for (has_dialog_shown, window, WAIT_MS));
  us_test_save_png (GTK_WIDGET (dialog), "window-load-error.png", WAIT_MS);

  /* The window still shows the campaign it had, edit included. */
  g_assert_true (us_document_get_campaign (document) == campaign);
  g_assert_true (g_file_equal (us_document_get_file (document), file));
  g_assert_true (g_file_equal (us_window_get_file (window), file));
  g_assert_cmpstr (title_of (window), ==, "Edited before a failed open");
  g_assert_true (us_document_get_modified (document));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Edited before a failed open •");
  g_assert_true (gtk_widget_is_sensitive (us_window_get_page_widget (window, "letter")));
  answer_dialog (GTK_WINDOW (window), "_Close");

  us_document_discard_draft (document);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Changed on disk ------------------------------------------------------ */

/* Another program replaces the file, as editors do (write beside,
 * rename), with a modification time of its own.
 */
static void
write_other_version (GFile      *file,
                     const char *title,
                     time_t      mtime)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *new_title = g_strdup_printf ("<title>%s</title>", title);
  struct utimbuf times = { mtime, mtime };
  gsize length;

  contents = sample_contents (&length);
  parts = g_strsplit (contents, "<title>" SAMPLE_TITLE "</title>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strconcat (parts[0], new_title, parts[1], NULL);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), changed, -1, NULL));
  g_assert_cmpint (utime (g_file_peek_path (file), &times), ==, 0);
}

static gboolean
saved (gpointer data)
{
  UsDocument *document = us_window_get_document (data);

  return !us_document_get_busy (document) && !us_document_get_modified (document);
}

static void
test_changed_on_disk (void)
{
  g_autoptr(GFile) file = copy_sample ("changed-on-disk.undersigned");
  UsWindow *window = open_window (file);
  UsDocument *document = us_window_get_document (window);
  g_autofree char *on_disk = NULL;
  AdwMessageDialog *dialog;

  edit_title (window, "Edited in the window");

  /* Keep: the edit stays, and the next save replaces the other version
   * without asking again.
   */
  write_other_version (file, "Changed by another program", 1600000000);
  g_assert_true (us_test_wait_for (has_dialog, window, WAIT_MS));
  dialog = find_dialog (GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The File Has Changed on Disk");
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  g_assert_true (us_test_wait_for (has_dialog_shown, window, WAIT_MS));
  us_test_save_png (GTK_WIDGET (dialog), "window-changed-on-disk.png", WAIT_MS);
  answer_dialog (GTK_WINDOW (window), "_Keep This Version");
  g_assert_cmpstr (title_of (window), ==, "Edited in the window");
  g_assert_true (us_document_get_modified (document));

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  g_assert_true (us_test_wait_for (saved, window, WAIT_MS));
  on_disk = title_on_disk (file);
  g_assert_cmpstr (on_disk, ==, "Edited in the window");
  /* Our own save is no change by another program. */
  us_test_spin (1500);
  g_assert_null (find_dialog (GTK_WINDOW (window)));

  /* Reload: the other version replaces the edit, and its draft. */
  edit_title (window, "Edited again, to be lost");
  us_document_flush_draft (document);
  g_assert_true (us_test_wait_for (has_one_draft, NULL, WAIT_MS));
  write_other_version (file, "Changed by another program again", 1600000100);
  answer_dialog (GTK_WINDOW (window), "_Reload");
  g_assert_true (us_test_wait_for (saved, window, WAIT_MS));
  g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
  g_assert_cmpstr (title_of (window), ==, "Changed by another program again");
  g_assert_false (us_document_get_modified (document));
  us_test_spin (200);
  g_assert_cmpuint (n_drafts (), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether model, or a section or submenu of it, links to target. */
static gboolean
menu_links_to (GMenuModel *model,
               GMenuModel *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *linked;

      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          gboolean found = linked == target || menu_links_to (linked, target);

          g_object_unref (linked);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_menu (GtkWidget     *widget,
          gconstpointer  unused)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL;
}

/* Whether model, or a section or submenu of it, has an item for action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          gboolean found = menu_has_action (linked, action);

          g_object_unref (linked);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_import_button (GtkWidget     *widget,
                  gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.import") == 0;
}

/* Importing and finding duplicates are reachable: from the primary
 * menu, by keyboard, and from the empty list.  (Both dialogs were once
 * only actions nothing in the window pointed to.)
 */
static void
test_import_reachable (void)
{
  UsWindow *window = open_window (NULL);
  GtkMenuButton *menu = GTK_MENU_BUTTON (us_test_find_widget (GTK_WIDGET (window), has_menu, NULL));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.import");

  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu), "win.import"));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (menu), "win.find-duplicates"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "find-duplicates"));
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>i");

  /* A new campaign has no signatories: its list offers an import. */
  us_window_set_page (window, "signatories");
  us_test_spin (100);
  g_assert_nonnull (us_test_find_widget (GTK_WIDGET (window), is_import_button, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An accelerator in one spelling, to compare. */
static char *
accel_key (const char *accelerator)
{
  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accelerator, &key, &mods));
  return gtk_accelerator_name (key, mods);
}

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *actions)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      /* Listed by action, or by the keys themselves. */
      g_object_get (widget, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        g_hash_table_add (actions, g_steal_pointer (&action));
      if (accelerator != NULL)
        g_hash_table_add (actions, accel_key (accelerator));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, actions);
}

/* Every keyboard shortcut the app sets is in its shortcuts window. */
static void
test_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/undersigned/Undersigned/gtk/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  guint n_checked = 0;

  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), listed);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);
      g_autofree char *keys = NULL;

      if (accels == NULL || accels[0] == NULL)
        continue;
      keys = accel_key (accels[0]);
      if (!g_hash_table_contains (listed, actions[i]) && !g_hash_table_contains (listed, keys))
        g_error ("%s (%s) is not in the shortcuts window", actions[i], accels[0]);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >=, 15);
  gtk_window_destroy (overlay);
}

/* The window that a restored draft opens in; drafts are restored as
 * after a crash, with no window left.
 */
static UsWindow *
restore_draft (void)
{
  GList *windows;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_cmpuint (us_application_restore_drafts (app), ==, 1);
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_nonnull (windows);
  g_assert_true (us_test_wait_for (document_idle, windows->data, WAIT_MS));
  return windows->data;
}

static void
crash_after_edit (UsWindow   *window,
                  const char *title)
{
  edit_title (window, title);
  us_document_flush_draft (us_window_get_document (window));
  g_assert_true (us_test_wait_for (has_one_draft, NULL, WAIT_MS));
  /* The crash: the window goes without its close request. */
  gtk_window_destroy (GTK_WINDOW (window));
  us_test_spin (50);
}

/* A restored draft knows which version of the file its changes began
 * from: another program's save, before the restart or after it, is
 * shown, never silently overwritten.
 */
static void
test_recovered_changed_on_disk (void)
{
  g_autoptr(GFile) file = copy_sample ("recovered.undersigned");
  UsWindow *window = open_window (file);

  /* Nothing changed meanwhile: no question, until something does. */
  crash_after_edit (window, "Edited before the first crash");
  window = restore_draft ();
  g_assert_cmpstr (title_of (window), ==, "Edited before the first crash");
  us_test_spin (1500);
  g_assert_null (find_dialog (GTK_WINDOW (window)));
  write_other_version (file, "Changed after the restart", 1600000200);
  g_assert_true (us_test_wait_for (has_dialog, window, WAIT_MS));
  answer_dialog (GTK_WINDOW (window), "_Reload");
  g_assert_true (us_test_wait_for (document_idle, window, WAIT_MS));
  g_assert_cmpstr (title_of (window), ==, "Changed after the restart");
  g_assert_false (us_document_get_modified (us_window_get_document (window)));

  /* Changed while Undersigned was down: asked at once. */
  crash_after_edit (window, "Edited before the second crash");
  write_other_version (file, "Changed while Undersigned was down", 1600000300);
  window = restore_draft ();
  g_assert_cmpstr (title_of (window), ==, "Edited before the second crash");
  g_assert_true (us_test_wait_for (has_dialog, window, WAIT_MS));
  answer_dialog (GTK_WINDOW (window), "_Keep This Version");
  g_assert_cmpstr (title_of (window), ==, "Edited before the second crash");
  g_assert_true (us_document_get_modified (us_window_get_document (window)));
  us_document_discard_draft (us_window_get_document (window));
  gtk_window_destroy (GTK_WINDOW (window));
  us_test_spin (50);
  g_assert_cmpuint (n_drafts (), ==, 0);
}


/* A new window takes the size the last one closed with, and its primary
 * menu lists the recent campaigns.  (The application is set on a window
 * after its construction: both once came too early and did nothing.)
 */
static void
test_remembers_size (void)
{
  GSettings *settings = us_application_get_settings (app);
  UsWindow *window;
  GtkMenuButton *menu;
  int width, height;

  g_settings_set_int (settings, "window-width", 702);
  g_settings_set_int (settings, "window-height", 523);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = us_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 702);
  g_assert_cmpint (height, ==, 523);
  gtk_window_present (GTK_WINDOW (window));
  menu = GTK_MENU_BUTTON (us_test_find_widget (GTK_WIDGET (window), has_menu, NULL));
  g_assert_nonnull (menu);
  g_assert_true (menu_links_to (gtk_menu_button_get_menu_model (menu),
                                us_application_get_recent_menu (app)));

  /* Closing a window remembers its size for the next one. */
  gtk_window_set_default_size (GTK_WINDOW (window), 810, 610);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 810);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 610);

  window = us_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 810);
  g_assert_cmpint (height, ==, 610);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = us_test_ui_init ("window", US_TEST_UI_DEFAULT, &argc, &argv);
  app = us_test_ui_register_app ();

  g_test_add_func ("/window/close/cancel-discard", test_close_cancel_discard);
  g_test_add_func ("/window/close/save", test_close_save);
  g_test_add_func ("/window/quit", test_quit);
  g_test_add_func ("/window/open/focuses-open-file", test_open_focuses);
  g_test_add_func ("/window/open/drop", test_drop);
  g_test_add_func ("/window/open/load-error", test_load_error);
  g_test_add_func ("/window/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/window/changed-on-disk/recovered", test_recovered_changed_on_disk);
  g_test_add_func ("/window/remembers-size", test_remembers_size);
  g_test_add_func ("/window/import-reachable", test_import_reachable);
  g_test_add_func ("/window/shortcuts-listed", test_shortcuts_listed);
  status = g_test_run ();

  g_object_unref (app);
  us_test_ui_remove_home (tmp_dir);
  g_free (tmp_dir);
  return status;
}
