/* us-sources-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-sources-page.h"

struct _UsSourcesPage
{
  AdwBin       parent_instance;

  UsCampaign  *campaign;
  UsUndoStack *undo_stack;

  GtkStack    *stack;
  GtkListBox  *list;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsSourcesPage, us_sources_page, ADW_TYPE_BIN)

static const char *
kind_label (UsSourceKind kind)
{
  switch (kind)
    {
    case US_SOURCE_KIND_INCIDENTS:
      return _("Incident feed");
    case US_SOURCE_KIND_SIGNATURES:
      return _("Signature feed");
    case US_SOURCE_KIND_LETTER:
      return _("Published letter");
    default:
      return _("Unknown");
    }
}

static const char *
kind_icon (UsSourceKind kind)
{
  switch (kind)
    {
    case US_SOURCE_KIND_INCIDENTS:
      return "application-rss+xml-symbolic";
    case US_SOURCE_KIND_SIGNATURES:
      return "system-users-symbolic";
    case US_SOURCE_KIND_LETTER:
    default:
      return "x-office-document-symbolic";
    }
}

static char *
describe_fetch (UsSource *source)
{
  gint64 fetched = us_source_get_last_fetched (source);
  const char *result = us_source_get_last_result (source);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;

  if (fetched == 0)
    return g_strdup (_("Never fetched"));
  when = g_date_time_new_from_unix_local (fetched);
  date = when ? g_date_time_format (when, "%x %X") : g_strdup ("?");
  if (result == NULL)
    /* Translators: the time a source was last fetched */
    return g_strdup_printf (_("Fetched %s"), date);
  /* Translators: the time a source was last fetched, and what came of it */
  return g_strdup_printf (_("Fetched %s: %s"), date, result);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  UsSource *source = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon (us_source_get_kind (source)));
  GtkWidget *status;
  const char *title = us_source_get_title (source);
  g_autofree char *subtitle = NULL;
  g_autofree char *fetch = describe_fetch (source);
  const char *result = us_source_get_last_result (source);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : us_source_get_url (source));
  /* Translators: a source's kind, then its address */
  subtitle = g_strdup_printf (_("%s · %s"), kind_label (us_source_get_kind (source)),
                              us_source_get_url (source));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind_label (us_source_get_kind (source)), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  status = gtk_label_new (fetch);
  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (status), 36);
  gtk_widget_set_tooltip_text (status, fetch);
  gtk_widget_add_css_class (status, "caption");
  if (result != NULL && g_str_has_prefix (result, "error"))
    gtk_widget_add_css_class (status, "error");
  else
    gtk_widget_add_css_class (status, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  return row;
}

static void
update_empty (UsSourcesPage *self)
{
  gboolean empty = self->campaign == NULL ||
                   g_list_model_get_n_items (us_campaign_get_sources (self->campaign)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

void
us_sources_page_set_campaign (UsSourcesPage *self,
                              UsCampaign    *campaign)
{
  g_return_if_fail (US_IS_SOURCES_PAGE (self));
  g_return_if_fail (!campaign || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (us_campaign_get_sources (self->campaign), self);
  g_set_object (&self->campaign, campaign);
  gtk_list_box_bind_model (self->list, campaign ? us_campaign_get_sources (campaign) : NULL,
                           create_row, NULL, NULL);
  if (campaign != NULL)
    g_signal_connect_swapped (us_campaign_get_sources (campaign), "items-changed",
                              G_CALLBACK (update_empty), self);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsCampaign *
us_sources_page_get_campaign (UsSourcesPage *self)
{
  g_return_val_if_fail (US_IS_SOURCES_PAGE (self), NULL);
  return self->campaign;
}

static void
us_sources_page_dispose (GObject *object)
{
  UsSourcesPage *self = (UsSourcesPage *) object;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (us_campaign_get_sources (self->campaign), self);
  /* AdwBin keeps its own pointer to the child: clear it before the
   * template unparents the child under it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SOURCES_PAGE);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  G_OBJECT_CLASS (us_sources_page_parent_class)->dispose (object);
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
  object_class->get_property = us_sources_page_get_property;
  object_class->set_property = us_sources_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, UsSourcesPage, list);
}

static void
us_sources_page_init (UsSourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
