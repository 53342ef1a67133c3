/* us-schema.c: validation against the RELAX NG schema in data/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "us-format.h"

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>

typedef struct
{
  GPtrArray  *problems;
  const char *file;
} Collect;

static void
collect_error (void        *user_data,
               xmlErrorPtr  err)
{
  Collect *c = user_data;
  UsProblem *p = g_new0 (UsProblem, 1);

  p->file = g_strdup (c->file);
  p->line = err->line;
  p->column = err->int2;
  p->message = g_strchomp (g_strdup (err->message ? err->message : "invalid"));
  p->warning = err->level < XML_ERR_ERROR;
  g_ptr_array_add (c->problems, p);
}

static char *
find_schema (void)
{
  const char *env = g_getenv ("UNDERSIGNED_SCHEMA");
  const char * const candidates[] = {
    PKGDATADIR "/undersigned.rng",
    SOURCE_DATADIR "/undersigned.rng",
  };

  if (env != NULL)
    return g_strdup (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates[i]);
  return NULL;
}

gboolean
us_schema_validate_bytes (GBytes      *document,
                          const char  *display_name,
                          const char  *schema_path,
                          GPtrArray   *problems,
                          GError     **error)
{
  g_autofree char *path = schema_path ? g_strdup (schema_path) : find_schema ();
  g_autofree char *schema_text = NULL;
  gsize schema_len = 0;
  xmlRelaxNGParserCtxtPtr pctxt;
  xmlRelaxNGPtr schema;
  xmlRelaxNGValidCtxtPtr vctxt;
  xmlDocPtr doc;
  Collect c = { problems, display_name };
  gsize len;
  const char *data = g_bytes_get_data (document, &len);
  int ret;

  us_xml_init_safety ();

  /* Read the schema ourselves: the entity loader refuses every file. */
  if (path == NULL || !g_file_get_contents (path, &schema_text, &schema_len, error))
    {
      if (path == NULL)
        g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
                     _("cannot find undersigned.rng; set UNDERSIGNED_SCHEMA to its path"));
      return FALSE;
    }

  pctxt = xmlRelaxNGNewMemParserCtxt (schema_text, (int) schema_len);
  schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  if (schema == NULL)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_INVALID,
                   _("%s: the schema itself is invalid"), path);
      return FALSE;
    }

  doc = xmlReadMemory (data, (int) len, display_name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      xmlRelaxNGFree (schema);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("%s: not well-formed XML"), display_name);
      return FALSE;
    }

  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, collect_error, &c);
  ret = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);
  xmlRelaxNGFree (schema);

  if (ret != 0)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_INVALID,
                   _("%s: does not match the campaign schema"), display_name);
      return FALSE;
    }
  return TRUE;
}
