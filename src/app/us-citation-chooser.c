/* us-citation-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-citation-chooser.h"
#include "us-util.h"

struct _UsCitationChooser
{
  GtkPopover          parent_instance;

  GListModel         *incidents;
  char               *key;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GtkStack           *stack;
};

enum {
  PROP_0,
  PROP_INCIDENTS,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsCitationChooser, us_citation_chooser, GTK_TYPE_POPOVER)

static gboolean
contains_key (const char *field,
              const char *key)
{
  g_autofree char *folded = NULL;

  if (field == NULL)
    return FALSE;
  folded = us_normalize_key (field);
  return folded != NULL && strstr (folded, key) != NULL;
}

static gboolean
match_incident (gpointer item,
                gpointer user_data)
{
  UsCitationChooser *self = user_data;
  UsIncident *incident = item;

  /* A letter cites a few dozen incidents at most: folding each field per
   * keystroke costs nothing here.
   */
  if (self->key == NULL || *self->key == '\0')
    return TRUE;
  return contains_key (us_incident_get_id (incident), self->key) ||
         contains_key (us_incident_get_title (incident), self->key) ||
         contains_key (us_incident_get_victim (incident), self->key) ||
         contains_key (us_incident_get_country (incident), self->key);
}

static void
update_empty (UsCitationChooser *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
search_changed_cb (UsCitationChooser *self)
{
  g_autofree char *old = g_steal_pointer (&self->key);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  self->key = us_normalize_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (old != NULL && self->key != NULL && strstr (self->key, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  gtk_single_selection_set_selected (self->selection, 0);
  update_empty (self);
}

static void
choose (UsCitationChooser *self,
        guint              position)
{
  g_autoptr(UsIncident) incident = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (incident == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CHOSEN], 0, incident);
}

static void
activate_cb (UsCitationChooser *self,
             guint              position)
{
  choose (self, position);
}

static void
search_activate_cb (UsCitationChooser *self)
{
  choose (self, gtk_single_selection_get_selected (self->selection));
}

static void
stop_search_cb (UsCitationChooser *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  UsIncident *incident = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  g_autofree char *marker = g_strdup_printf ("[@%s]", us_incident_get_id (incident));
  const char *date = us_incident_get_date (incident);
  g_autofree char *text = date ? g_strdup_printf ("%s · %s", marker, date) : g_strdup (marker);

  gtk_label_set_text (GTK_LABEL (title), us_incident_get_title (incident));
  gtk_label_set_text (GTK_LABEL (detail), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, us_incident_get_title (incident),
                                  -1);
}

static void
show_cb (UsCitationChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  update_empty (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
us_citation_chooser_dispose (GObject *object)
{
  UsCitationChooser *self = (UsCitationChooser *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_CITATION_CHOOSER);
  g_clear_object (&self->incidents);
  g_clear_pointer (&self->key, g_free);
  G_OBJECT_CLASS (us_citation_chooser_parent_class)->dispose (object);
}

static void
us_citation_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UsCitationChooser *self = US_CITATION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_INCIDENTS:
      g_value_set_object (value, self->incidents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_citation_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UsCitationChooser *self = US_CITATION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_INCIDENTS:
      us_citation_chooser_set_incidents (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_citation_chooser_class_init (UsCitationChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_citation_chooser_dispose;
  object_class->get_property = us_citation_chooser_get_property;
  object_class->set_property = us_citation_chooser_set_property;

  properties[PROP_INCIDENTS] =
    g_param_spec_object ("incidents", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The incident to cite; the popover has closed. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, US_TYPE_INCIDENT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-citation-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, UsCitationChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UsCitationChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, UsCitationChooser, stack);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
}

static void
us_citation_chooser_init (UsCitationChooser *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match_incident, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);
  g_object_unref (self->selection);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
}

GtkWidget *
us_citation_chooser_new (void)
{
  return g_object_new (US_TYPE_CITATION_CHOOSER, NULL);
}

GListModel *
us_citation_chooser_get_incidents (UsCitationChooser *self)
{
  g_return_val_if_fail (US_IS_CITATION_CHOOSER (self), NULL);
  return self->incidents;
}

void
us_citation_chooser_set_incidents (UsCitationChooser *self,
                                   GListModel        *incidents)
{
  g_return_if_fail (US_IS_CITATION_CHOOSER (self));
  g_return_if_fail (!incidents || G_IS_LIST_MODEL (incidents));

  if (!g_set_object (&self->incidents, incidents))
    return;
  gtk_filter_list_model_set_model (self->filter_model, incidents);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENTS]);
}
