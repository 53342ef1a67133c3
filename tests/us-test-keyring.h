/* us-test-keyring.h: a private GNOME Keyring for the token tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Starts gnome-keyring-daemon (secrets only, its login keyring unlocked
 * with a throwaway password, kept under $XDG_DATA_HOME, which the caller
 * points at a temporary folder) on the session bus, and waits until it
 * owns org.freedesktop.secrets.  Returns its pid, or 0 with error saying
 * why it cannot: the caller skips.
 */
GPid     us_test_keyring_start (guint    timeout_ms,
                                GError **error);
/* Ends the daemon that us_test_keyring_start() started. */
void     us_test_keyring_stop  (GPid     pid);
/* Removes a temporary folder the test made (g_dir_make_tmp) and all in
 * it: the keyring files, for one.  Never follows symbolic links.
 */
void     us_test_remove_tree   (const char *path);

G_END_DECLS
