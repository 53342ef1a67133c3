/* minimal-pdf.c: the baseline for bench-pdf.sh
 *
 * The least a PangoCairo program can do with a list of names: one name per
 * line, one reused PangoLayout and PangoContext, two columns on A4 pages,
 * written to a PDF.  undersigned-cli export does all of this and more
 * (cover, letter, details under each name, links, outline), so the ratio
 * of the two times says what the rest costs.
 *
 * usage: minimal-pdf [--no-wrap] NAMES.txt OUT.pdf   (one UTF-8 name per line)
 *
 * A name wider than its column wraps, as it must in a press pack; with
 * --no-wrap the layout gets no width (faster, but long names overflow),
 * which shows what Pango's wrapping costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_WIDTH  595.276
#define PAGE_HEIGHT 841.89
#define MARGIN      56.0
#define GUTTER      18.0
#define FONT_FAMILIES "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, Noto Sans Hebrew, " \
                      "Noto Sans Devanagari, Noto Sans Thai, DejaVu Sans"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) names = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  PangoLayout *layout;
  PangoFontDescription *font;
  cairo_font_options_t *options;
  double column_width = (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2;
  double y = MARGIN;
  int column = 0;
  guint n = 0;
  gboolean wrap = TRUE;

  if (argc == 4 && strcmp (argv[1], "--no-wrap") == 0)
    {
      wrap = FALSE;
      argv++;
      argc--;
    }
  if (argc != 3)
    {
      fprintf (stderr, "usage: minimal-pdf [--no-wrap] NAMES.txt OUT.pdf\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  names = g_strsplit (contents, "\n", -1);

  surface = cairo_pdf_surface_create (argv[2], PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  layout = pango_layout_new (context);
  font = pango_font_description_from_string (FONT_FAMILIES " 9");
  pango_layout_set_font_description (layout, font);
  if (wrap)
    {
      pango_layout_set_width (layout, (int) (column_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  for (char **p = names; *p != NULL; p++)
    {
      int width, height;
      double h;

      if (**p == '\0')
        continue;
      pango_layout_set_text (layout, *p, -1);
      pango_layout_get_size (layout, &width, &height);
      h = (double) height / PANGO_SCALE + 2;
      if (y + h > PAGE_HEIGHT - MARGIN)
        {
          y = MARGIN;
          if (++column == 2)
            {
              column = 0;
              cairo_show_page (cr);
            }
        }
      cairo_move_to (cr, MARGIN + column * (column_width + GUTTER), y);
      pango_cairo_show_layout (cr, layout);
      y += h;
      n++;
    }

  cairo_show_page (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "%s: %s\n", argv[2], cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return 1;
    }
  cairo_surface_destroy (surface);
  fprintf (stderr, "minimal-pdf: %u names\n", n);
  return 0;
}
