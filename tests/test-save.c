/* test-save.c: saving is atomic and keeps a backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-save-private.h"
#include "us-test-campaign.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/file.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

/* Temporaries of saves of path: ".NAME.*" beside it. */
static guint
count_prefixed (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (".", base, ".", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

static void
test_first_save_and_backup (void)
{
  g_autofree char *path = us_test_tmp_path ("backup.undersigned");
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  us_campaign_set_title (campaign, "Version one");
  g_assert_true (us_campaign_get_modified (campaign));
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
  g_assert_no_error (error);
  g_assert_false (us_campaign_get_modified (campaign));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  /* Personal data: private by default. */
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  first = us_test_read_file (path);

  g_chmod (path, 0640);
  us_campaign_set_title (campaign, "Version two");
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
  kept = us_test_read_file (backup);
  second = us_test_read_file (path);
  g_assert_true (g_bytes_equal (first, kept));
  g_assert_false (g_bytes_equal (first, second));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
}

static void
test_full_disk_keeps_old_file (void)
{
  g_autofree char *path = us_test_tmp_path ("full.undersigned");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  guint entries;

  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, NULL));
  before = us_test_read_file (path);
  entries = count_entries (dir);

  us_campaign_set_title (campaign, "This edit does not fit on the disk");
  _us_save_inject_enospc (100);
  g_assert_false (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
  _us_save_inject_enospc (-1);

  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "No space left on device"));
  g_assert_nonnull (strstr (error->message, "left as it was"));
  after = us_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  /* No stray temporary file, and the edit is still unsaved. */
  g_assert_cmpuint (count_entries (dir), ==, entries);
  g_assert_true (us_campaign_get_modified (campaign));
}

static void
test_bad_targets (void)
{
  g_autofree char *nodir = us_test_tmp_path ("no-such-folder/x.undersigned");
  g_autofree char *folder = us_test_tmp_path ("folder.undersigned");
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (us_campaign_save_path (campaign, nodir, US_WRITE_DEFAULT, &error));
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (us_campaign_save_path (campaign, folder, US_WRITE_DEFAULT, &error));
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_rmdir (folder);
}

/* Kill a saving process at random moments: the file must always be one
 * complete document, the old one or the new one.
 */
static void
test_killed_during_save (void)
{
  g_autofree char *path = us_test_tmp_path ("killed.undersigned");
  g_autoptr(UsCampaign) a = us_test_campaign_new ();
  g_autoptr(UsCampaign) b = us_test_campaign_new ();
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;
  guint trials = g_test_slow () ? 300 : 40;
  guint saw_a = 0, saw_b = 0;

  /* Big enough that a save takes a few milliseconds. */
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Signatory %u", i);
      g_ptr_array_add (people, us_signatory_new (name));
    }
  us_campaign_add_signatories (b, (UsSignatory **) people->pdata, people->len);
  us_campaign_set_modified_at (b, us_campaign_get_modified_at (a));
  bytes_a = us_campaign_to_bytes (a, US_WRITE_DEFAULT, NULL);
  bytes_b = us_campaign_to_bytes (b, US_WRITE_DEFAULT, NULL);
  g_assert_true (us_campaign_save_path (a, path, US_WRITE_DEFAULT, NULL));

  for (guint t = 0; t < trials; t++)
    {
      g_autoptr(GBytes) now = NULL;
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (;;)
            {
              us_campaign_save_path (b, path, US_WRITE_DEFAULT, NULL);
              us_campaign_save_path (a, path, US_WRITE_DEFAULT, NULL);
            }
        }
      g_usleep (g_random_int_range (500, 30000));
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);

      now = us_test_read_file (path);
      g_assert_nonnull (now);
      if (g_bytes_equal (now, bytes_a))
        saw_a++;
      else if (g_bytes_equal (now, bytes_b))
        saw_b++;
      else
        g_error ("trial %u: %s is neither the old nor the new document (%zu bytes)",
                 t, path, g_bytes_get_size (now));
    }
  g_test_message ("%u trials: old document %u times, new %u times; %u temporaries left",
                  trials, saw_a, saw_b, count_prefixed (path));

  /* The next save removes what the killed ones left. */
  g_assert_true (us_campaign_save_path (a, path, US_WRITE_DEFAULT, NULL));
  g_assert_cmpuint (count_prefixed (path), ==, 0);
}

static pid_t
dead_pid (void)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  waitpid (pid, &status, 0);
  return pid;
}

static char *
make_temp (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "<half a camp", -1, NULL));
  return path;
}

/* A killed save leaves ".NAME.PID.XXXXXX" beside NAME; the next save of
 * NAME removes it once its writer is gone, and nothing else: not a live
 * writer's, not one still locked, not another document's.
 */
static void
test_stale_temporaries (void)
{
  g_autofree char *path = us_test_tmp_path ("stale.undersigned");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  pid_t dead = dead_pid ();
  pid_t locker_dead = dead_pid ();
  g_autofree char *stale_name = g_strdup_printf (".stale.undersigned.%d.aB3xYz", (int) dead);
  g_autofree char *live_name = g_strdup_printf (".stale.undersigned.%d.Qw12Er", (int) getppid ());
  g_autofree char *locked_name = g_strdup_printf (".stale.undersigned.%d.Lk9Lk9", (int) locker_dead);
  g_autofree char *other_name = g_strdup_printf (".other.undersigned.%d.aB3xYz", (int) dead);
  g_autofree char *longer_name = g_strdup_printf (".stale.undersigned.%d.aB3xYz.bak", (int) dead);
  g_autofree char *stale = make_temp (dir, stale_name);
  g_autofree char *live = make_temp (dir, live_name);
  g_autofree char *locked = make_temp (dir, locked_name);
  g_autofree char *other = make_temp (dir, other_name);
  g_autofree char *longer = make_temp (dir, longer_name);
  g_autofree char *notes = make_temp (dir, ".stale.undersigned.notes");
  int lock_fd = g_open (locked, O_RDONLY | O_CLOEXEC, 0);

  /* A writer in another pid namespace: its pid means nothing here, but
   * it holds its lock.
   */
  g_assert_cmpint (lock_fd, >=, 0);
  g_assert_cmpint (flock (lock_fd, LOCK_EX | LOCK_NB), ==, 0);

  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, NULL));
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (locked, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (longer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (notes, G_FILE_TEST_EXISTS));

  /* Once the lock is gone, so is the temporary. */
  close (lock_fd);
  us_campaign_set_title (campaign, "Saved again");
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, NULL));
  g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));

  for (const char * const *p = (const char * const[]) { live, other, longer, notes, path, NULL }; *p; p++)
    g_unlink (*p);
  {
    g_autofree char *backup = g_strconcat (path, "~", NULL);
    g_unlink (backup);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/save/first-save-and-backup", test_first_save_and_backup);
  g_test_add_func ("/save/full-disk-keeps-old-file", test_full_disk_keeps_old_file);
  g_test_add_func ("/save/bad-targets", test_bad_targets);
  g_test_add_func ("/save/killed-during-save", test_killed_during_save);
  g_test_add_func ("/save/stale-temporaries", test_stale_temporaries);
  return g_test_run ();
}
