/* us-preferences-window.h: the application's preferences — for now the
 * organisation's signing key for press packs
 *
 * The key is a PEM file; only its path is remembered (GSettings
 * "signing-key").  The private key never enters a campaign, a draft or
 * an export: exports get the public key, which this window can also save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-sign.h"

G_BEGIN_DECLS

#define US_TYPE_PREFERENCES_WINDOW (us_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (UsPreferencesWindow, us_preferences_window, US, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* settings may be NULL (no schema installed): nothing is remembered. */
UsPreferencesWindow *us_preferences_window_new        (GtkWindow           *parent,
                                                       GSettings           *settings);
/* What "Create Key…" does once the type is chosen: a new key pair in
 * $XDG_DATA_HOME/undersigned/keys, made in a thread, then remembered.
 */
void                 us_preferences_window_create_key (UsPreferencesWindow *self,
                                                       UsKeyType            type);
/* The remembered key's path, or NULL. */
const char          *us_preferences_window_get_key    (UsPreferencesWindow *self);

/* The signing key remembered in settings, or NULL when there is none. */
char                *us_signing_key_dup_path          (GSettings           *settings);

G_END_DECLS
