/* fuzz-csv.c: libFuzzer target for the CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"

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
