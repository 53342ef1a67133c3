/* us-feed-date.c: the dates feeds carry, W3C-DTF (Atom, Dublin Core) and
 * RFC 822 (RSS), read leniently
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-feed-private.h"

#include <string.h>

/* Dates */

static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  /* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar. */
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64) era * 146097 + doe - 719468;
}

static gboolean
make_time (int     year,
           int     month,
           int     day,
           int     hour,
           int     minute,
           int     second,
           int     offset_minutes,
           gint64 *out)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month (month, year) ||
      hour < 0 || hour > 24 || minute < 0 || minute > 59 ||
      second < 0 || second > 60 || (hour == 24 && (minute > 0 || second > 0)) ||
      offset_minutes < -24 * 60 || offset_minutes > 24 * 60)
    return FALSE;
  *out = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
         offset_minutes * 60;
  return TRUE;
}

/* Reads exactly n digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      value = value * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

/* Reads one to max digits. */
static guint
read_number (const char **p,
             guint        max,
             int         *out)
{
  guint n = 0;

  *out = 0;
  while (n < max && g_ascii_isdigit (**p))
    {
      *out = *out * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n;
}

/* [+-]hh[[:]mm], Z; sets *minutes east of UTC. */
static gboolean
read_offset (const char **p,
             int         *minutes)
{
  int sign, hours, mins = 0;

  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      *minutes = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!read_digits (p, 2, &hours))
    return FALSE;
  if (**p == ':')
    (*p)++;
  if (g_ascii_isdigit (**p) && !read_digits (p, 2, &mins))
    return FALSE;
  *minutes = sign * (hours * 60 + mins);
  return TRUE;
}

/* W3C-DTF, the RFC 3339 profile of ISO 8601 that Atom and Dublin Core
 * use, leniently: date-only and minute-only forms, no zone (UTC), a space
 * for the T, and the compact YYYYMMDD.
 */
gboolean
_us_feed_parse_w3cdtf (const char *text,
                       gint64     *out)
{
  const char *p = text;
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (!read_digits (&p, 4, &year))
    return FALSE;
  if (*p == '-')
    {
      p++;
      if (!read_digits (&p, 2, &month))
        return FALSE;
      if (*p == '-')
        {
          p++;
          if (!read_digits (&p, 2, &day))
            return FALSE;
        }
    }
  else if (g_ascii_isdigit (*p))
    {
      if (!read_digits (&p, 2, &month) || !read_digits (&p, 2, &day))
        return FALSE;
    }
  if ((*p == 'T' || *p == 't' || *p == ' ') && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_digits (&p, 2, &hour))
        return FALSE;
      if (*p == ':')
        p++;
      if (!read_digits (&p, 2, &minute))
        return FALSE;
      if (*p == ':' || g_ascii_isdigit (*p))
        {
          if (*p == ':')
            p++;
          if (!read_digits (&p, 2, &second))
            return FALSE;
          /* Fractions below a second mean nothing to an incident. */
          if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
            for (p++; g_ascii_isdigit (*p); p++)
              ;
        }
      while (*p == ' ')
        p++;
      if (*p != '\0' && !read_offset (&p, &offset))
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  return *p == '\0' && make_time (year, month, day, hour, minute, second, offset, out);
}

static int
month_from_name (const char *name,
                 gsize       len)
{
  static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";

  if (len < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (name, months + i * 3, 3) == 0)
      return i + 1;
  return 0;
}

/* RFC 822 and RFC 2822 zone names, and a few that feeds use anyway.  An
 * unknown zone is read as UTC, as RFC 2822 says of military zones.
 */
static int
zone_offset (const char *name,
             gsize       len)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
    { "AST", -4 }, { "ADT", -3 }, { "BST", 1 }, { "CET", 1 },
    { "CEST", 2 }, { "EET", 2 }, { "EEST", 3 }, { "JST", 9 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (strlen (zones[i].name) == len && g_ascii_strncasecmp (name, zones[i].name, len) == 0)
      return zones[i].hours * 60;
  return 0;
}

static const char *
skip_separators (const char *p)
{
  while (g_ascii_isspace (*p) || *p == ',' || *p == '-')
    p++;
  return p;
}

static gsize
word_length (const char *p)
{
  gsize n = 0;

  while (g_ascii_isalpha (p[n]))
    n++;
  return n;
}

/* "Thu, 01 Jan 2004 19:48:21 GMT" and its common variations: no weekday,
 * one-digit days, two-digit years, no seconds, obsolete zone names, the
 * month before the day.
 */
gboolean
_us_feed_parse_rfc822 (const char *text,
                       gint64     *out)
{
  const char *p = skip_separators (text);
  int day = 0, month = 0, year, hour = 0, minute = 0, second = 0, offset = 0;
  gsize n;

  n = word_length (p);
  if (n > 0 && month_from_name (p, n) == 0)
    p = skip_separators (p + n); /* the weekday */
  n = word_length (p);
  if (n > 0)
    {
      month = month_from_name (p, n);
      p = skip_separators (p + n);
    }
  if (read_number (&p, 2, &day) == 0)
    return FALSE;
  p = skip_separators (p);
  if (month == 0)
    {
      n = word_length (p);
      month = month_from_name (p, n);
      if (month == 0)
        return FALSE;
      p = skip_separators (p + n);
    }
  n = read_number (&p, 4, &year);
  if (n == 2)
    year += year < 50 ? 2000 : 1900;
  else if (n == 3)
    year += 1900;
  else if (n != 4)
    return FALSE;
  while (g_ascii_isspace (*p) || *p == ',')
    p++;
  if (g_ascii_isdigit (*p))
    {
      if (read_number (&p, 2, &hour) == 0 || *p++ != ':' || read_number (&p, 2, &minute) != 2)
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (read_number (&p, 2, &second) != 2)
            return FALSE;
        }
      while (g_ascii_isspace (*p))
        p++;
      n = word_length (p);
      if (n > 0)
        offset = zone_offset (p, n);
      else if ((*p == '+' || *p == '-') && !read_offset (&p, &offset))
        return FALSE;
    }
  return make_time (year, month, day, hour, minute, second, offset, out);
}
