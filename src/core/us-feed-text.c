/* us-feed-text.c: the plain text of feed titles and summaries, from text,
 * escaped HTML, inline XHTML or base64
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-feed-private.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

/* Markup nested deeper than this is not a summary anyone wrote by hand. */
#define MAX_TEXT_DEPTH 256

/* Text */

static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl",
    "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr",
    "ul", NULL
  };

  for (guint i = 0; blocks[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_invisible (const char *name)
{
  return g_ascii_strcasecmp (name, "script") == 0 ||
         g_ascii_strcasecmp (name, "style") == 0 ||
         g_ascii_strcasecmp (name, "head") == 0 ||
         g_ascii_strcasecmp (name, "title") == 0;
}

static void
append_text (GString *out,
             xmlNode *node,
             guint    depth)
{
  for (; node != NULL; node = node->next)
    {
      switch (node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          g_string_append (out, (const char *) node->content);
          break;
        case XML_ENTITY_REF_NODE:
          /* Never the entity's value: a DOCTYPE is the server's, and
           * expanding its entities is how entity bombs and file reads work.
           */
          g_string_append_printf (out, "&%s;", (const char *) node->name);
          break;
        case XML_ELEMENT_NODE:
          {
            const char *name = (const char *) node->name;
            gboolean block = is_block (name);

            if (is_invisible (name) || depth >= MAX_TEXT_DEPTH)
              break;
            if (block)
              g_string_append_c (out, '\n');
            append_text (out, node->children, depth + 1);
            if (block)
              g_string_append_c (out, '\n');
            else if (g_ascii_strcasecmp (name, "td") == 0 || g_ascii_strcasecmp (name, "th") == 0)
              g_string_append_c (out, ' ');
          }
          break;
        default:
          break;
        }
    }
}

/* A tag, a comment or an entity reference: what feedparser takes as the
 * sign of markup in RSS titles, which RSS says are plain.
 */
gboolean
_us_feed_looks_like_html (const char *text)
{
  for (const char *p = strpbrk (text, "<&"); p != NULL; p = strpbrk (p + 1, "<&"))
    {
      if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || g_str_has_prefix (p + 1, "!--")))
        return TRUE;
      if (*p == '&')
        {
          const char *q = p + 1;

          if (*q == '#')
            q++;
          while (g_ascii_isalnum (*q))
            q++;
          if (*q == ';' && q > p + 1)
            return TRUE;
        }
    }
  return FALSE;
}

static void
append_html_text (GString    *out,
                  const char *html)
{
  g_autofree char *escaped_html = NULL;
  htmlParserCtxtPtr ctxt;
  htmlDocPtr doc;

  /* Most summaries are plain: no need to build a document for them, nor
   * to let the HTML parser eat a lone "<!DOCTYPE" as markup.
   */
  if (!_us_feed_looks_like_html (html))
    {
      g_string_append (out, html);
      return;
    }
  /* "<!" that opens no comment and no DOCTYPE is text a writer typed
   * (feeds escape it once, as in "&lt;!'"); libxml2's HTML parser would
   * swallow it, and what follows, as a broken declaration.
   */
  if (strstr (html, "<!") != NULL)
    {
      GString *escaped = g_string_sized_new (strlen (html) + 16);

      for (const char *p = html; *p != '\0'; p++)
        {
          if (p[0] == '<' && p[1] == '!' && !g_str_has_prefix (p + 2, "--")
              && g_ascii_strncasecmp (p + 2, "doctype", 7) != 0)
            g_string_append (escaped, "&lt;");
          else
            g_string_append_c (escaped, *p);
        }
      html = escaped_html = g_string_free (escaped, FALSE);
    }
  ctxt = htmlNewParserCtxt ();
  if (ctxt == NULL)
    return;
  doc = htmlCtxtReadMemory (ctxt, html, (int) strlen (html), NULL, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                            HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
  if (doc != NULL)
    append_text (out, doc->children, 0);
  else
    g_string_append (out, html);
  g_clear_pointer (&doc, xmlFreeDoc);
  htmlFreeParserCtxt (ctxt);
}

/* Titles become one line; summaries keep one line per paragraph. */
static char *
normalize_text (const char *text,
                gboolean    multiline)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;
  gboolean pending_line = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && multiline)
        pending_line = TRUE;
      else if (g_ascii_isspace (*p))
        pending_space = TRUE;
      else
        {
          if (out->len > 0 && pending_line)
            g_string_append_c (out, '\n');
          else if (out->len > 0 && pending_space)
            g_string_append_c (out, ' ');
          pending_line = pending_space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  /* &nbsp; at either end is still padding. */
  while (g_str_has_suffix (out->str, "\xc2\xa0"))
    g_string_truncate (out, out->len - 2);
  while (g_str_has_prefix (out->str, "\xc2\xa0") || out->str[0] == ' ' || out->str[0] == '\n')
    g_string_erase (out, 0, out->str[0] == ' ' || out->str[0] == '\n' ? 1 : 2);
  g_strchomp (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
_us_feed_node_text (xmlNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  append_text (out, node->children, 0);
  return g_strdup (out->str);
}

char *
_us_feed_node_text_trimmed (xmlNode *node)
{
  char *text;

  if (node == NULL)
    return NULL;
  text = g_strstrip (_us_feed_node_text (node));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Atom 1.0 type="text|html|xhtml|MIME"; Atom 0.3 adds mode= */
TextKind
_us_feed_text_kind (xmlNode *node)
{
  g_autofree char *attr = _us_feed_get_attr (node, "type");
  g_autofree char *type = attr != NULL ? g_ascii_strdown (g_strstrip (attr), -1) : NULL;
  g_autofree char *mode = _us_feed_get_attr (node, "mode");
  const char *t = type != NULL ? type : "";

  if (mode != NULL && g_ascii_strcasecmp (g_strstrip (mode), "base64") == 0)
    return KIND_BASE64;
  if (mode != NULL && g_ascii_strcasecmp (mode, "escaped") == 0)
    return str_equal0 (t, "text/plain") ? KIND_TEXT : KIND_HTML;
  if (*t == '\0' || str_equal0 (t, "text") || str_equal0 (t, "text/plain"))
    return KIND_TEXT;
  if (str_equal0 (t, "html") || str_equal0 (t, "text/html"))
    return KIND_HTML;
  if (str_equal0 (t, "xhtml") || g_str_has_suffix (t, "/xml") || g_str_has_suffix (t, "+xml"))
    return KIND_XML;
  if (g_str_has_prefix (t, "text/"))
    return KIND_TEXT;
  return KIND_BASE64;
}

/* GLib's decoder skips the line breaks and indentation feeds put in. */
static char *
decode_base64 (const char *text)
{
  gsize len = 0;
  g_autofree guchar *bytes = g_base64_decode (text, &len);

  return g_utf8_make_valid ((const char *) bytes, (gssize) len);
}

/* The plain text of an Atom text construct, or of any element whose kind
 * is given.
 */
char *
_us_feed_construct_text (xmlNode  *node,
                         TextKind  kind,
                         gboolean  multiline)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *raw = NULL;

  if (node == NULL)
    return NULL;
  switch (kind)
    {
    case KIND_HTML:
      raw = _us_feed_node_text (node);
      append_html_text (out, raw);
      break;
    case KIND_BASE64:
      {
        g_autofree char *encoded = _us_feed_node_text (node);

        raw = decode_base64 (encoded);
        g_string_append (out, raw);
      }
      break;
    case KIND_TEXT:
    case KIND_XML:
    default:
      append_text (out, node->children, 0);
      break;
    }
  return normalize_text (out->str, multiline);
}
