/* test-import-split.c: a dry run reads a large CSV in two threads; the
 * result must be the one a single reader gives, whatever the file holds
 * where the split falls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "us-campaign.h"
#include "us-format.h"
#include "us-csv.h"
#include "us-utf8.h"
#include "us-import.h"
#include "us-import-private.h"

/* What a reader hands out, one record a line ("LINE: a|b|c"), and its
 * error at the end.
 */
static void
append_record (GString            *out,
               const char * const *fields,
               guint               n,
               guint               line)
{
  g_string_append_printf (out, "%u:", line);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : " ", fields[i]);
  g_string_append_c (out, '\n');
}

static void
read_rest (UsCsvReader *reader,
           GString     *out,
           GError     **error)
{
  const char * const *fields;
  guint n, line;

  while (us_csv_reader_next (reader, &fields, &n, &line, error))
    append_record (out, fields, n, line);
}

static char *
read_whole (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(UsCsvReader) reader = us_csv_reader_new (bytes, "t.csv", US_CSV_ENCODING_UTF8, ',', NULL);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_nonnull (reader);
  read_rest (reader, out, &error);
  if (error != NULL)
    g_string_append_printf (out, "ERROR %s\n", error->message);
  return g_string_free (out, FALSE);
}

/* As the importer does: skip records first, split, read both readers
 * (the second as if in its own thread: before the first finishes), and
 * keep the second's records only where the split held.
 */
/* How many times read_split() split a reader. */
static guint n_splits;

static char *
read_split (const char *text,
            guint       skip,
            gboolean   *held)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(UsCsvReader) reader = us_csv_reader_new (bytes, "t.csv", US_CSV_ENCODING_UTF8, ',', NULL);
  g_autoptr(UsCsvReader) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second_error = NULL;
  g_autoptr(GString) tail = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  const char * const *fields;
  guint n, line;

  g_assert_nonnull (reader);
  for (guint i = 0; i < skip && us_csv_reader_next (reader, &fields, &n, &line, &error); i++)
    append_record (out, fields, n, line);
  second = error == NULL ? us_csv_reader_split (reader, 1) : NULL;
  n_splits += second != NULL;
  if (second != NULL)
    read_rest (second, tail, &second_error);
  if (error == NULL)
    read_rest (reader, out, &error);
  *held = second != NULL && error == NULL && us_csv_reader_split_held (reader, second);
  if (*held)
    {
      g_string_append (out, tail->str);
      g_clear_error (&error);
      error = g_steal_pointer (&second_error);
    }
  if (error != NULL)
    g_string_append_printf (out, "ERROR %s\n", error->message);
  return g_string_free (out, FALSE);
}

/* Every place a split can fall, through every record of text: the same
 * records, lines and error as one reader.  Returns how many splits held.
 */
static guint
check_all_splits (const char *text)
{
  g_autofree char *whole = read_whole (text);
  guint n_held = 0;
  guint n_records = 0;

  for (const char *p = whole; (p = strchr (p, '\n')) != NULL; p++)
    n_records++;
  for (guint skip = 0; skip <= n_records; skip++)
    {
      gboolean held = FALSE;
      g_autofree char *split = read_split (text, skip, &held);

      g_assert_cmpstr (split, ==, whole);
      n_held += held;
    }
  return n_held;
}

static void
test_reader_plain (void)
{
  const char *text =
    "name,email,country\r\n"
    "Ada Lovelace,ada@example.org,GB\r\n"
    "\"Hopper, Grace\",grace@example.org,US\r\n"
    "Émilie du Châtelet,emilie@example.org,FR\r\n"
    "Alan Turing,alan@example.org,GB\r\n"
    "Karen Spärck Jones,karen@example.org,GB\r\n"
    "Margaret Hamilton,margaret@example.org,US\r\n";

  /* Plain rows: nearly every split is where the guess says. */
  g_assert_cmpuint (check_all_splits (text), >=, 5);
}

static void
test_reader_awkward (void)
{
  /* Each of these puts something where a split may fall: quoted line
   * ends, doubled quotes, a stray quote that breaks the count of quotes,
   * lone CRs, LFs, blank lines, a quote that never closes (in either
   * half), and a last line without its end.
   */
  static const char *texts[] = {
    "a,b\n1,\"x\ny\nz\"\n2,\"p\r\nq\"\n3,r\n4,\"\"\"\"\n5,\"s,\nt\"\n6,u\n7,v",
    "a,b\n1,ab\"c\n2,d\n3,\"e\nf\"\n4,g\n5,h\"\n6,\"i\n7,j\n8,k\"\n9,l\n",
    "a,b\r1,x\r2,\"y\rz\"\r3,w\r\r\r4,v\r5,u\r",
    "a,b\n\n\n1,x\n\n2,y\n\n\n\n3,z\n\n4,w\n\n",
    "a,b\n1,x\n2,y\n3,z\n4,\"never closed\n5,w\n6,v\n",
    "a,b\n1,\"never closed\n2,x\n3,y\n4,z\n5,w\n6,v\n7,u\n",
    "a,b\n1,x\n2,y\n3,z\n4,w\n5,v\n6,\"the last one never closes\n7,u\n",
    "a,b\r\n1,\"\"\r\n2,\"\"\"\r\n\"\r\n3,\"a\"\"b\r\nc\"\r\n4,d\r\n5,\"\"\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_all_splits (texts[i]);
}

/* Long texts with every kind of line end, in quotes and out, so that
 * the counts of lines and quotes run sixteen bytes at a time over a
 * split's first part and across its ends.
 */
static void
test_reader_random (void)
{
  static const char *const fields[] = {
    "x", "é", "", "Ada", "\"q\"", "\"a\nb\"", "\"c\r\nd\"", "\"\"\"\"", "\"e,f\"", "\"g\rh\"",
  };
  static const char *const ends[] = { "\n", "\r\n", "\r" };
  GRand *rand = g_rand_new_with_seed (20200526);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GString) text = g_string_new ("name,email\n");

      for (guint record = 0; record < 80; record++)
        {
          for (guint i = 0; i < 2; i++)
            g_string_append_printf (text, "%s%s", i ? "," : "",
                                    fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))]);
          g_string_append (text, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
        }
      /* Quotes only around fields: each split falls where a record
       * starts, and holds.
       */
      n_splits = 0;
      g_assert_cmpuint (check_all_splits (text->str), ==, n_splits);
      g_assert_cmpuint (n_splits, >, 40);
    }
  g_rand_free (rand);
}

static void
test_reader_spectrum (void)
{
  const char *shared = g_getenv ("US_SHARED_DIR");
  g_autofree char *dir = g_build_filename (shared ? shared : "../shared", "testdata",
                                           "csv-spectrum", "csvs", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    {
      g_test_skip ("no csv-spectrum cases");
      return;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      if (!g_utf8_validate (text, -1, NULL))
        continue;
      check_all_splits (text);
      n++;
    }
  g_assert_cmpuint (n, >, 5);
}

/* Dry runs */

/* A list with a bit of everything an import counts: rows rejected for
 * several reasons, duplicates within the file and of the campaign's
 * signatories (across the halves), rows without e-mail matched by name,
 * day-first dates first met in the second half, quoted line ends.
 */
static GBytes *
make_input (guint n)
{
  GString *csv = g_string_new ("name,email,country,signed,note\r\n");

  for (guint i = 0; i < n; i++)
    {
      if (i % 97 == 13)
        g_string_append_printf (csv, ",nobody%u@example.org,FR,2020-05-26,\r\n", i);
      else if (i % 89 == 5)
        g_string_append_printf (csv, "Bad Mail %u,not-an-address,DE,,\r\n", i);
      else if (i % 83 == 7)
        g_string_append_printf (csv, "Bad Country %u,bc%u@example.org,Atlantis,,\r\n", i, i);
      else if (i % 10 == 3)
        g_string_append_printf (csv, "Person %u,person%u@example.org,CH,,\"seen twice\"\r\n",
                                i / 2, i / 2);
      else if (i % 31 == 4)
        g_string_append_printf (csv, "No Mail %u,,IT,,\r\n", i % 50);
      else if (i > n * 2 / 3 && i % 7 == 0)
        g_string_append_printf (csv, "Late %u,late%u@example.org,ES,05/06/2020,\r\n", i, i);
      else if (i % 53 == 0)
        g_string_append_printf (csv, "Multi %u,m%u@example.org,PT,,\"first line\r\nsecond, \"\"quoted\"\"\"\r\n",
                                i, i);
      else
        g_string_append_printf (csv, "Person %u,person%u@example.org,CH,2020-05-27T10:00:00Z,\r\n",
                                i, i);
    }
  return g_string_free_to_bytes (csv);
}

static char *
describe (UsImportPlan *plan,
          GError       *error)
{
  GString *out = g_string_new (NULL);
  GPtrArray *rejected;
  const char * const *notes;

  if (plan == NULL)
    {
      g_string_append_printf (out, "ERROR %s\n", error->message);
      return g_string_free (out, FALSE);
    }
  g_string_append_printf (out, "rows %u added %u duplicates %u rejected %u\n",
                          us_import_plan_get_n_rows (plan),
                          us_import_plan_get_n_added (plan),
                          us_import_plan_get_n_duplicates (plan),
                          us_import_plan_get_n_rejected (plan));
  rejected = us_import_plan_get_rejected (plan);
  for (guint i = 0; i < rejected->len; i++)
    {
      UsRejectedRow *row = g_ptr_array_index (rejected, i);

      g_string_append_printf (out, "rejected %u: %s\n", row->line, row->reason);
    }
  notes = us_import_plan_get_notes (plan);
  for (guint i = 0; notes[i] != NULL; i++)
    g_string_append_printf (out, "note %s\n", notes[i]);
  return g_string_free (out, FALSE);
}

static char *
dry_run (const char *campaign_path,
         GBytes     *input,
         gsize       split_min,
         gboolean   *split)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportPlan) plan = NULL;
  gsize saved = _us_import_split_min_size;

  _us_import_split_min_size = split_min;
  plan = us_import_plan_dry_run_path (campaign_path, input, "in.csv", NULL, &error);
  _us_import_split_min_size = saved;
  if (split != NULL)
    *split = plan != NULL && plan->part != NULL;
  return describe (plan, error);
}

static void
test_dry_run_split (void)
{
  g_autofree char *dir = g_dir_make_tmp ("us-split-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "c.undersigned", NULL);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Split");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = make_input (3000);
  g_autoptr(UsImportPlan) seed = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  gboolean split = FALSE;

  /* The campaign already holds some of the people, a few withdrawn. */
  {
    g_autoptr(GBytes) existing = make_input (700);

    seed = us_import_plan (campaign, existing, "seed.csv", NULL, NULL, &error);
    g_assert_no_error (error);
    us_import_apply (campaign, seed, NULL);
    g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
    g_assert_no_error (error);
  }

  one = dry_run (path, input, G_MAXSIZE, &split);
  g_assert_false (split);
  two = dry_run (path, input, 1, &split);
  g_assert_true (split);
  g_assert_cmpstr (two, ==, one);
  /* The case is not empty: every kind of outcome is in it. */
  g_assert_nonnull (strstr (one, "rejected 8: “not-an-address” is not an e-mail address"));
  g_assert_nonnull (strstr (one, "unknown country “Atlantis”"));
  g_assert_nonnull (strstr (one, "no name"));
  g_assert_nonnull (strstr (one, "note line "));
  g_assert_null (strstr (one, "duplicates 0 "));

  /* A syntax error in the second half is the one reported, with its line. */
  {
    gsize len;
    const char *text = g_bytes_get_data (input, &len);
    g_autoptr(GString) broken = g_string_new_len (text, len);
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_string_append (broken, "Last,\"never closed\r\nthe end\r\n");
    bytes = g_string_free_to_bytes (g_steal_pointer (&broken));
    a = dry_run (path, bytes, G_MAXSIZE, NULL);
    b = dry_run (path, bytes, 1, NULL);
    g_assert_cmpstr (b, ==, a);
    g_assert_true (g_str_has_prefix (a, "ERROR in.csv:"));
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* The line count a plan sizes itself and its progress by, sixteen bytes
 * at a time with a byte counter each, summed every 255 steps: a newline
 * at every position of a block, bytes that differ from one only in
 * their high bit, and runs long enough to fill the counters.
 */
static void
test_count_lines (void)
{
  GRand *rand = g_rand_new_with_seed (26052020);

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = round % 50 == 0 ? g_rand_int_range (rand, 4000, 9000) : g_rand_int_range (rand, 0, 70);
      g_autofree char *text = g_malloc (len + 1);
      guint expected = 0;
      guint expected_cr = 0;
      guint cr = 0;

      for (gsize i = 0; i < len; i++)
        {
          static const char pick[] = { '\n', '\n', 'a', '\x8a', '\x0b', '\x09', '\r', '\0', '\x8d' };

          text[i] = pick[g_rand_int_range (rand, 0, G_N_ELEMENTS (pick))];
          expected += text[i] == '\n';
          expected_cr += text[i] == '\r';
        }
      g_assert_cmpuint (us_count_line_ends (text, len, NULL), ==, expected);
      g_assert_cmpuint (us_count_line_ends (text, len, &cr), ==, expected);
      g_assert_cmpuint (cr, ==, expected_cr);
    }
  g_rand_free (rand);

  /* Every byte a newline, or a CR: each counter at 255 before a sum. */
  for (gsize len = 0; len < 9000; len += len < 40 ? 1 : 997)
    {
      g_autofree char *newlines = g_malloc (len + 1);
      g_autofree char *crs = g_malloc (len + 1);
      guint cr = 0;

      memset (newlines, '\n', len);
      memset (crs, '\r', len);
      g_assert_cmpuint (us_count_line_ends (newlines, len, NULL), ==, len);
      g_assert_cmpuint (us_count_line_ends (crs, len, &cr), ==, 0);
      g_assert_cmpuint (cr, ==, len);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-split/reader/plain", test_reader_plain);
  g_test_add_func ("/import-split/reader/awkward", test_reader_awkward);
  g_test_add_func ("/import-split/reader/spectrum", test_reader_spectrum);
  g_test_add_func ("/import-split/reader/random", test_reader_random);
  g_test_add_func ("/import-split/dry-run", test_dry_run_split);
  g_test_add_func ("/import-split/count-lines", test_count_lines);
  return g_test_run ();
}
