/* us-source.h: a URL the campaign follows for updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"
#include "us-enums.h"

G_BEGIN_DECLS

#define US_TYPE_SOURCE (us_source_get_type ())
G_DECLARE_FINAL_TYPE (UsSource, us_source, US, SOURCE, UsRecord)

UsSource     *us_source_new               (const char   *id,
                                           const char   *url,
                                           UsSourceKind  kind);
UsSource     *us_source_copy              (UsSource     *self);
gboolean      us_source_equal             (UsSource     *a,
                                           UsSource     *b);
const char   *us_source_get_id            (UsSource     *self);
void          us_source_set_id            (UsSource     *self,
                                           const char   *id);
const char   *us_source_get_url           (UsSource     *self);
void          us_source_set_url           (UsSource     *self,
                                           const char   *url);
const char   *us_source_get_title         (UsSource     *self);
void          us_source_set_title         (UsSource     *self,
                                           const char   *title);
UsSourceKind  us_source_get_kind          (UsSource     *self);
void          us_source_set_kind          (UsSource     *self,
                                           UsSourceKind  kind);
/* What conditional GET needs, as the server sent it. */
const char   *us_source_get_etag          (UsSource     *self);
void          us_source_set_etag          (UsSource     *self,
                                           const char   *etag);
const char   *us_source_get_last_modified (UsSource     *self);
void          us_source_set_last_modified (UsSource     *self,
                                           const char   *last_modified);
/* "unchanged", "3 new", "error: ..." */
const char   *us_source_get_last_result   (UsSource     *self);
void          us_source_set_last_result   (UsSource     *self,
                                           const char   *last_result);
/* Unix seconds; 0 when never fetched. */
gint64        us_source_get_last_fetched  (UsSource     *self);
void          us_source_set_last_fetched  (UsSource     *self,
                                           gint64        last_fetched);
/* The name of the HTTP header that carries the token (the token itself
 * lives in the keyring, never in the campaign).
 */
const char   *us_source_get_token_header  (UsSource     *self);
void          us_source_set_token_header  (UsSource     *self,
                                           const char   *header);

G_END_DECLS
