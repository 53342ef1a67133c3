/* us-signatory-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-signatory-history.h"

struct _UsSignatoryHistory
{
  GObject                  parent_instance;

  GObject                 *owner;        /* not referenced */
  UsSignatoryChangeNotify  notify;
  UsUndoStack             *undo_stack;
  gulong                   undo_notify_id;
  guint                    last_serial;
  /* Our last change, while it is the newest entry of the undo stack: the
   * only one an Undo toast may undo.
   */
  guint                    top_serial;
  guint                    pushing : 1;
};

G_DEFINE_FINAL_TYPE (UsSignatoryHistory, us_signatory_history, G_TYPE_OBJECT)

static void
undo_stack_notify_cb (UsSignatoryHistory *self)
{
  if (!self->pushing)
    self->top_serial = 0;
}

static void
us_signatory_history_dispose (GObject *object)
{
  us_signatory_history_set_undo_stack (US_SIGNATORY_HISTORY (object), NULL);
  G_OBJECT_CLASS (us_signatory_history_parent_class)->dispose (object);
}

static void
us_signatory_history_class_init (UsSignatoryHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = us_signatory_history_dispose;
}

static void
us_signatory_history_init (UsSignatoryHistory *self)
{
}

UsSignatoryHistory *
us_signatory_history_new (GObject                 *owner,
                          UsSignatoryChangeNotify  notify)
{
  UsSignatoryHistory *self = g_object_new (US_TYPE_SIGNATORY_HISTORY, NULL);

  self->owner = owner;
  self->notify = notify;
  return self;
}

UsUndoStack *
us_signatory_history_get_undo_stack (UsSignatoryHistory *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_HISTORY (self), NULL);

  return self->undo_stack;
}

gboolean
us_signatory_history_set_undo_stack (UsSignatoryHistory *self,
                                     UsUndoStack        *undo_stack)
{
  g_return_val_if_fail (US_IS_SIGNATORY_HISTORY (self), FALSE);
  g_return_val_if_fail (undo_stack == NULL || US_IS_UNDO_STACK (undo_stack), FALSE);

  if (self->undo_stack == undo_stack)
    return FALSE;

  if (self->undo_stack != NULL)
    g_clear_signal_handler (&self->undo_notify_id, self->undo_stack);
  g_set_object (&self->undo_stack, undo_stack);
  if (undo_stack != NULL)
    self->undo_notify_id =
      g_signal_connect_swapped (undo_stack, "notify::undo-label",
                                G_CALLBACK (undo_stack_notify_cb), self);
  self->top_serial = 0;
  return TRUE;
}

void
us_signatory_history_forget (UsSignatoryHistory *self)
{
  g_return_if_fail (US_IS_SIGNATORY_HISTORY (self));

  self->top_serial = 0;
}

guint
us_signatory_history_push (UsSignatoryHistory *self,
                           const char         *label,
                           UsSignatoryChange  *change)
{
  g_return_val_if_fail (US_IS_SIGNATORY_HISTORY (self), 0);
  g_return_val_if_fail (change != NULL, 0);

  us_signatory_change_set_notify (change, self->owner, self->notify);
  us_signatory_change_apply (change, TRUE);
  if (self->undo_stack == NULL)
    {
      us_signatory_change_free (change);
      return 0;
    }
  self->pushing = TRUE;
  us_undo_stack_push (self->undo_stack, label, us_signatory_change_undo, us_signatory_change_redo,
                      change, (GDestroyNotify) us_signatory_change_free);
  self->pushing = FALSE;
  self->top_serial = ++self->last_serial;
  return self->top_serial;
}

guint
us_signatory_history_commit (UsSignatoryHistory *self,
                             UsSignatoryChange  *change,
                             const char         *label)
{
  g_return_val_if_fail (US_IS_SIGNATORY_HISTORY (self), 0);
  g_return_val_if_fail (change != NULL, 0);

  if (us_signatory_change_get_n_rows (change) == 0)
    {
      us_signatory_change_free (change);
      return 0;
    }
  return us_signatory_history_push (self, label, change);
}

static void
toast_undo_cb (AdwToast           *toast,
               UsSignatoryHistory *self)
{
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "us-serial"));

  if (self->undo_stack != NULL && serial != 0 && serial == self->top_serial)
    us_undo_stack_undo (self->undo_stack);
}

AdwToast *
us_signatory_history_new_toast (UsSignatoryHistory *self,
                                const char         *title,
                                guint               serial)
{
  AdwToast *toast;

  g_return_val_if_fail (US_IS_SIGNATORY_HISTORY (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  toast = adw_toast_new (title);
  if (serial != 0)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      g_object_set_data (G_OBJECT (toast), "us-serial", GUINT_TO_POINTER (serial));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
    }
  return toast;
}
