/* us-signatory-columns.c
 *
 * On each search keystroke every cell of the ~200 rows a GtkColumnView
 * keeps shows another signatory (see us-signatory-selection.c), and GTK
 * 4.8 rebinds every cell whenever the selection changes, so an update
 * must cost next to nothing: a GtkInscription's text changes without a size
 * request (a GtkLabel's asks for a new layout of its row), a pill's
 * style classes change only when its value does, dates are formatted
 * once per value, and getters are read directly, never through
 * properties.  A cell is bound to a UsSignatoryRow, whose "changed" it
 * follows: the row holds another signatory after a refilter, or an edit
 * made anywhere (undo, another page) changed a field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-signatory-columns.h"
#include "us-signatory-row.h"

/* What a text cell asks for when nothing constrains it; the template's
 * fixed column widths decide in practice.
 */
static const int nat_chars[] = {
  [US_SIGNATORY_COLUMN_NAME] = 20,
  [US_SIGNATORY_COLUMN_TITLE] = 20,
  [US_SIGNATORY_COLUMN_ORGANISATION] = 28,
  [US_SIGNATORY_COLUMN_COUNTRY] = 2,
  [US_SIGNATORY_COLUMN_SIGNED] = 16,
};

static GQuark column_quark;
static GQuark style_quark;

/* Labels and styles of the enumerations -------------------------------- */

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

/* The list is self-contained: its few styles come with it. */
static void
ensure_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, pill_css, -1);
  gtk_style_context_add_provider_for_display (display,
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* The date of a signature as the list shows it.  Formatting a GDateTime
 * costs more than the rest of a bind: keep the last few hundred, by
 * value, in a table that never grows.
 */
static const char *
signed_text (gint64 signed_at)
{
  static struct
  {
    gint64  time;
    char   *text;
  } cache[509];
  guint slot;

  if (signed_at == 0)
    return NULL;

  slot = (guint64) signed_at % G_N_ELEMENTS (cache);
  if (cache[slot].text == NULL || cache[slot].time != signed_at)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (signed_at);

      g_free (cache[slot].text);
      /* Translators: date and time in the list, see g_date_time_format() */
      cache[slot].text = dt ? g_date_time_format (dt, _("%Y-%m-%d %H:%M")) : NULL;
      if (cache[slot].text == NULL)
        cache[slot].text = g_strdup ("");
      cache[slot].time = signed_at;
    }
  return cache[slot].text;
}

/* Cells ---------------------------------------------------------------- */

static void
set_pill (GtkLabel   *label,
          const char *text,
          const char *style)
{
  const char *classes[] = { "us-pill", style, NULL };

  /* Setting the same text again is free; restyling is not. */
  gtk_label_set_text (label, text);
  if (g_object_get_qdata (G_OBJECT (label), style_quark) != style)
    {
      gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
      g_object_set_qdata (G_OBJECT (label), style_quark, (gpointer) style);
    }
}

static void
update_cell (GtkWidget   *cell,
             UsSignatory *signatory)
{
  UsSignatoryColumn column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (cell), column_quark));

  switch (column)
    {
    case US_SIGNATORY_COLUMN_NAME:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), us_signatory_get_name (signatory));
      break;

    case US_SIGNATORY_COLUMN_TITLE:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), us_signatory_get_title (signatory));
      break;

    case US_SIGNATORY_COLUMN_ORGANISATION:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), us_signatory_get_organisation (signatory));
      break;

    case US_SIGNATORY_COLUMN_COUNTRY:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), us_signatory_get_country (signatory));
      break;

    case US_SIGNATORY_COLUMN_STATUS:
      {
        UsStatus status = us_signatory_get_status (signatory);

        set_pill (GTK_LABEL (cell), status_label (status), status_classes[status & 3]);
      }
      break;

    case US_SIGNATORY_COLUMN_CONSENT:
      {
        UsConsent consent = us_signatory_get_consent (signatory);

        set_pill (GTK_LABEL (cell), consent_label (consent), consent_classes[MIN (consent, 2)]);
      }
      break;

    case US_SIGNATORY_COLUMN_SIGNED:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), signed_text (us_signatory_get_signed_at (signatory)));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
row_changed_cb (UsSignatoryRow *row,
                GtkWidget      *cell)
{
  update_cell (cell, us_signatory_row_get_signatory (row));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  UsSignatoryColumn column = GPOINTER_TO_UINT (data);
  GtkWidget *cell;

  if (column == US_SIGNATORY_COLUMN_STATUS || column == US_SIGNATORY_COLUMN_CONSENT)
    {
      /* A pill is as wide as its word: a label, whose few values rarely
       * change from one bind to the next.
       */
      cell = gtk_label_new (NULL);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
    }
  else
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), MIN (3, nat_chars[column]));
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), nat_chars[column]);
    }
  g_object_set_qdata (G_OBJECT (cell), column_quark, data);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  UsSignatoryRow *row = gtk_list_item_get_item (item);

  update_cell (cell, us_signatory_row_get_signatory (row));
  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), cell);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item),
                                        row_changed_cb,
                                        gtk_list_item_get_child (item));
}

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

static GtkSorter *
sorter_new (UsSignatoryColumn column)
{
  static const GCompareDataFunc compare[] = {
    [US_SIGNATORY_COLUMN_NAME] = compare_names,
    [US_SIGNATORY_COLUMN_TITLE] = compare_title,
    [US_SIGNATORY_COLUMN_ORGANISATION] = compare_organisation,
    [US_SIGNATORY_COLUMN_COUNTRY] = compare_country,
    [US_SIGNATORY_COLUMN_STATUS] = compare_status,
    [US_SIGNATORY_COLUMN_CONSENT] = compare_consent,
  };

  /* A numeric sorter computes its keys once per sort. */
  if (column == US_SIGNATORY_COLUMN_SIGNED)
    return GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (US_TYPE_SIGNATORY, NULL, "signed-at")));
  return GTK_SORTER (gtk_custom_sorter_new (compare[column], NULL, NULL));
}

/* Public API ----------------------------------------------------------- */

void
us_signatory_column_setup (GtkColumnViewColumn *column,
                           UsSignatoryColumn    kind)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (kind <= US_SIGNATORY_COLUMN_SIGNED);

  if G_UNLIKELY (column_quark == 0)
    {
      column_quark = g_quark_from_static_string ("us-signatory-column");
      style_quark = g_quark_from_static_string ("us-pill-style");
    }
  ensure_css ();

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), GUINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);

  sorter = sorter_new (kind);
  gtk_column_view_column_set_sorter (column, sorter);
}
