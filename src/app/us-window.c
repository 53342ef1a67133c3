/* us-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-application.h"
#include "us-disk-change-dialog.h"
#include "us-duplicates-dialog.h"
#include "us-export-dialog.h"
#include "us-import-dialog.h"
#include "us-incidents-page.h"
#include "us-letter-page.h"
#include "us-sources-page.h"
#include "us-signatories-page.h"
#include "us-window.h"

/* Frames to wait before a screenshot, so that list views have laid out
 * their rows and fonts are loaded.
 */
#define SCREENSHOT_FRAMES 10

/* The four pages, in the stack's order. */
typedef enum {
  PAGE_LETTER,
  PAGE_SIGNATORIES,
  PAGE_INCIDENTS,
  PAGE_SOURCES,
  N_PAGES
} PageId;

static const char * const page_names[N_PAGES] = { "letter", "signatories", "incidents", "sources" };

struct _UsWindow
{
  AdwApplicationWindow  parent_instance;

  UsDocument           *document;
  GFile                *loading_file;
  char                 *screenshot_path;
  guint                 screenshot_frames;
  guint                 close_confirmed : 1;
  guint                 close_after_save : 1;
  guint                 load_as_copy : 1;
  guint                 lazy_bind_id;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *stack;
  AdwBin               *slots[N_PAGES];
  GMenu                *recent_section;

  /* Each page, once built into its slot (ensure_page()) */
  GtkWidget            *pages[N_PAGES];
};

G_DEFINE_FINAL_TYPE (UsWindow, us_window, ADW_TYPE_APPLICATION_WINDOW)

static void save_as (UsWindow *self);
static GtkWidget *ensure_page (UsWindow *self, PageId id);

/* The body's last keystrokes wait in the letter page's debounce; a
 * letter page not built yet has none.
 */
static void
flush_letter (UsWindow *self)
{
  if (self->pages[PAGE_LETTER] != NULL)
    us_letter_page_flush (US_LETTER_PAGE (self->pages[PAGE_LETTER]));
}

static GSettings *
get_settings (UsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return US_IS_APPLICATION (app) ? us_application_get_settings (US_APPLICATION (app)) : NULL;
}

static void
add_recent (UsWindow *self,
            GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (US_IS_APPLICATION (app))
    us_application_add_recent (US_APPLICATION (app), file);
}

void
us_window_add_toast (UsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (UsWindow   *self,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_title (UsWindow *self)
{
  g_autofree char *title = us_document_dup_title (self->document);
  g_autofree char *full = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file = us_document_get_file (self->document);

  if (us_document_get_modified (self->document))
    /* Translators: the window title of a campaign with unsaved changes */
    full = g_strdup_printf (_("%s •"), title);
  else
    full = g_strdup (title);
  if (file != NULL)
    subtitle = g_file_get_basename (file);
  else
    subtitle = g_strdup (_("Not saved yet"));

  gtk_window_set_title (GTK_WINDOW (self), full);
  adw_view_switcher_title_set_title (self->switcher_title, full);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_busy (UsWindow *self)
{
  gboolean busy = us_document_get_busy (self->document);
  GActionMap *map = G_ACTION_MAP (self);

  /* Nothing may change the campaign while a thread reads it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !busy);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "save")), !busy);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "save-as")), !busy);
}

static void
update_undo (UsWindow *self)
{
  UsUndoStack *stack = us_document_get_undo_stack (self->document);
  GActionMap *map = G_ACTION_MAP (self);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "undo")),
                               us_undo_stack_can_undo (stack));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "redo")),
                               us_undo_stack_can_redo (stack));
}

/* Screenshots */

static void
take_screenshot (UsWindow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    g_warning ("Nothing to render for the screenshot");
  else
    {
      texture = gsk_renderer_render_texture (renderer, node,
                                             &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (!gdk_texture_save_to_png (texture, self->screenshot_path))
        g_warning ("Cannot write %s", self->screenshot_path);
    }
}

static gboolean
screenshot_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  UsWindow *self = US_WINDOW (widget);
  GtkApplication *app;

  if (self->loading_file != NULL || ++self->screenshot_frames < SCREENSHOT_FRAMES)
    return G_SOURCE_CONTINUE;

  take_screenshot (self);
  g_clear_pointer (&self->screenshot_path, g_free);
  app = gtk_window_get_application (GTK_WINDOW (self));
  /* The campaign is the sample, unchanged: nothing to ask about. */
  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

void
us_window_screenshot_when_ready (UsWindow   *self,
                                 const char *png_path)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (png_path != NULL);

  g_free (self->screenshot_path);
  self->screenshot_path = g_strdup (png_path);
  self->screenshot_frames = 0;
  gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick_cb, NULL, NULL);
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
      show_message (self, _("Could Not Open the Campaign"), error->message);
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

      show_message (self, _("Could Not Recover Unsaved Changes"), body);
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
  us_document_recover_async (self->document, draft->id, draft->path, original, NULL,
                             recover_cb, g_object_ref (self));
}

UsDocument *
us_window_get_document (UsWindow *self)
{
  g_return_val_if_fail (US_IS_WINDOW (self), NULL);
  return self->document;
}

GFile *
us_window_get_file (UsWindow *self)
{
  g_return_val_if_fail (US_IS_WINDOW (self), NULL);
  return self->loading_file ? self->loading_file : us_document_get_file (self->document);
}

void
us_window_save_draft (UsWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (US_IS_WINDOW (self));

  flush_letter (self);
  if (!us_document_write_draft_now (self->document, &error))
    g_warning ("Cannot keep a draft of the unsaved changes: %s", error->message);
}

void
us_window_set_page (UsWindow   *self,
                    const char *name)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
us_window_get_page_widget (UsWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (US_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Pages are built lazily: the caller gets one, with the campaign. */
  for (guint i = 0; i < N_PAGES; i++)
    if (strcmp (name, page_names[i]) == 0)
      return ensure_page (self, i);
  return NULL;
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
      show_message (self, _("Could Not Save the Campaign"), error->message);
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
  flush_letter (self);
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

static gboolean
text_widget_undo (GtkWidget *focus,
                  gboolean   redo)
{
  /* Text keeps its own, finer history: typing is undone there first. */
  if (GTK_IS_TEXT_VIEW (focus))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));

      if (!(redo ? gtk_text_buffer_get_can_redo (buffer) : gtk_text_buffer_get_can_undo (buffer)))
        return FALSE;
    }
  else if (!GTK_IS_TEXT (focus))
    return FALSE;
  return gtk_widget_activate_action (focus, redo ? "text.redo" : "text.undo", NULL);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  UsWindow *self = user_data;

  if (!text_widget_undo (gtk_root_get_focus (GTK_ROOT (self)), FALSE))
    us_undo_stack_undo (us_document_get_undo_stack (self->document));
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  UsWindow *self = user_data;

  if (!text_widget_undo (gtk_root_get_focus (GTK_ROOT (self)), TRUE))
    us_undo_stack_redo (us_document_get_undo_stack (self->document));
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  UsWindow *self = user_data;
  const char *page = adw_view_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "signatories") == 0)
    gtk_widget_activate_action (ensure_page (self, PAGE_SIGNATORIES), "signatories.find", NULL);
  else if (g_strcmp0 (page, "incidents") == 0)
    gtk_widget_activate_action (ensure_page (self, PAGE_INCIDENTS), "incidents.find", NULL);
}

static void
page_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  us_window_set_page (user_data, g_variant_get_string (param, NULL));
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  UsWindow *self = user_data;

  /* A save in progress is reading the campaign: it must not change. */
  if (!us_document_get_busy (self->document))
    us_import_dialog_present (GTK_WINDOW (self), us_document_get_campaign (self->document),
                              us_document_get_undo_stack (self->document));
}

static void
find_duplicates_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  UsWindow *self = user_data;

  if (!us_document_get_busy (self->document))
    us_duplicates_dialog_present (GTK_WINDOW (self), us_document_get_campaign (self->document),
                                  us_document_get_undo_stack (self->document));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  UsWindow *self = user_data;
  UsExportDialog *dialog;

  if (us_document_get_busy (self->document))
    return;
  flush_letter (self);
  dialog = us_export_dialog_new (GTK_WINDOW (self), us_document_get_campaign (self->document),
                                 get_settings (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_sources_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  UsWindow *self = user_data;

  us_sources_page_refresh (US_SOURCES_PAGE (ensure_page (self, PAGE_SOURCES)), NULL);
}

static const GActionEntry win_actions[] = {
  { "save", save_action },
  { "save-as", save_as_action },
  { "close", close_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "find", find_action },
  { "page", page_action, "s" },
  { "import", import_action },
  { "find-duplicates", find_duplicates_action },
  { "export", export_action },
  { "refresh-sources", refresh_sources_action },
};

/* Closing */

static void
save_window_state (UsWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL || self->screenshot_path != NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);
}

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

static gboolean
us_window_close_request (GtkWindow *window)
{
  UsWindow *self = US_WINDOW (window);
  g_autofree char *title = NULL;
  GtkWidget *dialog;

  if (us_document_get_busy (self->document))
    return TRUE;
  flush_letter (self);
  if (self->close_confirmed || !us_document_get_modified (self->document))
    {
      save_window_state (self);
      return GTK_WINDOW_CLASS (us_window_parent_class)->close_request (window);
    }

  /* Should the session end while the question is open, the changes are
   * already on disk as a draft.
   */
  us_window_save_draft (self);

  title = us_document_dup_title (self->document);
  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
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
  return TRUE;
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

static void
us_window_constructed (GObject *object)
{
  UsWindow *self = US_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = get_settings (self);

  G_OBJECT_CLASS (us_window_parent_class)->constructed (object);

  if (US_IS_APPLICATION (app))
    g_menu_append_section (self->recent_section, NULL,
                           us_application_get_recent_menu (US_APPLICATION (app)));
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
us_window_dispose (GObject *object)
{
  UsWindow *self = (UsWindow *) object;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (us_document_get_undo_stack (self->document), self);
    }
  /* libadwaita 1.2 switchers unparent their buttons after the stack's
   * pages are gone when the stack goes first: let go of it before.
   */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_WINDOW);
  /* The slots took the pages with them. */
  memset (self->pages, 0, sizeof self->pages);
  g_clear_object (&self->document);
  g_clear_object (&self->loading_file);
  g_clear_handle_id (&self->lazy_bind_id, g_source_remove);
  G_OBJECT_CLASS (us_window_parent_class)->dispose (object);
}

static void
us_window_finalize (GObject *object)
{
  UsWindow *self = (UsWindow *) object;

  g_free (self->screenshot_path);
  G_OBJECT_CLASS (us_window_parent_class)->finalize (object);
}

static void
us_window_class_init (UsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = us_window_constructed;
  object_class->dispose = us_window_dispose;
  object_class->finalize = us_window_finalize;
  window_class->close_request = us_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, UsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, UsWindow, stack);
  for (guint i = 0; i < N_PAGES; i++)
    {
      g_autofree char *id = g_strconcat (page_names[i], "_slot", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,
                                                 G_STRUCT_OFFSET (UsWindow, slots) + i * sizeof (AdwBin *));
    }
  gtk_widget_class_bind_template_child (widget_class, UsWindow, recent_section);
}

/* The pages are built lazily: the one shown, when the window is
 * realised or the page is shown; each other when first shown or asked
 * for (us_window_get_page_widget(), actions), or else in a low-priority
 * idle after a frame painted with no load in progress, one page an idle.
 * A page gets the campaign when it is built.  Building the three pages
 * not shown and handing them the sample before the first frame cost
 * ~25 ms and ~60 ms (bench/bench-startup.sh).
 */
static GType (* const page_types[N_PAGES]) (void) = {
  us_letter_page_get_type, us_signatories_page_get_type,
  us_incidents_page_get_type, us_sources_page_get_type,
};

static GtkWidget *
ensure_page (UsWindow *self,
             PageId    id)
{
  GtkWidget *page;

  g_return_val_if_fail (id < N_PAGES, NULL);

  if (self->pages[id] != NULL || self->slots[id] == NULL ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return self->pages[id];
  page = g_object_new (page_types[id] (), NULL);
  self->pages[id] = page;
  g_object_bind_property (self->document, "campaign", page, "campaign", G_BINDING_SYNC_CREATE);
  g_object_set (page, "undo-stack", us_document_get_undo_stack (self->document), NULL);
  adw_bin_set_child (self->slots[id], page);
  return page;
}

/* The bottom switcher shows only in a narrow window: it gets the stack,
 * and so builds its buttons, the first time it is revealed.
 */
static void
title_visible_cb (UsWindow *self)
{
  if (adw_view_switcher_title_get_title_visible (self->switcher_title) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
}

static void
visible_page_cb (UsWindow *self)
{
  GtkWidget *slot = adw_view_stack_get_visible_child (self->stack);

  for (guint i = 0; i < N_PAGES; i++)
    if (slot == GTK_WIDGET (self->slots[i]))
      ensure_page (self, i);
}

static gboolean
bind_next_page_cb (gpointer user_data)
{
  UsWindow *self = user_data;

  /* A thread reads the campaign: again once it is done (notify::busy). */
  if (us_document_get_busy (self->document))
    {
      self->lazy_bind_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* One page an idle, so that input is not kept waiting. */
  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i] == NULL)
      {
        ensure_page (self, i);
        return G_SOURCE_CONTINUE;
      }
  self->lazy_bind_id = 0;
  return G_SOURCE_REMOVE;
}

static void
lazy_bind_after_paint_cb (GdkFrameClock *clock,
                          UsWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, lazy_bind_after_paint_cb, self);
  if (self->lazy_bind_id == 0 && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    self->lazy_bind_id = g_idle_add_full (G_PRIORITY_LOW, bind_next_page_cb, self, NULL);
}

static void
schedule_lazy_binding (UsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->lazy_bind_id != 0 || us_document_get_busy (self->document))
    return;
  g_signal_handlers_disconnect_by_func (clock, lazy_bind_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (lazy_bind_after_paint_cb), self, 0);
}


static void
us_window_init (UsWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  self->document = us_document_new ();
  g_signal_connect_swapped (self->document, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->document, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->document, "notify::file", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (self->document, "notify::busy", G_CALLBACK (update_busy), self);
  g_signal_connect_swapped (us_document_get_undo_stack (self->document), "notify::can-undo",
                            G_CALLBACK (update_undo), self);
  g_signal_connect_swapped (us_document_get_undo_stack (self->document), "notify::can-redo",
                            G_CALLBACK (update_undo), self);
  g_signal_connect_swapped (self->document, "notify::busy", G_CALLBACK (schedule_lazy_binding), self);
  g_signal_connect_swapped (self->document, "changed-on-disk", G_CALLBACK (changed_on_disk_cb), self);
  /* The page shown is built at the latest for the first frame. */
  g_signal_connect (self, "realize", G_CALLBACK (visible_page_cb), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (schedule_lazy_binding), NULL);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (visible_page_cb), self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (title_visible_cb), self);
  title_visible_cb (self);
  update_title (self);
  update_undo (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

UsWindow *
us_window_new (GtkApplication *application)
{
  return g_object_new (US_TYPE_WINDOW, "application", application, NULL);
}
