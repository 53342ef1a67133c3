/* us-pdf-signatories.c: the "Signed by" pages of the press pack
 *
 * The list is the hot path: a hundred thousand names.  A PangoLayout
 * holding many names grows superlinearly, so each name is set alone, and
 * most not in a layout at all: a name on one line only needs itemizing,
 * shaping and bidi reordering, which Pango does; the layout's line
 * breaking (about half its cost) is paid only by a name wider than its
 * column, which is then laid out, wrapped, in one reused PangoLayout.
 *
 * The line under each name (title, organisation, country) repeats: those
 * strings are interned by the model, so each distinct line is laid out
 * once and drawn into a recording surface that the PDF keeps as one form.
 * Still, every drawing operation costs cairo about as much as a name, so
 * very long lists show names only.
 *
 * Names flow down the columns of a page, then on to the next page; the
 * last page's columns are balanced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "us-array-store.h"
#include "us-pdf-private.h"
#include "us-signatory-private.h"

#define DETAIL_CACHE_MAX 4096
#define TICK_ROWS 256
/* Beyond this many names the detail lines are left out: 100,000 names with
 * them take some 1,650 pages instead of 700, and two and a half times as
 * long.
 */
#define DETAIL_ROWS_MAX 5000

typedef struct
{
  UsSignatory *signatory;      /* NULL for a country heading */
  const char  *heading;
} Row;

typedef struct
{
  const char *title;
  const char *organisation;
  const char *country;
} DetailKey;

typedef struct
{
  double   width;
  double   height;
  gboolean wrapped;
  gboolean rtl;
} Fit;

typedef struct
{
  DetailKey        key;
  PangoLayout     *layout;
  Fit              fit;
  /* The line drawn once into a recording surface: the PDF then holds it
   * as one form, and each row that repeats it costs a reference instead
   * of its glyphs again.
   */
  cairo_surface_t *form;
} Detail;

/* A name on one line, shaped: glyph strings in visual order. */
typedef struct
{
  const char  *text;
  GList       *items;           /* logical order, owned */
  GList       *visual;          /* the same items in visual order */
  GPtrArray   *glyphs;          /* PangoGlyphString, reused row to row */
  double       width;
  gboolean     rtl;
} Shaped;

typedef struct
{
  UsPdf       *pdf;
  gboolean     prominent;
  gboolean     with_details;
  PangoFontDescription *saved_font;
  gboolean     with_country;
  guint        columns;
  double       gutter;
  double       column_width;
  double       gap;             /* below each signatory */
  double       heading_before;  /* above a country heading inside a column */
  double       heading_after;
  double       min_row;         /* the smallest row: one line of name */
  double       line_height;     /* of one line of name in the main font */
  double       line_ascent;

  PangoLayout *name;
  PangoLayout *detail;
  PangoLayout *heading;
  GHashTable  *details;         /* DetailKey -> Detail */
  GString     *scratch;

  /* Whether each shared layout has no width set. */
  gboolean     name_narrow;
  gboolean     detail_narrow;
  gboolean     heading_narrow;

  /* The row just laid out: its name either shaped or in the layout. */
  Shaped       shaped;
  gboolean     name_is_shaped;
  double       name_height;
  double       name_x;
  PangoLayout *detail_layout;   /* NULL when there is no detail line */
  Detail      *detail_entry;    /* NULL when not from the cache */
  Fit          detail_fit;      /* of the shared detail layout */
  double       detail_height;
  double       detail_x;

  /* Where the flow is. */
  guint        column;
  double       column_top;
  double       column_bottom;
  double       y;
  double       lowest;          /* the longest column on this page */
  gboolean     measured;        /* balancing has used the layouts */
} Lister;

static guint
detail_key_hash (gconstpointer data)
{
  const DetailKey *key = data;

  return g_direct_hash (key->title) ^ (g_direct_hash (key->organisation) * 31) ^
         (g_direct_hash (key->country) * 1031);
}

static gboolean
detail_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const DetailKey *ka = a;
  const DetailKey *kb = b;

  return ka->title == kb->title && ka->organisation == kb->organisation &&
         ka->country == kb->country;
}

static void
detail_free (gpointer data)
{
  Detail *detail = data;

  g_clear_pointer (&detail->form, cairo_surface_destroy);
  g_object_unref (detail->layout);
  g_free (detail);
}

/* Sets text without a width; only if it does not fit the column is it
 * laid out again, wrapped (and then aligned by Pango).  *narrow tells
 * whether the layout has no width set now, to save resetting it.
 */
static void
fit (PangoLayout *layout,
     const char  *text,
     double       column_width,
     gboolean    *narrow,
     Fit         *out)
{
  int w, h;

  if (!*narrow)
    {
      pango_layout_set_width (layout, -1);
      *narrow = TRUE;
    }
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  out->wrapped = w > column_width * PANGO_SCALE;
  if (out->wrapped)
    {
      pango_layout_set_width (layout, (int) (column_width * PANGO_SCALE));
      pango_layout_get_size (layout, &w, &h);
      *narrow = FALSE;
    }
  out->width = (double) w / PANGO_SCALE;
  out->height = (double) h / PANGO_SCALE;
  out->rtl = pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL;
}

static void
compose_detail (Lister          *lister,
                const DetailKey *key)
{
  GString *out = lister->scratch;
  const char *parts[3] = { key->title, key->organisation, NULL };

  if (key->country != NULL)
    parts[2] = us_pdf_country_name (key->country);
  g_string_truncate (out, 0);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i])
      {
        if (out->len > 0)
          g_string_append (out, lister->prominent && i == 1 ? "\n" : ", ");
        g_string_append (out, parts[i]);
      }
}

static PangoLayout *
new_layout (Lister    *lister,
            UsPdfFont  font)
{
  PangoLayout *layout = pango_layout_new (lister->pdf->context);

  pango_layout_set_font_description (layout, lister->pdf->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  return layout;
}

static void
shaped_clear (Shaped *shaped)
{
  g_clear_pointer (&shaped->visual, g_list_free);
  g_list_free_full (g_steal_pointer (&shaped->items), (GDestroyNotify) pango_item_free);
}

static gboolean
is_one_line (const char *text)
{
  return *text != '\0' && strpbrk (text, "\n\r\t\v\f") == NULL &&
         strstr (text, "\xe2\x80\xa8") == NULL && strstr (text, "\xe2\x80\xa9") == NULL;
}

/* Itemizes and shapes text as one line in the context's font (the name
 * font); FALSE when it is wider than the column and must wrap.
 */
static gboolean
shape_line (Lister     *lister,
            const char *text)
{
  Shaped *shaped = &lister->shaped;
  PangoContext *context = lister->pdf->context;
  int length = strlen (text);
  guint n = 0;
  guint level;

  shaped_clear (shaped);
  shaped->text = text;
  shaped->width = 0;
  /* A weak direction lets the first strong character decide, as in a
   * PangoLayout; the paragraph's level is then the lowest item level.
   */
  shaped->items = pango_itemize_with_base_dir (context, PANGO_DIRECTION_WEAK_LTR,
                                               text, 0, length, NULL, NULL);
  shaped->visual = pango_reorder_items (shaped->items);
  level = G_MAXUINT;
  for (GList *l = shaped->items; l != NULL; l = l->next)
    level = MIN (level, ((PangoItem *) l->data)->analysis.level);
  shaped->rtl = level != G_MAXUINT && level % 2 == 1;
  for (GList *l = shaped->visual; l != NULL; l = l->next, n++)
    {
      PangoItem *item = l->data;
      PangoGlyphString *glyphs;

      if (n == shaped->glyphs->len)
        g_ptr_array_add (shaped->glyphs, pango_glyph_string_new ());
      glyphs = g_ptr_array_index (shaped->glyphs, n);
      pango_shape_with_flags (text + item->offset, item->length, text, length,
                              &item->analysis, glyphs, PANGO_SHAPE_NONE);
      shaped->width += (double) pango_glyph_string_get_width (glyphs) / PANGO_SCALE;
    }
  return shaped->width <= lister->column_width;
}

static void
show_shaped (Lister *lister,
             double  x,
             double  y)
{
  Shaped *shaped = &lister->shaped;
  cairo_t *cr = lister->pdf->cr;
  guint n = 0;

  us_pdf_set_ink (lister->pdf, US_PDF_INK_TEXT);
  for (GList *l = shaped->visual; l != NULL; l = l->next, n++)
    {
      PangoGlyphItem run = { l->data, g_ptr_array_index (shaped->glyphs, n) };

      cairo_move_to (cr, x, y + lister->line_ascent);
      pango_cairo_show_glyph_item (cr, shaped->text, &run);
      x += (double) pango_glyph_string_get_width (run.glyphs) / PANGO_SCALE;
    }
}

/* Lays out a signatory's name and detail line; returns the row's height.
 * A row is aligned as its name's direction asks: a right-to-left name and
 * the line under it go to the right edge of the column.
 */
static double
layout_signatory (Lister      *lister,
                  UsSignatory *signatory)
{
  UsSignatoryFields f;
  DetailKey key;
  Detail *detail;
  Fit name;
  const Fit *line = NULL;
  gboolean narrow = TRUE;

  _us_signatory_get_fields (signatory, &f);
  lister->name_is_shaped = f.name != NULL && is_one_line (f.name) &&
                           shape_line (lister, f.name);
  if (lister->name_is_shaped)
    {
      name.width = lister->shaped.width;
      /* One-line names keep to a common pitch, whatever their script's
       * font asks for, so that the columns read as a list.
       */
      name.height = lister->line_height;
      name.wrapped = FALSE;
      name.rtl = lister->shaped.rtl;
    }
  else
    fit (lister->name, f.name ? f.name : "", lister->column_width, &lister->name_narrow, &name);
  lister->name_height = name.height;
  lister->name_x = !name.wrapped && name.rtl ? lister->column_width - name.width : 0;

  key.title = f.title;
  key.organisation = f.organisation;
  key.country = lister->with_country ? f.country : NULL;
  lister->detail_layout = NULL;
  lister->detail_entry = NULL;
  lister->detail_height = 0;
  lister->detail_x = 0;
  if (!lister->with_details ||
      (key.title == NULL && key.organisation == NULL && key.country == NULL))
    return name.height;

  detail = g_hash_table_lookup (lister->details, &key);
  if (detail == NULL && g_hash_table_size (lister->details) < DETAIL_CACHE_MAX)
    {
      detail = g_new0 (Detail, 1);
      detail->key = key;
      detail->layout = new_layout (lister, lister->prominent ? US_PDF_FONT_PROMINENT_DETAIL
                                                             : US_PDF_FONT_DETAIL);
      compose_detail (lister, &key);
      fit (detail->layout, lister->scratch->str, lister->column_width, &narrow, &detail->fit);
      g_hash_table_add (lister->details, detail);
    }
  if (detail != NULL)
    {
      lister->detail_layout = detail->layout;
      lister->detail_entry = detail;
      line = &detail->fit;
    }
  else
    {
      /* More distinct lines than the cache holds: lay this one out now. */
      compose_detail (lister, &key);
      fit (lister->detail, lister->scratch->str, lister->column_width,
           &lister->detail_narrow, &lister->detail_fit);
      lister->detail_layout = lister->detail;
      line = &lister->detail_fit;
    }
  lister->detail_height = line->height;
  lister->detail_x = !line->wrapped && name.rtl ? lister->column_width - line->width : 0;
  return name.height + line->height;
}

static double
layout_row (Lister    *lister,
            const Row *row)
{
  Fit heading;

  if (row->signatory != NULL)
    return layout_signatory (lister, row->signatory);
  fit (lister->heading, row->heading, lister->column_width, &lister->heading_narrow, &heading);
  return heading.height;
}

/* The space a row takes above itself and its height, plus what must fit
 * with it: a heading is never left alone at the foot of a column.
 */
static double
row_before (Lister   *lister,
            gboolean  heading,
            double    y)
{
  return heading && y > 0 ? lister->heading_before : 0;
}

static double
row_after (Lister   *lister,
           gboolean  heading)
{
  return heading ? lister->heading_after : lister->gap;
}

static double
row_keep (Lister   *lister,
          gboolean  heading)
{
  return heading ? lister->heading_after + lister->min_row : 0;
}

/* Would rows fit in the columns of one page, each capacity high?  The
 * same rules as the drawing loop below.
 */
static gboolean
rows_fit (Lister         *lister,
          const double   *heights,
          const gboolean *headings,
          guint           n,
          double          capacity)
{
  double y = 0;
  guint column = 0;

  for (guint i = 0; i < n; i++)
    {
      double before = row_before (lister, headings[i], y);

      if (heights[i] > capacity)
        return FALSE;
      if (y > 0 && y + before + heights[i] + row_keep (lister, headings[i]) > capacity)
        {
          if (++column == lister->columns)
            return FALSE;
          y = 0;
          before = 0;
        }
      y += before + heights[i] + row_after (lister, headings[i]);
    }
  return TRUE;
}

/* When the rows left fit on this page, the lowest column bottom that
 * still holds them all, so that the columns end level.
 */
static double
balanced_bottom (Lister    *lister,
                 const Row *rows,
                 guint      start,
                 guint      n)
{
  double capacity = lister->pdf->bottom - lister->column_top;
  guint most = lister->columns * (guint) (capacity / lister->min_row + 1);
  g_autofree double *heights = NULL;
  g_autofree gboolean *headings = NULL;
  double total = 0, low, high;
  guint count = n - start;

  if (count == 0 || count > most)
    return lister->pdf->bottom;
  heights = g_new (double, count);
  headings = g_new (gboolean, count);
  lister->measured = TRUE;
  for (guint i = 0; i < count; i++)
    {
      heights[i] = layout_row (lister, &rows[start + i]);
      headings[i] = rows[start + i].signatory == NULL;
      total += heights[i] + row_after (lister, headings[i]);
    }
  if (!rows_fit (lister, heights, headings, count, capacity))
    return lister->pdf->bottom;
  low = total / lister->columns / 2;
  high = capacity;
  while (high - low > 0.5)
    {
      double middle = (low + high) / 2;

      if (rows_fit (lister, heights, headings, count, middle))
        high = middle;
      else
        low = middle;
    }
  /* A hair more, so that rounding never pushes the last row over. */
  return lister->column_top + high + 0.01;
}

static double
column_x (Lister *lister)
{
  return lister->pdf->left + lister->column * (lister->column_width + lister->gutter);
}

static void
start_page (Lister    *lister,
            const Row *rows,
            guint      start,
            guint      n)
{
  lister->column = 0;
  lister->column_top = lister->pdf->y;
  lister->y = lister->column_top;
  lister->lowest = lister->column_top;
  lister->column_bottom = balanced_bottom (lister, rows, start, n);
}

static void
next_column (Lister    *lister,
             const Row *rows,
             guint      start,
             guint      n)
{
  lister->lowest = MAX (lister->lowest, lister->y);
  if (++lister->column < lister->columns)
    {
      lister->y = lister->column_top;
      return;
    }
  us_pdf_new_page (lister->pdf);
  start_page (lister, rows, start, n);
}

/* A row taller than a whole column (a name of hundreds of characters):
 * its lines run on into the next column.  Callers pass no rows to
 * balance, since balancing would lay out other rows in this layout.
 */
static void
flow_lines (Lister      *lister,
            PangoLayout *layout,
            double       x,
            UsPdfInk     ink,
            const Row   *rows,
            guint        start,
            guint        n)
{
  UsPdf *pdf = lister->pdf;
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      if (lister->y > lister->column_top && lister->y + height > lister->column_bottom)
        next_column (lister, rows, start, n);
      us_pdf_set_ink (pdf, ink);
      cairo_move_to (pdf->cr, column_x (lister) + x + (double) logical.x / PANGO_SCALE,
                     lister->y + (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE);
      pango_cairo_show_layout_line (pdf->cr, pango_layout_iter_get_line_readonly (iter));
      lister->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_form (Lister *lister,
           Detail *detail,
           double  x,
           double  y)
{
  cairo_t *cr = lister->pdf->cr;

  if (detail->form == NULL)
    {
      PangoRectangle ink, logical;
      cairo_rectangle_t extents;
      cairo_t *form_cr;

      pango_layout_get_extents (detail->layout, &ink, &logical);
      pango_extents_to_pixels (&ink, NULL);
      pango_extents_to_pixels (&logical, NULL);
      /* Ink may stick out of the logical box (accents, italics). */
      extents.x = MIN (ink.x, logical.x) - 2;
      extents.y = MIN (ink.y, logical.y) - 2;
      extents.width = MAX (ink.x + ink.width, logical.x + logical.width) - extents.x + 4;
      extents.height = MAX (ink.y + ink.height, logical.y + logical.height) - extents.y + 4;
      detail->form = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);
      form_cr = cairo_create (detail->form);
      cairo_set_source_rgb (form_cr, 0.37, 0.36, 0.39);
      pango_cairo_show_layout (form_cr, detail->layout);
      cairo_destroy (form_cr);
    }
  cairo_set_source_surface (cr, detail->form, x, y);
  cairo_paint (cr);
}

static void
draw_heading (Lister    *lister,
              const Row *row,
              double     y)
{
  UsPdf *pdf = lister->pdf;

  us_pdf_show (pdf, lister->heading, column_x (lister), y, US_PDF_INK_ACCENT);
  if (pdf->outline_signatories > 0)
    us_pdf_outline (pdf, pdf->outline_signatories, row->heading, y);
}

static gboolean
draw_rows (Lister    *lister,
           const Row *rows,
           guint      n,
           double     progress_from,
           double     progress_to)
{
  UsPdf *pdf = lister->pdf;

  start_page (lister, rows, 0, n);
  lister->measured = FALSE;
  for (guint i = 0; i < n; i++)
    {
      gboolean heading = rows[i].signatory == NULL;
      double height, before;

      if (i % TICK_ROWS == 0 &&
          !us_pdf_tick (pdf, progress_from + (progress_to - progress_from) * i / n))
        return FALSE;

      height = layout_row (lister, &rows[i]);
      before = row_before (lister, heading, lister->y - lister->column_top);
      if (lister->y > lister->column_top &&
          lister->y + before + height + row_keep (lister, heading) > lister->column_bottom)
        {
          lister->measured = FALSE;
          next_column (lister, rows, i, n);
          /* Balancing a new page measures the rows left in the same
           * layouts: lay this one out again.
           */
          if (lister->measured)
            height = layout_row (lister, &rows[i]);
          before = 0;
        }
      lister->y += before;

      if (heading)
        draw_heading (lister, &rows[i], lister->y);
      else if (height > lister->column_bottom - lister->column_top)
        {
          flow_lines (lister, lister->name, lister->name_x, US_PDF_INK_TEXT, rows, n, n);
          if (lister->detail_layout != NULL)
            flow_lines (lister, lister->detail_layout, lister->detail_x, US_PDF_INK_MUTED,
                        rows, n, n);
          lister->y += lister->gap;
          continue;
        }
      else
        {
          double x = column_x (lister);

          if (lister->name_is_shaped)
            show_shaped (lister, x + lister->name_x, lister->y);
          else
            us_pdf_show (pdf, lister->name, x + lister->name_x, lister->y, US_PDF_INK_TEXT);
          if (lister->detail_entry != NULL)
            draw_form (lister, lister->detail_entry, x + lister->detail_x,
                       lister->y + lister->name_height);
          else if (lister->detail_layout != NULL)
            us_pdf_show (pdf, lister->detail_layout, x + lister->detail_x,
                         lister->y + lister->name_height, US_PDF_INK_MUTED);
        }
      lister->y += height + row_after (lister, heading);
    }
  pdf->y = MAX (lister->lowest, lister->y);
  return TRUE;
}

static void
lister_init (Lister   *lister,
             UsPdf    *pdf,
             gboolean  prominent,
             guint     n_rows)
{
  Fit line;

  memset (lister, 0, sizeof *lister);
  lister->pdf = pdf;
  lister->prominent = prominent;
  lister->with_details = prominent || n_rows <= DETAIL_ROWS_MAX;
  /* Shaping outside a layout uses the context's font: the name font.
   * Every layout sets its own font, so no other text changes.
   */
  lister->saved_font = pango_font_description_copy (pango_context_get_font_description (pdf->context));
  pango_context_set_font_description (pdf->context,
                                      pdf->fonts[prominent ? US_PDF_FONT_PROMINENT_NAME : US_PDF_FONT_NAME]);
  lister->shaped.glyphs = g_ptr_array_new_with_free_func ((GDestroyNotify) pango_glyph_string_free);
  lister->columns = prominent ? 2 : 3;
  lister->gutter = prominent ? 24 : 14;
  lister->column_width = (us_pdf_width (pdf) - (lister->columns - 1) * lister->gutter) / lister->columns;
  /* A name with a line under it needs air; a bare list of names less. */
  lister->gap = prominent ? 9 : lister->with_details ? 4.5 : 2.5;
  lister->heading_before = 8;
  lister->heading_after = 3;
  lister->with_country = !prominent && !pdf->options->group_by_country;
  lister->name = new_layout (lister, prominent ? US_PDF_FONT_PROMINENT_NAME : US_PDF_FONT_NAME);
  lister->detail = new_layout (lister, prominent ? US_PDF_FONT_PROMINENT_DETAIL : US_PDF_FONT_DETAIL);
  lister->heading = new_layout (lister, US_PDF_FONT_GROUP);
  lister->details = g_hash_table_new_full (detail_key_hash, detail_key_equal, NULL, detail_free);
  lister->scratch = g_string_new (NULL);
  lister->name_narrow = lister->detail_narrow = lister->heading_narrow = TRUE;
  fit (lister->name, "Ag", lister->column_width, &lister->name_narrow, &line);
  lister->min_row = line.height + lister->gap;
  lister->line_height = line.height;
  lister->line_ascent = (double) pango_layout_get_baseline (lister->name) / PANGO_SCALE;
}

static void
lister_clear (Lister *lister)
{
  shaped_clear (&lister->shaped);
  g_clear_pointer (&lister->shaped.glyphs, g_ptr_array_unref);
  if (lister->saved_font != NULL)
    {
      pango_context_set_font_description (lister->pdf->context, lister->saved_font);
      g_clear_pointer (&lister->saved_font, pango_font_description_free);
    }
  g_clear_object (&lister->name);
  g_clear_object (&lister->detail);
  g_clear_object (&lister->heading);
  g_clear_pointer (&lister->details, g_hash_table_unref);
  if (lister->scratch != NULL)
    g_string_free (g_steal_pointer (&lister->scratch), TRUE);
}

static int
compare_prominent (gconstpointer a,
                   gconstpointer b)
{
  guint pa = us_signatory_get_prominent (((const Row *) a)->signatory);
  guint pb = us_signatory_get_prominent (((const Row *) b)->signatory);

  return pa < pb ? -1 : pa > pb;
}

typedef struct
{
  const char *code;
  const char *name;
  char       *sort_key;
  GArray     *rows;
} Group;

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const Group *ga = *(const Group **) a;
  const Group *gb = *(const Group **) b;

  /* Signatories without a country come last. */
  if ((ga->code == NULL) != (gb->code == NULL))
    return ga->code == NULL ? 1 : -1;
  return strcmp (ga->sort_key, gb->sort_key);
}

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->sort_key);
  g_array_unref (group->rows);
  g_free (group);
}

/* Splits rows under a heading per country, countries in the order of
 * their names; each country's rows stay in list order.
 */
static GArray *
group_rows (GArray *rows)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (Row), rows->len + 300);

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      UsSignatoryFields f;
      Group *group;

      _us_signatory_get_fields (row->signatory, &f);
      /* Countries are interned: the pointer is the key. */
      group = g_hash_table_lookup (by_code, f.country);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->code = f.country;
          group->name = f.country ? us_pdf_country_name (f.country) : _("Country not given");
          group->sort_key = g_utf8_collate_key (group->name, -1);
          group->rows = g_array_new (FALSE, FALSE, sizeof (Row));
          g_hash_table_insert (by_code, (gpointer) f.country, group);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->rows, *row);
    }
  g_ptr_array_sort (groups, compare_groups);
  for (guint i = 0; i < groups->len; i++)
    {
      Group *group = g_ptr_array_index (groups, i);
      Row heading = { NULL, group->name };

      g_array_append_val (out, heading);
      g_array_append_vals (out, group->rows->data, group->rows->len);
    }
  return out;
}

static void
draw_others (UsPdf *pdf)
{
  guint anonymous = pdf->stats->anonymous;
  g_autofree char *count = us_pdf_format_count (anonymous);
  g_autofree char *line = NULL;

  if (anonymous == 0)
    return;
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s other, who asked not to be named",
                                       "and %s others, who asked not to be named", anonymous),
                          count);
  pdf->y += 10;
  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SUBHEADING, line, us_pdf_width (pdf), NULL);
  us_pdf_ensure (pdf, us_pdf_layout_height (pdf->layout));
  us_pdf_show (pdf, pdf->layout, pdf->left, pdf->y, US_PDF_INK_TEXT);
  pdf->y += us_pdf_layout_height (pdf->layout);
}

gboolean
us_pdf_draw_signatories (UsPdf  *pdf,
                         double  progress_from,
                         double  progress_to)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (pdf->campaign));
  guint n = us_array_store_get_n_items (store);
  g_autoptr(GArray) prominent = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autoptr(GArray) others = g_array_sized_new (FALSE, FALSE, sizeof (Row), pdf->stats->public);
  Lister lister;
  double split;
  gboolean ok = TRUE;

  /* Only the verified who agreed to be named; us_signatory_is_public()
   * already leaves out the withdrawn, whose status is no longer verified.
   */
  for (guint i = 0; i < n; i++)
    {
      UsSignatory *signatory = us_array_store_peek (store, i);
      Row row = { signatory, NULL };

      if (!us_signatory_is_public (signatory))
        continue;
      if (us_signatory_get_prominent (signatory) > 0)
        g_array_append_val (prominent, row);
      else
        g_array_append_val (others, row);
    }
  g_array_sort (prominent, compare_prominent);
  if (pdf->options->group_by_country && others->len > 0)
    {
      GArray *grouped = group_rows (others);

      g_array_unref (others);
      others = grouped;
    }

  /* On a page of its own, so that the letter prints apart from it. */
  pdf->outline_signatories = us_pdf_section (pdf, _("Signed by"), _("Signatories"), TRUE);
  if (prominent->len == 0 && others->len == 0 && pdf->stats->anonymous == 0)
    us_pdf_paragraph (pdf, US_PDF_FONT_BODY, US_PDF_INK_MUTED,
                      _("No signatory is listed yet."), 0);

  split = progress_from + (progress_to - progress_from) * prominent->len / MAX (1, prominent->len + others->len);
  if (prominent->len > 0)
    {
      lister_init (&lister, pdf, TRUE, prominent->len);
      ok = draw_rows (&lister, (const Row *) prominent->data, prominent->len, progress_from, split);
      lister_clear (&lister);
      if (ok && others->len > 0)
        {
          pdf->y += 6;
          us_pdf_ensure (pdf, 40);
          us_pdf_set_ink (pdf, US_PDF_INK_RULE);
          cairo_set_line_width (pdf->cr, 0.5);
          cairo_move_to (pdf->cr, pdf->left, pdf->y);
          cairo_line_to (pdf->cr, pdf->right, pdf->y);
          cairo_stroke (pdf->cr);
          pdf->y += 14;
        }
    }
  if (ok && others->len > 0)
    {
      lister_init (&lister, pdf, FALSE, others->len);
      ok = draw_rows (&lister, (const Row *) others->data, others->len, split, progress_to);
      lister_clear (&lister);
    }
  if (ok)
    draw_others (pdf);
  return ok;
}
