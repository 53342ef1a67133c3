/* us-reader-keys-fast.c: <signatories> in the writer's own form, read
 * without libxml2
 *
 * Most of a dry run's key scan was libxml2 tokenising 100,000 <signatory>
 * tags.  The writer (us-writer.c) writes them in one fixed form, which a
 * strict scanner reads several times faster: <signatory> with known
 * attributes in double quotes, an optional <note>, whitespace between.
 * libxml2 reads everything else, and proves first that the scan starts
 * just after the real <signatories> start tag (us-reader-keys.c).
 *
 * Whatever the scanner does not handle exactly as libxml2 would (another
 * attribute, an entity, a comment, a control character, a \r, invalid
 * UTF-8, an element read_signatory refuses...) it leaves to libxml2, from
 * the start of a line: there libxml2's line and column are known, so its
 * messages name the same place as without the scanner.  Until then
 * nothing is published that might be read again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-keys-private.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A run of elements without a newline, all read again should one fail,
 * is cut short: a file on one line costs libxml2's scan plus this much.
 */
#define MAX_PENDING 64

/* Longer values and notes go to libxml2, which has its own limits on
 * them (10 MB for a value, or for a tag waiting for its '>').
 */
#define MAX_VALUE (64 * 1024)
#define MAX_NOTE  (1024 * 1024)

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The attributes the writer writes, in its order: UsKeysAttr's. */
static const char *const known[] = {
  "id", "name", "title", "organisation", "country", "email", "signed",
  "version", "lang", "source", "status", "consent", "prominent",
};
static const guint8 known_len[G_N_ELEMENTS (known)] = { 2, 4, 5, 12, 7, 5, 6, 7, 4, 6, 6, 7, 9 };
G_STATIC_ASSERT (G_N_ELEMENTS (known) == US_KEYS_ATTR_OTHER);

typedef struct
{
  UsKeysScan *scan;
  const char *end;
  guint       lines;     /* newlines passed */
  GString    *decoded;   /* the values of one element that had references */
  guint       pending[MAX_PENDING];   /* ids read since the last newline between elements */
  guint       n_pending;
} Fast;

/* Flags the zero bytes of v; the lowest flag is always right. */
static inline guint64
zeros (guint64 v)
{
  return (v - ONES) & ~v & HIGHS;
}

/* Flags the bytes of v that are controls, not ASCII, a, b or c. */
static inline guint64
stops (guint64 v,
       guint8  a,
       guint8  b,
       guint8  c)
{
  return (v & HIGHS) | ((v - ONES * 0x20) & ~v & HIGHS) |
         zeros (v ^ (ONES * a)) | zeros (v ^ (ONES * b)) | zeros (v ^ (ONES * c));
}

/* The first byte from p that is a control, not ASCII, a, b or c: many
 * bytes at a time, as names and e-mails are mostly plain ASCII.
 */
static inline const char *
skip_plain (const char *p,
            const char *end,
            guint8      a,
            guint8      b,
            guint8      c)
{
#ifdef __SSE2__
  const __m128i va = _mm_set1_epi8 ((char) a);
  const __m128i vb = _mm_set1_epi8 ((char) b);
  const __m128i vc = _mm_set1_epi8 ((char) c);
  const __m128i space = _mm_set1_epi8 (0x20);

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      /* Signed: below 0x20 are the controls and every byte from 0x80. */
      __m128i m = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, va), _mm_cmpeq_epi8 (v, vb)),
                                _mm_or_si128 (_mm_cmpeq_epi8 (v, vc), _mm_cmplt_epi8 (v, space)));
      int bits = _mm_movemask_epi8 (m);

      if (bits != 0)
        return p + __builtin_ctz ((unsigned) bits);
      p += 16;
    }
#endif
  while (end - p >= 8)
    {
      guint64 v, m;

      memcpy (&v, p, 8);
      m = stops (GUINT64_FROM_LE (v), a, b, c);
      if (m != 0)
        return p + (__builtin_ctzll (m) >> 3);
      p += 8;
    }
  for (; p < end; p++)
    {
      guint8 x = *p;

      if (x < 0x20 || x >= 0x80 || x == a || x == b || x == c)
        break;
    }
  return p;
}

static inline const char *
skip_space (Fast       *f,
            const char *p)
{
  for (; p < f->end && (*p == ' ' || *p == '\t' || *p == '\n'); p++)
    if (*p == '\n')
      f->lines++;
  return p;
}

/* The length of the UTF-8 character at p, not ASCII, if XML 1.0 allows
 * it (not U+FFFE or U+FFFF); else 0.
 */
static inline gsize
utf8_char (const guchar *p,
           const guchar *end)
{
  gsize left = end - p;

  if (p[0] < 0xC2)
    return 0;
  if (p[0] < 0xE0)
    return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (p[0] < 0xF0)
    {
      if (left < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 ||
          (p[0] == 0xE0 && p[1] < 0xA0) ||                     /* overlong */
          (p[0] == 0xED && p[1] >= 0xA0) ||                    /* surrogates */
          (p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE))      /* U+FFFE, U+FFFF */
        return 0;
      return 3;
    }
  if (p[0] < 0xF5)
    {
      if (left < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80 ||
          (p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))
        return 0;
      return 4;
    }
  return 0;
}

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* The reference at p ('&'), one of XML's five or a character reference:
 * its length, and the character in *out; else 0.
 */
static gsize
reference (const char *p,
           const char *end,
           gunichar   *out)
{
  static const struct { const char *text; gsize len; char c; } named[] = {
    { "&amp;", 5, '&' }, { "&lt;", 4, '<' }, { "&gt;", 4, '>' },
    { "&quot;", 6, '"' }, { "&apos;", 6, '\'' },
  };
  gsize left = end - p;

  if (left >= 2 && p[1] == '#')
    {
      gboolean hex = left > 2 && p[2] == 'x';
      gsize first = hex ? 3 : 2, i;
      gunichar c = 0;

      /* Eight digits hold any character; more go to libxml2. */
      for (i = first; i < left && i < first + 8; i++)
        {
          int d = hex ? g_ascii_xdigit_value (p[i]) : g_ascii_digit_value (p[i]);

          if (d < 0)
            break;
          c = c * (hex ? 16 : 10) + d;
        }
      if (i == first || i >= left || p[i] != ';' || !is_xml_char (c))
        return 0;
      *out = c;
      return i + 1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (left >= named[i].len && memcmp (p, named[i].text, named[i].len) == 0)
      {
        *out = named[i].c;
        return named[i].len;
      }
  return 0;
}

/* An attribute value from p, just past its opening quote: returns its
 * closing quote, or NULL.  A value with references is decoded into
 * f->decoded from *decoded_at, with an '&' as "&#38;", as libxml2 hands
 * it over.
 */
static const char *
scan_attr (Fast       *f,
           const char *p,
           gssize     *decoded_at)
{
  const char *start = p;
  const char *run = p;

  *decoded_at = -1;
  for (;;)
    {
      gunichar c;
      gsize n;

      p = skip_plain (p, f->end, '"', '&', '<');
      if (p == f->end || p - start > MAX_VALUE)
        return NULL;
      if (*p == '"')
        {
          if (*decoded_at >= 0)
            g_string_append_len (f->decoded, run, p - run);
          return p;
        }
      if ((guchar) *p >= 0x80)
        {
          /* A name's letters come together: through them here, not one
           * call of skip_plain() each.
           */
          do
            {
              if ((n = utf8_char ((const guchar *) p, (const guchar *) f->end)) == 0)
                return NULL;
              p += n;
            }
          while (p < f->end && (guchar) *p >= 0x80);
        }
      else if (*p == '&')
        {
          if ((n = reference (p, f->end, &c)) == 0)
            return NULL;
          if (*decoded_at < 0)
            *decoded_at = f->decoded->len;
          g_string_append_len (f->decoded, run, p - run);
          if (c == '&')
            g_string_append (f->decoded, "&#38;");
          else
            g_string_append_unichar (f->decoded, c);
          p += n;
          run = p;
        }
      else
        return NULL;   /* '<', or a control that XML would normalise */
    }
}

/* A note's text from p: returns the '<' that ends it, or NULL. */
static const char *
scan_text (Fast       *f,
           const char *p)
{
  const char *start = p;

  for (;;)
    {
      gunichar c;
      gsize n;

      p = skip_plain (p, f->end, '<', '&', ']');
      if (p == f->end || p - start > MAX_NOTE)
        return NULL;
      switch (*p)
        {
        case '<':
          return p;
        case '&':
          if ((n = reference (p, f->end, &c)) == 0)
            return NULL;
          p += n;
          break;
        case ']':
          if (f->end - p >= 3 && p[1] == ']' && p[2] == '>')
            return NULL;
          p++;
          break;
        case '\n':
          f->lines++;
          p++;
          break;
        case '\t':
          p++;
          break;
        default:
          if ((guchar) *p < 0x80 || (n = utf8_char ((const guchar *) p, (const guchar *) f->end)) == 0)
            return NULL;
          p += n;
          break;
        }
    }
}

/* memcmp (p, text, n) == 0, inline: for names of a few bytes. */
static inline gboolean
same (const char *p,
      const char *text,
      gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (p[i] != text[i])
      return FALSE;
  return TRUE;
}

/* The attribute at p, if its name is one of known[] followed by '=':
 * its index, tried from guess on (the writer's order); else -1.
 */
static inline int
known_attr (const char *p,
            const char *end,
            guint       guess)
{
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      guint k = guess + i < G_N_ELEMENTS (known) ? guess + i : guess + i - G_N_ELEMENTS (known);
      gsize n = known_len[k];

      if ((gsize) (end - p) > n && p[n] == '=' && same (known[k], p, n))
        return (int) k;
    }
  return -1;
}

/* The <signatory> element at p: read, and its end returned; or NULL,
 * and nothing of it kept.
 */
static const char *
scan_signatory (Fast       *f,
                const char *p)
{
  const xmlChar *attrs[G_N_ELEMENTS (known) * 5];
  gssize decoded_at[G_N_ELEMENTS (known)];
  gsize decoded_end[G_N_ELEMENTS (known)];
  guint8 kinds[G_N_ELEMENTS (known)];
  const char *end = f->end;
  guint n = 0, seen = 0, guess = 0;
  UsKeysScan *scan = f->scan;

  if (end - p < 10 || memcmp (p, "<signatory", 10) != 0)
    return NULL;
  p += 10;
  g_string_truncate (f->decoded, 0);
  for (;;)
    {
      const char *space = p;
      const char *value;
      int k;

      p = skip_space (f, p);
      if (p == end)
        return NULL;
      if (*p == '/' || *p == '>')
        break;
      if (p == space || (k = known_attr (p, end, guess)) < 0 || (seen & (1u << k)) != 0)
        return NULL;
      seen |= 1u << k;
      guess = k + 1 < G_N_ELEMENTS (known) ? k + 1 : 0;
      p += known_len[k];
      if (end - p < 2 || p[1] != '"')
        return NULL;
      value = p + 2;
      if ((p = scan_attr (f, value, &decoded_at[n])) == NULL)
        return NULL;
      decoded_end[n] = f->decoded->len;
      attrs[n * 5] = (const xmlChar *) known[k];
      attrs[n * 5 + 1] = NULL;
      attrs[n * 5 + 2] = NULL;
      attrs[n * 5 + 3] = (const xmlChar *) value;
      attrs[n * 5 + 4] = (const xmlChar *) p;
      kinds[n] = (guint8) k;
      n++;
      p++;
    }
  if (*p == '/')
    {
      if (end - p < 2 || p[1] != '>')
        return NULL;
      p += 2;
    }
  else
    {
      p = skip_space (f, p + 1);
      if (end - p >= 7 && memcmp (p, "<note/>", 7) == 0)
        p = skip_space (f, p + 7);
      else if (end - p >= 6 && memcmp (p, "<note>", 6) == 0)
        {
          p = scan_text (f, p + 6);
          if (p == NULL || end - p < 7 || memcmp (p, "</note>", 7) != 0)
            return NULL;
          p = skip_space (f, p + 7);
        }
      if (end - p < 12 || memcmp (p, "</signatory>", 12) != 0)
        return NULL;
      p += 12;
    }

  for (guint i = 0; i < n; i++)
    if (decoded_at[i] >= 0)
      {
        attrs[i * 5 + 3] = (const xmlChar *) f->decoded->str + decoded_at[i];
        attrs[i * 5 + 4] = (const xmlChar *) f->decoded->str + decoded_end[i];
      }
  _us_keys_scan_read_signatory (scan, (int) n, attrs, kinds);
  if (scan->refused)
    {
      /* libxml2 reads it again, and says what is wrong with it. */
      if (scan->added_id != 0)
        _us_keys_scan_id_remove (scan, scan->added_id);
      scan->refused = FALSE;
      return NULL;
    }
  f->pending[f->n_pending++] = scan->added_id;
  return p;
}

gboolean
_us_keys_scan_id_remove (UsKeysScan *scan,
                         guint       id)
{
  if (id >= scan->n_id_bits)
    return g_hash_table_remove (scan->ids, GUINT_TO_POINTER (id));
  scan->id_bits[id >> 3] &= ~(1 << (id & 7));
  return TRUE;
}

gsize
_us_keys_scan_find_start (const char *data,
                          gsize       len)
{
  static const char tag[] = "<signatories>";
  const gsize n = sizeof tag - 1;
  const char *end = data + len;
  const char *p = data;

  while ((gsize) (end - p) >= n && (p = memchr (p, '<', end - p - n + 1)) != NULL)
    {
      if (memcmp (p, tag, n) == 0)
        return p + n - data;
      p++;
    }
  return 0;
}

gsize
_us_keys_scan_fast (UsKeysScan *scan,
                    const char *data,
                    gsize       start,
                    gsize       len,
                    guint      *lines)
{
  g_autoptr(GString) decoded = g_string_new (NULL);
  Fast f = { scan, data + len, 0, decoded, { 0 }, 0 };
  const char *p = data + start;
  const char *resume = p;
  guint resume_lines = 0;
  guint resume_n = scan->keys->existing->len;
  guint first_n = resume_n;

  scan->fast = TRUE;
  for (;;)
    {
      /* Whitespace between elements: libxml2 could go on after each
       * newline, so what lies before it is for good.  Not with less
       * than two bytes left: libxml2 leaves those unread, and would say
       * where they start, not where the whitespace before them did.
       */
      for (; p < f.end && (*p == ' ' || *p == '\t' || *p == '\n'); p++)
        if (*p == '\n' && ++f.lines && f.end - (p + 1) >= 2)
          {
            resume = p + 1;
            resume_lines = f.lines;
            f.n_pending = 0;
            resume_n = scan->keys->existing->len;
          }
      if (p == f.end || f.n_pending >= MAX_PENDING || (p = scan_signatory (&f, p)) == NULL)
        break;
    }
  for (guint i = 0; i < f.n_pending; i++)
    _us_keys_scan_id_remove (scan, f.pending[i]);
  g_array_set_size (scan->keys->existing, resume_n);
  scan->n_fast += resume_n - first_n;
  scan->fast = FALSE;
  *lines = resume_lines;
  return resume - data;
}
