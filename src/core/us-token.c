/* us-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-token.h"

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    US_TOKEN_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "header", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

gboolean
us_token_is_supported (void)
{
  return TRUE;
}

/* libsecret's messages speak of D-Bus names: say what is missing and
 * what to do.  Never a fallback to anywhere else: the caller reports it.
 */
static GError *
keyring_error (GError *error)
{
  GError *clear;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND))
    clear = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("no keyring is running (start GNOME Keyring, KeePassXC "
                                   "or another Secret Service)"));
  else if (error->domain == G_IO_ERROR)   /* no session bus, for one */
    clear = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("no keyring can be reached (%s)"), error->message);
  else
    clear = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                         _("the keyring failed: %s"), error->message);
  g_error_free (error);
  return clear;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
us_token_lookup_async (const char          *url,
                       const char          *header,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (url != NULL && header != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, us_token_lookup_async);
  secret_password_lookup (token_schema (), cancellable, lookup_cb, task,
                          "url", url, "header", header, NULL);
}

char *
us_token_lookup_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_autofree char *secret = NULL;
  char *token;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* Hand back plain g_malloc'd memory, wiping libsecret's copy. */
  secret = g_task_propagate_pointer (G_TASK (result), error);
  if (secret == NULL)
    return NULL;
  token = g_strdup (secret);
  secret_password_wipe (secret);
  return token;
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, keyring_error (error));
}

void
us_token_store_async (const char          *url,
                      const char          *header,
                      const char          *token,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (url != NULL && header != NULL && token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, us_token_store_async);
  /* The label is what the user sees in Passwords and Keys. */
  label = g_strdup_printf (_("Undersigned token for %s"), url);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_cb, task,
                         "url", url, "header", header, NULL);
}

gboolean
us_token_store_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Moving: lookup, store, clear, each step in turn. */

typedef struct
{
  char *old_url;
  char *old_header;
  char *new_url;
  char *new_header;
} Move;

static void
move_free (Move *move)
{
  g_free (move->old_url);
  g_free (move->old_header);
  g_free (move->new_url);
  g_free (move->new_header);
  g_free (move);
}

static void
move_cleared_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* Already under the new key: a failure here leaves a copy behind. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
move_stored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Move *move = g_task_get_task_data (task);
  GError *error = NULL;

  if (!us_token_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  secret_password_clear (token_schema (), g_task_get_cancellable (task),
                         move_cleared_cb, g_object_ref (task),
                         "url", move->old_url, "header", move->old_header, NULL);
}

static void
move_found_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Move *move = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *token = us_token_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else if (token == NULL)
    g_task_return_boolean (task, FALSE);
  else
    us_token_store_async (move->new_url, move->new_header, token, g_task_get_cancellable (task),
                          move_stored_cb, g_object_ref (task));
  if (token != NULL)
    memset (token, 0, strlen (token));
}

void
us_token_move_async (const char          *old_url,
                     const char          *old_header,
                     const char          *new_url,
                     const char          *new_header,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  Move *move;
  GTask *task;

  g_return_if_fail (old_url != NULL && old_header != NULL);
  g_return_if_fail (new_url != NULL && new_header != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, us_token_move_async);
  if (g_strcmp0 (old_url, new_url) == 0 && g_strcmp0 (old_header, new_header) == 0)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  move = g_new0 (Move, 1);
  move->old_url = g_strdup (old_url);
  move->old_header = g_strdup (old_header);
  move->new_url = g_strdup (new_url);
  move->new_header = g_strdup (new_header);
  g_task_set_task_data (task, move, (GDestroyNotify) move_free);
  us_token_lookup_async (old_url, old_header, cancellable, move_found_cb, task);
}

gboolean
us_token_move_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
us_token_clear (const char    *url,
                const char    *header,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (url != NULL && header != NULL, FALSE);

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_sync (token_schema (), cancellable, &local_error,
                              "url", url, "header", header, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, keyring_error (g_steal_pointer (&local_error)));
      return FALSE;
    }
  return TRUE;
}

#else /* !HAVE_LIBSECRET */

static void
set_unsupported (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("this build has no keyring support (libsecret); "
                         "pass the token in an environment variable with "
                         "undersigned-cli --token-env instead"));
}

gboolean
us_token_is_supported (void)
{
  return FALSE;
}

void
us_token_lookup_async (const char          *url,
                       const char          *header,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, us_token_lookup_async);
  set_unsupported (&error);
  g_task_return_error (task, error);
}

char *
us_token_lookup_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
us_token_store_async (const char          *url,
                      const char          *header,
                      const char          *token,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, us_token_store_async);
  set_unsupported (&error);
  g_task_return_error (task, error);
}

gboolean
us_token_store_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
us_token_move_async (const char          *old_url,
                     const char          *old_header,
                     const char          *new_url,
                     const char          *new_header,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, us_token_move_async);
  set_unsupported (&error);
  g_task_return_error (task, error);
}

gboolean
us_token_move_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
us_token_clear (const char    *url,
                const char    *header,
                GCancellable  *cancellable,
                GError       **error)
{
  set_unsupported (error);
  return FALSE;
}

#endif
