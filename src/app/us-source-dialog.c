/* us-source-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-application.h"
#include "us-source-dialog.h"
#include "us-token.h"

struct _UsSourceDialog
{
  AdwWindow     parent_instance;

  UsCampaign   *campaign;
  UsSource     *source;       /* NULL when adding */
  UsFetcher    *fetcher;
  GCancellable *cancellable;

  AdwEntryRow  *url_row;
  AdwComboRow  *kind_row;
  AdwEntryRow  *title_row;
  AdwEntryRow  *header_row;
  AdwEntryRow  *token_row;
  GtkStack     *detect_stack;
  GtkLabel     *message_label;

  /* The window does not grow: scroll to a new message at the end. */
  gboolean      reveal_message;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsSourceDialog, us_source_dialog, ADW_TYPE_WINDOW)

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0);
}

static gboolean
is_header_name (const char *text)
{
  return *text == '\0' || g_regex_match_simple ("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", text, 0, 0);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_message (UsSourceDialog *self,
              const char     *message,
              gboolean        error)
{
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  self->reveal_message = message != NULL;
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* A URL someone else already follows is also refused, as the CLI does. */
static const char *
url_problem (UsSourceDialog *self,
             const char     *url)
{
  GListModel *sources = us_campaign_get_sources (self->campaign);

  if (*url == '\0')
    return "";
  if (!is_web_url (url))
    return _("The address must start with http:// or https://");
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(UsSource) s = g_list_model_get_item (sources, i);

      if (s != self->source && g_strcmp0 (us_source_get_url (s), url) == 0)
        return _("The campaign already follows this address");
    }
  return NULL;
}

static void
validate (UsSourceDialog *self)
{
  const char *problem = url_problem (self, text_of (self->url_row));
  gboolean header_ok = is_header_name (text_of (self->header_row));

  if (problem != NULL && *problem != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  if (header_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->header_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->header_row), "error");
  show_message (self, problem && *problem ? problem
                      : header_ok ? NULL : _("A header name holds letters, digits and - only, such as OSDI-API-Token"),
                TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.detect", problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", problem == NULL && header_ok);
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(UsSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  UsSourceKind kind;

  if (!us_fetcher_detect_kind_finish (US_FETCHER (object), result, &kind, &title, &url, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_stack_set_visible_child_name (self->detect_stack, "button");
      if (g_error_matches (error, US_FETCH_ERROR, US_FETCH_ERROR_UNKNOWN_KIND) ||
          g_error_matches (error, US_FETCH_ERROR, US_FETCH_ERROR_CONTENT_TYPE))
        {
          g_autofree char *message = g_strdup_printf (_("%s Choose the kind yourself if you know it."), error->message);
          show_message (self, message, TRUE);
        }
      else
        show_message (self, error->message, TRUE);
      return;
    }
  gtk_stack_set_visible_child_name (self->detect_stack, "button");
  adw_combo_row_set_selected (self->kind_row, kind);
  if (title != NULL && *text_of (self->title_row) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  /* Follow where a permanent redirect says the source now lives. */
  if (url != NULL && g_strcmp0 (url, text_of (self->url_row)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  show_message (self, NULL, FALSE);
  {
    /* Translators: after Detect, e.g. "Found an incident feed." */
    g_autofree char *found = g_strdup_printf (_("Found: %s."),
                                              gtk_string_object_get_string (adw_combo_row_get_selected_item (self->kind_row)));
    show_message (self, found, FALSE);
  }
}

void
us_source_dialog_detect (UsSourceDialog *self)
{
  const char *header = text_of (self->header_row);
  const char *token = text_of (self->token_row);

  g_return_if_fail (US_IS_SOURCE_DIALOG (self));

  if (url_problem (self, text_of (self->url_row)) != NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->detect_stack, "spinner");
  show_message (self, NULL, FALSE);
  us_fetcher_detect_kind_async (self->fetcher, text_of (self->url_row),
                                *header ? header : NULL, *header && *token ? token : NULL,
                                self->cancellable, detect_cb, g_object_ref (self));
}

static void
detect_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  us_source_dialog_detect (US_SOURCE_DIALOG (widget));
}

static void
finish_save (UsSourceDialog *self,
             UsSource       *values)
{
  g_signal_emit (self, signals[SAVED], 0, values);
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether saving the values changes the key (address and header name)
 * the edited source's token is stored under.  A source whose header name
 * is cleared leaves its token where it is: an undo brings the header back.
 */
static gboolean
token_key_changes (UsSourceDialog *self,
                   UsSource       *values)
{
  const char *old_header = self->source ? us_source_get_token_header (self->source) : NULL;
  const char *new_header = us_source_get_token_header (values);

  return old_header != NULL && *old_header != '\0' && new_header != NULL &&
         (g_strcmp0 (us_source_get_url (self->source), us_source_get_url (values)) != 0 ||
          g_strcmp0 (old_header, new_header) != 0);
}

/* The app's copy of the token under the old key goes with it. */
static void
forget_old_token (UsSourceDialog *self)
{
  GApplication *app = g_application_get_default ();

  if (US_IS_APPLICATION (app))
    us_application_remember_token (US_APPLICATION (app), us_source_get_url (self->source),
                                    us_source_get_token_header (self->source), NULL);
}

/* Editing the address or header name moves the token to the new key
 * first; if the keyring cannot, nothing is saved.
 */
static void
token_moved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UsSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  UsSource *values = g_object_get_data (G_OBJECT (self), "pending-values");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", TRUE);
  if (!us_token_move_finish (result, &error) && error != NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not move the token: %s. Nothing was saved; type the token "
                                   "again, or clear the header name to save the source without one."),
                                 error->message);
      show_message (self, message, TRUE);
      return;
    }
  if (values == NULL)
    return;
  forget_old_token (self);
  finish_save (self, values);
}

/* The source is saved only once its token is in the keyring: a token
 * the keyring refused is never kept anywhere else.
 */
static void
token_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(UsSourceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  UsSource *values = g_object_get_data (G_OBJECT (self), "pending-values");
  GApplication *app = g_application_get_default ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", TRUE);
  if (!us_token_store_finish (result, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("Could not store the token: %s. Nothing was saved; "
                                   "clear the token to save the source without one."),
                                 error->message);
      show_message (self, message, TRUE);
      return;
    }
  if (values == NULL)
    return;
  /* A new token under a new key: the old key keeps none. */
  if (token_key_changes (self, values))
    {
      g_autoptr(GError) clear_error = NULL;

      if (!us_token_clear (us_source_get_url (self->source), us_source_get_token_header (self->source),
                           NULL, &clear_error) && clear_error != NULL)
        g_debug ("The old address keeps a copy of the token: %s", clear_error->message);
      forget_old_token (self);
    }
  /* The fetcher asks for tokens synchronously: hand it this one now. */
  if (US_IS_APPLICATION (app))
    us_application_remember_token (US_APPLICATION (app), us_source_get_url (values),
                                   us_source_get_token_header (values), text_of (self->token_row));
  finish_save (self, values);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  UsSourceDialog *self = US_SOURCE_DIALOG (widget);
  const char *url = text_of (self->url_row);
  const char *header = text_of (self->header_row);
  const char *token = text_of (self->token_row);
  g_autofree char *title = g_strstrip (g_strdup (text_of (self->title_row)));
  g_autofree char *id = NULL;
  g_autoptr(UsSource) values = NULL;

  if (url_problem (self, url) != NULL || !is_header_name (header))
    return;
  id = self->source ? g_strdup (us_source_get_id (self->source)) : us_campaign_suggest_source_id (self->campaign, url);
  values = us_source_new (id, url, adw_combo_row_get_selected (self->kind_row));
  us_source_set_title (values, *title ? title : NULL);
  us_source_set_token_header (values, *header ? header : NULL);

  if (*header && *token && us_token_is_supported ())
    {
      g_object_set_data_full (G_OBJECT (self), "pending-values", g_steal_pointer (&values), g_object_unref);
      if (self->cancellable == NULL)
        self->cancellable = g_cancellable_new ();
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", FALSE);
      show_message (self, _("Storing the token in the keyring…"), FALSE);
      us_token_store_async (url, header, token, self->cancellable, token_stored_cb, g_object_ref (self));
      return;
    }
  if (token_key_changes (self, values) && us_token_is_supported ())
    {
      const char *old_url = us_source_get_url (self->source);
      const char *old_header = us_source_get_token_header (self->source);

      g_object_set_data_full (G_OBJECT (self), "pending-values", g_steal_pointer (&values), g_object_unref);
      if (self->cancellable == NULL)
        self->cancellable = g_cancellable_new ();
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "source.save", FALSE);
      show_message (self, _("Moving the token in the keyring…"), FALSE);
      us_token_move_async (old_url, old_header, url, header, self->cancellable, token_moved_cb, g_object_ref (self));
      return;
    }
  finish_save (self, values);
}

void
us_source_dialog_set_url (UsSourceDialog *self,
                          const char     *url)
{
  g_return_if_fail (US_IS_SOURCE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url ? url : "");
}

static void
us_source_dialog_dispose (GObject *object)
{
  UsSourceDialog *self = US_SOURCE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SOURCE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->campaign);
  g_clear_object (&self->source);
  g_clear_object (&self->fetcher);
  G_OBJECT_CLASS (us_source_dialog_parent_class)->dispose (object);
}

static void
us_source_dialog_class_init (UsSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_source_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, US_TYPE_SOURCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, header_row);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, detect_stack);
  gtk_widget_class_bind_template_child (widget_class, UsSourceDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, validate);
  gtk_widget_class_bind_template_callback (widget_class, us_source_dialog_detect);

  gtk_widget_class_install_action (widget_class, "source.detect", NULL, detect_action);
  gtk_widget_class_install_action (widget_class, "source.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static gboolean
scroll_to_end_cb (gpointer user_data)
{
  GtkAdjustment *adjustment = user_data;

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* After the viewport has configured the adjustment, or it would put the
 * old value back.
 */
static void
adjustment_changed_cb (GtkAdjustment  *adjustment,
                       UsSourceDialog *self)
{
  if (!self->reveal_message)
    return;
  self->reveal_message = FALSE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_to_end_cb, g_object_ref (adjustment), g_object_unref);
}

static void
us_source_dialog_init (UsSourceDialog *self)
{
  GtkWidget *scrolled;

  gtk_widget_init_template (GTK_WIDGET (self));
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->message_label), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                             "changed", G_CALLBACK (adjustment_changed_cb), self, 0);
}

UsSourceDialog *
us_source_dialog_new (GtkWindow  *parent,
                      UsCampaign *campaign,
                      UsSource   *source,
                      UsFetcher  *fetcher)
{
  UsSourceDialog *self;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (!source || US_IS_SOURCE (source), NULL);
  g_return_val_if_fail (US_IS_FETCHER (fetcher), NULL);

  self = g_object_new (US_TYPE_SOURCE_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->source = source ? g_object_ref (source) : NULL;
  self->fetcher = g_object_ref (fetcher);

  if (source != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Source"));
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), us_source_get_url (source));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             us_source_get_title (source) ? us_source_get_title (source) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->header_row),
                             us_source_get_token_header (source) ? us_source_get_token_header (source) : "");
      adw_combo_row_set_selected (self->kind_row, us_source_get_kind (source));
    }
  if (!us_token_is_supported ())
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                     _("No keyring in this build: give the token to undersigned-cli fetch --token-env"));
    }
  validate (self);
  return self;
}
