/* us-test-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-test-keyring.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define SECRETS_NAME "org.freedesktop.secrets"

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

GPid
us_test_keyring_start (guint    timeout_ms,
                       GError **error)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GDBusConnection) bus = NULL;
  const char *argv[] = { NULL, "--foreground", "--unlock", "--components=secrets", NULL };
  gint64 deadline;
  GPid pid = 0;
  int in = -1;

  if (daemon == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "gnome-keyring-daemon is not installed (Debian package gnome-keyring)");
      return 0;
    }
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                           "no session bus: run the test under dbus-run-session");
      return 0;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, error);
  if (bus == NULL)
    return 0;
  if (name_has_owner (bus, SECRETS_NAME))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           "a Secret Service already runs on this bus: not touching a real keyring");
      return 0;
    }

  argv[0] = daemon;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, &pid, &in, NULL, NULL, error))
    return 0;
  /* --unlock reads the password from stdin.  gnome-keyring refuses an
   * empty one (gkd_login_unlock), so the login keyring, created here
   * on first use, gets a throwaway one.
   */
  if (write (in, "undersigned-test", strlen ("undersigned-test")) < 0)
    g_warning ("could not give gnome-keyring-daemon its password: %s", g_strerror (errno));
  close (in);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  while (!name_has_owner (bus, SECRETS_NAME))
    {
      gboolean exited = waitpid (pid, NULL, WNOHANG) == pid;

      if (exited || g_get_monotonic_time () > deadline)
        {
          if (exited)
            g_spawn_close_pid (pid);
          else
            us_test_keyring_stop (pid);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "gnome-keyring-daemon %s before it took %s on the session bus",
                       exited ? "exited" : "timed out", SECRETS_NAME);
          return 0;
        }
      g_usleep (20000);
    }
  return pid;
}

void
us_test_keyring_stop (GPid pid)
{
  if (pid <= 0)
    return;
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

void
us_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          us_test_remove_tree (child);
        }
    }
  g_remove (path);
}
