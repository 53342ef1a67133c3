/* us-array-store.h: a GListModel over a GPtrArray
 *
 * GListStore keeps its items in a GSequence: 48 bytes and a logarithmic
 * lookup per item.  A million signatories want 8 bytes and O(1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define US_TYPE_ARRAY_STORE (us_array_store_get_type ())
G_DECLARE_FINAL_TYPE (UsArrayStore, us_array_store, US, ARRAY_STORE, GObject)

UsArrayStore *us_array_store_new        (GType         item_type);
GType         us_array_store_get_item_type (UsArrayStore *self);
guint         us_array_store_get_n_items (UsArrayStore *self);
/* Borrowed pointer, O(1). */
gpointer      us_array_store_peek       (UsArrayStore *self,
                                         guint         position);
void          us_array_store_append     (UsArrayStore *self,
                                         gpointer      item);
void          us_array_store_insert     (UsArrayStore *self,
                                         guint         position,
                                         gpointer      item);
void          us_array_store_remove     (UsArrayStore *self,
                                         guint         position);
void          us_array_store_remove_all (UsArrayStore *self);
/* Removes n_removals items at position and inserts the n_additions
 * items (new references taken), emitting items-changed once.
 */
void          us_array_store_splice     (UsArrayStore *self,
                                         guint         position,
                                         guint         n_removals,
                                         gpointer     *additions,
                                         guint         n_additions);
gboolean      us_array_store_find       (UsArrayStore *self,
                                         gpointer      item,
                                         guint        *position);
G_END_DECLS
