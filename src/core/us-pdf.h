/* us-pdf.h: the press-pack PDF
 *
 * A cover, the letter in one edition with numbered citations linked to
 * an appendix of the incidents it cites, the signatories who agreed to be
 * named (prominent ones first), a count of those who signed anonymously,
 * and optionally a section on how to verify the signed XML export.  Drawn
 * with cairo's PDF surface and PangoCairo only; fonts are embedded.
 *
 * Never printed: e-mail addresses, notes, the campaign contact, and any
 * signatory who is not verified, has withdrawn or did not consent to a
 * named listing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"

G_BEGIN_DECLS

typedef enum
{
  US_PAPER_A4,
  US_PAPER_LETTER,
} UsPaper;

typedef struct
{
  UsPaper      paper;
  /* The edition to print (a BCP 47 tag); NULL for the first one. */
  const char  *language;
  /* Signatories under a heading per country, countries by name. */
  gboolean     group_by_country;
  /* NULL, or the text of a final "Verification" section.  Paragraphs are
   * separated by blank lines; a paragraph whose lines all start with four
   * spaces is set in a monospaced font (commands, fingerprints).
   */
  const char  *verification_text;
} UsPdfOptions;

typedef void (*UsPdfProgressFunc) (double   fraction,
                                   gpointer data);

/* Writes the press pack to path (directly: callers that want an atomic
 * replacement write to a temporary name and rename it).  progress, when
 * not NULL, is called from the calling thread with fractions from 0 to 1.
 * On failure or cancellation the partial file is removed.  An unknown
 * options->language is an error (G_IO_ERROR_NOT_FOUND).
 */
gboolean us_pdf_export (UsCampaign          *campaign,
                        const UsPdfOptions  *options,
                        const char          *path,
                        UsPdfProgressFunc    progress,
                        gpointer             data,
                        GCancellable        *cancellable,
                        GError             **error);

G_END_DECLS
