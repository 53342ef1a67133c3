/* us-undo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-undo.h"

typedef struct
{
  char           *label;
  UsUndoFunc      undo;
  UsUndoFunc      redo;
  gpointer        data;
  GDestroyNotify  free_data;
  /* For merging property edits. */
  GObject        *object;
  const char     *property;   /* interned */
  gint64          time;
} Entry;

struct _UsUndoStack
{
  GObject  parent_instance;
  GQueue   undo;   /* head = most recent */
  GQueue   redo;
  guint    limit;
  guint    busy : 1;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsUndoStack, us_undo_stack, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  if (entry->free_data)
    entry->free_data (entry->data);
  g_free (entry->label);
  g_free (entry);
}

static void
notify_all (UsUndoStack *self)
{
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static void
us_undo_stack_finalize (GObject *object)
{
  UsUndoStack *self = (UsUndoStack *) object;

  g_queue_clear_full (&self->undo, (GDestroyNotify) entry_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) entry_free);
  G_OBJECT_CLASS (us_undo_stack_parent_class)->finalize (object);
}

static void
us_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UsUndoStack *self = US_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO: g_value_set_boolean (value, us_undo_stack_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, us_undo_stack_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, us_undo_stack_get_undo_label (self)); break;
    case PROP_REDO_LABEL: g_value_set_string (value, us_undo_stack_get_redo_label (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_undo_stack_class_init (UsUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_undo_stack_finalize;
  object_class->get_property = us_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, ro);
  properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_undo_stack_init (UsUndoStack *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->limit = 1000;
}

UsUndoStack *
us_undo_stack_new (void)
{
  return g_object_new (US_TYPE_UNDO_STACK, NULL);
}

static void
push_entry (UsUndoStack *self,
            Entry       *entry)
{
  g_queue_clear_full (&self->redo, (GDestroyNotify) entry_free);
  g_queue_push_head (&self->undo, entry);
  while (self->limit > 0 && self->undo.length > self->limit)
    entry_free (g_queue_pop_tail (&self->undo));
  notify_all (self);
}

void
us_undo_stack_push (UsUndoStack    *self,
                    const char     *label,
                    UsUndoFunc      undo,
                    UsUndoFunc      redo,
                    gpointer        data,
                    GDestroyNotify  free_data)
{
  Entry *entry;

  g_return_if_fail (US_IS_UNDO_STACK (self));
  g_return_if_fail (undo != NULL && redo != NULL);

  if (self->busy)
    {
      /* An undo that triggers edits must not record them. */
      if (free_data)
        free_data (data);
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->label = g_strdup (label);
  entry->undo = undo;
  entry->redo = redo;
  entry->data = data;
  entry->free_data = free_data;
  push_entry (self, entry);
}

typedef struct
{
  GObject    *object;
  const char *property;
  GValue      old_value;
  GValue      new_value;
} PropertyChange;

static void
property_change_free (PropertyChange *change)
{
  g_object_unref (change->object);
  g_value_unset (&change->old_value);
  g_value_unset (&change->new_value);
  g_free (change);
}

static void
property_change_undo (PropertyChange *change)
{
  g_object_set_property (change->object, change->property, &change->old_value);
}

static void
property_change_redo (PropertyChange *change)
{
  g_object_set_property (change->object, change->property, &change->new_value);
}

void
us_undo_stack_push_property (UsUndoStack  *self,
                             const char   *label,
                             GObject      *object,
                             const char   *property,
                             const GValue *old_value,
                             const GValue *new_value,
                             guint         merge_ms)
{
  PropertyChange *change;
  Entry *top;
  gint64 now = g_get_monotonic_time ();
  const char *interned = g_intern_string (property);

  g_return_if_fail (US_IS_UNDO_STACK (self));
  g_return_if_fail (G_IS_OBJECT (object));

  if (self->busy)
    return;

  top = g_queue_peek_head (&self->undo);
  if (merge_ms > 0 && top != NULL && top->object == object && top->property == interned &&
      (now - top->time) / 1000 <= merge_ms && self->redo.length == 0)
    {
      change = top->data;
      g_value_unset (&change->new_value);
      g_value_init (&change->new_value, G_VALUE_TYPE (new_value));
      g_value_copy (new_value, &change->new_value);
      top->time = now;
      return;
    }

  change = g_new0 (PropertyChange, 1);
  change->object = g_object_ref (object);
  change->property = interned;
  g_value_init (&change->old_value, G_VALUE_TYPE (old_value));
  g_value_copy (old_value, &change->old_value);
  g_value_init (&change->new_value, G_VALUE_TYPE (new_value));
  g_value_copy (new_value, &change->new_value);

  us_undo_stack_push (self, label,
                      (UsUndoFunc) property_change_undo,
                      (UsUndoFunc) property_change_redo,
                      change, (GDestroyNotify) property_change_free);
  top = g_queue_peek_head (&self->undo);
  top->object = object;
  top->property = interned;
  top->time = now;
}

void
us_undo_stack_set_property (UsUndoStack  *self,
                            const char   *label,
                            gpointer      object,
                            const char   *property,
                            const GValue *value)
{
  GParamSpec *pspec;
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_return_if_fail (US_IS_UNDO_STACK (self));
  g_return_if_fail (G_IS_OBJECT (object));

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL);

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (object, property, &old_value);
  g_object_set_property (object, property, value);
  g_value_init (&new_value, pspec->value_type);
  g_object_get_property (object, property, &new_value);
  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0)
    return;
  us_undo_stack_push_property (self, label, object, property, &old_value, &new_value, 0);
}

gboolean
us_undo_stack_can_undo (UsUndoStack *self)
{
  g_return_val_if_fail (US_IS_UNDO_STACK (self), FALSE);
  return self->undo.length > 0;
}

gboolean
us_undo_stack_can_redo (UsUndoStack *self)
{
  g_return_val_if_fail (US_IS_UNDO_STACK (self), FALSE);
  return self->redo.length > 0;
}

const char *
us_undo_stack_get_undo_label (UsUndoStack *self)
{
  Entry *entry;

  g_return_val_if_fail (US_IS_UNDO_STACK (self), NULL);
  entry = g_queue_peek_head (&self->undo);
  return entry ? entry->label : NULL;
}

const char *
us_undo_stack_get_redo_label (UsUndoStack *self)
{
  Entry *entry;

  g_return_val_if_fail (US_IS_UNDO_STACK (self), NULL);
  entry = g_queue_peek_head (&self->redo);
  return entry ? entry->label : NULL;
}

static gboolean
move (UsUndoStack *self,
      GQueue      *from,
      GQueue      *to,
      gboolean     undo)
{
  Entry *entry = g_queue_pop_head (from);

  if (entry == NULL)
    return FALSE;
  self->busy = TRUE;
  if (undo)
    entry->undo (entry->data);
  else
    entry->redo (entry->data);
  self->busy = FALSE;
  entry->object = NULL;   /* a moved entry never merges */
  g_queue_push_head (to, entry);
  notify_all (self);
  return TRUE;
}

gboolean
us_undo_stack_undo (UsUndoStack *self)
{
  g_return_val_if_fail (US_IS_UNDO_STACK (self), FALSE);
  return move (self, &self->undo, &self->redo, TRUE);
}

gboolean
us_undo_stack_redo (UsUndoStack *self)
{
  g_return_val_if_fail (US_IS_UNDO_STACK (self), FALSE);
  return move (self, &self->redo, &self->undo, FALSE);
}

void
us_undo_stack_clear (UsUndoStack *self)
{
  g_return_if_fail (US_IS_UNDO_STACK (self));
  g_queue_clear_full (&self->undo, (GDestroyNotify) entry_free);
  g_queue_clear_full (&self->redo, (GDestroyNotify) entry_free);
  notify_all (self);
}

guint
us_undo_stack_get_limit (UsUndoStack *self)
{
  g_return_val_if_fail (US_IS_UNDO_STACK (self), 0);
  return self->limit;
}

void
us_undo_stack_set_limit (UsUndoStack *self,
                         guint        limit)
{
  g_return_if_fail (US_IS_UNDO_STACK (self));
  self->limit = limit;
  while (limit > 0 && self->undo.length > limit)
    entry_free (g_queue_pop_tail (&self->undo));
}
