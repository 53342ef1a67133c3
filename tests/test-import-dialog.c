/* test-import-dialog.c: the Import dialog's plan, built in a worker
 * thread while the campaign is edited on the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "us-import-dialog.h"
#include "us-resources.h"
#include "us-signatory.h"
#include "us-test-ui.h"

#define WAIT_MS 60000

static guint
n_signatories (UsCampaign *campaign)
{
  return g_list_model_get_n_items (us_campaign_get_signatories (campaign));
}

static UsSignatory *
nth (UsCampaign *campaign,
     guint       i)
{
  g_autoptr(UsSignatory) s = g_list_model_get_item (us_campaign_get_signatories (campaign), i);

  return s;   /* the campaign keeps it alive */
}

/* The plan reads a copy of the signatories' keys taken when it starts:
 * the main thread may rename, re-address and add signatories meanwhile
 * (and compute their cached name keys), and the import still merges into
 * the people it matched, counted as the preview said.
 */
static void
test_edit_while_planning (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Dialog");
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(GString) csv = g_string_new ("name,email,country\n");
  g_autoptr(GBytes) data = NULL;
  UsImportDialog *dialog;
  UsSignatory *zoe;
  const guint n_people = 20000;

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      g_autofree char *email = g_strdup_printf ("p%u@example.org", i);
      g_autoptr(UsSignatory) s = us_signatory_new (name);

      us_signatory_set_email (s, email);
      us_campaign_add_signatory (campaign, s);
    }
  {
    g_autoptr(UsSignatory) s = us_signatory_new ("Zoë Dubois");

    us_signatory_set_country (s, "FR");
    us_campaign_add_signatory (campaign, s);
    zoe = s;
  }
  /* Every existing person again (duplicates), Zoë by name with her
   * e-mail, two new people and a rejected row.
   */
  for (guint i = 0; i < n_people; i++)
    g_string_append_printf (csv, "Person %u,P%u@EXAMPLE.ORG,\n", i, i);
  g_string_append (csv, "ZOË DUBOIS,zoe@example.fr,FR\n"
                        "New One,new1@example.org,DE\n"
                        "New Two,new2@example.org,\n"
                        "Bad Row,not-an-address,\n");
  data = g_string_free_to_bytes (g_steal_pointer (&csv));

  dialog = us_import_dialog_new (NULL, campaign, undo, data, "people.csv");
  /* Edits on the main thread while the worker matches: Zoë (last in the
   * list) first, so that a worker reading the live signatories would
   * most likely see her new name and miss her.
   */
  us_signatory_set_name (zoe, "Zoë Dubois-Martin");
  (void) us_signatory_get_key (zoe);
  gtk_window_present (GTK_WINDOW (dialog));
  for (guint i = 0; i < n_people; i += 7)
    {
      UsSignatory *s = nth (campaign, i);
      g_autofree char *name = g_strdup_printf ("Renamed %u", i);

      us_signatory_set_name (s, name);
      (void) us_signatory_get_key (s);
    }

  us_import_dialog_import (dialog);
  US_TEST_WAIT_FOR (n_signatories (campaign) == n_people + 1 + 2, WAIT_MS);

  /* Zoë was matched as she was when the plan started. */
  g_assert_cmpstr (us_signatory_get_email (zoe), ==, "zoe@example.fr");
  g_assert_cmpstr (us_signatory_get_name (zoe), ==, "Zoë Dubois-Martin");
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, n_people + 1)), ==, "New One");

  /* One undo step takes it all back. */
  us_undo_stack_undo (undo);
  g_assert_cmpuint (n_signatories (campaign), ==, n_people + 1);
  g_assert_null (us_signatory_get_email (zoe));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;   /* GTK keeps it alive while it is shown */
    }
  return NULL;
}

/* A file over the import limit is refused from its size, with the file,
 * its size, the limit and what to do, before a byte of it is read; a file
 * within it opens the dialog.  The big file is sparse: 1 GB on no disk.
 */
static void
test_open_too_large (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Dialog");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("us-import-dialog-XXXXXX", &error);
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *small = g_build_filename (dir, "small.csv", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  GtkWindow *alert;
  const char *body;
  int fd;

  g_assert_no_error (error);
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "name,email\n", 11), ==, 11);
  g_assert_cmpint (ftruncate (fd, (off_t) 1000 * 1000 * 1000), ==, 0);
  close (fd);
  g_assert_true (g_file_set_contents (small, "name,email\nAda Lovelace,ada@example.org\n", -1, NULL));

  us_import_dialog_open_file (NULL, campaign, NULL, big_file);
  US_TEST_WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL, WAIT_MS);
  alert = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));
  g_assert_nonnull (strstr (body, "big.csv: the file is 954 MB"));
  g_assert_nonnull (strstr (body, "imports CSV files up to 128 MB"));
  g_assert_null (find_toplevel (US_TYPE_IMPORT_DIALOG));
  gtk_window_destroy (alert);

  us_import_dialog_open_file (NULL, campaign, NULL, small_file);
  US_TEST_WAIT_FOR (find_toplevel (US_TYPE_IMPORT_DIALOG) != NULL, WAIT_MS);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (find_toplevel (US_TYPE_IMPORT_DIALOG));

  g_assert_cmpint (g_unlink (big), ==, 0);
  g_assert_cmpint (g_unlink (small), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_nonnull (us_get_resource ());

  g_test_add_func ("/import-dialog/edit-while-planning", test_edit_while_planning);
  g_test_add_func ("/import-dialog/open-too-large", test_open_too_large);
  return g_test_run ();
}
