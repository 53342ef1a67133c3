/* us-import-apply.c: applying an import plan to a campaign, and undoing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-array-store.h"
#include "us-record-private.h"
#include "us-signatory-private.h"

#include <glib/gi18n-lib.h>

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
    us_signatory_assign (g_ptr_array_index (applied->merged, i),
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
    us_signatory_assign (g_ptr_array_index (applied->merged, i),
                                 g_ptr_array_index (applied->after, i));
  us_campaign_set_modified_at (applied->campaign, applied->modified_at_after);
}

static UsSignatory *
build_signatory (UsImportPlan *plan,
                 const Row    *row)
{
  const RowDetails *details = _us_import_row_details (plan, row);
  UsSignatoryFields f = { 0 };

  f.name = row->name;
  f.title = details->title;
  f.organisation = details->organisation;
  f.country = row->country;
  f.email = row->email;
  f.note = details->note;
  f.signed_at = details->signed_at;
  f.origin = plan->origin;
  f.status = details->status;
  f.consent = details->consent;
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
  /* A plan from a key scan only counts: it knows no signatory. */
  g_return_if_fail (plan->keys == NULL || plan->keys->campaign != NULL);
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
      const RowDetails *details = _us_import_row_details (plan, row);
      UsSignatory *target = ((UsImportExisting *) row->target)->signatory;
      UsSignatoryFields f = { 0 };
      g_autoptr(UsSignatory) before = NULL;

      /* Deleted since the plan was made: nothing to merge into. */
      if (!g_hash_table_contains (present, target))
        continue;
      before = us_signatory_copy (target);
      f.title = details->title;
      f.organisation = details->organisation;
      f.country = row->country;
      f.email = row->email;
      f.note = details->note;
      f.signed_at = details->signed_at;
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
