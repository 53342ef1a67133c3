/* us-source-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-source-row.h"
#include "us-util.h"

struct _UsSourceRow
{
  AdwActionRow  parent_instance;

  UsSource     *source;

  GtkLabel     *status_label;
  GtkLabel     *fetched_label;
  GtkButton    *refresh_button;
};

G_DEFINE_FINAL_TYPE (UsSourceRow, us_source_row, ADW_TYPE_ACTION_ROW)

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
format_relative (gint64 then)
{
  gint64 ago = g_get_real_time () / G_USEC_PER_SEC - then;
  g_autoptr(GDateTime) when = NULL;

  if (ago < 60)
    return g_strdup (_("Just now"));
  if (ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute ago", "%u minutes ago",
                                         ago / 60), (guint) (ago / 60));
  if (ago < 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour ago", "%u hours ago",
                                         ago / 3600), (guint) (ago / 3600));
  if (ago < 7 * 86400)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago",
                                         ago / 86400), (guint) (ago / 86400));
  when = g_date_time_new_from_unix_local (then);
  return when ? us_format_day (when) : g_strdup ("?");
}

void
us_source_row_update (UsSourceRow *self)
{
  UsSource *source;
  const char *title;
  const char *result;
  gint64 fetched;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  gboolean error;

  g_return_if_fail (US_IS_SOURCE_ROW (self));

  source = self->source;
  title = us_source_get_title (source);
  result = us_source_get_last_result (source);
  fetched = us_source_get_last_fetched (source);
  error = result != NULL && g_str_has_prefix (result, "error");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 title && *title ? title : us_source_get_url (source));
  /* Translators: a source's kind, then its address */
  subtitle = g_strdup_printf (_("%s · %s"), kind_label (us_source_get_kind (source)),
                              us_source_get_url (source));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (self), kind_icon (us_source_get_kind (source)));

  gtk_label_set_text (self->status_label, result ? result : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), result);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), result != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }

  when = fetched ? format_relative (fetched) : g_strdup (_("Never fetched"));
  gtk_label_set_text (self->fetched_label, when);
}

UsSource *
us_source_row_get_source (UsSourceRow *self)
{
  g_return_val_if_fail (US_IS_SOURCE_ROW (self), NULL);
  return self->source;
}

const char *
us_source_row_get_status (UsSourceRow *self)
{
  g_return_val_if_fail (US_IS_SOURCE_ROW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/* The menu is a template's, so it cannot carry the id: these pass it on
 * to the page's actions.
 */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  UsSourceRow *self = US_SOURCE_ROW (widget);
  const char *page_action = g_str_equal (action_name, "row.edit") ? "sources.edit" : "sources.remove";

  gtk_widget_activate_action (widget, page_action, "s", us_source_get_id (self->source));
}

static void
us_source_row_dispose (GObject *object)
{
  UsSourceRow *self = US_SOURCE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SOURCE_ROW);
  g_clear_object (&self->source);
  G_OBJECT_CLASS (us_source_row_parent_class)->dispose (object);
}

static void
us_source_row_class_init (UsSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_source_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSourceRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, UsSourceRow, fetched_label);
  gtk_widget_class_bind_template_child (widget_class, UsSourceRow, refresh_button);

  gtk_widget_class_install_action (widget_class, "row.edit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, forward_action);
}

static void
us_source_row_init (UsSourceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
us_source_row_new (UsSource *source)
{
  UsSourceRow *self;

  g_return_val_if_fail (US_IS_SOURCE (source), NULL);

  self = g_object_new (US_TYPE_SOURCE_ROW, NULL);
  self->source = g_object_ref (source);
  /* The page's own action, so it is disabled with the others while a
   * refresh runs.
   */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->refresh_button), "sources.refresh-one");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->refresh_button), "s",
                                    us_source_get_id (source));
  g_signal_connect_object (source, "notify", G_CALLBACK (us_source_row_update), self,
                           G_CONNECT_SWAPPED);
  us_source_row_update (self);
  return GTK_WIDGET (self);
}
