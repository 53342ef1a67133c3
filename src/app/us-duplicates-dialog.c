/* us-duplicates-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-duplicates.h"
#include "us-duplicates-dialog.h"
#include "us-import.h"
#include "us-util.h"

/* A list of a thousand groups helps nobody; merging or keeping some shows
 * the next ones.
 */
#define MAX_GROUPS_SHOWN 100

struct _UsDuplicatesDialog
{
  AdwWindow        parent_instance;

  UsCampaign      *campaign;
  UsUndoStack     *undo;
  GCancellable    *cancellable;
  GPtrArray       *groups;          /* all found */
  GPtrArray       *group_widgets;   /* AdwPreferencesGroup*, parallel to shown groups */
  GHashTable      *kept;            /* GPtrArray* groups the user kept */

  AdwToastOverlay *toasts;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkBox          *groups_box;
};

G_DEFINE_FINAL_TYPE (UsDuplicatesDialog, us_duplicates_dialog, ADW_TYPE_WINDOW)

static void search (UsDuplicatesDialog *self);

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GPtrArray *groups = us_duplicates_find (task_data, cancellable);

  if (groups == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
  else
    g_task_return_pointer (task, groups, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean
same_email (GPtrArray *group)
{
  g_autofree char *first = us_import_email_key (us_signatory_get_email (g_ptr_array_index (group, 0)), FALSE);

  if (*first == '\0')
    return FALSE;
  for (guint i = 1; i < group->len; i++)
    {
      g_autofree char *key = us_import_email_key (us_signatory_get_email (g_ptr_array_index (group, i)), FALSE);

      if (g_strcmp0 (key, first) != 0)
        return FALSE;
    }
  return TRUE;
}

static char *
describe (UsSignatory *signatory)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *email = us_signatory_get_email (signatory);
  const char *country = us_signatory_get_country (signatory);
  const char *organisation = us_signatory_get_organisation (signatory);
  gint64 signed_at = us_signatory_get_signed_at (signatory);

#define ADD(str) G_STMT_START { \
    if (text->len > 0) g_string_append (text, _(" · ")); \
    g_string_append (text, (str)); \
  } G_STMT_END
  ADD (email && *email ? email : _("no e-mail"));
  if (organisation && *organisation)
    ADD (organisation);
  if (country && *country)
    ADD (country);
  if (signed_at != 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (signed_at);
      g_autofree char *date = when ? us_format_day (when) : NULL;

      if (date)
        ADD (date);
    }
  switch (us_signatory_get_status (signatory))
    {
    case US_STATUS_VERIFIED: ADD (_("verified")); break;
    case US_STATUS_REJECTED: ADD (_("rejected")); break;
    case US_STATUS_WITHDRAWN: ADD (_("withdrawn")); break;
    case US_STATUS_PENDING:
    default: ADD (_("pending")); break;
    }
#undef ADD
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkCheckButton *
kept_button (GtkWidget *group_widget)
{
  GPtrArray *buttons = g_object_get_data (G_OBJECT (group_widget), "buttons");

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);
  return g_ptr_array_index (buttons, 0);
}

static void
remove_group_widget (UsDuplicatesDialog *self,
                     GtkWidget          *widget)
{
  g_ptr_array_remove (self->group_widgets, widget);
  gtk_box_remove (self->groups_box, widget);
  if (self->group_widgets->len == 0)
    /* Some were beyond the first hundred, or kept: look again. */
    search (self);
}

static void
merge_clicked_cb (GtkButton          *button,
                  UsDuplicatesDialog *self)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (button), "group-widget");
  GPtrArray *group = g_object_get_data (G_OBJECT (widget), "group");
  UsSignatory *keep = g_object_get_data (G_OBJECT (kept_button (widget)), "signatory");
  g_autofree char *message = NULL;
  AdwToast *toast;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged %u entry into %s",
                                          "Merged %u entries into %s", group->len - 1),
                             group->len - 1, us_signatory_get_name (keep));
  us_duplicates_merge (self->campaign, group, keep, self->undo);
  toast = adw_toast_new (message);
  if (self->undo != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "duplicates.undo");
    }
  adw_toast_overlay_add_toast (self->toasts, toast);
  remove_group_widget (self, widget);
}

static char *
group_key (GPtrArray *group)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < group->len; i++)
    g_string_append_printf (key, "%u,", us_signatory_get_id (g_ptr_array_index (group, i)));
  return g_string_free (key, FALSE);
}

static void
keep_all_clicked_cb (GtkButton          *button,
                     UsDuplicatesDialog *self)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (button), "group-widget");
  GPtrArray *group = g_object_get_data (G_OBJECT (widget), "group");

  /* Remembered by members, so a new search does not show it again. */
  g_hash_table_add (self->kept, group_key (group));
  remove_group_widget (self, widget);
}

static GtkWidget *
build_group (UsDuplicatesDialog *self,
             GPtrArray          *group)
{
  GtkWidget *widget = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *merge = gtk_button_new_with_mnemonic (_("_Merge"));
  GtkWidget *keep_all = gtk_button_new_with_mnemonic (_("_Keep All"));
  GPtrArray *checks = g_ptr_array_new ();
  GtkCheckButton *first = NULL;
  g_autofree char *title = NULL;

  if (same_email (group))
    title = g_strdup_printf (_("Same e-mail: %s"), us_signatory_get_email (g_ptr_array_index (group, 0)));
  else
    title = g_strdup_printf (_("Same name: %s"), us_signatory_get_name (g_ptr_array_index (group, 0)));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget),
                                         _("Choose the entry to keep"));

  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (merge, "suggested-action");
  gtk_widget_set_tooltip_text (merge, _("Merge the others into the chosen entry"));
  gtk_widget_set_tooltip_text (keep_all, _("They are different people: keep every entry"));
  g_object_set_data (G_OBJECT (merge), "group-widget", widget);
  g_object_set_data (G_OBJECT (keep_all), "group-widget", widget);
  g_signal_connect (merge, "clicked", G_CALLBACK (merge_clicked_cb), self);
  g_signal_connect (keep_all, "clicked", G_CALLBACK (keep_all_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), keep_all);
  gtk_box_append (GTK_BOX (buttons), merge);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (widget), buttons);

  for (guint i = 0; i < group->len; i++)
    {
      UsSignatory *signatory = g_ptr_array_index (group, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = describe (signatory);
      g_autofree char *label = g_strdup_printf (_("Keep %s"), us_signatory_get_name (signatory));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), us_signatory_get_name (signatory));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (first == NULL)
        {
          first = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_active (first, TRUE);
        }
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      g_object_set_data_full (G_OBJECT (check), "signatory", g_object_ref (signatory), g_object_unref);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget), row);
      g_ptr_array_add (checks, check);
    }
  g_object_set_data_full (G_OBJECT (widget), "buttons", checks, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (widget), "group", g_ptr_array_ref (group),
                          (GDestroyNotify) g_ptr_array_unref);
  return widget;
}

static void
clear_groups (UsDuplicatesDialog *self)
{
  for (guint i = 0; i < self->group_widgets->len; i++)
    gtk_box_remove (self->groups_box, g_ptr_array_index (self->group_widgets, i));
  g_ptr_array_set_size (self->group_widgets, 0);
}

static void
show_groups (UsDuplicatesDialog *self)
{
  guint shown = 0, remaining = 0;
  g_autofree char *subtitle = NULL;

  clear_groups (self);
  for (guint i = 0; i < self->groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (self->groups, i);
      g_autofree char *key = group_key (group);

      if (g_hash_table_contains (self->kept, key))
        continue;
      remaining++;
      if (shown < MAX_GROUPS_SHOWN)
        {
          GtkWidget *widget = build_group (self, group);

          gtk_box_append (self->groups_box, widget);
          g_ptr_array_add (self->group_widgets, widget);
          shown++;
        }
    }

  if (remaining == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }
  if (remaining > shown)
    subtitle = g_strdup_printf (_("The first %u of %u groups"), shown, remaining);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups", remaining),
                                remaining);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, "groups");
}

static void
find_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(UsDuplicatesDialog) self = user_data;
  GPtrArray *groups = g_task_propagate_pointer (G_TASK (result), NULL);

  /* Cancelled: closed, or a newer search is running. */
  if (groups == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&groups, g_ptr_array_unref);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = groups;
  show_groups (self);
}

static void
search (UsDuplicatesDialog *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  clear_groups (self);

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "searching");
  task = g_task_new (NULL, self->cancellable, find_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, search);
  g_task_set_task_data (task, g_object_ref (self->campaign), g_object_unref);
  g_task_run_in_thread (task, find_thread);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsDuplicatesDialog *self = US_DUPLICATES_DIALOG (widget);

  if (self->undo != NULL && us_undo_stack_undo (self->undo))
    search (self);
}

GPtrArray *
us_duplicates_dialog_get_groups (UsDuplicatesDialog *self)
{
  g_return_val_if_fail (US_IS_DUPLICATES_DIALOG (self), NULL);
  return self->cancellable == NULL ? self->groups : NULL;
}

static void
us_duplicates_dialog_dispose (GObject *object)
{
  UsDuplicatesDialog *self = US_DUPLICATES_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->group_widgets != NULL)
    g_ptr_array_set_size (self->group_widgets, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_DUPLICATES_DIALOG);
  G_OBJECT_CLASS (us_duplicates_dialog_parent_class)->dispose (object);
}

static void
us_duplicates_dialog_finalize (GObject *object)
{
  UsDuplicatesDialog *self = US_DUPLICATES_DIALOG (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->group_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (us_duplicates_dialog_parent_class)->finalize (object);
}

static void
us_duplicates_dialog_class_init (UsDuplicatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_duplicates_dialog_dispose;
  object_class->finalize = us_duplicates_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-duplicates-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsDuplicatesDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, UsDuplicatesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UsDuplicatesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UsDuplicatesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, UsDuplicatesDialog, groups_box);
  gtk_widget_class_install_action (widget_class, "duplicates.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
us_duplicates_dialog_init (UsDuplicatesDialog *self)
{
  self->group_widgets = g_ptr_array_new ();
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

UsDuplicatesDialog *
us_duplicates_dialog_new (GtkWindow   *parent,
                          UsCampaign  *campaign,
                          UsUndoStack *undo)
{
  UsDuplicatesDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (undo == NULL || US_IS_UNDO_STACK (undo), NULL);

  self = g_object_new (US_TYPE_DUPLICATES_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->undo = undo ? g_object_ref (undo) : NULL;
  search (self);
  return self;
}

void
us_duplicates_dialog_present (GtkWindow   *parent,
                              UsCampaign  *campaign,
                              UsUndoStack *undo)
{
  gtk_window_present (GTK_WINDOW (us_duplicates_dialog_new (parent, campaign, undo)));
}
