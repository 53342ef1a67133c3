/* us-document.h: a campaign, the file it lives in, its undo history and
 * its draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_DOCUMENT (us_document_get_type ())
G_DECLARE_FINAL_TYPE (UsDocument, us_document, US, DOCUMENT, GObject)

UsDocument  *us_document_new              (void);
UsCampaign  *us_document_get_campaign     (UsDocument    *self);
UsUndoStack *us_document_get_undo_stack   (UsDocument    *self);
/* NULL until the campaign is saved or loaded. */
GFile       *us_document_get_file         (UsDocument    *self);
gboolean     us_document_get_busy         (UsDocument    *self);
gboolean     us_document_get_modified     (UsDocument    *self);
/* The campaign's title, or a placeholder for an untitled one. */
char        *us_document_dup_title        (UsDocument    *self);
/* Whether the window shows nothing worth keeping: reused by Open. */
gboolean     us_document_is_pristine      (UsDocument    *self);

/* Shows campaign (and forgets the undo history); file may be NULL. */
void         us_document_set_campaign     (UsDocument    *self,
                                           UsCampaign    *campaign,
                                           GFile         *file);

/* Reads file in a thread; on failure the document is unchanged and the
 * error's message is the CLI's "FILE:LINE:COLUMN: what".
 */
void         us_document_load_async       (UsDocument    *self,
                                           GFile         *file,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
gboolean     us_document_load_finish      (UsDocument    *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* Restores a draft: the campaign as it was, marked modified, belonging to
 * original (NULL for a campaign never saved), whose changes began from
 * original's version etag (NULL when unknown): if the file is another
 * version now, or becomes one, the document says so (changed-on-disk).
 */
void         us_document_recover_async    (UsDocument    *self,
                                           const char    *draft_id,
                                           const char    *draft_path,
                                           GFile         *original,
                                           const char    *etag,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
gboolean     us_document_recover_finish   (UsDocument    *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* Writes the campaign to file (NULL: its own file) in a thread; the
 * document is busy meanwhile and nothing may change the campaign.  Fails
 * with G_IO_ERROR_WRONG_ETAG when someone else changed the file since it
 * was loaded or saved, unless overwrite is set.
 */
void         us_document_save_async       (UsDocument    *self,
                                           GFile         *file,
                                           gboolean       overwrite,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
gboolean     us_document_save_finish      (UsDocument    *self,
                                           GAsyncResult  *result,
                                           GError       **error);

/* UsDocument::changed-on-disk is emitted (once per new version) when
 * another program changes the file after it was loaded or saved.  Call
 * us_document_load_async() to reload it, or this to keep the campaign in
 * memory, which the next save then writes without asking.
 */
void         us_document_keep_own_version (UsDocument    *self);

/* Drafts: written by themselves a few seconds after each change. */
const char  *us_document_get_draft_id     (UsDocument    *self);
/* Writes the draft now if the campaign has unsaved changes (blocking). */
gboolean     us_document_write_draft_now  (UsDocument    *self,
                                           GError       **error);
/* Starts writing the draft now, without waiting for the delay. */
void         us_document_flush_draft      (UsDocument    *self);
/* Forgets the unsaved changes' draft: the user chose Discard. */
void         us_document_discard_draft    (UsDocument    *self);
/* Milliseconds between the last change and the draft (default 3000). */
void         us_document_set_draft_delay  (UsDocument    *self,
                                           guint          delay_ms);

G_END_DECLS
