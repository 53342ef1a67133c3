/* us-signatory-row.h: one row of the Signatories list, and who is in it
 *
 * The items the column view shows (see us-signatory-selection.h): a row
 * holds a signatory, which a refilter may swap for another, so that the
 * view keeps the row and its widgets.  A cell binds to the row and
 * listens to "changed", emitted when the row holds another signatory or
 * when a field of its signatory changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "us-signatory.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY_ROW (us_signatory_row_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatoryRow, us_signatory_row, US, SIGNATORY_ROW, GObject)

UsSignatoryRow *us_signatory_row_new           (UsSignatory    *signatory);
UsSignatory    *us_signatory_row_get_signatory (UsSignatoryRow *self);
void            us_signatory_row_set_signatory (UsSignatoryRow *self,
                                                UsSignatory    *signatory);

G_END_DECLS
