/* us-signatory-history.h: the Signatories page's edits on the undo stack,
 * and the toasts that offer to undo them
 *
 * Each edit is a UsSignatoryChange.  An Undo toast may only undo the
 * change it announced, and only while that change is still the newest
 * entry of the undo stack: anything done since (on this page or another)
 * must be undone first, from the Edit menu, or the history would no
 * longer be a history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-signatory-changes.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY_HISTORY (us_signatory_history_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatoryHistory, us_signatory_history, US, SIGNATORY_HISTORY, GObject)

/* @owner (not referenced: it owns the history) is told through @notify
 * what each change, its undo and its redo touched.
 */
UsSignatoryHistory *us_signatory_history_new            (GObject                 *owner,
                                                         UsSignatoryChangeNotify  notify);
UsUndoStack        *us_signatory_history_get_undo_stack (UsSignatoryHistory      *self);
/* Returns whether the stack changed. */
gboolean            us_signatory_history_set_undo_stack (UsSignatoryHistory      *self,
                                                         UsUndoStack             *undo_stack);
/* No toast shown so far may undo anything any more (a new campaign). */
void                us_signatory_history_forget         (UsSignatoryHistory      *self);

/* Takes @change, applies it and pushes it as @label; returns a serial
 * for us_signatory_history_new_toast(), or 0 when there is no undo stack.
 */
guint               us_signatory_history_push           (UsSignatoryHistory      *self,
                                                         const char              *label,
                                                         UsSignatoryChange       *change);
/* The same, except that a change of no rows is dropped (returns 0). */
guint               us_signatory_history_commit         (UsSignatoryHistory      *self,
                                                         UsSignatoryChange       *change,
                                                         const char              *label);
/* A toast titled @title, with an Undo button when @serial is not 0. */
AdwToast           *us_signatory_history_new_toast      (UsSignatoryHistory      *self,
                                                         const char              *title,
                                                         guint                    serial);

G_END_DECLS
