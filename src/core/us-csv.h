/* us-csv.h: an RFC 4180 CSV reader and writer for signatory imports
 *
 * The files come from spreadsheets and web-form exports, so the reader
 * guesses what they rarely say (encoding, delimiter) and is strict only
 * where a guess would lose data silently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define US_CSV_ERROR (us_csv_error_quark ())
GQuark us_csv_error_quark (void);

typedef enum
{
  US_CSV_ERROR_ENCODING,  /* not valid in the chosen (or guessed) encoding */
  US_CSV_ERROR_SYNTAX,    /* a quoted field that never closes */
  US_CSV_ERROR_TOO_LARGE, /* a field or a record over the limits below */
} UsCsvError;

typedef enum
{
  US_CSV_ENCODING_AUTO,
  US_CSV_ENCODING_UTF8,
  US_CSV_ENCODING_UTF16LE,
  US_CSV_ENCODING_UTF16BE,
  US_CSV_ENCODING_LATIN1,
  US_CSV_ENCODING_WINDOWS1252,
} UsCsvEncoding;

/* Far beyond any real signatory record; they only keep a hostile or
 * misread file (a stray quote swallowing the rest) from growing memory.
 */
#define US_CSV_MAX_FIELD_SIZE (1024 * 1024)
/* All the fields of one record together: a line of 100 MB made of small
 * fields is refused as soon as this much of it is read, never kept.
 */
#define US_CSV_MAX_RECORD_SIZE (2 * 1024 * 1024)
#define US_CSV_MAX_FIELDS     10000

typedef struct _UsCsvReader UsCsvReader;

/* Takes a reference on data.  filename is used only in error messages
 * ("FILE:LINE: ...").  A delimiter of 0 is guessed from the first records
 * among comma, semicolon and tab.  Returns NULL with error set when the
 * data is not valid in its encoding.
 */
UsCsvReader *us_csv_reader_new            (GBytes              *data,
                                           const char          *filename,
                                           UsCsvEncoding        encoding,
                                           char                 delimiter,
                                           GError             **error);
char         us_csv_reader_get_delimiter  (UsCsvReader         *self);
/* The LF and the CR bytes of the decoded text: counted while it was
 * checked, for sizing what its records go into.
 */
void         us_csv_reader_get_line_ends  (UsCsvReader         *self,
                                           guint               *lf,
                                           guint               *cr);
/* Returns TRUE and fills *fields (borrowed, valid until the next call; a
 * NULL-terminated array of UTF-8 strings), *n_fields and *line (1-based
 * line where the record starts).  Returns FALSE at the end (error unset)
 * or on error; after an error every later call fails with the same error.
 */
gboolean     us_csv_reader_next           (UsCsvReader         *self,
                                           const char * const **fields,
                                           guint               *n_fields,
                                           guint               *line,
                                           GError             **error);
void         us_csv_reader_free           (UsCsvReader         *self);
/* For two threads: a second reader for the records after a little less
 * than half of what self has left (at least min_size bytes, else NULL), and self
 * stops where it starts.  The place is a guess: only when, after self
 * was read to its end, us_csv_reader_split_held() says a record of self
 * started there are the second reader's records the file's; else self
 * has read on to the end of the file alone, and they must be dropped.
 */
UsCsvReader *us_csv_reader_split          (UsCsvReader         *self,
                                           gsize                min_size);
gboolean     us_csv_reader_split_held     (UsCsvReader         *self,
                                           UsCsvReader         *second);
/* What self alone can tell, once read to its end: it stopped where the
 * second reader started, at a record's start (us_csv_reader_split_held()
 * then also checks that the two agree on its line).
 */
gboolean     us_csv_reader_stopped_at_split (UsCsvReader       *self);

/* A byte that can separate fields: ASCII, and not a quote or a line end. */
gboolean     us_csv_delimiter_is_valid    (char                 delimiter);

/* A guess: TRUE when no field looks like an e-mail address, a date or a
 * number, and all are non-empty short texts.
 */
gboolean     us_csv_looks_like_header     (const char * const  *fields,
                                           guint                n_fields);

/* Appends one record with RFC 4180 quoting and a CRLF line end.  With
 * neutralise, a cell starting with = + - @ TAB or CR gets a leading
 * single quote so that a spreadsheet does not run it as a formula.
 */
void         us_csv_append_record         (GString             *out,
                                           const char * const  *fields,
                                           guint                n_fields,
                                           char                 delimiter,
                                           gboolean             neutralise);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsCsvReader, us_csv_reader_free)

G_END_DECLS
