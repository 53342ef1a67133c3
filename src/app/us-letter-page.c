/* us-letter-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-citation.h"
#include "us-citation-chooser.h"
#include "us-letter-page.h"
#include "us-util.h"
#include "us-window.h"

/* Typing pauses this long before the text goes into the model. */
#define PUSH_DELAY_MS 300

struct _UsLetterPage
{
  AdwBin         parent_instance;

  UsCampaign    *campaign;
  UsUndoStack   *undo_stack;
  UsEdition     *edition;
  guint          push_id;
  guint          versions_id;
  guint          citations_id;
  guint          loading : 1;
  guint          pushing : 1;

  GtkStack      *stack;
  GtkDropDown   *edition_dropdown;
  AdwEntryRow   *title_row;
  AdwEntryRow   *addressee_row;
  GtkTextView   *body_view;
  GtkTextBuffer *buffer;
  GtkTextTag    *citation_tag;
  GtkTextTag    *unknown_tag;
  GtkListBox    *citations_list;
  GtkListBox    *versions_list;
  GtkLabel      *status_label;
  GtkMenuButton *cite_button;
  UsCitationChooser *chooser;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsLetterPage, us_letter_page, ADW_TYPE_BIN)

static void show_edition (UsLetterPage *self, UsEdition *edition);

static UsLetter *
get_letter (UsLetterPage *self)
{
  return self->campaign ? us_campaign_get_letter (self->campaign) : NULL;
}

static void
toast (UsLetterPage *self,
       const char   *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), US_TYPE_WINDOW);

  if (window != NULL)
    us_window_add_toast (US_WINDOW (window), adw_toast_new (text));
}

static char *
dup_body (UsLetterPage *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

/* Citations */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
retag (UsLetterPage *self,
       const char   *text)
{
  g_autoptr(GPtrArray) citations = us_citations_find (text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->citation_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->unknown_tag, &start, &end);
  for (guint i = 0; i < citations->len; i++)
    {
      UsCitation *citation = g_ptr_array_index (citations, i);
      gboolean known = us_campaign_find_incident (self->campaign, citation->id) != NULL;

      gtk_text_buffer_get_iter_at_offset (self->buffer, &start,
                                          g_utf8_pointer_to_offset (text, text + citation->start));
      gtk_text_buffer_get_iter_at_offset (self->buffer, &end,
                                          g_utf8_pointer_to_offset (text, text + citation->end));
      gtk_text_buffer_apply_tag (self->buffer, known ? self->citation_tag : self->unknown_tag,
                                 &start, &end);
    }
}

static void
free_string (GString *string)
{
  g_string_free (string, TRUE);
}

static GtkWidget *
citation_row (UsLetterPage  *self,
              guint          number,
              const char    *id,
              GString       *paragraphs)
{
  UsIncident *incident = us_campaign_find_incident (self->campaign, id);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge;
  g_autofree char *label = g_strdup_printf ("%u", number);

  badge = gtk_label_new (label);
  gtk_widget_add_css_class (badge, "citation-number");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge);
  if (incident != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), us_incident_get_title (incident));
  else
    {
      g_autofree char *missing = g_strdup_printf (_("Unknown incident “%s”"), id);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("No incident has this id: add it on the Incidents page or fix the citation"));
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), missing);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), paragraphs->str);
  return row;
}

static void
refresh_citations (UsLetterPage *self)
{
  g_auto(GStrv) paragraphs = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) where = g_ptr_array_new_with_free_func ((GDestroyNotify) free_string);
  GHashTable *index;

  clear_list (self->citations_list);
  if (self->edition == NULL)
    return;

  /* Number citations in order of first appearance, and note for each the
   * paragraphs that cite it, as the press pack will.
   */
  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  paragraphs = us_edition_dup_paragraphs (self->edition);
  for (guint p = 0; paragraphs && paragraphs[p]; p++)
    {
      g_auto(GStrv) cited = us_citations_ids (paragraphs[p]);

      for (guint c = 0; cited && cited[c]; c++)
        {
          gpointer found;
          GString *list;

          if (!g_hash_table_lookup_extended (index, cited[c], NULL, &found))
            {
              found = GUINT_TO_POINTER (ids->len);
              g_hash_table_insert (index, g_strdup (cited[c]), found);
              g_ptr_array_add (ids, g_strdup (cited[c]));
              g_ptr_array_add (where, g_string_new (NULL));
            }
          list = g_ptr_array_index (where, GPOINTER_TO_UINT (found));
          if (list->len > 0)
            g_string_append (list, ", ");
          g_string_append_printf (list, "%u", p + 1);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      GString *list = g_ptr_array_index (where, i);
      guint n_paragraphs = 1;
      g_autofree char *text = NULL;

      for (const char *c = list->str; *c; c++)
        n_paragraphs += *c == ',';
      /* Translators: the paragraphs of the letter that cite an incident, "2, 5" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paragraph %s", "Paragraphs %s", n_paragraphs),
                              list->str);

      g_string_assign (list, text);
      gtk_list_box_append (self->citations_list,
                           citation_row (self, i + 1, g_ptr_array_index (ids, i), list));
    }
  if (ids->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No citations yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Use Cite to add one at the cursor"));
      gtk_list_box_append (self->citations_list, row);
    }
  g_ptr_array_set_free_func (ids, g_free);
  g_hash_table_unref (index);
}

static gboolean
refresh_citations_cb (gpointer user_data)
{
  UsLetterPage *self = user_data;

  self->citations_id = 0;
  refresh_citations (self);
  return G_SOURCE_REMOVE;
}

/* A campaign or edition just shown: the side panel's rows are built in
 * a low-priority idle, after the letter's own first frame.  Building
 * them with the letter cost ~30 ms of CPU time before the first frame
 * with the sample (bench/bench-startup.sh); the panel fills a frame
 * later.
 */
static void
queue_citations (UsLetterPage *self)
{
  if (self->citations_id == 0)
    self->citations_id = g_idle_add_full (G_PRIORITY_LOW, refresh_citations_cb, self, NULL);
}

/* Versions */

static void
view_version (GtkButton       *button,
              UsLetterVersion *version)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GListModel *editions = us_letter_version_get_editions (version);
  g_autofree char *title = g_strdup_printf (_("Version %u"), us_letter_version_get_number (version));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) edition = g_list_model_get_item (editions, i);

      g_string_append_printf (text, "[%s]\n%s\n%s\n\n%s\n\n\n",
                              us_edition_get_language (edition),
                              us_edition_get_title (edition) ? us_edition_get_title (edition) : "",
                              us_edition_get_addressee (edition) ? us_edition_get_addressee (edition) : "",
                              us_edition_get_body (edition) ? us_edition_get_body (edition) : "");
    }
  gtk_text_buffer_set_text (buffer, text->str, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 18);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 18);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
version_row (UsLetterVersion *version,
             guint            signatures)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("x-office-document-symbolic");
  g_autofree char *title = g_strdup_printf (_("Version %u"), us_letter_version_get_number (version));
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (us_letter_version_get_frozen_at (version));
  g_autofree char *date = when ? us_format_day (when) : g_strdup ("?");
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u signature", "%u signatures", signatures),
                                            signatures);
  /* Translators: a frozen version's date, then its signature count */
  g_autofree char *subtitle = g_strdup_printf (_("Frozen %s · %s"), date, count);
  g_autofree char *label = g_strdup_printf (_("Read version %u"), us_letter_version_get_number (version));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Read this version"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_data (button, "clicked", G_CALLBACK (view_version),
                         g_object_ref (version), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

/* The toolbar's "Signatures go to version N" */
static void
update_status (UsLetterPage *self)
{
  UsLetter *letter = get_letter (self);
  g_autofree char *status = NULL;

  if (letter != NULL && us_letter_get_latest_version (letter) > 0)
    status = g_strdup_printf (_("Signatures go to version %u"), us_letter_get_latest_version (letter));
  gtk_label_set_text (self->status_label, status ? status : "");
}

static gboolean
refresh_versions_cb (gpointer user_data)
{
  UsLetterPage *self = user_data;
  UsLetter *letter = get_letter (self);
  GListModel *versions, *signatories;
  guint n_versions, n_signatories;
  g_autofree guint *counts = NULL;
  GtkWidget *row;
  g_autofree char *current = NULL;

  self->versions_id = 0;
  clear_list (self->versions_list);
  if (letter == NULL)
    return G_SOURCE_REMOVE;

  versions = us_letter_get_versions (letter);
  signatories = us_campaign_get_signatories (self->campaign);
  n_versions = g_list_model_get_n_items (versions);
  n_signatories = g_list_model_get_n_items (signatories);
  counts = g_new0 (guint, us_letter_get_latest_version (letter) + 1);
  for (guint i = 0; i < n_signatories; i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (signatories, i);
      guint version = us_signatory_get_version (signatory);

      if (version <= us_letter_get_latest_version (letter))
        counts[version]++;
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Current text"));
  current = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not frozen · %u signature",
                                          "Not frozen · %u signatures", counts[0]),
                             counts[0]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), current);
  gtk_list_box_append (self->versions_list, row);

  /* Newest first: the one being signed now matters most. */
  for (guint i = n_versions; i > 0; i--)
    {
      g_autoptr(UsLetterVersion) version = g_list_model_get_item (versions, i - 1);
      guint number = us_letter_version_get_number (version);

      gtk_list_box_append (self->versions_list,
                           version_row (version, number < us_letter_get_latest_version (letter) + 1 ? counts[number] : 0));
    }

  update_status (self);
  return G_SOURCE_REMOVE;
}

static void
queue_versions (UsLetterPage *self)
{
  /* An import adds thousands of signatories in bursts: count once. */
  if (self->versions_id == 0)
    self->versions_id = g_timeout_add (200, refresh_versions_cb, self);
}

/* Editing */

static void
push_body (UsLetterPage *self)
{
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->push_id, g_source_remove);
  if (self->edition == NULL)
    return;
  text = dup_body (self);
  if (g_strcmp0 (text, us_edition_get_body (self->edition) ? us_edition_get_body (self->edition) : "") == 0)
    return;
  self->pushing = TRUE;
  us_edition_set_body (self->edition, text);
  self->pushing = FALSE;
  refresh_citations (self);
}

static gboolean
push_cb (gpointer user_data)
{
  UsLetterPage *self = user_data;

  self->push_id = 0;
  push_body (self);
  return G_SOURCE_REMOVE;
}

void
us_letter_page_flush (UsLetterPage *self)
{
  g_return_if_fail (US_IS_LETTER_PAGE (self));

  if (self->push_id != 0)
    push_body (self);
}

static void
body_changed_cb (UsLetterPage *self)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = dup_body (self);
  retag (self, text);
  g_clear_handle_id (&self->push_id, g_source_remove);
  self->push_id = g_timeout_add (PUSH_DELAY_MS, push_cb, self);
}

static void
set_field (UsLetterPage *self,
           const char   *property,
           AdwEntryRow  *row)
{
  if (self->loading || self->edition == NULL)
    return;
  self->pushing = TRUE;
  g_object_set (self->edition, property, gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
  self->pushing = FALSE;
}

static void
title_changed_cb (UsLetterPage *self)
{
  set_field (self, "title", self->title_row);
}

static void
addressee_changed_cb (UsLetterPage *self)
{
  set_field (self, "addressee", self->addressee_row);
}

static void
load_fields (UsLetterPage *self)
{
  const char *title = self->edition ? us_edition_get_title (self->edition) : NULL;
  const char *addressee = self->edition ? us_edition_get_addressee (self->edition) : NULL;
  const char *body = self->edition ? us_edition_get_body (self->edition) : NULL;
  g_autofree char *current = dup_body (self);

  self->loading = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title ? title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->addressee_row)), addressee ? addressee : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->addressee_row), addressee ? addressee : "");
  if (g_strcmp0 (current, body ? body : "") != 0)
    {
      /* Switching editions is not an edit: keep it out of the text's undo. */
      gtk_text_buffer_begin_irreversible_action (self->buffer);
      gtk_text_buffer_set_text (self->buffer, body ? body : "", -1);
      gtk_text_buffer_end_irreversible_action (self->buffer);
    }
  self->loading = FALSE;
  retag (self, body ? body : "");
  queue_citations (self);
}

static void
edition_notify_cb (UsLetterPage *self)
{
  /* Our own edits come back here too; only outside ones need a reload. */
  if (!self->pushing)
    load_fields (self);
}

static void
show_edition (UsLetterPage *self,
              UsEdition    *edition)
{
  if (self->edition == edition)
    return;
  us_letter_page_flush (self);
  if (self->edition != NULL)
    g_signal_handlers_disconnect_by_data (self->edition, self);
  g_set_object (&self->edition, edition);
  if (edition != NULL)
    g_signal_connect_swapped (edition, "notify", G_CALLBACK (edition_notify_cb), self);
  load_fields (self);
}

static void
edition_selected_cb (UsLetterPage *self)
{
  show_edition (self, gtk_drop_down_get_selected_item (self->edition_dropdown));
}

static void
editions_changed_cb (UsLetterPage *self)
{
  UsLetter *letter = get_letter (self);
  gboolean empty = letter == NULL || g_list_model_get_n_items (us_letter_get_editions (letter)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "editor");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.freeze", !empty);
  if (empty)
    show_edition (self, NULL);
  else
    edition_selected_cb (self);
}

static void
citation_chosen_cb (UsLetterPage *self,
                    UsIncident   *incident)
{
  g_autofree char *marker = g_strdup_printf ("[@%s]", us_incident_get_id (incident));

  gtk_text_buffer_insert_at_cursor (self->buffer, marker, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* Adding an edition */

typedef struct
{
  UsLetter  *letter;
  UsEdition *edition;
} EditionChange;

static void
edition_change_free (EditionChange *change)
{
  g_object_unref (change->letter);
  g_object_unref (change->edition);
  g_free (change);
}

static void
edition_change_undo (EditionChange *change)
{
  us_letter_remove_edition (change->letter, change->edition);
}

static void
edition_change_redo (EditionChange *change)
{
  us_letter_add_edition (change->letter, change->edition);
}

static void
select_edition (UsLetterPage *self,
                UsEdition    *edition)
{
  GListModel *editions = us_letter_get_editions (get_letter (self));

  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) item = g_list_model_get_item (editions, i);

      if (item == edition)
        gtk_drop_down_set_selected (self->edition_dropdown, i);
    }
}

static void
add_edition (UsLetterPage *self,
             const char   *language)
{
  UsLetter *letter = get_letter (self);
  g_autoptr(UsEdition) edition = NULL;
  EditionChange *change;

  us_letter_page_flush (self);
  /* A translation starts from the text it translates. */
  if (self->edition != NULL)
    {
      edition = us_edition_copy (self->edition);
      us_edition_set_language (edition, language);
    }
  else
    edition = us_edition_new (language);
  us_letter_add_edition (letter, edition);

  change = g_new0 (EditionChange, 1);
  change->letter = g_object_ref (letter);
  change->edition = g_object_ref (edition);
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Add Edition"),
                        (UsUndoFunc) edition_change_undo, (UsUndoFunc) edition_change_redo,
                        change, (GDestroyNotify) edition_change_free);
  else
    edition_change_free (change);
  select_edition (self, edition);
}

static gboolean
tag_is_acceptable (UsLetterPage *self,
                   const char   *tag)
{
  return us_language_tag_is_valid (tag) && us_letter_find_edition (get_letter (self), tag) == NULL;
}

static void
language_changed_cb (GtkEditable      *entry,
                     AdwMessageDialog *dialog)
{
  UsLetterPage *self = g_object_get_data (G_OBJECT (dialog), "page");
  const char *tag = gtk_editable_get_text (entry);
  gboolean ok = tag_is_acceptable (self, tag);

  adw_message_dialog_set_response_enabled (dialog, "add", ok);
  if (ok || *tag == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

static void
add_edition_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         UsLetterPage     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *tag = gtk_editable_get_text (entry);

  if (g_strcmp0 (response, "add") == 0 && tag_is_acceptable (self, tag))
    add_edition (self, tag);
}

static void
add_edition_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  UsLetterPage *self = US_LETTER_PAGE (widget);
  GtkWidget *dialog, *entry;

  if (self->campaign == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Add an Edition"),
                                   _("Enter the language of the new edition as a BCP 47 tag, such as “fr”, “de” or “pt-BR”. It starts as a copy of the edition shown."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Language tag"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Language tag"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "page", self);
  g_signal_connect (entry, "changed", G_CALLBACK (language_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (add_edition_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Freezing */

static void
freeze_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    UsLetterPage     *self)
{
  UsLetterVersion *version;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "freeze") != 0 || self->campaign == NULL)
    return;
  us_letter_page_flush (self);
  version = us_letter_freeze (get_letter (self), g_get_real_time () / G_USEC_PER_SEC);
  text = g_strdup_printf (_("Version %u frozen"), us_letter_version_get_number (version));
  toast (self, text);
}

static void
freeze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  UsLetterPage *self = US_LETTER_PAGE (widget);
  UsLetter *letter = get_letter (self);
  GtkWidget *dialog;
  guint next;

  if (letter == NULL)
    return;
  next = us_letter_get_latest_version (letter) + 1;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Freeze Version %u?"), next);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The current text of every edition becomes version %u and can no longer change. New signatures record the version they were given against; you can keep editing the current text for a later version."),
                                  next);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "freeze", _("_Freeze"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "freeze", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (freeze_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cite_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsLetterPage *self = US_LETTER_PAGE (widget);

  if (self->edition != NULL)
    gtk_menu_button_popup (self->cite_button);
}

/* The campaign */

static void
disconnect_campaign (UsLetterPage *self)
{
  UsLetter *letter = get_letter (self);

  if (letter == NULL)
    return;
  g_signal_handlers_disconnect_by_data (us_letter_get_editions (letter), self);
  g_signal_handlers_disconnect_by_data (us_letter_get_versions (letter), self);
  g_signal_handlers_disconnect_by_data (us_campaign_get_signatories (self->campaign), self);
  g_signal_handlers_disconnect_by_data (us_campaign_get_incidents (self->campaign), self);
}

static void
incidents_changed_cb (UsLetterPage *self)
{
  g_autofree char *text = dup_body (self);

  retag (self, text);
  refresh_citations (self);
}

void
us_letter_page_set_campaign (UsLetterPage *self,
                             UsCampaign   *campaign)
{
  UsLetter *letter;

  g_return_if_fail (US_IS_LETTER_PAGE (self));
  g_return_if_fail (!campaign || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;
  us_letter_page_flush (self);
  show_edition (self, NULL);
  disconnect_campaign (self);
  g_set_object (&self->campaign, campaign);

  letter = get_letter (self);
  gtk_drop_down_set_model (self->edition_dropdown, letter ? us_letter_get_editions (letter) : NULL);
  us_citation_chooser_set_incidents (self->chooser,
                                     campaign ? us_campaign_get_incidents (campaign) : NULL);
  if (letter != NULL)
    {
      g_signal_connect_swapped (us_letter_get_editions (letter), "items-changed",
                                G_CALLBACK (editions_changed_cb), self);
      g_signal_connect_swapped (us_letter_get_versions (letter), "items-changed",
                                G_CALLBACK (queue_versions), self);
      g_signal_connect_swapped (us_campaign_get_signatories (campaign), "items-changed",
                                G_CALLBACK (queue_versions), self);
      g_signal_connect_swapped (us_campaign_get_incidents (campaign), "items-changed",
                                G_CALLBACK (incidents_changed_cb), self);
    }
  editions_changed_cb (self);
  /* The side panel after the letter: see queue_citations(). */
  update_status (self);
  g_clear_handle_id (&self->versions_id, g_source_remove);
  self->versions_id = g_idle_add_full (G_PRIORITY_LOW, refresh_versions_cb, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsCampaign *
us_letter_page_get_campaign (UsLetterPage *self)
{
  g_return_val_if_fail (US_IS_LETTER_PAGE (self), NULL);
  return self->campaign;
}

UsEdition *
us_letter_page_get_edition (UsLetterPage *self)
{
  g_return_val_if_fail (US_IS_LETTER_PAGE (self), NULL);
  return self->edition;
}

GtkTextBuffer *
us_letter_page_get_buffer (UsLetterPage *self)
{
  g_return_val_if_fail (US_IS_LETTER_PAGE (self), NULL);
  return self->buffer;
}

static void
us_letter_page_dispose (GObject *object)
{
  UsLetterPage *self = (UsLetterPage *) object;

  g_clear_handle_id (&self->push_id, g_source_remove);
  g_clear_handle_id (&self->versions_id, g_source_remove);
  g_clear_handle_id (&self->citations_id, g_source_remove);
  if (self->edition != NULL)
    g_signal_handlers_disconnect_by_data (self->edition, self);
  g_clear_object (&self->edition);
  disconnect_campaign (self);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo_stack);
  /* AdwBin keeps its own pointer to the child: clear it before the
   * template unparents the child under it.
   */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_LETTER_PAGE);
  G_OBJECT_CLASS (us_letter_page_parent_class)->dispose (object);
}

static void
us_letter_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UsLetterPage *self = US_LETTER_PAGE (object);

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
us_letter_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UsLetterPage *self = US_LETTER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      us_letter_page_set_campaign (self, g_value_get_object (value));
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
us_letter_page_class_init (UsLetterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_letter_page_dispose;
  object_class->get_property = us_letter_page_get_property;
  object_class->set_property = us_letter_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, rw);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (US_TYPE_CITATION_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-letter-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, stack);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, edition_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, addressee_row);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, citations_list);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, versions_list);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, cite_button);
  gtk_widget_class_bind_template_child (widget_class, UsLetterPage, chooser);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, addressee_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, citation_chosen_cb);

  gtk_widget_class_install_action (widget_class, "letter.add-edition", NULL, add_edition_action);
  gtk_widget_class_install_action (widget_class, "letter.freeze", NULL, freeze_action);
  gtk_widget_class_install_action (widget_class, "letter.cite", NULL, cite_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "letter.cite", NULL);
}

static void
us_letter_page_init (UsLetterPage *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = gtk_text_view_get_buffer (self->body_view);
  gtk_text_buffer_set_enable_undo (self->buffer, TRUE);
  self->citation_tag = gtk_text_buffer_create_tag (self->buffer, "citation",
                                                   "foreground", "#1c71d8",
                                                   "weight", PANGO_WEIGHT_BOLD,
                                                   "scale", 0.85,
                                                   "rise", 3 * PANGO_SCALE,
                                                   NULL);
  self->unknown_tag = gtk_text_buffer_create_tag (self->buffer, "unknown-citation",
                                                  "foreground", "#c01c28",
                                                  "underline", PANGO_UNDERLINE_ERROR,
                                                  "scale", 0.85,
                                                  "rise", 3 * PANGO_SCALE,
                                                  NULL);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (body_changed_cb), self);

  expression = gtk_property_expression_new (US_TYPE_EDITION, NULL, "language");
  gtk_drop_down_set_expression (self->edition_dropdown, expression);
  g_signal_connect_swapped (self->edition_dropdown, "notify::selected",
                            G_CALLBACK (edition_selected_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letter.freeze", FALSE);
}
