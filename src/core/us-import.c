/* us-import.c: bringing signatures in from CSV and OSDI JSON
 *
 * A plan is built in one pass over the input.  Each row is checked, then
 * matched through hash tables keyed on the normalised e-mail (and, only
 * when some row or signatory lacks an e-mail, on name and country), so a
 * hundred thousand rows against a hundred thousand signatories costs a
 * hash lookup each.  Row texts live in one GStringChunk (titles and
 * organisations deduplicated there), and signatory objects are only
 * built when the plan is applied: a dry run never creates them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (us-import-error-quark, us_import_error)

/* Beyond every real export; keeps a mistaken choice of file (a disk
 * image) from being decoded into memory.
 */
#define MAX_INPUT_SIZE ((gsize) 1 << 31)

static void
rejected_row_free (UsRejectedRow *row)
{
  g_free (row->reason);
  g_strfreev (row->fields);
  g_free (row);
}

static UsImportPlan *
plan_new (UsCampaign            *campaign,
          const UsImportOptions *options)
{
  UsImportPlan *plan = g_new0 (UsImportPlan, 1);

  plan->campaign = campaign ? g_object_ref (campaign) : NULL;
  plan->provider_rules = options->provider_rules;
  plan->origin = options->origin;
  plan->chunk = g_string_chunk_new (64 * 1024);
  plan->added = g_array_new (FALSE, FALSE, sizeof (Row));
  plan->merges = g_array_new (FALSE, FALSE, sizeof (Row));
  plan->merge_of = g_hash_table_new (NULL, NULL);
  plan->by_email.size = 1024;
  plan->by_email.slots = g_new0 (Slot, plan->by_email.size);
  plan->by_email.entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  plan->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejected_row_free);
  plan->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  plan->notes = g_ptr_array_new_with_free_func (g_free);
  plan->key = g_string_sized_new (128);
  plan->email_key = g_string_sized_new (128);
  plan->delimiter = ',';
  return plan;
}

void
us_import_plan_free (UsImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->campaign);
  g_string_chunk_free (plan->chunk);
  g_array_unref (plan->added);
  g_array_unref (plan->merges);
  g_hash_table_unref (plan->merge_of);
  g_free (plan->by_email.slots);
  g_array_unref (plan->by_email.entries);
  g_clear_pointer (&plan->by_name, g_hash_table_unref);
  g_clear_pointer (&plan->by_name_no_email, g_hash_table_unref);
  g_ptr_array_unref (plan->rejected);
  g_strfreev (plan->columns);
  g_strfreev (plan->fields);
  g_ptr_array_unref (plan->samples);
  g_ptr_array_unref (plan->notes);
  g_string_free (plan->key, TRUE);
  g_string_free (plan->email_key, TRUE);
  g_free (plan);
}

static guint
count_lines (GBytes *data)
{
  gsize len;
  const char *p = g_bytes_get_data (data, &len);
  const char *end = p + len;
  guint n = 0;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    n++, p++;
  return n;
}

static UsImportFormat
sniff_format (GBytes *data)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (data, &len);
  gsize i = 0;

  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < len && is_space (p[i]))
    i++;
  return i < len && (p[i] == '{' || p[i] == '[') ? US_IMPORT_FORMAT_OSDI : US_IMPORT_FORMAT_CSV;
}

static UsImportPlan *
plan_run (UsCampaign            *campaign,
          GBytes                *data,
          const char            *filename,
          const UsImportOptions *options,
          gboolean               peek,
          UsImportProgressFunc   progress,
          gpointer               progress_data,
          GCancellable          *cancellable,
          GError               **error)
{
  static const UsImportOptions defaults = { 0 };
  g_autoptr(UsImportPlan) plan = NULL;
  const char *display = filename ? filename : _("the input");
  gboolean ok;

  if (options == NULL)
    options = &defaults;
  if (g_bytes_get_size (data) > MAX_INPUT_SIZE)
    {
      g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_TOO_LARGE,
                   _("%s is larger than 2 GB: split it into smaller files and import them one by one"),
                   display);
      return NULL;
    }

  plan = plan_new (campaign, options);
  plan->progress = progress;
  plan->progress_data = progress_data;
  plan->format = options->format != US_IMPORT_FORMAT_AUTO ? options->format : sniff_format (data);
  if (plan->origin == US_ORIGIN_TYPED)
    plan->origin = plan->format == US_IMPORT_FORMAT_OSDI ? US_ORIGIN_OSDI : US_ORIGIN_CSV;

  if (plan->format == US_IMPORT_FORMAT_CSV)
    plan->expected_rows = count_lines (data);
  if (!peek)
    _us_import_plan_build_email_index (plan);
  if (plan->format == US_IMPORT_FORMAT_OSDI)
    ok = _us_import_osdi_read (plan, data, display, peek, cancellable, error);
  else
    ok = _us_import_csv_read (plan, data, display, options, peek, cancellable, error);
  if (!ok)
    return NULL;
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&plan);
}

UsImportPlan *
us_import_plan (UsCampaign            *campaign,
                GBytes                *data,
                const char            *filename,
                const UsImportOptions *options,
                GCancellable          *cancellable,
                GError               **error)
{
  return us_import_plan_with_progress (campaign, data, filename, options,
                                       NULL, NULL, cancellable, error);
}

UsImportPlan *
us_import_plan_with_progress (UsCampaign            *campaign,
                              GBytes                *data,
                              const char            *filename,
                              const UsImportOptions *options,
                              UsImportProgressFunc   progress,
                              gpointer               progress_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return plan_run (campaign, data, filename, options, FALSE, progress, progress_data,
                   cancellable, error);
}

UsImportPlan *
us_import_peek (GBytes                *data,
                const char            *filename,
                const UsImportOptions *options,
                GError               **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return plan_run (NULL, data, filename, options, TRUE, NULL, NULL, NULL, error);
}

/* Accessors */

guint
us_import_plan_get_n_added (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->added->len;
}

guint
us_import_plan_get_n_duplicates (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_duplicates;
}

guint
us_import_plan_get_n_rejected (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->rejected->len;
}

guint
us_import_plan_get_n_rows (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->n_rows;
}

GPtrArray *
us_import_plan_get_rejected (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->rejected;
}

const char * const *
us_import_plan_get_columns (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return (const char * const *) plan->columns;
}

const char * const *
us_import_plan_get_fields (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return (const char * const *) plan->fields;
}

guint
us_import_plan_get_n_samples (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->samples->len;
}

const char * const *
us_import_plan_get_sample (UsImportPlan *plan,
                           guint         index)
{
  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (index < plan->samples->len, NULL);
  return g_ptr_array_index (plan->samples, index);
}

const char * const *
us_import_plan_get_notes (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  if (plan->notes->len == 0 || g_ptr_array_index (plan->notes, plan->notes->len - 1) != NULL)
    g_ptr_array_add (plan->notes, NULL);
  return (const char * const *) plan->notes->pdata;
}

UsImportFormat
us_import_plan_get_format (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, US_IMPORT_FORMAT_AUTO);
  return plan->format;
}

GBytes *
us_import_plan_rejected_to_csv (UsImportPlan *plan)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  GString *out;
  guint n_columns;

  g_return_val_if_fail (plan != NULL, NULL);

  out = g_string_new (NULL);
  n_columns = plan->columns ? g_strv_length (plan->columns) : 0;
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (header, plan->columns[i]);
  g_ptr_array_add (header, (gpointer) "reason");
  us_csv_append_record (out, (const char * const *) header->pdata, header->len,
                        plan->delimiter, TRUE);

  for (guint r = 0; r < plan->rejected->len; r++)
    {
      UsRejectedRow *row = g_ptr_array_index (plan->rejected, r);
      g_autoptr(GPtrArray) cells = g_ptr_array_new ();
      guint n = g_strv_length (row->fields);

      /* Short rows are padded so the reason stays in its column. */
      for (guint i = 0; i < MAX (n, n_columns); i++)
        g_ptr_array_add (cells, i < n ? row->fields[i] : (char *) "");
      g_ptr_array_add (cells, row->reason);
      us_csv_append_record (out, (const char * const *) cells->pdata, cells->len,
                            plan->delimiter, TRUE);
    }
  return g_string_free_to_bytes (out);
}
