/* us-window.h: one campaign's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-document.h"
#include "us-drafts.h"

G_BEGIN_DECLS

#define US_TYPE_WINDOW (us_window_get_type ())
G_DECLARE_FINAL_TYPE (UsWindow, us_window, US, WINDOW, AdwApplicationWindow)

UsWindow   *us_window_new              (GtkApplication    *application);
UsDocument *us_window_get_document     (UsWindow          *self);
/* The file shown, or the one being loaded. */
GFile      *us_window_get_file         (UsWindow          *self);
/* Loads file in the background; as_copy shows it as a new, untitled
 * campaign (the bundled sample, which lives in a read-only folder).
 */
void        us_window_load             (UsWindow          *self,
                                        GFile             *file,
                                        gboolean           as_copy);
void        us_window_recover          (UsWindow          *self,
                                        const UsDraftInfo *draft);
/* For every page: feedback at the bottom of the window. */
void        us_window_add_toast        (UsWindow          *self,
                                        AdwToast          *toast);
/* "letter", "signatories", "incidents" or "sources". */
void        us_window_set_page         (UsWindow          *self,
                                        const char        *name);
GtkWidget  *us_window_get_page_widget  (UsWindow          *self,
                                        const char        *name);
/* Renders the window to a PNG once it is drawn and its campaign loaded,
 * then closes it: build-aux/screenshots.sh.
 */
void        us_window_screenshot_when_ready (UsWindow     *self,
                                             const char   *png_path);
/* Writes the draft now when there are unsaved changes: for a forced
 * quit, when no dialog can be shown.
 */
void        us_window_save_draft       (UsWindow          *self);

G_END_DECLS
