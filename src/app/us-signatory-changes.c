/* us-signatory-changes.c
 *
 * Removing many rows is one splice of the store, from the first of them
 * to the end, so deleting 50,000 scattered rows is one items-changed,
 * not 50,000, and its undo puts back exactly the same tail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-array-store.h"
#include "us-signatory-changes.h"

typedef enum
{
  KIND_FIELDS,
  KIND_ROWS,
} Kind;

struct _UsSignatoryChange
{
  Kind                     kind;
  GWeakRef                 owner;
  UsSignatoryChangeNotify  notify;

  /* KIND_FIELDS */
  UsSignatoryField         fields;
  GPtrArray               *items;
  GPtrArray               *before;      /* snapshots, for FIELD_ALL */
  GPtrArray               *after;
  GArray                  *old_values;  /* one field's values, else */
  GArray                  *new_values;

  /* KIND_ROWS */
  UsCampaign              *campaign;
  guint                    position;
  UsSignatory             *signatory;   /* one row, or NULL */
  GPtrArray               *tail;        /* the rows from position, before */
  GPtrArray               *kept;        /* the same rows, after */
  gboolean                 added;       /* the edit added signatory */
};

static UsSignatoryChange *
change_new (Kind kind)
{
  UsSignatoryChange *self = g_new0 (UsSignatoryChange, 1);

  self->kind = kind;
  g_weak_ref_init (&self->owner, NULL);
  return self;
}

UsSignatoryChange *
us_signatory_change_new_fields (UsSignatoryField fields)
{
  UsSignatoryChange *self = change_new (KIND_FIELDS);

  self->fields = fields;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (fields == US_SIGNATORY_FIELD_ALL)
    {
      self->before = g_ptr_array_new_with_free_func (g_object_unref);
      self->after = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      self->old_values = g_array_new (FALSE, FALSE, sizeof (guint));
      self->new_values = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  return self;
}

void
us_signatory_change_add_snapshot (UsSignatoryChange *self,
                                  UsSignatory       *signatory,
                                  UsSignatory       *before,
                                  UsSignatory       *after)
{
  g_return_if_fail (self->kind == KIND_FIELDS && self->before != NULL);

  g_ptr_array_add (self->items, g_object_ref (signatory));
  g_ptr_array_add (self->before, g_object_ref (before));
  g_ptr_array_add (self->after, g_object_ref (after));
}

void
us_signatory_change_add_value (UsSignatoryChange *self,
                               UsSignatory       *signatory,
                               guint              old_value,
                               guint              new_value)
{
  g_return_if_fail (self->kind == KIND_FIELDS && self->old_values != NULL);

  g_ptr_array_add (self->items, g_object_ref (signatory));
  g_array_append_val (self->old_values, old_value);
  g_array_append_val (self->new_values, new_value);
}

static guint
last_prominent (GListModel *prominent)
{
  guint n = g_list_model_get_n_items (prominent);
  g_autoptr(UsSignatory) last = n ? g_list_model_get_item (prominent, n - 1) : NULL;

  return last ? us_signatory_get_prominent (last) : 0;
}

UsSignatoryChange *
us_signatory_change_new_edit (UsSignatory *target,
                              UsSignatory *after,
                              GListModel  *prominent)
{
  g_autoptr(UsSignatory) before = us_signatory_copy (target);
  guint old_position = us_signatory_get_prominent (target);
  guint new_position = us_signatory_get_prominent (after);
  UsSignatoryChange *self = us_signatory_change_new_fields (US_SIGNATORY_FIELD_ALL);

  if (old_position > 0 && new_position > 0)
    us_signatory_set_prominent (after, old_position);
  else if (new_position > 0)
    us_signatory_set_prominent (after, last_prominent (prominent) + 1);
  else if (old_position > 0)
    {
      /* Close the gap the signatory leaves in the prominent order. */
      for (guint i = 0; i < g_list_model_get_n_items (prominent); i++)
        {
          g_autoptr(UsSignatory) other = g_list_model_get_item (prominent, i);
          guint position = us_signatory_get_prominent (other);
          g_autoptr(UsSignatory) other_before = NULL;
          g_autoptr(UsSignatory) other_after = NULL;

          if (other == target || position < old_position)
            continue;
          other_before = us_signatory_copy (other);
          other_after = us_signatory_copy (other);
          us_signatory_set_prominent (other_after, position - 1);
          us_signatory_change_add_snapshot (self, other, other_before, other_after);
        }
    }

  if (self->items->len == 0 && us_signatory_equal (before, after))
    {
      us_signatory_change_free (self);
      return NULL;
    }
  us_signatory_change_add_snapshot (self, target, before, after);
  return self;
}

UsSignatoryChange *
us_signatory_change_new_values (UsSignatoryField  field,
                                GPtrArray        *signatories,
                                guint             value)
{
  UsSignatoryChange *self = us_signatory_change_new_fields (field);

  g_return_val_if_fail (field == US_SIGNATORY_FIELD_STATUS || field == US_SIGNATORY_FIELD_CONSENT, self);

  for (guint i = 0; i < signatories->len; i++)
    {
      UsSignatory *signatory = signatories->pdata[i];
      guint old = field == US_SIGNATORY_FIELD_STATUS ? us_signatory_get_status (signatory)
                                                     : us_signatory_get_consent (signatory);

      if (old != value)
        us_signatory_change_add_value (self, signatory, old, value);
    }
  return self;
}

UsSignatoryChange *
us_signatory_change_new_order (GListModel *prominent,
                               GPtrArray  *order)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  UsSignatoryChange *self = us_signatory_change_new_fields (US_SIGNATORY_FIELD_PROMINENT);
  guint n = g_list_model_get_n_items (prominent);

  for (guint i = 0; i < order->len; i++)
    g_hash_table_insert (positions, order->pdata[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (prominent, i);

      if (!g_hash_table_contains (positions, signatory))
        us_signatory_change_add_value (self, signatory, us_signatory_get_prominent (signatory), 0);
    }
  for (guint i = 0; i < order->len; i++)
    {
      UsSignatory *signatory = order->pdata[i];
      guint old = us_signatory_get_prominent (signatory);

      if (old != i + 1)
        us_signatory_change_add_value (self, signatory, old, i + 1);
    }
  return self;
}

UsSignatoryChange *
us_signatory_change_new_added (UsCampaign  *campaign,
                               UsSignatory *signatory)
{
  UsSignatoryChange *self = change_new (KIND_ROWS);

  self->fields = US_SIGNATORY_FIELD_PROMINENT;
  self->campaign = g_object_ref (campaign);
  self->signatory = g_object_ref (signatory);
  self->position = g_list_model_get_n_items (us_campaign_get_signatories (campaign));
  self->added = TRUE;
  return self;
}

UsSignatoryChange *
us_signatory_change_new_removed (UsCampaign *campaign,
                                 GPtrArray  *signatories)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  g_autoptr(GHashTable) doomed = NULL;
  UsSignatoryChange *self;
  guint n, first;

  if (signatories->len == 1)
    {
      guint position;

      if (!us_array_store_find (store, signatories->pdata[0], &position))
        return NULL;
      self = change_new (KIND_ROWS);
      self->signatory = g_object_ref (signatories->pdata[0]);
      self->position = position;
    }
  else
    {
      self = change_new (KIND_ROWS);
      doomed = g_hash_table_new (NULL, NULL);
      n = g_list_model_get_n_items (G_LIST_MODEL (store));
      first = n;
      for (guint i = 0; i < signatories->len; i++)
        g_hash_table_add (doomed, signatories->pdata[i]);
      self->tail = g_ptr_array_new_with_free_func (g_object_unref);
      self->kept = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          UsSignatory *signatory = us_array_store_peek (store, i);
          gboolean deleted = g_hash_table_contains (doomed, signatory);

          if (first == n && !deleted)
            continue;
          if (first == n)
            first = i;
          g_ptr_array_add (self->tail, g_object_ref (signatory));
          if (!deleted)
            g_ptr_array_add (self->kept, g_object_ref (signatory));
        }
      self->position = first;
    }
  self->fields = US_SIGNATORY_FIELD_PROMINENT;
  self->campaign = g_object_ref (campaign);
  return self;
}

guint
us_signatory_change_get_n_rows (UsSignatoryChange *self)
{
  if (self->kind == KIND_FIELDS)
    return self->items->len;
  if (self->signatory != NULL)
    return 1;
  return self->tail->len - self->kept->len;
}

void
us_signatory_change_set_notify (UsSignatoryChange       *self,
                                GObject                 *owner,
                                UsSignatoryChangeNotify  notify)
{
  g_weak_ref_set (&self->owner, owner);
  self->notify = notify;
}

static void
set_field (UsSignatory      *signatory,
           UsSignatoryField  field,
           guint             value)
{
  switch ((int) field)
    {
    case US_SIGNATORY_FIELD_STATUS:
      us_signatory_set_status (signatory, value);
      break;

    case US_SIGNATORY_FIELD_CONSENT:
      us_signatory_set_consent (signatory, value);
      break;

    case US_SIGNATORY_FIELD_PROMINENT:
      us_signatory_set_prominent (signatory, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
apply_fields (UsSignatoryChange *self,
              gboolean           forward)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      UsSignatory *signatory = self->items->pdata[i];

      if (self->before != NULL)
        us_signatory_assign (signatory, forward ? self->after->pdata[i] : self->before->pdata[i]);
      else
        set_field (signatory, self->fields,
                   g_array_index (forward ? self->new_values : self->old_values, guint, i));
    }
}

static void
apply_rows (UsSignatoryChange *self,
            gboolean           forward)
{
  if (self->signatory != NULL)
    {
      if (forward == self->added)
        us_campaign_insert_signatory (self->campaign, self->position, self->signatory);
      else
        us_campaign_remove_signatory (self->campaign, self->signatory, NULL);
    }
  else
    {
      UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (self->campaign));
      GPtrArray *from = forward ? self->tail : self->kept;
      GPtrArray *to = forward ? self->kept : self->tail;

      us_array_store_splice (store, self->position, from->len, to->pdata, to->len);
    }
}

void
us_signatory_change_apply (UsSignatoryChange *self,
                           gboolean           forward)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);

  if (self->kind == KIND_FIELDS)
    apply_fields (self, forward);
  else
    apply_rows (self, forward);
  if (owner != NULL && self->notify != NULL)
    self->notify (owner, self->fields);
}

void
us_signatory_change_undo (gpointer change)
{
  us_signatory_change_apply (change, FALSE);
}

void
us_signatory_change_redo (gpointer change)
{
  us_signatory_change_apply (change, TRUE);
}

void
us_signatory_change_free (UsSignatoryChange *self)
{
  g_weak_ref_clear (&self->owner);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_ptr_array_unref);
  g_clear_pointer (&self->after, g_ptr_array_unref);
  g_clear_pointer (&self->old_values, g_array_unref);
  g_clear_pointer (&self->new_values, g_array_unref);
  g_clear_object (&self->campaign);
  g_clear_object (&self->signatory);
  g_clear_pointer (&self->tail, g_ptr_array_unref);
  g_clear_pointer (&self->kept, g_ptr_array_unref);
  g_free (self);
}
