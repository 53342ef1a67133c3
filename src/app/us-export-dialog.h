/* us-export-dialog.h: export a press pack, a PDF, the XML or a CSV
 *
 * The options, then a file chooser, then the export in a worker thread
 * with progress and Cancel.  The worker reads a private copy of the
 * campaign, made on the main thread when the export starts, so the
 * window stays usable and nothing it changes reaches a half-written
 * export.  On success the dialog closes and the parent window shows a
 * toast with Open and Show in Folder; errors stay in the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-export.h"

G_BEGIN_DECLS

#define US_TYPE_EXPORT_DIALOG (us_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsExportDialog, us_export_dialog, US, EXPORT_DIALOG, AdwWindow)

/* settings (may be NULL) holds the signing key ("signing-key"). */
UsExportDialog *us_export_dialog_new         (GtkWindow      *parent,
                                              UsCampaign     *campaign,
                                              GSettings      *settings);
void            us_export_dialog_set_format  (UsExportDialog *self,
                                              UsExportFormat  format);
UsExportFormat  us_export_dialog_get_format  (UsExportDialog *self);
/* Exports to path (a folder for the press pack) with the options shown,
 * as Export does once the file is chosen: for tests.  ::finished tells
 * the outcome.
 */
void            us_export_dialog_run_to_path (UsExportDialog *self,
                                              UsExportFormat  format,
                                              const char     *path);
/* Fraction done of the running export, 0 to 1. */
double          us_export_dialog_get_progress (UsExportDialog *self);

G_END_DECLS
