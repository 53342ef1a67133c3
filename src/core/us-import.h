/* us-import.h: bringing signatures in from CSV and OSDI JSON
 *
 * Importing is two steps.  us_import_plan() reads and checks the input and
 * matches every row against the campaign's signatories; it changes
 * nothing.  To build a plan in a worker thread while the user keeps
 * working, copy the signatories' keys on the main thread
 * (us_import_keys_new_for_campaign()) and hand them to
 * us_import_plan_for_keys() in the worker.  us_import_apply() then merges
 * the plan into the campaign in one step on the main thread, as one undo
 * entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_IMPORT_ERROR (us_import_error_quark ())
GQuark us_import_error_quark (void);

typedef enum
{
  US_IMPORT_ERROR_FORMAT,     /* not CSV / not OSDI JSON / unknown encoding */
  US_IMPORT_ERROR_MAPPING,    /* no name column, unknown --map field */
  US_IMPORT_ERROR_TOO_LARGE,
} UsImportError;

typedef enum
{
  US_IMPORT_FORMAT_AUTO,
  US_IMPORT_FORMAT_CSV,
  US_IMPORT_FORMAT_OSDI,
} UsImportFormat;

typedef struct
{
  UsImportFormat  format;
  /* "column=field" overrides, NULL-terminated, or NULL.  Fields: name,
   * first_name, last_name, title, organisation, country, email,
   * signed_at, public (consent), status, note, ignore.
   */
  const char    **mapping;
  /* Where the rows came from: csv, osdi or fetched. */
  UsOrigin        origin;
  /* Gmail-style provider rules for duplicate e-mails: dots and +tags in
   * the local part do not matter.
   */
  gboolean        provider_rules;
  /* 0 to sniff */
  char            delimiter;
  /* NULL: UTF-8 / UTF-16 by BOM; else an iconv name such as
   * WINDOWS-1252 for files that are neither.
   */
  const char     *encoding;
} UsImportOptions;

typedef struct
{
  guint   line;     /* 1-based line in the input (CSV), or item index (OSDI) */
  char   *reason;   /* what is wrong and how to fix it */
  char  **fields;   /* the row as read, for saving the rejects as CSV */
} UsRejectedRow;

typedef struct _UsImportPlan UsImportPlan;

UsImportPlan *us_import_plan          (UsCampaign            *campaign,
                                       GBytes                *data,
                                       const char            *filename,
                                       const UsImportOptions *options,
                                       GCancellable          *cancellable,
                                       GError               **error);
/* Rows that become new signatories. */
guint         us_import_plan_get_n_added      (UsImportPlan *plan);
/* Rows that matched an existing signatory (or an earlier row). */
guint         us_import_plan_get_n_duplicates (UsImportPlan *plan);
guint         us_import_plan_get_n_rejected   (UsImportPlan *plan);
/* UsRejectedRow*, in input order. */
GPtrArray    *us_import_plan_get_rejected     (UsImportPlan *plan);
/* The header row as read and the field each column maps to, for a
 * mapping preview.  Both NULL-terminated, same length.
 */
const char * const *us_import_plan_get_columns (UsImportPlan *plan);
const char * const *us_import_plan_get_fields  (UsImportPlan *plan);
/* The rejected rows as CSV (header + rows + a reason column). */
GBytes       *us_import_plan_rejected_to_csv  (UsImportPlan *plan);
/* Merges the plan into the campaign in one step; undo may be NULL. */
void          us_import_apply         (UsCampaign   *campaign,
                                       UsImportPlan *plan,
                                       UsUndoStack  *undo);
void          us_import_plan_free     (UsImportPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsImportPlan, us_import_plan_free)

/* Additions for the app and the fetcher. */

/* Called from the thread running the plan, every few thousand rows, with
 * the share of the input read so far (0 to 1).
 */
typedef void (*UsImportProgressFunc) (double   fraction,
                                      gpointer user_data);

/* Whether an input of SIZE bytes may be imported; the error names
 * DISPLAY, the size, the limit and what to do.  Check before reading a
 * file: a larger one is refused by every plan anyway.
 */
gboolean      us_import_check_size         (const char      *display,
                                            guint64          size,
                                            UsImportFormat   format,
                                            GError         **error);
UsImportPlan *us_import_plan_with_progress (UsCampaign            *campaign,
                                            GBytes                *data,
                                            const char            *filename,
                                            const UsImportOptions *options,
                                            UsImportProgressFunc   progress,
                                            gpointer               progress_data,
                                            GCancellable          *cancellable,
                                            GError               **error);
/* Reads only the header and the first rows: the columns, the field each
 * maps to (with options->mapping applied) and samples, for a mapping step.
 * Unlike us_import_plan(), a mapping without a name column is no error
 * here.  The counts of the result are 0 and it cannot be applied.
 */
UsImportPlan *us_import_peek          (GBytes                *data,
                                       const char            *filename,
                                       const UsImportOptions *options,
                                       GError               **error);
/* Rows read, blank ones not counted: added + duplicates + rejected. */
guint         us_import_plan_get_n_rows       (UsImportPlan *plan);
/* The first (up to 3) data rows as read. */
guint         us_import_plan_get_n_samples    (UsImportPlan *plan);
const char * const *us_import_plan_get_sample (UsImportPlan *plan,
                                               guint         index);
/* Warnings that reject nothing but that the user should read (dates read
 * day first), NULL-terminated.
 */
const char * const *us_import_plan_get_notes  (UsImportPlan *plan);
/* CSV or OSDI: what AUTO detected. */
UsImportFormat us_import_plan_get_format      (UsImportPlan *plan);

/* The next page of a paginated OSDI collection (_links.next.href), or
 * NULL on the last page or when data is not an OSDI page.  For an array
 * of pages, the last page's link.  Free with g_free().
 */
char         *us_import_osdi_next_page (GBytes *data);

/* The signatories an import is matched against, without the objects:
 * their e-mails, names, countries and whether they withdrew.
 */
typedef struct _UsImportKeys UsImportKeys;

/* A copy of what matching needs of the campaign's signatories, made on
 * the thread that owns the campaign (the main thread in the app), so a
 * plan can then be built in a worker while the campaign stays editable.
 */
UsImportKeys *us_import_keys_new_for_campaign (UsCampaign   *campaign);
/* Reads only the signatories' keys from a campaign file, with the same
 * safety rules as us_campaign_load_path() (no DTD, no entities, no
 * network, UTF-8 only) and its errors for a malformed file or a broken
 * signatory.  Nothing is built but the keys: for --dry-run.
 */
UsImportKeys *us_import_keys_scan_path        (const char   *path,
                                               GError      **error);
guint         us_import_keys_get_n_signatories (UsImportKeys *keys);
UsImportKeys *us_import_keys_ref              (UsImportKeys *keys);
void          us_import_keys_unref            (UsImportKeys *keys);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsImportKeys, us_import_keys_unref)

/* us_import_plan_with_progress() against a key set.  When the keys come
 * from us_import_keys_new_for_campaign(), the plan can be applied to that
 * campaign; from a scan, it only counts.  Thread-safe: reads nothing but
 * its arguments.
 */
UsImportPlan *us_import_plan_for_keys         (UsImportKeys          *keys,
                                               GBytes                *data,
                                               const char            *filename,
                                               const UsImportOptions *options,
                                               UsImportProgressFunc   progress,
                                               gpointer               progress_data,
                                               GCancellable          *cancellable,
                                               GError               **error);
/* A dry run straight from the campaign file: its keys are scanned in a
 * second thread while this one reads and checks the input, then the rows
 * are matched.  The counts are those us_import_plan() gives on the loaded
 * campaign; the plan cannot be applied.
 */
UsImportPlan *us_import_plan_dry_run_path     (const char            *campaign_path,
                                               GBytes                *data,
                                               const char            *filename,
                                               const UsImportOptions *options,
                                               GError               **error);

/* The normalised e-mail used for matching: trimmed, lower-cased, and with
 * provider_rules, dots and +tags removed for gmail.com/googlemail.com.
 */
char         *us_import_email_key     (const char *email,
                                       gboolean    provider_rules);

G_END_DECLS
