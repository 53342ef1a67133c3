/* us-signatory-selection.c
 *
 * Measured with bench/bench-ui-filter.c on 100,000 signatories: GTK
 * 4.8's list item manager keeps ~200 rows of widgets (7 cells each) and,
 * when the filter model reports a keystroke as one removal and addition
 * over the shown rows, destroys the widgets of every row whose item went
 * away and creates new ones; it reuses a widget only for the very same
 * item, and its selection-changed handler never rebinds a widget to
 * another item.  That was some 1,400 new cells a keystroke, most of the
 * time to the next frame.  Here the items are rows that keep their
 * position through a refilter or a resort: no widget is removed, each
 * row tells its cells that it holds another signatory, and the view
 * hears only that the list got longer or shorter at its end.
 *
 * Rows exist only while someone (the view, in practice) holds them: the
 * table of rows by position is weak, about 200 entries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-signatory-row.h"
#include "us-signatory-selection.h"

struct _UsSignatorySelection
{
  GObject            parent_instance;

  GtkSelectionModel *selection;
  GHashTable        *rows;        /* position + 1 -> UsSignatoryRow, weak */
  GHashTable        *positions;   /* UsSignatoryRow -> position + 1 */
  guint              refilling;
  guint              had_selection : 1;
};

static void us_signatory_selection_list_model_init      (GListModelInterface        *iface);
static void us_signatory_selection_selection_model_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UsSignatorySelection, us_signatory_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      us_signatory_selection_list_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      us_signatory_selection_selection_model_init))

/* GListModel ----------------------------------------------------------- */

/* Rows ----------------------------------------------------------------- */

static void row_finalized_cb (gpointer  data,
                              GObject  *where_the_object_was);

static void
forget_row (UsSignatorySelection *self,
            UsSignatoryRow       *row,
            guint                 position)
{
  g_hash_table_remove (self->rows, GUINT_TO_POINTER (position + 1));
  g_hash_table_remove (self->positions, row);
}

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  UsSignatorySelection *self = data;
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, where_the_object_was)) - 1;

  forget_row (self, (UsSignatoryRow *) where_the_object_was, position);
}

static void
remember_row (UsSignatorySelection *self,
              UsSignatoryRow       *row,
              guint                 position)
{
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position + 1), row);
  g_hash_table_insert (self->positions, row, GUINT_TO_POINTER (position + 1));
}

static void
detach_all (UsSignatorySelection *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    g_object_weak_unref (G_OBJECT (row), row_finalized_cb, self);
  g_hash_table_remove_all (self->rows);
  g_hash_table_remove_all (self->positions);
}

/* The rows from position on, in a new array, with their positions. */
static GArray *
take_rows_from (UsSignatorySelection *self,
                guint                 position)
{
  GArray *taken = g_array_new (FALSE, FALSE, sizeof (gpointer) * 2);
  GHashTableIter iter;
  gpointer key, row;

  g_hash_table_iter_init (&iter, self->positions);
  while (g_hash_table_iter_next (&iter, &row, &key))
    {
      gpointer pair[2] = { row, GUINT_TO_POINTER (GPOINTER_TO_UINT (key) - 1) };

      if (GPOINTER_TO_UINT (pair[1]) < position)
        continue;
      g_array_append_val (taken, pair);
      g_hash_table_remove (self->rows, key);
      g_hash_table_iter_remove (&iter);
    }
  return taken;
}

#define TAKEN_ROW(taken, i) (((gpointer *) (taken)->data)[2 * (i)])
#define TAKEN_POSITION(taken, i) GPOINTER_TO_UINT (((gpointer *) (taken)->data)[2 * (i) + 1])

/* GListModel ----------------------------------------------------------- */

static GType
us_signatory_selection_get_item_type (GListModel *model)
{
  return US_TYPE_SIGNATORY_ROW;
}

static guint
us_signatory_selection_get_n_items (GListModel *model)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}

static gpointer
us_signatory_selection_get_item (GListModel *model,
                                 guint       position)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;
  g_autoptr(UsSignatory) signatory = NULL;
  UsSignatoryRow *row;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position + 1));
  if (row != NULL)
    return g_object_ref (row);

  signatory = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (signatory == NULL)
    return NULL;
  row = us_signatory_row_new (signatory);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  remember_row (self, row, position);
  return row;
}

static void
us_signatory_selection_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = us_signatory_selection_get_item_type;
  iface->get_n_items = us_signatory_selection_get_n_items;
  iface->get_item = us_signatory_selection_get_item;
}

/* GtkSelectionModel: everything is the inner selection's ------------- */

static gboolean
us_signatory_selection_is_selected (GtkSelectionModel *model,
                                    guint              position)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_is_selected (self->selection, position);
}

static GtkBitset *
us_signatory_selection_get_selection_in_range (GtkSelectionModel *model,
                                               guint              position,
                                               guint              n_items)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_get_selection_in_range (self->selection, position, n_items);
}

static gboolean
us_signatory_selection_select_item (GtkSelectionModel *model,
                                    guint              position,
                                    gboolean           unselect_rest)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_select_item (self->selection, position, unselect_rest);
}

static gboolean
us_signatory_selection_unselect_item (GtkSelectionModel *model,
                                      guint              position)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_unselect_item (self->selection, position);
}

static gboolean
us_signatory_selection_select_range (GtkSelectionModel *model,
                                     guint              position,
                                     guint              n_items,
                                     gboolean           unselect_rest)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_select_range (self->selection, position, n_items, unselect_rest);
}

static gboolean
us_signatory_selection_unselect_range (GtkSelectionModel *model,
                                       guint              position,
                                       guint              n_items)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_unselect_range (self->selection, position, n_items);
}

static gboolean
us_signatory_selection_select_all (GtkSelectionModel *model)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_select_all (self->selection);
}

static gboolean
us_signatory_selection_unselect_all (GtkSelectionModel *model)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_unselect_all (self->selection);
}

static gboolean
us_signatory_selection_set_selection (GtkSelectionModel *model,
                                      GtkBitset         *selected,
                                      GtkBitset         *mask)
{
  UsSignatorySelection *self = (UsSignatorySelection *) model;

  return gtk_selection_model_set_selection (self->selection, selected, mask);
}

static void
us_signatory_selection_selection_model_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = us_signatory_selection_is_selected;
  iface->get_selection_in_range = us_signatory_selection_get_selection_in_range;
  iface->select_item = us_signatory_selection_select_item;
  iface->unselect_item = us_signatory_selection_unselect_item;
  iface->select_range = us_signatory_selection_select_range;
  iface->unselect_range = us_signatory_selection_unselect_range;
  iface->select_all = us_signatory_selection_select_all;
  iface->unselect_all = us_signatory_selection_unselect_all;
  iface->set_selection = us_signatory_selection_set_selection;
}

/* Changes -------------------------------------------------------------- */

/* Like any list model: the rows after the change follow their
 * signatories to their new positions, the rows in it are let go.
 */
static void
move_rows (UsSignatorySelection *self,
           guint                 position,
           guint                 removed,
           guint                 added)
{
  g_autoptr(GArray) taken = take_rows_from (self, position);

  for (guint i = 0; i < taken->len; i++)
    {
      UsSignatoryRow *row = TAKEN_ROW (taken, i);
      guint old_position = TAKEN_POSITION (taken, i);

      if (old_position < position + removed)
        g_object_weak_unref (G_OBJECT (row), row_finalized_cb, self);
      else
        remember_row (self, row, old_position - removed + added);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* The rows stay; from position on they hold the signatories now there. */
static void
refill_rows (UsSignatorySelection *self,
             guint                 position,
             guint                 removed,
             guint                 added)
{
  g_autoptr(GArray) taken = take_rows_from (self, position);
  g_autoptr(GtkBitset) selected = NULL;
  guint n_new = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint n_old = n_new - added + removed;
  guint n_common = MIN (n_old, n_new);

  for (guint i = 0; i < taken->len; i++)
    {
      UsSignatoryRow *row = TAKEN_ROW (taken, i);
      guint row_position = TAKEN_POSITION (taken, i);

      if (row_position < n_new)
        {
          g_autoptr(UsSignatory) signatory = g_list_model_get_item (G_LIST_MODEL (self->selection), row_position);

          remember_row (self, row, row_position);
          us_signatory_row_set_signatory (row, signatory);
        }
      else
        g_object_weak_unref (G_OBJECT (row), row_finalized_cb, self);
    }

  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
  else if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);

  /* Selected rows follow their signatories: unless nothing was or is
   * selected, the rows must show which are selected now.
   */
  selected = gtk_selection_model_get_selection (self->selection);
  if ((self->had_selection || !gtk_bitset_is_empty (selected)) && n_common > position)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_common - position);
}

static void
items_changed_cb (UsSignatorySelection *self,
                  guint                 position,
                  guint                 removed,
                  guint                 added)
{
  if (self->refilling > 0)
    refill_rows (self, position, removed, added);
  else
    move_rows (self, position, removed, added);
}

static void
selection_changed_cb (UsSignatorySelection *self,
                      guint                 position,
                      guint                 n_items)
{
  gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, n_items);
}

/* GObject -------------------------------------------------------------- */

static void
us_signatory_selection_dispose (GObject *object)
{
  UsSignatorySelection *self = (UsSignatorySelection *) object;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  detach_all (self);

  G_OBJECT_CLASS (us_signatory_selection_parent_class)->dispose (object);
}

static void
us_signatory_selection_finalize (GObject *object)
{
  UsSignatorySelection *self = (UsSignatorySelection *) object;

  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->positions);

  G_OBJECT_CLASS (us_signatory_selection_parent_class)->finalize (object);
}

static void
us_signatory_selection_class_init (UsSignatorySelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = us_signatory_selection_dispose;
  object_class->finalize = us_signatory_selection_finalize;
}

static void
us_signatory_selection_init (UsSignatorySelection *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->positions = g_hash_table_new (NULL, NULL);
}

UsSignatorySelection *
us_signatory_selection_new (GListModel *model)
{
  UsSignatorySelection *self;

  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (US_TYPE_SIGNATORY_SELECTION, NULL);
  self->selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (model));
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  return self;
}

/* Nested calls are fine: changes are reported in place until the
 * outermost refill ends.
 */
void
us_signatory_selection_begin_refill (UsSignatorySelection *self)
{
  g_return_if_fail (US_IS_SIGNATORY_SELECTION (self));

  if (self->refilling++ == 0)
    {
      g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);

      self->had_selection = !gtk_bitset_is_empty (selected);
    }
}

void
us_signatory_selection_end_refill (UsSignatorySelection *self)
{
  g_return_if_fail (US_IS_SIGNATORY_SELECTION (self));
  g_return_if_fail (self->refilling > 0);

  self->refilling--;
}
