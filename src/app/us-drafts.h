/* us-drafts.h: unsaved changes kept on disk until a save or a discard
 *
 * A draft is the whole campaign, written a few seconds after each change to
 * $XDG_DATA_HOME/undersigned/drafts/ID.undersigned.  index.ini maps each
 * draft to the file it belongs to, so that the next start after a crash can
 * reopen it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *path;        /* the draft itself */
  char *original;    /* URI of the campaign file, NULL when never saved */
  char *etag;        /* the file's version the changes began from, or NULL */
  char *title;
} UsDraftInfo;

void        us_draft_info_free        (UsDraftInfo   *info);

char       *us_drafts_get_dir         (void);
/* The id of the draft of a saved file: a hash of its URI. */
char       *us_drafts_id_for_file     (GFile         *file);
/* A new id for a campaign that has no file yet. */
char       *us_drafts_new_untitled_id (void);
char       *us_drafts_path_for_id     (const char    *id);

/* Writes bytes to the draft in a thread, then records it in the index,
 * with etag, the version of original the changes began from (NULL when
 * unknown), so that a recovery can tell whether the file changed since.
 */
void        us_drafts_write_async     (const char    *id,
                                       GFile         *original,
                                       const char    *etag,
                                       const char    *title,
                                       GBytes        *bytes,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
gboolean    us_drafts_write_finish    (GAsyncResult  *result,
                                       GError       **error);
/* The same, blocking: for quitting, when there is no main loop left. */
gboolean    us_drafts_write           (const char    *id,
                                       GFile         *original,
                                       const char    *etag,
                                       const char    *title,
                                       GBytes        *bytes,
                                       GError       **error);
void        us_drafts_remove          (const char    *id);
/* Every draft whose file exists, as UsDraftInfo. */
GPtrArray  *us_drafts_list            (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsDraftInfo, us_draft_info_free)

G_END_DECLS
