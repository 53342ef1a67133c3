/* us-application.h: the application: windows, files, drafts, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-fetcher.h"

G_BEGIN_DECLS

#define US_TYPE_APPLICATION (us_application_get_type ())
G_DECLARE_FINAL_TYPE (UsApplication, us_application, US, APPLICATION, AdwApplication)

UsApplication *us_application_new             (GApplicationFlags  flags);
/* NULL when the schema is not installed (a bare DESTDIR install). */
GSettings     *us_application_get_settings    (UsApplication     *self);
/* The Open Recent section the windows' menus share. */
GMenuModel    *us_application_get_recent_menu (UsApplication     *self);
void           us_application_add_recent      (UsApplication     *self,
                                               GFile             *file);
/* Focuses the window showing file, or opens it in a new window (or in
 * from, when from shows nothing worth keeping).
 */
void           us_application_open_file       (UsApplication     *self,
                                               GFile             *file,
                                               GtkWindow         *from);
/* Reopens every draft left by a run that did not quit cleanly; returns
 * how many windows it opened.
 */
guint          us_application_restore_drafts  (UsApplication     *self);
/* The one fetcher every window refreshes its sources with. */
UsFetcher     *us_application_get_fetcher     (UsApplication     *self);
/* Keeps a source's token (from the keyring) for the fetcher to send;
 * token NULL forgets it.  Memory only, never written anywhere.
 */
void           us_application_remember_token  (UsApplication     *self,
                                               const char        *url,
                                               const char        *header,
                                               const char        *token);
/* Campaign files, for every file chooser. */
GtkFileFilter *us_application_new_file_filter (void);
/* The bundled sample campaign, or NULL when it is not installed. */
GFile         *us_application_find_sample     (void);

G_END_DECLS
