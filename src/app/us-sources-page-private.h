/* us-sources-page-private.h: shared by us-sources-page.c (the page,
 * refreshing) and us-sources-page-edits.c (adding, editing, removing
 * sources and moving their tokens)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-source-dialog.h"
#include "us-sources-page.h"

G_BEGIN_DECLS

struct _UsSourcesPage
{
  AdwBin           parent_instance;

  UsCampaign      *campaign;
  UsUndoStack     *undo_stack;
  UsFetcher       *fetcher;        /* an override, for tests */
  UsFetcher       *running;        /* the fetcher of the refresh in flight */
  GCancellable    *cancellable;
  GSettings       *settings;
  char            *last_summary;
  char            *keyring_error;  /* of this refresh's token lookups */
  guint            auto_refresh_id;
  guint            clock_id;
  guint            pending_tokens;
  GStrv            pending_ids;
  guint            editing;        /* an edit moves its token itself */

  GtkStack        *stack;
  GtkListBox      *list;
  GtkRevealer     *progress_revealer;
  GtkProgressBar  *progress_bar;
  AdwComboRow     *interval_row;
};

/* A toast in the page's window; with undo, an Undo button. */
void _us_sources_page_toast          (UsSourcesPage  *self,
                                      const char     *title,
                                      gboolean        undo);
/* The source dialog's "saved": an added source, or an edit, as one undo
 * step.
 */
void _us_sources_page_source_saved   (UsSourceDialog *dialog,
                                      UsSource       *values,
                                      UsSourcesPage  *self);
/* Watches the sources of a campaign's list ("items-changed") so that
 * their tokens follow their addresses.
 */
void _us_sources_page_watch_sources  (GListModel     *sources,
                                      guint           position,
                                      guint           removed,
                                      guint           added,
                                      UsSourcesPage  *self);
void _us_sources_page_source_url_cb  (UsSource       *source,
                                      GParamSpec     *pspec,
                                      UsSourcesPage  *self);

G_END_DECLS
