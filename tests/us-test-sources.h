/* us-test-sources.h: a loopback feed server and widget look-ups, for the
 * tests of the Sources page and of source tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-sources-page.h"
#include "us-window.h"

G_BEGIN_DECLS

/* What the server's token-guarded paths ask for. */
#define US_TEST_TOKEN_HEADER "OSDI-API-Token"
#define US_TEST_TOKEN        "osdi-5be0c1d2-token-never-on-disk"
/* The header /osdi-v2 asks for instead. */
#define US_TEST_MOVED_HEADER "X-Api-Key"

/* Starts an in-process SoupServer on 127.0.0.1 (never anything else)
 * that serves an Atom feed of two entries:
 *   /feed.atom            with an ETag; 304 to a matching If-None-Match
 *   /slow-*               held until us_test_feed_release_held()
 *   /osdi, /osdi-v2       only with US_TEST_TOKEN in US_TEST_TOKEN_HEADER
 *                         (/osdi) or US_TEST_MOVED_HEADER (/osdi-v2)
 *   /osdi-old             301 to /osdi on the same origin
 *   /osdi-away            301 to /feed.atom on http://localhost:PORT
 *   anything else         404
 */
void         us_test_feed_start             (void);
void         us_test_feed_stop              (void);
/* The server's URL for path (starting with "/"); free it. */
char        *us_test_feed_url               (const char *path);
/* How many requests for /feed.atom were answered 304. */
guint        us_test_feed_get_n_not_modified (void);
/* The token header of the last request for /osdi or /osdi-v2, or NULL. */
const char  *us_test_feed_get_token_seen    (void);
void         us_test_feed_forget_token      (void);
/* The requests for /slow-* held so far, in the order they came. */
guint        us_test_feed_get_n_held        (void);
/* Answers the i-th held request with the feed. */
void         us_test_feed_release_held      (guint       i);
/* Forgets the held requests (answered or not). */
void         us_test_feed_drop_held         (void);

/* The AdwEntryRow titled title (with its mnemonic underscore) in root's
 * tree, as the GtkEditable to type into; fails the test if there is none.
 */
GtkEditable *us_test_entry                  (GtkWidget  *root,
                                             const char *title);
/* Presents window with campaign in it, on its Sources page. */
UsSourcesPage *us_test_show_sources         (UsWindow   *window,
                                             UsCampaign *campaign);

G_END_DECLS
