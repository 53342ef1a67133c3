/* us-duplicates.h: people who signed twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

/* Groups of likely duplicates among the campaign's signatories: the same
 * normalised name with different (or missing) e-mails, and the same
 * e-mail (trimmed, any case) under any name.  Returns a GPtrArray of
 * groups, each a GPtrArray of UsSignatory (referenced, in list order);
 * groups are ordered by their first member's place in the list.  Reads
 * only, so it may run in a worker thread while nothing edits the list.
 * Returns NULL when cancelled.
 */
GPtrArray *us_duplicates_find  (UsCampaign   *campaign,
                                GCancellable *cancellable);
/* Merges every other member of group into keep (fills keep's empty
 * fields, keeps the earliest signing time, keeps keep's status and
 * consent, except that a withdrawal is never lost) and removes them from
 * the campaign, as one undo step when undo is not NULL.
 */
void       us_duplicates_merge (UsCampaign   *campaign,
                                GPtrArray    *group,
                                UsSignatory  *keep,
                                UsUndoStack  *undo);

G_END_DECLS
