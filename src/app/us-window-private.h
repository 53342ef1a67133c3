/* us-window-private.h: what the window's files share
 *
 * UsWindow lives in three files: us-window.c (the window, its state and
 * its actions), us-window-files.c (loading, saving, closing with unsaved
 * changes, the file changed on disk, dropped files) and
 * us-window-pages.c (the pages, built lazily, and the switchers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-window.h"

G_BEGIN_DECLS

/* The four pages, in the stack's order. */
typedef enum {
  PAGE_LETTER,
  PAGE_SIGNATORIES,
  PAGE_INCIDENTS,
  PAGE_SOURCES,
  N_PAGES
} PageId;

struct _UsWindow
{
  AdwApplicationWindow  parent_instance;

  UsDocument           *document;
  GFile                *loading_file;
  char                 *screenshot_path;
  guint                 screenshot_frames;
  guint                 close_confirmed : 1;
  guint                 close_after_save : 1;
  guint                 load_as_copy : 1;
  guint                 application_bound : 1;
  guint                 lazy_bind_id;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewStack         *stack;
  AdwBin               *slots[N_PAGES];
  GMenu                *recent_section;

  /* Each page, once built into its slot (_us_window_ensure_page()) */
  GtkWidget            *pages[N_PAGES];
};

/* us-window.c */
void       _us_window_flush_letter     (UsWindow       *self);

/* us-window-files.c */
void       _us_window_files_init       (UsWindow       *self);
/* FALSE while the window must stay open: busy, or a question about
 * unsaved changes asked.
 */
gboolean   _us_window_may_close        (UsWindow       *self);

/* us-window-pages.c */
void       _us_window_pages_class_init (GtkWidgetClass *widget_class);
void       _us_window_pages_init       (UsWindow       *self);
GtkWidget *_us_window_ensure_page      (UsWindow       *self,
                                        PageId          id);

G_END_DECLS
