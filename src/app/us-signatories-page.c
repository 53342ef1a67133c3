/* us-signatories-page.c
 *
 * The list is built for 100,000 rows and more (see DESIGN.md, "Facts
 * measured"): the campaign's store goes through a GtkSortListModel
 * (incremental, so a sort never freezes the window), then the
 * UsSignatoryFilter, then a GtkMultiSelection.  Sorting comes before
 * filtering so that a keystroke in the search entry only re-filters and
 * never re-sorts.  Cells are plain labels whose text bind sets directly;
 * the only per-row connection is a "notify" on the visible rows, so an
 * edit made anywhere (undo, another page) shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-array-store.h"
#include "us-signatories-page.h"
#include "us-signatory-editor.h"
#include "us-signatory-filter.h"
#include "us-stats.h"
#include "us-stats-view.h"

/* Counts and the prominent list follow the model at most this often. */
#define REFRESH_DELAY_MS 250

typedef enum
{
  COLUMN_NAME = 1,
  COLUMN_TITLE,
  COLUMN_ORGANISATION,
  COLUMN_COUNTRY,
  COLUMN_STATUS,
  COLUMN_CONSENT,
  COLUMN_SIGNED,
} Column;

/* What an edit changed, to know what to filter, sort and count again. */
typedef enum
{
  FIELD_STATUS    = 1 << 0,
  FIELD_CONSENT   = 1 << 1,
  FIELD_PROMINENT = 1 << 2,
  FIELD_ALL       = 0xff,
} Field;

struct _UsSignatoriesPage
{
  AdwBin               parent_instance;

  UsCampaign          *campaign;
  UsUndoStack         *undo_stack;
  GListModel          *store;           /* the campaign's; borrowed */
  gulong               store_changed_id;
  gulong               undo_notify_id;

  UsSignatoryFilter   *filter;
  GtkSortListModel    *sort_model;
  GtkFilterListModel  *filter_model;
  GtkMultiSelection   *selection;
  GListStore          *prominent;       /* prominent signatories, in order */

  guint                refresh_id;
  guint                last_serial;
  /* Our last change, while it is the newest entry of the undo stack: the
   * only one an Undo toast may undo.
   */
  guint                top_serial;
  guint                pushing : 1;

  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *consent_dropdown;
  GtkStack            *view_stack;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *organisation_column;
  GtkColumnViewColumn *country_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *consent_column;
  GtkColumnViewColumn *signed_column;
  GtkListBox          *prominent_list;
  UsStatsView         *stats_view;
  GtkLabel            *total_label;
  GtkLabel            *verified_label;
  GtkLabel            *public_label;
  GtkLabel            *shown_label;
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
static GQuark column_quark;

G_DEFINE_FINAL_TYPE (UsSignatoriesPage, us_signatories_page, ADW_TYPE_BIN)

static void fields_changed   (UsSignatoriesPage *self,
                              Field              fields);
static void update_actions   (UsSignatoriesPage *self);
static void rebuild_prominent (UsSignatoriesPage *self,
                               gboolean           force);

/* Labels and styles of the enumerations ------------------------------- */

static const char *
status_label (UsStatus status)
{
  switch (status)
    {
    case US_STATUS_PENDING: return _("Pending");
    case US_STATUS_VERIFIED: return _("Verified");
    case US_STATUS_REJECTED: return _("Rejected");
    case US_STATUS_WITHDRAWN: return _("Withdrawn");
    default: return "";
    }
}

static const char *
consent_label (UsConsent consent)
{
  switch (consent)
    {
    case US_CONSENT_NAMED: return _("By name");
    case US_CONSENT_ANONYMOUS: return _("Anonymous");
    case US_CONSENT_NONE: return _("Not listed");
    default: return "";
    }
}

static const char * const status_classes[] = { "pending", "verified", "rejected", "withdrawn" };
static const char * const consent_classes[] = { "named", "anonymous", "unlisted" };

static const char pill_css[] =
  ".us-pill { border-radius: 999px; padding: 0 8px; font-size: 0.85em; font-weight: bold; }\n"
  ".us-pill.pending { color: @warning_color; background-color: alpha(@warning_color, 0.12); }\n"
  ".us-pill.verified { color: @success_color; background-color: alpha(@success_color, 0.12); }\n"
  ".us-pill.rejected { color: @error_color; background-color: alpha(@error_color, 0.12); }\n"
  ".us-pill.withdrawn, .us-pill.anonymous, .us-pill.unlisted"
  " { background-color: alpha(currentColor, 0.1); }\n"
  ".us-pill.named { color: @accent_color; background-color: alpha(@accent_bg_color, 0.12); }\n";

/* The page is self-contained: its few styles come with it. */
static void
ensure_css (GtkWidget *widget)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, pill_css, -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Cells ---------------------------------------------------------------- */

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text ? text : "");
}

/* A GTK 4.8 list view rebinds some 200 rows on each search keystroke:
 * restyling a label only when its class changes keeps that cheap.
 */
static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *style)
{
  static GQuark style_quark;
  const char *classes[] = { "us-pill", style, NULL };

  if G_UNLIKELY (style_quark == 0)
    style_quark = g_quark_from_static_string ("us-pill-style");
  set_text (label, text);
  if (g_object_get_qdata (G_OBJECT (label), style_quark) != style)
    {
      gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
      g_object_set_qdata (G_OBJECT (label), style_quark, (gpointer) style);
    }
}

static void
update_cell (GtkLabel    *label,
             UsSignatory *signatory,
             Column       column)
{
  switch (column)
    {
    case COLUMN_NAME:
      set_text (label, us_signatory_get_name (signatory));
      break;

    case COLUMN_TITLE:
      set_text (label, us_signatory_get_title (signatory));
      break;

    case COLUMN_ORGANISATION:
      set_text (label, us_signatory_get_organisation (signatory));
      break;

    case COLUMN_COUNTRY:
      set_text (label, us_signatory_get_country (signatory));
      break;

    case COLUMN_STATUS:
      {
        UsStatus status = us_signatory_get_status (signatory);

        set_pill (label, status_label (status), status_classes[status & 3]);
      }
      break;

    case COLUMN_CONSENT:
      {
        UsConsent consent = us_signatory_get_consent (signatory);

        set_pill (label, consent_label (consent), consent_classes[MIN (consent, 2)]);
      }
      break;

    case COLUMN_SIGNED:
      {
        gint64 signed_at = us_signatory_get_signed_at (signatory);
        g_autoptr(GDateTime) dt = NULL;
        g_autofree char *text = NULL;

        if (signed_at != 0)
          dt = g_date_time_new_from_unix_local (signed_at);
        /* Translators: date and time in the list, see g_date_time_format() */
        if (dt != NULL)
          text = g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
        set_text (label, text);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
cell_notify_cb (UsSignatory *signatory,
                GParamSpec  *pspec,
                GtkLabel    *label)
{
  Column column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (label), column_quark));

  update_cell (label, signatory, column);
}

guint dbg_setup, dbg_bind, dbg_unbind, dbg_changed;
static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               UsSignatoriesPage        *self)
{ dbg_setup++;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
setup_pill_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               UsSignatoriesPage        *self)
{ dbg_setup++;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkListItem *item,
           Column       column)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  UsSignatory *signatory = gtk_list_item_get_item (item);
  dbg_bind++;
  g_object_set_qdata (G_OBJECT (label), column_quark, GUINT_TO_POINTER (column));
  update_cell (GTK_LABEL (label), signatory, column);
  g_signal_connect (signatory, "notify", G_CALLBACK (cell_notify_cb), label);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           UsSignatoriesPage        *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item),
                                        cell_notify_cb,
                                        gtk_list_item_get_child (item));
}

#define BIND_CALLBACK(name, column)                                     \
  static void                                                           \
  bind_##name##_cb (GtkSignalListItemFactory *factory,                  \
                    GtkListItem              *item,                     \
                    UsSignatoriesPage        *self)                     \
  {                                                                     \
    bind_cell (item, column);                                           \
  }

BIND_CALLBACK (name, COLUMN_NAME)
BIND_CALLBACK (title, COLUMN_TITLE)
BIND_CALLBACK (organisation, COLUMN_ORGANISATION)
BIND_CALLBACK (country, COLUMN_COUNTRY)
BIND_CALLBACK (status, COLUMN_STATUS)
BIND_CALLBACK (consent, COLUMN_CONSENT)
BIND_CALLBACK (signed, COLUMN_SIGNED)

/* Sorting -------------------------------------------------------------- */

/* Titles, organisations and countries are interned and shared by many
 * rows: collate each distinct string once, not on every comparison.
 */
static const char *
collate_key (const char *interned)
{
  static GHashTable *keys;
  char *key;

  if (keys == NULL)
    keys = g_hash_table_new (NULL, NULL);
  key = g_hash_table_lookup (keys, interned);
  if (key == NULL)
    {
      key = g_utf8_collate_key (interned, -1);
      g_hash_table_insert (keys, (gpointer) interned, key);
    }
  return key;
}

/* Empty values last, whatever the direction of the rest. */
static int
compare_interned (const char *a,
                  const char *b)
{
  if (a == b)
    return 0;
  if (a == NULL)
    return 1;
  if (b == NULL)
    return -1;
  return strcmp (collate_key (a), collate_key (b));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  return strcmp (us_signatory_get_key ((UsSignatory *) a),
                 us_signatory_get_key ((UsSignatory *) b));
}

#define COMPARE_INTERNED(field)                                                  \
  static int                                                                     \
  compare_##field (gconstpointer a,                                              \
                   gconstpointer b,                                              \
                   gpointer      data)                                           \
  {                                                                              \
    return compare_interned (us_signatory_get_##field ((UsSignatory *) a),       \
                             us_signatory_get_##field ((UsSignatory *) b));      \
  }

COMPARE_INTERNED (title)
COMPARE_INTERNED (organisation)
COMPARE_INTERNED (country)

static int
compare_status (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  return (int) us_signatory_get_status ((UsSignatory *) a) -
         (int) us_signatory_get_status ((UsSignatory *) b);
}

static int
compare_consent (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  return (int) us_signatory_get_consent ((UsSignatory *) a) -
         (int) us_signatory_get_consent ((UsSignatory *) b);
}

static void
set_column_sorter (GtkColumnViewColumn *column,
                   GCompareDataFunc     compare)
{
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare, NULL, NULL));

  gtk_column_view_column_set_sorter (column, sorter);
}

static void
setup_sorters (UsSignatoriesPage *self)
{
  g_autoptr(GtkSorter) time_sorter = NULL;

  set_column_sorter (self->name_column, compare_names);
  set_column_sorter (self->title_column, compare_title);
  set_column_sorter (self->organisation_column, compare_organisation);
  set_column_sorter (self->country_column, compare_country);
  set_column_sorter (self->status_column, compare_status);
  set_column_sorter (self->consent_column, compare_consent);
  /* A numeric sorter computes its keys once per sort. */
  time_sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (US_TYPE_SIGNATORY, NULL, "signed-at")));
  gtk_column_view_column_set_sorter (self->signed_column, time_sorter);
}

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
toast_undo_cb (AdwToast          *toast,
               UsSignatoriesPage *self)
{
  guint serial = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "us-serial"));

  /* Anything done since (here or on another page) must be undone first,
   * from the Edit menu, or the history would no longer be a history.
   */
  if (self->undo_stack != NULL && serial != 0 && serial == self->top_serial)
    us_undo_stack_undo (self->undo_stack);
}

static void
show_toast (UsSignatoriesPage *self,
            const char        *title,
            guint              serial)
{
  g_autoptr(AdwToast) toast = adw_toast_new (title);

  if (serial != 0)
    {
      adw_toast_set_button_label (toast, _("Undo"));
      g_object_set_data (G_OBJECT (toast), "us-serial", GUINT_TO_POINTER (serial));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
    }
  emit_toast (self, toast);
}

/* Undo ----------------------------------------------------------------- */

/* Returns a serial for show_toast(), or 0 when there is no history. */
static guint
push_change (UsSignatoriesPage *self,
             const char        *label,
             UsUndoFunc         undo,
             UsUndoFunc         redo,
             gpointer           data,
             GDestroyNotify     free_data)
{
  if (self->undo_stack == NULL)
    {
      free_data (data);
      return 0;
    }
  self->pushing = TRUE;
  us_undo_stack_push (self->undo_stack, label, undo, redo, data, free_data);
  self->pushing = FALSE;
  self->top_serial = ++self->last_serial;
  return self->top_serial;
}

static void
undo_stack_notify_cb (UsSignatoriesPage *self)
{
  if (!self->pushing)
    self->top_serial = 0;
}

/* Field edits: either full snapshots (the form) or one field's values
 * (bulk status, consent, prominent order), so that marking 100,000 rows
 * verified costs 16 bytes a row, not two copies.
 */
typedef struct
{
  GWeakRef   page;
  Field      fields;
  GPtrArray *items;
  GPtrArray *before;
  GPtrArray *after;
  GArray    *old_values;
  GArray    *new_values;
} Change;

static Change *
change_new (UsSignatoriesPage *self,
            Field              fields)
{
  Change *change = g_new0 (Change, 1);

  g_weak_ref_init (&change->page, self);
  change->fields = fields;
  change->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (fields == FIELD_ALL)
    {
      change->before = g_ptr_array_new_with_free_func (g_object_unref);
      change->after = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      change->old_values = g_array_new (FALSE, FALSE, sizeof (guint));
      change->new_values = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  return change;
}

static void
change_free (Change *change)
{
  g_weak_ref_clear (&change->page);
  g_ptr_array_unref (change->items);
  g_clear_pointer (&change->before, g_ptr_array_unref);
  g_clear_pointer (&change->after, g_ptr_array_unref);
  g_clear_pointer (&change->old_values, g_array_unref);
  g_clear_pointer (&change->new_values, g_array_unref);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void
change_add_snapshot (Change      *change,
                     UsSignatory *signatory,
                     UsSignatory *before,
                     UsSignatory *after)
{
  g_ptr_array_add (change->items, g_object_ref (signatory));
  g_ptr_array_add (change->before, g_object_ref (before));
  g_ptr_array_add (change->after, g_object_ref (after));
}

static void
change_add_value (Change      *change,
                  UsSignatory *signatory,
                  guint        old_value,
                  guint        new_value)
{
  g_ptr_array_add (change->items, g_object_ref (signatory));
  g_array_append_val (change->old_values, old_value);
  g_array_append_val (change->new_values, new_value);
}

/* Everything the form edits; the id and provenance stay. */
static void
restore_fields (UsSignatory *target,
                UsSignatory *from)
{
  us_signatory_set_name (target, us_signatory_get_name (from));
  us_signatory_set_title (target, us_signatory_get_title (from));
  us_signatory_set_organisation (target, us_signatory_get_organisation (from));
  us_signatory_set_country (target, us_signatory_get_country (from));
  us_signatory_set_email (target, us_signatory_get_email (from));
  us_signatory_set_note (target, us_signatory_get_note (from));
  us_signatory_set_status (target, us_signatory_get_status (from));
  us_signatory_set_consent (target, us_signatory_get_consent (from));
  us_signatory_set_prominent (target, us_signatory_get_prominent (from));
  us_signatory_set_signed_at (target, us_signatory_get_signed_at (from));
}

static void
set_field (UsSignatory *signatory,
           Field        field,
           guint        value)
{
  switch ((int) field)
    {
    case FIELD_STATUS:
      us_signatory_set_status (signatory, value);
      break;

    case FIELD_CONSENT:
      us_signatory_set_consent (signatory, value);
      break;

    case FIELD_PROMINENT:
      us_signatory_set_prominent (signatory, value);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
change_apply (Change   *change,
              gboolean  forward)
{
  g_autoptr(UsSignatoriesPage) page = g_weak_ref_get (&change->page);

  for (guint i = 0; i < change->items->len; i++)
    {
      UsSignatory *signatory = change->items->pdata[i];

      if (change->before != NULL)
        restore_fields (signatory, forward ? change->after->pdata[i] : change->before->pdata[i]);
      else
        set_field (signatory, change->fields,
                   g_array_index (forward ? change->new_values : change->old_values, guint, i));
    }
  if (page != NULL)
    fields_changed (page, change->fields);
}

static void
change_undo (gpointer data)
{
  change_apply (data, FALSE);
}

static void
change_redo (gpointer data)
{
  change_apply (data, TRUE);
}

static guint
commit_change (UsSignatoriesPage *self,
               Change            *change,
               const char        *label)
{
  if (change->items->len == 0)
    {
      change_free (change);
      return 0;
    }
  change_apply (change, TRUE);
  return push_change (self, label, change_undo, change_redo, change,
                      (GDestroyNotify) change_free);
}

/* Adding and removing rows.  One row goes through the campaign's own
 * calls; many are one splice of the store from the first of them to the
 * end, so deleting 50,000 scattered rows is one items-changed, not
 * 50,000, and its undo puts back exactly the same tail.
 */
typedef struct
{
  GWeakRef     page;
  UsCampaign  *campaign;
  guint        position;
  UsSignatory *signatory;     /* one row, or NULL */
  GPtrArray   *tail;          /* the rows from position, before */
  GPtrArray   *kept;          /* the same rows, after */
  gboolean     added;         /* the edit added signatory */
} RowsChange;

static void
rows_change_free (RowsChange *change)
{
  g_weak_ref_clear (&change->page);
  g_clear_object (&change->campaign);
  g_clear_object (&change->signatory);
  g_clear_pointer (&change->tail, g_ptr_array_unref);
  g_clear_pointer (&change->kept, g_ptr_array_unref);
  g_free (change);
}

static void
rows_change_apply (RowsChange *change,
                   gboolean    forward)
{
  g_autoptr(UsSignatoriesPage) page = g_weak_ref_get (&change->page);

  if (change->signatory != NULL)
    {
      if (forward == change->added)
        us_campaign_insert_signatory (change->campaign, change->position, change->signatory);
      else
        us_campaign_remove_signatory (change->campaign, change->signatory, NULL);
    }
  else
    {
      UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (change->campaign));
      GPtrArray *from = forward ? change->tail : change->kept;
      GPtrArray *to = forward ? change->kept : change->tail;

      us_array_store_splice (store, change->position, from->len, to->pdata, to->len);
    }
  if (page != NULL)
    fields_changed (page, FIELD_PROMINENT);
}

static void
rows_change_undo (gpointer data)
{
  rows_change_apply (data, FALSE);
}

static void
rows_change_redo (gpointer data)
{
  rows_change_apply (data, TRUE);
}

static RowsChange *
rows_change_new (UsSignatoriesPage *self)
{
  RowsChange *change = g_new0 (RowsChange, 1);

  g_weak_ref_init (&change->page, self);
  change->campaign = g_object_ref (self->campaign);
  return change;
}

/* Counts, placeholder, prominent list ---------------------------------- */

static void
update_shown (UsSignatoriesPage *self)
{ dbg_changed++;
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

static GtkWidget *
create_prominent_row (gpointer item,
                      gpointer user_data)
{
  UsSignatory *signatory = item;
  const char *organisation = us_signatory_get_organisation (signatory);
  g_autofree char *number = g_strdup_printf ("%u", us_signatory_get_prominent (signatory));
  g_autofree char *accessible = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *position = gtk_label_new (number);
  GtkWidget *name = gtk_label_new (us_signatory_get_name (signatory));
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_add_css_class (position, "dim-label");
  gtk_widget_add_css_class (position, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (position), 2);
  gtk_label_set_xalign (GTK_LABEL (position), 1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (labels), name);
  if (organisation != NULL)
    {
      GtkWidget *subtitle = gtk_label_new (organisation);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle);
    }
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), position);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Read as "3. Name, Organisation". */
  accessible = organisation ? g_strdup_printf ("%s. %s, %s", number, us_signatory_get_name (signatory), organisation)
                            : g_strdup_printf ("%s. %s", number, us_signatory_get_name (signatory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return row;
}

static int
compare_prominent (gconstpointer a,
                   gconstpointer b)
{
  UsSignatory *sa = *(UsSignatory **) a;
  UsSignatory *sb = *(UsSignatory **) b;
  guint pa = us_signatory_get_prominent (sa);
  guint pb = us_signatory_get_prominent (sb);

  if (pa != pb)
    return pa < pb ? -1 : 1;
  return (int) us_signatory_get_id (sa) - (int) us_signatory_get_id (sb);
}

static UsSignatory *
selected_prominent (UsSignatoriesPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->prominent_list);
  g_autoptr(UsSignatory) signatory = NULL;

  if (row == NULL)
    return NULL;
  signatory = g_list_model_get_item (G_LIST_MODEL (self->prominent), gtk_list_box_row_get_index (row));
  return signatory;   /* the list store still holds it */
}

static void
rebuild_prominent (UsSignatoriesPage *self,
                   gboolean           force)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  guint n = self->store ? g_list_model_get_n_items (self->store) : 0;
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->prominent));
  UsSignatory *selected = selected_prominent (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->prominent_list));
  gboolean same;

  /* A scan of the fields, no allocation per row: about 1 ms at 100,000. */
  for (guint i = 0; i < n; i++)
    {
      UsSignatory *signatory = us_array_store_peek (US_ARRAY_STORE (self->store), i);

      if (us_signatory_get_prominent (signatory) > 0)
        g_ptr_array_add (list, signatory);
    }
  g_ptr_array_sort (list, compare_prominent);

  same = list->len == old_n;
  for (guint i = 0; same && i < list->len; i++)
    {
      g_autoptr(UsSignatory) old = g_list_model_get_item (G_LIST_MODEL (self->prominent), i);

      same = old == list->pdata[i];
    }
  /* Rebuilding the rows would lose the keyboard focus for nothing. */
  if (same && !force)
    return;

  if (selected != NULL)
    g_object_ref (selected);
  g_list_store_splice (self->prominent, 0, old_n, list->pdata, list->len);
  if (selected != NULL)
    {
      guint position;

      if (g_ptr_array_find (list, selected, &position))
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->prominent_list, position);

          gtk_list_box_select_row (self->prominent_list, row);
          if (had_focus)
            gtk_widget_grab_focus (GTK_WIDGET (row));
        }
      g_object_unref (selected);
    }
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
                Field              fields)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  gboolean refilter = FALSE;

  if (fields & FIELD_PROMINENT)
    rebuild_prominent (self, TRUE);

  if (fields == FIELD_ALL)
    refilter = us_signatory_filter_is_active (self->filter);
  if ((fields & FIELD_STATUS) && us_signatory_filter_get_status (self->filter) != US_SIGNATORY_FILTER_ANY)
    refilter = TRUE;
  if ((fields & FIELD_CONSENT) && us_signatory_filter_get_consent (self->filter) != US_SIGNATORY_FILTER_ANY)
    refilter = TRUE;
  if (refilter)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);

  /* GTK 4.8 cannot tell which column sorts; any sort may depend on the
   * fields, except the prominent order, which no column shows.
   */
  if (fields != FIELD_PROMINENT && gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE)
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
  UsSignatory *signatory = selected_prominent (self);

  if (signatory == NULL && n_selected (self) == 1)
    {
      g_autoptr(GPtrArray) selected = selected_signatories (self);

      if (us_signatory_get_prominent (selected->pdata[0]) > 0)
        signatory = selected->pdata[0];   /* the store still holds it */
    }
  return signatory;
}

static int
prominent_index (UsSignatoriesPage *self,
                 UsSignatory       *signatory)
{
  guint position;

  if (signatory != NULL && g_list_store_find (self->prominent, signatory, &position))
    return position;
  return -1;
}

static void
update_actions (UsSignatoriesPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = n_selected (self);
  int index = prominent_index (self, current_prominent (self));
  int n_prominent = g_list_model_get_n_items (G_LIST_MODEL (self->prominent));

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

static guint
n_prominent (UsSignatoriesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->prominent));
  g_autoptr(UsSignatory) last = n ? g_list_model_get_item (G_LIST_MODEL (self->prominent), n - 1) : NULL;

  return last ? us_signatory_get_prominent (last) : 0;
}

static void
add_signatory (UsSignatoriesPage *self,
               UsSignatory       *signatory)
{
  RowsChange *change;

  rebuild_prominent (self, FALSE);
  if (us_signatory_get_prominent (signatory) > 0)
    us_signatory_set_prominent (signatory, n_prominent (self) + 1);
  us_signatory_set_origin (signatory, US_ORIGIN_TYPED);
  if (us_signatory_get_signed_at (signatory) == 0)
    us_signatory_set_signed_at (signatory, g_get_real_time () / G_USEC_PER_SEC);

  change = rows_change_new (self);
  change->signatory = g_object_ref (signatory);
  change->position = g_list_model_get_n_items (self->store);
  change->added = TRUE;
  rows_change_apply (change, TRUE);
  push_change (self, _("Add Signatory"), rows_change_undo, rows_change_redo, change,
               (GDestroyNotify) rows_change_free);
  show_signatory (self, signatory);
}

static void
edit_signatory (UsSignatoriesPage *self,
                UsSignatory       *target,
                UsSignatory       *after)
{
  g_autoptr(UsSignatory) before = us_signatory_copy (target);
  guint old_position = us_signatory_get_prominent (target);
  guint new_position = us_signatory_get_prominent (after);
  Change *change = change_new (self, FIELD_ALL);

  rebuild_prominent (self, FALSE);
  if (old_position > 0 && new_position > 0)
    us_signatory_set_prominent (after, old_position);
  else if (new_position > 0)
    us_signatory_set_prominent (after, n_prominent (self) + 1);
  else if (old_position > 0)
    {
      /* Close the gap the signatory leaves in the prominent order. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->prominent)); i++)
        {
          g_autoptr(UsSignatory) other = g_list_model_get_item (G_LIST_MODEL (self->prominent), i);
          guint position = us_signatory_get_prominent (other);
          g_autoptr(UsSignatory) other_before = NULL;
          g_autoptr(UsSignatory) other_after = NULL;

          if (other == target || position < old_position)
            continue;
          other_before = us_signatory_copy (other);
          other_after = us_signatory_copy (other);
          us_signatory_set_prominent (other_after, position - 1);
          change_add_snapshot (change, other, other_before, other_after);
        }
    }

  if (change->items->len == 0 && us_signatory_equal (before, after))
    {
      change_free (change);
      return;
    }
  change_add_snapshot (change, target, before, after);
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
  RowsChange *change;
  guint serial;

  if (selected->len == 0 || self->campaign == NULL)
    return;

  change = rows_change_new (self);
  if (selected->len == 1)
    {
      change->signatory = g_object_ref (selected->pdata[0]);
      if (!us_array_store_find (US_ARRAY_STORE (self->store), change->signatory, &change->position))
        {
          rows_change_free (change);
          return;
        }
      /* Translators: %s is a signatory's name */
      title = g_strdup_printf (_("“%s” deleted"), us_signatory_get_name (change->signatory));
    }
  else
    {
      g_autoptr(GHashTable) doomed = g_hash_table_new (NULL, NULL);
      guint n = g_list_model_get_n_items (self->store);
      guint first = n;

      for (guint i = 0; i < selected->len; i++)
        g_hash_table_add (doomed, selected->pdata[i]);
      change->tail = g_ptr_array_new_with_free_func (g_object_unref);
      change->kept = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          UsSignatory *signatory = us_array_store_peek (US_ARRAY_STORE (self->store), i);
          gboolean deleted = g_hash_table_contains (doomed, signatory);

          if (first == n && !deleted)
            continue;
          if (first == n)
            first = i;
          g_ptr_array_add (change->tail, g_object_ref (signatory));
          if (!deleted)
            g_ptr_array_add (change->kept, g_object_ref (signatory));
        }
      change->position = first;
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u signatory deleted", "%'u signatories deleted",
                                            selected->len),
                               selected->len);
    }

  rows_change_apply (change, TRUE);
  serial = push_change (self, g_dngettext (GETTEXT_PACKAGE, "Delete Signatory", "Delete Signatories", selected->len),
                        rows_change_undo, rows_change_redo, change, (GDestroyNotify) rows_change_free);
  show_toast (self, title, serial);
}

static void
set_field_of_selection (UsSignatoriesPage *self,
                        Field              field,
                        guint              value,
                        const char        *label)
{
  g_autoptr(GPtrArray) selected = selected_signatories (self);
  Change *change = change_new (self, field);
  guint n;
  guint serial;

  for (guint i = 0; i < selected->len; i++)
    {
      UsSignatory *signatory = selected->pdata[i];
      guint old = field == FIELD_STATUS ? us_signatory_get_status (signatory)
                                        : us_signatory_get_consent (signatory);

      if (old != value)
        change_add_value (change, signatory, old, value);
    }
  n = change->items->len;
  serial = commit_change (self, change, label);
  /* One row changes visibly in place; many deserve a word and an Undo. */
  if (n > 1)
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (field == FIELD_STATUS
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
    set_field_of_selection (self, FIELD_STATUS, US_STATUS_VERIFIED, _("Mark Verified"));
  else if (g_str_equal (action_name, "signatories.mark-rejected"))
    set_field_of_selection (self, FIELD_STATUS, US_STATUS_REJECTED, _("Mark Rejected"));
  else if (g_str_equal (action_name, "signatories.mark-withdrawn"))
    set_field_of_selection (self, FIELD_STATUS, US_STATUS_WITHDRAWN, _("Mark Withdrawn"));
  else
    set_field_of_selection (self, FIELD_STATUS, US_STATUS_PENDING, _("Mark Pending"));
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
  set_field_of_selection (self, FIELD_CONSENT, consent, _("Change Public Listing"));
}

/* Gives the signatories in order positions 1, 2, 3... and everyone else
 * who was prominent 0, as one undo step.
 */
static guint
set_prominent_order (UsSignatoriesPage *self,
                     GPtrArray         *order,
                     const char        *label)
{
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);
  Change *change = change_new (self, FIELD_PROMINENT);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->prominent));

  for (guint i = 0; i < order->len; i++)
    g_hash_table_insert (positions, order->pdata[i], GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (G_LIST_MODEL (self->prominent), i);

      if (!g_hash_table_contains (positions, signatory))
        change_add_value (change, signatory, us_signatory_get_prominent (signatory), 0);
    }
  for (guint i = 0; i < order->len; i++)
    {
      UsSignatory *signatory = order->pdata[i];
      guint old = us_signatory_get_prominent (signatory);

      if (old != i + 1)
        change_add_value (change, signatory, old, i + 1);
    }
  return commit_change (self, change, label);
}

static GPtrArray *
prominent_order (UsSignatoriesPage *self)
{
  GPtrArray *order = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->prominent));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (order, g_list_model_get_item (G_LIST_MODEL (self->prominent), i));
  return order;
}

static void
toggle_prominent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  g_autoptr(GPtrArray) selected = selected_signatories (self);
  g_autoptr(GPtrArray) order = NULL;
  gboolean all_prominent = TRUE;

  if (selected->len == 0)
    return;
  rebuild_prominent (self, FALSE);
  order = prominent_order (self);
  for (guint i = 0; i < selected->len; i++)
    all_prominent &= us_signatory_get_prominent (selected->pdata[i]) > 0;

  /* Like a star: if some are not starred yet, star them; else unstar. */
  if (all_prominent)
    {
      for (guint i = 0; i < selected->len; i++)
        g_ptr_array_remove (order, selected->pdata[i]);
      set_prominent_order (self, order, _("Unmark Prominent"));
    }
  else
    {
      for (guint i = 0; i < selected->len; i++)
        if (us_signatory_get_prominent (selected->pdata[i]) == 0)
          g_ptr_array_add (order, g_object_ref (selected->pdata[i]));
      set_prominent_order (self, order, _("Mark Prominent"));
    }
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UsSignatoriesPage *self = US_SIGNATORIES_PAGE (widget);
  int delta = g_str_equal (action_name, "signatories.move-up") ? -1 : 1;
  g_autoptr(GPtrArray) order = NULL;
  UsSignatory *signatory;
  int index, other;
  gpointer swap;

  rebuild_prominent (self, FALSE);
  signatory = current_prominent (self);
  index = prominent_index (self, signatory);
  other = index + delta;
  if (index < 0 || other < 0 || other >= (int) g_list_model_get_n_items (G_LIST_MODEL (self->prominent)))
    return;

  order = prominent_order (self);
  swap = order->pdata[index];
  order->pdata[index] = order->pdata[other];
  order->pdata[other] = swap;
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
  us_signatory_filter_set_query (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
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
  us_signatory_filter_set_status (self->filter,
                                  selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                  ? US_SIGNATORY_FILTER_ANY : (int) selected - 1);
}

static void
consent_selected_cb (UsSignatoriesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->consent_dropdown);

  us_signatory_filter_set_consent (self->filter,
                                   selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                   ? US_SIGNATORY_FILTER_ANY : (int) selected - 1);
}

static void
prominent_selected_cb (UsSignatoriesPage *self)
{
  update_actions (self);
}

static void
prominent_activated_cb (UsSignatoriesPage *self,
                        GtkListBoxRow     *row)
{
  g_autoptr(UsSignatory) signatory =
    g_list_model_get_item (G_LIST_MODEL (self->prominent), gtk_list_box_row_get_index (row));

  if (signatory != NULL)
    open_editor (self, signatory);
}

/* GObject -------------------------------------------------------------- */

static void
us_signatories_page_dispose (GObject *object)
{
  UsSignatoriesPage *self = (UsSignatoriesPage *) object;

  us_signatories_page_set_campaign (self, NULL);
  us_signatories_page_set_undo_stack (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_SIGNATORIES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->prominent);

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
      g_value_set_object (value, self->undo_stack);
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

  column_quark = g_quark_from_static_string ("us-signatories-column");
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
  gtk_widget_class_bind_template_callback (widget_class, setup_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_pill_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_organisation_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_country_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_status_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_consent_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_signed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
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
  ensure_css (GTK_WIDGET (self));

  setup_sorters (self);
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->filter = us_signatory_filter_new ();
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  gtk_sort_list_model_set_incremental (self->sort_model, TRUE);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_shown), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_actions), self);

  self->prominent = g_list_store_new (US_TYPE_SIGNATORY);
  gtk_list_box_bind_model (self->prominent_list, G_LIST_MODEL (self->prominent),
                           create_prominent_row, NULL, NULL);

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
  self->top_serial = 0;
  if (self->prominent != NULL)
    {
      rebuild_prominent (self, TRUE);
      refresh_now (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}

UsUndoStack *
us_signatories_page_get_undo_stack (UsSignatoriesPage *self)
{
  g_return_val_if_fail (US_IS_SIGNATORIES_PAGE (self), NULL);

  return self->undo_stack;
}

void
us_signatories_page_set_undo_stack (UsSignatoriesPage *self,
                                    UsUndoStack       *undo_stack)
{
  g_return_if_fail (US_IS_SIGNATORIES_PAGE (self));
  g_return_if_fail (undo_stack == NULL || US_IS_UNDO_STACK (undo_stack));

  if (self->undo_stack == undo_stack)
    return;

  if (self->undo_stack != NULL)
    g_clear_signal_handler (&self->undo_notify_id, self->undo_stack);
  g_set_object (&self->undo_stack, undo_stack);
  if (undo_stack != NULL)
    self->undo_notify_id =
      g_signal_connect_swapped (undo_stack, "notify::undo-label",
                                G_CALLBACK (undo_stack_notify_cb), self);
  self->top_serial = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_STACK]);
}

GListModel *
us_signatories_page_get_shown (UsSignatoriesPage *self)
{
  g_return_val_if_fail (US_IS_SIGNATORIES_PAGE (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}
