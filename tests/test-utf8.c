/* test-utf8.c: the UTF-8 check every import makes of its whole input,
 * against GLib's, on both of its paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"
#include "us-utf8.h"

#include <string.h>

/* The reader skips ASCII eight bytes at a time: its verdict and the
 * offset it names must be GLib's, wherever a bad byte or a NUL sits
 * relative to those eight.
 */
static void
test_utf8_words (void)
{
  static const char *const pieces[] = {
    "a", "bcdefgh", "é", "漢", "😀", "\xc3", "\xe6\xbc", "\xf0\x9f\x98", "\x80", "\xff",
    "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", ",", "\r\n",
    "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", "\xe0\xa0\x80",
    "\xf5\x80\x80\x80", "\xc2", "\xc2\x80",
  };
  GRand *rand = g_rand_new_with_seed (20200526);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(UsCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      guint n = g_rand_int_range (rand, 1, 40);
      const char *bad = NULL;
      gboolean valid;

      for (guint i = 0; i < n; i++)
        {
          /* Mostly good text, a bad piece now and then. */
          guint k = g_rand_int_range (rand, 0, 100) < 90 ? g_rand_int_range (rand, 0, 5)
                                                          : g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));

          g_string_append (text, pieces[k]);
        }
      if (g_rand_int_range (rand, 0, 20) == 0)
        g_string_insert_c (text, g_rand_int_range (rand, 0, text->len + 1), '\0');
      valid = g_utf8_validate_len (text->str, text->len, &bad);
      bytes = g_bytes_new (text->str, text->len);
      reader = us_csv_reader_new (bytes, "w.csv", US_CSV_ENCODING_UTF8, ',', &error);
      g_assert_true ((reader != NULL) == valid);
      if (!valid)
        {
          g_autofree char *offset = g_strdup_printf ("byte offset %lu)", (gulong) (bad - text->str));
          g_autofree char *nul = g_strdup_printf ("NUL byte (byte offset %lu)", (gulong) (bad - text->str));

          g_assert_true (strstr (error->message, *bad ? offset : nul) != NULL);
        }
    }
  g_rand_free (rand);
}

/* The vector check reads 32 bytes at a time and looks up to three bytes
 * back across blocks: on texts of every length, with bad pieces at every
 * place in and across blocks, its verdict and the byte it names are
 * GLib's, and the portable path's.
 */
static void
test_utf8_blocks (void)
{
  static const char *const good[] = {
    "a", "bcdefgh", "é", "漢", "😀", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf", "\xe0\xa0\x80",
    "\xc2\x80", "\xef\xbf\xbd", "\xf0\x90\x80\x80", "\xdf\xbf",
  };
  static const char *const bad[] = {
    "\xc3", "\xe6\xbc", "\xf0\x9f\x98", "\x80", "\xbf", "\xff", "\xfe", "\xed\xa0\x80",
    "\xc0\xaf", "\xc1\xbf", "\xf4\x90\x80\x80", "\xe0\x80\x80", "\xe0\x9f\xbf",
    "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80",
    "\xc2\xc2\x80", "\xe6\x80\xe6", "\x00",
  };
  GRand *rand = g_rand_new_with_seed (20201104);

  if (!__builtin_cpu_supports ("avx2"))
    g_test_message ("no AVX2 here: only the portable path is checked");
  for (guint round = 0; round < 40000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      /* Mostly short texts; now and then one past the 4 KB early stop. */
      guint n = g_rand_int_range (rand, 0, 50) == 0 ? g_rand_int_range (rand, 500, 2500)
                                                    : g_rand_int_range (rand, 0, 60);
      guint n_bad = g_rand_int_range (rand, 0, 3);
      const char *at_glib = NULL, *at_ours = NULL, *at_portable = NULL;
      gboolean glib, ours, portable;
      int vector;

      /* Two texts in three mostly ASCII, as lists are: whole blocks of it. */
      guint ascii = g_rand_int_range (rand, 0, 3);

      for (guint i = 0; i < n; i++)
        g_string_append (text, ascii > 0 && g_rand_int_range (rand, 0, ascii == 1 ? 10 : 1000) > 0
                               ? "a" : good[g_rand_int_range (rand, 0, G_N_ELEMENTS (good))]);
      for (guint i = 0; i < n_bad; i++)
        {
          const char *piece = bad[g_rand_int_range (rand, 0, G_N_ELEMENTS (bad))];
          gsize piece_len = *piece ? strlen (piece) : 1;
          /* Anywhere, or across the end of a 32-byte block. */
          gssize at = g_rand_boolean (rand)
                      ? g_rand_int_range (rand, 0, text->len + 1)
                      : 32 * g_rand_int_range (rand, 0, text->len / 32 + 1)
                        - (gssize) piece_len + g_rand_int_range (rand, 0, (int) piece_len + 1);

          g_string_insert_len (text, CLAMP (at, 0, (gssize) text->len), piece, piece_len);
        }
      glib = g_utf8_validate_len (text->str, text->len, &at_glib);
      ours = us_utf8_validate (text->str, text->len, &at_ours);
      portable = us_utf8_validate_portable (text->str, text->len, &at_portable);
      /* A bad text is read again to find where: the vector path's own
       * verdict must be right too, or every file would be read twice.
       */
      vector = _us_utf8_validate_vector (text->str, text->len);
      if (ours != glib || portable != glib || (vector >= 0 && vector != glib) ||
          (!glib && (at_ours != at_glib || at_portable != at_glib)))
        {
          g_autofree char *hex = g_strescape (text->str, NULL);

          g_error ("round %u, %" G_GSIZE_FORMAT " bytes \"%s\": GLib says %d at %td, "
                   "us_utf8_validate %d at %td, the portable path %d at %td, the vector path %d",
                   round, text->len, hex, glib, at_glib - text->str, ours,
                   at_ours - text->str, portable, at_portable - text->str, vector);
        }
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/utf8/reader-verdict", test_utf8_words);
  g_test_add_func ("/utf8/blocks", test_utf8_blocks);
  return g_test_run ();
}
