/* us-test-server.h: in-process servers on 127.0.0.1 for the fetch tests
 *
 * What tests/test-fetch.c, tests/test-fetch-osdi.c and
 * tests/test-net-faults.c share: servers on a free loopback port, the
 * feeds they serve, and refreshes run to the end on the main context
 * (where the servers answer too).  No GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "us-fetcher.h"

G_BEGIN_DECLS

/* Servers */

/* A SoupServer on a free port of 127.0.0.1, with callback as its one
 * handler; HTTPS when cert is not NULL.  *base is set to its address,
 * "http://127.0.0.1:PORT" (or https).
 */
SoupServer      *us_test_server_new             (GTlsCertificate    *cert,
                                                 SoupServerCallback  callback,
                                                 gpointer            user_data,
                                                 char              **base);
/* Adds a free port of 127.0.0.1 to listener (a raw socket service);
 * returns its address, "http://127.0.0.1:PORT".
 */
char            *us_test_listen_loopback        (GSocketListener    *listener);
/* Runs what the main context has pending (a server's disconnections)
 * without blocking.
 */
void             us_test_drain_main_context     (void);

/* Async calls run to the end */

/* A GAsyncReadyCallback: stores a reference to the result in the
 * GAsyncResult * that user_data points to.
 */
void             us_test_async_done             (GObject            *object,
                                                 GAsyncResult       *result,
                                                 gpointer            user_data);
/* Iterates the main context until *result is set. */
void             us_test_wait                   (GAsyncResult      **result);

/* Bodies */

/* An Atom feed, "Hospital attacks", of n entries from urn:entry:first on. */
char            *us_test_atom_feed              (guint               n,
                                                 guint               first);
/* 200 with us_test_atom_feed (n, 0). */
void             us_test_serve_feed             (SoupServerMessage  *msg,
                                                 guint               n);
/* A CSV of two signatories, Ada and Bruno Example, the last line
 * without its newline.
 */
void             us_test_serve_csv              (SoupServerMessage  *msg);

/* Campaigns and refreshes */

/* A campaign "Test", unmodified, with one source per (id, path, kind)
 * triple, up to a NULL id.  A path without "://" is under base.
 */
UsCampaign      *us_test_campaign_with          (const char         *base,
                                                 const char         *first_id,
                                                 ...) G_GNUC_NULL_TERMINATED;
/* A fetcher with a 5 s timeout. */
UsFetcher       *us_test_fetcher_new            (void);
UsRefreshResult *us_test_refresh                (UsFetcher          *fetcher,
                                                 UsCampaign         *campaign,
                                                 const char * const *ids,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
/* A refresh of every source, which must not fail as a whole. */
UsRefreshResult *us_test_refresh_ok             (UsFetcher          *fetcher,
                                                 UsCampaign         *campaign);

G_END_DECLS
