/* us-undo.h: the campaign's undo history
 *
 * Every edit the user makes (a field, a deletion, an import of a thousand
 * rows) is one entry: a pair of functions that undo and redo it.  The stack
 * lives in core so the CLI, the app and the tests share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef void (*UsUndoFunc) (gpointer data);

#define US_TYPE_UNDO_STACK (us_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (UsUndoStack, us_undo_stack, US, UNDO_STACK, GObject)

UsUndoStack *us_undo_stack_new           (void);
/* Records an edit that has already been applied.  data is freed with
 * free_data when the entry leaves the history.  Clears the redo list.
 */
void         us_undo_stack_push          (UsUndoStack    *self,
                                          const char     *label,
                                          UsUndoFunc      undo,
                                          UsUndoFunc      redo,
                                          gpointer        data,
                                          GDestroyNotify  free_data);
/* Records a property change on object as one entry; applied already.
 * Consecutive changes of the same property on the same object within
 * merge_ms (0: never) merge into one entry, as typing does.
 */
void         us_undo_stack_push_property (UsUndoStack    *self,
                                          const char     *label,
                                          GObject        *object,
                                          const char     *property,
                                          const GValue   *old_value,
                                          const GValue   *new_value,
                                          guint           merge_ms);
/* Sets the property and records the change. */
void         us_undo_stack_set_property  (UsUndoStack    *self,
                                          const char     *label,
                                          gpointer        object,
                                          const char     *property,
                                          const GValue   *value);
gboolean     us_undo_stack_can_undo      (UsUndoStack    *self);
gboolean     us_undo_stack_can_redo      (UsUndoStack    *self);
/* The label of the entry undo/redo would apply, or NULL. */
const char  *us_undo_stack_get_undo_label (UsUndoStack   *self);
const char  *us_undo_stack_get_redo_label (UsUndoStack   *self);
gboolean     us_undo_stack_undo          (UsUndoStack    *self);
gboolean     us_undo_stack_redo          (UsUndoStack    *self);
void         us_undo_stack_clear         (UsUndoStack    *self);
guint        us_undo_stack_get_limit     (UsUndoStack    *self);
void         us_undo_stack_set_limit     (UsUndoStack    *self,
                                          guint           limit);

G_END_DECLS
