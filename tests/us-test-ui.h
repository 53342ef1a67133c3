/* us-test-ui.h: setting up, waiting and looking, for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "us-application.h"

G_BEGIN_DECLS

typedef enum {
  US_TEST_UI_DEFAULT     = 0,
  /* A private XDG_RUNTIME_DIR too: for a private keyring daemon. */
  US_TEST_UI_RUNTIME_DIR = 1 << 0,
} UsTestUiFlags;

/* The start of a UI test's main(): a home of its own in a new temporary
 * folder "undersigned-NAME-XXXXXX" (XDG_DATA_HOME, XDG_CONFIG_HOME,
 * XDG_STATE_HOME and XDG_CACHE_HOME), so that drafts, settings and
 * recent files start empty; settings in memory; the C.UTF-8 locale;
 * gtk_test_init(); the app's resources checked.  Returns the folder, for
 * us_test_ui_remove_home() at the end.
 */
char          *us_test_ui_init          (const char     *name,
                                         UsTestUiFlags   flags,
                                         int            *argc,
                                         char         ***argv);
/* A new UsApplication, registered (on the test's private session bus). */
UsApplication *us_test_ui_register_app  (void);
/* Deletes dir and everything in it, without following symbolic links. */
void           us_test_ui_remove_home   (const char     *dir);

typedef gboolean (*UsTestCondition) (gpointer data);

gboolean us_test_wake_cb        (gpointer         data);
/* timeout_ms times $US_TEST_TIMEOUT_MULTIPLIER (a whole number, default 1):
 * the sanitizer run (build-aux/test.sh) is many times slower.
 */
guint    us_test_timeout_ms     (guint            timeout_ms);
/* Runs the main loop until cond (data) holds, for at most timeout_ms. */
gboolean us_test_wait_for       (UsTestCondition  cond,
                                 gpointer         data,
                                 guint            timeout_ms);
/* Runs the main loop for ms milliseconds. */
void     us_test_spin           (guint            ms);
/* Waits for a frame with what the test just changed in it. */
void     us_test_wait_for_frame (GtkWidget       *widget,
                                 guint            timeout_ms);
/* With US_SCREENSHOT_DIR set, saves widget as NAME there: to look at the
 * app without a desktop.
 */
void     us_test_save_png       (GtkWidget       *widget,
                                 const char      *name,
                                 guint            timeout_ms);

/* The first widget under root (root included, depth first) that match
 * accepts with data, or NULL.
 */
typedef gboolean (*UsTestWidgetMatch) (GtkWidget    *widget,
                                       gconstpointer data);
GtkWidget *us_test_find_widget         (GtkWidget        *root,
                                        UsTestWidgetMatch match,
                                        gconstpointer     data);
GtkWidget *us_test_find_widget_of_type (GtkWidget        *root,
                                        GType             type);

/* Runs the main loop until cond holds; fails the test after timeout_ms. */
#define US_TEST_WAIT_FOR(cond, timeout_ms)                                    \
  G_STMT_START {                                                              \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) us_test_timeout_ms (timeout_ms) * 1000; \
    guint wake_ = g_timeout_add (20, us_test_wake_cb, NULL);                  \
    while (!(cond) && g_get_monotonic_time () < deadline_)                    \
      g_main_context_iteration (NULL, TRUE);                                  \
    g_source_remove (wake_);                                                  \
    if (!(cond))                                                              \
      g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond); \
  } G_STMT_END

G_END_DECLS
