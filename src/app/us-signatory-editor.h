/* us-signatory-editor.h: the form that adds or edits one signatory
 *
 * A modal window over the main window.  It never touches the campaign:
 * when the user saves, it emits "save" with a new UsSignatory holding the
 * form's values (a copy of the edited signatory, so fields the form does
 * not show are kept) and closes; the caller applies it, as one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-signatory.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY_EDITOR (us_signatory_editor_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatoryEditor, us_signatory_editor, US, SIGNATORY_EDITOR, AdwWindow)

/* signatory: the one to edit, or NULL to add a new one. */
UsSignatoryEditor *us_signatory_editor_new           (GtkWindow         *parent,
                                                      UsSignatory       *signatory);
/* The signatory being edited, or NULL when adding. */
UsSignatory       *us_signatory_editor_get_signatory (UsSignatoryEditor *self);
/* Whether every field holds a value that can be saved. */
gboolean           us_signatory_editor_is_valid      (UsSignatoryEditor *self);

G_END_DECLS
