/* us-disk-change-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-disk-change-dialog.h"

struct _UsDiskChangeDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (UsDiskChangeDialog, us_disk_change_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
us_disk_change_dialog_class_init (UsDiskChangeDialogClass *klass)
{
}

static void
us_disk_change_dialog_init (UsDiskChangeDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);

  adw_message_dialog_set_heading (dialog, _("The File Has Changed on Disk"));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep This Version"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
}

GtkWindow *
us_disk_change_dialog_new (GtkWindow *parent,
                           GFile     *file,
                           gboolean   modified)
{
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  dialog = g_object_new (US_TYPE_DISK_CHANGE_DIALOG,
                         "transient-for", parent,
                         "modal", TRUE,
                         "destroy-with-parent", TRUE,
                         NULL);
  if (modified)
    adw_message_dialog_format_body (dialog,
                                    _("Another program changed “%s”. Reload it to see its version and lose your unsaved changes, or keep yours: saving will replace the other version."),
                                    name);
  else
    adw_message_dialog_format_body (dialog,
                                    _("Another program changed “%s”. Reload it to see its version, or keep this one: saving will replace the other version."),
                                    name);
  /* Reloading over unsaved changes throws them away. */
  adw_message_dialog_set_response_appearance (dialog, "reload",
                                              modified ? ADW_RESPONSE_DESTRUCTIVE
                                                       : ADW_RESPONSE_SUGGESTED);
  return GTK_WINDOW (dialog);
}
