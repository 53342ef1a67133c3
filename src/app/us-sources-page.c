/* us-sources-page.c: the followed sources, refreshing them (by hand
 * and on a timer) and what a refresh brings; adding, editing and
 * removing them is in us-sources-page-edits.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-application.h"
#include "us-letter-update-dialog.h"
#include "us-source-dialog.h"
#include "us-source-row.h"
#include "us-sources-page-private.h"
#include "us-token.h"
#include "us-window.h"

/* The choices of the automatic refresh, in minutes. */
static const guint intervals[] = { 0, 15, 60, 360 };

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsSourcesPage, us_sources_page, ADW_TYPE_BIN)

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return us_source_row_new (item);
}

static UsSourceRow *
find_row (UsSourcesPage *self,
          const char    *source_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (US_IS_SOURCE_ROW (row) &&
        g_strcmp0 (us_source_get_id (us_source_row_get_source (US_SOURCE_ROW (row))), source_id) == 0)
      return US_SOURCE_ROW (row);
  return NULL;
}

const char *
us_sources_page_get_row_status (UsSourcesPage *self,
                                const char    *source_id)
{
  UsSourceRow *row;

  g_return_val_if_fail (US_IS_SOURCES_PAGE (self), NULL);

  row = find_row (self, source_id);
  return row ? us_source_row_get_status (row) : NULL;
}

const char *
us_sources_page_get_last_summary (UsSourcesPage *self)
{
  g_return_val_if_fail (US_IS_SOURCES_PAGE (self), NULL);
  return self->last_summary;
}

/* "5 minutes ago" grows old: refresh the times every minute. */
static gboolean
clock_cb (gpointer user_data)
{
  UsSourcesPage *self = user_data;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (US_IS_SOURCE_ROW (row))
      us_source_row_update (US_SOURCE_ROW (row));
  return G_SOURCE_CONTINUE;
}

static void
update_empty (UsSourcesPage *self)
{
  gboolean empty = self->campaign == NULL ||
                   g_list_model_get_n_items (us_campaign_get_sources (self->campaign)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.refresh-all",
                                 !empty && self->cancellable == NULL);
}

static UsFetcher *
get_fetcher (UsSourcesPage *self)
{
  GApplication *app = g_application_get_default ();

  if (self->fetcher != NULL)
    return self->fetcher;
  if (US_IS_APPLICATION (app))
    return us_application_get_fetcher (US_APPLICATION (app));
  /* Not in the app (a test that sets none): one of our own. */
  self->fetcher = us_fetcher_new ();
  return self->fetcher;
}

static void
open_dialog (UsSourcesPage *self,
             UsSource      *source)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  UsSourceDialog *dialog;

  if (self->campaign == NULL)
    return;
  dialog = us_source_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->campaign, source, get_fetcher (self));
  if (source != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "source", g_object_ref (source), g_object_unref);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (_us_sources_page_source_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static UsSource *
source_for (UsSourcesPage *self,
            GVariant      *param)
{
  return self->campaign ? us_campaign_find_source (self->campaign, g_variant_get_string (param, NULL)) : NULL;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  open_dialog (US_SOURCES_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsSource *source = source_for (US_SOURCES_PAGE (widget), param);

  if (source != NULL)
    open_dialog (US_SOURCES_PAGE (widget), source);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UsSource *source = source_for (US_SOURCES_PAGE (widget), param);

  if (source != NULL)
    us_sources_page_remove_source (US_SOURCES_PAGE (widget), source);
}

/* Refreshing */

static void
set_refreshing (UsSourcesPage *self,
                GCancellable  *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, cancellable != NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.refresh-one", cancellable == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.cancel", cancellable != NULL);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

gboolean
us_sources_page_get_refreshing (UsSourcesPage *self)
{
  g_return_val_if_fail (US_IS_SOURCES_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

/* Only this page's refresh reports here: the fetcher is the
 * application's, shared by every window.
 */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  UsSourcesPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL)   /* disposed */
    return;

  /* Translators: the progress of a refresh, "2 of 5 sources" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u source", "%u of %u sources", total),
                          done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static char *
summarise (UsSourcesPage   *self,
           UsRefreshResult *result)
{
  GPtrArray *ids = us_refresh_result_get_source_ids (result);
  guint incidents = 0, signatures = 0, letters = 0, failed = 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      UsSource *source = us_campaign_find_source (self->campaign, id);
      guint n = us_refresh_result_get_n_new (result, id);

      if (us_refresh_result_get_status (result, id) == US_FETCH_STATUS_ERROR)
        failed++;
      else if (source == NULL)
        continue;
      else if (us_source_get_kind (source) == US_SOURCE_KIND_INCIDENTS)
        incidents += n;
      else if (us_source_get_kind (source) == US_SOURCE_KIND_SIGNATURES)
        signatures += n;
      else if (us_refresh_result_get_letter_update (result, id) != NULL)
        letters++;
    }
  if (incidents > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new incident candidate",
                                                          "%u new incident candidates", incidents), incidents));
  if (signatures > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new signatory",
                                                          "%u new signatories", signatures), signatures));
  if (letters > 0)
    g_ptr_array_add (parts, g_strdup (_("a newer letter")));
  if (failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source failed",
                                                          "%u sources failed", failed), failed));
  if (parts->len == 0)
    return g_strdup (_("Sources refreshed: nothing new"));
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of a refresh's summary are joined with this */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
offer_letter_updates (UsSourcesPage   *self,
                      UsRefreshResult *result)
{
  GPtrArray *ids = us_refresh_result_get_source_ids (result);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  for (guint i = 0; i < ids->len; i++)
    {
      UsLetter *update = us_refresh_result_get_letter_update (result, g_ptr_array_index (ids, i));
      GtkWidget *dialog;

      if (update == NULL)
        continue;
      dialog = us_letter_update_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            self->campaign, self->undo_stack, update);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(UsSourcesPage) self = user_data;
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  UsFetcher *fetcher = US_FETCHER (object);

  result = us_fetcher_refresh_finish (fetcher, res, &error);
  g_clear_object (&self->running);
  set_refreshing (self, NULL);
  g_clear_pointer (&self->last_summary, g_free);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->last_summary = g_strdup (_("Refresh cancelled: nothing changed"));
      else
        self->last_summary = g_strdup_printf (_("Could not refresh: %s"), error->message);
      _us_sources_page_toast (self, self->last_summary, FALSE);
      return;
    }
  if (self->campaign == NULL)
    return;
  /* A permanent redirect within the site takes the token along
   * (us-sources-page-edits.c), and so do the undo and redo of the refresh.
   */
  us_refresh_result_apply (result, self->campaign, self->undo_stack);
  self->last_summary = summarise (self, result);
  if (self->keyring_error != NULL)
    {
      g_autofree char *summary = g_steal_pointer (&self->last_summary);

      /* Translators: a refresh's summary, then why the keyring gave no tokens */
      self->last_summary = g_strdup_printf (_("%s (tokens could not be read: %s)"),
                                            summary, self->keyring_error);
    }
  _us_sources_page_toast (self, self->last_summary, FALSE);
  offer_letter_updates (self, result);
}

static void
start_fetch (UsSourcesPage *self)
{
  g_auto(GStrv) ids = g_steal_pointer (&self->pending_ids);

  self->running = g_object_ref (get_fetcher (self));
  us_fetcher_refresh_with_progress_async (self->running, self->campaign, (const char * const *) ids,
                                          progress_cb, g_object_ref (self), g_object_unref,
                                          self->cancellable, refresh_cb, g_object_ref (self));
}

static void
token_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(UsSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = us_token_lookup_finish (res, &error);
  GApplication *app = g_application_get_default ();
  const char *url = g_object_get_data (G_OBJECT (res), "url");
  const char *header = g_object_get_data (G_OBJECT (res), "header");

  /* Without a token the source fails with the server's own message;
   * a keyring that could not answer is said in the summary too.
   */
  if (token != NULL && url != NULL && header != NULL && US_IS_APPLICATION (app))
    us_application_remember_token (US_APPLICATION (app), url, header, token);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->keyring_error == NULL)
    self->keyring_error = g_strdup (error->message);
  if (--self->pending_tokens > 0)
    return;
  if (self->campaign == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_strfreev (g_steal_pointer (&self->pending_ids));
      set_refreshing (self, NULL);
      g_clear_pointer (&self->last_summary, g_free);
      self->last_summary = g_strdup (_("Refresh cancelled: nothing changed"));
      _us_sources_page_toast (self, self->last_summary, FALSE);
      return;
    }
  start_fetch (self);
}

typedef struct
{
  UsSourcesPage *self;
  char          *url;
  char          *header;
} TokenLookup;

static void
token_lookup_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  TokenLookup *lookup = user_data;

  g_object_set_data_full (G_OBJECT (res), "url", lookup->url, g_free);
  g_object_set_data_full (G_OBJECT (res), "header", lookup->header, g_free);
  token_cb (object, res, lookup->self);
  g_free (lookup);
}

void
us_sources_page_refresh (UsSourcesPage *self,
                         const char    *source_id)
{
  g_autoptr(GCancellable) cancellable = NULL;
  GListModel *sources;

  g_return_if_fail (US_IS_SOURCES_PAGE (self));

  if (self->campaign == NULL || self->cancellable != NULL)
    return;
  sources = us_campaign_get_sources (self->campaign);
  if (g_list_model_get_n_items (sources) == 0)
    return;

  cancellable = g_cancellable_new ();
  set_refreshing (self, cancellable);
  g_clear_pointer (&self->keyring_error, g_free);
  if (source_id != NULL)
    {
      const char *ids[] = { source_id, NULL };
      self->pending_ids = g_strdupv ((char **) ids);
    }

  /* The keyring answers asynchronously; the fetcher asks synchronously. */
  self->pending_tokens = 1;
  if (us_token_is_supported () && US_IS_APPLICATION (g_application_get_default ()))
    for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
      {
        g_autoptr(UsSource) s = g_list_model_get_item (sources, i);
        const char *header = us_source_get_token_header (s);
        TokenLookup *lookup;

        if (header == NULL || (source_id != NULL && g_strcmp0 (source_id, us_source_get_id (s)) != 0))
          continue;
        lookup = g_new0 (TokenLookup, 1);
        lookup->self = g_object_ref (self);
        lookup->url = g_strdup (us_source_get_url (s));
        lookup->header = g_strdup (header);
        self->pending_tokens++;
        us_token_lookup_async (lookup->url, lookup->header, self->cancellable, token_lookup_cb, lookup);
      }
  if (--self->pending_tokens == 0)
    start_fetch (self);
}

void
us_sources_page_cancel_refresh (UsSourcesPage *self)
{
  g_return_if_fail (US_IS_SOURCES_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
refresh_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  us_sources_page_refresh (US_SOURCES_PAGE (widget), NULL);
}

static void
refresh_one_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  us_sources_page_refresh (US_SOURCES_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  us_sources_page_cancel_refresh (US_SOURCES_PAGE (widget));
}

/* Automatic refresh */

static gboolean
auto_refresh_cb (gpointer user_data)
{
  UsSourcesPage *self = user_data;

  /* Only while the campaign can be changed: not during a save. */
  if (gtk_widget_is_sensitive (GTK_WIDGET (self)))
    us_sources_page_refresh (self, NULL);
  return G_SOURCE_CONTINUE;
}

static void
interval_changed_cb (UsSourcesPage *self)
{
  guint minutes = self->settings ? g_settings_get_uint (self->settings, "refresh-interval") : 0;

  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  if (minutes > 0)
    self->auto_refresh_id = g_timeout_add_seconds (minutes * 60, auto_refresh_cb, self);
  for (guint i = 0; i < G_N_ELEMENTS (intervals); i++)
    if (intervals[i] == minutes && adw_combo_row_get_selected (self->interval_row) != i)
      adw_combo_row_set_selected (self->interval_row, i);
}

static void
interval_selected_cb (UsSourcesPage *self)
{
  guint i = adw_combo_row_get_selected (self->interval_row);

  if (self->settings != NULL && i < G_N_ELEMENTS (intervals) &&
      g_settings_get_uint (self->settings, "refresh-interval") != intervals[i])
    g_settings_set_uint (self->settings, "refresh-interval", intervals[i]);
}

/* The campaign */

void
us_sources_page_set_campaign (UsSourcesPage *self,
                              UsCampaign    *campaign)
{
  g_return_if_fail (US_IS_SOURCES_PAGE (self));
  g_return_if_fail (!campaign || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  us_sources_page_cancel_refresh (self);
  if (self->campaign != NULL)
    {
      GListModel *old = us_campaign_get_sources (self->campaign);

      g_signal_handlers_disconnect_by_data (old, self);
      for (guint i = 0; i < g_list_model_get_n_items (old); i++)
        {
          g_autoptr(UsSource) source = g_list_model_get_item (old, i);

          g_signal_handlers_disconnect_by_func (source, _us_sources_page_source_url_cb, self);
        }
    }
  g_set_object (&self->campaign, campaign);
  gtk_list_box_bind_model (self->list, campaign ? us_campaign_get_sources (campaign) : NULL,
                           create_row, NULL, NULL);
  if (campaign != NULL)
    {
      GListModel *sources = us_campaign_get_sources (campaign);

      g_signal_connect_swapped (sources, "items-changed", G_CALLBACK (update_empty), self);
      g_signal_connect (sources, "items-changed", G_CALLBACK (_us_sources_page_watch_sources), self);
      _us_sources_page_watch_sources (sources, 0, 0, g_list_model_get_n_items (sources), self);
    }
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsCampaign *
us_sources_page_get_campaign (UsSourcesPage *self)
{
  g_return_val_if_fail (US_IS_SOURCES_PAGE (self), NULL);
  return self->campaign;
}

void
us_sources_page_set_fetcher (UsSourcesPage *self,
                             UsFetcher     *fetcher)
{
  g_return_if_fail (US_IS_SOURCES_PAGE (self));
  g_return_if_fail (!fetcher || US_IS_FETCHER (fetcher));

  g_set_object (&self->fetcher, fetcher);
}

static void
us_sources_page_dispose (GObject *object)
{
  UsSourcesPage *self = (UsSourcesPage *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (us_campaign_get_sources (self->campaign), self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  /* AdwBin keeps its own pointer to the child: clear it before the
   * template unparents the child under it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SOURCES_PAGE);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->running);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (us_sources_page_parent_class)->dispose (object);
}

static void
us_sources_page_finalize (GObject *object)
{
  UsSourcesPage *self = (UsSourcesPage *) object;

  g_clear_object (&self->cancellable);
  g_free (self->last_summary);
  g_free (self->keyring_error);
  g_strfreev (self->pending_ids);
  G_OBJECT_CLASS (us_sources_page_parent_class)->finalize (object);
}

static void
us_sources_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UsSourcesPage *self = US_SOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_sources_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UsSourcesPage *self = US_SOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      us_sources_page_set_campaign (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      if (g_set_object (&self->undo_stack, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_sources_page_class_init (UsSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_sources_page_dispose;
  object_class->finalize = us_sources_page_finalize;
  object_class->get_property = us_sources_page_get_property;
  object_class->set_property = us_sources_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, list);
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, interval_row);
  gtk_widget_class_bind_template_callback (widget_class, interval_selected_cb);

  gtk_widget_class_install_action (widget_class, "sources.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "sources.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "sources.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "sources.refresh-all", NULL, refresh_all_action);
  gtk_widget_class_install_action (widget_class, "sources.refresh-one", "s", refresh_one_action);
  gtk_widget_class_install_action (widget_class, "sources.cancel", NULL, cancel_action);
}

static void
us_sources_page_init (UsSourcesPage *self)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings = US_IS_APPLICATION (app) ? us_application_get_settings (US_APPLICATION (app)) : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_refreshing (self, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_swapped (settings, "changed::refresh-interval",
                                G_CALLBACK (interval_changed_cb), self);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->interval_row), FALSE);
  interval_changed_cb (self);
  self->clock_id = g_timeout_add_seconds (60, clock_cb, self);
}
