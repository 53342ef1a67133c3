/* us-disk-change-dialog.h: "another program changed the file: reload it,
 * or keep this version?"
 *
 * Responses: "reload", and "keep" (also when closed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define US_TYPE_DISK_CHANGE_DIALOG (us_disk_change_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsDiskChangeDialog, us_disk_change_dialog, US, DISK_CHANGE_DIALOG, AdwMessageDialog)

/* @modified: whether a reload would lose unsaved changes. */
GtkWindow *us_disk_change_dialog_new (GtkWindow *parent,
                                      GFile     *file,
                                      gboolean   modified);

G_END_DECLS
