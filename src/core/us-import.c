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
#include "us-utf8.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

G_DEFINE_QUARK (us-import-error-quark, us_import_error)

/* Memory grows with the rows (a 49 MB CSV of 1,000,000 rows peaks at
 * 250 MB; a 25 MB OSDI file of 100,000 signatures at 410 MB, as
 * json-glib builds a tree), so a size cap is a memory cap.  128 MB of
 * CSV is about 2.5 million rows, and still fits a campaign file's cap
 * once imported; 32 MB of OSDI is the fetcher's cap on a body.
 */
#define MAX_CSV_SIZE  ((gsize) 128 << 20)
#define MAX_OSDI_SIZE ((gsize) 32 << 20)

static void
rejected_row_free (UsRejectedRow *row)
{
  g_free (row->reason);
  g_strfreev (row->fields);
  g_free (row);
}

static UsImportPlan *
plan_new (UsImportKeys          *keys,
          const UsImportOptions *options)
{
  UsImportPlan *plan = g_new0 (UsImportPlan, 1);

  plan->keys = keys ? us_import_keys_ref (keys) : NULL;
  plan->campaign = keys && keys->campaign ? g_object_ref (keys->campaign) : NULL;
  plan->provider_rules = options->provider_rules;
  plan->origin = options->origin;
  plan->chunk = g_string_chunk_new (64 * 1024);
  plan->added = g_array_new (FALSE, FALSE, sizeof (Row));
  plan->merges = g_array_new (FALSE, FALSE, sizeof (Row));
  plan->details = g_array_new (FALSE, FALSE, sizeof (RowDetails));
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

/* Below this, a second thread costs more than it saves. */
gsize _us_import_split_min_size = 1024 * 1024;

UsImportPlan *
_us_import_plan_new_part (UsImportPlan *plan)
{
  UsImportOptions options = { 0 };
  UsImportPlan *part;

  options.provider_rules = plan->provider_rules;
  options.origin = plan->origin;
  part = plan_new (NULL, &options);
  part->format = plan->format;
  part->delimiter = plan->delimiter;
  /* Sized for every record the file can hold: the array must not move
   * while the first reader's thread matches its rows as they come.
   */
  part->max_records = plan->max_records;
  part->pending = g_array_sized_new (FALSE, FALSE, sizeof (Row), plan->max_records);
  part->pending_room = plan->max_records;
  return part;
}

void
_us_import_plan_absorb_part (UsImportPlan *plan,
                             UsImportPlan *part)
{
  /* plan's rows may be matched already (plan->dry.first_read). */
  g_assert (plan->part == NULL && (plan->pending != NULL || plan->first_matched) && part->pending != NULL);

  /* part->pending stays where it is: matching reads it after plan's. */
  plan->n_rows += part->n_rows;
  g_ptr_array_extend_and_steal (plan->rejected, g_steal_pointer (&part->rejected));
  part->rejected = g_ptr_array_new ();
  /* The one note a row makes is about the first day-first date. */
  if (!plan->noted_day_first && part->noted_day_first)
    {
      plan->noted_day_first = TRUE;
      g_ptr_array_extend_and_steal (plan->notes, g_steal_pointer (&part->notes));
      part->notes = g_ptr_array_new ();
    }
  plan->part = part;
}

void
us_import_plan_free (UsImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->part, us_import_plan_free);
  g_clear_pointer (&plan->index_owner, us_import_plan_free);
  g_clear_object (&plan->campaign);
  g_clear_pointer (&plan->keys, us_import_keys_unref);
  g_clear_pointer (&plan->pending, g_array_unref);
  g_string_chunk_free (plan->chunk);
  g_array_unref (plan->added);
  g_clear_pointer (&plan->added_more, g_array_unref);
  g_array_unref (plan->merges);
  g_array_unref (plan->details);
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

void
_us_import_plan_size (UsImportPlan *plan,
                      guint         lf,
                      guint         cr)
{
  plan->expected_rows = lf;
  plan->max_records = (guint) MIN ((guint64) lf + cr, G_MAXUINT / 4) + 1;
  if (plan->keys != NULL)
    _us_import_plan_build_email_index (plan);
  else
    {
      plan->pending = g_array_sized_new (FALSE, FALSE, sizeof (Row), lf);
      plan->pending_room = lf;
    }
  if (plan->dry.counted != NULL)
    plan->dry.counted (plan, lf, plan->dry.data);
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

gboolean
us_import_check_size (const char      *display,
                      guint64          size,
                      UsImportFormat   format,
                      GError         **error)
{
  /* Not yet sniffed: the larger limit, the format's own comes later. */
  guint64 max_size = format == US_IMPORT_FORMAT_OSDI ? MAX_OSDI_SIZE : MAX_CSV_SIZE;

  if (size <= max_size)
    return TRUE;
  g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_TOO_LARGE,
               format == US_IMPORT_FORMAT_OSDI
               ? _("%s: the file is %u MB; Undersigned imports OSDI JSON files up to %u MB. "
                   "Split it into smaller files (or pages) and import them one by one")
               : _("%s: the file is %u MB; Undersigned imports CSV files up to %u MB. "
                   "Split it into smaller files and import them one by one"),
               display, (guint) MIN ((size + (1 << 20) - 1) >> 20, G_MAXUINT),
               (guint) (max_size >> 20));
  return FALSE;
}

/* With keys NULL and not peek, the rows are checked and kept; the caller
 * sets plan->keys and calls _us_import_plan_match_pending().
 */
static UsImportPlan *
plan_run (UsImportKeys          *keys,
          GBytes                *data,
          const char            *filename,
          const UsImportOptions *options,
          gboolean               peek,
          const UsImportDryRun  *dry,
          UsImportProgressFunc   progress,
          gpointer               progress_data,
          GCancellable          *cancellable,
          GError               **error)
{
  static const UsImportOptions defaults = { 0 };
  g_autoptr(UsImportPlan) plan = NULL;
  const char *display = filename ? filename : _("the input");
  UsImportFormat format;
  gboolean ok;

  if (options == NULL)
    options = &defaults;
  format = options->format != US_IMPORT_FORMAT_AUTO ? options->format : sniff_format (data);
  if (!us_import_check_size (display, g_bytes_get_size (data), format, error))
    return NULL;

  plan = plan_new (keys, options);
  if (dry != NULL)
    plan->dry = *dry;
  plan->progress = progress;
  plan->progress_data = progress_data;
  plan->format = format;
  if (plan->origin == US_ORIGIN_TYPED)
    plan->origin = plan->format == US_IMPORT_FORMAT_OSDI ? US_ORIGIN_OSDI : US_ORIGIN_CSV;

  /* A CSV is sized by its lines, counted as its text is checked. */
  if (!peek && plan->format != US_IMPORT_FORMAT_CSV)
    _us_import_plan_size (plan, 0, 0);
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
  g_autoptr(UsImportKeys) keys = NULL;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The keys are copied from the live signatories here: so this runs on
   * the campaign's own thread.  A worker gets the copy made there, with
   * us_import_plan_for_keys().
   */
  keys = us_import_keys_new_for_campaign (campaign);
  return plan_run (keys, data, filename, options, FALSE, NULL, progress, progress_data,
                   cancellable, error);
}

UsImportPlan *
us_import_plan_for_keys (UsImportKeys          *keys,
                         GBytes                *data,
                         const char            *filename,
                         const UsImportOptions *options,
                         UsImportProgressFunc   progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_return_val_if_fail (keys != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return plan_run (keys, data, filename, options, FALSE, NULL, progress, progress_data,
                   cancellable, error);
}

typedef struct
{
  const char     *path;
  UsImportKeys   *keys;
  GBytes         *data;          /* the input: its rows size the index */
  UsImportFormat  format;
  UsImportPlan   *index;         /* built here once the keys are in */
  GError         *error;
  GMutex          lock;
  GCond           cond;
  guint           n_lines;       /* the input's, once counted; else G_MAXUINT */
  gboolean        indexed;
  gboolean        done;
} Scan;

static void
scan_signal (Scan     *scan,
             gboolean *flag)
{
  g_mutex_lock (&scan->lock);
  *flag = TRUE;
  g_cond_signal (&scan->cond);
  g_mutex_unlock (&scan->lock);
}

/* In the scan's thread, once every signatory is in: their e-mail index,
 * sized for them and for the input's rows, while the rest of the file
 * is checked after.
 */
static void
scan_parsed (UsImportKeys *keys,
             gpointer      user_data)
{
  Scan *scan = user_data;
  gsize len;
  const char *text = g_bytes_get_data (scan->data, &len);
  guint n = keys->existing->len;
  guint rows;

  /* A line a row, as the other thread counted them; an OSDI signature
   * takes a few hundred bytes.  An input over the size limit is refused
   * unread, and not read here.
   */
  g_mutex_lock (&scan->lock);
  rows = scan->n_lines;
  g_mutex_unlock (&scan->lock);
  if (scan->format == US_IMPORT_FORMAT_OSDI)
    rows = (guint) MIN (len / 256, G_MAXUINT / 4);
  else if (rows == G_MAXUINT)
    rows = len <= MAX_CSV_SIZE ? us_count_line_ends (text, len, NULL) : 0;

  scan->index->keys = us_import_keys_ref (keys);
  _us_import_plan_index_existing (scan->index, MIN ((guint64) n + rows + 1, G_MAXUINT / 4), n);
  scan_signal (scan, &scan->indexed);
}

static gpointer
scan_thread (gpointer data)
{
  Scan *scan = data;

  _us_import_keys_scan_into (scan->keys, scan->path, scan_parsed, scan, &scan->error);
  scan_signal (scan, &scan->done);
  return NULL;
}

/* Takes the index the scan's thread built. */
static void
adopt_index (UsImportPlan *plan,
             UsImportPlan *index)
{
  KeyIndex empty = plan->by_email;

  g_assert (plan->keys == NULL && plan->index_owner == NULL);
  plan->keys = us_import_keys_ref (index->keys);
  plan->by_email = index->by_email;
  index->by_email = empty;
  plan->targets_without_email = index->targets_without_email;
  plan->n_indexed = index->n_indexed;
  plan->index_started = TRUE;
  plan->index_owner = index;
}

/* Waits for the scan's thread to build the index and takes it, once;
 * FALSE if the scan failed.
 */
static gboolean
take_index (UsImportPlan *plan,
            Scan         *scan)
{
  gboolean indexed;

  if (plan->index_owner != NULL)
    return TRUE;
  g_mutex_lock (&scan->lock);
  while (!scan->indexed && !scan->done)
    g_cond_wait (&scan->cond, &scan->lock);
  indexed = scan->indexed;
  g_mutex_unlock (&scan->lock);
  if (indexed)
    adopt_index (plan, g_steal_pointer (&scan->index));
  return indexed;
}

/* The input's lines, counted as its text was checked: they size the
 * scan's index too.
 */
static void
counted (UsImportPlan *plan,
         guint         lines,
         gpointer      data)
{
  Scan *scan = data;

  g_mutex_lock (&scan->lock);
  scan->n_lines = lines;
  g_mutex_unlock (&scan->lock);
}

/* The first reader is done and the second reads on: its rows come
 * first in the file, so they are matched now.
 */
static void
match_first (UsImportPlan *plan,
             gpointer      data)
{
  if (take_index (plan, data))
    _us_import_plan_match_first (plan);
}

UsImportPlan *
us_import_plan_dry_run_path (const char            *campaign_path,
                             GBytes                *data,
                             const char            *filename,
                             const UsImportOptions *options,
                             GError               **error)
{
  static const UsImportOptions defaults = { 0 };
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GError) plan_error = NULL;
  g_autoptr(UsImportKeys) keys = _us_import_keys_new ();
  g_autoptr(GError) scan_error = NULL;
  Scan scan = { campaign_path, keys, data };
  GThread *thread;
  UsImportDryRun dry = { counted, match_first, &scan };

  g_return_val_if_fail (campaign_path != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  scan.format = options->format != US_IMPORT_FORMAT_AUTO ? options->format : sniff_format (data);
  scan.index = plan_new (NULL, options);
  scan.n_lines = G_MAXUINT;
  g_mutex_init (&scan.lock);
  g_cond_init (&scan.cond);

  /* Two cores' worth: the campaign's keys in one thread, then their
   * index, while the input's rows are checked in this one (a large input
   * in two); then the rows are matched here, the first half's while the
   * second is still read, while that thread checks the rest of the
   * campaign.
   */
  thread = g_thread_new ("us-import-keys", scan_thread, &scan);
  plan = plan_run (NULL, data, filename, options, FALSE, &dry, NULL, NULL, NULL, &plan_error);
  if (plan != NULL && (plan->pending != NULL || plan->first_matched) && take_index (plan, &scan))
    _us_import_plan_match_pending (plan);
  g_thread_join (thread);
  g_clear_pointer (&scan.index, us_import_plan_free);
  g_mutex_clear (&scan.lock);
  g_cond_clear (&scan.cond);
  scan_error = scan.error;

  /* The campaign comes first on the command line, and is read first
   * without --dry-run: its error wins.
   */
  if (scan_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&scan_error));
      return NULL;
    }
  if (plan == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&plan_error));
      return NULL;
    }
  /* With the scan done, every row was matched. */
  g_assert (plan->pending == NULL && (plan->part == NULL || plan->part->pending == NULL));
  return g_steal_pointer (&plan);
}

UsImportPlan *
us_import_peek (GBytes                *data,
                const char            *filename,
                const UsImportOptions *options,
                GError               **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return plan_run (NULL, data, filename, options, TRUE, NULL, NULL, NULL, NULL, error);
}

/* Accessors */

guint
us_import_plan_get_n_added (UsImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->added->len + (plan->added_more != NULL ? plan->n_more : 0);
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
