/* us-signatory-selection.h: the Signatories list's model, cheap to refill
 *
 * A GtkSelectionModel of UsSignatoryRow over a GtkMultiSelection of the
 * shown signatories: row i holds the signatory at i, and selecting or
 * counting is the inner selection's.  Rows follow their signatories when
 * signatories are added or removed, like any list model.  Between
 * us_signatory_selection_begin_refill() and _end_refill(), around a
 * refilter or a resort, they stay in place instead: each row is given
 * the signatory now at its position, and only the change in the number
 * of rows is reported, at the end of the list.  GTK 4.8's list views
 * destroy the widgets of every removed item and create new ones for the
 * added; this way they keep them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY_SELECTION (us_signatory_selection_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatorySelection, us_signatory_selection, US, SIGNATORY_SELECTION, GObject)

/* Takes @model, like gtk_multi_selection_new(). */
UsSignatorySelection *us_signatory_selection_new             (GListModel           *model);

void                  us_signatory_selection_begin_refill  (UsSignatorySelection *self);
void                  us_signatory_selection_end_refill    (UsSignatorySelection *self);

G_END_DECLS
