/* us-export-dialog.c
 *
 * The worker gets the campaign as bytes serialised on the main thread and
 * loads its own copy from them (about 0.3 s for 100,000 signatories), so
 * it never reads objects the window may be changing.  Progress comes back
 * through g_main_context_invoke(), tagged with the export's generation so
 * that a cancelled export's late updates are dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-export-dialog.h"
#include "us-format.h"
#include "us-preferences-window.h"
#include "us-window.h"

/* Steps smaller than this are not worth a trip to the main thread. */
#define PROGRESS_STEP 0.005

struct _UsExportDialog
{
  AdwWindow            parent_instance;

  UsCampaign          *campaign;
  GSettings           *settings;
  GStrv                languages;     /* of the edition row's items */
  char                *key_path;      /* the signing key, when readable */
  GCancellable        *cancellable;   /* of the running export */
  guint                generation;
  guint                pulse_source;
  double               progress;
  gboolean             include_private;
  gboolean             include_unverified;

  GtkStack            *stack;
  GtkWidget           *cancel_button;
  GtkWidget           *export_button;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkCheckButton      *pack_check;
  GtkCheckButton      *pdf_check;
  GtkCheckButton      *xml_check;
  GtkCheckButton      *csv_check;
  GtkWidget           *pdf_group;
  AdwComboRow         *edition_row;
  AdwComboRow         *paper_row;
  GtkSwitch           *group_switch;
  GtkWidget           *xml_group;
  GtkSwitch           *unverified_switch;
  GtkWidget           *csv_group;
  GtkSwitch           *private_switch;
  GtkWidget           *private_warning;
  GtkWidget           *key_group;
  AdwActionRow        *key_row;
  GtkWidget           *key_button;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
};

G_DEFINE_FINAL_TYPE (UsExportDialog, us_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_INCLUDE_PRIVATE,
  PROP_INCLUDE_UNVERIFIED,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Options */

UsExportFormat
us_export_dialog_get_format (UsExportDialog *self)
{
  g_return_val_if_fail (US_IS_EXPORT_DIALOG (self), US_EXPORT_PACK);

  if (gtk_check_button_get_active (self->pdf_check))
    return US_EXPORT_PDF;
  if (gtk_check_button_get_active (self->xml_check))
    return US_EXPORT_XML;
  if (gtk_check_button_get_active (self->csv_check))
    return US_EXPORT_CSV;
  return US_EXPORT_PACK;
}

void
us_export_dialog_set_format (UsExportDialog *self,
                             UsExportFormat  format)
{
  GtkCheckButton *check;

  g_return_if_fail (US_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format <= US_EXPORT_CSV);

  switch (format)
    {
    case US_EXPORT_PDF: check = self->pdf_check; break;
    case US_EXPORT_XML: check = self->xml_check; break;
    case US_EXPORT_CSV: check = self->csv_check; break;
    case US_EXPORT_PACK:
    default: check = self->pack_check; break;
    }
  gtk_check_button_set_active (check, TRUE);
}

double
us_export_dialog_get_progress (UsExportDialog *self)
{
  g_return_val_if_fail (US_IS_EXPORT_DIALOG (self), 0.0);
  return self->progress;
}

static void
update_key (UsExportDialog *self)
{
  g_autofree char *path = us_signing_key_dup_path (self->settings);
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  UsExportFormat format = us_export_dialog_get_format (self);

  g_clear_pointer (&self->key_path, g_free);
  if (path != NULL)
    fingerprint = us_sign_fingerprint (path, &error);
  if (fingerprint != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Fingerprint %s"), fingerprint);

      self->key_path = g_steal_pointer (&path);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), _("Signed with the organisation’s key"));
      adw_action_row_set_subtitle (self->key_row, subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                     format == US_EXPORT_PACK ? _("A press pack needs a signing key")
                                                              : _("Not signed: there is no signing key"));
      adw_action_row_set_subtitle (self->key_row,
                                   error ? error->message
                                         : _("Create one or choose one in Preferences."));
    }
  gtk_widget_set_visible (self->key_button, self->key_path == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export",
                                 format != US_EXPORT_PACK || self->key_path != NULL);
}

static void
format_changed_cb (UsExportDialog *self)
{
  UsExportFormat format = us_export_dialog_get_format (self);

  gtk_widget_set_visible (self->pdf_group, format == US_EXPORT_PACK || format == US_EXPORT_PDF);
  gtk_widget_set_visible (self->xml_group, format == US_EXPORT_XML);
  gtk_widget_set_visible (self->csv_group, format == US_EXPORT_CSV);
  gtk_widget_set_visible (self->key_group, format == US_EXPORT_PACK || format == US_EXPORT_XML);
  update_key (self);
}

static void
fill_editions (UsExportDialog *self)
{
  GListModel *editions = us_letter_get_editions (us_campaign_get_letter (self->campaign));
  guint n = g_list_model_get_n_items (editions);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->languages = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsEdition) edition = g_list_model_get_item (editions, i);
      const char *title = us_edition_get_title (edition);
      g_autofree char *name = NULL;

      self->languages[i] = g_strdup (us_edition_get_language (edition));
      if (title != NULL && *title != '\0')
        /* Translators: an edition of the letter: its language tag, then its title */
        name = g_strdup_printf (_("%s — %s"), self->languages[i], title);
      else
        name = g_strdup (self->languages[i]);
      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->edition_row, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->edition_row), n > 1);
}

static void
fill_options (UsExportDialog *self,
              UsPdfOptions   *options)
{
  guint edition = adw_combo_row_get_selected (self->edition_row);

  options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? US_PAPER_LETTER : US_PAPER_A4;
  options->language = edition < g_strv_length (self->languages) ? self->languages[edition] : NULL;
  options->group_by_country = gtk_switch_get_active (self->group_switch);
  options->verification_text = NULL;
}

static void
show_error (UsExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

/* The export, in a worker thread */

typedef struct
{
  GBytes         *snapshot;
  UsExportFormat  format;
  UsPdfOptions    pdf;
  char           *language;
  char           *sign_key;
  char           *path;
  gboolean        include_private;
  gboolean        include_unverified;
  UsExportDialog *dialog;       /* only to address progress updates */
  guint           generation;
  double          reported;     /* the worker's own */
} Job;

static void
job_free (Job *job)
{
  g_bytes_unref (job->snapshot);
  g_free (job->language);
  g_free (job->sign_key);
  g_free (job->path);
  g_free (job);
}

typedef struct
{
  UsExportDialog *dialog;
  guint           generation;
  double          fraction;
} Progress;

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->dialog);
  g_free (progress);
}

static void
set_progress (UsExportDialog *self,
              double          fraction)
{
  self->progress = fraction;
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static gboolean
progress_main_cb (gpointer data)
{
  Progress *progress = data;
  UsExportDialog *self = progress->dialog;

  if (progress->generation == self->generation && self->cancellable != NULL &&
      self->pulse_source == 0)
    set_progress (self, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
job_progress (double   fraction,
              gpointer data)
{
  Job *job = data;
  Progress *progress;

  if (fraction < 1.0 && fraction - job->reported < PROGRESS_STEP)
    return;
  job->reported = fraction;
  progress = g_new0 (Progress, 1);
  progress->dialog = g_object_ref (job->dialog);
  progress->generation = job->generation;
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_main_cb, progress,
                              (GDestroyNotify) progress_free);
}

static gboolean
write_document (GBytes        *bytes,
                const char    *path,
                gboolean       is_public,
                GCancellable  *cancellable,
                GError       **error)
{
  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return us_export_write_bytes (path, bytes, is_public, error);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsExportPack) pack = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *shown = NULL;
  gboolean ok = FALSE;

  campaign = us_campaign_load_bytes (job->snapshot, _("the campaign"), NULL, &error);
  if (campaign == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  switch (job->format)
    {
    case US_EXPORT_PACK:
      pack = us_export_pack (campaign, &job->pdf, US_WRITE_PUBLIC, job->sign_key, job->path,
                             job_progress, job, cancellable, &error);
      if ((ok = pack != NULL))
        shown = g_strdup (pack->pdf_path);
      break;
    case US_EXPORT_PDF:
      ok = us_export_pdf (campaign, &job->pdf, job->path, job_progress, job, cancellable, &error);
      break;
    case US_EXPORT_XML:
      bytes = us_export_xml (campaign,
                             US_WRITE_PUBLIC | (job->include_unverified ? US_WRITE_KEEP_UNVERIFIED : 0),
                             job->sign_key, &error);
      ok = write_document (bytes, job->path, TRUE, cancellable, &error);
      break;
    case US_EXPORT_CSV:
      bytes = us_export_csv (campaign, job->include_private);
      ok = write_document (bytes, job->path, !job->include_private, cancellable, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, shown ? shown : g_strdup (job->path), g_free);
}

/* Toast: Open, Show in Folder */

static void
show_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *uri = g_file_get_uri (folder);

      /* No file manager that selects items: open the folder instead. */
      g_debug ("FileManager1.ShowItems: %s", error->message);
      gtk_show_uri (NULL, uri, GDK_CURRENT_TIME);
    }
}

static void
show_in_folder (GFile *file)
{
  GApplication *app = g_application_get_default ();
  GDBusConnection *bus = app ? g_application_get_dbus_connection (app) : NULL;
  g_autofree char *uri = g_file_get_uri (file);
  const char *uris[] = { uri, NULL };

  if (bus == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *folder_uri = g_file_get_uri (folder);

      gtk_show_uri (NULL, folder_uri, GDK_CURRENT_TIME);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL, G_DBUS_CALL_FLAGS_NONE,
                          -1, NULL, show_items_cb, g_object_ref (file));
}

static void
open_clicked_cb (GtkButton *button,
                 GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), uri, GDK_CURRENT_TIME);
}

static void
show_clicked_cb (GtkButton *button,
                 GFile     *file)
{
  show_in_folder (file);
}

static GtkWidget *
toast_button (const char *label,
              GCallback   callback,
              GFile      *file)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_data (button, "clicked", callback, g_object_ref (file),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return button;
}

static AdwToast *
done_toast (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  AdwToast *toast = adw_toast_new (title);

  /* AdwToast 1.2 has one button: both live in the title instead. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_end (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), toast_button (_("_Open"), G_CALLBACK (open_clicked_cb), file));
  gtk_box_append (GTK_BOX (box), toast_button (_("_Show in Folder"), G_CALLBACK (show_clicked_cb), file));
  adw_toast_set_custom_title (toast, box);
  adw_toast_set_timeout (toast, 10);
  return toast;
}

/* Running */

static void
set_running (UsExportDialog *self,
             gboolean        running)
{
  gtk_stack_set_visible_child_name (self->stack, running ? "progress" : "options");
  gtk_widget_set_visible (self->export_button, !running);
  if (!running)
    g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UsExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_task_propagate_pointer (G_TASK (result), &error);
  Job *job = g_task_get_task_data (G_TASK (result));
  GtkWindow *parent;

  /* Closed meanwhile: the export was cancelled with the dialog. */
  if (job->generation != self->generation || self->stack == NULL)
    return;
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      g_signal_emit (self, signals[FINISHED], 0, NULL, error);
      return;
    }

  set_progress (self, 1.0);
  g_signal_emit (self, signals[FINISHED], 0, path, NULL);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (US_IS_WINDOW (parent))
    us_window_add_toast (US_WINDOW (parent), done_toast (path));
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
pulse_cb (gpointer data)
{
  UsExportDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
start_export (UsExportDialog *self,
              const char     *path)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (path);
  Job *job;

  if (self->cancellable != NULL)
    return;
  show_error (self, NULL);

  job = g_new0 (Job, 1);
  /* The worker's private copy: everything, since the CSV may include
   * private fields; the writers decide what leaves.
   */
  job->snapshot = us_campaign_to_bytes (self->campaign, US_WRITE_DEFAULT, &error);
  if (job->snapshot == NULL)
    {
      job_free (job);
      show_error (self, error->message);
      g_signal_emit (self, signals[FINISHED], 0, NULL, error);
      return;
    }
  job->format = us_export_dialog_get_format (self);
  fill_options (self, &job->pdf);
  job->language = g_strdup (job->pdf.language);
  job->pdf.language = job->language;
  job->sign_key = g_strdup (self->key_path);
  job->path = g_strdup (path);
  job->include_private = self->include_private;
  job->include_unverified = self->include_unverified;
  job->dialog = self;
  job->generation = ++self->generation;

  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  set_progress (self, 0.0);
  adw_status_page_set_description (self->progress_page, name);
  /* Only the PDF reports how far it got. */
  if (job->format == US_EXPORT_XML || job->format == US_EXPORT_CSV)
    self->pulse_source = g_timeout_add (100, pulse_cb, self);

  task = g_task_new (NULL, self->cancellable, export_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

void
us_export_dialog_run_to_path (UsExportDialog *self,
                              UsExportFormat  format,
                              const char     *path)
{
  g_return_if_fail (US_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  us_export_dialog_set_format (self, format);
  start_export (self, path);
}

/* Choosing where */

static const char *
extension_for (UsExportFormat format)
{
  switch (format)
    {
    case US_EXPORT_PDF: return ".pdf";
    case US_EXPORT_XML: return ".xml";
    case US_EXPORT_CSV: return ".csv";
    case US_EXPORT_PACK:
    default: return "";
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(UsExportDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && self->stack != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      const char *ext = extension_for (us_export_dialog_get_format (self));

      if (path == NULL)
        show_error (self, _("Choose a folder on this computer: the export cannot be written there."));
      else if (*ext != '\0' && !g_str_has_suffix (path, ext))
        {
          /* Other tools know the files by their extension. */
          g_autofree char *with_ext = g_strconcat (path, ext, NULL);

          start_export (self, with_ext);
        }
      else
        start_export (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UsExportDialog *self = US_EXPORT_DIALOG (widget);
  UsExportFormat format = us_export_dialog_get_format (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkFileChooserNative *chooser;
  g_autofree char *slug = us_export_slug (us_campaign_get_title (self->campaign));

  if (format == US_EXPORT_PACK)
    chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Press Pack"), GTK_WINDOW (self),
                                           GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                           _("_Export"), _("_Cancel"));
  else
    {
      g_autofree char *name = g_strconcat (slug, extension_for (format), NULL);

      chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("_Export"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  /* Beside the campaign's file, where its earlier exports probably are. */
  if (US_IS_WINDOW (parent) && us_window_get_file (US_WINDOW (parent)) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (us_window_get_file (US_WINDOW (parent)));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UsExportDialog *self = US_EXPORT_DIALOG (widget);

  /* Cancel stops a running export and keeps the dialog for another try. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  UsExportDialog *self = US_EXPORT_DIALOG (widget);

  gtk_window_present (GTK_WINDOW (us_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

/* GObject */

static gboolean
us_export_dialog_close_request (GtkWindow *window)
{
  UsExportDialog *self = US_EXPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (us_export_dialog_parent_class)->close_request (window);
}

static void
us_export_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UsExportDialog *self = US_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_PRIVATE:
      g_value_set_boolean (value, self->include_private);
      break;
    case PROP_INCLUDE_UNVERIFIED:
      g_value_set_boolean (value, self->include_unverified);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_export_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UsExportDialog *self = US_EXPORT_DIALOG (object);
  gboolean active = g_value_get_boolean (value);

  switch (prop_id)
    {
    case PROP_INCLUDE_PRIVATE:
      if (self->include_private == active)
        return;
      self->include_private = active;
      gtk_widget_set_visible (self->private_warning, active);
      break;
    case PROP_INCLUDE_UNVERIFIED:
      if (self->include_unverified == active)
        return;
      self->include_unverified = active;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
us_export_dialog_dispose (GObject *object)
{
  UsExportDialog *self = (UsExportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->campaign);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (us_export_dialog_parent_class)->dispose (object);
}

static void
us_export_dialog_finalize (GObject *object)
{
  UsExportDialog *self = (UsExportDialog *) object;

  g_strfreev (self->languages);
  g_free (self->key_path);
  G_OBJECT_CLASS (us_export_dialog_parent_class)->finalize (object);
}

static void
us_export_dialog_class_init (UsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = us_export_dialog_get_property;
  object_class->set_property = us_export_dialog_set_property;
  object_class->dispose = us_export_dialog_dispose;
  object_class->finalize = us_export_dialog_finalize;
  window_class->close_request = us_export_dialog_close_request;

  properties[PROP_INCLUDE_PRIVATE] =
    g_param_spec_boolean ("include-private", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INCLUDE_UNVERIFIED] =
    g_param_spec_boolean ("include-unverified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* path: what was written (the PDF of a pack), or NULL; error: why not,
   * G_IO_ERROR_CANCELLED included.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_STRING, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, pack_check);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, pdf_check);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, xml_check);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, csv_check);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, pdf_group);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, edition_row);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, group_switch);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, xml_group);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, unverified_switch);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, csv_group);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, private_switch);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, private_warning);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, key_group);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, key_button);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, UsExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
us_export_dialog_init (UsExportDialog *self)
{
  const char *paper = gtk_paper_size_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->private_switch, "active", self, "include-private",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->unverified_switch, "active", self, "include-unverified",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* The locale knows whether letters go on A4 or US Letter. */
  adw_combo_row_set_selected (self->paper_row, g_strcmp0 (paper, GTK_PAPER_NAME_LETTER) == 0 ? 1 : 0);
}

UsExportDialog *
us_export_dialog_new (GtkWindow  *parent,
                      UsCampaign *campaign,
                      GSettings  *settings)
{
  UsExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (US_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_swapped (settings, "changed::signing-key", G_CALLBACK (update_key), self);
    }
  fill_editions (self);
  format_changed_cb (self);
  return self;
}
