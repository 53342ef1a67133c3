/* us-duplicates-dialog.h: likely duplicates among the signatories
 *
 * Lists groups of signatories who share a name (under different
 * e-mails) or an e-mail, found in a worker thread; for each, the user
 * picks the entry to keep and merges the others into it (one undo step
 * each), or keeps them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_DUPLICATES_DIALOG (us_duplicates_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsDuplicatesDialog, us_duplicates_dialog, US, DUPLICATES_DIALOG, AdwWindow)

/* What "win.find-duplicates" runs; undo may be NULL. */
void                us_duplicates_dialog_present (GtkWindow   *parent,
                                                  UsCampaign  *campaign,
                                                  UsUndoStack *undo);
UsDuplicatesDialog *us_duplicates_dialog_new     (GtkWindow   *parent,
                                                  UsCampaign  *campaign,
                                                  UsUndoStack *undo);
/* The groups on show (GPtrArray of GPtrArray of UsSignatory), or NULL
 * while searching; for tests.
 */
GPtrArray          *us_duplicates_dialog_get_groups (UsDuplicatesDialog *self);

G_END_DECLS
