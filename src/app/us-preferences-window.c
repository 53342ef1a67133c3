/* us-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "us-export.h"
#include "us-preferences-window.h"
#include "us-message.h"

#define KEY_BASENAME "signing-key"

struct _UsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *key_path;     /* used when settings is NULL */
  char                 *fingerprint;
  GCancellable         *cancellable;  /* of a key being made */

  AdwActionRow         *key_row;
  GtkLabel             *fingerprint_label;
  GtkWidget            *create_button;
  GtkCheckButton       *ec_check;
};

G_DEFINE_FINAL_TYPE (UsPreferencesWindow, us_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

char *
us_signing_key_dup_path (GSettings *settings)
{
  g_autofree char *path = NULL;

  if (settings == NULL)
    return NULL;
  path = g_settings_get_string (settings, "signing-key");
  if (path == NULL || *path == '\0')
    return NULL;
  return g_steal_pointer (&path);
}

const char *
us_preferences_window_get_key (UsPreferencesWindow *self)
{
  g_return_val_if_fail (US_IS_PREFERENCES_WINDOW (self), NULL);
  return self->key_path;
}

static void
update_key (UsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean have_key;

  if (self->settings != NULL)
    {
      g_free (self->key_path);
      self->key_path = us_signing_key_dup_path (self->settings);
    }
  g_clear_pointer (&self->fingerprint, g_free);
  if (self->key_path != NULL)
    self->fingerprint = us_sign_fingerprint (self->key_path, &error);
  have_key = self->fingerprint != NULL;

  adw_action_row_set_subtitle (self->key_row,
                               self->key_path ? self->key_path
                                              : _("None yet: create a key or choose one you have"));
  if (have_key)
    {
      gtk_label_set_text (self->fingerprint_label, self->fingerprint);
      gtk_widget_remove_css_class (GTK_WIDGET (self->fingerprint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->fingerprint_label), "monospace");
    }
  else
    {
      gtk_label_set_text (self->fingerprint_label,
                          error ? error->message : _("Appears once there is a key"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->fingerprint_label), "monospace");
      if (error != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->fingerprint_label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->fingerprint_label), "error");
    }
  /* The first step for a newcomer; a second key is rarely wanted. */
  if (self->key_path == NULL)
    gtk_widget_add_css_class (self->create_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->create_button, "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.copy-fingerprint", have_key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.export-public-key", have_key);
}

static void
remember_key (UsPreferencesWindow *self,
              const char          *path)
{
  g_free (self->key_path);
  self->key_path = g_strdup (path);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "signing-key", path);
  update_key (self);
}

/* Creating a key */

static char *
new_key_path (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "undersigned", "keys", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  /* An older key stays: files signed with it can still be checked. */
  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup (KEY_BASENAME ".pem")
                                     : g_strdup_printf (KEY_BASENAME "-%u.pem", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *pub = NULL;

      pub = g_strdup_printf ("%.*s.pub.pem", (int) strlen (path) - 4, path);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (pub, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("There are too many keys in %s: remove the ones you no longer use"), dir);
  return NULL;
}

static void
keygen_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UsKeyType type = GPOINTER_TO_INT (task_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = new_key_path (&error);
  g_autofree char *pub = NULL;

  if (path == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pub = g_strdup_printf ("%.*s.pub.pem", (int) strlen (path) - 4, path);
  if (!us_sign_keygen (path, pub, type, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

static void
keygen_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_object (&self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.create-key", TRUE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        us_show_message (GTK_WINDOW (self), _("Could Not Create the Key"), error->message);
      return;
    }
  remember_key (self, path);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Signing key created")));
}

void
us_preferences_window_create_key (UsPreferencesWindow *self,
                                  UsKeyType            type)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (US_IS_PREFERENCES_WINDOW (self));

  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.create-key", FALSE);
  task = g_task_new (NULL, self->cancellable, keygen_cb, g_object_ref (self));
  g_task_set_source_tag (task, us_preferences_window_create_key);
  g_task_set_task_data (task, GINT_TO_POINTER (type), NULL);
  g_task_run_in_thread (task, keygen_thread);
}

static void
create_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(UsPreferencesWindow) self = user_data;

  if (g_strcmp0 (response, "create") == 0)
    us_preferences_window_create_key (self, gtk_check_button_get_active (self->ec_check)
                                              ? US_KEY_EC_P256 : US_KEY_RSA);
  g_clear_object (&self->ec_check);
}

static void
create_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  UsPreferencesWindow *self = US_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *ec = gtk_check_button_new_with_mnemonic (_("_Elliptic curve P-256 (recommended)"));
  GtkWidget *rsa = gtk_check_button_new_with_mnemonic (_("_RSA, 3072 bits (for older tools)"));

  gtk_check_button_set_group (GTK_CHECK_BUTTON (rsa), GTK_CHECK_BUTTON (ec));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ec), TRUE);
  gtk_box_append (GTK_BOX (box), ec);
  gtk_box_append (GTK_BOX (box), rsa);
  g_set_object (&self->ec_check, GTK_CHECK_BUTTON (ec));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Create a Signing Key?"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               self->fingerprint != NULL
                               ? _("Press packs will be signed with the new key. The current key "
                                   "stays where it is, so that what it signed can still be checked.")
                               : _("The key is saved in your personal data folder, readable by you "
                                   "only. Publish its fingerprint so that others can check your "
                                   "press packs."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (create_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Choosing a key */

static GtkFileFilter *
pem_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PEM Keys"));
  gtk_file_filter_add_suffix (filter, "pem");
  gtk_file_filter_add_suffix (filter, "key");
  return filter;
}

static void
use_key_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(UsPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GError) error = NULL;

      /* A public key cannot sign: what is kept must be a private one. */
      if (path == NULL)
        us_show_message (GTK_WINDOW (self), _("Could Not Use the Key"),
                    _("The key must be a file on this computer."));
      else if ((pem = us_export_public_key_pem (path, &error)) == NULL)
        {
          g_autofree char *body =
            g_strdup_printf (_("%s. Choose an unencrypted PEM private key (RSA or EC P-256), "
                               "such as one made by “undersigned-cli keygen” or openssl."),
                             error->message);

          us_show_message (GTK_WINDOW (self), _("Could Not Use the Key"), body);
        }
      else
        remember_key (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
use_key_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  UsPreferencesWindow *self = US_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = pem_filter ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Signing Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Use"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (use_key_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting the public key */

static void
export_key_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(UsPreferencesWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->key_path != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GBytes) pem = NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Choose a folder on this computer."));
      else if ((pem = us_export_public_key_pem (self->key_path, &error)) != NULL)
        us_export_write_bytes (path, pem, TRUE, &error);
      if (error != NULL)
        us_show_message (GTK_WINDOW (self), _("Could Not Export the Public Key"), error->message);
      else
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                          adw_toast_new (_("Public key exported")));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  UsPreferencesWindow *self = US_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (self->key_path == NULL)
    return;
  base = g_path_get_basename (self->key_path);
  if (g_str_has_suffix (base, ".pem"))
    base[strlen (base) - 4] = '\0';
  name = g_strconcat (base, ".pub.pem", NULL);
  chooser = gtk_file_chooser_native_new (_("Export the Public Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_key_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_fingerprint_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  UsPreferencesWindow *self = US_PREFERENCES_WINDOW (widget);

  if (self->fingerprint == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->fingerprint);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Fingerprint copied")));
}

static void
us_preferences_window_dispose (GObject *object)
{
  UsPreferencesWindow *self = (UsPreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->ec_check);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (us_preferences_window_parent_class)->dispose (object);
}

static void
us_preferences_window_finalize (GObject *object)
{
  UsPreferencesWindow *self = (UsPreferencesWindow *) object;

  g_free (self->key_path);
  g_free (self->fingerprint);
  G_OBJECT_CLASS (us_preferences_window_parent_class)->finalize (object);
}

static void
us_preferences_window_class_init (UsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_preferences_window_dispose;
  object_class->finalize = us_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UsPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, UsPreferencesWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, UsPreferencesWindow, fingerprint_label);

  gtk_widget_class_install_action (widget_class, "prefs.create-key", NULL, create_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.use-key", NULL, use_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.export-public-key", NULL, export_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.copy-fingerprint", NULL,
                                   copy_fingerprint_action);
}

static void
us_preferences_window_init (UsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

UsPreferencesWindow *
us_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  UsPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (US_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_swapped (settings, "changed::signing-key", G_CALLBACK (update_key), self);
    }
  update_key (self);
  return self;
}
