/* us-window.c: one campaign's window
 *
 * Its files, pages and shared state: us-window-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-application.h"
#include "us-duplicates-dialog.h"
#include "us-export-dialog.h"
#include "us-import-dialog.h"
#include "us-letter-page.h"
#include "us-sources-page.h"
#include "us-window-private.h"

/* Frames to wait before a screenshot, so that list views have laid out
 * their rows and fonts are loaded.
 */
#define SCREENSHOT_FRAMES 10

G_DEFINE_FINAL_TYPE (UsWindow, us_window, ADW_TYPE_APPLICATION_WINDOW)

/* The body's last keystrokes wait in the letter page's debounce; a
 * letter page not built yet has none.
 */
void
_us_window_flush_letter (UsWindow *self)
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

void
us_window_add_toast (UsWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

  _us_window_flush_letter (self);
  if (!us_document_write_draft_now (self->document, &error))
    g_warning ("Cannot keep a draft of the unsaved changes: %s", error->message);
}

/* Actions (the file's own, in us-window-files.c) */

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
    gtk_widget_activate_action (_us_window_ensure_page (self, PAGE_SIGNATORIES),
                                "signatories.find", NULL);
  else if (g_strcmp0 (page, "incidents") == 0)
    gtk_widget_activate_action (_us_window_ensure_page (self, PAGE_INCIDENTS),
                                "incidents.find", NULL);
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
  _us_window_flush_letter (self);
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

  us_sources_page_refresh (US_SOURCES_PAGE (_us_window_ensure_page (self, PAGE_SOURCES)), NULL);
}

static const GActionEntry win_actions[] = {
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

static gboolean
us_window_close_request (GtkWindow *window)
{
  UsWindow *self = US_WINDOW (window);

  if (!_us_window_may_close (self))
    return TRUE;
  save_window_state (self);
  return GTK_WINDOW_CLASS (us_window_parent_class)->close_request (window);
}

/* What the window takes from its application: the recent-files menu and
 * the remembered size.  "application" is not a construct property, so
 * GObject sets it after constructed(): this runs when it is set.
 */
static void
bind_application (UsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings;

  if (self->application_bound || !US_IS_APPLICATION (app))
    return;
  self->application_bound = TRUE;
  g_menu_append_section (self->recent_section, NULL,
                         us_application_get_recent_menu (US_APPLICATION (app)));
  settings = get_settings (self);
  if (settings != NULL && self->screenshot_path == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

static void
us_window_constructed (GObject *object)
{
  UsWindow *self = US_WINDOW (object);

  G_OBJECT_CLASS (us_window_parent_class)->constructed (object);
  g_signal_connect (self, "notify::application", G_CALLBACK (bind_application), NULL);
  bind_application (self);
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
  _us_window_pages_class_init (widget_class);
  gtk_widget_class_bind_template_child (widget_class, UsWindow, recent_section);
}

static void
us_window_init (UsWindow *self)
{
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
  _us_window_pages_init (self);
  _us_window_files_init (self);
  update_title (self);
  update_undo (self);
}

UsWindow *
us_window_new (GtkApplication *application)
{
  return g_object_new (US_TYPE_WINDOW, "application", application, NULL);
}
