/* us-signatory-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-signatory-editor.h"
#include "us-util.h"

struct _UsSignatoryEditor
{
  AdwWindow      parent_instance;

  UsSignatory   *signatory;

  AdwEntryRow   *name_row;
  AdwEntryRow   *title_row;
  AdwEntryRow   *organisation_row;
  AdwEntryRow   *country_row;
  AdwEntryRow   *email_row;
  GtkLabel      *error_label;
  AdwComboRow   *status_row;
  AdwComboRow   *consent_row;
  GtkSwitch     *prominent_switch;
  GtkTextView   *note_view;

  /* A field's problem is shown once the user has left it (or, for the
   * name, emptied it), not while a first value is still being typed.
   */
  guint          name_touched : 1;
  guint          country_touched : 1;
  guint          email_touched : 1;
  guint          upcasing : 1;
};

enum {
  SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsSignatoryEditor, us_signatory_editor, ADW_TYPE_WINDOW)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_row_invalid (AdwEntryRow *row,
                 gboolean     invalid)
{
  if (invalid)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static gboolean
validate (UsSignatoryEditor *self)
{
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *country = row_text (self->country_row);
  g_autofree char *email = row_text (self->email_row);
  g_autoptr(GString) messages = g_string_new (NULL);
  gboolean name_ok = name[0] != '\0';
  gboolean country_ok = country[0] == '\0' || us_country_is_valid (country);
  gboolean email_ok = email[0] == '\0' || us_email_is_valid (email);
  gboolean show_name = !name_ok && self->name_touched;
  gboolean show_country = !country_ok && self->country_touched;
  gboolean show_email = !email_ok && self->email_touched;

  set_row_invalid (self->name_row, show_name);
  set_row_invalid (self->country_row, show_country);
  set_row_invalid (self->email_row, show_email);

  if (show_name)
    g_string_append (messages, _("Enter a name: it is how the signatory is listed."));
  if (show_country)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* Translators: %s is what the user typed as a country code */
      g_string_append_printf (messages, _("“%s” is not a country code: use the two letters of ISO 3166, such as FR, DE or US, or leave it empty."),
                              country);
    }
  if (show_email)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* Translators: %s is what the user typed as an e-mail address */
      g_string_append_printf (messages, _("“%s” is not an e-mail address: it needs one @ and a domain such as example.org."),
                              email);
    }
  gtk_label_set_text (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 name_ok && country_ok && email_ok);
  return name_ok && country_ok && email_ok;
}

static void
field_changed_cb (UsSignatoryEditor *self,
                  GtkEditable       *editable)
{
  /* Emptying the name is an answer in itself; say so at once. */
  if (editable == GTK_EDITABLE (self->name_row) && gtk_editable_get_text (editable)[0] == '\0')
    self->name_touched = TRUE;
  validate (self);
}

static void
country_changed_cb (UsSignatoryEditor *self,
                    GtkEditable       *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *upper = g_utf8_strup (text, -1);

  /* Codes are upper case in the file; show them so while typing. */
  if (!self->upcasing && g_strcmp0 (text, upper) != 0)
    {
      int position = gtk_editable_get_position (editable);

      self->upcasing = TRUE;
      gtk_editable_set_text (editable, upper);
      gtk_editable_set_position (editable, position);
      self->upcasing = FALSE;
    }
  /* Two letters are a complete answer: judge them now. */
  if (g_utf8_strlen (upper, -1) >= 2)
    self->country_touched = TRUE;
  validate (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                UsSignatoryEditor       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* Focus leaves the rows as the window is destroyed, too. */
  if (self->name_row == NULL)
    return;
  if (row == GTK_WIDGET (self->name_row))
    self->name_touched = TRUE;
  else if (row == GTK_WIDGET (self->country_row))
    self->country_touched = TRUE;
  else if (row == GTK_WIDGET (self->email_row))
    self->email_touched = TRUE;
  validate (self);
}

static void
entry_activated_cb (UsSignatoryEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static char *
note_text (UsSignatoryEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoryEditor *self = US_SIGNATORY_EDITOR (widget);
  g_autoptr(UsSignatory) result = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *country = NULL;
  g_autofree char *email = NULL;
  g_autofree char *note = NULL;
  gboolean prominent;

  self->name_touched = self->country_touched = self->email_touched = TRUE;
  if (!validate (self))
    return;

  name = row_text (self->name_row);
  title = row_text (self->title_row);
  organisation = row_text (self->organisation_row);
  country = row_text (self->country_row);
  email = row_text (self->email_row);
  note = note_text (self);

  /* A copy keeps what the form does not show: id, time, version... */
  result = self->signatory ? us_signatory_copy (self->signatory) : us_signatory_new (NULL);
  us_signatory_set_name (result, name);
  us_signatory_set_title (result, title);
  us_signatory_set_organisation (result, organisation);
  us_signatory_set_country (result, country);
  us_signatory_set_email (result, email);
  us_signatory_set_note (result, note);
  us_signatory_set_status (result, adw_combo_row_get_selected (self->status_row));
  us_signatory_set_consent (result, adw_combo_row_get_selected (self->consent_row));
  /* The position in the prominent list is the page's to give; the form
   * only says whether there is one.
   */
  prominent = gtk_switch_get_active (self->prominent_switch);
  if (!prominent)
    us_signatory_set_prominent (result, 0);
  else if (us_signatory_get_prominent (result) == 0)
    us_signatory_set_prominent (result, G_MAXUINT);

  g_signal_emit (self, signals[SAVE], 0, result);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
track_focus (UsSignatoryEditor *self,
             AdwEntryRow       *row)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();

  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), controller);
}

static void
us_signatory_editor_dispose (GObject *object)
{
  UsSignatoryEditor *self = (UsSignatoryEditor *) object;

  g_clear_object (&self->signatory);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SIGNATORY_EDITOR);

  G_OBJECT_CLASS (us_signatory_editor_parent_class)->dispose (object);
}

static void
us_signatory_editor_class_init (UsSignatoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_signatory_editor_dispose;

  /**
   * UsSignatoryEditor::save:
   * @fields: a new UsSignatory holding the form's values
   *
   * The user saved a valid form; the window closes right after.
   */
  signals[SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, US_TYPE_SIGNATORY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-signatory-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, consent_row);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, prominent_switch);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoryEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
us_signatory_editor_init (UsSignatoryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  track_focus (self, self->name_row);
  track_focus (self, self->country_row);
  track_focus (self, self->email_row);
}

static void
load (UsSignatoryEditor *self,
      UsSignatory       *signatory)
{
  const char *note = us_signatory_get_note (signatory);

#define SET_ROW(row, getter) \
  gtk_editable_set_text (GTK_EDITABLE (self->row), getter (signatory) ? getter (signatory) : "")
  SET_ROW (name_row, us_signatory_get_name);
  SET_ROW (title_row, us_signatory_get_title);
  SET_ROW (organisation_row, us_signatory_get_organisation);
  SET_ROW (country_row, us_signatory_get_country);
  SET_ROW (email_row, us_signatory_get_email);
#undef SET_ROW
  adw_combo_row_set_selected (self->status_row, us_signatory_get_status (signatory));
  adw_combo_row_set_selected (self->consent_row, us_signatory_get_consent (signatory));
  gtk_switch_set_active (self->prominent_switch, us_signatory_get_prominent (signatory) > 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note ? note : "", -1);

  /* What was saved before is judged at once: an imported row may hold a
   * bad code that the user came here to fix.
   */
  self->name_touched = self->country_touched = self->email_touched = TRUE;
}

UsSignatoryEditor *
us_signatory_editor_new (GtkWindow   *parent,
                         UsSignatory *signatory)
{
  UsSignatoryEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (signatory == NULL || US_IS_SIGNATORY (signatory), NULL);

  self = g_object_new (US_TYPE_SIGNATORY_EDITOR,
                       "transient-for", parent,
                       "title", signatory ? _("Edit Signatory") : _("New Signatory"),
                       NULL);
  if (signatory != NULL)
    {
      self->signatory = g_object_ref (signatory);
      load (self, signatory);
    }
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

UsSignatory *
us_signatory_editor_get_signatory (UsSignatoryEditor *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_EDITOR (self), NULL);

  return self->signatory;
}

gboolean
us_signatory_editor_is_valid (UsSignatoryEditor *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_EDITOR (self), FALSE);

  return validate (self);
}
