/* test-drafts-crash.c: the app's drafts under SIGKILL
 *
 * The app writes a draft a few seconds after each edit, with
 * us_drafts_write() (src/app/us-drafts.c, which needs GIO but not GTK, so
 * it is compiled in here as it is).  A child process writes two different
 * drafts under the same id in a loop and is killed at random moments;
 * after every kill the draft must be one complete document, the old or
 * the new, that the core reader loads, and the draft index must still
 * list it.  Then the next write must remove the temporaries the killed
 * writers left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-drafts.h"
#include "us-format.h"
#include "us-test-campaign.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DRAFT_ID "untitled-1"

static guint
count_temporaries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.' || g_str_has_prefix (name, "index.ini."))
      n++;
  return n;
}

static gboolean
draft_is_listed (void)
{
  g_autoptr(GPtrArray) drafts = us_drafts_list ();

  for (guint i = 0; i < drafts->len; i++)
    {
      UsDraftInfo *info = g_ptr_array_index (drafts, i);

      if (g_strcmp0 (info->id, DRAFT_ID) == 0)
        return TRUE;
    }
  return FALSE;
}

static GBytes *
make_draft (guint n_people)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_people; i++)
    {
      g_autofree char *name = g_strdup_printf ("Draft Signatory %u", i);
      g_ptr_array_add (people, us_signatory_new (name));
    }
  us_campaign_add_signatories (campaign, (UsSignatory **) people->pdata, people->len);
  return us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
}

static void
test_drafts_killed (void)
{
  g_autofree char *dir = us_drafts_get_dir ();
  g_autofree char *path = us_drafts_path_for_id (DRAFT_ID);
  g_autoptr(GBytes) old_draft = make_draft (10);
  g_autoptr(GBytes) new_draft = make_draft (8000);
  g_autoptr(GError) error = NULL;
  guint trials = g_test_slow () ? 1000 : 300;
  guint saw_old = 0, saw_new = 0, left = 0;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint t;

  g_assert_true (us_drafts_write (DRAFT_ID, NULL, NULL, "Old", old_draft, &error));
  g_assert_no_error (error);

  for (t = 0; t < trials && g_get_monotonic_time () < deadline; t++)
    {
      g_autoptr(GBytes) now = NULL;
      g_autoptr(UsCampaign) loaded = NULL;
      g_autoptr(GError) load_error = NULL;
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (;;)
            {
              us_drafts_write (DRAFT_ID, NULL, NULL, "New", new_draft, NULL);
              us_drafts_write (DRAFT_ID, NULL, NULL, "Old", old_draft, NULL);
            }
        }
      g_usleep (g_random_int_range (200, 20000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));

      now = us_test_read_file (path);
      if (now == NULL)
        g_error ("trial %u: the draft %s is gone", t, path);
      if (g_bytes_equal (now, old_draft))
        saw_old++;
      else if (g_bytes_equal (now, new_draft))
        saw_new++;
      else
        g_error ("trial %u: the draft %s is neither the old nor the new document (%zu bytes)",
                 t, path, g_bytes_get_size (now));
      loaded = us_campaign_load_path (path, NULL, &load_error);
      g_assert_no_error (load_error);
      g_assert_nonnull (loaded);
      g_assert_true (draft_is_listed ());
    }
  left = count_temporaries (dir);
  g_test_message ("%u trials: old draft %u times, new %u times; %u temporaries left by killed writers",
                  t, saw_old, saw_new, left);
  g_assert_cmpuint (t, >=, 100);
  g_assert_cmpuint (saw_old + saw_new, ==, t);

  /* The next write (another process than the killed ones) cleans up. */
  g_assert_true (us_drafts_write (DRAFT_ID, NULL, NULL, "Old", old_draft, &error));
  g_assert_cmpuint (count_temporaries (dir), ==, 0);

  us_drafts_remove (DRAFT_ID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  /* Before anything asks GLib for it: drafts go to a private folder. */
  data_home = g_dir_make_tmp ("undersigned-drafts-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/drafts/killed-while-writing", test_drafts_killed);
  result = g_test_run ();

  {
    g_autofree char *index = g_build_filename (data_home, "undersigned", "drafts", "index.ini", NULL);
    g_autofree char *drafts = g_build_filename (data_home, "undersigned", "drafts", NULL);
    g_autofree char *app = g_build_filename (data_home, "undersigned", NULL);

    g_unlink (index);
    g_rmdir (drafts);
    g_rmdir (app);
    g_rmdir (data_home);
  }
  return result;
}
