/* fuzz-csv.c: libFuzzer target for the CSV reader, and for the UTF-8
 * check it makes first (us-utf8.c), against GLib's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"
#include "us-utf8.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(UsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n_fields, line, last_line = 0;
  const char *bad_glib = NULL, *bad_ours = NULL;
  gboolean valid = g_utf8_validate_len ((const char *) data, size, &bad_glib);
  int vector = _us_utf8_validate_vector ((const char *) data, size);
  guint lf = 0, cr = 0;

  /* Both paths say what GLib says, and name the same first bad byte. */
  g_assert (us_utf8_validate ((const char *) data, size, &bad_ours) == valid);
  g_assert (valid || bad_ours == bad_glib);
  g_assert (us_utf8_validate_portable ((const char *) data, size, NULL) == valid);
  g_assert (vector < 0 || vector == valid);
  if (us_utf8_validate_lines ((const char *) data, size, NULL, &lf, &cr))
    {
      guint n_cr;

      g_assert (lf == us_count_line_ends ((const char *) data, size, &n_cr));
      g_assert (cr == n_cr);
    }

  reader = us_csv_reader_new (bytes, "fuzz.csv", US_CSV_ENCODING_AUTO, 0, &error);
  if (reader == NULL)
    return 0;
  while (us_csv_reader_next (reader, &fields, &n_fields, &line, &error))
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_assert (line >= last_line);
      g_assert (fields[n_fields] == NULL);
      for (guint i = 0; i < n_fields; i++)
        g_assert (g_utf8_validate (fields[i], -1, NULL));
      us_csv_append_record (out, fields, n_fields, ',', TRUE);
      last_line = line;
    }
  return 0;
}
