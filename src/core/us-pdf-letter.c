/* us-pdf-letter.c: the letter, the incident appendix and the verification
 * section of the press pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "us-citation.h"
#include "us-pdf-private.h"

#define NUMBER_GUTTER 26.0

static char *
dest_name (const char *incident_id)
{
  return g_strconcat ("inc-", incident_id, NULL);
}

/* --- the letter --------------------------------------------------------- */

typedef struct
{
  guint       start;      /* byte range of the footnote number */
  guint       end;
  const char *id;
} Note;

static void
add_attr (PangoAttrList  *attrs,
          PangoAttribute *attr,
          guint           start,
          guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

static void
superscript (PangoAttrList *attrs,
             guint          start,
             guint          end)
{
  add_attr (attrs, pango_attr_baseline_shift_new (PANGO_BASELINE_SHIFT_SUPERSCRIPT), start, end);
  add_attr (attrs, pango_attr_font_scale_new (PANGO_FONT_SCALE_SUPERSCRIPT), start, end);
  add_attr (attrs, pango_attr_foreground_new (0x1a00, 0x5f00, 0xb500), start, end);
  add_attr (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, end);
}

static gboolean
only_spaces (const char *start,
             const char *end)
{
  for (const char *p = start; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Turns "attacked [@brno-2020]." into "attacked¹." with the number
 * superscript; neighbouring citations become "¹,²".  A citation of an
 * incident the campaign does not have is dropped (the editor flags it).
 */
static char *
render_citations (UsPdf         *pdf,
                  const char    *text,
                  PangoAttrList *attrs,
                  GArray        *notes)
{
  g_autoptr(GPtrArray) found = us_citations_find (text);
  GString *out = g_string_new (NULL);
  gsize pos = 0;
  gboolean after_note = FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      UsCitation *c = g_ptr_array_index (found, i);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (pdf->numbers, c->id));
      Note note;

      if (number == 0)
        {
          /* Nothing to point at: leave the marker out rather than print
           * "[@id]" in a press pack.
           */
          g_string_append_len (out, text + pos, c->start - pos);
          if (c->end < strlen (text) && g_ascii_isspace (text[c->end]))
            while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
              g_string_truncate (out, out->len - 1);
          pos = c->end;
          continue;
        }
      if (after_note && only_spaces (text + pos, text + c->start))
        {
          g_string_append_c (out, ',');
          superscript (attrs, out->len - 1, out->len);
        }
      else
        {
          g_string_append_len (out, text + pos, c->start - pos);
          while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
            g_string_truncate (out, out->len - 1);
        }
      note.start = out->len;
      g_string_append_printf (out, "%u", number);
      note.end = out->len;
      /* The incident's own id: c->id goes with found. */
      note.id = g_hash_table_lookup (pdf->dest_ids, c->id);
      superscript (attrs, note.start, note.end);
      g_array_append_val (notes, note);
      pos = c->end;
      after_note = TRUE;
    }
  g_string_append (out, text + pos);
  return g_string_free (out, FALSE);
}

static void
link_notes (UsPdf           *pdf,
            PangoLayout     *layout,
            PangoLayoutLine *line,
            double           offset_x,
            double           offset_y,
            gpointer         data)
{
  GArray *notes = data;

  for (guint i = 0; i < notes->len; i++)
    {
      Note *note = &g_array_index (notes, Note, i);
      g_autofree char *dest = NULL;
      PangoRectangle first, last;
      double x0, x1, y0, y1;

      if (note->start < (guint) line->start_index ||
          note->start >= (guint) (line->start_index + line->length))
        continue;
      /* Only incidents in the appendix have numbers, so the target exists;
       * check_links() in us-pdf.c makes sure it was drawn.
       */
      if (note->id == NULL)
        continue;
      pango_layout_index_to_pos (layout, note->start, &first);
      pango_layout_index_to_pos (layout, note->end - 1, &last);
      x0 = MIN (MIN (first.x, first.x + first.width), MIN (last.x, last.x + last.width));
      x1 = MAX (MAX (first.x, first.x + first.width), MAX (last.x, last.x + last.width));
      y0 = MIN (first.y, last.y);
      y1 = MAX (first.y + first.height, last.y + last.height);
      dest = dest_name (note->id);
      /* A superscript digit is a small target: widen it a little. */
      us_pdf_link_rect (pdf, "dest", dest,
                        offset_x + (double) x0 / PANGO_SCALE - 1.5,
                        offset_y + (double) y0 / PANGO_SCALE,
                        (double) (x1 - x0) / PANGO_SCALE + 3,
                        (double) (y1 - y0) / PANGO_SCALE);
      g_hash_table_add (pdf->linked_ids, g_strdup (note->id));
    }
}

static gboolean
is_rtl (UsPdf      *pdf,
        const char *text)
{
  us_pdf_setup_layout (pdf, pdf->layout2, US_PDF_FONT_BODY, text, -1, NULL);
  return pango_layout_get_line_readonly (pdf->layout2, 0)->resolved_dir == PANGO_DIRECTION_RTL;
}

/* Where a text column narrower than the page starts: at the margin its
 * paragraph's direction reads from.
 */
static double
measure_x (UsPdf       *pdf,
           PangoLayout *layout,
           double       measure)
{
  if (pango_layout_get_line_readonly (layout, 0)->resolved_dir == PANGO_DIRECTION_RTL)
    return pdf->right - measure;
  return pdf->left;
}

void
us_pdf_draw_letter (UsPdf     *pdf,
                    UsEdition *edition)
{
  const char *title = us_edition_get_title (edition);
  const char *addressee = us_edition_get_addressee (edition);
  const char *language = us_edition_get_language (edition);
  g_auto(GStrv) paragraphs = us_edition_dup_paragraphs (edition);
  PangoLanguage *pango_language = language ? pango_language_from_string (language) : NULL;
  double width = us_pdf_width (pdf);
  /* About 75 characters a line: a full A4 measure tires the eye. */
  double measure = MIN (width, 430);
  gboolean rtl;

  /* The letter's own title heads the page; the outline calls it Letter.
   * A right-to-left edition hangs everything from the right margin.
   */
  pdf->section = _("Letter");
  us_pdf_new_page (pdf);
  us_pdf_outline (pdf, CAIRO_PDF_OUTLINE_ROOT, _("Letter"), pdf->y);
  rtl = is_rtl (pdf, title && *title ? title : paragraphs[0]);
  {
    g_autofree char *kicker = g_utf8_strup (_("Open letter"), -1);
    g_autoptr(PangoAttrList) spaced = pango_attr_list_new ();

    pango_attr_list_insert (spaced, pango_attr_letter_spacing_new (1.2 * PANGO_SCALE));
    us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_KICKER, kicker, width, spaced);
    pango_layout_set_alignment (pdf->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    us_pdf_show (pdf, pdf->layout, pdf->left, pdf->y, US_PDF_INK_ACCENT);
    pdf->y += us_pdf_layout_height (pdf->layout) + 6;
  }
  if (title != NULL && *title)
    {
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_LETTER_TITLE, title, width, NULL);
      pango_layout_set_line_spacing (pdf->layout, 1.1);
      us_pdf_flow_layout (pdf, pdf->layout, pdf->left, US_PDF_INK_TEXT, NULL, NULL);
      pdf->y += 6;
    }
  us_pdf_set_ink (pdf, US_PDF_INK_ACCENT);
  cairo_rectangle (pdf->cr, rtl ? pdf->right - 36 : pdf->left, pdf->y, 36, 2.5);
  cairo_fill (pdf->cr);
  pdf->y += 16;
  if (addressee != NULL && *addressee)
    {
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_ADDRESSEE, addressee, measure, NULL);
      us_pdf_flow_layout (pdf, pdf->layout, measure_x (pdf, pdf->layout, measure), US_PDF_INK_TEXT,
                          NULL, NULL);
      pdf->y += 12;
    }

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (Note));
      g_autofree char *text = NULL;
      double line_height;

      /* The edition's language steers line breaking and CJK glyph forms. */
      if (pango_language != NULL)
        pango_attr_list_insert (attrs, pango_attr_language_new (pango_language));
      text = render_citations (pdf, paragraphs[i], attrs, notes);
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_BODY, text, measure, attrs);
      pango_layout_set_line_spacing (pdf->layout, 1.45);
      /* Never leave a paragraph's first line alone at the foot of a page. */
      line_height = us_pdf_layout_height (pdf->layout) / MAX (1, pango_layout_get_line_count (pdf->layout));
      us_pdf_ensure (pdf, MIN (us_pdf_layout_height (pdf->layout), 2 * line_height));
      us_pdf_flow_layout (pdf, pdf->layout, measure_x (pdf, pdf->layout, measure),
                          US_PDF_INK_TEXT, link_notes, notes);
      pdf->y += 11;
    }
}

/* --- the incident appendix ---------------------------------------------- */

static const char *
attack_label (UsAttackType type)
{
  switch (type)
    {
    case US_ATTACK_RANSOMWARE:
      return _("Ransomware");
    case US_ATTACK_DDOS:
      return _("Denial of service");
    case US_ATTACK_DATA_BREACH:
      return _("Data breach");
    case US_ATTACK_PHISHING:
      return _("Phishing");
    case US_ATTACK_OTHER:
    default:
      return NULL;
    }
}

static char *
incident_dates (UsIncident *incident)
{
  g_autofree char *start = us_pdf_format_date (us_incident_get_date (incident));
  g_autofree char *end = us_pdf_format_date (us_incident_get_date_end (incident));

  if (start == NULL)
    return NULL;
  if (end == NULL || g_strcmp0 (start, end) == 0)
    return g_steal_pointer (&start);
  return g_strdup_printf ("%s – %s", start, end);
}

static char *
incident_facts (UsIncident *incident)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dates = incident_dates (incident);
  const char *victim = us_incident_get_victim (incident);
  const char *sector = us_incident_get_sector (incident);
  const char *country = us_incident_get_country (incident);
  const char *attack = attack_label (us_incident_get_attack_type (incident));

  if (dates != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&dates));
  if (victim != NULL && *victim)
    g_ptr_array_add (parts, g_strdup (victim));
  if (sector != NULL && *sector)
    g_ptr_array_add (parts, g_strdup (sector));
  if (country != NULL && *country)
    g_ptr_array_add (parts, g_strdup (us_pdf_country_name (country)));
  if (attack != NULL)
    g_ptr_array_add (parts, g_strdup (attack));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("  ·  ", (char **) parts->pdata);
}

static gboolean
is_web_address (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "https://", 8) == 0 ||
          g_ascii_strncasecmp (url, "http://", 7) == 0);
}

static void
draw_reference (UsPdf       *pdf,
                UsReference *reference,
                double       x,
                double       width)
{
  const char *url = us_reference_get_url (reference);
  const char *title = us_reference_get_title (reference);
  const char *publisher = us_reference_get_publisher (reference);
  g_autofree char *published = us_pdf_format_date (us_reference_get_published (reference));
  g_autoptr(GString) line = g_string_new (NULL);
  double height;

  if (title != NULL && *title)
    g_string_append (line, title);
  if (publisher != NULL && *publisher)
    g_string_append_printf (line, "%s%s", line->len ? " — " : "", publisher);
  if (published != NULL)
    g_string_append_printf (line, "%s%s", line->len ? ", " : "", published);
  if (line->len > 0)
    {
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, line->str, width, NULL);
      us_pdf_ensure (pdf, us_pdf_layout_height (pdf->layout) + 12);
      us_pdf_flow_layout (pdf, pdf->layout, x, US_PDF_INK_TEXT, NULL, NULL);
    }
  if (url == NULL || *url == '\0')
    return;

  /* A link is the whole URL's box; a URL long enough to wrap is rare and
   * then the box covers every line of it on this page.
   */
  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, url, width, NULL);
  height = us_pdf_layout_height (pdf->layout);
  us_pdf_ensure (pdf, height);
  /* Only web addresses become links: a javascript: or file: URL in a
   * shared campaign file must not turn into an action in the reader.
   */
  if (is_web_address (url))
    us_pdf_link_rect (pdf, "uri", url, x, pdf->y,
                      MIN (us_pdf_layout_width (pdf->layout), width), height);
  us_pdf_show (pdf, pdf->layout, x, pdf->y, US_PDF_INK_ACCENT);
  pdf->y += height + 4;
}

static void
draw_incident (UsPdf      *pdf,
               int         outline,
               UsIncident *incident,
               guint       number)
{
  GListModel *references = us_incident_get_references (incident);
  const char *id = us_incident_get_id (incident);
  const char *title = us_incident_get_title (incident);
  const char *summary = us_incident_get_summary (incident);
  g_autofree char *facts = incident_facts (incident);
  g_autofree char *label = g_strdup_printf ("%u", number);
  g_autofree char *dest = dest_name (id);
  g_autofree char *outline_title = NULL;
  g_autoptr(GString) attrs = g_string_new ("name=");
  double x = pdf->left + NUMBER_GUTTER;
  double width = us_pdf_width (pdf) - NUMBER_GUTTER;
  double title_height;

  if (title == NULL || *title == '\0')
    title = id;
  us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SUBHEADING, title, width, NULL);
  title_height = us_pdf_layout_height (pdf->layout);
  /* Keep the title with its facts and the start of the summary. */
  us_pdf_ensure (pdf, title_height + 60);

  outline_title = g_strdup_printf ("%u. %s", number, title);
  us_pdf_outline (pdf, outline, outline_title, pdf->y);

  /* Every incident gets its destination once, even if two share an id. */
  if (g_hash_table_contains (pdf->dest_ids, id) && !g_hash_table_contains (pdf->drawn_dests, id))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      us_pdf_append_quoted (attrs, dest);
      g_string_append_printf (attrs, " x=%s", g_ascii_formatd (buf, sizeof buf, "%.1f", pdf->left));
      g_string_append_printf (attrs, " y=%s", g_ascii_formatd (buf, sizeof buf, "%.1f", MAX (0, pdf->y - 8)));
      cairo_tag_begin (pdf->cr, CAIRO_TAG_DEST, attrs->str);
      us_pdf_show (pdf, pdf->layout, x, pdf->y, US_PDF_INK_TEXT);
      cairo_tag_end (pdf->cr, CAIRO_TAG_DEST);
      g_hash_table_add (pdf->drawn_dests, g_strdup (id));
    }
  else
    us_pdf_show (pdf, pdf->layout, x, pdf->y, US_PDF_INK_TEXT);

  us_pdf_setup_layout (pdf, pdf->layout2, US_PDF_FONT_SUBHEADING, label, -1, NULL);
  us_pdf_show (pdf, pdf->layout2, pdf->left, pdf->y, US_PDF_INK_ACCENT);
  pdf->y += title_height + 2;

  if (facts != NULL && *facts)
    {
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SMALL, facts, width, NULL);
      us_pdf_flow_layout (pdf, pdf->layout, x, US_PDF_INK_MUTED, NULL, NULL);
      pdf->y += 4;
    }
  if (summary != NULL && *summary)
    {
      us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_SUMMARY, summary, width, NULL);
      pango_layout_set_line_spacing (pdf->layout, 1.35);
      us_pdf_flow_layout (pdf, pdf->layout, x, US_PDF_INK_TEXT, NULL, NULL);
      pdf->y += 4;
    }
  for (guint i = 0; i < g_list_model_get_n_items (references); i++)
    {
      g_autoptr(UsReference) reference = g_list_model_get_item (references, i);

      draw_reference (pdf, reference, x, width);
    }
  pdf->y += 14;
}

void
us_pdf_draw_incidents (UsPdf *pdf)
{
  int outline = us_pdf_section (pdf, _("Incidents"), NULL, TRUE);

  us_pdf_paragraph (pdf, US_PDF_FONT_SMALL, US_PDF_INK_MUTED,
                    _("The attacks the letter cites, numbered as in its notes, and the public "
                      "sources that document them."), 16);
  for (guint i = 0; i < pdf->incident_order->len; i++)
    {
      UsIncident *incident = g_ptr_array_index (pdf->incident_order, i);

      draw_incident (pdf, outline, incident, i + 1);
      if (!us_pdf_tick (pdf, 0.86 + 0.02 * (i + 1) / pdf->incident_order->len))
        return;
    }
}

/* --- verification ------------------------------------------------------- */

static gboolean
is_code (const char *paragraph)
{
  g_auto(GStrv) lines = g_strsplit (paragraph, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "    "))
      return FALSE;
  return TRUE;
}

static char *
strip_code_indent (const char *paragraph)
{
  g_auto(GStrv) lines = g_strsplit (paragraph, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    memmove (lines[i], lines[i] + 4, strlen (lines[i] + 4) + 1);
  return g_strjoinv ("\n", lines);
}

void
us_pdf_draw_verification (UsPdf      *pdf,
                          const char *text)
{
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);
  gboolean new_page = pdf->y > pdf->top + (pdf->bottom - pdf->top) * 0.6;

  us_pdf_section (pdf, _("Verification"), NULL, new_page);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      char *paragraph = paragraphs[i];

      /* Keep the leading spaces that mark code; drop stray newlines. */
      while (*paragraph == '\n' || *paragraph == '\r')
        paragraph++;
      g_strchomp (paragraph);
      if (*paragraph == '\0')
        continue;
      if (is_code (paragraph))
        {
          g_autofree char *code = strip_code_indent (paragraph);
          double height;

          us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_MONO, code, us_pdf_width (pdf) - 16, NULL);
          height = us_pdf_layout_height (pdf->layout);
          us_pdf_ensure (pdf, MIN (height + 12, 80));
          if (pdf->y + height + 12 <= pdf->bottom)
            {
              /* A tinted box behind the commands, as in a manual. */
              cairo_set_source_rgb (pdf->cr, 0.96, 0.96, 0.95);
              cairo_rectangle (pdf->cr, pdf->left, pdf->y, us_pdf_width (pdf), height + 12);
              cairo_fill (pdf->cr);
            }
          pdf->y += 6;
          us_pdf_flow_layout (pdf, pdf->layout, pdf->left + 8, US_PDF_INK_TEXT, NULL, NULL);
          pdf->y += 14;
        }
      else
        {
          us_pdf_setup_layout (pdf, pdf->layout, US_PDF_FONT_BODY, g_strstrip (paragraph),
                               us_pdf_width (pdf), NULL);
          pango_layout_set_line_spacing (pdf->layout, 1.3);
          us_pdf_flow_layout (pdf, pdf->layout, pdf->left, US_PDF_INK_TEXT, NULL, NULL);
          pdf->y += 8;
        }
    }
}
