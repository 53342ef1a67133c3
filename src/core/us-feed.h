/* us-feed.h: Atom, RSS and RDF incident feeds, read into plain entries
 *
 * The fetcher turns each entry into a candidate incident, so the parser
 * keeps only what a candidate shows (id, title, link, summary, author,
 * dates) and reduces every text to plain UTF-8: a feed's markup is the
 * server's, never ours to render.  Feeds come from servers we do not
 * trust, so no entity is expanded beyond the XML built-ins and character
 * references, and nothing outside the data is ever read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define US_FEED_ERROR (us_feed_error_quark ())
GQuark us_feed_error_quark (void);

typedef enum
{
  US_FEED_ERROR_MALFORMED,      /* not well-formed XML (namespaces included) */
  US_FEED_ERROR_UNKNOWN_FORMAT, /* well-formed, but not Atom, RSS or RDF */
  US_FEED_ERROR_TOO_LARGE,      /* over the limits below */
} UsFeedError;

/* Far beyond any incident feed; they keep a hostile server from making us
 * build an unbounded list or document.
 */
#define US_FEED_MAX_SIZE    (64 * 1024 * 1024)
#define US_FEED_MAX_ENTRIES 100000

typedef enum
{
  US_FEED_FORMAT_ATOM, /* Atom 1.0, and the older Atom 0.3 */
  US_FEED_FORMAT_RSS,  /* RSS 0.9x and 2.0, with no namespace */
  US_FEED_FORMAT_RDF,  /* RSS 1.0 and RSS 0.90 (rdf:RDF) */
} UsFeedFormat;

typedef struct
{
  char   *id;        /* atom:id, rss guid, rdf:about; falls back to link */
  char   *title;     /* plain text: HTML and XHTML reduced, entities decoded */
  char   *link;      /* alternate link, absolute where a base is known */
  char   *summary;   /* plain text of summary, description or content */
  char   *author;    /* name, or e-mail address when there is no name */
  gint64  published; /* unix seconds UTC, 0 if absent */
  gint64  updated;   /* unix seconds UTC; published when absent */
} UsFeedEntry;

typedef struct
{
  UsFeedFormat  format;
  char         *title;
  char         *link;
  GPtrArray    *entries; /* of UsFeedEntry*, owns them, in document order */
} UsFeed;

void      us_feed_entry_free (UsFeedEntry *entry);
void      us_feed_free       (UsFeed      *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsFeedEntry, us_feed_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsFeed, us_feed_free)

/* Parses one feed held in memory; the encoding comes from the BOM or the
 * XML declaration (UTF-8 otherwise).  Relative links are resolved against
 * xml:base, then base_url (may be NULL), then the feed's own link; a link
 * that is not then an http or https URL is dropped (NULL).  filename names the
 * data in messages only ("FILE:LINE:COL: not well-formed: ...").  Safe to
 * call from any thread.  Returns NULL with error set on failure.
 */
UsFeed   *us_feed_parse      (const char  *data,
                              gsize        length,
                              const char  *base_url,
                              const char  *filename,
                              GError     **error);

/* TRUE when data starts like a feed: its root element is an Atom feed, an
 * rss element or an rdf:RDF.  Reads no further than the root element, so
 * a truncated or broken document can still be recognised.
 */
gboolean  us_feed_sniff      (const char  *data,
                              gsize        length);

G_END_DECLS
