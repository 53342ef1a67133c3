/* us-feed-private.h: shared by us-feed.c, us-feed-date.c and us-feed-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "us-feed.h"

G_BEGIN_DECLS

typedef enum
{
  KIND_TEXT,
  KIND_HTML,
  KIND_XML,
  KIND_BASE64,
} TextKind;

static inline gboolean
str_equal0 (const char *a,
            const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* us-feed.c */
char     *_us_feed_get_attr          (xmlNode    *node,
                                      const char *name);

/* us-feed-text.c */
/* A tag, a comment or an entity reference: what feedparser takes as the
 * sign of markup in RSS titles, which RSS says are plain.
 */
gboolean  _us_feed_looks_like_html   (const char *text);
char     *_us_feed_node_text         (xmlNode    *node);
char     *_us_feed_node_text_trimmed (xmlNode    *node);
/* Atom 1.0 type="text|html|xhtml|MIME"; Atom 0.3 adds mode= */
TextKind  _us_feed_text_kind         (xmlNode    *node);
/* The plain text of an Atom text construct, or of any element whose kind
 * is given.
 */
char     *_us_feed_construct_text    (xmlNode    *node,
                                      TextKind    kind,
                                      gboolean    multiline);

/* us-feed-date.c: both set *out to seconds since the epoch (UTC) */
gboolean  _us_feed_parse_w3cdtf      (const char *text,
                                      gint64     *out);
gboolean  _us_feed_parse_rfc822      (const char *text,
                                      gint64     *out);

G_END_DECLS
