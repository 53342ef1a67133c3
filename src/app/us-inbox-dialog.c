/* us-inbox-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-inbox-dialog.h"
#include "us-util.h"
#include "us-window.h"

/* Decisions */

static char *
date_of (gint64 t)
{
  g_autoptr(GDateTime) dt = t != 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

typedef struct
{
  UsCampaign       *campaign;
  UsCandidate      *candidate;
  UsIncident       *incident;   /* NULL for a dismissal */
  guint             position;
  UsCandidateState  old_state;
} Decision;

static void
decision_free (Decision *d)
{
  g_object_unref (d->campaign);
  g_object_unref (d->candidate);
  g_clear_object (&d->incident);
  g_free (d);
}

static void
decision_redo (Decision *d)
{
  if (d->incident != NULL)
    {
      us_campaign_insert_incident (d->campaign, d->position, d->incident);
      us_candidate_set_state (d->candidate, US_CANDIDATE_ACCEPTED);
    }
  else
    us_candidate_set_state (d->candidate, US_CANDIDATE_DISMISSED);
}

static void
decision_undo (Decision *d)
{
  if (d->incident != NULL)
    us_campaign_remove_incident (d->campaign, d->incident, NULL);
  us_candidate_set_state (d->candidate, d->old_state);
}

static void
decision_push (Decision    *d,
               UsUndoStack *undo,
               const char  *label)
{
  decision_redo (d);
  if (undo != NULL)
    us_undo_stack_push (undo, label, (UsUndoFunc) decision_undo, (UsUndoFunc) decision_redo,
                        d, (GDestroyNotify) decision_free);
  else
    decision_free (d);
}

UsIncident *
us_inbox_accept (UsCampaign          *campaign,
                 UsUndoStack         *undo,
                 UsCandidate         *candidate,
                 const UsInboxAccept *fields)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *published = NULL;
  g_autofree char *id = NULL;
  UsIncident *incident;
  Decision *d;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (US_IS_CANDIDATE (candidate), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  published = date_of (us_candidate_get_published (candidate));
  id = fields->id && *fields->id ? g_strdup (fields->id)
                                 : us_campaign_suggest_incident_id (campaign, us_candidate_get_title (candidate));
  incident = us_incident_new (id, us_candidate_get_title (candidate));
  us_incident_set_date (incident, fields->date && *fields->date ? fields->date : published);
  us_incident_set_victim (incident, fields->victim);
  us_incident_set_country (incident, fields->country);
  us_incident_set_attack_type (incident, fields->attack_type);
  us_incident_set_summary (incident, us_candidate_get_summary (candidate));
  if (us_candidate_get_link (candidate) != NULL)
    {
      g_autoptr(UsReference) reference = us_reference_new (us_candidate_get_link (candidate));
      UsSource *source = us_campaign_find_source (campaign, us_candidate_get_source_id (candidate));

      us_reference_set_title (reference, us_candidate_get_title (candidate));
      if (source != NULL)
        us_reference_set_publisher (reference, us_source_get_title (source));
      us_reference_set_published (reference, published);
      us_reference_set_accessed (reference, today);
      us_incident_add_reference (incident, reference);
    }

  d = g_new0 (Decision, 1);
  d->campaign = g_object_ref (campaign);
  d->candidate = g_object_ref (candidate);
  d->incident = incident;
  d->position = g_list_model_get_n_items (us_campaign_get_incidents (campaign));
  d->old_state = us_candidate_get_state (candidate);
  decision_push (d, undo, _("Accept Incident"));
  return incident;
}

void
us_inbox_dismiss (UsCampaign  *campaign,
                  UsUndoStack *undo,
                  UsCandidate *candidate)
{
  Decision *d;

  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (US_IS_CANDIDATE (candidate));

  d = g_new0 (Decision, 1);
  d->campaign = g_object_ref (campaign);
  d->candidate = g_object_ref (candidate);
  d->old_state = us_candidate_get_state (candidate);
  decision_push (d, undo, _("Dismiss Entry"));
}

/* The dialog */

struct _UsInboxDialog
{
  AdwWindow           parent_instance;

  UsCampaign         *campaign;
  UsUndoStack        *undo;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;

  GtkToggleButton    *show_all_button;
  GtkStack           *stack;
  GtkListBox         *list;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (UsInboxDialog, us_inbox_dialog, ADW_TYPE_WINDOW)

static void
toast (UsInboxDialog *self,
       const char    *title)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  AdwToast *t = adw_toast_new (title);

  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  if (US_IS_WINDOW (parent))
    us_window_add_toast (US_WINDOW (parent), t);
  else
    g_object_unref (t);
}

static gboolean
match_candidate (gpointer item,
                 gpointer user_data)
{
  UsInboxDialog *self = user_data;

  return gtk_toggle_button_get_active (self->show_all_button) ||
         us_candidate_get_state (item) == US_CANDIDATE_NEW;
}

static void
update_empty (UsInboxDialog *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
refilter (UsInboxDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_empty (self);
}

static void
dismiss_clicked_cb (GtkButton     *button,
                    UsInboxDialog *self)
{
  UsCandidate *candidate = g_object_get_data (G_OBJECT (button), "candidate");
  g_autofree char *title = NULL;

  title = g_strdup_printf (_("“%s” dismissed"), us_candidate_get_title (candidate));
  us_inbox_dismiss (self->campaign, self->undo, candidate);
  toast (self, title);
}

static void
accept_clicked_cb (GtkButton     *button,
                   UsInboxDialog *self)
{
  us_inbox_dialog_show_accept (self, g_object_get_data (G_OBJECT (button), "candidate"));
}

static void
link_clicked_cb (GtkButton     *button,
                 UsInboxDialog *self)
{
  UsCandidate *candidate = g_object_get_data (G_OBJECT (button), "candidate");

  gtk_show_uri (GTK_WINDOW (self), us_candidate_get_link (candidate), GDK_CURRENT_TIME);
}

static GtkWidget *
candidate_button (UsInboxDialog *self,
                  UsCandidate   *candidate,
                  const char    *label,
                  const char    *icon,
                  const char    *a11y,
                  GCallback      callback)
{
  GtkWidget *button = label ? gtk_button_new_with_mnemonic (label) : gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "candidate", g_object_ref (candidate), g_object_unref);
  g_signal_connect (button, "clicked", callback, self);
  if (a11y != NULL)
    {
      gtk_widget_set_tooltip_text (button, a11y);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
    }
  return button;
}

static char *
describe_candidate (UsInboxDialog *self,
                    UsCandidate   *candidate)
{
  UsSource *source = us_campaign_find_source (self->campaign, us_candidate_get_source_id (candidate));
  const char *from = source && us_source_get_title (source) ? us_source_get_title (source)
                                                            : us_candidate_get_source_id (candidate);
  gint64 published = us_candidate_get_published (candidate);
  g_autoptr(GDateTime) when = published ? g_date_time_new_from_unix_local (published) : NULL;
  g_autofree char *date = when ? us_format_day (when) : NULL;

  if (date == NULL)
    return g_strdup (from);
  /* Translators: where an inbox entry comes from, and when it was published */
  return g_strdup_printf (_("%s · %s"), from, date);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  UsInboxDialog *self = user_data;
  UsCandidate *candidate = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (us_candidate_get_title (candidate));
  g_autofree char *meta_text = describe_candidate (self, candidate);
  GtkWidget *meta = gtk_label_new (meta_text);
  const char *summary = us_candidate_get_summary (candidate);
  UsCandidateState state = us_candidate_get_state (candidate);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (top), text);

  if (us_candidate_get_link (candidate) != NULL)
    {
      GtkWidget *link = candidate_button (self, candidate, NULL, "web-browser-symbolic",
                                          _("Open the entry in a browser"), G_CALLBACK (link_clicked_cb));

      gtk_widget_add_css_class (link, "flat");
      gtk_box_append (GTK_BOX (top), link);
    }
  if (state == US_CANDIDATE_NEW)
    {
      GtkWidget *dismiss = candidate_button (self, candidate, _("_Dismiss"), NULL, NULL,
                                             G_CALLBACK (dismiss_clicked_cb));
      GtkWidget *accept = candidate_button (self, candidate, _("_Accept…"), NULL, NULL,
                                            G_CALLBACK (accept_clicked_cb));

      gtk_widget_add_css_class (accept, "suggested-action");
      gtk_box_append (GTK_BOX (top), dismiss);
      gtk_box_append (GTK_BOX (top), accept);
    }
  else
    {
      GtkWidget *badge = gtk_label_new (state == US_CANDIDATE_ACCEPTED ? _("Accepted") : _("Dismissed"));

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, state == US_CANDIDATE_ACCEPTED ? "success" : "dim-label");
      gtk_box_append (GTK_BOX (top), badge);
    }
  gtk_box_append (GTK_BOX (box), top);

  if (summary != NULL && *summary != '\0')
    {
      GtkWidget *label = gtk_label_new (summary);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), label);
    }
  return row;
}

/* The Accept form */

typedef struct
{
  UsInboxDialog *dialog;
  UsCandidate   *candidate;
  GtkWidget     *form;
  AdwEntryRow   *id;
  AdwEntryRow   *victim;
  AdwEntryRow   *country;
  AdwComboRow   *type;
  AdwEntryRow   *date;
} AcceptForm;

static void
accept_form_free (AcceptForm *f)
{
  g_object_unref (f->dialog);
  g_object_unref (f->candidate);
  g_free (f);
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
mark (AdwEntryRow *row,
      gboolean     valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return valid;
}

static void
validate_form (AcceptForm *f)
{
  g_autofree char *country = g_ascii_strup (entry_text (f->country), -1);
  const char *id = entry_text (f->id);
  gboolean ok = TRUE;

  ok &= mark (f->id, us_id_is_valid (id) && us_campaign_find_incident (f->dialog->campaign, id) == NULL);
  ok &= mark (f->country, *country == '\0' || us_country_is_valid (country));
  ok &= mark (f->date, *entry_text (f->date) == '\0' || us_date_is_valid (entry_text (f->date)));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (f->form), "accept", ok);
}

static AdwEntryRow *
form_entry (GtkWidget  *group,
            const char *title,
            const char *text,
            AcceptForm *f)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (validate_form), f);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

static void
accept_response_cb (AdwMessageDialog *form,
                    const char       *response,
                    AcceptForm       *f)
{
  g_autofree char *country = NULL;
  g_autofree char *victim = NULL;
  g_autofree char *title = NULL;
  UsInboxAccept fields = { 0 };

  if (g_strcmp0 (response, "accept") != 0)
    return;
  country = g_ascii_strup (entry_text (f->country), -1);
  victim = g_strstrip (g_strdup (entry_text (f->victim)));
  fields.id = entry_text (f->id);
  fields.victim = *victim ? victim : NULL;
  fields.country = *country ? country : NULL;
  fields.attack_type = adw_combo_row_get_selected (f->type);
  fields.date = entry_text (f->date);
  us_inbox_accept (f->dialog->campaign, f->dialog->undo, f->candidate, &fields);
  title = g_strdup_printf (_("“%s” added to the incidents"), us_candidate_get_title (f->candidate));
  toast (f->dialog, title);
}

GtkWidget *
us_inbox_dialog_show_accept (UsInboxDialog *self,
                             UsCandidate   *candidate)
{
  AcceptForm *f;
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  const char *types[] = { N_("Ransomware"), N_("DDoS"), N_("Data breach"), N_("Phishing"), N_("Other"), NULL };
  g_autoptr(GtkStringList) type_names = gtk_string_list_new (NULL);
  GtkWidget *type_row = adw_combo_row_new ();

  g_return_val_if_fail (US_IS_INBOX_DIALOG (self), NULL);
  g_return_val_if_fail (US_IS_CANDIDATE (candidate), NULL);

  f = g_new0 (AcceptForm, 1);
  f->dialog = g_object_ref (self);
  f->candidate = g_object_ref (candidate);
  f->form = adw_message_dialog_new (GTK_WINDOW (self), _("Accept as an Incident"),
                                    us_candidate_get_title (candidate));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (f->form),
                                    "cancel", _("_Cancel"), "accept", _("_Accept"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (f->form), "accept",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (f->form), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (f->form), "cancel");

  id = us_campaign_suggest_incident_id (self->campaign, us_candidate_get_title (candidate));
  date = date_of (us_candidate_get_published (candidate));
  f->victim = form_entry (group, _("_Victim"), NULL, f);
  f->country = form_entry (group, _("_Country (ISO code, e.g. CZ)"), NULL, f);
  for (guint i = 0; types[i]; i++)
    gtk_string_list_append (type_names, _(types[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type_row), _("Attack _type"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (type_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (type_row), G_LIST_MODEL (type_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), US_ATTACK_OTHER);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), type_row);
  f->type = ADW_COMBO_ROW (type_row);
  f->date = form_entry (group, _("_Date (YYYY-MM-DD)"), date, f);
  f->id = form_entry (group, _("_Identifier"), id, f);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (f->form), group);

  g_signal_connect_data (f->form, "response", G_CALLBACK (accept_response_cb), f,
                         (GClosureNotify) accept_form_free, 0);
  validate_form (f);
  gtk_window_present (GTK_WINDOW (f->form));
  gtk_widget_grab_focus (GTK_WIDGET (f->victim));
  return f->form;
}

static void
us_inbox_dialog_dispose (GObject *object)
{
  UsInboxDialog *self = US_INBOX_DIALOG (object);

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (self->campaign, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_INBOX_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo);
  G_OBJECT_CLASS (us_inbox_dialog_parent_class)->dispose (object);
}

static void
us_inbox_dialog_class_init (UsInboxDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_inbox_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-inbox-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsInboxDialog, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, UsInboxDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UsInboxDialog, list);
  gtk_widget_class_bind_template_child (widget_class, UsInboxDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, refilter);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
us_inbox_dialog_init (UsInboxDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

UsInboxDialog *
us_inbox_dialog_new (GtkWindow   *parent,
                     UsCampaign  *campaign,
                     UsUndoStack *undo)
{
  UsInboxDialog *self;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (US_TYPE_INBOX_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->undo = undo ? g_object_ref (undo) : NULL;
  self->filter = gtk_custom_filter_new (match_candidate, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (us_campaign_get_inbox (campaign)),
                                              GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row, self, NULL);
  /* A decision changes a candidate's state, not the inbox's items. */
  g_signal_connect_swapped (campaign, "changed", G_CALLBACK (refilter), self);
  update_empty (self);
  return self;
}

/* UsInboxButton */

struct _UsInboxButton
{
  GtkButton    parent_instance;

  UsCampaign  *campaign;
  UsUndoStack *undo_stack;
  GtkLabel    *count_label;
  guint        count;
};

enum {
  BUTTON_PROP_0,
  BUTTON_PROP_CAMPAIGN,
  BUTTON_PROP_UNDO_STACK,
  BUTTON_N_PROPS
};

static GParamSpec *button_properties[BUTTON_N_PROPS];

G_DEFINE_FINAL_TYPE (UsInboxButton, us_inbox_button, GTK_TYPE_BUTTON)

static void
update_count (UsInboxButton *self)
{
  g_autofree char *text = NULL;
  g_autofree char *a11y = NULL;

  self->count = self->campaign ? us_campaign_count_new_candidates (self->campaign) : 0;
  text = g_strdup_printf ("%u", self->count);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), self->count > 0);
  a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Incident inbox, %u new entry",
                                       "Incident inbox, %u new entries", self->count), self->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

guint
us_inbox_button_get_count (UsInboxButton *self)
{
  g_return_val_if_fail (US_IS_INBOX_BUTTON (self), 0);
  return self->count;
}

static void
us_inbox_button_clicked (GtkButton *button)
{
  UsInboxButton *self = US_INBOX_BUTTON (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  UsInboxDialog *dialog;

  if (self->campaign == NULL)
    return;
  dialog = us_inbox_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                self->campaign, self->undo_stack);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_campaign (UsInboxButton *self,
              UsCampaign    *campaign)
{
  if (self->campaign == campaign)
    return;
  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (self->campaign, self);
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    g_signal_connect_swapped (campaign, "changed", G_CALLBACK (update_count), self);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), button_properties[BUTTON_PROP_CAMPAIGN]);
}

static void
us_inbox_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UsInboxButton *self = US_INBOX_BUTTON (object);

  switch (prop_id)
    {
    case BUTTON_PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case BUTTON_PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_inbox_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UsInboxButton *self = US_INBOX_BUTTON (object);

  switch (prop_id)
    {
    case BUTTON_PROP_CAMPAIGN:
      set_campaign (self, g_value_get_object (value));
      break;
    case BUTTON_PROP_UNDO_STACK:
      if (g_set_object (&self->undo_stack, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_inbox_button_dispose (GObject *object)
{
  UsInboxButton *self = US_INBOX_BUTTON (object);

  if (self->campaign != NULL)
    g_signal_handlers_disconnect_by_data (self->campaign, self);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  G_OBJECT_CLASS (us_inbox_button_parent_class)->dispose (object);
}

static void
us_inbox_button_class_init (UsInboxButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_inbox_button_dispose;
  object_class->get_property = us_inbox_button_get_property;
  object_class->set_property = us_inbox_button_set_property;
  button_class->clicked = us_inbox_button_clicked;

  button_properties[BUTTON_PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  button_properties[BUTTON_PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  g_object_class_install_properties (object_class, BUTTON_N_PROPS, button_properties);
}

static void
us_inbox_button_init (UsInboxButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Inbox"));

  gtk_box_append (GTK_BOX (box), label);
  self->count_label = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "count-pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count_label));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self));
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Entries from incident feeds waiting for a decision"));
  update_count (self);
}
