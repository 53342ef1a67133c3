/* us-incidents-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-inbox-dialog.h"
#include "us-incident-editor.h"
#include "us-incidents-page.h"
#include "us-util.h"
#include "us-window.h"

struct _UsIncidentsPage
{
  AdwBin              parent_instance;

  UsCampaign         *campaign;
  UsUndoStack        *undo_stack;
  char               *key;

  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;

  AdwLeaflet         *leaflet;
  GtkWidget          *sidebar;
  GtkWidget          *content;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStack           *list_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *count_label;
  GtkLabel           *detail_title;
  GtkStack           *detail_stack;
  UsIncidentEditor   *editor;
  GBinding           *title_binding;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsIncidentsPage, us_incidents_page, ADW_TYPE_BIN)

/* The list */

static gboolean
contains_key (const char *field,
              const char *key)
{
  g_autofree char *folded = field ? us_normalize_key (field) : NULL;

  return folded != NULL && strstr (folded, key) != NULL;
}

static gboolean
match_incident (gpointer item,
                gpointer user_data)
{
  UsIncidentsPage *self = user_data;
  UsIncident *incident = item;

  /* Campaigns cite tens of incidents, not thousands: fold on the fly. */
  if (self->key == NULL || *self->key == '\0')
    return TRUE;
  return contains_key (us_incident_get_title (incident), self->key) ||
         contains_key (us_incident_get_id (incident), self->key) ||
         contains_key (us_incident_get_victim (incident), self->key) ||
         contains_key (us_incident_get_sector (incident), self->key) ||
         contains_key (us_incident_get_country (incident), self->key) ||
         contains_key (us_incident_get_date (incident), self->key);
}

static void
update_counts (UsIncidentsPage *self)
{
  guint total = self->campaign ? g_list_model_get_n_items (us_campaign_get_incidents (self->campaign)) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u incident", "%u incidents", total), total);
  else
    /* Translators: shown after a search, "3 of 12 incidents" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u incident", "%u of %u incidents", total),
                            shown, total);
  gtk_label_set_text (self->count_label, text);

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
  if (total > 0 && shown == 0)
    {
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, _("No incident matches the search."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Incidents"));
      adw_status_page_set_description (self->empty_page, _("Add the attacks the letter cites as evidence."));
    }
}

static void
search_changed_cb (UsIncidentsPage *self)
{
  g_autofree char *old = g_steal_pointer (&self->key);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->key = us_normalize_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (old != NULL && self->key != NULL && strstr (self->key, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_counts (self);
}

static char *
incident_detail (GObject    *item,
                 const char *date,
                 const char *victim,
                 const char *country)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *text;

  if (date)
    g_ptr_array_add (parts, (gpointer) date);
  if (victim)
    g_ptr_array_add (parts, (gpointer) victim);
  if (country)
    g_ptr_array_add (parts, (gpointer) country);
  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return text;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkExpression *incident = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *params[3];
  GtkExpression *expression;

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  /* The list is a sidebar: long titles ellipsize rather than widen it. */
  gtk_label_set_max_width_chars (GTK_LABEL (title), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (detail), 30);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);

  /* Expressions follow the incident's notifications, so the row changes
   * as the form is typed in, and after an undo.
   */
  expression = gtk_property_expression_new (US_TYPE_INCIDENT, gtk_expression_ref (incident), "title");
  gtk_expression_bind (expression, title, "label", item);
  params[0] = gtk_property_expression_new (US_TYPE_INCIDENT, gtk_expression_ref (incident), "date");
  params[1] = gtk_property_expression_new (US_TYPE_INCIDENT, gtk_expression_ref (incident), "victim");
  params[2] = gtk_property_expression_new (US_TYPE_INCIDENT, gtk_expression_ref (incident), "country");
  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 3, params,
                                            G_CALLBACK (incident_detail), NULL, NULL);
  gtk_expression_bind (expression, detail, "label", item);
  expression = gtk_property_expression_new (US_TYPE_INCIDENT, incident, "title");
  gtk_expression_bind (expression, box, "tooltip-text", item);
}

static void
selection_changed_cb (UsIncidentsPage *self)
{
  UsIncident *incident = gtk_single_selection_get_selected_item (self->selection);

  us_incident_editor_set_incident (self->editor, incident);
  gtk_stack_set_visible_child_name (self->detail_stack, incident ? "editor" : "none");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.delete", incident != NULL);
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  if (incident != NULL)
    self->title_binding = g_object_bind_property (incident, "title", self->detail_title, "label",
                                                  G_BINDING_SYNC_CREATE);
  else
    gtk_label_set_text (self->detail_title, "");
}

static void
list_activate_cb (UsIncidentsPage *self,
                  guint            position)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Adding and deleting */

typedef struct
{
  UsCampaign *campaign;
  UsIncident *incident;
  guint       position;
} IncidentChange;

static void
incident_change_free (IncidentChange *change)
{
  g_object_unref (change->campaign);
  g_object_unref (change->incident);
  g_free (change);
}

static void
incident_change_insert (IncidentChange *change)
{
  us_campaign_insert_incident (change->campaign, change->position, change->incident);
}

static void
incident_change_remove (IncidentChange *change)
{
  us_campaign_remove_incident (change->campaign, change->incident, NULL);
}

void
us_incidents_page_select (UsIncidentsPage *self,
                          UsIncident      *incident)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);

  g_return_if_fail (US_IS_INCIDENTS_PAGE (self));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(UsIncident) item = g_list_model_get_item (shown, i);

      if (item == incident)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

static char *
new_incident_id (UsCampaign *campaign)
{
  for (guint n = g_list_model_get_n_items (us_campaign_get_incidents (campaign)) + 1; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("incident-%u", n);

      if (us_campaign_find_incident (campaign, id) == NULL)
        return g_steal_pointer (&id);
    }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (widget);
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  IncidentChange *change;

  if (self->campaign == NULL)
    return;
  id = new_incident_id (self->campaign);
  change = g_new0 (IncidentChange, 1);
  change->campaign = g_object_ref (self->campaign);
  change->incident = us_incident_new (id, _("New incident"));
  change->position = g_list_model_get_n_items (us_campaign_get_incidents (self->campaign));
  us_incident_set_date (change->incident, today);
  incident_change_insert (change);

  /* A search would hide the new incident. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
  us_incidents_page_select (self, change->incident);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  us_incident_editor_focus_title (self->editor);

  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Add Incident"),
                        (UsUndoFunc) incident_change_remove, (UsUndoFunc) incident_change_insert,
                        change, (GDestroyNotify) incident_change_free);
  else
    incident_change_free (change);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (widget);
  UsIncident *incident = gtk_single_selection_get_selected_item (self->selection);
  GtkWidget *window = gtk_widget_get_ancestor (widget, US_TYPE_WINDOW);
  IncidentChange *change;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (incident == NULL || self->campaign == NULL)
    return;
  change = g_new0 (IncidentChange, 1);
  change->campaign = g_object_ref (self->campaign);
  change->incident = g_object_ref (incident);
  if (!us_campaign_remove_incident (self->campaign, incident, &change->position))
    {
      incident_change_free (change);
      return;
    }
  title = g_strdup_printf (_("“%s” deleted"), us_incident_get_title (change->incident));
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Delete Incident"),
                        (UsUndoFunc) incident_change_insert, (UsUndoFunc) incident_change_remove,
                        change, (GDestroyNotify) incident_change_free);
  else
    incident_change_free (change);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (window != NULL)
    us_window_add_toast (US_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The campaign */

void
us_incidents_page_set_campaign (UsIncidentsPage *self,
                                UsCampaign      *campaign)
{
  GListModel *incidents;

  g_return_if_fail (US_IS_INCIDENTS_PAGE (self));
  g_return_if_fail (!campaign || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (us_campaign_get_incidents (self->campaign), self);
  g_set_object (&self->campaign, campaign);
  incidents = campaign ? us_campaign_get_incidents (campaign) : NULL;
  g_object_set (self->editor, "campaign", campaign, NULL);
  gtk_filter_list_model_set_model (self->filter_model, incidents);
  if (incidents != NULL)
    g_signal_connect_swapped (incidents, "items-changed", G_CALLBACK (update_counts), self);
  update_counts (self);
  selection_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsCampaign *
us_incidents_page_get_campaign (UsIncidentsPage *self)
{
  g_return_val_if_fail (US_IS_INCIDENTS_PAGE (self), NULL);
  return self->campaign;
}

GListModel *
us_incidents_page_get_shown (UsIncidentsPage *self)
{
  g_return_val_if_fail (US_IS_INCIDENTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

UsIncident *
us_incidents_page_get_selected (UsIncidentsPage *self)
{
  g_return_val_if_fail (US_IS_INCIDENTS_PAGE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
us_incidents_page_dispose (GObject *object)
{
  UsIncidentsPage *self = (UsIncidentsPage *) object;

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (us_campaign_get_incidents (self->campaign), self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_pointer (&self->title_binding, g_binding_unbind);
  /* AdwBin keeps its own pointer to the child: clear it before the
   * template unparents the child under it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_INCIDENTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  g_clear_pointer (&self->key, g_free);
  G_OBJECT_CLASS (us_incidents_page_parent_class)->dispose (object);
}

static void
us_incidents_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (object);

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
us_incidents_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  UsIncidentsPage *self = US_INCIDENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      us_incidents_page_set_campaign (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      if (g_set_object (&self->undo_stack, g_value_get_object (value)))
        {
          g_object_set (self->editor, "undo-stack", self->undo_stack, NULL);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_incidents_page_class_init (UsIncidentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_incidents_page_dispose;
  object_class->get_property = us_incidents_page_get_property;
  object_class->set_property = us_incidents_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (US_TYPE_INCIDENT_EDITOR);
  g_type_ensure (US_TYPE_INBOX_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-incidents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "incidents.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "incidents.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "incidents.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "incidents.back", NULL, back_action);
}

static void
us_incidents_page_init (UsIncidentsPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match_incident, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_counts), self);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (g_object_ref (self->selection)));
  g_object_unref (factory);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "incidents.delete", FALSE);
}
