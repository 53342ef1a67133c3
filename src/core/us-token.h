/* us-token.h: per-source tokens in the user's keyring
 *
 * A token (for a service such as an OSDI API) is kept by libsecret under
 * the schema io.github.undersigned.Undersigned.Token, keyed by the source
 * URL and the name of the header that carries it.  It never goes into the
 * campaign file, a draft, a log or an export.  A build without libsecret
 * keeps the API; every call then fails with G_IO_ERROR_NOT_SUPPORTED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define US_TOKEN_SCHEMA_NAME "io.github.undersigned.Undersigned.Token"

/* Whether this build can reach a keyring at all. */
gboolean  us_token_is_supported (void);

void      us_token_lookup_async (const char           *url,
                                 const char           *header,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
/* The token, or NULL with no error when none is stored. */
char     *us_token_lookup_finish (GAsyncResult        *result,
                                  GError             **error);

void      us_token_store_async  (const char           *url,
                                 const char           *header,
                                 const char           *token,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  us_token_store_finish (GAsyncResult         *result,
                                 GError              **error);

/* Moves the token stored under old_url and old_header to new_url and
 * new_header: looks it up, stores it under the new key, then clears the
 * old one.  When the source's address or header name changes, its token
 * follows.  FALSE without an error when nothing was stored under the old
 * key; the old key keeps the token if storing under the new one fails.
 */
void      us_token_move_async   (const char           *old_url,
                                 const char           *old_header,
                                 const char           *new_url,
                                 const char           *new_header,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  us_token_move_finish  (GAsyncResult         *result,
                                 GError              **error);

/* Removes the stored token, if any.  Blocks on D-Bus briefly: call it
 * when the user removes a source or clears its token.
 */
gboolean  us_token_clear        (const char           *url,
                                 const char           *header,
                                 GCancellable         *cancellable,
                                 GError              **error);

G_END_DECLS
