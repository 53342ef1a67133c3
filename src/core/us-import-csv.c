/* us-import-csv.c: reading CSV into an import plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define N_SAMPLES 3
#define CHECK_EVERY 4096

/* CSV */

static gboolean
encoding_from_name (const char     *name,
                    UsCsvEncoding  *out,
                    GError        **error)
{
  static const struct { const char *name; UsCsvEncoding encoding; } names[] = {
    { "UTF8", US_CSV_ENCODING_UTF8 },
    { "UTF16", US_CSV_ENCODING_UTF16LE },
    { "UTF16LE", US_CSV_ENCODING_UTF16LE },
    { "UTF16BE", US_CSV_ENCODING_UTF16BE },
    { "LATIN1", US_CSV_ENCODING_LATIN1 },
    { "ISO88591", US_CSV_ENCODING_LATIN1 },
    { "WINDOWS1252", US_CSV_ENCODING_WINDOWS1252 },
    { "CP1252", US_CSV_ENCODING_WINDOWS1252 },
  };
  g_autoptr(GString) plain = g_string_new (NULL);

  if (name == NULL || *name == '\0' || g_ascii_strcasecmp (name, "auto") == 0)
    {
      *out = US_CSV_ENCODING_AUTO;
      return TRUE;
    }
  /* windows-1252, Windows_1252 and WINDOWS1252 are one name. */
  for (const char *p = name; *p; p++)
    if (*p != '-' && *p != '_' && *p != ' ')
      g_string_append_c (plain, g_ascii_toupper (*p));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (plain->str, names[i].name) == 0)
      {
        *out = names[i].encoding;
        return TRUE;
      }
  g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
               _("unknown encoding “%s”: use one of UTF-8, UTF-16LE, UTF-16BE, "
                 "LATIN1 (ISO-8859-1) or WINDOWS-1252"), name);
  return FALSE;
}

typedef struct
{
  int            column;   /* 0-based, or -1 when named */
  const char    *name;
  UsImportField  field;
} Override;

static gboolean
parse_overrides (const char **mapping,
                 GArray      *out,
                 GError     **error)
{
  for (guint i = 0; mapping != NULL && mapping[i] != NULL; i++)
    {
      const char *eq = strrchr (mapping[i], '=');
      g_autofree char *column = NULL;
      Override o = { -1, NULL, US_FIELD_IGNORE };
      guint64 number;

      if (eq == NULL || eq == mapping[i])
        {
          g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                       _("“%s” is not a mapping: write COLUMN=FIELD, such as "
                         "“E-mail address=email” or “3=name”"), mapping[i]);
          return FALSE;
        }
      if (!_us_import_field_from_string (eq + 1, &o.field))
        {
          g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                       _("unknown field “%s” in “%s”: use one of name, first_name, last_name, "
                         "title, organisation, country, email, signed_at, public, status, "
                         "note or ignore"), eq + 1, mapping[i]);
          return FALSE;
        }
      column = g_strndup (mapping[i], eq - mapping[i]);
      g_strstrip (column);
      if (g_ascii_string_to_unsigned (column, 10, 1, US_CSV_MAX_FIELDS, &number, NULL))
        o.column = (int) number - 1;
      o.name = mapping[i];   /* the whole text: the name is before eq */
      g_array_append_val (out, o);
    }
  return TRUE;
}

static gboolean
override_matches (const Override *o,
                  guint           column,
                  const char     *header)
{
  const char *eq;
  g_autofree char *name = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (o->column >= 0)
    return (guint) o->column == column;
  if (header == NULL)
    return FALSE;
  eq = strrchr (o->name, '=');
  name = g_strstrip (g_strndup (o->name, eq - o->name));
  if (strcmp (name, header) == 0)
    return TRUE;
  a = _us_import_fold (name);
  b = _us_import_fold (header);
  return a != NULL && b != NULL && *a != '\0' && strcmp (a, b) == 0;
}

static gboolean
has_field (const UsImportField *fields,
           guint                n,
           UsImportField        field)
{
  for (guint i = 0; i < n; i++)
    if (fields[i] == field)
      return TRUE;
  return FALSE;
}

/* Decides the field of each column: from the header names, then the
 * overrides.  With peek, a mapping without a name column is not an error:
 * the app's mapping step is where the user fixes it.
 */
static gboolean
map_columns (UsImportPlan        *plan,
             const char * const  *header,
             guint                n_columns,
             GArray              *overrides,
             UsImportField       *fields,
             gboolean             peek,
             const char          *filename,
             GError             **error)
{
  for (guint c = 0; c < n_columns; c++)
    {
      fields[c] = header ? _us_import_field_for_header (header[c]) : US_FIELD_IGNORE;
      /* Two columns named alike: the first one counts. */
      if (fields[c] != US_FIELD_IGNORE && has_field (fields, c, fields[c]))
        fields[c] = US_FIELD_IGNORE;
    }
  /* A lone "nom" or "nombre" is the whole name. */
  if (!has_field (fields, n_columns, US_FIELD_NAME))
    {
      gboolean first = has_field (fields, n_columns, US_FIELD_FIRST_NAME);
      gboolean last = has_field (fields, n_columns, US_FIELD_LAST_NAME);

      for (guint c = 0; c < n_columns && first != last; c++)
        if (fields[c] == US_FIELD_FIRST_NAME || fields[c] == US_FIELD_LAST_NAME)
          fields[c] = US_FIELD_NAME;
    }

  for (guint i = 0; i < overrides->len; i++)
    {
      const Override *o = &g_array_index (overrides, Override, i);
      gboolean found = FALSE;

      for (guint c = 0; c < n_columns; c++)
        if (override_matches (o, c, header ? header[c] : NULL))
          {
            /* The user's choice replaces a guess for the same field. */
            if (o->field != US_FIELD_IGNORE)
              for (guint other = 0; other < n_columns; other++)
                if (fields[other] == o->field)
                  fields[other] = US_FIELD_IGNORE;
            fields[c] = o->field;
            found = TRUE;
            break;
          }
      if (!found && !peek)
        {
          g_autofree char *list = header ? g_strjoinv (", ", (char **) header) : NULL;

          if (o->column >= 0)
            g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                         _("%s: there is no column %d: the file has %u columns"),
                         filename, o->column + 1, n_columns);
          else if (header == NULL)
            g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                         _("%s: the first row does not look like a header, so columns "
                           "cannot be named: refer to them by number, for example "
                           "--map 1=name --map 2=email"), filename);
          else
            g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                         _("%s: no column is named like “%.*s”; the columns are: %s"),
                         filename, (int) (strrchr (o->name, '=') - o->name), o->name, list);
          return FALSE;
        }
    }

  if (peek)
    return TRUE;
  if (header == NULL && overrides->len == 0)
    {
      g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                   _("%s: the first row does not look like a header row, so the columns "
                     "have no names: say which column holds what by number, for example "
                     "--map 1=name --map 2=email --map 3=country"), filename);
      return FALSE;
    }
  if (!has_field (fields, n_columns, US_FIELD_NAME) &&
      !has_field (fields, n_columns, US_FIELD_FIRST_NAME) &&
      !has_field (fields, n_columns, US_FIELD_LAST_NAME))
    {
      g_autofree char *list = header ? g_strjoinv (", ", (char **) header) : NULL;

      g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_MAPPING,
                   _("%s: no column holds the names; map one with --map COLUMN=name "
                     "(the columns are: %s)"),
                   filename, list ? list : _("unnamed; refer to them by number"));
      return FALSE;
    }
  return TRUE;
}

static GStrv
copy_fields (const char * const *fields,
             guint               n)
{
  GStrv copy = g_new (char *, n + 1);

  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (fields[i]);
  copy[n] = NULL;
  return copy;
}

/* One record into the plan, through the column mapping. */
static void
add_record (UsImportPlan        *plan,
            const UsImportField *fields,
            guint                n_columns,
            const char * const  *record,
            guint                n_record,
            guint                line)
{
  UsImportRow row = { { NULL }, 0, NULL, 0 };

  for (guint c = 0; c < n_record && c < n_columns; c++)
    if (fields[c] != US_FIELD_IGNORE)
      row.values[fields[c]] = record[c];
  row.line = line;
  row.raw = record;
  row.n_raw = n_record;
  _us_import_plan_add_row (plan, &row);
}

/* The second half of a file, read in another thread into its own plan. */
typedef struct
{
  UsImportPlan        *plan;
  UsCsvReader         *reader;
  const UsImportField *fields;
  guint                n_columns;
  GError              *error;
  gint                 stop;
  gint                 n_ready;      /* rows of plan->pending complete */
  gint                 finished;
} Part;

static gpointer
read_part (gpointer data)
{
  Part *part = data;
  const char * const *record;
  guint n_record, line;
  guint count = 0;

  while (us_csv_reader_next (part->reader, &record, &n_record, &line, &part->error))
    {
      add_record (part->plan, part->fields, part->n_columns, record, n_record, line);
      /* For the first reader's thread, which may match them now. */
      g_atomic_int_set (&part->n_ready, (gint) part->plan->pending->len);
      if (++count % CHECK_EVERY == 0 && g_atomic_int_get (&part->stop))
        break;
    }
  g_atomic_int_set (&part->finished, TRUE);
  return NULL;
}

static void
read_part_clear (Part *part)
{
  g_clear_pointer (&part->plan, us_import_plan_free);
  g_clear_pointer (&part->reader, us_csv_reader_free);
  g_clear_error (&part->error);
}

static void
read_part_stop (Part    *part,
                GThread *thread)
{
  g_atomic_int_set (&part->stop, TRUE);
  g_thread_join (thread);
  read_part_clear (part);
}

gboolean
_us_import_csv_read (UsImportPlan          *plan,
                     GBytes                *data,
                     const char            *filename,
                     const UsImportOptions *options,
                     gboolean               peek,
                     GCancellable          *cancellable,
                     GError               **error)
{
  g_autoptr(UsCsvReader) reader = NULL;
  g_autoptr(GArray) overrides = g_array_new (FALSE, FALSE, sizeof (Override));
  g_autofree UsImportField *fields = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) header = NULL;
  const char * const *record;
  UsCsvEncoding encoding;
  guint n_record, line, n_columns;
  gboolean first_is_data;
  guint count = 0;
  Part second = { NULL };
  GThread *thread = NULL;

  if (!encoding_from_name (options->encoding, &encoding, error) ||
      !parse_overrides (options->mapping, overrides, error))
    return FALSE;

  reader = us_csv_reader_new (data, filename, encoding, options->delimiter, &local_error);
  if (reader == NULL)
    {
      g_set_error_literal (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT, local_error->message);
      return FALSE;
    }
  plan->delimiter = us_csv_reader_get_delimiter (reader);
  if (!peek)
    {
      guint lf, cr;

      /* Every LF or CR may end a record: a bound that a dry run's second
       * reader's array is sized for, so that it never moves.
       */
      us_csv_reader_get_line_ends (reader, &lf, &cr);
      _us_import_plan_size (plan, lf, cr);
    }

  if (!us_csv_reader_next (reader, &record, &n_record, &line, &local_error))
    {
      if (local_error != NULL)
        g_set_error_literal (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT, local_error->message);
      else
        g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
                     _("%s: the file is empty: there are no rows to import"), filename);
      return FALSE;
    }

  n_columns = n_record;
  first_is_data = !us_csv_looks_like_header (record, n_record);
  if (!first_is_data)
    header = copy_fields (record, n_record);
  fields = g_new0 (UsImportField, n_columns);
  if (!map_columns (plan, (const char * const *) header, n_columns, overrides, fields,
                    peek, filename, error))
    return FALSE;

  {
    GStrv columns = g_new0 (char *, n_columns + 1);

    for (guint c = 0; c < n_columns; c++)
      columns[c] = header ? g_strdup (header[c])
                          : g_strdup_printf (_("Column %u"), c + 1);
    _us_import_plan_set_columns (plan, columns, fields);
  }

  /* A dry run checks the rows of a large file's second half in another
   * thread: they are only matched once all are in.
   */
  if (!peek && plan->pending != NULL &&
      (second.reader = us_csv_reader_split (reader, _us_import_split_min_size)) != NULL)
    {
      second.plan = _us_import_plan_new_part (plan);
      second.fields = fields;
      second.n_columns = n_columns;
      thread = g_thread_new ("us-import-csv", read_part, &second);
    }

  for (;;)
    {
      if (first_is_data)
        first_is_data = FALSE;
      else if (!us_csv_reader_next (reader, &record, &n_record, &line, &local_error))
        break;

      if (plan->samples->len < N_SAMPLES)
        g_ptr_array_add (plan->samples, copy_fields (record, n_record));
      if (peek)
        {
          if (plan->samples->len == N_SAMPLES)
            break;
          continue;
        }

      add_record (plan, fields, n_columns, record, n_record, line);
      if (++count % CHECK_EVERY == 0 &&
          !_us_import_plan_check_cancel (plan, cancellable, error))
        {
          if (thread != NULL)
            read_part_stop (&second, thread);
          return FALSE;
        }
    }

  if (thread != NULL)
    {
      gboolean streamed = FALSE;
      gboolean held;

      /* A dry run matches this reader's rows while the other reads on,
       * then the other's as they come, when they are the file's.
       */
      if (local_error == NULL && plan->dry.first_read != NULL)
        {
          plan->dry.first_read (plan, plan->dry.data);
          /* second.plan's array was sized for every record the file
           * can hold (_us_import_plan_new_part()): it does not move.
           */
          if (plan->first_matched && us_csv_reader_stopped_at_split (reader))
            {
              _us_import_plan_match_stream (plan, second.plan, &second.n_ready, &second.finished);
              streamed = TRUE;
            }
        }
      g_thread_join (thread);
      /* Only where this reader really ended a record is the other's
       * first record the file's next one; else this one read on.  (A
       * reader that stopped there always agrees with the other on its
       * line: the check cannot fail once rows were matched.)
       */
      held = us_csv_reader_split_held (reader, second.reader);
      g_assert (!streamed || held);
      if (local_error == NULL && held)
        {
          if (second.error != NULL)
            g_propagate_error (&local_error, g_steal_pointer (&second.error));
          else
            _us_import_plan_absorb_part (plan, g_steal_pointer (&second.plan));
        }
      read_part_clear (&second);
    }

  if (local_error != NULL)
    {
      g_set_error_literal (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT, local_error->message);
      return FALSE;
    }
  return TRUE;
}
