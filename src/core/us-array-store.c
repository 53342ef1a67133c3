/* us-array-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-array-store.h"

struct _UsArrayStore
{
  GObject    parent_instance;
  GType      item_type;
  GPtrArray *items;
};

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
list_model_get_item_type (GListModel *model)
{
  return US_ARRAY_STORE (model)->item_type;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return US_ARRAY_STORE (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  UsArrayStore *self = US_ARRAY_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (UsArrayStore, us_array_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
us_array_store_finalize (GObject *object)
{
  UsArrayStore *self = (UsArrayStore *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (us_array_store_parent_class)->finalize (object);
}

static void
us_array_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UsArrayStore *self = US_ARRAY_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_array_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UsArrayStore *self = US_ARRAY_STORE (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_array_store_class_init (UsArrayStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = us_array_store_finalize;
  object_class->get_property = us_array_store_get_property;
  object_class->set_property = us_array_store_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_array_store_init (UsArrayStore *self)
{
  self->item_type = G_TYPE_OBJECT;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

UsArrayStore *
us_array_store_new (GType item_type)
{
  return g_object_new (US_TYPE_ARRAY_STORE, "item-type", item_type, NULL);
}

GType
us_array_store_get_item_type (UsArrayStore *self)
{
  g_return_val_if_fail (US_IS_ARRAY_STORE (self), G_TYPE_INVALID);
  return self->item_type;
}

guint
us_array_store_get_n_items (UsArrayStore *self)
{
  g_return_val_if_fail (US_IS_ARRAY_STORE (self), 0);
  return self->items->len;
}

gpointer
us_array_store_peek (UsArrayStore *self,
                     guint         position)
{
  g_return_val_if_fail (US_IS_ARRAY_STORE (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

void
us_array_store_splice (UsArrayStore *self,
                       guint         position,
                       guint         n_removals,
                       gpointer     *additions,
                       guint         n_additions)
{
  g_return_if_fail (US_IS_ARRAY_STORE (self));
  g_return_if_fail (position <= self->items->len);
  g_return_if_fail (n_removals <= self->items->len - position);

  if (n_removals > 0)
    g_ptr_array_remove_range (self->items, position, n_removals);
  for (guint i = 0; i < n_additions; i++)
    {
      g_return_if_fail (g_type_is_a (G_OBJECT_TYPE (additions[i]), self->item_type));
      g_ptr_array_insert (self->items, position + i, g_object_ref (additions[i]));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, n_removals, n_additions);
  if (n_removals != n_additions)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
us_array_store_append (UsArrayStore *self,
                       gpointer      item)
{
  g_return_if_fail (US_IS_ARRAY_STORE (self));
  us_array_store_splice (self, self->items->len, 0, &item, 1);
}

void
us_array_store_insert (UsArrayStore *self,
                       guint         position,
                       gpointer      item)
{
  us_array_store_splice (self, position, 0, &item, 1);
}

void
us_array_store_remove (UsArrayStore *self,
                       guint         position)
{
  us_array_store_splice (self, position, 1, NULL, 0);
}

void
us_array_store_remove_all (UsArrayStore *self)
{
  g_return_if_fail (US_IS_ARRAY_STORE (self));
  if (self->items->len > 0)
    us_array_store_splice (self, 0, self->items->len, NULL, 0);
}

gboolean
us_array_store_find (UsArrayStore *self,
                     gpointer      item,
                     guint        *position)
{
  g_return_val_if_fail (US_IS_ARRAY_STORE (self), FALSE);
  return g_ptr_array_find (self->items, item, position);
}
