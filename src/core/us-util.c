/* us-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-util.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

char *
us_normalize_key (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *composed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;

  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (nfkc == NULL)
    return NULL;
  folded = g_utf8_casefold (nfkc, -1);
  composed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
  if (composed == NULL)
    return NULL;

  out = g_string_sized_new (strlen (composed));
  for (const char *p = composed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_digits (const char **p,
              guint        n,
              int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* A day of the proleptic Gregorian calendar, from year 1 (as GDate). */
static inline gboolean
date_is_valid (int y,
               int m,
               int d)
{
  static const guint8 days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
    return FALSE;
  return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static gboolean
parse_date_part (const char **p,
                 int         *y,
                 int         *m,
                 int         *d)
{
  if (!parse_digits (p, 4, y) || **p != '-')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, m) || **p != '-')
    return FALSE;
  (*p)++;
  if (!parse_digits (p, 2, d))
    return FALSE;
  return date_is_valid (*y, *m, *d);
}

gboolean
us_date_is_valid (const char *text)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;
  return parse_date_part (&text, &y, &m, &d) && *text == '\0';
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

gboolean
us_parse_timestamp (const char *text,
                    gint64     *out_unix)
{
  const char *p = text;
  int y, m, d, hh = 0, mm = 0, ss = 0;
  gint64 offset = 0;

  if (text == NULL || !parse_date_part (&p, &y, &m, &d))
    return FALSE;

  if (*p == 'T' || *p == ' ')
    {
      p++;
      if (!parse_digits (&p, 2, &hh) || *p++ != ':' || !parse_digits (&p, 2, &mm))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!parse_digits (&p, 2, &ss))
            return FALSE;
          if (*p == '.')
            {
              p++;
              if (!g_ascii_isdigit (*p))
                return FALSE;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      if (hh > 23 || mm > 59 || ss > 60)
        return FALSE;

      if (*p == 'Z' || *p == 'z')
        p++;
      else if (*p == '+' || *p == '-')
        {
          int sign = *p == '-' ? -1 : 1;
          int oh, om;

          p++;
          if (!parse_digits (&p, 2, &oh))
            return FALSE;
          if (*p == ':')
            p++;
          if (!parse_digits (&p, 2, &om) || oh > 23 || om > 59)
            return FALSE;
          offset = sign * (oh * 3600 + om * 60);
        }
    }

  if (*p != '\0')
    return FALSE;

  *out_unix = days_from_civil (y, m, d) * 86400 + hh * 3600 + mm * 60 + MIN (ss, 59) - offset;
  return TRUE;
}

char *
us_format_timestamp_buf (gint64  unix_time,
                         char   *buf)
{
  gint64 days = unix_time >= 0 ? unix_time / 86400 : -((-unix_time + 86399) / 86400);
  gint64 secs = unix_time - days * 86400;
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = (unsigned) (z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = (gint64) yoe + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  unsigned d = doy - (153 * mp + 2) / 5 + 1;
  unsigned m = mp < 10 ? mp + 3 : mp - 9;

  y += m <= 2;
  g_snprintf (buf, 21, "%04d-%02u-%02uT%02d:%02d:%02dZ",
              (int) CLAMP (y, 0, 9999), m, d,
              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
  return buf;
}

char *
us_format_timestamp (gint64 unix_time)
{
  char buf[32];

  return g_strdup (us_format_timestamp_buf (unix_time, buf));
}

/* ISO 3166-1 alpha-2 officially assigned codes, plus XK. */
static const char countries[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ "
  "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR "
  "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU "
  "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ "
  "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ "
  "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
  "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI "
  "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR "
  "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

gboolean
us_country_is_valid (const char *code)
{
  /* Checked for every signatory loaded: a 26x26 table, built once. */
  static guint8 table[26 * 26];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (const char *p = countries; p[0] && p[1]; p += p[2] ? 3 : 2)
        table[(p[0] - 'A') * 26 + (p[1] - 'A')] = 1;
      g_once_init_leave (&built, 1);
    }

  if (code == NULL || code[0] < 'A' || code[0] > 'Z' ||
      code[1] < 'A' || code[1] > 'Z' || code[2] != '\0')
    return FALSE;
  return table[(code[0] - 'A') * 26 + (code[1] - 'A')] != 0;
}

gboolean
us_email_is_valid (const char *address)
{
  const char *at = NULL;
  gboolean dot = FALSE;
  gboolean ascii = TRUE;

  if (address == NULL)
    return FALSE;
  /* One pass: an import checks every row's address. */
  for (const char *p = address; *p; p++)
    {
      switch (*p)
        {
        case ' ': case '\t': case '\n': case '\f': case '\r':   /* as g_ascii_isspace(): not \v */
        case ',': case '<': case '>':
          return FALSE;
        case '@':
          /* One, neither first nor last; the domain does not start
           * with a dot or a hyphen.
           */
          if (at != NULL || p == address || p[1] == '\0' || p[1] == '.' || p[1] == '-')
            return FALSE;
          at = p;
          break;
        case '.':
          /* In the domain: no empty label, and at least one dot. */
          if (at != NULL)
            {
              if (p[1] == '.' || p[1] == '\0')
                return FALSE;
              dot = TRUE;
            }
          break;
        default:
          ascii &= (guchar) *p < 0x80;
          break;
        }
    }
  return at != NULL && dot && (ascii || g_utf8_validate (address, -1, NULL));
}

gboolean
us_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 128)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
      return FALSE;
  return TRUE;
}

char *
us_format_day (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);
  /* Translators: how a day is shown (strftime-like, see
   * g_date_time_format()); keep the month as a name, e.g. "%B %-d, %Y".
   */
  return g_date_time_format (when, _("%-d %B %Y"));
}

#ifdef G_OS_UNIX
typedef struct
{
  void  *addr;
  gsize  len;
} Mapping;

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->addr, mapping->len);
  g_free (mapping);
}
#endif

GBytes *
us_map_file (int      fd,
             gsize    len,
             gboolean read_in)
{
#ifdef G_OS_UNIX
  int flags = MAP_PRIVATE;
  Mapping *mapping;
  void *addr;

  if (len == 0)
    return g_bytes_new_static ("", 0);
#ifdef MAP_POPULATE
  if (read_in)
    flags |= MAP_POPULATE;
#endif
  addr = mmap (NULL, len, PROT_READ, flags, fd, 0);
  if (addr == MAP_FAILED)
    return NULL;
  mapping = g_new (Mapping, 1);
  mapping->addr = addr;
  mapping->len = len;
  return g_bytes_new_with_free_func (addr, len, mapping_free, mapping);
#else
  g_autoptr(GMappedFile) mapped = g_mapped_file_new_from_fd (fd, FALSE, NULL);

  if (mapped == NULL)
    {
      errno = EIO;
      return NULL;
    }
  return g_mapped_file_get_bytes (mapped);
#endif
}
