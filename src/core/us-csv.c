/* us-csv.c: an RFC 4180 CSV reader for signatory imports (the writer and
 * the header guess are in us-csv-text.c)
 *
 * The reader decodes the whole input to UTF-8 once, then walks it in a
 * single pass: unquoted text is copied a run at a time, quoted text a
 * memchr() span at a time, and every record reuses the same buffers, so a
 * million-row form export costs no allocation per field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"
#include "us-utf8.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_DEFINE_QUARK (us-csv-error-quark, us_csv_error)

/* Enough for the header and a sample of rows; a delimiter that is right
 * for twenty records is right for the file in practice.
 */
#define SNIFF_RECORDS 20

typedef enum
{
  SPLIT_NONE,
  SPLIT_PENDING,           /* first reader, not at stop_at yet */
  SPLIT_HELD,              /* first reader: a record started at stop_at */
  SPLIT_FAILED,            /* first reader: a record ran over stop_at */
} SplitState;

struct _UsCsvReader
{
  GBytes     *bytes;       /* keeps text alive: the caller's data or a decoded copy */
  const char *text;
  const char *end;
  const char *pos;
  char       *filename;
  char        delimiter;
  guint       line;        /* the line pos is on */
  GString    *buf;         /* the current record's fields, each NUL-terminated */
  gsize      *starts;      /* the offset of each field in buf */
  guint       n_starts;
  guint       starts_room;
  GPtrArray  *fields;      /* what next() hands out; pointers into buf */
  GError     *error;       /* kept so that a caller ignoring it cannot read on */
  gboolean    stop[256];   /* bytes that end an unquoted field */
  /* A split (us_csv_reader_split()): the first reader stops at a record
   * that starts at stop_at, the second starts there and counts its first
   * line from line_from (the first reader's position then) when it is
   * first read, in its own thread.
   */
  const char *stop_at;
  const char *line_from;
  SplitState  split;
  guint       start_line;  /* the second reader's first line, once counted */
  guint       n_lf;        /* the decoded text's LF bytes */
  guint       n_cr;        /* and CR bytes */
};

static const char *
display_name (const char *filename)
{
  return filename != NULL ? filename : _("CSV data");
}

gboolean
us_csv_delimiter_is_valid (char delimiter)
{
  /* A non-ASCII byte would split UTF-8 sequences. */
  return delimiter != '\0' && delimiter != '"' && delimiter != '\r'
         && delimiter != '\n' && (guchar) delimiter < 0x80;
}

/* Counts line ends as the reader does (CRLF, LF or a lone CR), so that
 * encoding errors give the same line numbers as syntax errors.  unit is
 * the code unit size: 1 for ASCII-compatible encodings, 2 for UTF-16.
 */
static guint
line_at (const guint8 *raw,
         gsize         offset,
         guint         unit,
         gboolean      big_endian)
{
  gboolean after_cr = FALSE;
  guint line = 1;

  for (gsize i = 0; i + unit <= offset; i += unit)
    {
      guint c;

      if (unit == 1)
        c = raw[i];
      else if (big_endian)
        c = (guint) raw[i] << 8 | raw[i + 1];
      else
        c = raw[i] | (guint) raw[i + 1] << 8;

      if (c == '\r' || (c == '\n' && !after_cr))
        line++;
      after_cr = c == '\r';
    }

  return line;
}

static gboolean
decode_utf8 (UsCsvReader  *self,
             GBytes       *data,
             GError      **error)
{
  gsize len;
  const guint8 *raw = g_bytes_get_data (data, &len);
  gsize skip = 0;
  const char *bad;

  if (len >= 3 && memcmp (raw, "\xef\xbb\xbf", 3) == 0)
    skip = 3;

  /* Its line ends are counted in the same pass. */
  if (len > skip && !us_utf8_validate_lines ((const char *) raw + skip, len - skip, &bad,
                                             &self->n_lf, &self->n_cr))
    {
      gsize offset = (const guint8 *) bad - raw;
      guint line = line_at (raw, offset, 1, FALSE);

      if (*bad == '\0')
        g_set_error (error, US_CSV_ERROR, US_CSV_ERROR_ENCODING,
                     _("%s:%u: the file contains a NUL byte (byte offset %lu), "
                       "so it is not UTF-8 text; it may be UTF-16 without a byte order mark. "
                       "Re-save it as UTF-8, or choose its encoding explicitly."),
                     display_name (self->filename), line, (gulong) offset);
      else
        g_set_error (error, US_CSV_ERROR, US_CSV_ERROR_ENCODING,
                     _("%s:%u: the file is not valid UTF-8 (byte 0x%02X at byte offset %lu). "
                       "Re-save it as UTF-8 (\"CSV UTF-8\" in spreadsheet programs), "
                       "or choose its encoding, such as Latin-1 or Windows-1252, explicitly."),
                     display_name (self->filename), line, (guint) (guchar) *bad,
                     (gulong) offset);
      return FALSE;
    }

  self->bytes = g_bytes_ref (data);
  self->text = len > 0 ? (const char *) raw + skip : "";
  self->end = self->text + (len - skip);
  return TRUE;
}

static gboolean
decode_convert (UsCsvReader  *self,
                GBytes       *data,
                const char   *charset,
                const char   *charset_label,
                guint         unit,
                gboolean      big_endian,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize len;
  const guint8 *raw = g_bytes_get_data (data, &len);
  gsize skip = 0;
  gsize n_read = 0;
  gsize n_written = 0;
  char *out;
  const char *nul;

  if (unit == 2 && len >= 2
      && raw[0] == (big_endian ? 0xfe : 0xff)
      && raw[1] == (big_endian ? 0xff : 0xfe))
    skip = 2;

  if (len == skip)
    {
      self->bytes = g_bytes_ref (data);
      self->text = self->end = "";
      return TRUE;
    }

  out = g_convert ((const char *) raw + skip, len - skip, "UTF-8", charset,
                   &n_read, &n_written, &local_error);
  /* With n_read given, g_convert() reports a truncated last character
   * only through it.
   */
  if (out != NULL && n_read != len - skip)
    g_clear_pointer (&out, g_free);
  if (out == NULL)
    {
      gsize offset = skip + n_read;

      g_set_error (error, US_CSV_ERROR, US_CSV_ERROR_ENCODING,
                   _("%s:%u: the file is not valid %s (at byte offset %lu). "
                     "Choose the encoding it was saved in, or re-save it as UTF-8."),
                   display_name (self->filename),
                   line_at (raw, MIN (offset, len), unit, big_endian),
                   charset_label, (gulong) offset);
      return FALSE;
    }

  /* A U+0000 would silently cut a field short, since fields are C strings. */
  nul = memchr (out, '\0', n_written);
  if (nul != NULL)
    {
      guint line = line_at ((const guint8 *) out, nul - out, 1, FALSE);

      g_free (out);
      g_set_error (error, US_CSV_ERROR, US_CSV_ERROR_ENCODING,
                   _("%s:%u: the file contains a NUL character, so it is not %s text. "
                     "Choose the encoding it was saved in, or re-save it as UTF-8."),
                   display_name (self->filename), line, charset_label);
      return FALSE;
    }

  self->bytes = g_bytes_new_take (out, n_written);
  self->text = out;
  self->end = out + n_written;
  self->n_lf = us_count_line_ends (out, n_written, &self->n_cr);
  return TRUE;
}

static gboolean
decode (UsCsvReader    *self,
        GBytes         *data,
        UsCsvEncoding   encoding,
        GError        **error)
{
  if (encoding == US_CSV_ENCODING_AUTO)
    {
      gsize len;
      const guint8 *raw = g_bytes_get_data (data, &len);

      if (len >= 2 && raw[0] == 0xff && raw[1] == 0xfe)
        encoding = US_CSV_ENCODING_UTF16LE;
      else if (len >= 2 && raw[0] == 0xfe && raw[1] == 0xff)
        encoding = US_CSV_ENCODING_UTF16BE;
      else
        encoding = US_CSV_ENCODING_UTF8;
    }

  switch (encoding)
    {
    case US_CSV_ENCODING_UTF16LE:
      return decode_convert (self, data, "UTF-16LE", "UTF-16", 2, FALSE, error);
    case US_CSV_ENCODING_UTF16BE:
      return decode_convert (self, data, "UTF-16BE", "UTF-16", 2, TRUE, error);
    case US_CSV_ENCODING_LATIN1:
      return decode_convert (self, data, "ISO-8859-1", "Latin-1", 1, FALSE, error);
    case US_CSV_ENCODING_WINDOWS1252:
      return decode_convert (self, data, "WINDOWS-1252", "Windows-1252", 1, FALSE, error);
    case US_CSV_ENCODING_AUTO:
    case US_CSV_ENCODING_UTF8:
    default:
      return decode_utf8 (self, data, error);
    }
}

/* Splits up to max records the way next() does, but only counts fields. */
static guint
sniff_counts (const char *p,
              const char *end,
              char        delimiter,
              guint      *counts,
              guint       max)
{
  guint n = 0;

  while (n < max)
    {
      guint n_fields = 1;

      while (p < end && (*p == '\n' || *p == '\r'))
        p++;
      if (p == end)
        break;

      for (;;)
        {
          if (*p == '"')
            {
              for (p++;;)
                {
                  const char *q = memchr (p, '"', end - p);

                  if (q == NULL)
                    return n;
                  p = q + 1;
                  if (p < end && *p == '"')
                    p++;
                  else
                    break;
                }
            }
          while (p < end && *p != delimiter && *p != '\n' && *p != '\r')
            p++;
          if (p == end || *p != delimiter)
            break;
          p++;
          n_fields++;
          if (p == end)
            break;
        }
      counts[n++] = n_fields;
    }

  return n;
}

static char
sniff_delimiter (const char *text,
                 const char *end)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = ',';
  guint best_agree = 0;
  guint best_fields = 1;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint counts[SNIFF_RECORDS];
      guint n = sniff_counts (text, end, candidates[c], counts, SNIFF_RECORDS);
      guint agree = 0;
      guint fields = 1;

      /* The most common field count, and how many records have it. */
      for (guint i = 0; i < n; i++)
        {
          guint same = 0;

          for (guint j = 0; j < n; j++)
            same += counts[j] == counts[i];
          if (same > agree || (same == agree && counts[i] > fields))
            {
              agree = same;
              fields = counts[i];
            }
        }

      if (fields <= 1)
        continue;
      if (agree > best_agree || (agree == best_agree && fields > best_fields))
        {
          best = candidates[c];
          best_agree = agree;
          best_fields = fields;
        }
    }

  return best;
}

UsCsvReader *
us_csv_reader_new (GBytes         *data,
                   const char     *filename,
                   UsCsvEncoding   encoding,
                   char            delimiter,
                   GError        **error)
{
  g_autoptr(UsCsvReader) self = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (encoding >= US_CSV_ENCODING_AUTO
                        && encoding <= US_CSV_ENCODING_WINDOWS1252, NULL);
  g_return_val_if_fail (delimiter == '\0' || us_csv_delimiter_is_valid (delimiter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (UsCsvReader, 1);
  self->filename = g_strdup (filename);
  self->line = 1;
  self->buf = g_string_sized_new (1024);
  self->starts_room = 32;
  self->starts = g_new (gsize, self->starts_room);
  self->fields = g_ptr_array_sized_new (33);

  if (!decode (self, data, encoding, error))
    return NULL;

  self->pos = self->text;
  self->delimiter = delimiter != '\0' ? delimiter : sniff_delimiter (self->text, self->end);
  self->stop[(guchar) self->delimiter] = TRUE;
  self->stop['\n'] = TRUE;
  self->stop['\r'] = TRUE;

  return g_steal_pointer (&self);
}

void
us_csv_reader_get_line_ends (UsCsvReader *self,
                             guint       *lf,
                             guint       *cr)
{
  g_return_if_fail (self != NULL);

  *lf = self->n_lf;
  *cr = self->n_cr;
}

char
us_csv_reader_get_delimiter (UsCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->delimiter;
}

void
us_csv_reader_free (UsCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->filename, g_free);
  if (self->buf != NULL)
    g_string_free (self->buf, TRUE);
  g_free (self->starts);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self);
}

#ifdef __SSE2__
/* The sum of a vector of byte counters. */
static inline guint64
sum_bytes (__m128i acc)
{
  __m128i sum = _mm_sad_epu8 (acc, _mm_setzero_si128 ());

  return (guint64) _mm_cvtsi128_si64 (sum) + (guint64) _mm_cvtsi128_si64 (_mm_unpackhi_epi64 (sum, sum));
}
#endif

/* Line ends as the reader counts them: CRLF, LF or a lone CR; that is,
 * every LF, and every CR not followed by one within [p, end).  (The
 * reader never stops between the two of a CRLF.)  Sixteen bytes at a
 * time: the second reader of a split counts the first one's lines, half
 * the file.
 */
static guint
count_line_ends (const char *p,
                 const char *end)
{
  gsize len = end - p;
  gsize i = 0;
  guint64 n = 0;

#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8 ('\n');
  const __m128i carriage = _mm_set1_epi8 ('\r');

  /* Each byte counts 0 or 1, so byte counters hold 255 steps. */
  while (i + 17 <= len)
    {
      __m128i acc = _mm_setzero_si128 ();

      for (guint step = 0; step < 255 && i + 17 <= len; step++, i += 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (p + i));
          __m128i next = _mm_loadu_si128 ((const __m128i *) (p + i + 1));
          __m128i lf = _mm_cmpeq_epi8 (v, newline);
          __m128i lone_cr = _mm_andnot_si128 (_mm_cmpeq_epi8 (next, newline), _mm_cmpeq_epi8 (v, carriage));

          acc = _mm_sub_epi8 (acc, _mm_or_si128 (lf, lone_cr));
        }
      n += sum_bytes (acc);
    }
#endif
  for (; i < len; i++)
    n += p[i] == '\n' || (p[i] == '\r' && (i + 1 == len || p[i + 1] != '\n'));
  return (guint) MIN (n, G_MAXUINT);
}

/* Whether [p, end) holds an odd number of double quotes. */
static gboolean
odd_quotes (const char *p,
            const char *end)
{
  gsize len = end - p;
  gsize i = 0;
  guint64 n = 0;

#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8 ('"');

  while (i + 16 <= len)
    {
      __m128i acc = _mm_setzero_si128 ();

      for (guint step = 0; step < 255 && i + 16 <= len; step++, i += 16)
        acc = _mm_sub_epi8 (acc, _mm_cmpeq_epi8 (_mm_loadu_si128 ((const __m128i *) (p + i)), quote));
      n += sum_bytes (acc);
    }
#endif
  for (; i < len; i++)
    n += p[i] == '"';
  return (n & 1) != 0;
}

UsCsvReader *
us_csv_reader_split (UsCsvReader *self,
                     gsize        min_size)
{
  UsCsvReader *second;
  const char *mid;
  const char *p;
  gboolean quoted = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->error != NULL || self->split != SPLIT_NONE ||
      (gsize) (self->end - self->pos) < MAX (min_size, 2))
    return NULL;

  /* Outside quotes when an even number of them came before: true of
   * every well-formed file, and checked by the first reader anyway.
   */
  /* A little short of the middle: the first reader's thread has
   * checked the text's UTF-8 first, and matches rows after; nine
   * twentieths measured best for a dry run (bench/bench-import.sh:
   * 3-4% faster than two fifths, and than half).
   */
  mid = self->pos + (self->end - self->pos) * 9 / 20;
  quoted = odd_quotes (self->pos, mid);
  for (p = mid; p < self->end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
    }
  if (p == self->end)
    return NULL;
  if (*p == '\r' && p + 1 < self->end && p[1] == '\n')
    p++;
  p++;
  if (p == self->end)
    return NULL;

  second = g_new0 (UsCsvReader, 1);
  second->bytes = g_bytes_ref (self->bytes);
  second->text = self->text;
  second->pos = p;
  second->end = self->end;
  second->filename = g_strdup (self->filename);
  second->delimiter = self->delimiter;
  memcpy (second->stop, self->stop, sizeof self->stop);
  second->line = self->line;
  second->line_from = self->pos;
  second->buf = g_string_sized_new (1024);
  second->starts_room = 32;
  second->starts = g_new (gsize, second->starts_room);
  second->fields = g_ptr_array_sized_new (33);

  self->stop_at = p;
  self->split = SPLIT_PENDING;
  return second;
}

gboolean
us_csv_reader_stopped_at_split (UsCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->split == SPLIT_HELD && self->error == NULL;
}

gboolean
us_csv_reader_split_held (UsCsvReader *self,
                          UsCsvReader *second)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (second != NULL, FALSE);

  if (second->line_from != NULL)
    {
      second->line += count_line_ends (second->line_from, second->pos);
      second->start_line = second->line;
      second->line_from = NULL;
    }
  return self->split == SPLIT_HELD && self->error == NULL &&
         self->line == second->start_line;
}

G_GNUC_PRINTF (5, 6)
static gboolean
fail (UsCsvReader  *self,
      GError      **error,
      UsCsvError    code,
      guint         line,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_clear_error (&self->error);
  self->error = g_error_new (US_CSV_ERROR, code, "%s:%u: %s",
                             display_name (self->filename), line, message);
  self->pos = self->end;
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

/* g_string_append_len() and g_string_append_c(), without a call each:
 * they were a quarter of reading a large file.  buf->str[buf->len] stays
 * a NUL, as GString keeps it.
 */
static inline void
buf_append (GString    *buf,
            const char *s,
            gsize       len)
{
  if (G_UNLIKELY (buf->len + len + 1 >= buf->allocated_len))
    {
      gsize old = buf->len;

      g_string_set_size (buf, old + len + 1);
      buf->len = old;
    }
  memcpy (buf->str + buf->len, s, len);
  buf->len += len;
  buf->str[buf->len] = '\0';
}

static gboolean
append_checked (UsCsvReader  *self,
                const char   *s,
                gsize         len,
                gsize         field_start,
                guint         field_line,
                GError      **error)
{
  /* Checked before copying, so that a stray quote cannot make us copy
   * the rest of a large file into one field.
   */
  if (self->buf->len - field_start + len > US_CSV_MAX_FIELD_SIZE)
    return fail (self, error, US_CSV_ERROR_TOO_LARGE, field_line,
                 _("a field is longer than %u bytes. Check that the quotes "
                   "around it are balanced, or shorten it."),
                 (guint) US_CSV_MAX_FIELD_SIZE);
  if (self->buf->len + len > US_CSV_MAX_RECORD_SIZE)
    return fail (self, error, US_CSV_ERROR_TOO_LARGE, field_line,
                 _("a record is longer than %u bytes. Check that the file "
                   "has one signatory per line, or shorten the record."),
                 (guint) US_CSV_MAX_RECORD_SIZE);

  buf_append (self->buf, s, len);
  return TRUE;
}

static void
count_lines (UsCsvReader *self,
             const char  *s,
             const char  *end)
{
  /* s[-1] is always a quote here, never a CR.  Most quoted fields hold
   * commas, not lines.
   */
  if (memchr (s, '\n', end - s) == NULL && memchr (s, '\r', end - s) == NULL)
    return;
  for (; s < end; s++)
    if (*s == '\r' || (*s == '\n' && s[-1] != '\r'))
      self->line++;
}

/* The first delimiter, CR or LF at or after p, or end: sixteen bytes at
 * a time, since this runs over every unquoted byte of a file.
 */
static inline const char *
find_stop (const UsCsvReader *self,
           const char        *p,
           const char        *end)
{
#ifdef __SSE2__
  const __m128i delimiter = _mm_set1_epi8 (self->delimiter);
  const __m128i newline = _mm_set1_epi8 ('\n');
  const __m128i carriage = _mm_set1_epi8 ('\r');

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      int mask = _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, delimiter),
                                                                _mm_cmpeq_epi8 (v, newline)),
                                                  _mm_cmpeq_epi8 (v, carriage)));

      if (mask != 0)
        return p + __builtin_ctz ((guint) mask);
      p += 16;
    }
#endif
  while (p < end && !self->stop[(guchar) *p])
    p++;
  return p;
}

/* Reads one field at self->pos and leaves pos on what ends it: the
 * delimiter, a line end or the end of the text.
 */
static gboolean
read_field (UsCsvReader  *self,
            guint         record_line,
            GError      **error)
{
  const char *p = self->pos;
  const char *end = self->end;
  gsize start = self->buf->len;
  guint field_line = self->line;
  const char *run;

  if (self->n_starts == US_CSV_MAX_FIELDS)
    return fail (self, error, US_CSV_ERROR_TOO_LARGE, record_line,
                 _("a record has more than %u fields. Check that the file "
                   "is CSV and that the delimiter is right."),
                 (guint) US_CSV_MAX_FIELDS);
  if (self->n_starts == self->starts_room)
    {
      self->starts_room *= 2;
      self->starts = g_renew (gsize, self->starts, self->starts_room);
    }
  self->starts[self->n_starts++] = start;

  if (p < end && *p == '"')
    {
      for (p++;;)
        {
          const char *q = memchr (p, '"', end - p);

          if (q == NULL)
            return fail (self, error, US_CSV_ERROR_SYNTAX, field_line,
                         _("a quoted field starts here but its closing "
                           "quote is missing. Add the closing \" or "
                           "remove the opening one."));
          if (!append_checked (self, p, q - p, start, field_line, error))
            return FALSE;
          count_lines (self, p, q);
          p = q + 1;
          if (p == end || *p != '"')
            break;
          /* A doubled quote stands for one. */
          if (!append_checked (self, p, 1, start, field_line, error))
            return FALSE;
          p++;
        }
    }

  /* An unquoted field, or what follows a closing quote: RFC 4180 forbids
   * the latter, but spreadsheets write it and keeping the text loses less
   * than refusing the file.
   */
  run = p;
  p = find_stop (self, p, end);
  if (!append_checked (self, run, p - run, start, field_line, error))
    return FALSE;
  /* The field's NUL; the next field starts after it. */
  buf_append (self->buf, "", 1);

  self->pos = p;
  return TRUE;
}

/* Steps over one line end (CRLF, LF or CR) at pos, if any. */
static void
skip_line_end (UsCsvReader *self)
{
  if (self->pos == self->end)
    return;
  if (*self->pos == '\r' && self->pos + 1 < self->end && self->pos[1] == '\n')
    self->pos++;
  self->pos++;
  self->line++;
}

gboolean
us_csv_reader_next (UsCsvReader         *self,
                    const char * const **fields,
                    guint               *n_fields,
                    guint               *line,
                    GError             **error)
{
  guint record_line;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fields != NULL)
    *fields = NULL;
  if (n_fields != NULL)
    *n_fields = 0;
  if (line != NULL)
    *line = 0;

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }

  if (self->line_from != NULL)
    {
      self->line += count_line_ends (self->line_from, self->pos);
      self->start_line = self->line;
      self->line_from = NULL;
    }

  /* Blank lines carry no record; this also drops the final line end. */
  for (;;)
    {
      if (self->split == SPLIT_PENDING && self->pos == self->stop_at)
        {
          /* The second reader reads on from here. */
          self->split = SPLIT_HELD;
          self->end = self->pos;
        }
      if (self->pos == self->end || (*self->pos != '\n' && *self->pos != '\r'))
        break;
      skip_line_end (self);
    }
  if (self->pos == self->end)
    return FALSE;
  if (self->split == SPLIT_PENDING && self->pos > self->stop_at)
    {
      /* A record ran over the place the split guessed: the second
       * reader's records are not the file's, and this one reads on.
       */
      self->split = SPLIT_FAILED;
      self->stop_at = NULL;
    }

  record_line = self->line;
  g_string_truncate (self->buf, 0);
  self->n_starts = 0;

  for (;;)
    {
      if (!read_field (self, record_line, error))
        return FALSE;
      if (self->pos == self->end || *self->pos != self->delimiter)
        break;
      self->pos++;
    }
  skip_line_end (self);

  /* Pointers are taken only now, since buf may have moved while growing. */
  n = self->n_starts;
  g_ptr_array_set_size (self->fields, n + 1);
  for (guint i = 0; i < n; i++)
    self->fields->pdata[i] = self->buf->str + self->starts[i];
  self->fields->pdata[n] = NULL;

  if (fields != NULL)
    *fields = (const char * const *) self->fields->pdata;
  if (n_fields != NULL)
    *n_fields = n;
  if (line != NULL)
    *line = record_line;
  return TRUE;
}
