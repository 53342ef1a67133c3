/* us-signatories-page.h: the campaign's signatories, as a list and in charts
 *
 * A self-contained page: a column view over the campaign's signatories
 * (sortable, searchable on the normalised key, filtered by status and
 * consent, fast at 100,000 rows), a side list of the prominent signatories
 * in their order, statistics, and a footer with the counts.
 *
 * Actions, installed on the widget with the prefix "signatories." so a
 * window, a menu or a test reaches them with gtk_widget_activate_action():
 *
 *   add                 open the form for a new signatory
 *   edit                open the form for the selected signatory
 *   delete              delete the selection (one undo step, Undo toast)
 *   find                focus the search entry (bind Ctrl+F to it)
 *   mark-verified, mark-rejected, mark-withdrawn, mark-pending
 *                       set the status of the whole selection, one step
 *   set-consent ("s")   "named", "anonymous" or "none" for the selection
 *   toggle-prominent    list the selection first, or stop listing it so
 *   move-up, move-down  reorder the prominent signatory selected in the
 *                       side list (or the one selected in the main list)
 *
 * Keys: Enter on a row edits it, Delete deletes the selection, Alt+Up and
 * Alt+Down move a prominent signatory, typing anywhere in the page starts
 * a search.
 *
 * Every edit goes through the "undo-stack", when one is set.
 *
 * Signals:
 *
 *   UsSignatoriesPage::toast (UsSignatoriesPage *page, AdwToast *toast)
 *     G_SIGNAL_RUN_LAST.  The page has feedback to show (a deletion with
 *     its Undo button, a bulk change).  The window connects to it and
 *     calls adw_toast_overlay_add_toast (overlay, g_object_ref (toast)).
 *     When nothing is connected, the page adds the toast to the nearest
 *     AdwToastOverlay above it, if any.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORIES_PAGE (us_signatories_page_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatoriesPage, us_signatories_page, US, SIGNATORIES_PAGE, AdwBin)

GtkWidget   *us_signatories_page_new            (void);

UsCampaign  *us_signatories_page_get_campaign   (UsSignatoriesPage *self);
void         us_signatories_page_set_campaign   (UsSignatoriesPage *self,
                                                 UsCampaign        *campaign);
UsUndoStack *us_signatories_page_get_undo_stack (UsSignatoriesPage *self);
void         us_signatories_page_set_undo_stack (UsSignatoriesPage *self,
                                                 UsUndoStack       *undo_stack);

/* The signatories shown, after search, filters and sorting: what the
 * column view displays.  For tests and for "export what I see".
 */
GListModel  *us_signatories_page_get_shown      (UsSignatoriesPage *self);

G_END_DECLS
