/* us-reader.c: loading a campaign with xmlTextReader
 *
 * Streaming: a million signatories never become a DOM.  Each element is
 * read by a small function that consumes exactly its subtree.  Files come
 * from strangers (a coalition partner's published letter, a mail
 * attachment), so: no DTD, no entities, no network, and every problem is
 * reported with file, line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-private.h"
#include "us-array-store.h"
#include "us-citation.h"
#include "us-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (us-format-error-quark, us_format_error)

/* Memory grows with the content (1,000,000 signatories: a 230 MB file,
 * 234 MB at peak), so a size cap is a memory cap.  512 MB is about two
 * million signatories; a larger file is refused before a byte is read.
 */
#define MAX_FILE_SIZE ((goffset) 512 * 1024 * 1024)

static gboolean
check_size (goffset      size,
            const char  *display_name,
            GError     **error)
{
  if (size <= MAX_FILE_SIZE)
    return TRUE;
  g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
               _("%s:0:0: the file is %u MB; Undersigned opens campaign "
                 "files up to %u MB. Check that this is a campaign file; a larger "
                 "campaign must be split into several files"),
               display_name, (guint) MIN ((size + (1 << 20) - 1) >> 20, G_MAXUINT),
               (guint) (MAX_FILE_SIZE >> 20));
  return FALSE;
}

void
us_problem_free (UsProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->file);
  g_free (problem->message);
  g_free (problem);
}

char *
us_problem_format (const UsProblem *problem)
{
  return g_strdup_printf ("%s:%d:%d: %s%s", problem->file, problem->line, problem->column,
                          problem->warning ? "warning: " : "", problem->message);
}

static void
add_problem (Reader     *rd,
             int         code,
             gboolean    warning,
             int         line,
             int         column,
             const char *message)
{
  UsProblem *p;

  /* A broken file can produce an error per record; a few hundred say
   * everything a person can act on.
   */
  if (rd->problems->len >= 500)
    return;

  p = g_new0 (UsProblem, 1);
  p->file = g_strdup (rd->file);
  p->line = line;
  p->column = column;
  p->message = g_strdup (message);
  p->warning = warning;
  g_ptr_array_add (rd->problems, p);

  if (!warning)
    {
      rd->n_errors++;
      if (rd->error == NULL)
        {
          g_autofree char *formatted = us_problem_format (p);
          rd->error = g_error_new_literal (US_FORMAT_ERROR, code, formatted);
        }
    }
}

G_GNUC_PRINTF (4, 5)
void
_us_reader_problem (Reader     *rd,
                    int         code,
                    gboolean    warning,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  xmlNodePtr node = xmlTextReaderCurrentNode (rd->r);
  int line = xmlTextReaderGetParserLineNumber (rd->r);
  int column = xmlTextReaderGetParserColumnNumber (rd->r);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* The parser reads ahead; the node knows where it started.  Its column
   * is not kept, so only trust the parser's when it is on the same line.
   */
  if (node != NULL && node->type == XML_ATTRIBUTE_NODE)
    node = node->parent;
  if (node != NULL && node->type == XML_ELEMENT_NODE && xmlGetLineNo (node) > 0 &&
      xmlGetLineNo (node) != line)
    {
      line = xmlGetLineNo (node);
      column = 1;
    }
  add_problem (rd, code, warning, line, column, message);
}

static void
structured_error (void        *user_data,
                  xmlErrorPtr  err)
{
  Reader *rd = user_data;
  g_autofree char *message = NULL;

  if (err == NULL || err->level < XML_ERR_ERROR)
    return;
  message = g_strchomp (g_strdup (err->message ? err->message : "parse error"));
  add_problem (rd, US_FORMAT_ERROR_MALFORMED, FALSE, err->line, err->int2,
               message);
}

static xmlParserInputPtr
refuse_entity_loader (const char       *url,
                      const char       *id,
                      xmlParserCtxtPtr  ctxt)
{
  return NULL;
}

void
us_xml_init_safety (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      xmlInitParser ();
      xmlSetExternalEntityLoader (refuse_entity_loader);
      g_once_init_leave (&once, 1);
    }
}

const char *
_us_reader_local_name (Reader *rd)
{
  return (const char *) xmlTextReaderConstLocalName (rd->r);
}

static gboolean
in_our_namespace (Reader *rd)
{
  const xmlChar *ns = xmlTextReaderConstNamespaceUri (rd->r);

  return ns != NULL && strcmp ((const char *) ns, US_FORMAT_NAMESPACE) == 0;
}

/* Advance to the next child element of the element at depth; FALSE at
 * its end (or on error).  The reader must be on the parent's start tag or
 * on a previous child that has been fully consumed.
 */
gboolean
_us_reader_next_child (Reader *rd,
                       int     depth)
{
  for (;;)
    {
      int ret = xmlTextReaderRead (rd->r);
      int type;

      if (ret != 1)
        return FALSE;
      type = xmlTextReaderNodeType (rd->r);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (rd->r) <= depth)
        return FALSE;
      if (type == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth (rd->r) == depth + 1)
        return TRUE;
      if (type == XML_READER_TYPE_ENTITY_REFERENCE || type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          _us_reader_problem (rd, US_FORMAT_ERROR_FORBIDDEN, FALSE,
                              _("entity references are not allowed in campaign files"));
          return FALSE;
        }
      if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) &&
          xmlTextReaderDepth (rd->r) == depth + 1)
        {
          _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, TRUE,
                              _("unexpected text ignored"));
        }
    }
}

/* Skip the current element's subtree, with a warning: a file from a newer
 * minor version may hold elements we do not know; they are dropped.
 */
void
_us_reader_skip_unknown (Reader     *rd,
                         const char *parent)
{
  _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, TRUE,
                      _("unknown element <%s> in <%s> skipped"), _us_reader_local_name (rd), parent);
  if (!xmlTextReaderIsEmptyElement (rd->r))
    {
      int depth = xmlTextReaderDepth (rd->r);

      while (xmlTextReaderRead (rd->r) == 1)
        if (xmlTextReaderNodeType (rd->r) == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth (rd->r) == depth)
          break;
    }
}

/* Reads the text content of the current element; child elements are an
 * error.  Returns a pointer into rd->text, valid until the next call.
 */
const char *
_us_reader_read_text (Reader *rd)
{
  int depth = xmlTextReaderDepth (rd->r);

  g_string_truncate (rd->text, 0);
  if (xmlTextReaderIsEmptyElement (rd->r))
    return rd->text->str;

  while (xmlTextReaderRead (rd->r) == 1)
    {
      int type = xmlTextReaderNodeType (rd->r);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (rd->r) == depth)
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        g_string_append (rd->text, (const char *) xmlTextReaderConstValue (rd->r));
      else if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          _us_reader_problem (rd, US_FORMAT_ERROR_FORBIDDEN, FALSE,
                              _("entity references are not allowed in campaign files"));
          break;
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        {
          _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                              _("element <%s> not allowed here: only text"), _us_reader_local_name (rd));
          if (!xmlTextReaderIsEmptyElement (rd->r))
            xmlTextReaderNext (rd->r);
        }
    }
  return rd->text->str;
}

gboolean
_us_reader_parse_time_attr (Reader     *rd,
                            const char *name,
                            const char *value,
                            gint64     *out)
{
  if (us_parse_timestamp (value, out))
    return TRUE;
  _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                      _("invalid %s time \"%s\": write it as 2020-05-26T12:00:00Z"), name, value);
  return FALSE;
}

gboolean
_us_reader_parse_uint_attr (Reader     *rd,
                            const char *name,
                            const char *value,
                            guint       max,
                            guint      *out)
{
  guint64 v;

  if (g_ascii_string_to_unsigned (value, 10, 1, max, &v, NULL))
    {
      *out = (guint) v;
      return TRUE;
    }
  _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                      _("invalid %s \"%s\": expected a whole number from 1 to %u"), name, value, max);
  return FALSE;
}

static void
read_paragraph (Reader  *rd,
                GString *body)
{
  int depth = xmlTextReaderDepth (rd->r);

  if (body->len > 0)
    g_string_append (body, "\n\n");
  if (xmlTextReaderIsEmptyElement (rd->r))
    return;

  while (xmlTextReaderRead (rd->r) == 1)
    {
      int type = xmlTextReaderNodeType (rd->r);

      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (rd->r) == depth)
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE)
        g_string_append (body, (const char *) xmlTextReaderConstValue (rd->r));
      else if (type == XML_READER_TYPE_ELEMENT && strcmp (_us_reader_local_name (rd), "cite") == 0)
        {
          g_autofree char *ref = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "ref");

          if (!us_id_is_valid (ref))
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("<cite> needs a ref attribute naming an incident id"));
          else
            g_string_append_printf (body, "[@%s]", ref);
          if (!xmlTextReaderIsEmptyElement (rd->r))
            xmlTextReaderNext (rd->r);
        }
      else if (type == XML_READER_TYPE_ELEMENT)
        _us_reader_skip_unknown (rd, "p");
      else if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          _us_reader_problem (rd, US_FORMAT_ERROR_FORBIDDEN, FALSE,
                              _("entity references are not allowed in campaign files"));
          break;
        }
    }
}

/* The writer splits the body on blank lines and trims each paragraph; do
 * the same here, so that load, save, load gives the same text even for a
 * file with empty paragraphs or blank lines inside one.
 */
static void
normalize_body (UsEdition *edition)
{
  g_auto(GStrv) paras = us_edition_dup_paragraphs (edition);
  g_autofree char *body = g_strjoinv ("\n\n", paras);

  us_edition_set_body (edition, body);
}

static UsEdition *
read_edition (Reader *rd)
{
  g_autoptr(UsEdition) edition = us_edition_new (NULL);
  g_autofree char *lang = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "lang");
  int depth = xmlTextReaderDepth (rd->r);

  if (!us_language_tag_is_valid (lang))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("<edition> needs a lang attribute with a language tag such as en or fr-CH"));
  us_edition_set_language (edition, lang);

  if (xmlTextReaderIsEmptyElement (rd->r))
    return g_steal_pointer (&edition);

  while (_us_reader_next_child (rd, depth))
    {
      const char *name = _us_reader_local_name (rd);

      if (strcmp (name, "title") == 0)
        us_edition_set_title (edition, _us_reader_read_text (rd));
      else if (strcmp (name, "addressee") == 0)
        us_edition_set_addressee (edition, _us_reader_read_text (rd));
      else if (strcmp (name, "body") == 0)
        {
          g_autoptr(GString) body = g_string_new (NULL);
          int body_depth = xmlTextReaderDepth (rd->r);

          if (!xmlTextReaderIsEmptyElement (rd->r))
            while (_us_reader_next_child (rd, body_depth))
              {
                if (strcmp (_us_reader_local_name (rd), "p") == 0)
                  read_paragraph (rd, body);
                else
                  _us_reader_skip_unknown (rd, "body");
              }
          us_edition_set_body (edition, body->str);
          normalize_body (edition);
        }
      else
        _us_reader_skip_unknown (rd, "edition");
    }
  return g_steal_pointer (&edition);
}

static void
read_letter (Reader *rd)
{
  UsLetter *letter = us_campaign_get_letter (rd->campaign);
  int depth = xmlTextReaderDepth (rd->r);
  guint last_version = 0;

  if (xmlTextReaderIsEmptyElement (rd->r))
    return;

  while (_us_reader_next_child (rd, depth))
    {
      const char *name = _us_reader_local_name (rd);

      if (strcmp (name, "edition") == 0)
        {
          g_autoptr(UsEdition) edition = read_edition (rd);

          if (us_letter_find_edition (letter, us_edition_get_language (edition)))
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("a second edition in \"%s\": each language has one edition"),
                                us_edition_get_language (edition));
          us_letter_add_edition (letter, edition);
        }
      else if (strcmp (name, "version") == 0)
        {
          g_autoptr(UsLetterVersion) version = NULL;
          g_autofree char *num = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "number");
          g_autofree char *frozen = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "frozen");
          int vdepth = xmlTextReaderDepth (rd->r);
          guint number = 0;
          gint64 frozen_at = 0;

          if (num == NULL || !_us_reader_parse_uint_attr (rd, "version number", num, G_MAXUINT16, &number))
            {
              if (num == NULL)
                _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<version> needs a number attribute"));
            }
          else if (number <= last_version)
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("version %u follows version %u: versions must be in increasing order"),
                                number, last_version);
          if (frozen != NULL)
            _us_reader_parse_time_attr (rd, "frozen", frozen, &frozen_at);
          last_version = MAX (last_version, number);

          version = us_letter_version_new (number, frozen_at);
          if (!xmlTextReaderIsEmptyElement (rd->r))
            while (_us_reader_next_child (rd, vdepth))
              {
                if (strcmp (_us_reader_local_name (rd), "edition") == 0)
                  {
                    g_autoptr(UsEdition) edition = read_edition (rd);
                    us_letter_version_add_edition (version, edition);
                  }
                else
                  _us_reader_skip_unknown (rd, "version");
              }
          us_letter_add_version (letter, version);
        }
      else
        _us_reader_skip_unknown (rd, "letter");
    }
}

static gboolean
check_version (Reader *rd)
{
  g_autofree char *version = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "version");
  guint64 major = 0, minor = 0;
  g_auto(GStrv) parts = NULL;

  if (version == NULL)
    {
      _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<campaign> needs a version attribute"));
      return FALSE;
    }
  parts = g_strsplit (version, ".", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 9999, &major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 9999, &minor, NULL))
    {
      _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                          _("invalid format version \"%s\": expected MAJOR.MINOR"), version);
      return FALSE;
    }
  if (major > US_FORMAT_VERSION_MAJOR)
    {
      _us_reader_problem (rd, US_FORMAT_ERROR_NEWER, FALSE,
                          _("this file uses format version %s, newer than this Undersigned reads (%s): update Undersigned to open it"),
                          version, US_FORMAT_VERSION);
      return FALSE;
    }
  if (major == US_FORMAT_VERSION_MAJOR && minor > US_FORMAT_VERSION_MINOR)
    _us_reader_problem (rd, US_FORMAT_ERROR_NEWER, TRUE,
                        _("this file uses format version %s; fields this version does not know will be dropped on save"),
                        version);
  return TRUE;
}

static void
read_campaign (Reader *rd)
{
  int depth = xmlTextReaderDepth (rd->r);
  g_autofree char *created = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "created");
  g_autofree char *modified = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "modified");
  gint64 t;

  if (!check_version (rd))
    return;
  if (created && _us_reader_parse_time_attr (rd, "created", created, &t))
    us_campaign_set_created (rd->campaign, t);
  if (modified && _us_reader_parse_time_attr (rd, "modified", modified, &t))
    rd->modified_at = t;

  if (xmlTextReaderIsEmptyElement (rd->r))
    return;
  while (_us_reader_next_child (rd, depth))
    {
      const char *name = _us_reader_local_name (rd);

      if (strcmp (name, "Signature") == 0 &&
          g_strcmp0 ((const char *) xmlTextReaderConstNamespaceUri (rd->r),
                     "http://www.w3.org/2000/09/xmldsig#") == 0)
        xmlTextReaderNext (rd->r);   /* a signed export: checked by verify */
      else if (!in_our_namespace (rd))
        _us_reader_skip_unknown (rd, "campaign");
      else if (strcmp (name, "title") == 0)
        us_campaign_set_title (rd->campaign, _us_reader_read_text (rd));
      else if (strcmp (name, "organisation") == 0)
        us_campaign_set_organisation (rd->campaign, _us_reader_read_text (rd));
      else if (strcmp (name, "contact") == 0)
        us_campaign_set_contact (rd->campaign, _us_reader_read_text (rd));
      else if (strcmp (name, "letter") == 0)
        read_letter (rd);
      else if (strcmp (name, "incidents") == 0)
        _us_reader_read_list (rd, "incidents", "incident");
      else if (strcmp (name, "signatories") == 0)
        _us_reader_read_signatories (rd);
      else if (strcmp (name, "sources") == 0)
        _us_reader_read_list (rd, "sources", "source");
      else if (strcmp (name, "inbox") == 0)
        _us_reader_read_list (rd, "inbox", "candidate");
      else
        _us_reader_skip_unknown (rd, "campaign");
      if (rd->error != NULL && rd->error->code == US_FORMAT_ERROR_MALFORMED)
        return;
    }
}

static void
check_citations (Reader *rd)
{
  /* Citations may point at incidents listed after the letter, so they are
   * checked once everything is in.
   */
  GListModel *editions = us_letter_get_editions (us_campaign_get_letter (rd->campaign));

  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      UsEdition *edition = us_array_store_peek (US_ARRAY_STORE (editions), i);
      g_auto(GStrv) ids = us_citations_ids (us_edition_get_body (edition));

      for (guint j = 0; ids[j]; j++)
        if (us_campaign_find_incident (rd->campaign, ids[j]) == NULL)
          {
            g_autofree char *message =
              g_strdup_printf (_("the %s edition cites \"%s\", which is not in the incident list"),
                               us_edition_get_language (edition), ids[j]);
            add_problem (rd, US_FORMAT_ERROR_INVALID, TRUE, 0, 0, message);
          }
    }
}

/* Campaign files are UTF-8.  libxml2 honours any declared encoding, and a
 * conversion error (say, encoding="UTF-7") ends the parse quietly as if
 * the file were complete; so the declaration is checked first.
 */
static gboolean
check_encoding (const char  *head,
                gsize        len,
                const char  *display_name,
                GError     **error)
{
  g_autofree char *prolog = NULL;
  const char *enc, *end;
  char quote;

  if (len >= 2 && (((guchar) head[0] == 0xFF && (guchar) head[1] == 0xFE) ||
                   ((guchar) head[0] == 0xFE && (guchar) head[1] == 0xFF)))
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("%s:1:1: the file is UTF-16; campaign files are UTF-8: re-save it as UTF-8"),
                   display_name);
      return FALSE;
    }
  if (len >= 3 && (guchar) head[0] == 0xEF && (guchar) head[1] == 0xBB && (guchar) head[2] == 0xBF)
    {
      head += 3;
      len -= 3;
    }
  if (len < 5 || strncmp (head, "<?xml", 5) != 0)
    return TRUE;
  end = g_strstr_len (head, MIN (len, 256), "?>");
  if (end == NULL)
    return TRUE;
  prolog = g_strndup (head, end - head);
  enc = strstr (prolog, "encoding");
  if (enc == NULL)
    return TRUE;
  enc += strlen ("encoding");
  while (*enc == ' ' || *enc == '=' || *enc == '\t')
    enc++;
  quote = *enc;
  if (quote != '"' && quote != '\'')
    return TRUE;   /* malformed: the parser will say so */
  enc++;
  end = strchr (enc, quote);
  if (end == NULL)
    return TRUE;
  if ((end - enc == 5 && g_ascii_strncasecmp (enc, "UTF-8", 5) == 0) ||
      (end - enc == 4 && g_ascii_strncasecmp (enc, "UTF8", 4) == 0))
    return TRUE;
  {
    g_autofree char *name = g_strndup (enc, end - enc);
    g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                 _("%s:1:1: the file declares encoding “%s”; campaign files are UTF-8: re-save it as UTF-8"),
                 display_name, name);
  }
  return FALSE;
}

static UsCampaign *
load (xmlTextReaderPtr   r,
      const char        *display_name,
      GPtrArray        **problems_out,
      GError           **error)
{
  Reader rd = { 0 };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) us_problem_free);
  g_autoptr(UsCampaign) campaign = us_campaign_new (NULL);
  g_autoptr(GPtrArray) signatories = NULL;
  gboolean root_seen = FALSE;

  rd.r = r;
  rd.file = display_name;
  rd.problems = problems;
  rd.text = g_string_new (NULL);
  rd.campaign = campaign;
  rd.signatories = signatories = g_ptr_array_new_with_free_func (g_object_unref);
  xmlTextReaderSetStructuredErrorHandler (r, structured_error, &rd);

  while (rd.error == NULL && xmlTextReaderRead (r) == 1)
    {
      int type = xmlTextReaderNodeType (r);

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        {
          _us_reader_problem (&rd, US_FORMAT_ERROR_FORBIDDEN, FALSE,
                              _("DOCTYPE declarations are not allowed in campaign files (they can hide entities)"));
          break;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (root_seen)
        break;
      root_seen = TRUE;
      if (strcmp (_us_reader_local_name (&rd), "campaign") != 0 || !in_our_namespace (&rd))
        {
          const xmlChar *ns = xmlTextReaderConstNamespaceUri (r);

          _us_reader_problem (&rd, US_FORMAT_ERROR_NOT_CAMPAIGN, FALSE,
                              _("not an Undersigned campaign: the root element is <%s> in namespace \"%s\", expected <campaign> in \"%s\""),
                              _us_reader_local_name (&rd), ns ? (const char *) ns : "", US_FORMAT_NAMESPACE);
          break;
        }
      read_campaign (&rd);
      if (rd.error == NULL &&
          !(xmlTextReaderNodeType (r) == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) == 0) &&
          !xmlTextReaderIsEmptyElement (r))
        {
          g_autofree char *message =
            g_strdup_printf (_("the file ends before </campaign>: it was cut off; try its backup %s~"),
                             display_name);
          add_problem (&rd, US_FORMAT_ERROR_MALFORMED, FALSE,
                       xmlTextReaderGetParserLineNumber (r), xmlTextReaderGetParserColumnNumber (r),
                       message);
        }
    }

  /* Read to the end so that truncation after the root is still noticed. */
  while (rd.error == NULL && xmlTextReaderRead (r) == 1)
    ;
  if (rd.error == NULL && !root_seen)
    add_problem (&rd, US_FORMAT_ERROR_MALFORMED, FALSE, 1, 1,
                 _("the file holds no XML document"));
  if (rd.error == NULL)
    check_citations (&rd);

  xmlTextReaderSetStructuredErrorHandler (r, NULL, NULL);
  g_string_free (rd.text, TRUE);

  if (problems_out)
    *problems_out = g_ptr_array_ref (problems);

  if (rd.error != NULL)
    {
      g_propagate_error (error, rd.error);
      return NULL;
    }

  /* One step, through the campaign, so every signatory knows its owner
   * and new ones get ids past the highest read.
   */
  us_campaign_add_signatories (campaign, (UsSignatory **) rd.signatories->pdata,
                               rd.signatories->len);
  /* Loading is not editing. */
  us_campaign_set_modified (campaign, FALSE);
  us_campaign_set_modified_at (campaign, rd.modified_at ? rd.modified_at : us_campaign_get_created (campaign));
  return g_steal_pointer (&campaign);
}

/* Deliberately without XML_PARSE_NOENT, DTDLOAD, DTDATTR, XINCLUDE and
 * HUGE: entities stay unexpanded (and are refused), nothing is fetched,
 * and libxml2's depth and size limits stay on.
 */
#define READER_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

static void
io_error (GError     **error,
          const char  *display_name,
          int          saved_errno,
          const char  *what)
{
  g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
               "%s:0:0: %s: %s", display_name, what, g_strerror (saved_errno));
}

UsCampaign *
us_campaign_load_fd (int          fd,
                     const char  *display_name,
                     GPtrArray  **problems,
                     GError     **error)
{
  xmlTextReaderPtr r;
  UsCampaign *campaign;
  GStatBuf st;

  g_return_val_if_fail (fd >= 0, NULL);
  us_xml_init_safety ();

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      io_error (error, display_name, EISDIR, _("cannot open a folder as a campaign"));
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("%s:1:1: the file is empty (0 bytes): it is not a campaign, or it was cut off; try its backup %s~"),
                   display_name, display_name);
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode)
      && !check_size (st.st_size, display_name, error))
    return NULL;

  {
    char head[256];
    gssize n = pread (fd, head, sizeof head, 0);

    if (n > 0 && !check_encoding (head, n, display_name, error))
      return NULL;
  }

  r = xmlReaderForFd (fd, NULL, NULL, READER_OPTIONS);
  if (r == NULL)
    {
      io_error (error, display_name, errno, _("cannot read the file"));
      return NULL;
    }
  campaign = load (r, display_name, problems, error);
  xmlFreeTextReader (r);
  return campaign;
}

UsCampaign *
us_campaign_load_path (const char  *path,
                       GPtrArray  **problems,
                       GError     **error)
{
  UsCampaign *campaign;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      io_error (error, path, saved_errno, _("cannot open the file"));
      return NULL;
    }
  campaign = us_campaign_load_fd (fd, path, problems, error);
  close (fd);
  return campaign;
}

UsCampaign *
us_campaign_load_bytes (GBytes      *bytes,
                        const char  *display_name,
                        GPtrArray  **problems,
                        GError     **error)
{
  xmlTextReaderPtr r;
  UsCampaign *campaign;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  us_xml_init_safety ();
  if (len == 0)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("%s:1:1: the document is empty (0 bytes)"), display_name);
      return NULL;
    }
  if (!check_size (len, display_name, error))
    return NULL;
  if (len > G_MAXINT)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
                   _("%s:0:0: the document is too large to read from memory"), display_name);
      return NULL;
    }
  if (!check_encoding (data, len, display_name, error))
    return NULL;
  r = xmlReaderForMemory (data, (int) len, NULL, NULL, READER_OPTIONS);
  if (r == NULL)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
                   _("%s:0:0: cannot create an XML reader"), display_name);
      return NULL;
    }
  campaign = load (r, display_name, problems, error);
  xmlFreeTextReader (r);
  return campaign;
}

/* For us-reader-keys.c: the checks made before a byte is parsed. */
gboolean
_us_reader_check_head (goffset      size,
                       const char  *head,
                       gsize        len,
                       const char  *display_name,
                       GError     **error)
{
  return check_size (size, display_name, error) &&
         check_encoding (head, len, display_name, error);
}
