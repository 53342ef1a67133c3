/* us-import-dialog.h: import signatures from a CSV or OSDI JSON file
 *
 * Three steps in one modal window: what each column holds (with a live
 * count of the rows that would be added, merged and rejected, recomputed
 * in a worker thread as the mapping changes), progress for a big file,
 * and a summary listing the rejected rows, which can be saved as CSV for
 * fixing.  The import itself is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_IMPORT_DIALOG (us_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsImportDialog, us_import_dialog, US, IMPORT_DIALOG, AdwWindow)

/* Asks for a file, then shows the dialog for it: what "win.import" runs.
 * undo may be NULL.
 */
void            us_import_dialog_present   (GtkWindow   *parent,
                                            UsCampaign  *campaign,
                                            UsUndoStack *undo);
/* Reads FILE (refusing one over the import limit before reading it,
 * with an alert), then shows the dialog for it.
 */
void            us_import_dialog_open_file (GtkWindow   *parent,
                                            UsCampaign  *campaign,
                                            UsUndoStack *undo,
                                            GFile       *file);
/* The dialog for data already read (tests, drag and drop, fetches). */
UsImportDialog *us_import_dialog_new       (GtkWindow   *parent,
                                            UsCampaign  *campaign,
                                            UsUndoStack *undo,
                                            GBytes      *data,
                                            const char  *display_name);
/* Starts the import as the Import button does; for tests. */
void            us_import_dialog_import    (UsImportDialog *self);

G_END_DECLS
