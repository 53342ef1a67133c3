/* us-pdf-private.h: the page machinery shared by the press-pack sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "us-pdf.h"
#include "us-stats.h"

G_BEGIN_DECLS

/* Scripts the signatory list can hold; fontconfig falls back further. */
#define US_PDF_FAMILIES "Noto Sans, Noto Sans CJK SC, Noto Sans Arabic, Noto Sans Hebrew, " \
                        "Noto Sans Devanagari, Noto Sans Thai, DejaVu Sans"
#define US_PDF_MONO_FAMILIES "Noto Sans Mono, DejaVu Sans Mono, Noto Sans CJK SC"

typedef enum
{
  US_PDF_FONT_COVER_TITLE,
  US_PDF_FONT_COVER_SUBTITLE,
  US_PDF_FONT_COVER_FIGURE,
  US_PDF_FONT_KICKER,          /* small capitals over titles */
  US_PDF_FONT_HEADING,         /* section heading */
  US_PDF_FONT_SUBHEADING,
  US_PDF_FONT_LETTER_TITLE,
  US_PDF_FONT_ADDRESSEE,
  US_PDF_FONT_BODY,
  US_PDF_FONT_BODY_BOLD,
  US_PDF_FONT_SUMMARY,         /* an incident's summary */
  US_PDF_FONT_SMALL,
  US_PDF_FONT_PROMINENT_NAME,
  US_PDF_FONT_PROMINENT_DETAIL,
  US_PDF_FONT_NAME,
  US_PDF_FONT_DETAIL,
  US_PDF_FONT_GROUP,           /* country headings in the list */
  US_PDF_FONT_MONO,
  US_PDF_FONT_RUNNING,         /* running header and page numbers */
  US_PDF_N_FONTS
} UsPdfFont;

typedef enum
{
  US_PDF_INK_TEXT,
  US_PDF_INK_MUTED,
  US_PDF_INK_ACCENT,
  US_PDF_INK_RULE,
} UsPdfInk;

typedef struct _UsPdf UsPdf;

struct _UsPdf
{
  UsCampaign           *campaign;
  const UsPdfOptions   *options;
  UsStats              *stats;

  cairo_surface_t      *surface;
  cairo_t              *cr;
  PangoContext         *context;
  /* Reused for every text: a layout per row would cost an allocation and
   * a context lookup each, and one layout holding a long text grows
   * superlinearly.
   */
  PangoLayout          *layout;
  PangoLayout          *layout2;
  /* Only for the running header, which a page break draws in the middle
   * of other text.
   */
  PangoLayout          *chrome;
  PangoFontDescription *fonts[US_PDF_N_FONTS];

  double                page_width;
  double                page_height;
  double                left;
  double                right;
  double                top;
  double                bottom;
  double                y;
  int                   page;
  const char           *section;

  /* Incident ids that the appendix gives a destination, and those the
   * letter linked to: every link must find its target.
   */
  GHashTable           *dest_ids;
  GHashTable           *linked_ids;
  GHashTable           *drawn_dests;
  /* Incident id -> footnote number (GUINT_TO_POINTER). */
  GHashTable           *numbers;
  GPtrArray            *incident_order;

  int                   outline_signatories;

  UsPdfProgressFunc     progress;
  gpointer              progress_data;
  double                progress_reported;
  GCancellable         *cancellable;
  GError               *error;
};

double       us_pdf_width              (UsPdf       *pdf);
void         us_pdf_set_ink            (UsPdf       *pdf,
                                        UsPdfInk     ink);
void         us_pdf_new_page           (UsPdf       *pdf);
/* Starts a new page unless height fits below pdf->y. */
void         us_pdf_ensure             (UsPdf       *pdf,
                                        double       height);
/* Sets text, font, width (<= 0: no wrapping) and attributes (may be NULL)
 * on layout, with words wrapped and nothing ellipsized.
 */
void         us_pdf_setup_layout       (UsPdf         *pdf,
                                        PangoLayout   *layout,
                                        UsPdfFont      font,
                                        const char    *text,
                                        double         width,
                                        PangoAttrList *attrs);
double       us_pdf_layout_height      (PangoLayout *layout);
double       us_pdf_layout_width       (PangoLayout *layout);
/* Draws a laid-out layout at (x, y) in ink. */
void         us_pdf_show               (UsPdf       *pdf,
                                        PangoLayout *layout,
                                        double       x,
                                        double       y,
                                        UsPdfInk     ink);

/* Called for each line just before it is drawn: offset_x/offset_y turn
 * layout coordinates (in points) into page coordinates.
 */
typedef void (*UsPdfLineFunc) (UsPdf           *pdf,
                               PangoLayout     *layout,
                               PangoLayoutLine *line,
                               double           offset_x,
                               double           offset_y,
                               gpointer         data);

/* Draws layout at x from pdf->y, a line at a time, starting new pages as
 * needed; leaves pdf->y below the last line.
 */
void         us_pdf_flow_layout        (UsPdf         *pdf,
                                        PangoLayout   *layout,
                                        double         x,
                                        UsPdfInk       ink,
                                        UsPdfLineFunc  func,
                                        gpointer       data);
/* A block of text across the content width: set up, then flowed. */
void         us_pdf_paragraph          (UsPdf         *pdf,
                                        UsPdfFont      font,
                                        UsPdfInk       ink,
                                        const char    *text,
                                        double         space_after);
/* A section heading, on a new page or below what is there, with its
 * outline entry (outline_title, or title when NULL, which also names the
 * section in the running header); returns the outline id.
 */
int          us_pdf_section            (UsPdf       *pdf,
                                        const char  *title,
                                        const char  *outline_title,
                                        gboolean     new_page);
int          us_pdf_outline            (UsPdf       *pdf,
                                        int          parent,
                                        const char  *title,
                                        double       y);
/* Appends value to attributes, quoted for cairo's tag syntax. */
void         us_pdf_append_quoted      (GString     *out,
                                        const char  *value);
/* A link over a rectangle: call it before drawing what it covers. */
void         us_pdf_link_rect          (UsPdf       *pdf,
                                        const char  *kind,
                                        const char  *target,
                                        double       x,
                                        double       y,
                                        double       width,
                                        double       height);

/* Reports progress (at most every half percent); FALSE when cancelled. */
gboolean     us_pdf_tick               (UsPdf       *pdf,
                                        double       fraction);

/* A country's name in the user's language (iso-codes), or the code. */
const char  *us_pdf_country_name       (const char  *code);
/* A language's name for a BCP 47 tag, or the tag. */
char        *us_pdf_language_name      (const char  *tag);
/* 2020-03-13 as "13 March 2020" in the user's language. */
char        *us_pdf_format_date        (const char  *iso_date);
char        *us_pdf_format_count       (guint        count);

/* The sections, in the order they are drawn. */
void         us_pdf_draw_cover         (UsPdf       *pdf,
                                        UsEdition   *edition);
void         us_pdf_draw_letter        (UsPdf       *pdf,
                                        UsEdition   *edition);
gboolean     us_pdf_draw_signatories   (UsPdf       *pdf,
                                        double       progress_from,
                                        double       progress_to);
void         us_pdf_draw_incidents     (UsPdf       *pdf);
void         us_pdf_draw_verification  (UsPdf       *pdf,
                                        const char  *text);

G_END_DECLS
