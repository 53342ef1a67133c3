/* us-duplicates.c: people who signed twice
 *
 * Import merges what is certain (the same e-mail).  What is only likely
 * (the same name under two e-mails: one person at work and at home, or
 * two people called Maria García) is for a person to decide, so it is
 * listed here rather than merged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-duplicates.h"
#include "us-array-store.h"
#include "us-import-private.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  guint      first;    /* list position of the first member */
  GPtrArray *members;
} Group;

/* Collects groups of signatories that share a key.  A key seen once
 * costs an integer, not an array: most people sign once.
 */
typedef struct
{
  GHashTable *first;    /* key -> position + 1 */
  GHashTable *groups;   /* key -> Group* (owned by the array below) */
  GPtrArray  *order;    /* Group*, in creation order */
} Collector;

static void
group_free (Group *group)
{
  g_ptr_array_unref (group->members);
  g_free (group);
}

static void
collector_init (Collector      *c,
                GDestroyNotify  key_free)
{
  c->first = g_hash_table_new_full (g_str_hash, g_str_equal, key_free, NULL);
  c->groups = g_hash_table_new (g_str_hash, g_str_equal);
  c->order = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
}

static void
collector_clear (Collector *c)
{
  g_hash_table_unref (c->groups);
  g_hash_table_unref (c->first);
  g_ptr_array_unref (c->order);
}

/* Returns FALSE when key was already in first (the caller still owns
 * it then).
 */
static gboolean
collector_add (Collector    *c,
               UsArrayStore *store,
               const char   *key,
               guint         position)
{
  Group *group = g_hash_table_lookup (c->groups, key);
  gpointer first_key, first;

  if (group != NULL)
    {
      g_ptr_array_add (group->members, g_object_ref (us_array_store_peek (store, position)));
      return FALSE;
    }
  if (!g_hash_table_lookup_extended (c->first, key, &first_key, &first))
    {
      g_hash_table_insert (c->first, (gpointer) key, GUINT_TO_POINTER (position + 1));
      return TRUE;
    }
  group = g_new0 (Group, 1);
  group->first = GPOINTER_TO_UINT (first) - 1;
  group->members = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (group->members, g_object_ref (us_array_store_peek (store, group->first)));
  g_ptr_array_add (group->members, g_object_ref (us_array_store_peek (store, position)));
  /* The key stays owned by first, which outlives groups. */
  g_hash_table_insert (c->groups, first_key, group);
  g_ptr_array_add (c->order, group);
  return FALSE;
}

static gboolean
same_email (GPtrArray *members)
{
  g_autofree char *first = us_import_email_key (us_signatory_get_email (g_ptr_array_index (members, 0)), FALSE);

  if (*first == '\0')
    return FALSE;
  for (guint i = 1; i < members->len; i++)
    {
      g_autofree char *key = us_import_email_key (us_signatory_get_email (g_ptr_array_index (members, i)), FALSE);

      if (g_strcmp0 (first, key) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(const Group * const *) a;
  const Group *gb = *(const Group * const *) b;

  return ga->first < gb->first ? -1 : ga->first > gb->first;
}

GPtrArray *
us_duplicates_find (UsCampaign   *campaign,
                    GCancellable *cancellable)
{
  UsArrayStore *store;
  Collector by_name, by_email;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GPtrArray *result;
  guint n;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);

  store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  n = us_array_store_get_n_items (store);
  collector_init (&by_name, NULL);
  collector_init (&by_email, g_free);

  for (guint i = 0; i < n; i++)
    {
      UsSignatory *signatory = us_array_store_peek (store, i);
      const char *name_key = us_signatory_get_key (signatory);
      char *email_key = us_import_email_key (us_signatory_get_email (signatory), FALSE);

      /* Anonymous entries have no name to compare. */
      if (*name_key != '\0')
        collector_add (&by_name, store, name_key, i);
      if (*email_key == '\0' || !collector_add (&by_email, store, email_key, i))
        g_free (email_key);

      if (i % 4096 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          collector_clear (&by_name);
          collector_clear (&by_email);
          return NULL;
        }
    }

  /* A name group that is one e-mail is listed once, as the e-mail group. */
  for (guint i = 0; i < by_name.order->len; i++)
    {
      Group *group = g_ptr_array_index (by_name.order, i);

      if (!same_email (group->members))
        g_ptr_array_add (found, group);
    }
  for (guint i = 0; i < by_email.order->len; i++)
    g_ptr_array_add (found, g_ptr_array_index (by_email.order, i));
  g_ptr_array_sort (found, compare_groups);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < found->len; i++)
    {
      Group *group = g_ptr_array_index (found, i);

      g_ptr_array_add (result, g_ptr_array_ref (group->members));
    }
  collector_clear (&by_name);
  collector_clear (&by_email);
  return result;
}

typedef struct
{
  UsCampaign  *campaign;
  UsSignatory *keep;
  UsSignatory *before;     /* copy of keep */
  UsSignatory *after;      /* copy of keep */
  GPtrArray   *removed;    /* UsSignatory*, by ascending position */
  GArray      *positions;  /* guint */
  gint64       modified_at_before;
  gint64       modified_at_after;
} Merge;

static void
merge_free (Merge *merge)
{
  g_object_unref (merge->campaign);
  g_object_unref (merge->keep);
  g_object_unref (merge->before);
  g_object_unref (merge->after);
  g_ptr_array_unref (merge->removed);
  g_array_unref (merge->positions);
  g_free (merge);
}

static void
remove_members (Merge *merge)
{
  for (guint i = merge->removed->len; i-- > 0;)
    us_campaign_remove_signatory (merge->campaign, g_ptr_array_index (merge->removed, i), NULL);
}

static void
merge_undo (Merge *merge)
{
  /* Ascending, so each goes back where it was. */
  for (guint i = 0; i < merge->removed->len; i++)
    us_campaign_insert_signatory (merge->campaign, g_array_index (merge->positions, guint, i),
                                  g_ptr_array_index (merge->removed, i));
  us_signatory_assign (merge->keep, merge->before);
  us_campaign_set_modified_at (merge->campaign, merge->modified_at_before);
}

static void
merge_redo (Merge *merge)
{
  us_signatory_assign (merge->keep, merge->after);
  remove_members (merge);
  us_campaign_set_modified_at (merge->campaign, merge->modified_at_after);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

void
us_duplicates_merge (UsCampaign  *campaign,
                     GPtrArray   *group,
                     UsSignatory *keep,
                     UsUndoStack *undo)
{
  UsArrayStore *store;
  Merge *merge;
  g_autofree char *label = NULL;

  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (group != NULL);
  g_return_if_fail (US_IS_SIGNATORY (keep));
  g_return_if_fail (g_ptr_array_find (group, keep, NULL));
  g_return_if_fail (undo == NULL || US_IS_UNDO_STACK (undo));

  store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  merge = g_new0 (Merge, 1);
  merge->campaign = g_object_ref (campaign);
  merge->keep = g_object_ref (keep);
  merge->before = us_signatory_copy (keep);
  merge->removed = g_ptr_array_new_with_free_func (g_object_unref);
  merge->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  merge->modified_at_before = us_campaign_get_modified_at (campaign);

  for (guint i = 0; i < group->len; i++)
    {
      UsSignatory *other = g_ptr_array_index (group, i);
      guint position;

      if (other == keep || !us_array_store_find (store, other, &position))
        continue;
      g_array_append_val (merge->positions, position);
    }
  /* Positions first, in order, then the members in that same order. */
  g_array_sort (merge->positions, compare_uint);
  for (guint i = 0; i < merge->positions->len; i++)
    {
      UsSignatory *other = us_array_store_peek (store, g_array_index (merge->positions, guint, i));
      UsSignatoryFields f;

      _us_signatory_get_fields (other, &f);
      _us_signatory_merge_fields (keep, &f);
      /* A withdrawal is a person's wish about every copy of them. */
      if (f.status == US_STATUS_WITHDRAWN)
        us_signatory_set_status (keep, US_STATUS_WITHDRAWN);
      g_ptr_array_add (merge->removed, g_object_ref (other));
    }
  remove_members (merge);
  merge->after = us_signatory_copy (keep);
  merge->modified_at_after = us_campaign_get_modified_at (campaign);

  if (undo == NULL || merge->removed->len == 0)
    {
      merge_free (merge);
      return;
    }
  label = g_strdup_printf (_("Merge duplicates of %s"), us_signatory_get_name (keep));
  us_undo_stack_push (undo, label, (UsUndoFunc) merge_undo, (UsUndoFunc) merge_redo,
                      merge, (GDestroyNotify) merge_free);
}
