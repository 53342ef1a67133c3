/* us-import-index.c: the e-mail index a plan matches rows through
 *
 * Every row and every signatory goes through it, so it is an
 * open-addressing table of 8-byte slots (hash, reference), sized once
 * for the keys it will hold, whose pages are written when it is made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"

#include <string.h>

/* A slot's reference: signatory n of the key set, or row n of those
 * added, whose e-mail keys they hold themselves (a dry run's rows, and
 * signatories indexed without provider rules); else entry n, for a key
 * held nowhere else (computed with provider rules, or learnt from a
 * merge).  Entries were a third of a dry run's index, 4.7 MB of fresh
 * pages for 200,000 keys.
 */
enum
{
  REF_EXISTING = 1,
  REF_ROW = 2,
  REF_ENTRY = 3
};

#define REF(n, tag) ((guint32) (((n) << 2) | (tag)))
#define REF_TAG(r)  ((r) & 3)
#define REF_N(r)    ((r) >> 2)

static inline const char *
ref_key (UsImportPlan *plan,
         guint32       ref,
         gsize        *len)
{
  switch (REF_TAG (ref))
    {
    case REF_EXISTING:
      {
        const UsImportExisting *existing = &g_array_index (plan->keys->existing, UsImportExisting,
                                                           REF_N (ref));

        *len = existing->email_len;
        return existing->email;
      }
    case REF_ROW:
      {
        const Row *row = _us_import_added_row (plan, REF_N (ref));

        *len = row->email_key_len;
        return row->email;
      }
    default:
      {
        const Entry *entry = &g_array_index (plan->by_email.entries, Entry, REF_N (ref));

        *len = entry->len;
        return entry->key;
      }
    }
}

static Slot *
key_index_find (UsImportPlan *plan,
                const char   *key,
                gsize         len,
                guint32       hash)
{
  KeyIndex *index = &plan->by_email;
  gsize mask = index->size - 1;

  for (gsize i = hash & mask;; i = (i + 1) & mask)
    {
      Slot *slot = &index->slots[i];
      const char *slot_key;
      gsize slot_len;

      if (slot->ref == 0)
        return slot;
      if (slot->hash != hash)
        continue;
      slot_key = ref_key (plan, slot->ref, &slot_len);
      if (slot_len == len && memcmp (slot_key, key, len) == 0)
        return slot;
    }
}

/* An empty table of n slots.  Written, not g_new0()'s untouched pages:
 * a probe reads a slot before it is filled, so a page of those would be
 * mapped to the shared zero page first, then copied on the first write,
 * and each copy makes the kernel flush the other core's TLB (7% of a
 * dry run, where another thread runs).
 */
static Slot *
slots_new (gsize n)
{
  Slot *slots = g_new (Slot, n);

  memset (slots, 0, n * sizeof (Slot));
  return slots;
}

/* Called before a find whose slot may be filled, so the slot stays valid. */
static void
key_index_reserve (KeyIndex *index)
{
  Slot *old = index->slots;
  gsize old_size = index->size;
  gsize mask;

  if ((index->n_keys + 1) * 2 <= index->size)
    return;
  index->size *= 2;
  mask = index->size - 1;
  index->slots = slots_new (index->size);
  /* Keys are unique: each old slot only needs an empty place. */
  for (gsize i = 0; i < old_size; i++)
    if (old[i].ref != 0)
      {
        gsize j = old[i].hash & mask;

        while (index->slots[j].ref != 0)
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
  index->slots = slots_new (size);
  index->size = size;
  g_assert (index->n_keys == 0);
}

gpointer
_us_import_email_slot_target (UsImportPlan *plan,
                              Slot         *slot)
{
  switch (REF_TAG (slot->ref))
    {
    case 0:
      return NULL;
    case REF_EXISTING:
      return &g_array_index (plan->keys->existing, UsImportExisting, REF_N (slot->ref));
    case REF_ROW:
      return TARGET_FOR_ROW (REF_N (slot->ref));
    default:
      return g_array_index (plan->by_email.entries, Entry, REF_N (slot->ref)).target;
    }
}

/* Computes the e-mail key of email into plan->email_key and its hash;
 * FALSE when there is none.
 */
gboolean
_us_import_email_key_compute (UsImportPlan *plan,
                              const char   *email)
{
  if (!_us_import_email_key_into (plan->email_key, email, plan->provider_rules))
    return FALSE;
  plan->cur_key = plan->email_key->str;
  plan->cur_len = plan->email_key->len;
  plan->cur_stored = FALSE;
  plan->email_hash = _us_import_key_hash (plan->cur_key, plan->cur_len);
  return TRUE;
}

/* The slot of the current e-mail key: found, or empty and ready for it. */
Slot *
_us_import_email_slot (UsImportPlan *plan)
{
  key_index_reserve (&plan->by_email);
  return key_index_find (plan, plan->cur_key, plan->cur_len, plan->email_hash);
}

/* Fills slot with the current key for target: a reference to the
 * signatory or row when the key is the one it holds, else an entry.
 */
void
_us_import_email_slot_fill (UsImportPlan *plan,
                            Slot         *slot,
                            gpointer      target)
{
  KeyIndex *index = &plan->by_email;
  guint32 ref;

  if (plan->cur_stored && TARGET_IS_ROW (target) &&
      _us_import_added_row (plan, TARGET_ROW (target))->email_key_len > 0 &&
      _us_import_added_row (plan, TARGET_ROW (target))->email == plan->cur_key)
    ref = REF (TARGET_ROW (target), REF_ROW);
  else if (plan->cur_stored && !TARGET_IS_ROW (target) && plan->keys != NULL &&
           ((const UsImportExisting *) target)->email == plan->cur_key)
    ref = REF ((const UsImportExisting *) target - (const UsImportExisting *) plan->keys->existing->data,
               REF_EXISTING);
  else
    {
      Entry entry = { plan->cur_stored ? plan->cur_key
                                       : g_string_chunk_insert_len (plan->chunk, plan->cur_key, plan->cur_len),
                      plan->cur_len, target };

      g_array_append_val (index->entries, entry);
      ref = REF (index->entries->len - 1, REF_ENTRY);
    }
  slot->hash = plan->email_hash;
  slot->ref = ref;
  index->n_keys++;
}

void
_us_import_plan_index_existing (UsImportPlan *plan,
                                guint         n_expected,
                                guint         upto)
{
  const UsImportExisting *all;

  if (!plan->index_started)
    {
      /* Sized once for every key it will hold: growing means rehashing. */
      key_index_presize (&plan->by_email, n_expected + plan->expected_rows);
      plan->index_started = TRUE;
    }
  /* In list order, the first of a key kept: where the list itself holds
   * duplicates, the first of them is the one a row merges into.
   */
  all = (const UsImportExisting *) plan->keys->existing->data;
  for (guint i = plan->n_indexed; i < upto; i++)
    {
      const UsImportExisting *existing = &all[i];
      gboolean has_email;

      /* The table is larger than the caches: ask for a slot early. */
      if (i + US_IMPORT_PREFETCH_AHEAD < upto)
        _us_import_prefetch_slot (plan, all[i + US_IMPORT_PREFETCH_AHEAD].email_hash);

      if (existing->email != NULL && !plan->provider_rules)
        {
          _us_import_email_key_use (plan, existing->email, existing->email_len, existing->email_hash);
          has_email = TRUE;
        }
      else
        has_email = _us_import_email_key_compute (plan, existing->email);
      if (has_email)
        {
          Slot *slot = _us_import_email_slot (plan);

          if (slot->ref == 0)
            _us_import_email_slot_fill (plan, slot, (gpointer) existing);
        }
      else
        plan->targets_without_email++;
    }
  plan->n_indexed = MAX (plan->n_indexed, upto);
}

void
_us_import_plan_build_email_index (UsImportPlan *plan)
{
  if (plan->keys != NULL)
    _us_import_plan_index_existing (plan, plan->keys->existing->len, plan->keys->existing->len);
}
