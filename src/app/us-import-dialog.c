/* us-import-dialog.c
 *
 * Every mapping change starts a new plan in a worker thread and cancels
 * the one before; a generation number tells a stale result from the
 * current one.  Import applies the current plan when it is ready (or
 * waits for it, with progress and Stop), so the campaign changes in one
 * step on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-format.h"
#include "us-import-dialog.h"
#include "us-message.h"
#include "us-import.h"

/* Rows shown in the summary; the rest are in the saved file. */
#define MAX_REJECTS_SHOWN 200

typedef struct
{
  const char *field;
  const char *label;
} FieldChoice;

static const FieldChoice field_choices[] = {
  { "ignore", N_("Do not import") },
  { "name", N_("Name") },
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "title", N_("Title or role") },
  { "organisation", N_("Organisation") },
  { "country", N_("Country") },
  { "email", N_("E-mail") },
  { "signed_at", N_("Signed at") },
  { "public", N_("Public listing consent") },
  { "status", N_("Status") },
  { "note", N_("Note") },
};

static const char * const encodings[] = { NULL, "WINDOWS-1252", "LATIN1" };

struct _UsImportDialog
{
  AdwWindow           parent_instance;

  UsCampaign         *campaign;
  UsUndoStack        *undo;
  GBytes             *data;
  char               *display_name;
  UsImportFormat      format;

  GPtrArray          *column_rows;    /* AdwComboRow*, one per column */
  UsImportPlan       *plan;           /* for the current generation, once ready */
  GCancellable       *cancellable;    /* of the running plan */
  guint               generation;
  guint               progress_source;
  gint                progress;       /* permille, written by the worker */
  gboolean            import_pending; /* Import pressed before the plan was ready */
  gboolean            peeking;

  AdwToastOverlay    *toasts;
  GtkWidget          *cancel_button;
  GtkWidget          *import_button;
  GtkWidget          *done_button;
  GtkStack           *stack;
  AdwPreferencesGroup *file_group;
  AdwComboRow        *encoding_row;
  GtkSwitch          *provider_switch;
  GtkLabel           *error_label;
  AdwPreferencesGroup *columns_group;
  GtkSpinner         *preview_spinner;
  GtkLabel           *added_label;
  GtkLabel           *duplicates_label;
  GtkLabel           *rejected_label;
  GtkProgressBar     *preview_progress;
  GtkProgressBar     *progress_bar;
  AdwStatusPage      *summary_page;
  AdwPreferencesGroup *rejects_group;
};

G_DEFINE_FINAL_TYPE (UsImportDialog, us_import_dialog, ADW_TYPE_WINDOW)

/* The worker's job: what it reads is its own (references and copies).
 * In particular it never touches a signatory: the keys are a copy made
 * on the main thread, since a signatory caches its name key lazily and
 * the campaign stays editable while the plan is built.
 */
typedef struct
{
  UsImportKeys   *keys;
  GBytes         *data;
  char           *display_name;
  GStrv           mapping;
  char           *encoding;
  gboolean        provider_rules;
  UsImportFormat  format;
  gint           *progress;   /* the dialog's; it outlives the task */
  guint           generation;
} Job;

static void
job_free (Job *job)
{
  us_import_keys_unref (job->keys);
  g_bytes_unref (job->data);
  g_free (job->display_name);
  g_strfreev (job->mapping);
  g_free (job->encoding);
  g_free (job);
}

static void
job_progress (double   fraction,
              gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (job->progress, (gint) (fraction * 1000));
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  UsImportOptions options = { 0 };
  GError *error = NULL;
  UsImportPlan *plan;

  options.format = job->format;
  options.mapping = (const char **) job->mapping;
  options.encoding = job->encoding;
  options.provider_rules = job->provider_rules;
  plan = us_import_plan_for_keys (job->keys, job->data, job->display_name, &options,
                                  job_progress, job, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) us_import_plan_free);
}

static const char *
selected_encoding (UsImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  return selected < G_N_ELEMENTS (encodings) ? encodings[selected] : NULL;
}

/* Every column by number: the same with or without a header row. */
static GStrv
current_mapping (UsImportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));
      g_autofree char *entry = NULL;

      if (selected >= G_N_ELEMENTS (field_choices))
        continue;
      entry = g_strdup_printf ("%u=%s", i + 1, field_choices[selected].field);
      g_strv_builder_add (builder, entry);
    }
  return g_strv_builder_end (builder);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%'u", count);

  gtk_label_set_text (label, text);
}

static void
show_error (UsImportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
progress_tick (gpointer user_data)
{
  UsImportDialog *self = user_data;
  double fraction = g_atomic_int_get (&self->progress) / 1000.0;

  gtk_progress_bar_set_fraction (self->preview_progress, fraction);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Only files that take a while show a bar at all. */
  gtk_widget_set_visible (GTK_WIDGET (self->preview_progress), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (UsImportDialog *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_progress), FALSE);
  gtk_spinner_stop (self->preview_spinner);
}

static void show_summary (UsImportDialog *self);

static void
update_actions (UsImportDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 !self->import_pending &&
                                 (self->plan != NULL || self->cancellable != NULL) &&
                                 !gtk_widget_get_visible (GTK_WIDGET (self->error_label)));
}

static void
plan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(UsImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  UsImportPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer mapping has replaced this one. */
  if (job->generation != self->generation)
    {
      g_clear_pointer (&plan, us_import_plan_free);
      return;
    }

  g_clear_object (&self->cancellable);
  stop_progress (self);
  if (plan == NULL)
    {
      self->import_pending = FALSE;
      gtk_stack_set_visible_child_name (self->stack, "mapping");
      gtk_label_set_text (self->added_label, "–");
      gtk_label_set_text (self->duplicates_label, "–");
      gtk_label_set_text (self->rejected_label, "–");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update_actions (self);
      return;
    }

  self->plan = plan;
  show_error (self, NULL);
  set_count (self->added_label, us_import_plan_get_n_added (plan));
  set_count (self->duplicates_label, us_import_plan_get_n_duplicates (plan));
  set_count (self->rejected_label, us_import_plan_get_n_rejected (plan));
  update_actions (self);

  if (self->import_pending)
    show_summary (self);
}

static void
start_plan (UsImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plan, us_import_plan_free);

  self->generation++;
  self->cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->progress, 0);

  job = g_new0 (Job, 1);
  /* Copied here, on the campaign's thread, for the worker to read. */
  job->keys = us_import_keys_new_for_campaign (self->campaign);
  job->data = g_bytes_ref (self->data);
  job->display_name = g_strdup (self->display_name);
  job->mapping = self->format == US_IMPORT_FORMAT_OSDI ? NULL : current_mapping (self);
  job->encoding = g_strdup (selected_encoding (self));
  job->provider_rules = gtk_switch_get_active (self->provider_switch);
  job->format = self->format;
  job->progress = &self->progress;
  job->generation = self->generation;

  task = g_task_new (NULL, self->cancellable, plan_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_plan);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, plan_thread);

  gtk_spinner_start (self->preview_spinner);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (250, progress_tick, self);
  update_actions (self);
}

static char *
sample_text (UsImportPlan *peek,
             guint         column)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < us_import_plan_get_n_samples (peek); i++)
    {
      const char * const *sample = us_import_plan_get_sample (peek, i);
      g_autofree char *value = NULL;

      if (g_strv_length ((char **) sample) <= column || *g_strstrip (value = g_strdup (sample[column])) == '\0')
        continue;
      if (text->len > 0)
        /* Translators: separates sample values of a column */
        g_string_append (text, _(" · "));
      g_string_append (text, value);
    }
  if (text->len == 0)
    g_string_assign (text, _("(empty)"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
choice_index (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    if (g_strcmp0 (field_choices[i].field, field) == 0)
      return i;
  return 0;
}

static void column_changed_cb (UsImportDialog *self);

static void
clear_column_rows (UsImportDialog *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
}

/* Reads the header and the first rows, and builds a row per column with
 * the field guessed from its name.
 */
static gboolean
build_columns (UsImportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(UsImportPlan) peek = NULL;
  g_autoptr(GError) error = NULL;
  UsImportOptions options = { 0 };
  const char * const *columns;
  const char * const *fields;

  options.encoding = selected_encoding (self);
  self->peeking = TRUE;
  clear_column_rows (self);
  peek = us_import_peek (self->data, self->display_name, &options, &error);
  if (peek == NULL)
    {
      show_error (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      self->peeking = FALSE;
      return FALSE;
    }
  show_error (self, NULL);

  self->format = us_import_plan_get_format (peek);
  if (self->format == US_IMPORT_FORMAT_OSDI)
    {
      /* OSDI names its fields: nothing to map. */
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), FALSE);
      self->peeking = FALSE;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (field_choices); i++)
    gtk_string_list_append (labels, _(field_choices[i].label));

  columns = us_import_plan_get_columns (peek);
  fields = us_import_plan_get_fields (peek);
  for (guint c = 0; columns[c] != NULL; c++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *samples = sample_text (peek, c);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), columns[c]);
      /* Values are data, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice_index (fields[c]));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (column_changed_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  self->peeking = FALSE;
  return TRUE;
}

static void
column_changed_cb (UsImportDialog *self)
{
  if (!self->peeking)
    start_plan (self);
}

static void
options_changed_cb (UsImportDialog *self)
{
  if (self->data == NULL)
    return;
  /* Another encoding can change the header itself. */
  if (build_columns (self))
    start_plan (self);
  else
    update_actions (self);
}

static void
add_reject_row (UsImportDialog *self,
                UsRejectedRow  *rejected)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (self->format == US_IMPORT_FORMAT_OSDI)
    title = g_strdup_printf (_("Signature %u"), rejected->line);
  else
    title = g_strdup_printf (_("Line %u"), rejected->line);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_autofree char *reason = g_strdup (rejected->reason);

  /* Reasons are written to follow "FILE:LINE:" on a terminal. */
  if (reason[0] != '\0' && g_ascii_islower (reason[0]))
    reason[0] = g_ascii_toupper (reason[0]);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  adw_preferences_group_add (self->rejects_group, row);
}

static void
show_summary (UsImportDialog *self)
{
  UsImportPlan *plan = self->plan;
  GPtrArray *rejected = us_import_plan_get_rejected (plan);
  guint added = us_import_plan_get_n_added (plan);
  guint duplicates = us_import_plan_get_n_duplicates (plan);
  g_autofree char *description = NULL;
  g_autofree char *added_text = NULL;
  g_autofree char *merged_text = NULL;
  g_autofree char *rejected_text = NULL;

  self->import_pending = FALSE;
  us_import_apply (self->campaign, plan, self->undo);

  added_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signatory added",
                                             "%'u signatories added", added), added);
  merged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u duplicate merged",
                                              "%'u duplicates merged", duplicates), duplicates);
  rejected_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u row rejected",
                                                "%'u rows rejected", rejected->len), rejected->len);
  /* Translators: the three counts of an import, separated */
  description = g_strdup_printf (_("%s, %s, %s."), added_text, merged_text, rejected_text);
  adw_status_page_set_description (self->summary_page, description);
  if (rejected->len > 0)
    {
      adw_status_page_set_title (self->summary_page, _("Imported, With Rejected Rows"));
      adw_status_page_set_icon_name (self->summary_page, "dialog-warning-symbolic");
    }

  for (guint i = 0; i < rejected->len && i < MAX_REJECTS_SHOWN; i++)
    add_reject_row (self, g_ptr_array_index (rejected, i));
  if (rejected->len > MAX_REJECTS_SHOWN)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("… and %'u more: save the rejected rows to see them all"),
                                               rejected->len - MAX_REJECTS_SHOWN);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_preferences_group_add (self->rejects_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rejects_group), rejected->len > 0);

  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->import_button, FALSE);
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_default_widget (GTK_WINDOW (self), self->done_button);
}

void
us_import_dialog_import (UsImportDialog *self)
{
  g_return_if_fail (US_IS_IMPORT_DIALOG (self));

  if (self->plan != NULL)
    {
      show_summary (self);
      return;
    }
  if (self->cancellable == NULL)
    return;
  /* Still reading: show how far, and finish when it is done. */
  self->import_pending = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  us_import_dialog_import (US_IMPORT_DIALOG (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsImportDialog *self = US_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  self->import_pending = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "mapping");
  /* Nothing was changed; the preview starts again for the next try. */
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Import stopped: nothing was changed")));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
save_rejects_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(UsImportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GBytes) csv = us_import_plan_rejected_to_csv (self->plan);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path != NULL && us_file_replace_contents (path, csv, FALSE, &error))
        message = g_strdup_printf (_("Rejected rows saved to %s"), g_file_peek_path (file));
      else
        message = g_strdup_printf (_("Could not save the rejected rows: %s"),
                                   error ? error->message : _("choose a local folder"));
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
save_rejects_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  UsImportDialog *self = US_IMPORT_DIALOG (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  dialog = gtk_file_chooser_native_new (_("Save Rejected Rows"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  base = g_path_get_basename (self->display_name);
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  /* Translators: %s is the imported file's name without its extension */
  name = g_strdup_printf (_("%s-rejected.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (save_rejects_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
us_import_dialog_dispose (GObject *object)
{
  UsImportDialog *self = US_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* A plan still running finds a newer generation and drops its result. */
  self->generation++;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_IMPORT_DIALOG);
  G_OBJECT_CLASS (us_import_dialog_parent_class)->dispose (object);
}

static void
us_import_dialog_finalize (GObject *object)
{
  UsImportDialog *self = US_IMPORT_DIALOG (object);

  g_clear_pointer (&self->plan, us_import_plan_free);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo);
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_free (self->display_name);
  G_OBJECT_CLASS (us_import_dialog_parent_class)->finalize (object);
}

static void
us_import_dialog_class_init (UsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_import_dialog_dispose;
  object_class->finalize = us_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, provider_switch);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, preview_progress);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, summary_page);
  gtk_widget_class_bind_template_child (widget_class, UsImportDialog, rejects_group);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.save-rejects", NULL, save_rejects_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
us_import_dialog_init (UsImportDialog *self)
{
  self->column_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
}

UsImportDialog *
us_import_dialog_new (GtkWindow   *parent,
                      UsCampaign  *campaign,
                      UsUndoStack *undo,
                      GBytes      *data,
                      const char  *display_name)
{
  UsImportDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (undo == NULL || US_IS_UNDO_STACK (undo), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (US_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->undo = undo ? g_object_ref (undo) : NULL;
  self->data = g_bytes_ref (data);
  self->display_name = g_strdup (display_name ? display_name : _("the file"));
  subtitle = g_path_get_basename (self->display_name);
  adw_preferences_group_set_description (self->file_group, subtitle);

  if (build_columns (self))
    start_plan (self);
  update_actions (self);
  return self;
}

/* Choosing and reading the file */

typedef struct
{
  GtkWindow   *parent;
  UsCampaign  *campaign;
  UsUndoStack *undo;
  GFile       *file;
} Opening;

static void
opening_free (Opening *opening)
{
  g_clear_object (&opening->parent);
  g_clear_object (&opening->campaign);
  g_clear_object (&opening->undo);
  g_clear_object (&opening->file);
  g_free (opening);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  name = g_file_get_parse_name (opening->file);
  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      g_autofree char *body =
        g_strdup_printf (_("%s could not be read: %s. Check that it still exists and that you may read it."),
                         name, error->message);

      us_show_message (opening->parent, _("Could Not Read the File"), body);
    }
  else
    {
      g_autoptr(GBytes) data = g_bytes_new_take (g_steal_pointer (&contents), length);
      UsImportDialog *dialog = us_import_dialog_new (opening->parent, opening->campaign,
                                                     opening->undo, data, name);

      gtk_window_present (GTK_WINDOW (dialog));
    }
  opening_free (opening);
}

static void
sized_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (opening->file);

  /* No size (a pipe, say): the plan still refuses too large an input. */
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      && !us_import_check_size (name, (guint64) g_file_info_get_size (info),
                                US_IMPORT_FORMAT_AUTO, &error))
    {
      us_show_message (opening->parent, _("Could Not Read the File"), error->message);
      opening_free (opening);
      return;
    }
  g_file_load_contents_async (opening->file, NULL, loaded_cb, opening);
}

static void
open_file (Opening *opening)
{
  /* The size first: a file over the import limit is refused without
   * reading it into memory.
   */
  g_file_query_info_async (opening->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, NULL,
                           sized_cb, opening);
}

static Opening *
opening_new (GtkWindow   *parent,
             UsCampaign  *campaign,
             UsUndoStack *undo)
{
  Opening *opening = g_new0 (Opening, 1);

  opening->parent = parent ? g_object_ref (parent) : NULL;
  opening->campaign = g_object_ref (campaign);
  opening->undo = undo ? g_object_ref (undo) : NULL;
  return opening;
}

void
us_import_dialog_open_file (GtkWindow   *parent,
                            UsCampaign  *campaign,
                            UsUndoStack *undo,
                            GFile       *file)
{
  Opening *opening;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (G_IS_FILE (file));

  opening = opening_new (parent, campaign, undo);
  opening->file = g_object_ref (file);
  open_file (opening);
}

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  Opening *opening = user_data;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      opening_free (opening);
      gtk_native_dialog_destroy (dialog);
      g_object_unref (dialog);
      return;
    }
  opening->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  open_file (opening);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
us_import_dialog_present (GtkWindow   *parent,
                          UsCampaign  *campaign,
                          UsUndoStack *undo)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  Opening *opening;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (US_IS_CAMPAIGN (campaign));

  gtk_file_filter_set_name (all, _("Signature lists (CSV, OSDI JSON)"));
  gtk_file_filter_add_mime_type (all, "text/csv");
  gtk_file_filter_add_mime_type (all, "application/json");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_suffix (all, "tsv");
  gtk_file_filter_add_suffix (all, "txt");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (json, _("OSDI JSON files"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");

  chooser = gtk_file_chooser_native_new (_("Import Signatures"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  opening = opening_new (parent, campaign, undo);
  g_signal_connect (chooser, "response", G_CALLBACK (choose_response_cb), opening);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
