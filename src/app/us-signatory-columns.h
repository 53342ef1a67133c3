/* us-signatory-columns.h: the cells and sort orders of the signatory list
 *
 * The Signatories page's template declares its GtkColumnViewColumns
 * (titles, widths); this gives each one its cell factory and its sorter.
 * Cells are built to be rebound a thousand times a keystroke: text in a
 * GtkInscription, which never asks for a new size when its text changes,
 * status and listing in a small "pill" label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  US_SIGNATORY_COLUMN_NAME,
  US_SIGNATORY_COLUMN_TITLE,
  US_SIGNATORY_COLUMN_ORGANISATION,
  US_SIGNATORY_COLUMN_COUNTRY,
  US_SIGNATORY_COLUMN_STATUS,
  US_SIGNATORY_COLUMN_CONSENT,
  US_SIGNATORY_COLUMN_SIGNED,
} UsSignatoryColumn;

void us_signatory_column_setup (GtkColumnViewColumn *column,
                                UsSignatoryColumn    kind);

G_END_DECLS
