/* us-utf8.c: UTF-8 validation and line counts for whole imported files
 *
 * An import checks every byte of its input before reading a row:
 * 12 MB for 100,000 signatories, most of it ASCII, with names in many
 * scripts.  Where the processor has AVX2 (checked at run time: Debian
 * builds for every x86-64), 32 bytes are checked at a time by the
 * lookup-table method of Keiser and Lemire ("Validating UTF-8 in less
 * than one instruction per byte", 2021), which has no branch on the
 * bytes.  Elsewhere, and to find where a bad file goes wrong, ASCII is
 * skipped sixteen bytes at a time and the rest goes through Bjoern
 * Hoehrmann's automaton.  Both follow RFC 3629, as GLib does: no
 * overlong forms, no surrogates, nothing past U+10FFFF; a NUL byte is
 * refused too, as g_utf8_validate_len() refuses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-utf8.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif

/* A byte's class, then the next state; 0 between characters, 12 on an
 * error.
 */
static const guint8 utf8_class[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  /* 80-8f, 90-9f, a0-bf: continuation bytes in three ranges */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
  7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
  /* c0-c1 never; c2-df lead two bytes */
  8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  /* e0, e1-ec, ed, ee-ef; f0, f1-f3, f4; f5-ff never */
  10, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 3, 3, 11, 6, 6, 6, 5, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8,
};

static const guint8 utf8_next[108] = {
   0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
  12,  0, 12, 12, 12, 12, 12,  0, 12,  0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12,
  12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12,
  12, 12, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12,
  12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
};

/* Validates text, and finds the first bad byte: the portable way. */
static gboolean
validate_dfa (const char  *text,
              gsize        len,
              const char **bad)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *run;
      guint state = 0;

#ifdef __SSE2__
      {
        const __m128i zero = _mm_setzero_si128 ();

        while (end - p >= 16)
          {
            __m128i v = _mm_loadu_si128 ((const __m128i *) p);
            /* A byte with its high bit set, or a NUL. */
            int mask = _mm_movemask_epi8 (_mm_or_si128 (v, _mm_cmpeq_epi8 (v, zero)));

            if (mask != 0)
              {
                p += __builtin_ctz ((guint) mask);
                break;
              }
            p += 16;
          }
      }
#endif
      while (p < end && *p != '\0' && (guchar) *p < 0x80)
        p++;
      if (p == end)
        break;
      if (*p == '\0')
        {
          *bad = p;
          return FALSE;
        }
      /* Non-ASCII characters, through the automaton; a name's letters
       * come together: stay here until back between characters on an
       * ASCII byte.
       */
      run = p;
      for (; p < end; p++)
        {
          if (state == 0)
            {
              if ((guchar) *p < 0x80)
                break;
              run = p;
            }
          state = utf8_next[state + utf8_class[(guchar) *p]];
          if (state == 12)
            break;
        }
      if (state != 0)
        {
          *bad = run;
          return FALSE;
        }
    }
  return TRUE;
}

#ifdef HAVE_AVX2_PATH

/* The error bits of Keiser and Lemire's tables: what a byte (by its
 * high and low nibble) and the next (by its high nibble) can be part of.
 */
#define TOO_SHORT   (1 << 0)   /* a lead byte then no continuation */
#define TOO_LONG    (1 << 1)   /* ASCII then a continuation */
#define OVERLONG_3  (1 << 2)   /* E0 then 80-9F */
#define TOO_LARGE   (1 << 3)   /* F4 then 90-BF, or F5 and up */
#define SURROGATE   (1 << 4)   /* ED then A0-BF */
#define OVERLONG_2  (1 << 5)   /* C0 or C1 */
#define TOO_LARGE_1000 (1 << 6)   /* F5 and up then 80-8F */
#define OVERLONG_4  (1 << 6)   /* F0 then 80-8F */
#define TWO_CONTS   (1 << 7)   /* a continuation then a continuation */
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__ ((target ("avx2")))
static inline __m256i
lookup16 (__m256i index,
          __m256i table)
{
  return _mm256_shuffle_epi8 (table, index);
}

/* A table of sixteen bytes for lookup16(), in both lanes. */
__attribute__ ((target ("avx2")))
static inline __m256i
table16 (const guint8 *table)
{
  return _mm256_broadcastsi128_si256 (_mm_loadu_si128 ((const __m128i *) table));
}

/* The bytes of input moved n places later, the first n from the end of
 * prev: each byte beside the one n before it.
 */
#define PREV(input, prev, n) \
  _mm256_alignr_epi8 ((input), _mm256_permute2x128_si256 ((prev), (input), 0x21), 16 - (n))

__attribute__ ((target ("avx2")))
static inline __m256i
check_block (__m256i input,
             __m256i prev_input)
{
  const __m256i nibble = _mm256_set1_epi8 (0x0F);
  static const guint8 byte_1_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
    TOO_SHORT | OVERLONG_2,
    TOO_SHORT,
    TOO_SHORT | OVERLONG_3 | SURROGATE,
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4
  };
  static const guint8 byte_1_low[16] = {
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
    CARRY | OVERLONG_2,
    CARRY,
    CARRY,
    CARRY | TOO_LARGE,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
    CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000
  };
  static const guint8 byte_2_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT
  };
  __m256i prev1 = PREV (input, prev_input, 1);
  __m256i prev2 = PREV (input, prev_input, 2);
  __m256i prev3 = PREV (input, prev_input, 3);
  /* No 16-bit shift leaks between bytes once masked to a nibble. */
  __m256i special =
    _mm256_and_si256 (_mm256_and_si256 (lookup16 (_mm256_and_si256 (_mm256_srli_epi16 (prev1, 4), nibble),
                                                  table16 (byte_1_high)),
                                        lookup16 (_mm256_and_si256 (prev1, nibble), table16 (byte_1_low))),
                      lookup16 (_mm256_and_si256 (_mm256_srli_epi16 (input, 4), nibble), table16 (byte_2_high)));
  /* A third or fourth byte of a character must be a continuation:
   * two after an E0-FF, three after an F0-FF.
   */
  __m256i third = _mm256_subs_epu8 (prev2, _mm256_set1_epi8 ((char) (0xE0 - 0x80)));
  __m256i fourth = _mm256_subs_epu8 (prev3, _mm256_set1_epi8 ((char) (0xF0 - 0x80)));
  __m256i must23 = _mm256_and_si256 (_mm256_or_si256 (third, fourth), _mm256_set1_epi8 ((char) 0x80));

  return _mm256_xor_si256 (must23, special);
}

/* Whether the block ends inside a character. */
__attribute__ ((target ("avx2")))
static inline __m256i
incomplete (__m256i input)
{
  const __m256i max = _mm256_setr_epi8 (
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    (char) (0xF0 - 1), (char) (0xE0 - 1), (char) (0xC0 - 1));

  return _mm256_subs_epu8 (input, max);
}

/* The sum of a vector of byte counters. */
__attribute__ ((target ("avx2")))
static inline guint64
sum_bytes_avx2 (__m256i acc)
{
  __m256i sum = _mm256_sad_epu8 (acc, _mm256_setzero_si256 ());

  return (guint64) _mm256_extract_epi64 (sum, 0) + (guint64) _mm256_extract_epi64 (sum, 1) +
         (guint64) _mm256_extract_epi64 (sum, 2) + (guint64) _mm256_extract_epi64 (sum, 3);
}

/* TRUE if text is valid UTF-8 without a NUL; FALSE says nothing of
 * where it goes wrong.  With lf, counts the LF and CR bytes too: their
 * counters in the loop cost less than a second pass over the text.
 */
__attribute__ ((target ("avx2")))
static gboolean
valid_avx2 (const char *text,
            gsize       len,
            guint64    *lf,
            guint64    *cr)
{
  const __m256i zero = _mm256_setzero_si256 ();
  const __m256i newline = _mm256_set1_epi8 ('\n');
  const __m256i carriage = _mm256_set1_epi8 ('\r');
  __m256i error = zero;
  __m256i prev_input = zero;
  __m256i prev_incomplete = zero;
  __m256i acc_lf = zero;
  __m256i acc_cr = zero;
  guint steps = 0;
  gsize i = 0;

  if (lf != NULL)
    *lf = *cr = 0;
  for (;;)
    {
      __m256i input;

      if (i + 32 <= len)
        input = _mm256_loadu_si256 ((const __m256i *) (text + i));
      else if (i < len)
        {
          /* The tail, padded with spaces (ASCII, not NUL). */
          char last[32];

          memset (last, ' ', sizeof last);
          memcpy (last, text + i, len - i);
          input = _mm256_loadu_si256 ((const __m256i *) last);
        }
      else
        break;

      error = _mm256_or_si256 (error, _mm256_cmpeq_epi8 (input, zero));
      if (lf != NULL)
        {
          /* A match is all ones, -1: subtracting counts it, up to 255. */
          acc_lf = _mm256_sub_epi8 (acc_lf, _mm256_cmpeq_epi8 (input, newline));
          acc_cr = _mm256_sub_epi8 (acc_cr, _mm256_cmpeq_epi8 (input, carriage));
          if (++steps == 255)
            {
              *lf += sum_bytes_avx2 (acc_lf);
              *cr += sum_bytes_avx2 (acc_cr);
              acc_lf = acc_cr = zero;
              steps = 0;
            }
        }
      if (_mm256_movemask_epi8 (input) == 0)
        /* All ASCII: only a character cut short before it is wrong. */
        error = _mm256_or_si256 (error, prev_incomplete);
      else
        {
          error = _mm256_or_si256 (error, check_block (input, prev_input));
          prev_incomplete = incomplete (input);
        }
      prev_input = input;
      i += 32;
      /* A bad file stops early: every 4 KB, whether one was seen. */
      if ((i & 4095) == 0 && !_mm256_testz_si256 (error, error))
        return FALSE;
    }
  error = _mm256_or_si256 (error, prev_incomplete);
  if (lf != NULL)
    {
      *lf += sum_bytes_avx2 (acc_lf);
      *cr += sum_bytes_avx2 (acc_cr);
    }
  return _mm256_testz_si256 (error, error);
}

#endif

/* Both public checks: with lf, the line ends are counted too. */
static gboolean
validate (const char  *text,
          gsize        len,
          const char **bad,
          guint       *lf,
          guint       *cr)
{
  const char *unused;

  if (bad == NULL)
    bad = &unused;
#ifdef HAVE_AVX2_PATH
  if (__builtin_cpu_supports ("avx2"))
    {
      guint64 n_lf, n_cr;

      /* A valid text is told as such at once; a bad one is read again,
       * to find its first bad byte.
       */
      if (!valid_avx2 (text, len, lf != NULL ? &n_lf : NULL, &n_cr))
        return validate_dfa (text, len, bad);
      if (lf != NULL)
        {
          *lf = (guint) MIN (n_lf, G_MAXUINT);
          *cr = (guint) MIN (n_cr, G_MAXUINT);
        }
      return TRUE;
    }
#endif
  if (!validate_dfa (text, len, bad))
    return FALSE;
  if (lf != NULL)
    *lf = us_count_line_ends (text, len, cr);
  return TRUE;
}

gboolean
us_utf8_validate (const char  *text,
                  gsize        len,
                  const char **bad)
{
  return validate (text, len, bad, NULL, NULL);
}

gboolean
us_utf8_validate_lines (const char  *text,
                        gsize        len,
                        const char **bad,
                        guint       *lf,
                        guint       *cr)
{
  return validate (text, len, bad, lf, cr);
}

int
_us_utf8_validate_vector (const char *text,
                          gsize       len)
{
#ifdef HAVE_AVX2_PATH
  if (__builtin_cpu_supports ("avx2"))
    return valid_avx2 (text, len, NULL, NULL);
#endif
  return -1;
}

gboolean
us_utf8_validate_portable (const char  *text,
                           gsize        len,
                           const char **bad)
{
  const char *unused;

  return validate_dfa (text, len, bad != NULL ? bad : &unused);
}

/* Sixteen bytes at a time, each match adding one to its byte's counter,
 * summed every 255 steps.
 */
guint
us_count_line_ends (const char *p,
                    gsize       len,
                    guint      *cr)
{
  gsize i = 0;
  guint64 n = 0;
  guint64 n_cr = 0;

#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8 ('\n');
  const __m128i carriage = _mm_set1_epi8 ('\r');
  const __m128i zero = _mm_setzero_si128 ();
  gsize whole = len & ~(gsize) 15;

  while (i < whole)
    {
      __m128i acc = zero;
      __m128i acc_cr = zero;
      gsize stop = MIN (whole, i + 16 * 255);
      __m128i sum;

      for (; i < stop; i += 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) (p + i));

          /* A match is all ones, -1: subtracting counts it. */
          acc = _mm_sub_epi8 (acc, _mm_cmpeq_epi8 (v, newline));
          acc_cr = _mm_sub_epi8 (acc_cr, _mm_cmpeq_epi8 (v, carriage));
        }
      sum = _mm_sad_epu8 (acc, zero);
      n += (guint64) _mm_cvtsi128_si64 (sum) + (guint64) _mm_cvtsi128_si64 (_mm_unpackhi_epi64 (sum, sum));
      sum = _mm_sad_epu8 (acc_cr, zero);
      n_cr += (guint64) _mm_cvtsi128_si64 (sum) + (guint64) _mm_cvtsi128_si64 (_mm_unpackhi_epi64 (sum, sum));
    }
#endif
  for (; i < len; i++)
    {
      n += p[i] == '\n';
      n_cr += p[i] == '\r';
    }
  if (cr != NULL)
    *cr = (guint) MIN (n_cr, G_MAXUINT);
  return (guint) MIN (n, G_MAXUINT);
}

