/* test-limits.c: inputs at the sizes issue 7 names, at real size
 *
 * A 1 GB campaign file, CSV and OSDI file, a CSV line of 100 MB and a feed
 * of a million entries: each is refused with an error that names the file,
 * the line or entry and what to do, in bounded memory.  Memory is the peak
 * resident set of a child process (wait4), so it counts everything the
 * work touched, mapped file pages included.
 *
 * Big inputs that only need refusing are sparse files (a valid start, then
 * ftruncate): they take no disk and prove the refusal came before reading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-feed.h"
#include "us-format.h"
#include "us-import.h"
#include "us-test-campaign.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define GB ((goffset) 1 << 30)
#define MB ((goffset) 1 << 20)

/* ASan keeps freed memory in quarantine and adds shadow pages, so peak
 * memory is checked only in the plain build; the errors are checked in
 * both.
 */
#if defined(__SANITIZE_ADDRESS__)
# define CHECK_MEMORY FALSE
#else
# define CHECK_MEMORY TRUE
#endif

typedef struct
{
  int    status;   /* exit status, or -1 when killed */
  char  *err;      /* what it wrote to stderr */
  glong  max_kb;   /* peak resident set, KiB */
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->err, g_free);
}

static void
write_sparse (const char *path,
              const char *head,
              goffset     size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  g_assert_cmpint (ftruncate (fd, size), ==, 0);
  close (fd);
}

static void
finish_child (pid_t       pid,
              const char *err_path,
              Run        *run)
{
  struct rusage usage;
  int status;

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  run->status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  run->max_kb = usage.ru_maxrss;
  g_assert_true (g_file_get_contents (err_path, &run->err, NULL, NULL));
  g_unlink (err_path);
}

/* Runs undersigned-cli with argv (NULL-terminated, without the program). */
static void
run_cli (Run         *run,
         const char **args)
{
  const char *cli = g_getenv ("US_CLI");
  g_autofree char *err_path = us_test_tmp_path ("cli-stderr.txt");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  pid_t pid;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int err = open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      dup2 (err, STDERR_FILENO);
      execv (cli, (char **) argv->pdata);
      _exit (127);
    }
  finish_child (pid, err_path, run);
  g_test_message ("%s %s: exit %d, peak %ld MiB: %s", cli, args[0], run->status,
                  run->max_kb / 1024, run->err);
}

static void
assert_memory_below (const Run *run,
                     glong      mib)
{
  if (CHECK_MEMORY)
    g_assert_cmpint (run->max_kb / 1024, <, mib);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in “%s”", needle, haystack);
}

/* Campaign files: refused before reading, by every command that opens one */

#define CAMPAIGN_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"1.0\" " \
  "created=\"2020-05-20T00:00:00Z\" modified=\"2020-05-26T00:00:00Z\">\n" \
  "<title>Too big</title><letter/><incidents/><signatories>\n"

static void
test_campaign_1gb (void)
{
  g_autofree char *path = us_test_tmp_path ("huge.undersigned");
  g_autofree char *out = us_test_tmp_path ("huge-out.undersigned");
  g_autofree char *expected = g_strdup_printf ("%s:0:0: the file is 1024 MB; Undersigned opens "
                                               "campaign files up to 512 MB", path);
  const char *commands[][4] = {
    { "validate", path, NULL },
    { "stats", path, NULL },
    { "convert", path, out, NULL },
  };

  write_sparse (path, CAMPAIGN_HEAD, GB);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      Run run = { 0 };

      run_cli (&run, commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      assert_contains (run.err, expected);
      assert_contains (run.err, "split into several files");
      /* Not read: a few MiB, where reading would take a gigabyte. */
      assert_memory_below (&run, 64);
      run_clear (&run);
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* The core API the app uses, from a path and from memory. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(UsCampaign) from_path = us_campaign_load_path (path, NULL, &error);
    g_autoptr(UsCampaign) from_bytes = NULL;

    g_assert_null (from_path);
    g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
    assert_contains (error->message, expected);
    g_clear_error (&error);

    g_assert_nonnull (mapped);
    bytes = g_mapped_file_get_bytes (mapped);
    from_bytes = us_campaign_load_bytes (bytes, path, NULL, &error);
    g_assert_null (from_bytes);
    assert_contains (error->message, expected);
  }
  g_unlink (path);
}

/* Imports */

static char *
new_campaign (void)
{
  char *path = us_test_tmp_path ("import-into.undersigned");
  const char *args[] = { "new", path, "--title", "Imports", NULL };
  Run run = { 0 };

  g_unlink (path);
  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  return path;
}

static void
test_import_1gb (void)
{
  g_autofree char *campaign = new_campaign ();
  g_autofree char *csv = us_test_tmp_path ("huge.csv");
  g_autofree char *json = us_test_tmp_path ("huge.json");
  g_autofree char *csv_expected = g_strdup_printf ("%s: the file is 1024 MB; Undersigned imports "
                                                   "CSV files up to 128 MB", csv);
  g_autofree char *json_expected = g_strdup_printf ("%s: the file is 1024 MB; Undersigned imports "
                                                    "OSDI JSON files up to 32 MB", json);
  const char *csv_args[] = { "import", campaign, csv, "--dry-run", NULL };
  const char *json_args[] = { "import", campaign, json, NULL };
  Run run = { 0 };

  write_sparse (csv, "name,email,country\nAda Lovelace,ada@example.org,GB\n", GB);
  run_cli (&run, csv_args);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, csv_expected);
  assert_contains (run.err, "Split it into smaller files");
  assert_memory_below (&run, 64);
  run_clear (&run);
  g_unlink (csv);

  write_sparse (json, "{\"_embedded\": {\"osdi:signatures\": [", GB);
  run_cli (&run, json_args);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, json_expected);
  assert_memory_below (&run, 64);
  run_clear (&run);
  g_unlink (json);
}

static void
write_repeated (int         fd,
                const char *unit,
                gsize       total)
{
  gsize unit_len = strlen (unit);
  g_autoptr(GString) block = g_string_new (NULL);

  while (block->len < MB)
    g_string_append (block, unit);
  /* Whole units only, so that the line is made of complete fields. */
  g_string_truncate (block, (block->len / unit_len) * unit_len);
  while (total > 0)
    {
      gsize n = MIN (total, block->len);

      g_assert_cmpint (write (fd, block->str, n), ==, (gssize) n);
      total -= n;
    }
}

/* A CSV whose second line is 100 MiB: either one quoted field, or
 * thousands of fields of 20 KB each (each under the field cap).
 */
static char *
write_long_line_csv (const char *name,
                     gboolean    one_field)
{
  char *path = us_test_tmp_path (name);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const char *head = "name,email,country\n";
  const char *tail = "\nAda Lovelace,ada@example.org,GB\n";

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  if (one_field)
    {
      g_assert_cmpint (write (fd, "\"", 1), ==, 1);
      write_repeated (fd, "Signatory ", 100 * MB - 2);
      g_assert_cmpint (write (fd, "\"", 1), ==, 1);
    }
  else
    {
      g_autoptr(GString) field = g_string_new (NULL);

      while (field->len < 20 * 1000 - 1)
        g_string_append_c (field, 'a' + field->len % 26);
      g_string_append_c (field, ',');
      write_repeated (fd, field->str, 100 * MB);
    }
  g_assert_cmpint (write (fd, tail, strlen (tail)), ==, (gssize) strlen (tail));
  close (fd);
  return path;
}

static void
test_csv_100mb_line (void)
{
  g_autofree char *campaign = new_campaign ();
  struct { const char *name; gboolean one_field; const char *what; } cases[] = {
    { "long-field.csv", TRUE, ":2: a field is longer than 1048576 bytes" },
    { "long-record.csv", FALSE, ":2: a record is longer than 2097152 bytes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = write_long_line_csv (cases[i].name, cases[i].one_field);
      g_autofree char *expected = g_strconcat (csv, cases[i].what, NULL);
      const char *args[] = { "import", campaign, csv, "--dry-run", NULL };
      Run run = { 0 };

      run_cli (&run, args);
      g_assert_cmpint (run.status, ==, 1);
      assert_contains (run.err, expected);
      assert_contains (run.err, "Check that");
      /* The mapped file is scanned once (up to 100 MiB resident); keeping
       * the line as well would pass 200.
       */
      assert_memory_below (&run, 200);
      run_clear (&run);
      g_unlink (csv);
    }
}

/* Feeds, through the core parser in a child process */

typedef struct
{
  const char *path;
  goffset     length;     /* of the mapping to parse; 0: the whole file */
  guint       n_entries;  /* expected when it parses */
} FeedJob;

static void
run_feed (Run           *run,
          const FeedJob *job)
{
  g_autofree char *err_path = us_test_tmp_path ("feed-stderr.txt");
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (job->path, FALSE, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_path_get_basename (job->path);
      UsFeed *feed;
      gsize length;
      int code;

      if (mapped == NULL)
        _exit (2);
      length = job->length ? (gsize) job->length : g_mapped_file_get_length (mapped);
      feed = us_feed_parse (g_mapped_file_get_contents (mapped), length, NULL, name, &error);
      code = feed != NULL && feed->entries->len == job->n_entries ? 0 : 1;
      g_file_set_contents (err_path, error ? error->message : "", -1, NULL);
      us_feed_free (feed);
      _exit (code);
    }
  finish_child (pid, err_path, run);
  g_test_message ("feed %s: exit %d, peak %ld MiB: %s", job->path, run->status,
                  run->max_kb / 1024, run->err);
}

static char *
write_feed (const char *name,
            guint       n_entries)
{
  char *path = us_test_tmp_path (name);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  fputs ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Incidents</title>\n", f);
  for (guint i = 1; i <= n_entries; i++)
    fprintf (f, "<item><title>Incident %u</title><guid>%u</guid></item>\n", i, i);
  fputs ("</channel></rss>\n", f);
  g_assert_cmpint (fclose (f), ==, 0);
  return path;
}

static void
test_feed_million_entries (void)
{
  g_autofree char *million = write_feed ("million.xml", 1000000);
  g_autofree char *limit = write_feed ("limit.xml", US_FEED_MAX_ENTRIES);
  g_autofree char *huge = us_test_tmp_path ("huge-feed.xml");
  GStatBuf st;
  Run run = { 0 };
  FeedJob job = { million, 0, 0 };

  /* A real million entries, under the size cap: refused by counting,
   * before a tree of a million entries is built.
   */
  g_assert_cmpint (g_stat (million, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, US_FEED_MAX_SIZE);
  g_assert_cmpint (st.st_size, >, 40 * MB);
  run_feed (&run, &job);
  g_assert_cmpint (run.status, ==, 1);
  /* Entry 100,001 is on line 100,003: after the prolog and channel. */
  assert_contains (run.err, "million.xml:100003: entry 100001: the feed has more than 100000 entries");
  assert_contains (run.err, "Follow a feed");
  assert_memory_below (&run, 150);
  run_clear (&run);
  g_unlink (million);

  /* Exactly the cap works. */
  job.path = limit;
  job.n_entries = US_FEED_MAX_ENTRIES;
  run_feed (&run, &job);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_memory_below (&run, 300);
  run_clear (&run);
  g_unlink (limit);

  /* A gigabyte is refused by its size, before parsing. */
  write_sparse (huge, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", GB);
  job.path = huge;
  job.n_entries = 0;
  run_feed (&run, &job);
  g_assert_cmpint (run.status, ==, 1);
  assert_contains (run.err, "huge-feed.xml: the feed is over 64 MiB");
  assert_memory_below (&run, 64);
  run_clear (&run);
  g_unlink (huge);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limits/campaign-1gb", test_campaign_1gb);
  g_test_add_func ("/limits/import-1gb", test_import_1gb);
  g_test_add_func ("/limits/csv-100mb-line", test_csv_100mb_line);
  g_test_add_func ("/limits/feed-million-entries", test_feed_million_entries);
  return g_test_run ();
}
