/* us-stats-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "us-array-store.h"
#include "us-stats.h"
#include "us-stats-view.h"

#define UPDATE_DELAY_MS 250
#define TOP_COUNTRIES   10
#define COUNTRY_ROW     28
#define SECONDS_PER_DAY 86400

typedef struct
{
  gint64 day;     /* days since 1970-01-01, UTC */
  guint  count;
} DayCount;

enum {
  TILE_TOTAL,
  TILE_PENDING,
  TILE_VERIFIED,
  TILE_REJECTED,
  TILE_WITHDRAWN,
  TILE_NAMED,
  TILE_ANONYMOUS,
  TILE_UNLISTED,
  N_TILES
};

struct _UsStatsView
{
  AdwBin          parent_instance;

  UsCampaign     *campaign;
  GListModel     *signatories;
  gulong          items_changed_id;
  guint           update_id;
  guint           dirty : 1;

  guint           total;
  guint           tiles[N_TILES];
  GArray         *days;                 /* DayCount, by day */
  guint           dated;                /* signatures with a time */
  const char     *top_codes[TOP_COUNTRIES];   /* interned */
  guint           top_counts[TOP_COUNTRIES];
  guint           n_top;
  guint           other_countries;
  guint           no_country;

  GtkFlowBox     *totals_box;
  GtkLabel       *tile_values[N_TILES];
  GtkLabel       *timeline_legend;
  GtkDrawingArea *timeline_area;
  GtkDrawingArea *country_area;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsStatsView, us_stats_view, ADW_TYPE_BIN)

static char *
format_count (guint n)
{
  /* %' groups digits as the locale does: 100,000 or 100 000. */
  return g_strdup_printf ("%'u", n);
}

static char *
format_day (gint64 day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (day * SECONDS_PER_DAY);

  /* Translators: a day on a chart axis, see g_date_time_format() */
  return dt ? g_date_time_format (dt, _("%Y-%m-%d")) : g_strdup ("?");
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const DayCount *da = a;
  const DayCount *db = b;

  return (da->day > db->day) - (da->day < db->day);
}

static void
count_days (UsStatsView *self)
{
  /* Day numbers are few (one per day of the campaign): a small table
   * from the day to its slot in self->days, even at a million rows.
   */
  g_autoptr(GHashTable) slots = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (self->signatories);

  g_array_set_size (self->days, 0);
  self->dated = 0;

  for (guint i = 0; i < n; i++)
    {
      UsSignatory *signatory;
      gint64 signed_at;
      gint64 day;
      gpointer slot;

      if (US_IS_ARRAY_STORE (self->signatories))
        signatory = us_array_store_peek (US_ARRAY_STORE (self->signatories), i);
      else
        {
          signatory = g_list_model_get_item (self->signatories, i);
          g_object_unref (signatory);  /* the model still holds it */
        }
      signed_at = us_signatory_get_signed_at (signatory);
      if (signed_at == 0)
        continue;
      day = signed_at >= 0 ? signed_at / SECONDS_PER_DAY
                           : (signed_at - SECONDS_PER_DAY + 1) / SECONDS_PER_DAY;
      /* Years beyond any campaign would not fit a pointer-sized key. */
      day = CLAMP (day, G_MININT32 / 2, G_MAXINT32 / 2);
      self->dated++;

      slot = g_hash_table_lookup (slots, GINT_TO_POINTER ((int) day));
      if (slot == NULL)
        {
          DayCount dc = { day, 0 };

          g_array_append_val (self->days, dc);
          slot = GUINT_TO_POINTER (self->days->len);
          g_hash_table_insert (slots, GINT_TO_POINTER ((int) day), slot);
        }
      g_array_index (self->days, DayCount, GPOINTER_TO_UINT (slot) - 1).count++;
    }

  g_array_sort (self->days, compare_days);
}

static void
update_accessible (UsStatsView *self)
{
  g_autoptr(GString) countries = g_string_new (NULL);
  g_autofree char *timeline = NULL;

  if (self->days->len > 0)
    {
      DayCount *first = &g_array_index (self->days, DayCount, 0);
      DayCount *last = &g_array_index (self->days, DayCount, self->days->len - 1);
      DayCount *busiest = first;
      g_autofree char *from = format_day (first->day);
      g_autofree char *to = format_day (last->day);
      g_autofree char *busiest_day = NULL;

      for (guint i = 0; i < self->days->len; i++)
        if (g_array_index (self->days, DayCount, i).count > busiest->count)
          busiest = &g_array_index (self->days, DayCount, i);
      busiest_day = format_day (busiest->day);
      timeline = g_strdup_printf (_("Signatures over time: %u from %s to %s; the busiest day was %s with %u."),
                                  self->dated, from, to, busiest_day, busiest->count);
    }
  else
    timeline = g_strdup (_("Signatures over time: no dated signatures yet."));

  g_string_append (countries, _("Signatures by country:"));
  for (guint i = 0; i < self->n_top; i++)
    g_string_append_printf (countries, " %s %u%s", self->top_codes[i], self->top_counts[i],
                            i + 1 < self->n_top ? "," : "");
  if (self->other_countries > 0)
    g_string_append_printf (countries, _("; other countries %u"), self->other_countries);
  if (self->no_country > 0)
    g_string_append_printf (countries, _("; no country %u"), self->no_country);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, timeline, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->country_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, countries->str, -1);
}

void
us_stats_view_update (UsStatsView *self)
{
  g_autoptr(UsStats) stats = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  guint rows;

  g_return_if_fail (US_IS_STATS_VIEW (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  self->dirty = FALSE;
  memset (self->tiles, 0, sizeof self->tiles);
  self->total = 0;
  self->n_top = 0;
  self->other_countries = 0;
  self->no_country = 0;
  g_array_set_size (self->days, 0);
  self->dated = 0;

  if (self->campaign != NULL)
    {
      guint with_country = 0;

      stats = us_stats_compute (self->campaign);
      codes = us_stats_countries_sorted (stats);
      self->total = stats->signatories;
      self->tiles[TILE_TOTAL] = stats->signatories;
      for (guint i = 0; i < 4; i++)
        self->tiles[TILE_PENDING + i] = stats->by_status[i];
      for (guint i = 0; i < 3; i++)
        self->tiles[TILE_NAMED + i] = stats->by_consent[i];
      for (guint i = 0; i < codes->len; i++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_country, codes->pdata[i]));

          with_country += count;
          if (i < TOP_COUNTRIES)
            {
              self->top_codes[i] = codes->pdata[i];
              self->top_counts[i] = count;
              self->n_top++;
            }
          else
            self->other_countries += count;
        }
      self->no_country = self->total - with_country;
      count_days (self);
    }

  for (guint i = 0; i < N_TILES; i++)
    {
      g_autofree char *text = format_count (self->tiles[i]);

      gtk_label_set_text (self->tile_values[i], text);
    }

  rows = self->n_top + (self->other_countries > 0) + (self->no_country > 0);
  gtk_drawing_area_set_content_height (self->country_area, MAX (rows, 1) * COUNTRY_ROW + 16);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->timeline_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->country_area));
}

static gboolean
update_timeout_cb (gpointer data)
{
  UsStatsView *self = data;

  self->update_id = 0;
  us_stats_view_update (self);
  return G_SOURCE_REMOVE;
}

void
us_stats_view_queue_update (UsStatsView *self)
{
  g_return_if_fail (US_IS_STATS_VIEW (self));

  /* Hidden behind the list: count when shown, not on every change. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  if (self->update_id == 0)
    self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

guint
us_stats_view_get_total (UsStatsView *self)
{
  g_return_val_if_fail (US_IS_STATS_VIEW (self), 0);

  return self->total;
}

static void
get_colors (GtkWidget *widget,
            GdkRGBA   *fg,
            GdkRGBA   *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int width;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
draw_empty (GtkWidget  *widget,
            cairo_t    *cr,
            int         width,
            int         height,
            const char *message)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  GdkRGBA fg, accent;

  get_colors (widget, &fg, &accent);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.55);
  draw_text (cr, layout, message, width / 2.0, height / 2.0, 0.5);
}

static void
draw_timeline (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        data)
{
  UsStatsView *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree guint *bins = NULL;
  g_autofree char *top_label = NULL;
  g_autofree char *half_label = NULL;
  g_autofree char *max_label = NULL;
  g_autofree char *first_label = NULL;
  g_autofree char *last_label = NULL;
  PangoFontDescription *font;
  GdkRGBA fg, accent;
  gint64 first_day, last_day, n_days;
  double left, right, top, bottom, plot_w, plot_h, bar_w;
  guint bin_days, n_bins, max_bin = 0, cumulative = 0;

  if (self->days->len == 0)
    {
      draw_empty (widget, cr, width, height, _("No dated signatures yet"));
      return;
    }

  layout = gtk_widget_create_pango_layout (widget, NULL);
  font = pango_font_description_new ();
  pango_font_description_set_size (font, 8.5 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  get_colors (widget, &fg, &accent);

  first_day = g_array_index (self->days, DayCount, 0).day;
  last_day = g_array_index (self->days, DayCount, self->days->len - 1).day;
  n_days = last_day - first_day + 1;

  top_label = format_count (self->dated);
  half_label = format_count (self->dated / 2);
  left = text_width (layout, top_label) + 16;
  /* Room above the plot for the bars' scale, clear of the line's end. */
  top = 28;
  bottom = height - 26;
  plot_h = bottom - top;

  /* Bars of at least 3 px: a long campaign shows weeks, not days. */
  right = width - 56;
  plot_w = MAX (right - left, 10);
  bin_days = MAX (1, (guint) ceil (n_days / (plot_w / 3.0)));
  n_bins = (n_days + bin_days - 1) / bin_days;
  bins = g_new0 (guint, n_bins);
  for (guint i = 0; i < self->days->len; i++)
    {
      DayCount *dc = &g_array_index (self->days, DayCount, i);

      bins[(dc->day - first_day) / bin_days] += dc->count;
    }
  for (guint i = 0; i < n_bins; i++)
    max_bin = MAX (max_bin, bins[i]);
  bar_w = plot_w / n_bins;

  /* Grid and the cumulative scale, on the left. */
  cairo_set_line_width (cr, 1);
  for (int i = 0; i <= 2; i++)
    {
      double y = round (bottom - plot_h * i / 2.0) + 0.5;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.15);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
      draw_text (cr, layout, i == 0 ? "0" : i == 1 ? half_label : top_label, left - 6, y, 1.0);
    }

  /* Per-day (or per-bin) bars, on their own scale at the right. */
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.35);
  for (guint i = 0; i < n_bins; i++)
    {
      double h = max_bin ? plot_h * bins[i] / max_bin : 0;

      cairo_rectangle (cr, left + i * bar_w + (bar_w > 3 ? 0.5 : 0), bottom - h,
                       MAX (bar_w - (bar_w > 3 ? 1 : 0), 1), h);
    }
  cairo_fill (cr);
  /* Translators: the largest value of the per-day bars, at the chart's right */
  max_label = g_strdup_printf (bin_days == 1 ? _("%'u/day") : _("%'u/bar"), max_bin);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1.0);
  draw_text (cr, layout, max_label, right, top - 16, 1.0);

  /* The cumulative line, through the end of each bin. */
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1.0);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_move_to (cr, left, bottom);
  for (guint i = 0; i < n_bins; i++)
    {
      cumulative += bins[i];
      cairo_line_to (cr, left + (i + 1) * bar_w, bottom - plot_h * cumulative / MAX (self->dated, 1));
    }
  cairo_stroke (cr);

  /* The first and last day under the axis. */
  first_label = format_day (first_day);
  last_label = format_day (last_day);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
  draw_text (cr, layout, first_label, left, bottom + 13, 0.0);
  if (last_day != first_day)
    draw_text (cr, layout, last_label, right, bottom + 13, 1.0);
}

static void
draw_countries (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  UsStatsView *self = data;
  GtkWidget *widget = GTK_WIDGET (area);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg, accent;
  guint max = 0;
  double label_w = 0, count_w, bar_left, bar_max;
  guint row = 0;
  struct { const char *label; guint count; gboolean dim; } rows[TOP_COUNTRIES + 2];
  guint n_rows = 0;

  for (guint i = 0; i < self->n_top; i++)
    rows[n_rows++] = (typeof (rows[0])) { self->top_codes[i], self->top_counts[i], FALSE };
  if (self->other_countries > 0)
    rows[n_rows++] = (typeof (rows[0])) { _("Others"), self->other_countries, TRUE };
  if (self->no_country > 0)
    rows[n_rows++] = (typeof (rows[0])) { _("No country"), self->no_country, TRUE };

  if (n_rows == 0)
    {
      draw_empty (widget, cr, width, height, _("No signatures yet"));
      return;
    }

  layout = gtk_widget_create_pango_layout (widget, NULL);
  get_colors (widget, &fg, &accent);

  for (guint i = 0; i < n_rows; i++)
    {
      max = MAX (max, rows[i].count);
      label_w = MAX (label_w, text_width (layout, rows[i].label));
    }
  count_w = text_width (layout, "000,000 (100.0%)") + 12;
  bar_left = 16 + label_w + 12;
  bar_max = MAX (width - bar_left - count_w - 16, 10);

  for (row = 0; row < n_rows; row++)
    {
      double y = 8 + row * COUNTRY_ROW + COUNTRY_ROW / 2.0;
      double w = bar_max * rows[row].count / MAX (max, 1);
      g_autofree char *count = NULL;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.85);
      draw_text (cr, layout, rows[row].label, 16, y, 0.0);

      if (rows[row].dim)
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.3);
      else
        cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.85);
      cairo_rectangle (cr, bar_left, y - 8, MAX (w, 1), 16);
      cairo_fill (cr);

      count = g_strdup_printf ("%'u (%.1f%%)", rows[row].count,
                               100.0 * rows[row].count / MAX (self->total, 1));
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.7);
      draw_text (cr, layout, count, bar_left + w + 8, y, 0.0);
    }
}

static void
items_changed_cb (UsStatsView *self)
{
  us_stats_view_queue_update (self);
}

static void
us_stats_view_map (GtkWidget *widget)
{
  UsStatsView *self = US_STATS_VIEW (widget);

  GTK_WIDGET_CLASS (us_stats_view_parent_class)->map (widget);
  if (self->dirty)
    us_stats_view_update (self);
}

static GtkLabel *
add_tile (UsStatsView *self,
          const char  *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new ("0");
  GtkWidget *caption = gtk_label_new (title);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (value, 10);
  gtk_widget_set_margin_bottom (caption, 10);
  gtk_widget_set_margin_start (box, 0);
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), caption);
  /* Read as "Verified: 1,234" rather than two unrelated labels. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
  gtk_flow_box_append (self->totals_box, box);
  return GTK_LABEL (value);
}

static void
us_stats_view_dispose (GObject *object)
{
  UsStatsView *self = (UsStatsView *) object;

  us_stats_view_set_campaign (self, NULL);
  g_clear_handle_id (&self->update_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_STATS_VIEW);

  G_OBJECT_CLASS (us_stats_view_parent_class)->dispose (object);
}

static void
us_stats_view_finalize (GObject *object)
{
  UsStatsView *self = (UsStatsView *) object;

  g_array_unref (self->days);

  G_OBJECT_CLASS (us_stats_view_parent_class)->finalize (object);
}

static void
us_stats_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UsStatsView *self = US_STATS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_stats_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  UsStatsView *self = US_STATS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      us_stats_view_set_campaign (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_stats_view_class_init (UsStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_stats_view_dispose;
  object_class->finalize = us_stats_view_finalize;
  object_class->get_property = us_stats_view_get_property;
  object_class->set_property = us_stats_view_set_property;
  widget_class->map = us_stats_view_map;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-stats-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UsStatsView, totals_box);
  gtk_widget_class_bind_template_child (widget_class, UsStatsView, timeline_legend);
  gtk_widget_class_bind_template_child (widget_class, UsStatsView, timeline_area);
  gtk_widget_class_bind_template_child (widget_class, UsStatsView, country_area);
}

static void
us_stats_view_init (UsStatsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->days = g_array_new (FALSE, FALSE, sizeof (DayCount));

  self->tile_values[TILE_TOTAL] = add_tile (self, _("Signatures"));
  self->tile_values[TILE_PENDING] = add_tile (self, _("Pending"));
  self->tile_values[TILE_VERIFIED] = add_tile (self, _("Verified"));
  self->tile_values[TILE_REJECTED] = add_tile (self, _("Rejected"));
  self->tile_values[TILE_WITHDRAWN] = add_tile (self, _("Withdrawn"));
  self->tile_values[TILE_NAMED] = add_tile (self, _("Listed by Name"));
  self->tile_values[TILE_ANONYMOUS] = add_tile (self, _("Anonymous"));
  self->tile_values[TILE_UNLISTED] = add_tile (self, _("Not Listed"));

  gtk_label_set_text (self->timeline_legend,
                      _("The line is the running total (scale on the left); the bars are signatures per day (scale on the right)."));
  gtk_drawing_area_set_draw_func (self->timeline_area, draw_timeline, self, NULL);
  gtk_drawing_area_set_draw_func (self->country_area, draw_countries, self, NULL);
  self->dirty = TRUE;
}

GtkWidget *
us_stats_view_new (void)
{
  return g_object_new (US_TYPE_STATS_VIEW, NULL);
}

UsCampaign *
us_stats_view_get_campaign (UsStatsView *self)
{
  g_return_val_if_fail (US_IS_STATS_VIEW (self), NULL);

  return self->campaign;
}

void
us_stats_view_set_campaign (UsStatsView *self,
                            UsCampaign  *campaign)
{
  g_return_if_fail (US_IS_STATS_VIEW (self));
  g_return_if_fail (campaign == NULL || US_IS_CAMPAIGN (campaign));

  if (self->campaign == campaign)
    return;

  if (self->signatories != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->signatories);
  self->signatories = NULL;
  g_set_object (&self->campaign, campaign);
  if (campaign != NULL)
    {
      self->signatories = us_campaign_get_signatories (campaign);
      self->items_changed_id =
        g_signal_connect_swapped (self->signatories, "items-changed",
                                  G_CALLBACK (items_changed_cb), self);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    us_stats_view_update (self);
  else
    self->dirty = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
}
