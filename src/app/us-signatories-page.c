/* us-signatories-page.c
 *
 * The list is built for 100,000 rows and more (see DESIGN.md, "Facts
 * measured"): the campaign's store goes through a GtkSortListModel, then
 * the UsSignatoryFilter, then a UsSignatorySelection.  Sorting comes
 * before filtering so that a keystroke in the search entry only
 * re-filters and never re-sorts, and every change of the filter goes
 * through us_signatory_selection_begin_refill(), so that the column
 * view rebinds the rows it has instead of building new ones.  The cells
 * are us-signatory-columns.c's, the side panel is a UsProminentList
 * (which also works out new prominent orders), and each edit is a
 * UsSignatoryChange that a UsSignatoryHistory puts on the undo stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-array-store.h"
#include "us-prominent-list.h"
#include "us-signatories-page.h"
#include "us-signatory-changes.h"
#include "us-signatory-columns.h"
#include "us-signatory-editor.h"
#include "us-signatory-filter.h"
#include "us-signatory-history.h"
#include "us-signatory-selection.h"
#include "us-stats.h"
#include "us-stats-view.h"

/* Counts and the prominent list follow the model at most this often. */
#define REFRESH_DELAY_MS 250

struct _UsSignatoriesPage
{
  AdwBin                parent_instance;

  UsCampaign           *campaign;
  UsSignatoryHistory   *history;
  GListModel           *store;           /* the campaign's; borrowed */
  gulong                store_changed_id;

  UsSignatoryFilter    *filter;
  GtkSortListModel     *sort_model;
  GtkFilterListModel   *filter_model;
  UsSignatorySelection *selection;

  guint                 refresh_id;

  GtkSearchEntry       *search_entry;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *consent_dropdown;
  GtkStack             *view_stack;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *organisation_column;
  GtkColumnViewColumn  *country_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *consent_column;
  GtkColumnViewColumn  *signed_column;
  UsProminentList      *prominent_list;
  UsStatsView          *stats_view;
  GtkLabel             *total_label;
  GtkLabel             *verified_label;
  GtkLabel             *public_label;
  GtkLabel             *shown_label;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsSignatoriesPage, us_signatories_page, ADW_TYPE_BIN)

static void fields_changed    (UsSignatoriesPage *self,
                               UsSignatoryField   fields);
static void update_actions    (UsSignatoriesPage *self);
static void open_editor       (UsSignatoriesPage *self,
                               UsSignatory       *signatory);

/* Toasts --------------------------------------------------------------- */

static void
emit_toast (UsSignatoriesPage *self,
            AdwToast          *toast)
{
  GtkWidget *overlay;

  if (g_signal_has_handler_pending (self, signals[TOAST], 0, FALSE))
    {
      g_signal_emit (self, signals[TOAST], 0, toast);
      return;
    }
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

static void
show_toast (UsSignatoriesPage *self,
            const char        *title,
            guint              serial)
{
  g_autoptr(AdwToast) toast = us_signatory_history_new_toast (self->history, title, serial);

  emit_toast (self, toast);
}

static void
change_notify_cb (gpointer         owner,
                  UsSignatoryField fields)
{
  fields_changed (US_SIGNATORIES_PAGE (owner), fields);
}

static guint
commit_change (UsSignatoriesPage *self,
               UsSignatoryChange *change,
               const char        *label)
{
  return us_signatory_history_commit (self->history, change, label);
}

/* Counts, placeholder, prominent list ---------------------------------- */

static void
update_shown (UsSignatoriesPage *self)
{
  guint total = self->store ? g_list_model_get_n_items (self->store) : 0;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  const char *page = "view";

  if (total == 0)
    page = "empty";
  else if (shown == 0)
    page = "no-results";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  if (us_signatory_filter_is_active (self->filter))
    {
      g_autofree char *text = NULL;

      /* Translators: the number of rows the search and filters show */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing %'u of %'u", "Showing %'u of %'u", total),
                              shown, total);
      gtk_label_set_text (self->shown_label, text);
    }
  else
    gtk_label_set_text (self->shown_label, "");
}

static void
update_total (UsSignatoriesPage *self,
              guint              total)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signatory", "%'u signatories", total), total);
  gtk_label_set_text (self->total_label, text);
}

static void
update_counts (UsSignatoriesPage *self)
{
  g_autoptr(UsStats) stats = self->campaign ? us_stats_compute (self->campaign) : NULL;
  guint total = stats ? stats->signatories : 0;
  guint verified = stats ? stats->by_status[US_STATUS_VERIFIED] : 0;
  guint listed = stats ? stats->public : 0;
  g_autofree char *verified_text = NULL;
  g_autofree char *public_text = NULL;

  verified_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u verified", "%'u verified", verified), verified);
  /* Translators: verified signatories who agreed to be listed by name */
  public_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u public", "%'u public", listed), listed);
  update_total (self, total);
  gtk_label_set_text (self->verified_label, verified_text);
  gtk_label_set_text (self->public_label, public_text);
}

static void
rebuild_prominent (UsSignatoriesPage *self,
                   gboolean           force)
{
  us_prominent_list_rebuild (self->prominent_list, force);
  update_actions (self);
}

static void
refresh_now (UsSignatoriesPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  update_counts (self);
  rebuild_prominent (self, FALSE);
  update_shown (self);
  update_actions (self);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  UsSignatoriesPage *self = data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

/* An import of 100,000 rows arrives as many items-changed: count once,
 * a little later, not on each.
 */
static void
queue_refresh (UsSignatoriesPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

static void
store_changed_cb (UsSignatoriesPage *self)
{
  /* The total costs nothing; the rest needs a pass over the rows. */
  update_total (self, g_list_model_get_n_items (self->store));
  update_shown (self);
  queue_refresh (self);
}

/* Fields changed, which the list model does not announce: filter and
 * sort again only what depends on them.
 */
static void
fields_changed (UsSignatoriesPage *self,
                UsSignatoryField   fields)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  gboolean refilter = FALSE;

  if (fields & US_SIGNATORY_FIELD_PROMINENT)
    rebuild_prominent (self, TRUE);

  if (fields == US_SIGNATORY_FIELD_ALL)
    refilter = us_signatory_filter_is_active (self->filter);
  if ((fields & US_SIGNATORY_FIELD_STATUS) && us_signatory_filter_get_status (self->filter) != US_SIGNATORY_FILTER_ANY)
    refilter = TRUE;
  if ((fields & US_SIGNATORY_FIELD_CONSENT) && us_signatory_filter_get_consent (self->filter) != US_SIGNATORY_FILTER_ANY)
    refilter = TRUE;
  if (refilter)
    {
      us_signatory_selection_begin_refill (self->selection);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      us_signatory_selection_end_refill (self->selection);
    }

  /* GTK 4.8 cannot tell which column sorts; any sort may depend on the
   * fields, except the prominent order, which no column shows.
   */
  if (fields != US_SIGNATORY_FIELD_PROMINENT && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
    gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);

  us_stats_view_queue_update (self->stats_view);
  queue_refresh (self);
}

/* Selection ------------------------------------------------------------ */

static guint
n_selected (UsSignatoriesPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (set);
}

/* In the order shown. */
static GPtrArray *
selected_signatories (UsSignatoriesPage *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (out, g_list_model_get_item (G_LIST_MODEL (self->filter_model), position));
  return out;
}

/* The prominent signatory the move actions apply to. */
static UsSignatory *
current_prominent (UsSignatoriesPage *self)
{
  UsSignatory *signatory = us_prominent_list_get_selected (self->prominent_list);

  if (signatory == NULL && n_selected (self) == 1)
    {
      g_autoptr(GPtrArray) selected = selected_signatories (self);

      if (us_signatory_get_prominent (selected->pdata[0]) > 0)
        signatory = selected->pdata[0];   /* the store still holds it */
    }
  return signatory;
}

static void
update_actions (UsSignatoriesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = n_selected (self);
  int index = us_prominent_list_find (self->prominent_list, current_prominent (self));
  int n_prominent = g_list_model_get_n_items (us_prominent_list_get_model (self->prominent_list));

  gtk_widget_action_set_enabled (widget, "signatories.add", self->campaign != NULL);
  gtk_widget_action_set_enabled (widget, "signatories.edit", n == 1);
  gtk_widget_action_set_enabled (widget, "signatories.delete", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.mark-verified", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.mark-rejected", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.mark-withdrawn", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.mark-pending", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.set-consent", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.toggle-prominent", n > 0);
  gtk_widget_action_set_enabled (widget, "signatories.move-up", index > 0);
  gtk_widget_action_set_enabled (widget, "signatories.move-down", index >= 0 && index + 1 < n_prominent);
}

/* Scrolls the list to a row and selects it.  GTK 4.8 has no
 * gtk_column_view_scroll_to(); its inner list view's action does it.
 */
static void
show_signatory (UsSignatoriesPage *self,
                UsSignatory       *signatory)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSignatory) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (item != signatory)
        continue;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", i);
      return;
    }
}

/* The form ------------------------------------------------------------- */

static void
add_signatory (UsSignatoriesPage *self,
               UsSignatory       *signatory)
{
  UsSignatoryChange *change;

  rebuild_prominent (self, FALSE);
  if (us_signatory_get_prominent (signatory) > 0)
    us_signatory_set_prominent (signatory, us_prominent_list_get_last (self->prominent_list) + 1);
  us_signatory_set_origin (signatory, US_ORIGIN_TYPED);
  if (us_signatory_get_signed_at (signatory) == 0)
    us_signatory_set_signed_at (signatory, g_get_real_time () / G_USEC_PER_SEC);

  change = us_signatory_change_new_added (self->campaign, signatory);
  us_signatory_history_push (self->history, _("Add Signatory"), change);
  show_signatory (self, signatory);
}

static void
edit_signatory (UsSignatoriesPage *self,
                UsSignatory       *target,
                UsSignatory       *after)
{
  UsSignatoryChange *change;

  rebuild_prominent (self, FALSE);
  change = us_signatory_change_new_edit (target, after, us_prominent_list_get_model (self->prominent_list));
  if (change != NULL)
    commit_change (self, change, _("Edit Signatory"));
}

static void
editor_save_cb (UsSignatoryEditor *editor,
                UsSignatory       *fields,
                UsSignatoriesPage *self)
{
  UsSignatory *target = us_signatory_editor_get_signatory (editor);

  if (self->campaign == NULL)
    return;
  if (target == NULL)
    add_signatory (self, fields);
  else
    edit_signatory (self, target, fields);
}

static void
open_editor (UsSignatoriesPage *self,
             UsSignatory       *signatory)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  UsSignatoryEditor *editor;

  editor = us_signatory_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, signatory);
  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Actions -------------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (US_SIGNATORIES_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  g_autoptr(GPtrArray) selected = selected_signatories (self);

  if (selected->len == 1)
    open_editor (self, selected->pdata[0]);
}

static void
row_activate_cb (UsSignatoriesPage *self,
                 guint              position)
{
  g_autoptr(UsSignatory) signatory = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (signatory != NULL)
    open_editor (self, signatory);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  g_autoptr(GPtrArray) selected = selected_signatories (self);
  g_autofree char *title = NULL;
  UsSignatoryChange *change;
  guint serial;

  if (selected->len == 0 || self->campaign == NULL)
    return;

  change = us_signatory_change_new_removed (self->campaign, selected);
  if (change == NULL)
    return;
  if (selected->len == 1)
    /* Translators: %s is a signatory's name */
    title = g_strdup_printf (_("“%s” deleted"), us_signatory_get_name (selected->pdata[0]));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signatory deleted", "%'u signatories deleted",
                                          selected->len),
                             selected->len);

  serial = us_signatory_history_push (self->history,
                                      g_dngettext (GETTEXT_PACKAGE, "Delete Signatory", "Delete Signatories",
                                                   selected->len),
                                      change);
  show_toast (self, title, serial);
}

static void
set_field_of_selection (UsSignatoriesPage *self,
                        UsSignatoryField   field,
                        guint              value,
                        const char        *label)
{
  g_autoptr(GPtrArray) selected = selected_signatories (self);
  UsSignatoryChange *change = us_signatory_change_new_values (field, selected, value);
  guint n;
  guint serial;

  n = us_signatory_change_get_n_rows (change);
  serial = commit_change (self, change, label);
  /* One row changes visibly in place; many deserve a word and an Undo. */
  if (n > 1)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (field == US_SIGNATORY_FIELD_STATUS
                               ? g_dngettext (GETTEXT_PACKAGE, "Status of %'u signatory changed",
                                              "Status of %'u signatories changed", n)
                               : g_dngettext (GETTEXT_PACKAGE, "Listing of %'u signatory changed",
                                              "Listing of %'u signatories changed", n),
                               n);
      show_toast (self, title, serial);
    }
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);

  if (g_str_equal (action_name, "signatories.mark-verified"))
    set_field_of_selection (self, US_SIGNATORY_FIELD_STATUS, US_STATUS_VERIFIED, _("Mark Verified"));
  else if (g_str_equal (action_name, "signatories.mark-rejected"))
    set_field_of_selection (self, US_SIGNATORY_FIELD_STATUS, US_STATUS_REJECTED, _("Mark Rejected"));
  else if (g_str_equal (action_name, "signatories.mark-withdrawn"))
    set_field_of_selection (self, US_SIGNATORY_FIELD_STATUS, US_STATUS_WITHDRAWN, _("Mark Withdrawn"));
  else
    set_field_of_selection (self, US_SIGNATORY_FIELD_STATUS, US_STATUS_PENDING, _("Mark Pending"));
}

static void
set_consent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  UsConsent consent;

  if (!us_consent_from_string (g_variant_get_string (parameter, NULL), &consent))
    {
      g_warning ("Unknown consent “%s”", g_variant_get_string (parameter, NULL));
      return;
    }
  set_field_of_selection (self, US_SIGNATORY_FIELD_CONSENT, consent, _("Change Public Listing"));
}

static void
set_prominent_order (UsSignatoriesPage *self,
                     GPtrArray         *order,
                     const char        *label)
{
  GListModel *prominent = us_prominent_list_get_model (self->prominent_list);

  commit_change (self, us_signatory_change_new_order (prominent, order), label);
}

static void
toggle_prominent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  g_autoptr(GPtrArray) selected = selected_signatories (self);
  g_autoptr(GPtrArray) order = NULL;
  gboolean marking;

  if (selected->len == 0)
    return;
  rebuild_prominent (self, FALSE);
  order = us_prominent_list_toggle_order (self->prominent_list, selected, &marking);
  set_prominent_order (self, order, marking ? _("Mark Prominent") : _("Unmark Prominent"));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  int delta = g_str_equal (action_name, "signatories.move-up") ? -1 : 1;
  g_autoptr(GPtrArray) order = NULL;

  rebuild_prominent (self, FALSE);
  order = us_prominent_list_move_order (self->prominent_list, current_prominent (self), delta);
  if (order != NULL)
    set_prominent_order (self, order, _("Reorder Prominent Signatories"));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* Template callbacks --------------------------------------------------- */

static void
search_changed_cb (UsSignatoriesPage *self,
                   GtkSearchEntry    *entry)
{
  us_signatory_selection_begin_refill (self->selection);
  us_signatory_filter_set_query (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  us_signatory_selection_end_refill (self->selection);
}

static void
stop_search_cb (UsSignatoriesPage *self,
                GtkSearchEntry    *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
search_activate_cb (UsSignatoriesPage *self)
{
  /* Enter in the search goes to the results, ready for arrows and Enter. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
status_selected_cb (UsSignatoriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  /* Item 0 is "Any Status"; the others follow UsStatus. */
  us_signatory_selection_begin_refill (self->selection);
  us_signatory_filter_set_status (self->filter,
                                  selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                  ? US_SIGNATORY_FILTER_ANY : (int) selected - 1);
  us_signatory_selection_end_refill (self->selection);
}

static void
consent_selected_cb (UsSignatoriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->consent_dropdown);

  us_signatory_selection_begin_refill (self->selection);
  us_signatory_filter_set_consent (self->filter,
                                   selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                   ? US_SIGNATORY_FILTER_ANY : (int) selected - 1);
  us_signatory_selection_end_refill (self->selection);
}

static void
prominent_selected_cb (UsSignatoriesPage *self)
{
  update_actions (self);
}

static void
prominent_activated_cb (UsSignatoriesPage *self,
                        UsSignatory       *signatory)
{
  open_editor (self, signatory);
}

/* GObject -------------------------------------------------------------- */

static void
us_signatories_page_dispose (GObject *object)
{
  UsSignatoriesPage *self = (UsSignatoriesPage *) object;

  us_signatories_page_set_campaign (self, NULL);
  us_signatories_page_set_undo_stack (self, NULL);
  g_clear_object (&self->history);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SIGNATORIES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (us_signatories_page_parent_class)->dispose (object);
}

static void
us_signatories_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    case PROP_UNDO_STACK:
      g_value_set_object (value, us_signatories_page_get_undo_stack (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatories_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      us_signatories_page_set_campaign (self, g_value_get_object (value));
      break;

    case PROP_UNDO_STACK:
      us_signatories_page_set_undo_stack (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatories_page_class_init (UsSignatoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_signatories_page_dispose;
  object_class->get_property = us_signatories_page_get_property;
  object_class->set_property = us_signatories_page_set_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, flags);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UsSignatoriesPage::toast:
   * @toast: the AdwToast to show
   *
   * See us-signatories-page.h.
   */
  signals[TOAST] =
    g_signal_new ("toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (US_TYPE_PROMINENT_LIST);
  g_type_ensure (US_TYPE_STATS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-signatories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, consent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, organisation_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, country_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, consent_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, signed_column);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, prominent_list);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, stats_view);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, verified_label);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, public_label);
  gtk_widget_class_bind_template_child (widget_class, UsSignatoriesPage, shown_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, prominent_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, prominent_activated_cb);

  gtk_widget_class_install_action (widget_class, "signatories.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "signatories.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "signatories.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "signatories.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "signatories.mark-verified", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "signatories.mark-rejected", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "signatories.mark-withdrawn", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "signatories.mark-pending", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "signatories.set-consent", "s", set_consent_action);
  gtk_widget_class_install_action (widget_class, "signatories.toggle-prominent", NULL, toggle_prominent_action);
  gtk_widget_class_install_action (widget_class, "signatories.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "signatories.move-down", NULL, move_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "signatories.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "signatories.move-down", NULL);
}

static void
add_delete_shortcut (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  /* On the list only: Delete in the search entry deletes text. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                                                          gtk_named_action_new ("signatories.delete")));
  gtk_widget_add_controller (widget, controller);
}

static void
us_signatories_page_init (UsSignatoriesPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->history = us_signatory_history_new (G_OBJECT (self), change_notify_cb);

  us_signatory_column_setup (self->name_column, US_SIGNATORY_COLUMN_NAME);
  us_signatory_column_setup (self->title_column, US_SIGNATORY_COLUMN_TITLE);
  us_signatory_column_setup (self->organisation_column, US_SIGNATORY_COLUMN_ORGANISATION);
  us_signatory_column_setup (self->country_column, US_SIGNATORY_COLUMN_COUNTRY);
  us_signatory_column_setup (self->status_column, US_SIGNATORY_COLUMN_STATUS);
  us_signatory_column_setup (self->consent_column, US_SIGNATORY_COLUMN_CONSENT);
  us_signatory_column_setup (self->signed_column, US_SIGNATORY_COLUMN_SIGNED);

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->filter = us_signatory_filter_new ();
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  self->selection = us_signatory_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  /* A resort is a refill too: connected before the sort model's own
   * handler, and after it.  The sort is not incremental: at 100,000
   * rows one sort takes a few hundred ms, while incremental steps kept
   * the list changing under the user for seconds.
   */
  g_signal_connect_object (sorter, "changed", G_CALLBACK (us_signatory_selection_begin_refill),
                           self->selection, G_CONNECT_SWAPPED);
  g_signal_connect_object (sorter, "changed", G_CALLBACK (us_signatory_selection_end_refill),
                           self->selection, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->sort_model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_shown), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions), self);

  add_delete_shortcut (GTK_WIDGET (self->column_view));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  refresh_now (self);
}

/* Public API ----------------------------------------------------------- */

GtkWidget *
us_signatories_page_new (void)
{
  return g_object_new (US_TYPE_SIGNATORIES_PAGE, NULL);
}

UsCampaign *
us_signatories_page_get_campaign (UsSignatoriesPage *self)
{
  g_return_val_if_fail (US_IS_SIGNATORIES_PAGE (self), NULL);

  return self->campaign;
}

void
us_signatories_page_set_campaign (UsSignatoriesPage *self,
                                  UsCampaign        *campaign)
{
  g_return_if_fail (US_IS_SIGNATORIES_PAGE (self));
  g_return_if_fail (campaign == NULL || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  self->store = NULL;
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    {
      self->store = us_campaign_get_signatories (campaign);
      self->store_changed_id =
        g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (store_changed_cb), self);
    }
  if (self->sort_model != NULL)
    gtk_sort_list_model_set_model (self->sort_model, self->store);
  if (self->stats_view != NULL)
    us_stats_view_set_campaign (self->stats_view, campaign);
  if (self->history != NULL)
    us_signatory_history_forget (self->history);
  if (self->prominent_list != NULL)
    {
      us_prominent_list_set_store (self->prominent_list, self->store);
      rebuild_prominent (self, TRUE);
      refresh_now (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsUndoStack *
us_signatories_page_get_undo_stack (UsSignatoriesPage *self)
{
  g_return_val_if_fail (US_IS_SIGNATORIES_PAGE (self), NULL);

  return self->history ? us_signatory_history_get_undo_stack (self->history) : NULL;
}

void
us_signatories_page_set_undo_stack (UsSignatoriesPage *self,
                                    UsUndoStack       *undo_stack)
{
  g_return_if_fail (US_IS_SIGNATORIES_PAGE (self));
  g_return_if_fail (undo_stack == NULL || US_IS_UNDO_STACK (undo_stack));

  if (self->history == NULL || !us_signatory_history_set_undo_stack (self->history, undo_stack))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STACK]);
}

GListModel *
us_signatories_page_get_shown (UsSignatoriesPage *self)
{
  g_return_val_if_fail (US_IS_SIGNATORIES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}
