/* us-feed.c: Atom, RSS and RDF incident feeds, read into plain entries
 *
 * Feeds are small, so the document is parsed whole into a DOM by libxml2
 * and walked.  The parser is strict about XML (a feed that is not
 * well-formed is refused, never "recovered" into guesses) and lenient about
 * feed vocabulary, because real feeds mix RSS, Dublin Core and Atom
 * elements freely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-feed-private.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlreader.h>
#include <string.h>

G_DEFINE_QUARK (us-feed-error-quark, us_feed_error)

#define NS_ATOM10   "http://www.w3.org/2005/Atom"
#define NS_ATOM03   "http://purl.org/atom/ns#"
#define NS_RSS10    "http://purl.org/rss/1.0/"
#define NS_RSS090   "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF      "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS  "http://purl.org/dc/terms/"
#define NS_CONTENT  "http://purl.org/rss/1.0/modules/content/"
#define NS_XHTML    "http://www.w3.org/1999/xhtml"

/* Never NOENT (expands entities), DTDLOAD/DTDVALID (fetch the external
 * subset), HUGE (lifts the entity-amplification and text-size limits) or
 * RECOVER (turns broken documents into guesses).
 */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | \
                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* The external-entity loader is process-wide in libxml2 2.9, so every
 * concurrent parse shares one installation, counted, and the last one out
 * puts back whatever was there before.
 */
static GMutex loader_lock;
static guint loader_users;
static xmlExternalEntityLoader previous_loader;

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

static void
refuse_loading_begin (void)
{
  xmlInitParser ();
  g_mutex_lock (&loader_lock);
  if (loader_users++ == 0)
    {
      previous_loader = xmlGetExternalEntityLoader ();
      xmlSetExternalEntityLoader (refuse_entity_loader);
    }
  g_mutex_unlock (&loader_lock);
}

static void
refuse_loading_end (void)
{
  g_mutex_lock (&loader_lock);
  /* Someone else may have installed their own refusal meanwhile; theirs
   * stays.
   */
  if (--loader_users == 0 && xmlGetExternalEntityLoader () == refuse_entity_loader)
    xmlSetExternalEntityLoader (previous_loader);
  g_mutex_unlock (&loader_lock);
}

typedef struct
{
  int   line;
  int   column;
  char *message;
} FirstError;

/* Called on the parser context only (never a global handler), so parses
 * in other threads keep their own errors.  The first fatal error is the
 * cause; later ones are its echoes.
 */
static void
collect_error (void        *user_data,
               xmlErrorPtr  err)
{
  xmlParserCtxtPtr ctxt = user_data;
  FirstError *first = ctxt->_private;

  if (first == NULL || first->message != NULL || err->level < XML_ERR_ERROR)
    return;
  /* A non-fatal error (an undeclared entity under an external DTD) leaves
   * a usable document; namespace errors do not, see parse_document().
   */
  if (err->level != XML_ERR_FATAL && err->domain != XML_FROM_NAMESPACE)
    return;
  first->line = err->line;
  first->column = err->int2;
  /* One line: some of libxml2's messages add the offending bytes below. */
  first->message = g_strstrip (g_strdelimit (g_strdup (err->message != NULL ? err->message : "?"),
                                             "\r\n", ' '));
}

static xmlDocPtr
parse_document (const char  *data,
                gsize        length,
                const char  *base_url,
                const char  *display_name,
                GError     **error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  FirstError first = { 0 };

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_TOO_LARGE,
                   _("%s: out of memory"), display_name);
      return NULL;
    }
  ctxt->_private = &first;
  ctxt->sax->serror = collect_error;

  refuse_loading_begin ();
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, base_url, NULL, XML_OPTIONS);
  refuse_loading_end ();

  /* libxml2 hands back a tree for an undeclared prefix: the names in it
   * would be wrong, and the feed is not well-formed by Namespaces in XML.
   */
  if (doc == NULL || !ctxt->wellFormed || !ctxt->nsWellFormed)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_MALFORMED,
                   _("%s:%d:%d: not well-formed: %s"), display_name,
                   first.message != NULL ? first.line : 1,
                   first.message != NULL ? first.column : 1,
                   first.message != NULL ? first.message : _("the document is empty"));
    }
  g_free (first.message);
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Names and namespaces */

static const char *
node_ns (xmlNode *node)
{
  return node->ns != NULL ? (const char *) node->ns->href : NULL;
}

static gboolean
is_element (xmlNode    *node,
            const char *ns,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         str_equal0 ((const char *) node->name, name) &&
         str_equal0 (node_ns (node), ns);
}

typedef struct
{
  UsFeedFormat  format;
  /* The namespace the feed's own elements live in: Atom 1.0 or 0.3, one
   * of the RSS namespaces some generators invented, or none.
   */
  const char   *ns;
  xmlDocPtr     doc;
  const char   *feed_link; /* the last resort base for relative links */
} Ctx;

static gboolean
is_core (Ctx        *ctx,
         xmlNode    *node,
         const char *name)
{
  const char *ns;

  if (node->type != XML_ELEMENT_NODE || !str_equal0 ((const char *) node->name, name))
    return FALSE;
  ns = node_ns (node);
  if (str_equal0 (ns, ctx->ns))
    return TRUE;
  if (ctx->format == US_FEED_FORMAT_ATOM)
    return str_equal0 (ns, NS_ATOM10) || str_equal0 (ns, NS_ATOM03);
  return ns == NULL || str_equal0 (ns, NS_RSS10) || str_equal0 (ns, NS_RSS090);
}

static gboolean
is_atom (xmlNode    *node,
         const char *name)
{
  return is_element (node, NS_ATOM10, name) || is_element (node, NS_ATOM03, name);
}

static xmlNode *
find_core (Ctx        *ctx,
           xmlNode    *parent,
           const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_core (ctx, n, name))
      return n;
  return NULL;
}

static xmlNode *
find_ns (xmlNode    *parent,
         const char *ns,
         const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_element (n, ns, name))
      return n;
  return NULL;
}

static xmlNode *
find_atom (xmlNode    *parent,
           const char *name)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_atom (n, name))
      return n;
  return NULL;
}

char *
_us_feed_get_attr (xmlNode    *node,
                   const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Dates */

static gint64
parse_date (xmlNode *node)
{
  g_autofree char *text = _us_feed_node_text_trimmed (node);
  gint64 t = 0;

  if (text == NULL)
    return 0;
  if (_us_feed_parse_w3cdtf (text, &t) || _us_feed_parse_rfc822 (text, &t))
    return t;
  return 0;
}

/* The first date found among the given elements of parent. */
static gint64
first_date (xmlNode    *parent,
            Ctx        *ctx,
            const char *core,
            const char *dc,
            const char *dcterms,
            const char *atom)
{
  xmlNode *n;
  gint64 t;

  if (core != NULL && (n = find_core (ctx, parent, core)) != NULL && (t = parse_date (n)) != 0)
    return t;
  if (dc != NULL && (n = find_ns (parent, NS_DC, dc)) != NULL && (t = parse_date (n)) != 0)
    return t;
  if (dcterms != NULL && (n = find_ns (parent, NS_DCTERMS, dcterms)) != NULL &&
      (t = parse_date (n)) != 0)
    return t;
  if (atom != NULL && (n = find_atom (parent, atom)) != NULL && (t = parse_date (n)) != 0)
    return t;
  return 0;
}

/* People and links */

static char *
strip_email_decoration (char *text)
{
  g_strstrip (text);
  if (g_str_has_prefix (text, "mailto:"))
    memmove (text, text + 7, strlen (text + 7) + 1);
  return g_strstrip (g_strdelimit (text, "\"", ' '));
}

/* RSS puts an e-mail address in author and people add their name in any
 * order: "me@x (Me)", "Me (me@x)", "Me <me@x>".  Returns the name, or
 * the address when there is no name.
 */
static char *
person_from_text (const char *text)
{
  g_autofree char *copy = NULL;
  const char *open, *close;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  open = strpbrk (copy, "(<");
  close = open != NULL ? strchr (open, *open == '(' ? ')' : '>') : NULL;
  if (open != NULL && close != NULL)
    {
      g_autofree char *inside = g_strndup (open + 1, close - open - 1);
      g_autofree char *outside = g_strdup_printf ("%.*s %s", (int) (open - copy), copy, close + 1);
      char *name;

      strip_email_decoration (inside);
      strip_email_decoration (outside);
      if (strchr (inside, '@') != NULL && strchr (outside, '@') == NULL)
        name = *outside != '\0' ? outside : inside;
      else if (strchr (outside, '@') != NULL && strchr (inside, '@') == NULL)
        name = *inside != '\0' ? inside : outside;
      else
        name = NULL;
      if (name != NULL)
        return *name != '\0' ? g_strdup (name) : NULL;
    }
  strip_email_decoration (copy);
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static char *
atom_person (Ctx     *ctx,
             xmlNode *person)
{
  char *name;

  if (person == NULL)
    return NULL;
  name = _us_feed_node_text_trimmed (find_core (ctx, person, "name"));
  if (name == NULL)
    name = _us_feed_node_text_trimmed (find_core (ctx, person, "email"));
  if (name == NULL && find_core (ctx, person, "uri") == NULL)
    {
      g_autofree char *text = _us_feed_node_text_trimmed (person);

      name = person_from_text (text);
    }
  return name;
}

/* An entry's link ends up on a button in the inbox: file:, data: and
 * javascript: links from a hostile server must not get there, and a link
 * still relative after resolving leads nowhere.
 */
static gboolean
scheme_is_acceptable (const char *uri)
{
  const char *scheme = g_uri_peek_scheme (uri);

  return str_equal0 (scheme, "http") || str_equal0 (scheme, "https");
}

static char *
resolve_link (Ctx        *ctx,
              xmlNode    *node,
              const char *href)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (href));
  xmlChar *base;
  xmlChar *absolute = NULL;
  char *result;

  if (*trimmed == '\0')
    return NULL;
  base = xmlNodeGetBase (ctx->doc, node);
  if (base == NULL && ctx->feed_link != NULL)
    base = xmlStrdup ((const xmlChar *) ctx->feed_link);
  if (base != NULL)
    absolute = xmlBuildURI ((const xmlChar *) trimmed, base);
  result = g_strdup (absolute != NULL ? (const char *) absolute : trimmed);
  xmlFree (absolute);
  xmlFree (base);
  if (!scheme_is_acceptable (result))
    g_clear_pointer (&result, g_free);
  return result;
}

/* The first rel="alternate" link (the default rel); some feeds put the
 * address in the element's text instead of href.
 */
static char *
atom_link (Ctx     *ctx,
           xmlNode *parent)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      g_autofree char *rel = NULL;
      g_autofree char *href = NULL;

      if (!(ctx->format == US_FEED_FORMAT_ATOM ? is_core (ctx, n, "link") : is_atom (n, "link")))
        continue;
      rel = _us_feed_get_attr (n, "rel");
      if (rel != NULL && g_ascii_strcasecmp (g_strstrip (rel), "alternate") != 0)
        continue;
      href = _us_feed_get_attr (n, "href");
      if (href == NULL)
        href = _us_feed_node_text (n);
      if (*g_strstrip (href) != '\0')
        return resolve_link (ctx, n, href);
    }
  return NULL;
}

/* Atom */

static char *
atom_text (xmlNode  *node,
           gboolean  multiline)
{
  return node != NULL ? _us_feed_construct_text (node, _us_feed_text_kind (node), multiline) : NULL;
}

static gint64
atom_date (Ctx        *ctx,
           xmlNode    *entry,
           const char *name,
           const char *name03)
{
  gint64 t = first_date (entry, ctx, name, NULL, NULL, NULL);

  if (t == 0)
    t = first_date (entry, ctx, name03, NULL, NULL, NULL);
  return t;
}

static UsFeedEntry *
parse_atom_entry (Ctx        *ctx,
                  xmlNode    *node,
                  const char *feed_author)
{
  UsFeedEntry *entry = g_new0 (UsFeedEntry, 1);
  xmlNode *source = find_core (ctx, node, "source");

  entry->id = _us_feed_node_text_trimmed (find_core (ctx, node, "id"));
  entry->title = atom_text (find_core (ctx, node, "title"), FALSE);
  entry->link = atom_link (ctx, node);
  entry->summary = atom_text (find_core (ctx, node, "summary"), TRUE);
  if (entry->summary == NULL)
    entry->summary = atom_text (find_core (ctx, node, "content"), TRUE);
  /* RFC 4287 4.2.1: an entry without an author has its source's, or the
   * feed's.
   */
  entry->author = atom_person (ctx, find_core (ctx, node, "author"));
  if (entry->author == NULL && source != NULL)
    entry->author = atom_person (ctx, find_core (ctx, source, "author"));
  if (entry->author == NULL)
    entry->author = g_strdup (feed_author);
  entry->published = atom_date (ctx, node, "published", "issued");
  if (entry->published == 0)
    entry->published = first_date (node, ctx, "created", "date", "issued", NULL);
  entry->updated = atom_date (ctx, node, "updated", "modified");
  if (entry->updated == 0)
    entry->updated = first_date (node, ctx, NULL, "date", "modified", NULL);
  return entry;
}

/* RSS and RDF */

static char *
rss_title (xmlNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;
  text = _us_feed_node_text (node);
  return _us_feed_construct_text (node, _us_feed_looks_like_html (text) ? KIND_HTML : KIND_TEXT,
                                  FALSE);
}

static char *
rss_summary (Ctx     *ctx,
             xmlNode *item)
{
  /* RSS says description is entity-encoded HTML; feeds agree. */
  xmlNode *html[] = {
    find_core (ctx, item, "description"),
    find_ns (item, NS_DC, "description"),
    find_core (ctx, item, "summary"),
    find_ns (item, NS_CONTENT, "encoded"),
  };
  char *text;

  /* An empty description is no reason to ignore the full content. */
  for (guint i = 0; i < G_N_ELEMENTS (html); i++)
    if ((text = _us_feed_construct_text (html[i], KIND_HTML, TRUE)) != NULL)
      return text;
  if ((text = _us_feed_construct_text (find_ns (item, NS_XHTML, "body"), KIND_XML, TRUE)) != NULL ||
      (text = atom_text (find_atom (item, "summary"), TRUE)) != NULL)
    return text;
  return atom_text (find_atom (item, "content"), TRUE);
}

static char *
rss_author (Ctx     *ctx,
            xmlNode *item)
{
  static const char * const dc_names[] = { "creator", "author", "contributor", NULL };
  xmlNode *n;

  if ((n = find_core (ctx, item, "author")) != NULL)
    {
      g_autofree char *text = _us_feed_node_text_trimmed (n);

      return person_from_text (text);
    }
  for (guint i = 0; dc_names[i] != NULL; i++)
    if ((n = find_ns (item, NS_DC, dc_names[i])) != NULL)
      {
        g_autofree char *text = _us_feed_node_text_trimmed (n);

        return person_from_text (text);
      }
  return atom_person (ctx, find_atom (item, "author"));
}

static char *
rss_link (Ctx     *ctx,
          xmlNode *item)
{
  xmlNode *guid;
  xmlNode *n = find_core (ctx, item, "link");
  char *link = NULL;
  g_autofree char *text = NULL;
  g_autofree char *permalink = NULL;

  if (n != NULL && (text = _us_feed_node_text_trimmed (n)) != NULL)
    link = resolve_link (ctx, n, text);
  if (link == NULL)
    link = atom_link (ctx, item);
  if (link != NULL || (guid = find_core (ctx, item, "guid")) == NULL)
    return link;
  /* RSS 2.0: a guid is the item's permalink unless isPermaLink="false";
   * only believe it when it is a web address.
   */
  g_clear_pointer (&text, g_free);
  text = _us_feed_node_text_trimmed (guid);
  permalink = _us_feed_get_attr (guid, "isPermaLink");
  if (permalink != NULL && g_ascii_strcasecmp (g_strstrip (permalink), "false") == 0)
    return NULL;
  if (text != NULL && (g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://")))
    link = resolve_link (ctx, guid, text);
  return link;
}

static UsFeedEntry *
parse_rss_item (Ctx     *ctx,
                xmlNode *node)
{
  UsFeedEntry *entry = g_new0 (UsFeedEntry, 1);
  xmlNode *n;

  entry->id = _us_feed_node_text_trimmed (find_core (ctx, node, "guid"));
  if (entry->id == NULL)
    {
      xmlChar *about = xmlGetNsProp (node, (const xmlChar *) "about", (const xmlChar *) NS_RDF);

      if (about != NULL && *g_strstrip ((char *) about) != '\0')
        entry->id = g_strdup ((const char *) about);
      xmlFree (about);
    }
  if ((n = find_core (ctx, node, "title")) != NULL || (n = find_ns (node, NS_DC, "title")) != NULL)
    entry->title = rss_title (n);
  else
    entry->title = atom_text (find_atom (node, "title"), FALSE);
  entry->link = rss_link (ctx, node);
  entry->summary = rss_summary (ctx, node);
  entry->author = rss_author (ctx, node);
  entry->published = first_date (node, ctx, "pubDate", "date", "issued", "published");
  if (entry->published == 0)
    entry->published = first_date (node, ctx, NULL, NULL, "created", NULL);
  entry->updated = first_date (node, ctx, NULL, NULL, "modified", "updated");
  if (entry->updated == 0)
    entry->updated = first_date (node, ctx, NULL, "date", NULL, NULL);
  return entry;
}

/* The feed */

static gboolean
add_entry (UsFeed       *feed,
           UsFeedEntry  *entry,
           const char   *display_name,
           GError      **error)
{
  if (entry->id == NULL)
    entry->id = g_strdup (entry->link);
  if (entry->updated == 0)
    entry->updated = entry->published;
  if (feed->entries->len >= US_FEED_MAX_ENTRIES)
    {
      us_feed_entry_free (entry);
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_TOO_LARGE,
                   _("%s: the feed has more than %d entries; it cannot be an incident feed"),
                   display_name, US_FEED_MAX_ENTRIES);
      return FALSE;
    }
  g_ptr_array_add (feed->entries, entry);
  return TRUE;
}

static gboolean
read_atom (Ctx         *ctx,
           xmlNode     *root,
           UsFeed      *feed,
           const char  *display_name,
           GError     **error)
{
  g_autofree char *feed_author = atom_person (ctx, find_core (ctx, root, "author"));

  feed->title = atom_text (find_core (ctx, root, "title"), FALSE);
  feed->link = atom_link (ctx, root);
  ctx->feed_link = feed->link;
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (is_core (ctx, n, "entry") &&
        !add_entry (feed, parse_atom_entry (ctx, n, feed_author), display_name, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_rss_items (Ctx         *ctx,
                xmlNode     *parent,
                UsFeed      *feed,
                const char  *display_name,
                GError     **error)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_core (ctx, n, "item") &&
        !add_entry (feed, parse_rss_item (ctx, n), display_name, error))
      return FALSE;
  return TRUE;
}

/* RSS 2.0 keeps items in the channel, RDF beside it, and some RSS 0.9x
 * feeds do it either way.
 */
static gboolean
read_rss (Ctx         *ctx,
          xmlNode     *root,
          UsFeed      *feed,
          const char  *display_name,
          GError     **error)
{
  xmlNode *channel = find_core (ctx, root, "channel");

  if (channel != NULL)
    {
      xmlNode *n;

      if ((n = find_core (ctx, channel, "title")) != NULL ||
          (n = find_ns (channel, NS_DC, "title")) != NULL)
        feed->title = rss_title (n);
      if ((n = find_core (ctx, channel, "link")) != NULL)
        {
          g_autofree char *text = _us_feed_node_text_trimmed (n);

          if (text != NULL)
            feed->link = resolve_link (ctx, n, text);
        }
      ctx->feed_link = feed->link;
      if (!read_rss_items (ctx, channel, feed, display_name, error))
        return FALSE;
    }
  return read_rss_items (ctx, root, feed, display_name, error);
}

static gboolean
detect_format (xmlNode      *root,
               UsFeedFormat *format,
               const char  **ns)
{
  const char *name = (const char *) root->name;

  *ns = node_ns (root);
  if (str_equal0 (name, "feed") &&
      (*ns == NULL || str_equal0 (*ns, NS_ATOM10) || str_equal0 (*ns, NS_ATOM03)))
    *format = US_FEED_FORMAT_ATOM;
  else if (str_equal0 (name, "rss"))
    *format = US_FEED_FORMAT_RSS;
  else if (str_equal0 (name, "RDF") && str_equal0 (*ns, NS_RDF))
    {
      *format = US_FEED_FORMAT_RDF;
      *ns = NULL;
    }
  else
    return FALSE;
  return TRUE;
}

static void ignore_reader_error (void        *user_data,
                                 xmlErrorPtr  err);

/* A tree of a million small entries takes far more memory than their
 * text, so entries are counted by streaming before the tree is built,
 * and a feed over the cap is refused in bounded memory.  Items and
 * entries sit at depth 1 (Atom, RDF) or 2 (RSS channels).  Parse errors
 * are left for the real parse to report.
 */
static gboolean
check_entry_count (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  xmlTextReaderPtr reader;
  guint count = 0;
  int line = 0;

  refuse_loading_begin ();
  reader = xmlReaderForMemory (data, (int) length, NULL, NULL, XML_OPTIONS | XML_PARSE_BIG_LINES);
  if (reader != NULL)
    {
      xmlTextReaderSetStructuredErrorHandler (reader, ignore_reader_error, NULL);
      while (xmlTextReaderRead (reader) == 1)
        {
          const char *name;

          if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT
              || xmlTextReaderDepth (reader) > 2)
            continue;
          name = (const char *) xmlTextReaderConstLocalName (reader);
          if (!str_equal0 (name, "item") && !str_equal0 (name, "entry"))
            continue;
          if (++count > US_FEED_MAX_ENTRIES)
            {
              line = xmlGetLineNo (xmlTextReaderCurrentNode (reader));
              break;
            }
        }
      xmlFreeTextReader (reader);
    }
  refuse_loading_end ();

  if (count <= US_FEED_MAX_ENTRIES)
    return TRUE;
  g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_TOO_LARGE,
               _("%s:%d: entry %u: the feed has more than %d entries; it cannot be an "
                 "incident feed. Follow a feed that lists only recent incidents"),
               display_name, line, count, US_FEED_MAX_ENTRIES);
  return FALSE;
}

UsFeed *
us_feed_parse (const char  *data,
               gsize        length,
               const char  *base_url,
               const char  *filename,
               GError     **error)
{
  g_autoptr(UsFeed) feed = NULL;
  const char *display_name = filename != NULL ? filename : (base_url != NULL ? base_url : _("feed"));
  xmlDocPtr doc;
  xmlNode *root;
  Ctx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > US_FEED_MAX_SIZE)
    {
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_TOO_LARGE,
                   _("%s: the feed is over %d MiB; it cannot be an incident feed"),
                   display_name, US_FEED_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (length == 0)
    {
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_MALFORMED,
                   _("%s:1:1: not well-formed: %s"), display_name, _("the document is empty"));
      return NULL;
    }
  if (!check_entry_count (data, length, display_name, error))
    return NULL;
  doc = parse_document (data, length, base_url, display_name, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  ctx.doc = doc;
  if (root == NULL || !detect_format (root, &ctx.format, &ctx.ns))
    {
      g_set_error (error, US_FEED_ERROR, US_FEED_ERROR_UNKNOWN_FORMAT,
                   _("%s: this is not a feed (the document is <%s>, not Atom <feed>, <rss> or <rdf:RDF>)"),
                   display_name, root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  feed = g_new0 (UsFeed, 1);
  feed->format = ctx.format;
  feed->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) us_feed_entry_free);
  if (ctx.format == US_FEED_FORMAT_ATOM)
    ok = read_atom (&ctx, root, feed, display_name, error);
  else
    ok = read_rss (&ctx, root, feed, display_name, error);
  xmlFreeDoc (doc);
  return ok ? g_steal_pointer (&feed) : NULL;
}

static void
ignore_reader_error (void        *user_data,
                     xmlErrorPtr  err)
{
}

gboolean
us_feed_sniff (const char *data,
               gsize       length)
{
  xmlTextReaderPtr reader;
  gboolean found = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length == 0)
    return FALSE;
  /* The root element is near the start; a prolog bigger than this is not
   * a feed's.
   */
  length = MIN (length, 1024 * 1024);
  refuse_loading_begin ();
  reader = xmlReaderForMemory (data, (int) length, NULL, NULL, XML_OPTIONS);
  if (reader != NULL)
    {
      xmlTextReaderSetStructuredErrorHandler (reader, ignore_reader_error, NULL);
      while (xmlTextReaderRead (reader) == 1)
        {
          const char *name, *ns;

          if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT)
            continue;
          name = (const char *) xmlTextReaderConstLocalName (reader);
          ns = (const char *) xmlTextReaderConstNamespaceUri (reader);
          found = (str_equal0 (name, "feed") &&
                   (ns == NULL || str_equal0 (ns, NS_ATOM10) || str_equal0 (ns, NS_ATOM03))) ||
                  str_equal0 (name, "rss") ||
                  (str_equal0 (name, "RDF") && str_equal0 (ns, NS_RDF));
          break;
        }
      xmlFreeTextReader (reader);
    }
  refuse_loading_end ();
  return found;
}

void
us_feed_entry_free (UsFeedEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->title);
  g_free (entry->link);
  g_free (entry->summary);
  g_free (entry->author);
  g_free (entry);
}

void
us_feed_free (UsFeed *feed)
{
  if (feed == NULL)
    return;
  g_free (feed->title);
  g_free (feed->link);
  g_clear_pointer (&feed->entries, g_ptr_array_unref);
  g_free (feed);
}
