/* us-import-match.c: the keys a row is matched by, and the checks it
 * passes on the way in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-array-store.h"
#include "us-record-private.h"
#include "us-signatory-private.h"
#include "us-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Keys */

gboolean
_us_import_email_key_into (GString    *out,
                           const char *email,
                           gboolean    provider_rules)
{
  const char *end;
  gboolean ascii = TRUE;
  gsize at = 0;
  gboolean has_at = FALSE;

  g_string_truncate (out, 0);
  if (email == NULL)
    return FALSE;
  while (is_space (*email))
    email++;
  end = email + strlen (email);
  while (end > email && is_space (end[-1]))
    end--;

  /* Lower-cased as ASCII, in one pass, until a byte says otherwise. */
  g_string_set_size (out, end - email);
  for (gsize i = 0; i < out->len; i++)
    {
      char c = email[i];

      if ((guchar) c >= 0x80)
        {
          ascii = FALSE;
          break;
        }
      out->str[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
  if (!ascii)
    {
      g_autofree char *lower = g_utf8_strdown (email, end - email);

      g_string_assign (out, lower);
    }

  if (!provider_rules)
    return out->len > 0;

  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '@')
      at = i, has_at = TRUE;
  if (has_at && (strcmp (out->str + at, "@gmail.com") == 0 ||
                 strcmp (out->str + at, "@googlemail.com") == 0))
    {
      /* Gmail ignores dots in the local part and everything from a +. */
      gsize o = 0;

      for (gsize i = 0; i < at && out->str[i] != '+'; i++)
        if (out->str[i] != '.')
          out->str[o++] = out->str[i];
      g_string_truncate (out, o);
      g_string_append (out, "@gmail.com");
    }
  return out->len > 0;
}

char *
us_import_email_key (const char *email,
                     gboolean    provider_rules)
{
  GString *out = g_string_new (NULL);

  _us_import_email_key_into (out, email, provider_rules);
  return g_string_free (out, FALSE);
}

/* The same key as us_signatory_get_key(), with the country after it;
 * plain ASCII names, most of a real list, skip the Unicode tables.
 */
static void
name_key_into (GString    *out,
               const char *name,
               const char *country)
{
  gboolean ascii = TRUE;

  g_string_truncate (out, 0);
  for (const char *p = name; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  if (ascii)
    {
      gboolean pending_space = FALSE;

      for (const char *p = name; *p; p++)
        {
          /* g_unichar_isspace(): a vertical tab is not a space there. */
          if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
            {
              pending_space = out->len > 0;
              continue;
            }
          if (pending_space)
            g_string_append_c (out, ' ');
          pending_space = FALSE;
          g_string_append_c (out, g_ascii_tolower (*p));
        }
    }
  else
    {
      g_autofree char *key = us_normalize_key (name);

      g_string_assign (out, key ? key : "");
    }
  g_string_append_c (out, '\x1f');
  if (country)
    g_string_append (out, country);
}

static const char *
stored_key (UsImportPlan *plan)
{
  return g_string_chunk_insert_len (plan->chunk, plan->key->str, plan->key->len);
}

/* A word at a time: e-mail keys are 20 to 40 bytes. */
guint32
_us_import_key_hash (const char *key,
                     gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ len;

  for (; len >= 8; key += 8, len -= 8)
    {
      guint64 w;

      memcpy (&w, key, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  if (len > 0)
    {
      guint64 w = 0;

      memcpy (&w, key, len);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
      h ^= h >> 29;
    }
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  return (guint32) (h ^ (h >> 32));
}

static void
index_insert_first (GHashTable *table,
                    const char *key,
                    gpointer    target)
{
  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, (gpointer) key, target);
}

static const char *
target_email (UsImportPlan *plan,
              gpointer      target)
{
  if (TARGET_IS_ROW (target))
    return _us_import_added_row (plan, TARGET_ROW (target))->email;
  else
    {
      guint merge = GPOINTER_TO_UINT (g_hash_table_lookup (plan->merge_of, target));
      const char *email = ((UsImportExisting *) target)->email;

      if ((email == NULL || *email == '\0') && merge > 0)
        email = g_array_index (plan->merges, Row, merge - 1).email;
      return email;
    }
}

static void
index_by_name (UsImportPlan *plan,
               gpointer      target)
{
  const char *key;

  if (TARGET_IS_ROW (target))
    {
      Row *row = _us_import_added_row (plan, TARGET_ROW (target));

      name_key_into (plan->key, row->name, row->country);
    }
  else
    {
      UsImportExisting *existing = target;

      name_key_into (plan->key, existing->name, existing->country);
    }

  key = stored_key (plan);
  index_insert_first (plan->by_name, key, target);
  if (target_email (plan, target) == NULL || *target_email (plan, target) == '\0')
    index_insert_first (plan->by_name_no_email, key, target);
}

/* Names are only compared when some row or some signatory has no e-mail,
 * and computing their keys is the expensive part (Unicode
 * normalisation), so the name tables are built on first need.
 */
static void
ensure_name_index (UsImportPlan *plan)
{
  if (plan->name_index_built)
    return;
  plan->name_index_built = TRUE;
  plan->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  plan->by_name_no_email = g_hash_table_new (g_str_hash, g_str_equal);

  if (plan->keys != NULL)
    for (guint i = 0; i < plan->keys->existing->len; i++)
      index_by_name (plan, &g_array_index (plan->keys->existing, UsImportExisting, i));
  for (guint i = 0; i < _us_import_n_added (plan); i++)
    index_by_name (plan, TARGET_FOR_ROW (i));
}

/* Rows */

static const char *
store (UsImportPlan *plan,
       const char   *text)
{
  return text && *text ? g_string_chunk_insert (plan->chunk, text) : NULL;
}

/* Titles and organisations repeat: one copy each. */
static const char *
store_repeated (UsImportPlan *plan,
                const char   *text)
{
  return text && *text ? g_string_chunk_insert_const (plan->chunk, text) : NULL;
}

/* Fills what into lacks from from and keeps the earliest signing time:
 * the merge rule, shared with us-duplicates.c through the fields.
 */
static gboolean
merge_row_into (UsImportPlan     *plan,
                Row              *into,
                const Row        *from,
                const RowDetails *from_details)
{
  gboolean email_added = FALSE;

  /* A dry run keeps no details: they change no count. */
  if (from_details != NULL && into->details != 0)
    {
      RowDetails *to = &g_array_index (plan->details, RowDetails, into->details - 1);

      if (from_details->signed_at != 0 && (to->signed_at == 0 || from_details->signed_at < to->signed_at))
        to->signed_at = from_details->signed_at;
      if (is_empty (to->title) && !is_empty (from_details->title))
        to->title = store_repeated (plan, from_details->title);
      if (is_empty (to->organisation) && !is_empty (from_details->organisation))
        to->organisation = store_repeated (plan, from_details->organisation);
      if (is_empty (to->note) && !is_empty (from_details->note))
        to->note = store (plan, from_details->note);
    }
  if (is_empty (into->country) && !is_empty (from->country))
    into->country = from->country;
  if (is_empty (into->email) && !is_empty (from->email))
    {
      into->email = store (plan, from->email);
      email_added = TRUE;
    }
  return email_added;
}

static void
reject (UsImportPlan      *plan,
        const UsImportRow *row,
        GString           *reasons)
{
  UsRejectedRow *rejected = g_new0 (UsRejectedRow, 1);

  rejected->line = row->line;
  rejected->reason = g_strdup (reasons->str);
  rejected->fields = g_new (char *, row->n_raw + 1);
  for (guint i = 0; i < row->n_raw; i++)
    rejected->fields[i] = g_strdup (row->raw[i] ? row->raw[i] : "");
  rejected->fields[row->n_raw] = NULL;
  g_ptr_array_add (plan->rejected, rejected);
}

static void
add_reason (GString    *reasons,
            const char *reason)
{
  if (reasons->len > 0)
    g_string_append (reasons, "; ");
  g_string_append (reasons, reason);
}

/* A value without surrounding white space: the value itself in the
 * common case, else a copy added to tmp.
 */
static const char *
trimmed (const char *value,
         GPtrArray **tmp)
{
  gsize len;
  gsize end;

  if (value == NULL)
    return "";
  while (is_space (*value))
    value++;
  len = strlen (value);
  end = len;
  while (end > 0 && is_space (value[end - 1]))
    end--;
  if (end == len)
    return value;
  if (*tmp == NULL)
    *tmp = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (*tmp, g_strndup (value, end));
  return g_ptr_array_index (*tmp, (*tmp)->len - 1);
}

static gboolean
row_is_blank (const UsImportRow *row)
{
  for (guint i = 0; i < row->n_raw; i++)
    if (row->raw[i] != NULL)
      for (const char *p = row->raw[i]; *p; p++)
        if (!is_space (*p))
          return FALSE;
  return TRUE;
}

/* Checks every value; fills out and returns TRUE, or rejects the row. */
static gboolean
check_row (UsImportPlan      *plan,
           const UsImportRow *row,
           Row               *out,
           RowDetails        *details,
           GPtrArray        **tmp)
{
  const char * const *v = row->values;
  g_autoptr(GString) reasons = NULL;
  const char *text;
  const char *name = trimmed (v[US_FIELD_NAME], tmp);
  gboolean ambiguous = FALSE;

#define REJECT(...) G_STMT_START {                                  \
    g_autofree char *reason_ = g_strdup_printf (__VA_ARGS__);       \
    if (reasons == NULL)                                            \
      reasons = g_string_new (NULL);                                \
    add_reason (reasons, reason_);                                  \
  } G_STMT_END

  memset (out, 0, sizeof *out);
  memset (details, 0, sizeof *details);
  out->line = row->line;
  details->status = US_STATUS_PENDING;
  details->consent = US_CONSENT_NAMED;

  if (*name == '\0')
    {
      const char *first = trimmed (v[US_FIELD_FIRST_NAME], tmp);
      const char *last = trimmed (v[US_FIELD_LAST_NAME], tmp);

      if (*first != '\0' || *last != '\0')
        {
          if (*tmp == NULL)
            *tmp = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (*tmp, g_strjoin (*first && *last ? " " : "", first, last, NULL));
          name = g_ptr_array_index (*tmp, (*tmp)->len - 1);
        }
    }
  if (*name == '\0')
    REJECT ("%s", _("no name: every signatory needs one; fill in the name"));
  out->name = name;

  text = trimmed (v[US_FIELD_EMAIL], tmp);
  if (*text != '\0' && !us_email_is_valid (text))
    REJECT (_("“%s” is not an e-mail address: correct it or leave it empty"), text);
  out->email = *text ? text : NULL;

  text = trimmed (v[US_FIELD_COUNTRY], tmp);
  if (*text != '\0' && (out->country = _us_import_country_code (text)) == NULL)
    REJECT (_("unknown country “%s”: use a two-letter ISO 3166 code such as FR, DE or GB"), text);

  text = trimmed (v[US_FIELD_SIGNED_AT], tmp);
  if (*text != '\0' && !_us_import_parse_date (text, &details->signed_at, &ambiguous))
    REJECT (_("unreadable date “%s”: write it as 2020-05-26 or 2020-05-26T12:00:15Z"), text);

  text = trimmed (v[US_FIELD_PUBLIC], tmp);
  if (*text != '\0' && !_us_import_parse_consent (text, &details->consent))
    REJECT (_("unknown consent “%s”: use yes, no or anonymous"), text);

  text = trimmed (v[US_FIELD_STATUS], tmp);
  if (*text != '\0' && !_us_import_parse_status (text, &details->status))
    REJECT (_("unknown status “%s”: use pending, verified, rejected or withdrawn"), text);

  text = trimmed (v[US_FIELD_TITLE], tmp);
  details->title = *text ? text : NULL;
  text = trimmed (v[US_FIELD_ORGANISATION], tmp);
  details->organisation = *text ? text : NULL;
  text = trimmed (v[US_FIELD_NOTE], tmp);
  details->note = *text ? text : NULL;

#undef REJECT

  if (reasons != NULL)
    {
      reject (plan, row, reasons);
      return FALSE;
    }
  if (ambiguous && !plan->noted_day_first)
    {
      plan->noted_day_first = TRUE;
      g_ptr_array_add (plan->notes,
                       g_strdup_printf (_("line %u: dates such as “%s” were read day first "
                                          "(day/month/year); if the file writes the month "
                                          "first, fix them to 2020-05-26 style before importing"),
                                        row->line, trimmed (v[US_FIELD_SIGNED_AT], tmp)));
    }
  return TRUE;
}

/* With an e-mail, *email_slot_out is its slot: the target's, or the empty
 * one where add_new() puts the row.
 */
static gpointer
find_target (UsImportPlan *plan,
             const Row    *row,
             Slot        **email_slot_out)
{
  gboolean has_email;

  if (row->email_key_len > 0)
    {
      _us_import_email_key_use (plan, row->email, row->email_key_len, row->email_key_hash);
      has_email = TRUE;
    }
  else
    has_email = row->email != NULL && _us_import_email_key_compute (plan, row->email);

  *email_slot_out = NULL;
  if (has_email)
    {
      Slot *slot = _us_import_email_slot (plan);

      if (slot->ref != 0)
        return _us_import_email_slot_target (plan, slot);
      *email_slot_out = slot;
    }

  /* Else the name and country; a row with an e-mail only matches someone
   * who has none, since two different e-mails mean two people until a
   * person decides otherwise (the Find duplicates view).
   */
  if (has_email && plan->targets_without_email == 0)
    return NULL;
  ensure_name_index (plan);
  name_key_into (plan->key, row->name, row->country);
  return g_hash_table_lookup (has_email ? plan->by_name_no_email : plan->by_name,
                              plan->key->str);
}

static void
email_now_known (UsImportPlan *plan,
                 gpointer      target,
                 const char   *email)
{
  if (_us_import_email_key_compute (plan, email))
    {
      Slot *slot = _us_import_email_slot (plan);

      if (slot->ref == 0)
        _us_import_email_slot_fill (plan, slot, target);
    }
  if (plan->targets_without_email > 0)
    plan->targets_without_email--;
  if (plan->by_name_no_email != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      /* Rare (a row without e-mail, then the same person with one): a
       * walk is cheaper than a reverse index kept for every row.
       */
      g_hash_table_iter_init (&iter, plan->by_name_no_email);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (value == target)
          g_hash_table_iter_remove (&iter);
    }
}

static void
merge_into_target (UsImportPlan     *plan,
                   gpointer          target,
                   const Row        *row,
                   const RowDetails *details)
{
  Row *into;
  guint merge;

  plan->n_duplicates++;
  if (TARGET_IS_ROW (target))
    into = _us_import_added_row (plan, TARGET_ROW (target));
  else
    {
      /* A withdrawn person stays withdrawn, untouched: the record of the
       * withdrawal is what matters, and a new row must not revive it.
       */
      if (((UsImportExisting *) target)->withdrawn)
        return;
      merge = GPOINTER_TO_UINT (g_hash_table_lookup (plan->merge_of, target));
      if (merge == 0)
        {
          Row empty = { 0 };

          empty.target = target;
          empty.line = row->line;
          if (details != NULL)
            {
              RowDetails none = { 0 };

              g_array_append_val (plan->details, none);
              empty.details = plan->details->len;
            }
          g_array_append_val (plan->merges, empty);
          merge = plan->merges->len;
          g_hash_table_insert (plan->merge_of, target, GUINT_TO_POINTER (merge));
        }
      into = &g_array_index (plan->merges, Row, merge - 1);
    }

  if (merge_row_into (plan, into, row, details))
    {
      const char *existing = TARGET_IS_ROW (target) ? NULL : ((UsImportExisting *) target)->email;

      if (is_empty (existing))
        email_now_known (plan, target, into->email);
    }
}

/* The row's texts, copied out of the reader's buffers. */
static void
store_row (UsImportPlan *plan,
           Row          *row)
{
  row->name = store (plan, row->name);
  row->email = store (plan, row->email);
}

static void
add_new (UsImportPlan     *plan,
         const Row        *row,
         const RowDetails *details,
         gboolean          stored_already,
         Slot             *email_slot_free)
{
  Row stored = *row;
  guint index = _us_import_n_added (plan);
  gpointer target = TARGET_FOR_ROW (index);

  if (!stored_already)
    store_row (plan, &stored);
  if (details != NULL)
    {
      RowDetails kept = *details;

      kept.title = store_repeated (plan, kept.title);
      kept.organisation = store_repeated (plan, kept.organisation);
      kept.note = store (plan, kept.note);
      g_array_append_val (plan->details, kept);
      stored.details = plan->details->len;
    }
  if (plan->added_more != NULL)
    _us_import_more_rows (plan)[plan->n_more++] = stored;
  else
    us_array_append_in_room (plan->added, plan->added_room, &stored, sizeof stored);

  if (email_slot_free != NULL)
    _us_import_email_slot_fill (plan, email_slot_free, target);
  else
    plan->targets_without_email++;
  if (plan->name_index_built)
    index_by_name (plan, target);
}

void
_us_import_plan_add_row (UsImportPlan      *plan,
                         const UsImportRow *row)
{
  g_autoptr(GPtrArray) tmp = NULL;
  Slot *email_slot_free;
  gpointer target;
  RowDetails details;
  Row checked;

  if (row_is_blank (row))
    return;
  plan->n_rows++;
  if (!check_row (plan, row, &checked, &details, &tmp))
    return;

  if (plan->pending != NULL)
    {
      /* Rows kept for later matching are a dry run's, which only counts
       * (a plan from a key scan cannot be applied): titles,
       * organisations, notes and dates change no count, so they are not
       * kept.  The key is computed now, while the other thread reads the
       * campaign, and stands for the address, since counting only asks
       * whether there is one and what its key is (the key of a key is
       * itself).
       */
      if (checked.email != NULL && _us_import_email_key_compute (plan, checked.email))
        {
          checked.email = g_string_chunk_insert_len (plan->chunk, plan->cur_key, plan->cur_len);
          checked.email_key_len = plan->cur_len;
          checked.email_key_hash = plan->email_hash;
        }
      else
        checked.email = NULL;
      checked.name = store (plan, checked.name);
      us_array_append_in_room (plan->pending, plan->pending_room, &checked, sizeof checked);
      return;
    }
  target = find_target (plan, &checked, &email_slot_free);
  if (target != NULL)
    merge_into_target (plan, target, &checked, &details);
  else
    add_new (plan, &checked, &details, FALSE, email_slot_free);
}

/* Matches n rows in place: the rows added are some of them, in the
 * same order, each moved down to an index at most its own, rather than
 * copied to a new array (10 MB of fresh pages for 100,000 rows, on the
 * critical path).
 */
static void
match_rows (UsImportPlan *plan,
            const Row    *pending,
            guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      /* Read before add_new() may overwrite it. */
      const Row row = pending[i];
      Slot *email_slot_free;
      gpointer target;

      if (i + US_IMPORT_PREFETCH_AHEAD < n)
        _us_import_prefetch_slot (plan, pending[i + US_IMPORT_PREFETCH_AHEAD].email_key_hash);
      target = find_target (plan, &row, &email_slot_free);
      if (target != NULL)
        merge_into_target (plan, target, &row, NULL);
      else
        add_new (plan, &row, NULL, TRUE, email_slot_free);
    }
}

void
_us_import_plan_match_first (UsImportPlan *plan)
{
  g_autoptr(GArray) rows = g_steal_pointer (&plan->pending);
  guint n;

  if (rows == NULL)
    return;
  g_assert (plan->added->len == 0 && !plan->first_matched);
  /* Not g_array_set_size(), which clears what it drops under
   * G_DEBUG=gc-friendly.
   */
  n = rows->len;
  rows->len = 0;
  g_array_unref (plan->added);
  plan->added = g_array_ref (rows);
  plan->added_room = n;
  _us_import_plan_index_existing (plan, plan->keys->existing->len, plan->keys->existing->len);
  match_rows (plan, (const Row *) rows->data, n);
  plan->first_matched = TRUE;
}

/* Starts on part's rows: the rows added from them go down their array,
 * whose length the other thread may still be changing.
 */
static void
start_part (UsImportPlan *plan,
            UsImportPlan *part)
{
  if (plan->added_more != NULL)
    return;
  plan->added_split = plan->added->len;
  plan->added_more = g_array_ref (part->pending);
  plan->n_more = 0;
}

void
_us_import_plan_match_stream (UsImportPlan *plan,
                              UsImportPlan *part,
                              gint         *n_ready,
                              gint         *finished)
{
  g_return_if_fail (plan->first_matched);

  start_part (plan, part);
  for (;;)
    {
      gboolean done = g_atomic_int_get (finished);
      guint n = (guint) g_atomic_int_get (n_ready);

      if (n > plan->part_matched)
        {
          match_rows (plan, _us_import_more_rows (plan) + plan->part_matched, n - plan->part_matched);
          plan->part_matched = n;
        }
      else if (done)
        return;
      else
        g_usleep (50);
    }
}

void
_us_import_plan_match_pending (UsImportPlan *plan)
{
  UsImportPlan *part = plan->part;

  _us_import_plan_match_first (plan);
  if (!plan->first_matched || part == NULL || part->pending == NULL)
    return;
  /* The second reader's rows, after the first's, within their array
   * (some of them may have been matched as they were read).
   */
  start_part (plan, part);
  if (part->pending->len > plan->part_matched)
    match_rows (plan, _us_import_more_rows (plan) + plan->part_matched, part->pending->len - plan->part_matched);
  plan->part_matched = part->pending->len;
  /* Read by now: the array's length becomes the rows added. */
  part->pending->len = plan->n_more;
  g_clear_pointer (&part->pending, g_array_unref);
}

gboolean
_us_import_plan_check_cancel (UsImportPlan  *plan,
                              GCancellable  *cancellable,
                              GError       **error)
{
  if (plan->progress != NULL && plan->expected_rows > 0)
    plan->progress (MIN (1.0, (double) plan->n_rows / plan->expected_rows), plan->progress_data);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

void
_us_import_plan_set_columns (UsImportPlan        *plan,
                             GStrv                columns,
                             const UsImportField *fields)
{
  guint n = g_strv_length (columns);

  g_strfreev (plan->columns);
  g_strfreev (plan->fields);
  plan->columns = columns;
  plan->fields = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    plan->fields[i] = g_strdup (_us_import_field_to_string (fields[i]));
}
