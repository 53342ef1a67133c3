/* us-letter-update-dialog.h: a newer published letter, side by side
 *
 * Shows each edition's current text next to the published one, with the
 * paragraphs added, removed or changed highlighted; Accept takes the
 * published text as one undo step, Ignore leaves the letter alone (the
 * next refresh offers the update again).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_LETTER_UPDATE_DIALOG (us_letter_update_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsLetterUpdateDialog, us_letter_update_dialog, US, LETTER_UPDATE_DIALOG, AdwWindow)

GtkWidget *us_letter_update_dialog_new    (GtkWindow            *parent,
                                           UsCampaign           *campaign,
                                           UsUndoStack          *undo,
                                           UsLetter             *update);
/* Takes the update's text into the campaign's letter, as Accept does. */
void       us_letter_update_dialog_accept (UsLetterUpdateDialog *self);

G_END_DECLS
