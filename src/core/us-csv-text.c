/* us-csv-text.c: what CSV fields look like: whether a first record is a
 * header, and records written back out (rejects, exports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"

#include <string.h>

/* Longer texts than this are content, not column names. */
#define HEADER_MAX_CHARS 64

static const char *
skip_space (const char *s)
{
  while (g_ascii_isspace (*s))
    s++;
  return s;
}

static gboolean
looks_like_email (const char *s)
{
  const char *at = strchr (s, '@');

  return at != NULL && at != s && strchr (at + 1, '.') != NULL;
}

/* Amounts, counts, phone numbers and numeric dates such as 26/05/2020. */
static gboolean
looks_like_number (const char *s)
{
  gboolean digit = FALSE;

  for (; *s != '\0'; s++)
    {
      if (g_ascii_isdigit (*s))
        digit = TRUE;
      else if (strchr (" +-.,/()%'", *s) == NULL)
        return FALSE;
    }

  return digit;
}

/* 2020-05-26T12:00:15Z, 26.05.2020 12:00, 5/26/20: digits, a separator,
 * digits, a separator, a digit.
 */
static gboolean
looks_like_date (const char *s)
{
  for (guint group = 0; group < 3; group++)
    {
      guint digits = 0;

      while (g_ascii_isdigit (*s))
        s++, digits++;
      if (digits == 0 || digits > 4)
        return FALSE;
      if (group < 2)
        {
          if (*s != '-' && *s != '/' && *s != '.')
            return FALSE;
          s++;
        }
    }

  return TRUE;
}

gboolean
us_csv_looks_like_header (const char * const *fields,
                          guint               n_fields)
{
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  if (n_fields == 0)
    return FALSE;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *field;

      if (fields[i] == NULL)
        return FALSE;
      field = skip_space (fields[i]);
      if (*field == '\0'
          || !g_utf8_validate (field, -1, NULL)
          || g_utf8_strlen (field, -1) > HEADER_MAX_CHARS
          || looks_like_email (field)
          || looks_like_number (field)
          || looks_like_date (field))
        return FALSE;
    }

  return TRUE;
}

static void
append_field (GString    *out,
              const char *field,
              char        delimiter,
              gboolean    neutralise,
              gboolean    alone)
{
  gboolean guard = neutralise && field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL;
  /* A lone empty field written bare would be a blank line, which readers
   * skip, so the record would vanish.
   */
  gboolean quote = strpbrk (field, "\"\r\n") != NULL
                   || strchr (field, delimiter) != NULL
                   || (alone && field[0] == '\0');
  const char *q;

  if (quote)
    g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');

  while ((q = strchr (field, '"')) != NULL)
    {
      g_string_append_len (out, field, q - field + 1);
      g_string_append_c (out, '"');
      field = q + 1;
    }
  g_string_append (out, field);

  if (quote)
    g_string_append_c (out, '"');
}

void
us_csv_append_record (GString            *out,
                      const char * const *fields,
                      guint               n_fields,
                      char                delimiter,
                      gboolean            neutralise)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);
  g_return_if_fail (us_csv_delimiter_is_valid (delimiter));

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, delimiter);
      append_field (out, fields[i] != NULL ? fields[i] : "", delimiter,
                    neutralise, n_fields == 1);
    }
  g_string_append (out, "\r\n");
}
