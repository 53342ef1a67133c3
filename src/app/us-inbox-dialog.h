/* us-inbox-dialog.h: the incident inbox, and the button that opens it
 *
 * Entries from incident feeds wait here until the user accepts one into
 * the incident list or dismisses it; each decision is one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

/* What the Accept form asks for; NULL date: the entry's. */
typedef struct
{
  const char   *id;
  const char   *victim;
  const char   *country;
  UsAttackType  attack_type;
  const char   *date;
} UsInboxAccept;

/* Creates the incident (with a reference to the entry's link) and marks
 * the candidate accepted, as one undo step when undo is not NULL.
 * Returns the incident (borrowed).
 */
UsIncident  *us_inbox_accept     (UsCampaign          *campaign,
                                  UsUndoStack         *undo,
                                  UsCandidate         *candidate,
                                  const UsInboxAccept *fields);
void         us_inbox_dismiss    (UsCampaign          *campaign,
                                  UsUndoStack         *undo,
                                  UsCandidate         *candidate);

#define US_TYPE_INBOX_DIALOG (us_inbox_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsInboxDialog, us_inbox_dialog, US, INBOX_DIALOG, AdwWindow)

UsInboxDialog *us_inbox_dialog_new          (GtkWindow     *parent,
                                             UsCampaign    *campaign,
                                             UsUndoStack   *undo);
/* Opens the Accept form for candidate, as its row's Accept button does. */
GtkWidget     *us_inbox_dialog_show_accept  (UsInboxDialog *self,
                                             UsCandidate   *candidate);

/* UsInboxButton: "Inbox" with a count of the entries waiting. */

#define US_TYPE_INBOX_BUTTON (us_inbox_button_get_type ())
G_DECLARE_FINAL_TYPE (UsInboxButton, us_inbox_button, US, INBOX_BUTTON, GtkButton)

guint          us_inbox_button_get_count    (UsInboxButton *self);

G_END_DECLS
