/* us-window-files.c: the window's campaign file
 *
 * Loading and recovering, saving and saving as, closing with unsaved
 * changes, the file changed on disk and files dropped on the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-application.h"
#include "us-disk-change-dialog.h"
#include "us-message.h"
#include "us-window-private.h"

static void
add_recent (UsWindow *self,
            GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (US_IS_APPLICATION (app))
    us_application_add_recent (US_APPLICATION (app), file);
}

/* Loading */

/* UNDERSIGNED_REPORT_READY=1, for bench/bench-startup.sh: once a load
 * has completed, print "ready MS" on stderr when the first frame after
 * it is painted, MS being CLOCK_MONOTONIC in milliseconds.
 */
static void
report_ready_cb (GdkFrameClock *clock,
                 UsWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, report_ready_cb, self);
  g_printerr ("ready %.1f\n", g_get_monotonic_time () / 1000.0);
}

static void
report_ready_when_painted (UsWindow *self)
{
  GdkFrameClock *clock;

  if (g_getenv ("UNDERSIGNED_REPORT_READY") == NULL)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (report_ready_cb), self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(UsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->loading_file);

  if (!us_document_load_finish (self->document, result, &error))
    {
      /* The window keeps what it showed; the message is the CLI's. */
      us_show_message (GTK_WINDOW (self), _("Could Not Open the Campaign"), error->message);
      return;
    }
  if (self->load_as_copy)
    us_document_set_campaign (self->document, us_document_get_campaign (self->document), NULL);
  else
    add_recent (self, file);
  report_ready_when_painted (self);
}

void
us_window_load (UsWindow *self,
                GFile    *file,
                gboolean  as_copy)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (us_document_get_busy (self->document))
    return;
  g_set_object (&self->loading_file, file);
  self->load_as_copy = !!as_copy;
  us_document_load_async (self->document, file, NULL, load_cb, g_object_ref (self));
}

static void
recover_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(UsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->loading_file);
  if (!us_document_recover_finish (self->document, result, &error))
    {
      g_autofree char *body =
        g_strdup_printf (_("The draft could not be read, so the changes are lost: %s"),
                         error->message);

      us_show_message (GTK_WINDOW (self), _("Could Not Recover Unsaved Changes"), body);
      return;
    }
  us_window_add_toast (self, adw_toast_new (_("Recovered unsaved changes")));
}

void
us_window_recover (UsWindow          *self,
                   const UsDraftInfo *draft)
{
  g_autoptr(GFile) original = NULL;

  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (draft != NULL);

  if (draft->original != NULL)
    original = g_file_new_for_uri (draft->original);
  g_set_object (&self->loading_file, original);
  us_document_recover_async (self->document, draft->id, draft->path, original, draft->etag,
                             NULL, recover_cb, g_object_ref (self));
}

/* Saving */

static void save (UsWindow *self, GFile *file, gboolean overwrite);

static void
overwrite_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  g_autoptr(UsWindow) self = user_data;

  if (g_strcmp0 (response, "overwrite") == 0)
    save (self, us_document_get_file (self->document), TRUE);
  else
    self->close_after_save = FALSE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(UsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!us_document_save_finish (self->document, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                      _("The File Has Changed"), NULL);

          adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                          _("%s. Saving replaces their changes with yours."),
                                          error->message);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                            "cancel", _("_Cancel"),
                                            "overwrite", _("_Replace"),
                                            NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "overwrite",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          g_signal_connect (dialog, "response", G_CALLBACK (overwrite_response_cb),
                            g_object_ref (self));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      self->close_after_save = FALSE;
      us_show_message (GTK_WINDOW (self), _("Could Not Save the Campaign"), error->message);
      return;
    }

  add_recent (self, us_document_get_file (self->document));
  if (self->close_after_save)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else
    us_window_add_toast (self, adw_toast_new (_("Campaign saved")));
}

static void
save (UsWindow *self,
      GFile    *file,
      gboolean  overwrite)
{
  _us_window_flush_letter (self);
  us_document_save_async (self->document, file, overwrite, NULL, save_cb, g_object_ref (self));
}

static void
save_as_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(UsWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (chosen);
      g_autoptr(GFile) file = NULL;

      /* Other tools and the MIME database know campaigns by extension. */
      if (!g_str_has_suffix (name, ".undersigned"))
        {
          g_autofree char *with_ext = g_strconcat (name, ".undersigned", NULL);
          g_autoptr(GFile) parent = g_file_get_parent (chosen);

          file = g_file_get_child (parent, with_ext);
        }
      else
        file = g_object_ref (chosen);
      save (self, file, TRUE);
    }
  else
    self->close_after_save = FALSE;
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_as (UsWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = us_application_new_file_filter ();
  g_autofree char *title = us_document_dup_title (self->document);
  g_autofree char *name = NULL;
  GFile *file = us_document_get_file (self->document);

  dialog = gtk_file_chooser_native_new (_("Save Campaign"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL);
  else
    {
      g_strdelimit (title, "/\\", '-');
      name = g_strconcat (title, ".undersigned", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (save_as_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  UsWindow *self = user_data;

  if (us_document_get_file (self->document) == NULL)
    save_as (self);
  else
    save (self, NULL, FALSE);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  save_as (user_data);
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

/* Closing with unsaved changes */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  g_autoptr(UsWindow) self = user_data;

  if (g_strcmp0 (response, "discard") == 0)
    {
      /* The dialog outlives the window by the rest of its response; a
       * GtkWindow 4.8 destroyed with its parent keeps pointing at it.
       */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      us_document_discard_draft (self->document);
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      if (us_document_get_file (self->document) == NULL)
        save_as (self);
      else
        save (self, NULL, FALSE);
    }
}

gboolean
_us_window_may_close (UsWindow *self)
{
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (us_document_get_busy (self->document))
    return FALSE;
  _us_window_flush_letter (self);
  if (self->close_confirmed || !us_document_get_modified (self->document))
    return TRUE;

  /* Should the session end while the question is open, the changes are
   * already on disk as a draft.
   */
  us_window_save_draft (self);

  title = us_document_dup_title (self->document);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                                  title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}

/* The file changed on disk */

static void
disk_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  g_autoptr(UsWindow) self = user_data;
  GFile *file = us_document_get_file (self->document);

  g_object_set_data (G_OBJECT (self), "us-disk-dialog", NULL);
  if (g_strcmp0 (response, "reload") == 0 && file != NULL)
    us_window_load (self, file, FALSE);
  else
    us_document_keep_own_version (self->document);
}

static void
changed_on_disk_cb (UsWindow *self)
{
  GtkWindow *dialog;

  /* One question at a time: the answer covers every newer version too. */
  if (g_object_get_data (G_OBJECT (self), "us-disk-dialog") != NULL)
    return;
  dialog = us_disk_change_dialog_new (GTK_WINDOW (self), us_document_get_file (self->document),
                                      us_document_get_modified (self->document));
  g_signal_connect (dialog, "response", G_CALLBACK (disk_response_cb), g_object_ref (self));
  g_object_set_data (G_OBJECT (self), "us-disk-dialog", dialog);
  gtk_window_present (dialog);
}

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  UsWindow *self = user_data;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !US_IS_APPLICATION (app))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    us_application_open_file (US_APPLICATION (app), l->data, GTK_WINDOW (self));
  return files != NULL;
}

static const GActionEntry file_actions[] = {
  { "save", save_action },
  { "save-as", save_as_action },
  { "close", close_action },
};

void
_us_window_files_init (UsWindow *self)
{
  GtkDropTarget *drop;

  g_action_map_add_action_entries (G_ACTION_MAP (self), file_actions,
                                   G_N_ELEMENTS (file_actions), self);
  g_signal_connect_swapped (self->document, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
