/* us-letter-page.h: the letter: editions, citations and frozen versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_LETTER_PAGE (us_letter_page_get_type ())
G_DECLARE_FINAL_TYPE (UsLetterPage, us_letter_page, US, LETTER_PAGE, AdwBin)

UsCampaign *us_letter_page_get_campaign (UsLetterPage *self);
void        us_letter_page_set_campaign (UsLetterPage *self,
                                         UsCampaign   *campaign);
/* Pushes the body's pending keystrokes into the edition now. */
void        us_letter_page_flush        (UsLetterPage *self);
/* The edition shown, or NULL when the letter has none. */
UsEdition  *us_letter_page_get_edition  (UsLetterPage *self);
/* The body's buffer: for tests. */
GtkTextBuffer *us_letter_page_get_buffer (UsLetterPage *self);

G_END_DECLS
