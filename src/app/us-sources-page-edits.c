/* us-sources-page-edits.c: adding, editing and removing followed
 * sources, each one undo step, and the tokens that follow them in the
 * keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-sources-page-private.h"
#include "us-token.h"
#include "us-window.h"

void
_us_sources_page_toast (UsSourcesPage *self,
                        const char    *title,
                        gboolean       undo)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), US_TYPE_WINDOW);
  AdwToast *t;

  if (window == NULL)
    return;
  t = adw_toast_new (title);
  if (undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "win.undo");
    }
  us_window_add_toast (US_WINDOW (window), t);
}

/* Adding, editing, removing */

typedef struct
{
  UsCampaign *campaign;
  UsSource   *source;
  guint       position;   /* where it stands in the list */
} SourceChange;

static void
source_change_free (SourceChange *change)
{
  g_object_unref (change->campaign);
  g_object_unref (change->source);
  g_free (change);
}

static void
source_change_add (SourceChange *change)
{
  us_campaign_insert_source (change->campaign, change->position, change->source);
}

static void
source_change_remove (SourceChange *change)
{
  us_campaign_remove_source (change->campaign, change->source);
}

/* The source's index, or the end of the list when it is not there. */
static guint
position_of (GListModel *sources,
             UsSource   *source)
{
  guint n = g_list_model_get_n_items (sources);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSource) s = g_list_model_get_item (sources, i);

      if (s == source)
        return i;
    }
  return n;
}

static void
push_change (UsSourcesPage *self,
             UsSource      *source,
             gboolean       add)
{
  SourceChange *change = g_new0 (SourceChange, 1);

  change->campaign = g_object_ref (self->campaign);
  change->source = g_object_ref (source);
  change->position = position_of (us_campaign_get_sources (self->campaign), source);
  if (add)
    source_change_add (change);
  else
    source_change_remove (change);
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, add ? _("Add Source") : _("Remove Source"),
                        (UsUndoFunc) (add ? source_change_remove : source_change_add),
                        (UsUndoFunc) (add ? source_change_add : source_change_remove),
                        change, (GDestroyNotify) source_change_free);
  else
    source_change_free (change);
}

void
us_sources_page_add_source (UsSourcesPage *self,
                            UsSource      *source)
{
  g_return_if_fail (US_IS_SOURCES_PAGE (self));
  g_return_if_fail (US_IS_SOURCE (source));
  g_return_if_fail (self->campaign != NULL);

  if (us_source_get_id (source) == NULL)
    {
      g_autofree char *id = us_campaign_suggest_source_id (self->campaign, us_source_get_url (source));
      us_source_set_id (source, id);
    }
  push_change (self, source, TRUE);
}

void
us_sources_page_remove_source (UsSourcesPage *self,
                               UsSource      *source)
{
  g_autofree char *title = NULL;
  const char *name;

  g_return_if_fail (US_IS_SOURCES_PAGE (self));
  g_return_if_fail (US_IS_SOURCE (source));

  if (self->campaign == NULL || us_campaign_find_source (self->campaign, us_source_get_id (source)) != source)
    return;
  name = us_source_get_title (source) ? us_source_get_title (source) : us_source_get_url (source);
  title = g_strdup_printf (_("“%s” removed"), name);
  push_change (self, g_object_ref (source), FALSE);
  g_object_unref (source);
  _us_sources_page_toast (self, title, TRUE);
}

/* The token stays under the key the source has now: an undo or redo of
 * an edit, or a permanent redirect, takes it along.  Nothing is stored
 * under a source without a header name: its token stays where it was,
 * for an undo to find it.
 */
static void
follow_token_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(UsSourcesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!us_token_move_finish (res, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not move the token: %s"), error->message);

      _us_sources_page_toast (self, message, FALSE);
    }
}

static void
follow_token (UsSourcesPage *self,
              const char    *old_url,
              const char    *old_header,
              const char    *new_url,
              const char    *new_header)
{
  if (self == NULL || old_header == NULL || *old_header == '\0' || new_header == NULL ||
      *new_header == '\0' || !us_token_is_supported () ||
      (g_strcmp0 (old_url, new_url) == 0 && g_strcmp0 (old_header, new_header) == 0))
    return;
  us_token_move_async (old_url, old_header, new_url, new_header, NULL,
                       follow_token_cb, g_object_ref (self));
}

/* An edit of url, title, kind and token header, as one undo step. */
typedef struct
{
  GWeakRef  page;
  UsSource *source;
  UsSource *before;
  UsSource *after;
} SourceEdit;

static void
source_edit_free (SourceEdit *edit)
{
  g_weak_ref_clear (&edit->page);
  g_object_unref (edit->source);
  g_object_unref (edit->before);
  g_object_unref (edit->after);
  g_free (edit);
}

static void
copy_fields (UsSource *to,
             UsSource *from)
{
  us_source_set_url (to, us_source_get_url (from));
  us_source_set_title (to, us_source_get_title (from));
  us_source_set_kind (to, us_source_get_kind (from));
  us_source_set_token_header (to, us_source_get_token_header (from));
}

static void
source_edit_step (SourceEdit *edit,
                  UsSource   *from,
                  UsSource   *to)
{
  g_autoptr(UsSourcesPage) page = g_weak_ref_get (&edit->page);

  if (page != NULL)
    page->editing++;
  copy_fields (edit->source, to);
  if (page != NULL)
    page->editing--;
  follow_token (page, us_source_get_url (from), us_source_get_token_header (from),
                us_source_get_url (to), us_source_get_token_header (to));
}

static void
source_edit_undo (SourceEdit *edit)
{
  source_edit_step (edit, edit->after, edit->before);
}

static void
source_edit_redo (SourceEdit *edit)
{
  source_edit_step (edit, edit->before, edit->after);
}

void
_us_sources_page_source_saved (UsSourceDialog *dialog,
                               UsSource       *values,
                               UsSourcesPage  *self)
{
  UsSource *source = g_object_get_data (G_OBJECT (dialog), "source");
  SourceEdit *edit;

  if (self->campaign == NULL)
    return;
  if (source == NULL)
    {
      us_sources_page_add_source (self, values);
      return;
    }
  edit = g_new0 (SourceEdit, 1);
  g_weak_ref_init (&edit->page, self);
  edit->source = g_object_ref (source);
  edit->before = us_source_copy (source);
  edit->after = g_object_ref (values);
  /* The dialog has moved the token already. */
  self->editing++;
  copy_fields (edit->source, edit->after);
  self->editing--;
  if (self->undo_stack != NULL)
    us_undo_stack_push (self->undo_stack, _("Edit Source"),
                        (UsUndoFunc) source_edit_undo, (UsUndoFunc) source_edit_redo,
                        edit, (GDestroyNotify) source_edit_free);
  else
    source_edit_free (edit);
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua != NULL && ub != NULL &&
         g_strcmp0 (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (ua) ? g_uri_get_host (ua) : "",
                             g_uri_get_host (ub) ? g_uri_get_host (ub) : "") == 0 &&
         g_uri_get_port (ua) == g_uri_get_port (ub);
}

/* A source's token lives under its address and header name.  When its
 * address changes otherwise than by an edit (a permanent redirect met by
 * a refresh, or the undo or redo of that refresh), the token follows, but
 * only within the same site (scheme, host and port): the fetcher sent it
 * to no other, and the move must not make the next refresh send it
 * there.  Edits move it themselves, to wherever the user typed.
 */
#define TOKEN_URL "us-sources-page-token-url"

void
_us_sources_page_source_url_cb (UsSource      *source,
                                GParamSpec    *pspec,
                                UsSourcesPage *self)
{
  const char *old_url = g_object_get_data (G_OBJECT (source), TOKEN_URL);
  const char *new_url = us_source_get_url (source);
  const char *header = us_source_get_token_header (source);

  if (self->editing == 0 && old_url != NULL && new_url != NULL && same_origin (old_url, new_url))
    follow_token (self, old_url, header, new_url, header);
  g_object_set_data_full (G_OBJECT (source), TOKEN_URL, g_strdup (new_url), g_free);
}

void
_us_sources_page_watch_sources (GListModel    *sources,
                                guint          position,
                                guint          removed,
                                guint          added,
                                UsSourcesPage *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(UsSource) source = g_list_model_get_item (sources, i);

      /* A source put back by an undo is watched already. */
      if (g_signal_handler_find (source, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 _us_sources_page_source_url_cb, self) != 0)
        continue;
      g_object_set_data_full (G_OBJECT (source), TOKEN_URL, g_strdup (us_source_get_url (source)), g_free);
      g_signal_connect_object (source, "notify::url", G_CALLBACK (_us_sources_page_source_url_cb), self, 0);
    }
}
