/* us-import-private.h: shared by us-import.c, us-import-match.c,
 * us-import-index.c, us-import-csv.c, us-import-apply.c, us-import-map.c
 * and us-import-osdi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-import.h"
#include "us-signatory-private.h"

G_BEGIN_DECLS

typedef enum
{
  US_FIELD_IGNORE,
  US_FIELD_NAME,
  US_FIELD_FIRST_NAME,
  US_FIELD_LAST_NAME,
  US_FIELD_TITLE,
  US_FIELD_ORGANISATION,
  US_FIELD_COUNTRY,
  US_FIELD_EMAIL,
  US_FIELD_SIGNED_AT,
  US_FIELD_PUBLIC,
  US_FIELD_STATUS,
  US_FIELD_NOTE,
  US_N_FIELDS
} UsImportField;

/* The stable names used by --map, the app's mapping step and
 * us_import_plan_get_fields().
 */
const char   *_us_import_field_to_string   (UsImportField  field);
gboolean      _us_import_field_from_string (const char    *name,
                                            UsImportField *out);
/* The field a header names (in English, French, German or Spanish), or
 * US_FIELD_IGNORE.
 */
UsImportField _us_import_field_for_header  (const char    *header);
/* Lower case, no accents, punctuation as single spaces: what header names
 * and spoken values (oui, sí, Österreich) are compared by.
 */
char         *_us_import_fold              (const char    *text);

/* An upper-case ISO 3166-1 alpha-2 code (static) for a code in any case
 * or a common country name, or NULL.
 */
const char   *_us_import_country_code      (const char    *text);
/* ISO 8601 as us_parse_timestamp() reads it, plus 26/05/2020 and
 * 26.05.2020 with an optional time.  *ambiguous is set when a slashed
 * date could have been read either way and was read day first.
 */
gboolean      _us_import_parse_date        (const char    *text,
                                            gint64        *out,
                                            gboolean      *ambiguous);
gboolean      _us_import_parse_consent     (const char    *text,
                                            UsConsent     *out);
gboolean      _us_import_parse_status      (const char    *text,
                                            UsStatus      *out);

/* One row as the importer sees it, whatever its format: borrowed values
 * indexed by UsImportField (NULL when absent) and the raw fields, kept for
 * the rejects file.
 */
typedef struct
{
  const char         *values[US_N_FIELDS];
  guint               line;
  const char * const *raw;
  guint               n_raw;
} UsImportRow;

/* The plan itself, shared by us-import.c, us-import-match.c,
 * us-import-csv.c and us-import-apply.c.
 */
/* What a row brings besides what matching reads: kept apart, so that a
 * dry run's rows, which only count and keep none of it, are half the
 * size (5 MB fewer fresh pages for 100,000 rows).
 */
typedef struct
{
  const char  *title;
  const char  *organisation;
  const char  *note;
  gint64       signed_at;
  UsStatus     status;
  UsConsent    consent;
} RowDetails;

typedef struct
{
  const char  *name;
  const char  *country;
  const char  *email;        /* a dry run's rows: the e-mail key itself */
  gpointer     target;       /* merges: the UsImportExisting the rows merge into */
  guint        line;
  guint32      details;      /* plan->details index + 1; 0: none (a dry run's rows) */
  /* A dry run's rows: email is the e-mail key, computed when the row was
   * checked, of this length (0: none) and hash.
   */
  guint32      email_key_len;
  guint32      email_key_hash;
} Row;

/* What matching needs of one signatory already in the campaign: copies,
 * so a plan built in a worker thread never reads a live signatory.
 */
typedef struct
{
  /* The e-mail key without provider rules (trimmed, lower case) and its
   * hash, or NULL: computed where the keys are read, so a plan without
   * provider rules indexes them as they are.
   */
  const char  *email;
  guint32      email_len;
  guint32      email_hash;
  const char  *name;         /* as stored, "" when none */
  const char  *country;      /* or NULL */
  UsSignatory *signatory;    /* campaign snapshots only; only apply reads it */
  gboolean     withdrawn;
} UsImportExisting;

struct _UsImportKeys
{
  UsCampaign   *campaign;    /* campaign snapshots only */
  GStringChunk *chunk;
  GArray       *existing;    /* UsImportExisting, in list order */
  char          countries[26 * 26][3];
};

/* The e-mail key (see us_import_email_key()) into out; FALSE when empty. */
gboolean      _us_import_email_key_into    (GString      *out,
                                            const char   *email,
                                            gboolean      provider_rules);
guint32       _us_import_key_hash          (const char   *key,
                                            gsize         len);
/* Sets existing's e-mail key from email; scratch is any GString. */
void          _us_import_keys_set_email    (UsImportKeys     *keys,
                                            UsImportExisting *existing,
                                            const char       *email,
                                            GString          *scratch);
/* The same for an address of len bytes that is plain ASCII without
 * surrounding spaces and without a '&' (nearly every one), with fewer
 * passes over it; FALSE, and nothing set, for any other.
 */
gboolean      _us_import_keys_set_plain_email (UsImportKeys     *keys,
                                               UsImportExisting *existing,
                                               const char       *email,
                                               gsize             len,
                                               GString          *scratch);
/* An empty key set for us-reader-keys.c to fill. */
UsImportKeys *_us_import_keys_new          (void);
/* us_import_keys_scan_path() into keys; parsed, when not NULL, is
 * called once every signatory is in keys, before the rest of the file
 * is checked (which may still fail the scan).
 */
typedef void (*UsImportKeysParsed) (UsImportKeys *keys,
                                    gpointer      user_data);
gboolean      _us_import_keys_scan_into    (UsImportKeys       *keys,
                                            const char         *path,
                                            UsImportKeysParsed  parsed,
                                            gpointer            user_data,
                                            GError            **error);
/* Two upper-case letters, copied once per key set: an A-Z pair is
 * stored once, anything else in the chunk.
 */
const char   *_us_import_keys_country      (UsImportKeys *keys,
                                            const char   *code);

/* The e-mail index: every row and every signatory goes through it, so it
 * is an open-addressing table of 8-byte slots (hash, reference): a probe
 * touches one small slot, and a key is read only when the hashes agree.
 * A reference names a signatory of the key set or a row added, whose
 * keys they hold themselves, or else an entry (see us-import-index.c).
 * Load factor at most one half.
 */
typedef struct
{
  guint32 hash;
  guint32 ref;          /* 0: empty */
} Slot;

typedef struct
{
  const char *key;
  gsize       len;
  gpointer    target;
} Entry;

typedef struct
{
  Slot   *slots;
  gsize   size;         /* a power of two */
  gsize   n_keys;
  GArray *entries;      /* Entry: keys held nowhere else */
} KeyIndex;

/* What a dry run adds to reading a plan's rows: called once the input's
 * lines are counted (before any row is read), and once the first reader
 * is done, while the second reads on, to match the first reader's rows
 * in the meantime.
 */
typedef struct
{
  void       (*counted)    (UsImportPlan *plan,
                            guint         lines,
                            gpointer      data);
  void       (*first_read) (UsImportPlan *plan,
                            gpointer      data);
  gpointer     data;
} UsImportDryRun;

struct _UsImportPlan
{
  UsCampaign    *campaign;         /* NULL for plans from a key scan */
  UsImportKeys  *keys;             /* the signatories matched against */
  GArray        *pending;          /* Row: checked, matched once keys are in */
  guint          pending_room;     /* pending holds this many without growing */
  gboolean       provider_rules;
  UsOrigin       origin;
  GStringChunk  *chunk;
  GArray        *added;            /* Row */
  guint          added_room;       /* added holds this many without growing */
  /* A dry run's rows added from the second half of a CSV, compacted in
   * that half's own array, which the second reader may still be filling
   * (so its length is not touched): row number added_split + i is its
   * row i, for i below n_more.
   */
  GArray        *added_more;       /* or NULL */
  guint          n_more;
  guint          added_split;
  guint          part_matched;     /* rows of part->pending matched */
  GArray        *merges;           /* Row, target set */
  GArray        *details;          /* RowDetails of added and merges rows */
  GHashTable    *merge_of;         /* UsSignatory* -> merges index + 1 */
  KeyIndex       by_email;         /* email key -> target */
  GHashTable    *by_name;          /* name key \x1f country -> target */
  GHashTable    *by_name_no_email; /* the same, for targets without e-mail */
  guint          targets_without_email;
  gboolean       index_started;    /* by_email presized */
  guint          n_indexed;        /* keys->existing indexed so far */
  gboolean       name_index_built;
  guint          n_duplicates;
  guint          n_rows;
  GPtrArray     *rejected;         /* UsRejectedRow* */
  GStrv          columns;
  GStrv          fields;
  GPtrArray     *samples;          /* GStrv */
  GPtrArray     *notes;            /* char* */
  gboolean       noted_day_first;
  char           delimiter;
  UsImportFormat format;
  gboolean       applied;
  GString       *key;              /* scratch for name keys */
  GString       *email_key;        /* scratch for the current e-mail key */
  const char    *cur_key;          /* the current e-mail key: email_key's or stored */
  gsize          cur_len;
  gboolean       cur_stored;       /* cur_key outlives the row: no copy needed */
  guint32        email_hash;
  UsImportDryRun dry;             /* all NULL but in a dry run */
  gboolean       first_matched;    /* pending's rows are matched */
  /* progress */
  UsImportProgressFunc progress;
  gpointer       progress_data;
  guint          expected_rows;
  guint          max_records;      /* a bound: LF and CR bytes + 1 */
  /* The second half of a CSV read in another thread, absorbed: its
   * rows' texts live in its chunk.
   */
  UsImportPlan  *part;
  /* A dry run's e-mail index of the campaign, built in the scan's
   * thread by a plan of its own, whose chunk holds keys computed there.
   */
  UsImportPlan  *index_owner;
};

/* What a key leads to: an existing signatory (a pointer, so even) or a
 * row of this input (its index, tagged odd).
 */
#define TARGET_FOR_ROW(i) GSIZE_TO_POINTER (((gsize) (i) << 1) | 1)
#define TARGET_IS_ROW(t)  ((GPOINTER_TO_SIZE (t) & 1) != 0)
#define TARGET_ROW(t)     ((guint) (GPOINTER_TO_SIZE (t) >> 1))

/* The second half's rows, read or added (see added_more). */
static inline Row *
_us_import_more_rows (UsImportPlan *plan)
{
  return (Row *) plan->added_more->data;
}

/* Row number i of those added so far. */
static inline Row *
_us_import_added_row (UsImportPlan *plan,
                      guint         i)
{
  if (plan->added_more != NULL && i >= plan->added_split)
    return &_us_import_more_rows (plan)[i - plan->added_split];
  return &g_array_index (plan->added, Row, i);
}

static inline guint
_us_import_n_added (UsImportPlan *plan)
{
  return plan->added_more != NULL ? plan->added_split + plan->n_more : plan->added->len;
}

/* Appends the element at item (of size bytes) to array, which the
 * caller made with room for room of them: written in place while there
 * is room.  g_array_append_vals() divides to check for overflow on
 * every call, a few percent of a dry run, which appends every row and
 * every signatory.
 */
static inline void
us_array_append_in_room (GArray        *array,
                         guint          room,
                         gconstpointer  item,
                         gsize          size)
{
  if (array->len < room)
    memcpy (array->data + (gsize) array->len++ * size, item, size);
  else
    g_array_append_vals (array, item, 1);
}

/* The e-mail index (us-import-index.c).  The current key: computed from
 * an address into plan->email_key (FALSE when there is none), or one
 * computed earlier and stored.
 */
gboolean      _us_import_email_key_compute  (UsImportPlan *plan,
                                             const char   *email);

static inline void
_us_import_email_key_use (UsImportPlan *plan,
                          const char   *key,
                          gsize         len,
                          guint32       hash)
{
  plan->cur_key = key;
  plan->cur_len = len;
  plan->cur_stored = TRUE;
  plan->email_hash = hash;
}

/* The slot of the current key: found, or empty and ready for it. */
Slot         *_us_import_email_slot         (UsImportPlan *plan);
/* Fills an empty slot with the current key, for target. */
void          _us_import_email_slot_fill    (UsImportPlan *plan,
                                             Slot         *slot,
                                             gpointer      target);
/* A filled slot's target, or NULL for an empty one. */
gpointer      _us_import_email_slot_target  (UsImportPlan *plan,
                                             Slot         *slot);

/* The table is larger than the caches: ask for a slot early. */
#define US_IMPORT_PREFETCH_AHEAD 8

static inline void
_us_import_prefetch_slot (UsImportPlan *plan,
                          guint32       hash)
{
  __builtin_prefetch (&plan->by_email.slots[hash & (plan->by_email.size - 1)]);
}

/* A row's details, or defaults where it keeps none. */
static inline const RowDetails *
_us_import_row_details (UsImportPlan *plan,
                        const Row    *row)
{
  static const RowDetails none = { NULL, NULL, NULL, 0, US_STATUS_PENDING, US_CONSENT_NAMED };

  return row->details != 0 ? &g_array_index (plan->details, RowDetails, row->details - 1) : &none;
}

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Adds the key set's signatories up to upto to the e-mail index, sized
 * at first for n_expected keys.
 */
void          _us_import_plan_index_existing (UsImportPlan        *plan,
                                              guint                n_expected,
                                              guint                upto);
/* Fills the plan's e-mail index from its key set. */
void          _us_import_plan_build_email_index (UsImportPlan          *plan);
/* Sizes what the plan's rows go into for an input of lf lines, with cr
 * CR bytes besides (every LF and every CR may end a record), before any
 * is read: the e-mail index for a plan with keys, else the array of rows
 * to match later.
 */
void          _us_import_plan_size         (UsImportPlan          *plan,
                                            guint                  lf,
                                            guint                  cr);
/* Reads CSV and feeds its rows to the plan. */
gboolean      _us_import_csv_read          (UsImportPlan          *plan,
                                            GBytes                *data,
                                            const char            *filename,
                                            const UsImportOptions *options,
                                            gboolean               peek,
                                            GCancellable          *cancellable,
                                            GError               **error);
/* A plan for the rows of a second thread, with plan's settings. */
UsImportPlan *_us_import_plan_new_part     (UsImportPlan          *plan);
/* Adds part's rejected rows and notes to plan's, and its checked rows
 * to those matched after plan's own, as if plan had read them itself
 * after its own; takes part.
 */
void          _us_import_plan_absorb_part  (UsImportPlan          *plan,
                                            UsImportPlan          *part);
/* Inputs at least this long are read in two threads by a dry run (a
 * test sets it lower to exercise the split on small files).
 */
extern gsize  _us_import_split_min_size;

/* Matches the rows checked while the key set was not there yet. */
void          _us_import_plan_match_pending (UsImportPlan      *plan);
/* A dry run's first reader's rows only, while a second reads on; then
 * _us_import_plan_match_pending() matches the second's.
 */
void          _us_import_plan_match_first  (UsImportPlan      *plan);
/* After _us_import_plan_match_first(): matches the rows of part (whose
 * pending array never moves) as another thread appends them, up to the
 * count in *n_ready, until *finished is set and all are matched.
 */
void          _us_import_plan_match_stream (UsImportPlan      *plan,
                                            UsImportPlan      *part,
                                            gint              *n_ready,
                                            gint              *finished);
/* Checks one row and matches it (or, with plan->pending, keeps it for
 * matching later); called by the CSV and OSDI readers.
 */
void          _us_import_plan_add_row      (UsImportPlan       *plan,
                                            const UsImportRow  *row);
void          _us_import_plan_set_columns  (UsImportPlan       *plan,
                                            GStrv               columns,
                                            const UsImportField *fields);
/* Reads an OSDI signature collection (a page or an array of pages) and
 * feeds its rows to the plan.
 */
gboolean      _us_import_osdi_read         (UsImportPlan       *plan,
                                            GBytes             *data,
                                            const char         *filename,
                                            gboolean            peek,
                                            GCancellable       *cancellable,
                                            GError            **error);
/* Every 4096 rows: FALSE (with error set) once cancelled. */
gboolean      _us_import_plan_check_cancel (UsImportPlan       *plan,
                                            GCancellable       *cancellable,
                                            GError            **error);

/* The merge rule, shared with us-duplicates.c: fill what into lacks (title,
 * organisation, country, e-mail, note) and keep the earliest signing
 * time; status and consent stay into's.
 */
void          _us_signatory_merge_fields   (UsSignatory             *into,
                                            const UsSignatoryFields *from);
G_END_DECLS
