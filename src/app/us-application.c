/* us-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "us-application.h"
#include "us-drafts.h"
#include "us-fetcher.h"
#include "us-format.h"
#include "us-preferences-window.h"
#include "us-window.h"

#define MAX_RECENT 10
#define SAMPLE_NAME "healthcare-2020.undersigned"

struct _UsApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  GMenu          *recent_menu;
  UsFetcher      *fetcher;
  GHashTable     *tokens;       /* "header\nurl" -> token, from the keyring */
  gulong          recent_changed_id;
  guint           drafts_restored : 1;
};

G_DEFINE_FINAL_TYPE (UsApplication, us_application, ADW_TYPE_APPLICATION)

static char *
token_key (const char *url,
           const char *header)
{
  return g_strconcat (header, "\n", url, NULL);
}

/* The fetcher asks synchronously; the keyring answers asynchronously, so
 * the Sources page looks tokens up before a refresh and leaves them here.
 */
static char *
token_for_source (const char *source_id,
                  const char *url,
                  const char *header,
                  gpointer    user_data)
{
  UsApplication *self = user_data;
  g_autofree char *key = token_key (url, header);

  return g_strdup (g_hash_table_lookup (self->tokens, key));
}

UsFetcher *
us_application_get_fetcher (UsApplication *self)
{
  g_return_val_if_fail (US_IS_APPLICATION (self), NULL);

  if (self->fetcher == NULL)
    {
      self->fetcher = us_fetcher_new ();
      us_fetcher_set_token_func (self->fetcher, token_for_source, self, NULL);
    }
  return self->fetcher;
}

void
us_application_remember_token (UsApplication *self,
                               const char    *url,
                               const char    *header,
                               const char    *token)
{
  g_return_if_fail (US_IS_APPLICATION (self));
  g_return_if_fail (url != NULL && header != NULL);

  if (token != NULL)
    g_hash_table_replace (self->tokens, token_key (url, header), g_strdup (token));
  else
    {
      g_autofree char *key = token_key (url, header);
      g_hash_table_remove (self->tokens, key);
    }
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
#ifdef BUILD_SCHEMA_DIR
  /* Run from the build tree without GSETTINGS_SCHEMA_DIR. */
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build_source =
        g_settings_schema_source_new_from_directory (BUILD_SCHEMA_DIR, source, FALSE, NULL);

      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
#endif
  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: nothing will be remembered", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

GFile *
us_application_find_sample (void)
{
  g_autofree char *installed = g_build_filename (PKGDATADIR, "samples", SAMPLE_NAME, NULL);
  g_autofree char *source = g_build_filename (SOURCE_DATADIR, "samples", SAMPLE_NAME, NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (installed);
  /* Run from the build tree, before meson install. */
  if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (source);
  return NULL;
}

static gboolean
is_campaign (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);

  return g_strcmp0 (gtk_recent_info_get_mime_type (info), US_FORMAT_MIME_TYPE) == 0 ||
         g_str_has_suffix (uri, ".undersigned");
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;
  /* (transfer none) in GTK 4 */
  GDateTime *ma = gtk_recent_info_get_modified (ia);
  GDateTime *mb = gtk_recent_info_get_modified (ib);

  return g_date_time_compare (mb, ma);
}

static void
update_recent_menu (UsApplication *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) campaigns = g_ptr_array_new ();

  for (GList *l = items; l != NULL; l = l->next)
    if (is_campaign (l->data) && gtk_recent_info_exists (l->data))
      g_ptr_array_add (campaigns, l->data);
  g_ptr_array_sort (campaigns, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < campaigns->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (campaigns, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target (item, "app.open-uri", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

void
us_application_add_recent (UsApplication *self,
                           GFile         *file)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = {
    .mime_type = (char *) US_FORMAT_MIME_TYPE,
    .app_name = (char *) "Undersigned",
    .app_exec = (char *) "undersigned %u",
  };

  g_return_if_fail (US_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-file", uri);
}

GMenuModel *
us_application_get_recent_menu (UsApplication *self)
{
  g_return_val_if_fail (US_IS_APPLICATION (self), NULL);
  return G_MENU_MODEL (self->recent_menu);
}

GSettings *
us_application_get_settings (UsApplication *self)
{
  g_return_val_if_fail (US_IS_APPLICATION (self), NULL);
  return self->settings;
}

static UsWindow *
find_window (UsApplication *self,
             GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *shown;

      if (!US_IS_WINDOW (l->data))
        continue;
      shown = us_window_get_file (l->data);
      if (shown != NULL && g_file_equal (shown, file))
        return l->data;
    }
  return NULL;
}

static UsWindow *
new_window (UsApplication *self)
{
  UsWindow *window = us_window_new (GTK_APPLICATION (self));
  const char *page = g_getenv ("UNDERSIGNED_SCREENSHOT_PAGE");
  const char *png = g_getenv ("UNDERSIGNED_SCREENSHOT");

  if (page != NULL)
    us_window_set_page (window, page);
  if (png != NULL && *png != '\0')
    us_window_screenshot_when_ready (window, png);
  return window;
}

void
us_application_open_file (UsApplication *self,
                          GFile         *file,
                          GtkWindow     *from)
{
  UsWindow *window;

  g_return_if_fail (US_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  window = find_window (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (US_IS_WINDOW (from) &&
      us_document_is_pristine (us_window_get_document (US_WINDOW (from))))
    window = US_WINDOW (from);
  else
    window = new_window (self);
  us_window_load (window, file, FALSE);
  gtk_window_present (GTK_WINDOW (window));
}

guint
us_application_restore_drafts (UsApplication *self)
{
  g_autoptr(GPtrArray) drafts = NULL;

  g_return_val_if_fail (US_IS_APPLICATION (self), 0);

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "restore-drafts"))
    return 0;
  drafts = us_drafts_list ();
  for (guint i = 0; i < drafts->len; i++)
    {
      UsWindow *window = new_window (self);

      us_window_recover (window, g_ptr_array_index (drafts, i));
      gtk_window_present (GTK_WINDOW (window));
    }
  return drafts->len;
}

/* Drafts come back once per run, before anything else opens, so that a
 * file passed on the command line finds its recovered window.
 */
static guint
restore_once (UsApplication *self)
{
  if (self->drafts_restored)
    return 0;
  self->drafts_restored = TRUE;
  return us_application_restore_drafts (self);
}

static void
open_startup_campaign (UsApplication *self)
{
  g_autofree char *last = NULL;
  g_autoptr(GFile) sample = NULL;
  UsWindow *window = new_window (self);

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-file");
  if (last != NULL && *last != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_uri (last);

      if (g_file_query_exists (file, NULL))
        {
          us_window_load (window, file, FALSE);
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
    }

  /* First run: something to look at rather than an empty window. */
  sample = us_application_find_sample ();
  if (sample != NULL)
    us_window_load (window, sample, TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

static void
us_application_activate (GApplication *app)
{
  UsApplication *self = US_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (restore_once (self) > 0)
    return;
  open_startup_campaign (self);
}

static void
us_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  UsApplication *self = US_APPLICATION (app);

  restore_once (self);
  for (int i = 0; i < n_files; i++)
    us_application_open_file (self, files[i], NULL);
}

static gboolean
unix_signal_cb (gpointer user_data)
{
  UsApplication *self = user_data;

  /* Logging out or Ctrl+C in a terminal: no dialog can be answered, so
   * keep every change as a draft for the next start.
   */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (US_IS_WINDOW (l->data))
      us_window_save_draft (l->data);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (new_window (user_data)));
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(UsApplication) self = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          us_application_open_file (self, file, parent);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

GtkFileFilter *
us_application_new_file_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Campaigns"));
  gtk_file_filter_add_mime_type (filter, US_FORMAT_MIME_TYPE);
  /* Without the MIME database (a plain build tree) the type is unknown. */
  gtk_file_filter_add_suffix (filter, "undersigned");
  return filter;
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  UsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = us_application_new_file_filter ();

  dialog = gtk_file_chooser_native_new (_("Open Campaign"), parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_uri_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  UsApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  us_application_open_file (self, file, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_autoptr(GList) windows = NULL;

  /* Each window asks about its own unsaved changes; the application ends
   * when the last one has closed.
   */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Undersigned developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Undersigned"),
                        "developer-name", _("The Undersigned developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Draft open letters, collect signatures and cite evidence."),
                        "website", "https://undersigned.github.io/",
                        "issue-url", "https://github.com/undersigned/undersigned/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  UsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (us_preferences_window_new (parent, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-uri", open_uri_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
us_application_startup (GApplication *app)
{
  UsApplication *self = US_APPLICATION (app);
  GtkRecentManager *recent = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.refresh-sources", { "<Control>r", NULL } },
    { "win.page::letter", { "<Alt>1", NULL } },
    { "win.page::signatories", { "<Alt>2", NULL } },
    { "win.page::incidents", { "<Alt>3", NULL } },
    { "win.page::sources", { "<Alt>4", NULL } },
  };

  G_APPLICATION_CLASS (us_application_parent_class)->startup (app);

  /* Dark style follows the system: AdwStyleManager's default. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  self->settings = create_settings ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  recent = gtk_recent_manager_get_default ();
  self->recent_changed_id = g_signal_connect_swapped (recent, "changed",
                                                      G_CALLBACK (update_recent_menu), self);
  update_recent_menu (self);

  g_unix_signal_add (SIGTERM, unix_signal_cb, self);
  g_unix_signal_add (SIGHUP, unix_signal_cb, self);
  g_unix_signal_add (SIGINT, unix_signal_cb, self);
}

static void
us_application_shutdown (GApplication *app)
{
  UsApplication *self = US_APPLICATION (app);

  g_clear_signal_handler (&self->recent_changed_id, gtk_recent_manager_get_default ());
  G_APPLICATION_CLASS (us_application_parent_class)->shutdown (app);
}

static void
us_application_dispose (GObject *object)
{
  UsApplication *self = (UsApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  G_OBJECT_CLASS (us_application_parent_class)->dispose (object);
}

static void
us_application_class_init (UsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = us_application_dispose;
  app_class->startup = us_application_startup;
  app_class->shutdown = us_application_shutdown;
  app_class->activate = us_application_activate;
  app_class->open = us_application_open;
}

static void
us_application_init (UsApplication *self)
{
  self->recent_menu = g_menu_new ();
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

UsApplication *
us_application_new (GApplicationFlags flags)
{
  return g_object_new (US_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/undersigned/Undersigned",
                       NULL);
}
