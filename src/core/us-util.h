/* us-util.h: keys, dates, countries and e-mail syntax shared by the model,
 * the formats and the importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NFKC, casefolded, trimmed, inner whitespace collapsed to one space.
 * Returns NULL for invalid UTF-8.
 */
char     *us_normalize_key         (const char *text);

/* A time in UTC seconds written as 2020-05-26T12:00:15Z.  The parser also
 * takes an offset (+02:00) or a bare date (midnight UTC).
 */
gboolean  us_parse_timestamp       (const char *text,
                                    gint64     *out_unix);
char     *us_format_timestamp      (gint64      unix_time);
/* A day for people to read, in their language's order and with the
 * month's name ("25 May 2020"): never %x, whose 05/25/20 reads as a
 * different day in half the world.
 */
char     *us_format_day            (GDateTime  *when);
/* Writes into buf (at least 21 bytes); returns buf. */
char     *us_format_timestamp_buf  (gint64      unix_time,
                                    char       *buf);

/* A calendar date written YYYY-MM-DD, checked against the calendar. */
gboolean  us_date_is_valid         (const char *text);

/* ISO 3166-1 alpha-2, upper case, currently assigned (plus XK, used by
 * the European Commission and most signature platforms for Kosovo).
 */
gboolean  us_country_is_valid      (const char *code);

/* A practical address check: one @, a non-empty local part without spaces
 * and a domain with a dot and no empty labels.
 */
gboolean  us_email_is_valid        (const char *address);

/* An identifier for incidents and sources: letters, digits and -_.: */
gboolean  us_id_is_valid           (const char *id);

/* The len bytes of an open file, mapped read-only; with read_in, also
 * read in before the call returns (where the system can): a file that
 * is read through from start to end then costs one call, not a page
 * fault every 64 KB.  NULL, with errno set, if it cannot be mapped.
 * The file may be closed after.
 */
GBytes   *us_map_file              (int         fd,
                                    gsize       len,
                                    gboolean    read_in);

G_END_DECLS
