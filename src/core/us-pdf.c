/* us-pdf.c: the press-pack PDF: pages, text and the export itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "us-citation.h"
#include "us-pdf-private.h"

#define PT_PER_MM (72.0 / 25.4)

/* --- page machinery ----------------------------------------------------- */

static const double inks[][3] = {
  [US_PDF_INK_TEXT] = { 0.12, 0.12, 0.13 },
  [US_PDF_INK_MUTED] = { 0.37, 0.36, 0.39 },
  [US_PDF_INK_ACCENT] = { 0.10, 0.37, 0.71 },
  [US_PDF_INK_RULE] = { 0.75, 0.75, 0.74 },
};

double
us_pdf_width (UsPdf *pdf)
{
  return pdf->right - pdf->left;
}

void
us_pdf_set_ink (UsPdf    *pdf,
                UsPdfInk  ink)
{
  cairo_set_source_rgb (pdf->cr, inks[ink][0], inks[ink][1], inks[ink][2]);
}

void
us_pdf_setup_layout (UsPdf         *pdf,
                     PangoLayout   *layout,
                     UsPdfFont      font,
                     const char    *text,
                     double         width,
                     PangoAttrList *attrs)
{
  pango_layout_set_font_description (layout, pdf->fonts[font]);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_line_spacing (layout, 0);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_text (layout, text ? text : "", -1);
}

double
us_pdf_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

double
us_pdf_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

void
us_pdf_show (UsPdf       *pdf,
             PangoLayout *layout,
             double       x,
             double       y,
             UsPdfInk     ink)
{
  us_pdf_set_ink (pdf, ink);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
draw_running_header (UsPdf *pdf)
{
  double width = us_pdf_width (pdf);
  double y = pdf->top - 30;
  g_autofree char *number = g_strdup_printf ("%d", pdf->page);
  const char *section = pdf->section ? pdf->section : "";
  double section_width;

  /* The header is a reminder, not the record: the cover carries the full
   * title, so only here may a very long one be cut short.
   */
  us_pdf_setup_layout (pdf, pdf->chrome, US_PDF_FONT_RUNNING, section, -1, NULL);
  section_width = us_pdf_layout_width (pdf->chrome);
  us_pdf_show (pdf, pdf->chrome, pdf->right - section_width, y, US_PDF_INK_MUTED);

  us_pdf_setup_layout (pdf, pdf->chrome, US_PDF_FONT_RUNNING,
                       us_campaign_get_title (pdf->campaign),
                       MAX (width - section_width - 24, width / 3), NULL);
  pango_layout_set_ellipsize (pdf->chrome, PANGO_ELLIPSIZE_END);
  pango_layout_set_auto_dir (pdf->chrome, FALSE);
  us_pdf_show (pdf, pdf->chrome, pdf->left, y, US_PDF_INK_MUTED);
  pango_layout_set_auto_dir (pdf->chrome, TRUE);

  us_pdf_set_ink (pdf, US_PDF_INK_RULE);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, pdf->left, pdf->top - 14);
  cairo_line_to (pdf->cr, pdf->right, pdf->top - 14);
  cairo_stroke (pdf->cr);

  us_pdf_setup_layout (pdf, pdf->chrome, US_PDF_FONT_RUNNING, number, width, NULL);
  pango_layout_set_alignment (pdf->chrome, PANGO_ALIGN_CENTER);
  us_pdf_show (pdf, pdf->chrome, pdf->left, pdf->page_height - 40, US_PDF_INK_MUTED);
}

void
us_pdf_new_page (UsPdf *pdf)
{
  if (pdf->page > 0)
    cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = pdf->top;
  if (pdf->page > 1)
    draw_running_header (pdf);
}

void
us_pdf_ensure (UsPdf  *pdf,
               double  height)
{
  if (pdf->y > pdf->top && pdf->y + height > pdf->bottom)
    us_pdf_new_page (pdf);
}

void
us_pdf_flow_layout (UsPdf         *pdf,
                    PangoLayout   *layout,
                    double         x,
                    UsPdfInk       ink,
                    UsPdfLineFunc  func,
                    gpointer       data)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double layout_height = us_pdf_layout_height (layout);

  us_pdf_set_ink (pdf, ink);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double top, next, baseline, offset_y;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      /* The distance to the next line includes the line spacing. */
      if (pango_layout_iter_next_line (iter))
        {
          PangoRectangle following;

          pango_layout_iter_get_line_extents (iter, NULL, &following);
          next = (double) following.y / PANGO_SCALE;
        }
      else
        {
          next = MAX (layout_height, top + (double) logical.height / PANGO_SCALE);
          pango_layout_iter_free (iter);
          iter = NULL;
        }

      if (pdf->y > pdf->top && pdf->y + (double) logical.height / PANGO_SCALE > pdf->bottom)
        {
          us_pdf_new_page (pdf);
          us_pdf_set_ink (pdf, ink);
        }
      offset_y = pdf->y - top;
      if (func != NULL)
        {
          func (pdf, layout, line, x, offset_y, data);
          us_pdf_set_ink (pdf, ink);
        }
      cairo_move_to (pdf->cr, x + (double) logical.x / PANGO_SCALE, offset_y + baseline);
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += next - top;
    }
  while (iter != NULL);
}

void
us_pdf_paragraph (UsPdf      *pdf,
                  UsPdfFont   font,
                  UsPdfInk    ink,
                  const char *text,
                  double      space_after)
{
  us_pdf_setup_layout (pdf, pdf->layout, font, text, us_pdf_width (pdf), NULL);
  us_pdf_flow_layout (pdf, pdf->layout, pdf->left, ink, NULL, NULL);
  pdf->y += space_after;
}

int
us_pdf_outline (UsPdf      *pdf,
                int         parent,
                const char *title,
                double      y)
{
  g_autofree char *link = NULL;
  char x_buf[G_ASCII_DTOSTR_BUF_SIZE];
  char y_buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Attributes are parsed in the C locale: never let a decimal comma in. */
  g_ascii_formatd (x_buf, sizeof x_buf, "%.1f", pdf->left);
  g_ascii_formatd (y_buf, sizeof y_buf, "%.1f", MAX (0, y - 6));
  link = g_strdup_printf ("page=%d pos=[%s %s]", pdf->page, x_buf, y_buf);
  return cairo_pdf_surface_add_outline (pdf->surface, parent, title, link,
                                        CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

int
us_pdf_section (UsPdf      *pdf,
                const char *title,
                const char *outline_title,
                gboolean    new_page)
{
  int id;

  pdf->section = outline_title ? outline_title : title;
  if (new_page || pdf->page <= 1)
    us_pdf_new_page (pdf);
  else
    {
      pdf->y += 18;
      us_pdf_ensure (pdf, 120);
    }
  id = us_pdf_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, outline_title ? outline_title : title, pdf->y);
  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_HEADING, title, us_pdf_width (pdf), NULL);
  us_pdf_show (pdf, pdf->layout, pdf->left, pdf->y, US_PDF_INK_TEXT);
  pdf->y += us_pdf_layout_height (pdf->layout) + 4;
  us_pdf_set_ink (pdf, US_PDF_INK_ACCENT);
  cairo_rectangle (pdf->cr, pdf->left, pdf->y, 36, 2.5);
  cairo_fill (pdf->cr);
  pdf->y += 18;
  return id;
}

void
us_pdf_append_quoted (GString    *out,
                      const char *value)
{
  g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

void
us_pdf_link_rect (UsPdf      *pdf,
                  const char *kind,
                  const char *target,
                  double      x,
                  double      y,
                  double      width,
                  double      height)
{
  g_autoptr(GString) attrs = g_string_new (kind);
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (attrs, '=');
  us_pdf_append_quoted (attrs, target);
  g_string_append_printf (attrs, " rect=[%s %s %s %s]",
                          g_ascii_formatd (buf[0], sizeof buf[0], "%.2f", x),
                          g_ascii_formatd (buf[1], sizeof buf[1], "%.2f", y),
                          g_ascii_formatd (buf[2], sizeof buf[2], "%.2f", width),
                          g_ascii_formatd (buf[3], sizeof buf[3], "%.2f", height));
  /* cairo 1.16 drops a link that encloses no drawing, even with a rect:
   * paint the paper colour under where the text will go.
   */
  cairo_tag_begin (pdf->cr, CAIRO_TAG_LINK, attrs->str);
  cairo_set_source_rgb (pdf->cr, 1, 1, 1);
  cairo_rectangle (pdf->cr, x, y, width, height);
  cairo_fill (pdf->cr);
  cairo_tag_end (pdf->cr, CAIRO_TAG_LINK);
}

gboolean
us_pdf_tick (UsPdf  *pdf,
             double  fraction)
{
  if (pdf->error != NULL)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (pdf->cancellable, &pdf->error))
    return FALSE;
  if (pdf->progress != NULL &&
      (fraction >= 1.0 || fraction - pdf->progress_reported >= 0.005))
    {
      pdf->progress_reported = fraction;
      pdf->progress (CLAMP (fraction, 0.0, 1.0), pdf->progress_data);
    }
  return TRUE;
}

/* --- names of countries and languages, dates, counts -------------------- */

static GHashTable *
load_iso_codes (const char *standard)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *file = g_strdup_printf ("iso_%s.json", standard);
  g_autofree char *domain = g_strdup_printf ("iso_%s", standard);
  const char * const *dirs = g_get_system_data_dirs ();

  bind_textdomain_codeset (domain, "UTF-8");
  for (guint d = 0; dirs[d] != NULL; d++)
    {
      g_autofree char *path = g_build_filename (dirs[d], "iso-codes", "json", file, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;
      JsonArray *entries;

      if (!json_parser_load_from_file (parser, path, NULL))
        continue;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          !json_object_has_member (json_node_get_object (root), standard))
        continue;
      entries = json_object_get_array_member (json_node_get_object (root), standard);
      for (guint i = 0; entries && i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          const char *name;

          if (entry == NULL)
            continue;
          name = json_object_get_string_member_with_default (entry, "common_name", NULL);
          if (name == NULL)
            name = json_object_get_string_member_with_default (entry, "name", NULL);
          if (name == NULL)
            continue;
          name = dgettext (domain, name);
          for (guint k = 0; k < 2; k++)
            {
              const char *code = json_object_get_string_member_with_default (entry, k ? "alpha_3" : "alpha_2", NULL);

              if (code != NULL && !g_hash_table_contains (table, code))
                g_hash_table_insert (table, g_strdup (code), g_strdup (name));
            }
        }
      break;
    }
  return table;
}

const char *
us_pdf_country_name (const char *code)
{
  static GHashTable *countries;
  const char *name;

  if (code == NULL)
    return NULL;
  if (g_once_init_enter (&countries))
    g_once_init_leave (&countries, load_iso_codes ("3166-1"));
  name = g_hash_table_lookup (countries, code);
  return name ? name : code;
}

char *
us_pdf_language_name (const char *tag)
{
  static GHashTable *languages;
  g_auto(GStrv) parts = NULL;
  const char *name;

  if (g_once_init_enter (&languages))
    g_once_init_leave (&languages, load_iso_codes ("639-2"));
  parts = g_strsplit (tag, "-", 2);
  name = g_hash_table_lookup (languages, parts[0]);
  if (name == NULL)
    return g_strdup (tag);
  if (parts[1] != NULL)
    return g_strdup_printf ("%s (%s)", name, parts[1]);
  return g_strdup (name);
}

char *
us_pdf_format_date (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3 ||
      (date = g_date_time_new_utc (year, month, day, 0, 0, 0)) == NULL)
    return g_strdup (iso_date);
  return g_date_time_format (date, "%-d %B %Y");
}

char *
us_pdf_format_count (guint count)
{
  /* Grouped the way the user's locale writes numbers. */
  return g_strdup_printf ("%'u", count);
}

/* --- the cover ---------------------------------------------------------- */

static void
cover_figure (UsPdf      *pdf,
              double      x,
              double      y,
              double      width,
              guint       count,
              const char *label)
{
  g_autofree char *number = us_pdf_format_count (count);
  double height;

  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_COVER_FIGURE, number, width, NULL);
  us_pdf_show (pdf, pdf->layout, x, y, US_PDF_INK_ACCENT);
  height = us_pdf_layout_height (pdf->layout);
  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, label, width, NULL);
  us_pdf_show (pdf, pdf->layout, x, y + height, US_PDF_INK_MUTED);
}

static char *
cover_date (UsPdf *pdf)
{
  gint64 when = us_campaign_get_modified_at (pdf->campaign);
  g_autoptr(GDateTime) date = NULL;

  date = when > 0 ? g_date_time_new_from_unix_utc (when) : g_date_time_new_now_utc ();
  return g_date_time_format (date, "%-d %B %Y");
}

static PangoAttrList *
kicker_attrs (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (1.2 * PANGO_SCALE));
  return attrs;
}

void
us_pdf_draw_cover (UsPdf     *pdf,
                   UsEdition *edition)
{
  GListModel *editions = us_letter_get_editions (us_campaign_get_letter (pdf->campaign));
  const char *organisation = us_campaign_get_organisation (pdf->campaign);
  double width = us_pdf_width (pdf);
  double figure_width = (width - 2 * 18) / 3;
  double y;
  g_autoptr(GString) languages = g_string_new (NULL);
  g_autofree char *date = cover_date (pdf);
  g_autofree char *as_of = NULL;

  pdf->section = NULL;
  us_pdf_new_page (pdf);
  us_pdf_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Cover"), 0);

  /* A band of the accent colour across the top edge. */
  us_pdf_set_ink (pdf, US_PDF_INK_ACCENT);
  cairo_rectangle (pdf->cr, 0, 0, pdf->page_width, 10);
  cairo_fill (pdf->cr);

  y = pdf->top + 40 * PT_PER_MM;
  if (organisation != NULL && *organisation)
    {
      g_autofree char *upper = g_utf8_strup (organisation, -1);
      g_autoptr(PangoAttrList) attrs = kicker_attrs ();

      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_KICKER, upper, width, attrs);
      us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_ACCENT);
      y += us_pdf_layout_height (pdf->layout) + 10;
    }

  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_COVER_TITLE,
                       us_campaign_get_title (pdf->campaign), width, NULL);
  pango_layout_set_line_spacing (pdf->layout, 1.05);
  us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_TEXT);
  y += us_pdf_layout_height (pdf->layout) + 14;

  if (edition != NULL)
    {
      const char *title = us_edition_get_title (edition);
      const char *addressee = us_edition_get_addressee (edition);

      if (title != NULL && *title && g_strcmp0 (title, us_campaign_get_title (pdf->campaign)) != 0)
        {
          us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_COVER_SUBTITLE, title, width, NULL);
          us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_TEXT);
          y += us_pdf_layout_height (pdf->layout) + 6;
        }
      if (addressee != NULL && *addressee)
        {
          us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_ADDRESSEE, addressee, width, NULL);
          us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_MUTED);
          y += us_pdf_layout_height (pdf->layout);
        }
    }

  /* The figures sit at a fixed height so that every cover looks alike,
   * unless a long title has pushed past it.
   */
  y = MAX (y + 36, pdf->page_height * 0.55);
  us_pdf_set_ink (pdf, US_PDF_INK_RULE);
  cairo_set_line_width (pdf->cr, 0.75);
  cairo_move_to (pdf->cr, pdf->left, y);
  cairo_line_to (pdf->cr, pdf->right, y);
  cairo_stroke (pdf->cr);
  y += 16;
  cover_figure (pdf, pdf->left, y, figure_width, pdf->stats->public,
                _("signatories listed by name"));
  cover_figure (pdf, pdf->left + figure_width + 18, y, figure_width,
                pdf->stats->by_status[US_STATUS_VERIFIED], _("verified signatures in all"));
  cover_figure (pdf, pdf->left + 2 * (figure_width + 18), y, figure_width,
                pdf->stats->incidents, _("incidents documented"));
  y += 64;

  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) e = g_list_model_get_item (editions, i);
      g_autofree char *name = us_pdf_language_name (us_edition_get_language (e));

      if (languages->len > 0)
        g_string_append (languages, ", ");
      g_string_append (languages, name);
    }
  if (languages->len > 0)
    {
      g_autofree char *line = g_strdup_printf (_("The letter is published in: %s"), languages->str);

      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, line, width, NULL);
      us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_TEXT);
      y += us_pdf_layout_height (pdf->layout) + 4;
      if (edition != NULL && g_list_model_get_n_items (editions) > 1)
        {
          g_autofree char *name = us_pdf_language_name (us_edition_get_language (edition));
          g_autofree char *this_one = g_strdup_printf (_("This press pack prints the %s edition."), name);

          us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, this_one, width, NULL);
          us_pdf_show (pdf, pdf->layout, pdf->left, y, US_PDF_INK_MUTED);
        }
    }

  as_of = g_strdup_printf (_("Press pack · figures as of %s"), date);
  {
    g_autoptr(PangoAttrList) attrs = kicker_attrs ();
    g_autofree char *upper = g_utf8_strup (as_of, -1);

    us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_KICKER, upper, width, attrs);
    us_pdf_show (pdf, pdf->layout, pdf->left, pdf->bottom - us_pdf_layout_height (pdf->layout),
                 US_PDF_INK_MUTED);
  }
}

/* --- the export --------------------------------------------------------- */

typedef struct
{
  FILE *file;
  int   saved_errno;
} Output;

static cairo_status_t
write_output (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Output *out = closure;

  if (fwrite (data, 1, length, out->file) != length)
    {
      out->saved_errno = errno;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static const struct
{
  const char *style;
  gboolean    mono;
} font_styles[US_PDF_N_FONTS] = {
  [US_PDF_FONT_COVER_TITLE] = { "Bold 30" },
  [US_PDF_FONT_COVER_SUBTITLE] = { "15" },
  [US_PDF_FONT_COVER_FIGURE] = { "Bold 28" },
  [US_PDF_FONT_KICKER] = { "Bold 8" },
  [US_PDF_FONT_HEADING] = { "Bold 20" },
  [US_PDF_FONT_SUBHEADING] = { "Bold 11" },
  [US_PDF_FONT_LETTER_TITLE] = { "Bold 22" },
  [US_PDF_FONT_ADDRESSEE] = { "Italic 11" },
  [US_PDF_FONT_BODY] = { "10.5" },
  [US_PDF_FONT_BODY_BOLD] = { "Bold 10.5" },
  [US_PDF_FONT_SUMMARY] = { "9.5" },
  [US_PDF_FONT_SMALL] = { "8.5" },
  [US_PDF_FONT_PROMINENT_NAME] = { "Bold 10.5" },
  [US_PDF_FONT_PROMINENT_DETAIL] = { "8.5" },
  [US_PDF_FONT_NAME] = { "9" },
  [US_PDF_FONT_DETAIL] = { "7" },
  [US_PDF_FONT_GROUP] = { "Bold 9" },
  [US_PDF_FONT_MONO] = { "8.5", TRUE },
  [US_PDF_FONT_RUNNING] = { "7.5" },
};

/* Han characters differ between Chinese, Japanese and Korean: the letter's
 * own language picks the CJK face first.
 */
static const char *
families_for_language (const char *language)
{
  if (language == NULL)
    return US_PDF_FAMILIES;
  if (g_str_has_prefix (language, "ja"))
    return "Noto Sans, Noto Sans CJK JP, Noto Sans Arabic, Noto Sans Hebrew, "
           "Noto Sans Devanagari, Noto Sans Thai, DejaVu Sans";
  if (g_str_has_prefix (language, "ko"))
    return "Noto Sans, Noto Sans CJK KR, Noto Sans Arabic, Noto Sans Hebrew, "
           "Noto Sans Devanagari, Noto Sans Thai, DejaVu Sans";
  if (g_str_has_prefix (language, "zh-Hant") || g_str_has_prefix (language, "zh-TW") ||
      g_str_has_prefix (language, "zh-HK") || g_str_has_prefix (language, "zh-MO"))
    return "Noto Sans, Noto Sans CJK TC, Noto Sans Arabic, Noto Sans Hebrew, "
           "Noto Sans Devanagari, Noto Sans Thai, DejaVu Sans";
  return US_PDF_FAMILIES;
}

static void
setup_fonts (UsPdf      *pdf,
             const char *language)
{
  for (guint i = 0; i < US_PDF_N_FONTS; i++)
    {
      g_autofree char *spec = NULL;
      const char *families = US_PDF_FAMILIES;

      if (font_styles[i].mono)
        families = US_PDF_MONO_FAMILIES;
      else if (i == US_PDF_FONT_LETTER_TITLE || i == US_PDF_FONT_ADDRESSEE ||
               i == US_PDF_FONT_BODY || i == US_PDF_FONT_BODY_BOLD)
        families = families_for_language (language);
      spec = g_strdup_printf ("%s %s", families, font_styles[i].style);
      pdf->fonts[i] = pango_font_description_from_string (spec);
    }
}

static void
setup_context (UsPdf *pdf)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  pdf->context = pango_cairo_create_context (pdf->cr);
  /* Points in, points out; vector output wants unhinted metrics. */
  pango_cairo_context_set_resolution (pdf->context, 72);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (pdf->context, FALSE);
  pdf->layout = pango_layout_new (pdf->context);
  pdf->layout2 = pango_layout_new (pdf->context);
  pdf->chrome = pango_layout_new (pdf->context);
}

static void
set_metadata (UsPdf     *pdf,
              UsEdition *edition)
{
  const char *title = us_campaign_get_title (pdf->campaign);
  const char *organisation = us_campaign_get_organisation (pdf->campaign);
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *creator = g_strdup_printf ("Undersigned %s", PACKAGE_VERSION);
  g_autofree char *keywords = NULL;

  /* Reproducible builds set SOURCE_DATE_EPOCH; honour it like other tools. */
  if (epoch != NULL && *epoch)
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  if (now == NULL)
    now = g_date_time_new_now_utc ();
  date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  keywords = g_strjoin (", ", _("open letter"), _("press pack"), _("signatories"), NULL);
  if (title != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  if (organisation != NULL && *organisation)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR, organisation);
  if (edition != NULL && us_edition_get_title (edition) != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT,
                                    us_edition_get_title (edition));
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* Footnote numbers follow the order of first citation in the printed
 * edition; incidents the letter does not cite come after, in list order.
 */
static void
number_incidents (UsPdf     *pdf,
                  UsEdition *edition)
{
  GListModel *incidents = us_campaign_get_incidents (pdf->campaign);
  g_auto(GStrv) cited = us_citations_ids (edition ? us_edition_get_body (edition) : NULL);

  pdf->numbers = g_hash_table_new (g_str_hash, g_str_equal);
  pdf->dest_ids = g_hash_table_new (g_str_hash, g_str_equal);
  pdf->linked_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pdf->drawn_dests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pdf->incident_order = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; cited[i] != NULL; i++)
    {
      UsIncident *incident = us_campaign_find_incident (pdf->campaign, cited[i]);

      if (incident != NULL && !g_hash_table_contains (pdf->numbers, us_incident_get_id (incident)))
        {
          g_ptr_array_add (pdf->incident_order, g_object_ref (incident));
          g_hash_table_insert (pdf->numbers, (gpointer) us_incident_get_id (incident),
                               GUINT_TO_POINTER (pdf->incident_order->len));
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (incidents); i++)
    {
      g_autoptr(UsIncident) incident = g_list_model_get_item (incidents, i);
      const char *id = us_incident_get_id (incident);

      if (id == NULL || g_hash_table_contains (pdf->numbers, id))
        continue;
      g_ptr_array_add (pdf->incident_order, g_object_ref (incident));
      g_hash_table_insert (pdf->numbers, (gpointer) id,
                           GUINT_TO_POINTER (pdf->incident_order->len));
    }
  for (guint i = 0; i < pdf->incident_order->len; i++)
    g_hash_table_add (pdf->dest_ids,
                      (gpointer) us_incident_get_id (g_ptr_array_index (pdf->incident_order, i)));
}

static UsEdition *
find_edition (UsCampaign  *campaign,
              const char  *language,
              GError     **error)
{
  UsLetter *letter = us_campaign_get_letter (campaign);
  GListModel *editions = us_letter_get_editions (letter);
  UsEdition *edition;
  g_autoptr(GString) known = NULL;

  if (language == NULL)
    return g_list_model_get_n_items (editions) > 0 ? g_list_model_get_item (editions, 0) : NULL;
  edition = us_letter_find_edition (letter, language);
  if (edition != NULL)
    return g_object_ref (edition);

  known = g_string_new (NULL);
  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) e = g_list_model_get_item (editions, i);

      g_string_append_printf (known, "%s%s", i ? ", " : "", us_edition_get_language (e));
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The letter has no “%s” edition; choose one of: %s"),
               language, known->len ? known->str : _("(none)"));
  return NULL;
}

static void
check_links (UsPdf *pdf)
{
  GHashTableIter iter;
  gpointer id;

  /* cairo writes a link to a missing destination without complaint. */
  g_hash_table_iter_init (&iter, pdf->linked_ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (pdf->drawn_dests, id))
      g_critical ("press pack: a citation links to “inc-%s”, which was never drawn", (char *) id);
}

static void
us_pdf_clear (UsPdf *pdf)
{
  for (guint i = 0; i < US_PDF_N_FONTS; i++)
    g_clear_pointer (&pdf->fonts[i], pango_font_description_free);
  g_clear_object (&pdf->layout);
  g_clear_object (&pdf->layout2);
  g_clear_object (&pdf->chrome);
  g_clear_object (&pdf->context);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  g_clear_pointer (&pdf->stats, us_stats_free);
  g_clear_pointer (&pdf->numbers, g_hash_table_unref);
  g_clear_pointer (&pdf->dest_ids, g_hash_table_unref);
  g_clear_pointer (&pdf->linked_ids, g_hash_table_unref);
  g_clear_pointer (&pdf->drawn_dests, g_hash_table_unref);
  g_clear_pointer (&pdf->incident_order, g_ptr_array_unref);
}

gboolean
us_pdf_export (UsCampaign          *campaign,
               const UsPdfOptions  *options,
               const char          *path,
               UsPdfProgressFunc    progress,
               gpointer             data,
               GCancellable        *cancellable,
               GError             **error)
{
  static const UsPdfOptions defaults = { US_PAPER_A4, NULL, FALSE, NULL };
  UsPdf pdf = { 0 };
  g_autoptr(UsEdition) edition = NULL;
  Output out = { NULL, 0 };
  GError *local_error = NULL;
  cairo_status_t status;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_list_model_get_n_items (us_letter_get_editions (us_campaign_get_letter (campaign))) > 0 ||
      options->language != NULL)
    {
      edition = find_edition (campaign, options->language, error);
      if (edition == NULL)
        return FALSE;
    }

  out.file = g_fopen (path, "wb");
  if (out.file == NULL)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot write the PDF “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  pdf.campaign = campaign;
  pdf.options = options;
  pdf.progress = progress;
  pdf.progress_data = data;
  pdf.progress_reported = -1;
  pdf.cancellable = cancellable;
  if (options->paper == US_PAPER_LETTER)
    {
      pdf.page_width = 612;
      pdf.page_height = 792;
    }
  else
    {
      pdf.page_width = 210 * PT_PER_MM;
      pdf.page_height = 297 * PT_PER_MM;
    }
  pdf.left = 22 * PT_PER_MM;
  pdf.right = pdf.page_width - 22 * PT_PER_MM;
  pdf.top = 26 * PT_PER_MM;
  pdf.bottom = pdf.page_height - 24 * PT_PER_MM;

  pdf.surface = cairo_pdf_surface_create_for_stream (write_output, &out,
                                                     pdf.page_width, pdf.page_height);
  pdf.cr = cairo_create (pdf.surface);
  pdf.stats = us_stats_compute (campaign);
  setup_context (&pdf);
  setup_fonts (&pdf, edition ? us_edition_get_language (edition) : NULL);
  set_metadata (&pdf, edition);
  number_incidents (&pdf, edition);

  us_pdf_tick (&pdf, 0);
  us_pdf_draw_cover (&pdf, edition);
  if (edition != NULL && us_pdf_tick (&pdf, 0.02))
    us_pdf_draw_letter (&pdf, edition);
  if (us_pdf_tick (&pdf, 0.04) && us_pdf_draw_signatories (&pdf, 0.04, 0.86))
    {
      if (pdf.incident_order->len > 0)
        us_pdf_draw_incidents (&pdf);
      if (options->verification_text != NULL && us_pdf_tick (&pdf, 0.88))
        us_pdf_draw_verification (&pdf, options->verification_text);
      check_links (&pdf);
    }
  us_pdf_tick (&pdf, 0.9);

  cairo_show_page (pdf.cr);
  cairo_surface_finish (pdf.surface);
  status = cairo_surface_status (pdf.surface);
  if (fclose (out.file) != 0 && out.saved_errno == 0)
    out.saved_errno = errno ? errno : EIO;

  if (pdf.error != NULL)
    local_error = g_steal_pointer (&pdf.error);
  else if (status != CAIRO_STATUS_SUCCESS || out.saved_errno != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      local_error = g_error_new (G_IO_ERROR,
                                 out.saved_errno ? g_io_error_from_errno (out.saved_errno) : G_IO_ERROR_FAILED,
                                 _("Cannot write the PDF “%s”: %s"), display,
                                 out.saved_errno ? g_strerror (out.saved_errno)
                                                 : cairo_status_to_string (status));
    }
  else
    us_pdf_tick (&pdf, 1.0);

  us_pdf_clear (&pdf);
  if (local_error != NULL)
    {
      g_unlink (path);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
