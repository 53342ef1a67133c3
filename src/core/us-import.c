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
#include "us-array-store.h"
#include "us-csv.h"
#include "us-record-private.h"
#include "us-signatory-private.h"
#include "us-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (us-import-error-quark, us_import_error)

#define N_SAMPLES 3
#define CHECK_EVERY 4096
/* Beyond every real export; keeps a mistaken choice of file (a disk
 * image) from being decoded into memory.
 */
#define MAX_INPUT_SIZE ((gsize) 1 << 31)

typedef struct
{
  const char  *name;
  const char  *title;
  const char  *organisation;
  const char  *country;
  const char  *email;
  const char  *note;
  gint64       signed_at;
  guint        line;
  UsStatus     status;
  UsConsent    consent;
  UsSignatory *target;       /* merges: the signatory the rows merge into */
} Row;

/* What a key leads to: an existing signatory (a pointer, so even) or a
 * row of this input (its index, tagged odd).
 */
#define TARGET_FOR_ROW(i) GSIZE_TO_POINTER (((gsize) (i) << 1) | 1)
#define TARGET_IS_ROW(t)  ((GPOINTER_TO_SIZE (t) & 1) != 0)
#define TARGET_ROW(t)     ((guint) (GPOINTER_TO_SIZE (t) >> 1))

/* The e-mail index: every row and every signatory goes through it, so it
 * is an open-addressing table of 8-byte slots (hash, entry number): a
 * probe touches one small slot, and an entry's key is read only when the
 * hashes agree.  Load factor at most one half.
 */
typedef struct
{
  guint32 hash;
  guint32 entry;        /* entries index + 1; 0: empty */
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
  GArray *entries;      /* Entry */
} KeyIndex;

struct _UsImportPlan
{
  UsCampaign    *campaign;
  gboolean       provider_rules;
  UsOrigin       origin;
  GStringChunk  *chunk;
  GArray        *added;            /* Row */
  GArray        *merges;           /* Row, target set */
  GHashTable    *merge_of;         /* UsSignatory* -> merges index + 1 */
  KeyIndex       by_email;         /* email key -> target */
  GHashTable    *by_name;          /* name key \x1f country -> target */
  GHashTable    *by_name_no_email; /* the same, for targets without e-mail */
  guint          targets_without_email;
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
  GString       *email_key;        /* the current row's e-mail key */
  guint32        email_hash;
  /* progress */
  UsImportProgressFunc progress;
  gpointer       progress_data;
  guint          expected_rows;
};

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

/* Keys */

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
email_key_into (GString    *out,
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

  for (const char *p = email; p < end; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          ascii = FALSE;
          break;
        }
    }
  if (ascii)
    {
      g_string_set_size (out, end - email);
      for (gsize i = 0; i < out->len; i++)
        {
          char c = email[i];

          out->str[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
    }
  else
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

  email_key_into (out, email, provider_rules);
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

static void
existing_name_key_into (GString     *out,
                        UsSignatory *signatory)
{
  const char *country = us_signatory_get_country (signatory);

  g_string_assign (out, us_signatory_get_key (signatory));
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
static guint32
key_hash (const char *key,
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

static Slot *
key_index_find (KeyIndex   *index,
                const char *key,
                gsize       len,
                guint32     hash)
{
  gsize mask = index->size - 1;

  for (gsize i = hash & mask;; i = (i + 1) & mask)
    {
      Slot *slot = &index->slots[i];
      const Entry *entry;

      if (slot->entry == 0)
        return slot;
      if (slot->hash != hash)
        continue;
      entry = &g_array_index (index->entries, Entry, slot->entry - 1);
      if (entry->len == len && memcmp (entry->key, key, len) == 0)
        return slot;
    }
}

/* Called before a find whose slot may be filled, so the slot stays valid. */
static void
key_index_reserve (KeyIndex *index)
{
  Slot *old = index->slots;
  gsize old_size = index->size;
  gsize mask;

  if ((index->entries->len + 1) * 2 <= index->size)
    return;
  index->size *= 2;
  mask = index->size - 1;
  index->slots = g_new0 (Slot, index->size);
  /* Keys are unique: each old slot only needs an empty place. */
  for (gsize i = 0; i < old_size; i++)
    if (old[i].entry != 0)
      {
        gsize j = old[i].hash & mask;

        while (index->slots[j].entry != 0)
          j = (j + 1) & mask;
        index->slots[j] = old[i];
      }
  g_free (old);
}

static void
key_index_presize (KeyIndex *index,
                   gsize     n_keys)
{
  gsize size = 1024;

  while (size < n_keys * 2 && size < G_MAXSIZE / 4)
    size *= 2;
  if (size <= index->size)
    return;
  g_free (index->slots);
  index->slots = g_new0 (Slot, size);
  index->size = size;
  g_assert (index->entries->len == 0);
}

static void
key_index_fill (KeyIndex   *index,
                Slot       *slot,
                const char *key,
                gsize       len,
                guint32     hash,
                gpointer    target)
{
  Entry entry = { key, len, target };

  g_array_append_val (index->entries, entry);
  slot->hash = hash;
  slot->entry = index->entries->len;
}

static gpointer
key_index_target (KeyIndex *index,
                  Slot     *slot)
{
  return slot->entry ? g_array_index (index->entries, Entry, slot->entry - 1).target : NULL;
}

/* Computes the e-mail key of email into plan->email_key and its hash;
 * FALSE when there is none.
 */
static gboolean
email_key_compute (UsImportPlan *plan,
                   const char   *email)
{
  if (!email_key_into (plan->email_key, email, plan->provider_rules))
    return FALSE;
  plan->email_hash = key_hash (plan->email_key->str, plan->email_key->len);
  return TRUE;
}

/* The slot of the current e-mail key: found, or empty and ready for it. */
static Slot *
email_slot (UsImportPlan *plan)
{
  key_index_reserve (&plan->by_email);
  return key_index_find (&plan->by_email, plan->email_key->str, plan->email_key->len,
                         plan->email_hash);
}

static void
email_slot_fill (UsImportPlan *plan,
                 Slot         *slot,
                 gpointer      target)
{
  const char *key = g_string_chunk_insert_len (plan->chunk, plan->email_key->str,
                                               plan->email_key->len);

  key_index_fill (&plan->by_email, slot, key, plan->email_key->len, plan->email_hash, target);
}

static void
index_insert_first (GHashTable *table,
                    const char *key,
                    gpointer    target)
{
  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, (gpointer) key, target);
}

static void
build_email_index (UsImportPlan *plan)
{
  GListModel *list;
  UsArrayStore *store;
  guint n;

  if (plan->campaign == NULL)
    return;
  list = us_campaign_get_signatories (plan->campaign);
  store = US_ARRAY_STORE (list);
  n = us_array_store_get_n_items (store);
  /* Sized once for every key it will hold: growing means rehashing. */
  key_index_presize (&plan->by_email, n + plan->expected_rows);

  /* Backwards, so that where the list itself holds duplicates the first
   * of them is the one a row merges into.
   */
  for (guint i = n; i-- > 0;)
    {
      UsSignatory *signatory = us_array_store_peek (store, i);

      if (email_key_compute (plan, us_signatory_get_email (signatory)))
        {
          Slot *slot = email_slot (plan);

          if (slot->entry == 0)
            email_slot_fill (plan, slot, signatory);
          else
            g_array_index (plan->by_email.entries, Entry, slot->entry - 1).target = signatory;
        }
      else
        plan->targets_without_email++;
    }
}

static const char *
target_email (UsImportPlan *plan,
              gpointer      target)
{
  if (TARGET_IS_ROW (target))
    return g_array_index (plan->added, Row, TARGET_ROW (target)).email;
  else
    {
      guint merge = GPOINTER_TO_UINT (g_hash_table_lookup (plan->merge_of, target));
      const char *email = us_signatory_get_email (target);

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
      Row *row = &g_array_index (plan->added, Row, TARGET_ROW (target));

      name_key_into (plan->key, row->name, row->country);
    }
  else
    existing_name_key_into (plan->key, target);

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

  if (plan->campaign != NULL)
    {
      UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (plan->campaign));
      guint n = us_array_store_get_n_items (store);

      for (guint i = 0; i < n; i++)
        index_by_name (plan, us_array_store_peek (store, i));
    }
  for (guint i = 0; i < plan->added->len; i++)
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

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Fills what into lacks from from and keeps the earliest signing time:
 * the merge rule, shared with us-duplicates.c through the fields.
 */
static gboolean
merge_row_into (UsImportPlan *plan,
                Row          *into,
                const Row    *from)
{
  gboolean email_added = FALSE;

  if (from->signed_at != 0 && (into->signed_at == 0 || from->signed_at < into->signed_at))
    into->signed_at = from->signed_at;
  if (is_empty (into->title) && !is_empty (from->title))
    into->title = store_repeated (plan, from->title);
  if (is_empty (into->organisation) && !is_empty (from->organisation))
    into->organisation = store_repeated (plan, from->organisation);
  if (is_empty (into->country) && !is_empty (from->country))
    into->country = from->country;
  if (is_empty (into->note) && !is_empty (from->note))
    into->note = store (plan, from->note);
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
  out->line = row->line;
  out->status = US_STATUS_PENDING;
  out->consent = US_CONSENT_NAMED;

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
  if (*text != '\0' && !_us_import_parse_date (text, &out->signed_at, &ambiguous))
    REJECT (_("unreadable date “%s”: write it as 2020-05-26 or 2020-05-26T12:00:15Z"), text);

  text = trimmed (v[US_FIELD_PUBLIC], tmp);
  if (*text != '\0' && !_us_import_parse_consent (text, &out->consent))
    REJECT (_("unknown consent “%s”: use yes, no or anonymous"), text);

  text = trimmed (v[US_FIELD_STATUS], tmp);
  if (*text != '\0' && !_us_import_parse_status (text, &out->status))
    REJECT (_("unknown status “%s”: use pending, verified, rejected or withdrawn"), text);

  text = trimmed (v[US_FIELD_TITLE], tmp);
  out->title = *text ? text : NULL;
  text = trimmed (v[US_FIELD_ORGANISATION], tmp);
  out->organisation = *text ? text : NULL;
  text = trimmed (v[US_FIELD_NOTE], tmp);
  out->note = *text ? text : NULL;

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
  gboolean has_email = row->email != NULL && email_key_compute (plan, row->email);

  *email_slot_out = NULL;
  if (has_email)
    {
      Slot *slot = email_slot (plan);

      if (slot->entry != 0)
        return key_index_target (&plan->by_email, slot);
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
  if (email_key_compute (plan, email))
    {
      Slot *slot = email_slot (plan);

      if (slot->entry == 0)
        email_slot_fill (plan, slot, target);
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
merge_into_target (UsImportPlan *plan,
                   gpointer      target,
                   const Row    *row)
{
  Row *into;
  guint merge;

  plan->n_duplicates++;
  if (TARGET_IS_ROW (target))
    into = &g_array_index (plan->added, Row, TARGET_ROW (target));
  else
    {
      /* A withdrawn person stays withdrawn, untouched: the record of the
       * withdrawal is what matters, and a new row must not revive it.
       */
      if (us_signatory_get_status (target) == US_STATUS_WITHDRAWN)
        return;
      merge = GPOINTER_TO_UINT (g_hash_table_lookup (plan->merge_of, target));
      if (merge == 0)
        {
          Row empty = { 0 };

          empty.target = target;
          empty.line = row->line;
          g_array_append_val (plan->merges, empty);
          merge = plan->merges->len;
          g_hash_table_insert (plan->merge_of, target, GUINT_TO_POINTER (merge));
        }
      into = &g_array_index (plan->merges, Row, merge - 1);
    }

  if (merge_row_into (plan, into, row))
    {
      const char *existing = TARGET_IS_ROW (target) ? NULL : us_signatory_get_email (target);

      if (is_empty (existing))
        email_now_known (plan, target, into->email);
    }
}

static void
add_new (UsImportPlan *plan,
         const Row    *row,
         Slot         *email_slot_free)
{
  Row stored = *row;
  guint index = plan->added->len;
  gpointer target = TARGET_FOR_ROW (index);

  stored.name = store (plan, row->name);
  stored.email = store (plan, row->email);
  stored.note = store (plan, row->note);
  stored.title = store_repeated (plan, row->title);
  stored.organisation = store_repeated (plan, row->organisation);
  g_array_append_val (plan->added, stored);

  if (email_slot_free != NULL)
    email_slot_fill (plan, email_slot_free, target);
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
  Row checked;

  if (row_is_blank (row))
    return;
  plan->n_rows++;
  if (!check_row (plan, row, &checked, &tmp))
    return;

  target = find_target (plan, &checked, &email_slot_free);
  if (target != NULL)
    merge_into_target (plan, target, &checked);
  else
    add_new (plan, &checked, email_slot_free);
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

static gboolean
read_csv (UsImportPlan          *plan,
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

  for (;;)
    {
      UsImportRow row = { { NULL }, 0, NULL, 0 };

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

      for (guint c = 0; c < n_record && c < n_columns; c++)
        if (fields[c] != US_FIELD_IGNORE)
          row.values[fields[c]] = record[c];
      row.line = line;
      row.raw = record;
      row.n_raw = n_record;
      _us_import_plan_add_row (plan, &row);

      if (++count % CHECK_EVERY == 0 &&
          !_us_import_plan_check_cancel (plan, cancellable, error))
        return FALSE;
    }

  if (local_error != NULL)
    {
      g_set_error_literal (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT, local_error->message);
      return FALSE;
    }
  return TRUE;
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
    build_email_index (plan);
  if (plan->format == US_IMPORT_FORMAT_OSDI)
    ok = _us_import_osdi_read (plan, data, display, peek, cancellable, error);
  else
    ok = read_csv (plan, data, display, options, peek, cancellable, error);
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

/* Applying */

typedef struct
{
  UsCampaign *campaign;
  GPtrArray  *added;      /* UsSignatory*, in list order */
  guint       position;   /* where they were appended */
  GPtrArray  *merged;     /* UsSignatory* changed in place */
  GPtrArray  *before;     /* copies of merged, before */
  GPtrArray  *after;      /* copies of merged, after */
  gint64      modified_at_before;
  gint64      modified_at_after;
} Applied;

static void
applied_free (Applied *applied)
{
  g_object_unref (applied->campaign);
  g_ptr_array_unref (applied->added);
  g_ptr_array_unref (applied->merged);
  g_ptr_array_unref (applied->before);
  g_ptr_array_unref (applied->after);
  g_free (applied);
}

void
_us_signatory_assign_merged (UsSignatory *signatory,
                             UsSignatory *from)
{
  us_signatory_set_title (signatory, us_signatory_get_title (from));
  us_signatory_set_organisation (signatory, us_signatory_get_organisation (from));
  us_signatory_set_country (signatory, us_signatory_get_country (from));
  us_signatory_set_email (signatory, us_signatory_get_email (from));
  us_signatory_set_note (signatory, us_signatory_get_note (from));
  us_signatory_set_signed_at (signatory, us_signatory_get_signed_at (from));
  us_signatory_set_status (signatory, us_signatory_get_status (from));
  us_signatory_set_consent (signatory, us_signatory_get_consent (from));
}

static void
remove_added (UsCampaign *campaign,
              GPtrArray  *added,
              guint       position)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  gboolean in_place = position + added->len <= us_array_store_get_n_items (store);

  for (guint i = 0; in_place && i < added->len; i++)
    in_place = us_array_store_peek (store, position + i) == g_ptr_array_index (added, i);

  if (in_place)
    {
      for (guint i = 0; i < added->len; i++)
        _us_record_set_owner (g_ptr_array_index (added, i), NULL);
      us_array_store_splice (store, position, added->len, NULL, 0);
    }
  else
    /* Someone moved them since: slower, but exact. */
    for (guint i = 0; i < added->len; i++)
      us_campaign_remove_signatory (campaign, g_ptr_array_index (added, i), NULL);
}

static void
applied_undo (Applied *applied)
{
  remove_added (applied->campaign, applied->added, applied->position);
  for (guint i = 0; i < applied->merged->len; i++)
    _us_signatory_assign_merged (g_ptr_array_index (applied->merged, i),
                                 g_ptr_array_index (applied->before, i));
  /* The list is as it was, so its time of change is too. */
  us_campaign_set_modified_at (applied->campaign, applied->modified_at_before);
}

static void
applied_redo (Applied *applied)
{
  applied->position = g_list_model_get_n_items (us_campaign_get_signatories (applied->campaign));
  us_campaign_add_signatories (applied->campaign, (UsSignatory **) applied->added->pdata,
                               applied->added->len);
  for (guint i = 0; i < applied->merged->len; i++)
    _us_signatory_assign_merged (g_ptr_array_index (applied->merged, i),
                                 g_ptr_array_index (applied->after, i));
  us_campaign_set_modified_at (applied->campaign, applied->modified_at_after);
}

static UsSignatory *
build_signatory (UsImportPlan *plan,
                 const Row    *row)
{
  UsSignatoryFields f = { 0 };

  f.name = row->name;
  f.title = row->title;
  f.organisation = row->organisation;
  f.country = row->country;
  f.email = row->email;
  f.note = row->note;
  f.signed_at = row->signed_at;
  f.origin = plan->origin;
  f.status = row->status;
  f.consent = row->consent;
  return _us_signatory_new_from_fields (&f);
}

void
_us_signatory_merge_fields (UsSignatory             *into,
                            const UsSignatoryFields *from)
{
  gint64 signed_at = us_signatory_get_signed_at (into);

  if (from->signed_at != 0 && (signed_at == 0 || from->signed_at < signed_at))
    us_signatory_set_signed_at (into, from->signed_at);
#define FILL(field)                                                           \
  if (is_empty (us_signatory_get_##field (into)) && !is_empty (from->field))  \
    us_signatory_set_##field (into, from->field);
  FILL (title)
  FILL (organisation)
  FILL (country)
  FILL (email)
  FILL (note)
#undef FILL
}

static guint
first_free_id (UsCampaign *campaign)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  guint n = us_array_store_get_n_items (store);
  guint next = us_campaign_get_next_signatory_id (campaign);

  for (guint i = 0; i < n; i++)
    next = MAX (next, us_signatory_get_id (us_array_store_peek (store, i)) + 1);
  return next;
}

/* Membership by lookup, not by the record's owner, which loaders do not
 * always set.
 */
static GHashTable *
current_signatories (UsCampaign *campaign)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  guint n = us_array_store_get_n_items (store);
  GHashTable *set = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (set, us_array_store_peek (store, i));
  return set;
}

void
us_import_apply (UsCampaign   *campaign,
                 UsImportPlan *plan,
                 UsUndoStack  *undo)
{
  g_autoptr(GHashTable) present = NULL;
  Applied *applied;
  guint n_added;
  guint next_id;
  g_autofree char *label = NULL;

  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (plan != NULL);
  g_return_if_fail (plan->campaign == NULL || plan->campaign == campaign);
  g_return_if_fail (!plan->applied);
  g_return_if_fail (undo == NULL || US_IS_UNDO_STACK (undo));

  plan->applied = TRUE;
  applied = g_new0 (Applied, 1);
  applied->campaign = g_object_ref (campaign);
  applied->added = g_ptr_array_new_full (plan->added->len, g_object_unref);
  applied->merged = g_ptr_array_new_with_free_func (g_object_unref);
  applied->before = g_ptr_array_new_with_free_func (g_object_unref);
  applied->after = g_ptr_array_new_with_free_func (g_object_unref);
  applied->modified_at_before = us_campaign_get_modified_at (campaign);

  /* Ids are given here rather than by the campaign: a loaded campaign's
   * next id can lag behind the ids it read.
   */
  next_id = first_free_id (campaign);
  for (guint i = 0; i < plan->added->len; i++)
    {
      UsSignatory *signatory = build_signatory (plan, &g_array_index (plan->added, Row, i));

      us_signatory_set_id (signatory, next_id++);
      g_ptr_array_add (applied->added, signatory);
    }

  if (plan->merges->len > 0)
    present = current_signatories (campaign);
  for (guint i = 0; i < plan->merges->len; i++)
    {
      const Row *row = &g_array_index (plan->merges, Row, i);
      UsSignatory *target = row->target;
      UsSignatoryFields f = { 0 };
      g_autoptr(UsSignatory) before = NULL;

      /* Deleted since the plan was made: nothing to merge into. */
      if (!g_hash_table_contains (present, target))
        continue;
      before = us_signatory_copy (target);
      f.title = row->title;
      f.organisation = row->organisation;
      f.country = row->country;
      f.email = row->email;
      f.note = row->note;
      f.signed_at = row->signed_at;
      _us_signatory_merge_fields (target, &f);
      if (us_signatory_equal (before, target))
        continue;
      g_ptr_array_add (applied->merged, g_object_ref (target));
      g_ptr_array_add (applied->before, g_steal_pointer (&before));
      g_ptr_array_add (applied->after, us_signatory_copy (target));
    }

  applied->position = g_list_model_get_n_items (us_campaign_get_signatories (campaign));
  us_campaign_add_signatories (campaign, (UsSignatory **) applied->added->pdata,
                               applied->added->len);
  applied->modified_at_after = us_campaign_get_modified_at (campaign);

  if (undo == NULL || (applied->added->len == 0 && applied->merged->len == 0))
    {
      applied_free (applied);
      return;
    }
  n_added = applied->added->len;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u signatory",
                                        "Import %u signatories", n_added), n_added);
  us_undo_stack_push (undo, label, (UsUndoFunc) applied_undo, (UsUndoFunc) applied_redo,
                      applied, (GDestroyNotify) applied_free);
}
