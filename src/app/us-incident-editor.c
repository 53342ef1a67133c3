/* us-incident-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "us-array-store.h"
#include "us-citation.h"
#include "us-enum-types.h"
#include "us-incident-editor.h"
#include "us-util.h"

/* Typing in one field within this time is one undo step. */
#define MERGE_MS 1500
#define SUMMARY_DELAY_MS 400

struct _UsIncidentEditor
{
  AdwBin         parent_instance;

  UsIncident    *incident;
  UsCampaign    *campaign;
  UsUndoStack   *undo_stack;
  guint          summary_id;
  guint          loading : 1;
  guint          applying : 1;

  AdwEntryRow   *title_row;
  AdwEntryRow   *id_row;
  AdwEntryRow   *date_row;
  AdwEntryRow   *date_end_row;
  AdwComboRow   *attack_row;
  AdwEntryRow   *victim_row;
  AdwEntryRow   *sector_row;
  AdwComboRow   *country_row;
  GtkTextView   *summary_view;
  GtkListBox    *references_list;
  GtkListBox    *cited_list;
};

enum {
  PROP_0,
  PROP_INCIDENT,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsIncidentEditor, us_incident_editor, ADW_TYPE_BIN)

static void load_fields (UsIncidentEditor *self);
static void load_references (UsIncidentEditor *self);

/* Countries: the ISO codes the core accepts, named from iso-codes when
 * installed (and translated by its own domain).
 */
static GPtrArray *country_codes;

static GtkStringList *
new_country_list (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_parser_load_from_file (parser, "/usr/share/iso-codes/json/iso_3166-1.json", NULL))
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      JsonArray *array = root ? json_object_get_array_member (root, "3166-1") : NULL;

      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          const char *code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
          const char *name = json_object_get_string_member_with_default (entry, "common_name", NULL);

          if (name == NULL)
            name = json_object_get_string_member_with_default (entry, "name", NULL);
          if (code && name)
            g_hash_table_insert (names, g_strdup (code), g_strdup (g_dgettext ("iso_3166-1", name)));
        }
    }

  if (country_codes == NULL)
    {
      country_codes = g_ptr_array_new ();
      g_ptr_array_add (country_codes, NULL);
      for (char a = 'A'; a <= 'Z'; a++)
        for (char b = 'A'; b <= 'Z'; b++)
          {
            char code[3] = { a, b, 0 };

            if (us_country_is_valid (code))
              g_ptr_array_add (country_codes, (gpointer) g_intern_string (code));
          }
    }

  gtk_string_list_append (list, _("Unknown"));
  for (guint i = 1; i < country_codes->len; i++)
    {
      const char *code = g_ptr_array_index (country_codes, i);
      const char *name = g_hash_table_lookup (names, code);
      g_autofree char *label = name ? g_strdup_printf ("%s (%s)", name, code) : g_strdup (code);

      gtk_string_list_append (list, label);
    }
  return list;
}

static guint
country_position (const char *code)
{
  for (guint i = 1; code && i < country_codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (country_codes, i), code) == 0)
      return i;
  return 0;
}

/* Applying an edit */

static gboolean
is_date_property (const char *property)
{
  return g_str_equal (property, "date") || g_str_equal (property, "date-end") ||
         g_str_equal (property, "published") || g_str_equal (property, "accessed");
}

static gboolean
value_is_valid (UsIncidentEditor *self,
                const char       *property,
                const char       *text)
{
  if (g_str_equal (property, "id"))
    {
      UsIncident *other;

      if (!us_id_is_valid (text))
        return FALSE;
      other = self->campaign ? us_campaign_find_incident (self->campaign, text) : NULL;
      return other == NULL || other == self->incident;
    }
  if (g_str_equal (property, "title") || g_str_equal (property, "url"))
    return *text != '\0';
  if (is_date_property (property))
    return *text == '\0' || us_date_is_valid (text);
  return TRUE;
}

static void
apply_value (UsIncidentEditor *self,
             GObject          *target,
             const char       *property,
             const char       *label,
             const GValue     *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_value_init (&old_value, pspec->value_type);
  g_value_init (&new_value, pspec->value_type);
  g_object_get_property (target, property, &old_value);
  self->applying = TRUE;
  g_object_set_property (target, property, value);
  self->applying = FALSE;
  g_object_get_property (target, property, &new_value);
  if (g_param_values_cmp (pspec, &old_value, &new_value) == 0 || self->undo_stack == NULL)
    return;
  us_undo_stack_push_property (self->undo_stack, label, target, property,
                               &old_value, &new_value, MERGE_MS);
}

static void
apply_text (UsIncidentEditor *self,
            GtkWidget        *row)
{
  GObject *target = g_object_get_data (G_OBJECT (row), "target");
  const char *property = g_object_get_data (G_OBJECT (row), "property");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->loading || target == NULL)
    return;
  if (!value_is_valid (self, property, text))
    {
      /* The model keeps its last good value; the row says what is wrong. */
      gtk_widget_add_css_class (row, "error");
      return;
    }
  gtk_widget_remove_css_class (row, "error");
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  apply_value (self, target, property, _("Edit Incident"), &value);
}

static void
field_changed_cb (UsIncidentEditor *self,
                  GtkWidget        *row)
{
  apply_text (self, row);
}

static void
attack_changed_cb (UsIncidentEditor *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->loading || self->incident == NULL)
    return;
  g_value_init (&value, US_TYPE_ATTACK_TYPE);
  g_value_set_enum (&value, adw_combo_row_get_selected (self->attack_row));
  apply_value (self, G_OBJECT (self->incident), "attack-type", _("Edit Incident"), &value);
}

static void
country_changed_cb (UsIncidentEditor *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  guint position = adw_combo_row_get_selected (self->country_row);

  if (self->loading || self->incident == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, g_ptr_array_index (country_codes, position));
  apply_value (self, G_OBJECT (self->incident), "country", _("Edit Incident"), &value);
}

static gboolean
push_summary_cb (gpointer user_data)
{
  UsIncidentEditor *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  g_autofree char *text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkTextIter start, end;

  self->summary_id = 0;
  if (self->incident == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  apply_value (self, G_OBJECT (self->incident), "summary", _("Edit Incident"), &value);
  return G_SOURCE_REMOVE;
}

static void
flush_summary (UsIncidentEditor *self)
{
  if (self->summary_id != 0)
    {
      g_clear_handle_id (&self->summary_id, g_source_remove);
      push_summary_cb (self);
    }
}

static void
summary_changed_cb (UsIncidentEditor *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->summary_id, g_source_remove);
  self->summary_id = g_timeout_add (SUMMARY_DELAY_MS, push_summary_cb, self);
}

/* References */

typedef struct
{
  UsIncident  *incident;
  UsReference *reference;
  guint        position;
} ReferenceChange;

static void
reference_change_free (ReferenceChange *change)
{
  g_object_unref (change->incident);
  g_object_unref (change->reference);
  g_free (change);
}

static void
reference_remove (ReferenceChange *change)
{
  /* Remember where it was, so that undo puts it back in its place. */
  if (us_array_store_find ((UsArrayStore *) us_incident_get_references (change->incident),
                           change->reference, &change->position))
    us_incident_remove_reference (change->incident, change->position);
}

static void
reference_add (ReferenceChange *change)
{
  us_incident_insert_reference (change->incident, change->position, change->reference);
}

static void
open_reference_cb (GtkButton   *button,
                   UsReference *reference)
{
  const char *url = us_reference_get_url (reference);

  if (url != NULL)
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), url, GDK_CURRENT_TIME);
}

static void
remove_reference_cb (GtkButton   *button,
                     UsReference *reference)
{
  UsIncidentEditor *self = US_INCIDENT_EDITOR (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                        US_TYPE_INCIDENT_EDITOR));
  ReferenceChange *change = g_new0 (ReferenceChange, 1);

  change->incident = g_object_ref (self->incident);
  change->reference = g_object_ref (reference);
  reference_remove (change);
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Remove Reference"),
                        (UsUndoFunc) reference_add, (UsUndoFunc) reference_remove,
                        change, (GDestroyNotify) reference_change_free);
  else
    reference_change_free (change);
}

static GtkWidget *
reference_entry (UsIncidentEditor *self,
                 UsReference      *reference,
                 const char       *property,
                 const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *value = NULL;

  g_object_get (reference, property, &value, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_object_set_data (G_OBJECT (row), "target", reference);
  g_object_set_data (G_OBJECT (row), "property", (gpointer) g_intern_string (property));
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
  return row;
}

static void
update_reference_row (GtkWidget   *row,
                      GParamSpec  *pspec,
                      UsReference *reference)
{
  const char *title = us_reference_get_title (reference);
  const char *publisher = us_reference_get_publisher (reference);
  const char *published = us_reference_get_published (reference);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 title ? title : us_reference_get_url (reference) ? us_reference_get_url (reference) : _("New reference"));
  if (publisher && published)
    subtitle = g_strdup_printf ("%s · %s", publisher, published);
  else
    subtitle = g_strdup (publisher ? publisher : published ? published : us_reference_get_url (reference));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle ? subtitle : "");
}

static GtkWidget *
reference_row (UsIncidentEditor *self,
               UsReference      *reference)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("web-browser-symbolic");
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Reference"));
  GtkWidget *remove_row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  update_reference_row (row, NULL, reference);
  g_signal_connect_object (reference, "notify", G_CALLBACK (update_reference_row), row, G_CONNECT_SWAPPED);

  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open in a web browser"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the reference in a web browser"), -1);
  g_signal_connect_data (open, "clicked", G_CALLBACK (open_reference_cb), g_object_ref (reference),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reference_entry (self, reference, "url", _("Address (URL)")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reference_entry (self, reference, "title", _("Title")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reference_entry (self, reference, "publisher", _("Publisher")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reference_entry (self, reference, "published", _("Published (YYYY-MM-DD)")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reference_entry (self, reference, "accessed", _("Accessed (YYYY-MM-DD)")));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_reference_cb), g_object_ref (reference),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);
  return row;
}

static void
load_references (UsIncidentEditor *self)
{
  GListModel *references;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->references_list))) != NULL)
    gtk_list_box_remove (self->references_list, child);
  if (self->incident == NULL)
    return;
  references = us_incident_get_references (self->incident);
  for (guint i = 0; i < g_list_model_get_n_items (references); i++)
    {
      g_autoptr(UsReference) reference = g_list_model_get_item (references, i);

      gtk_list_box_append (self->references_list, reference_row (self, reference));
    }
  if (g_list_model_get_n_items (references) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No references yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Journalists check the evidence: add at least one public source"));
      gtk_list_box_append (self->references_list, row);
    }
}

static void
add_reference_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  UsIncidentEditor *self = US_INCIDENT_EDITOR (widget);
  ReferenceChange *change;
  GtkWidget *row;

  if (self->incident == NULL)
    return;
  change = g_new0 (ReferenceChange, 1);
  change->incident = g_object_ref (self->incident);
  change->reference = us_reference_new ("https://");
  change->position = g_list_model_get_n_items (us_incident_get_references (self->incident));
  reference_add (change);
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Add Reference"),
                        (UsUndoFunc) reference_remove, (UsUndoFunc) reference_add,
                        change, (GDestroyNotify) reference_change_free);
  else
    reference_change_free (change);

  /* Open the new reference's form at its address. */
  row = gtk_widget_get_last_child (GTK_WIDGET (self->references_list));
  if (ADW_IS_EXPANDER_ROW (row))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
}

/* Where the letter cites it */

static void
load_citations (UsIncidentEditor *self)
{
  GtkWidget *child;
  GListModel *editions;
  guint found = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cited_list))) != NULL)
    gtk_list_box_remove (self->cited_list, child);
  if (self->incident == NULL || self->campaign == NULL)
    return;

  editions = us_letter_get_editions (us_campaign_get_letter (self->campaign));
  for (guint e = 0; e < g_list_model_get_n_items (editions); e++)
    {
      g_autoptr(UsEdition) edition = g_list_model_get_item (editions, e);
      g_auto(GStrv) paragraphs = us_edition_dup_paragraphs (edition);

      for (guint p = 0; paragraphs && paragraphs[p]; p++)
        {
          g_autoptr(GPtrArray) citations = us_citations_find (paragraphs[p]);
          gboolean cites = FALSE;

          for (guint c = 0; c < citations->len && !cites; c++)
            cites = g_strcmp0 (((UsCitation *) g_ptr_array_index (citations, c))->id,
                               us_incident_get_id (self->incident)) == 0;
          if (cites)
            {
              GtkWidget *row = adw_action_row_new ();
              /* Translators: an edition's language tag and a paragraph number */
              g_autofree char *title = g_strdup_printf (_("%s, paragraph %u"),
                                                        us_edition_get_language (edition), p + 1);
              g_autofree char *snippet = g_utf8_substring (paragraphs[p], 0,
                                                           MIN (140, g_utf8_strlen (paragraphs[p], -1)));

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), snippet);
              adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
              gtk_list_box_append (self->cited_list, row);
              found++;
            }
        }
    }
  if (found == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not cited yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Cite it from the Letter page"));
      gtk_list_box_append (self->cited_list, row);
    }
}

/* Loading the incident into the form */

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
load_fields (UsIncidentEditor *self)
{
  UsIncident *incident = self->incident;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  AdwEntryRow *rows[] = { self->title_row, self->id_row, self->date_row, self->date_end_row,
                          self->victim_row, self->sector_row };

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = NULL;

      g_object_set_data (G_OBJECT (rows[i]), "target", incident);
      if (incident != NULL)
        g_object_get (incident, g_object_get_data (G_OBJECT (rows[i]), "property"), &value, NULL);
      set_row_text (rows[i], value);
    }
  adw_combo_row_set_selected (self->attack_row, incident ? us_incident_get_attack_type (incident) : 0);
  adw_combo_row_set_selected (self->country_row,
                              country_position (incident ? us_incident_get_country (incident) : NULL));
  if (incident != NULL)
    {
      const char *summary = us_incident_get_summary (incident);
      GtkTextIter start, end;
      g_autofree char *current = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (current, summary ? summary : "") != 0)
        gtk_text_buffer_set_text (buffer, summary ? summary : "", -1);
    }
  self->loading = FALSE;
}

static void
incident_notify_cb (UsIncidentEditor *self,
                    GParamSpec       *pspec)
{
  /* Undo and redo change the model under the form. */
  if (!self->applying)
    load_fields (self);
  if (g_str_equal (pspec->name, "id"))
    load_citations (self);
}

void
us_incident_editor_set_incident (UsIncidentEditor *self,
                                 UsIncident       *incident)
{
  g_return_if_fail (US_IS_INCIDENT_EDITOR (self));
  g_return_if_fail (!incident || US_IS_INCIDENT (incident));

  if (self->incident == incident)
    return;
  flush_summary (self);
  if (self->incident != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->incident, self);
      g_signal_handlers_disconnect_by_data (us_incident_get_references (self->incident), self);
    }
  g_set_object (&self->incident, incident);
  if (incident != NULL)
    {
      g_signal_connect_swapped (incident, "notify", G_CALLBACK (incident_notify_cb), self);
      g_signal_connect_swapped (us_incident_get_references (incident), "items-changed",
                                G_CALLBACK (load_references), self);
    }
  load_fields (self);
  load_references (self);
  load_citations (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
}

UsIncident *
us_incident_editor_get_incident (UsIncidentEditor *self)
{
  g_return_val_if_fail (US_IS_INCIDENT_EDITOR (self), NULL);
  return self->incident;
}

void
us_incident_editor_focus_title (UsIncidentEditor *self)
{
  g_return_if_fail (US_IS_INCIDENT_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
us_incident_editor_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (us_incident_editor_parent_class)->map (widget);
  /* The letter may have changed on its own page meanwhile. */
  load_citations (US_INCIDENT_EDITOR (widget));
}

static void
us_incident_editor_dispose (GObject *object)
{
  UsIncidentEditor *self = (UsIncidentEditor *) object;

  flush_summary (self);
  us_incident_editor_set_incident (self, NULL);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  /* AdwBin keeps its own pointer to the child: clear it before the
   * template unparents the child under it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_INCIDENT_EDITOR);
  G_OBJECT_CLASS (us_incident_editor_parent_class)->dispose (object);
}

static void
us_incident_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UsIncidentEditor *self = US_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;
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
us_incident_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UsIncidentEditor *self = US_INCIDENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INCIDENT:
      us_incident_editor_set_incident (self, g_value_get_object (value));
      break;
    case PROP_CAMPAIGN:
      if (g_set_object (&self->campaign, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
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
us_incident_editor_class_init (UsIncidentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_incident_editor_dispose;
  object_class->get_property = us_incident_editor_get_property;
  object_class->set_property = us_incident_editor_set_property;
  widget_class->map = us_incident_editor_map;

  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, US_TYPE_INCIDENT, rw);
  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-incident-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, date_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, date_end_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, attack_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, victim_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, references_list);
  gtk_widget_class_bind_template_child (widget_class, UsIncidentEditor, cited_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, attack_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);

  gtk_widget_class_install_action (widget_class, "incident.add-reference", NULL, add_reference_action);
}

static void
us_incident_editor_init (UsIncidentEditor *self)
{
  g_autoptr(GtkStringList) countries = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Which property each row edits: one handler serves them all. */
  g_object_set_data (G_OBJECT (self->title_row), "property", (gpointer) "title");
  g_object_set_data (G_OBJECT (self->id_row), "property", (gpointer) "id");
  g_object_set_data (G_OBJECT (self->date_row), "property", (gpointer) "date");
  g_object_set_data (G_OBJECT (self->date_end_row), "property", (gpointer) "date-end");
  g_object_set_data (G_OBJECT (self->victim_row), "property", (gpointer) "victim");
  g_object_set_data (G_OBJECT (self->sector_row), "property", (gpointer) "sector");

  countries = new_country_list ();
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (countries));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->summary_view), "changed",
                            G_CALLBACK (summary_changed_cb), self);
}
