/* us-prominent-list.h: the side panel of prominent signatories, in order
 *
 * Shows the signatories of a list whose prominent field is set, sorted
 * by it, with buttons bound to the actions "signatories.move-up" and
 * "signatories.move-down" of an ancestor (the Signatories page).  The
 * panel reads the list only when told to: us_prominent_list_rebuild().
 *
 * Properties:
 *   selected (UsSignatory, read-only): the signatory selected in the panel
 *
 * Signals:
 *   UsProminentList::activate-signatory (UsProminentList *self,
 *                                        UsSignatory     *signatory)
 *     A row was activated (double click, Enter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-signatory.h"

G_BEGIN_DECLS

#define US_TYPE_PROMINENT_LIST (us_prominent_list_get_type ())
G_DECLARE_FINAL_TYPE (UsProminentList, us_prominent_list, US, PROMINENT_LIST, AdwBin)

GtkWidget   *us_prominent_list_new           (void);

/* The signatories to scan: a UsArrayStore of UsSignatory, or NULL. */
void         us_prominent_list_set_store     (UsProminentList *self,
                                              GListModel      *store);
/* Scans the store again.  Unless @force, rows are rebuilt (losing the
 * keyboard focus) only when the order changed.
 */
void         us_prominent_list_rebuild       (UsProminentList *self,
                                              gboolean         force);

/* The prominent signatories in their order. */
GListModel  *us_prominent_list_get_model     (UsProminentList *self);
UsSignatory *us_prominent_list_get_selected  (UsProminentList *self);
/* The position of @signatory in the panel, or -1. */
int          us_prominent_list_find          (UsProminentList *self,
                                              UsSignatory     *signatory);
/* The prominent field of the last one, 0 when there is none. */
guint        us_prominent_list_get_last      (UsProminentList *self);

/* New orders, as of the last rebuild, for us_signatory_change_new_order():
 * the current one; the one with @signatories all starred, or, if they
 * all were, all unstarred (@marking says which); the one with @signatory
 * moved @delta places, or NULL when it cannot move there.
 */
GPtrArray   *us_prominent_list_dup_order     (UsProminentList *self);
GPtrArray   *us_prominent_list_toggle_order  (UsProminentList *self,
                                              GPtrArray       *signatories,
                                              gboolean        *marking);
GPtrArray   *us_prominent_list_move_order    (UsProminentList *self,
                                              UsSignatory     *signatory,
                                              int              delta);

G_END_DECLS
