/* us-signatory-changes.h: the Signatories page's undoable edits
 *
 * A UsSignatoryChange is one step of the undo stack: the fields of some
 * signatories (full snapshots from the form, or one field's old and new
 * values for a bulk edit, so that marking 100,000 rows verified costs
 * 16 bytes a row), or rows added to or removed from a campaign.  After
 * applying itself either way it tells its owner, if the owner is still
 * alive, which fields changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "us-campaign.h"

G_BEGIN_DECLS

/* What an edit changed, to know what to filter, sort and count again. */
typedef enum
{
  US_SIGNATORY_FIELD_STATUS    = 1 << 0,
  US_SIGNATORY_FIELD_CONSENT   = 1 << 1,
  US_SIGNATORY_FIELD_PROMINENT = 1 << 2,
  US_SIGNATORY_FIELD_ALL       = 0xff,
} UsSignatoryField;

typedef struct _UsSignatoryChange UsSignatoryChange;

typedef void (*UsSignatoryChangeNotify) (gpointer         owner,
                                         UsSignatoryField fields);

/* Field edits: US_SIGNATORY_FIELD_ALL takes snapshots, one field values. */
UsSignatoryChange *us_signatory_change_new_fields   (UsSignatoryField         fields);
void               us_signatory_change_add_snapshot (UsSignatoryChange       *self,
                                                     UsSignatory             *signatory,
                                                     UsSignatory             *before,
                                                     UsSignatory             *after);
void               us_signatory_change_add_value    (UsSignatoryChange       *self,
                                                     UsSignatory             *signatory,
                                                     guint                    old_value,
                                                     guint                    new_value);

/* The form's edit of @target into @after, whose prominent field only
 * says whether to list @target first: it keeps its place, takes the
 * last, or leaves a gap in @prominent (the prominent signatories in
 * order) that the others close.  NULL when nothing changes.
 */
UsSignatoryChange *us_signatory_change_new_edit     (UsSignatory             *target,
                                                     UsSignatory             *after,
                                                     GListModel              *prominent);
/* @field (status or consent) of @signatories set to @value. */
UsSignatoryChange *us_signatory_change_new_values   (UsSignatoryField         field,
                                                     GPtrArray               *signatories,
                                                     guint                    value);
/* Positions 1, 2, 3... for the signatories in @order, and 0 for those of
 * @prominent not in it.
 */
UsSignatoryChange *us_signatory_change_new_order    (GListModel              *prominent,
                                                     GPtrArray               *order);

/* Rows: @signatory appended to @campaign, or @signatories removed from
 * it; NULL when none of them is in the campaign.
 */
UsSignatoryChange *us_signatory_change_new_added    (UsCampaign              *campaign,
                                                     UsSignatory             *signatory);
UsSignatoryChange *us_signatory_change_new_removed  (UsCampaign              *campaign,
                                                     GPtrArray               *signatories);

/* The signatories edited, added or removed. */
guint              us_signatory_change_get_n_rows   (UsSignatoryChange       *self);
void               us_signatory_change_set_notify   (UsSignatoryChange       *self,
                                                     GObject                 *owner,
                                                     UsSignatoryChangeNotify  notify);
void               us_signatory_change_apply        (UsSignatoryChange       *self,
                                                     gboolean                 forward);
/* UsUndoFunc's, for us_undo_stack_push(). */
void               us_signatory_change_undo         (gpointer                 change);
void               us_signatory_change_redo         (gpointer                 change);
void               us_signatory_change_free         (UsSignatoryChange       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsSignatoryChange, us_signatory_change_free)

G_END_DECLS
