/* us-citation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-citation.h"
#include "us-util.h"

#include <string.h>

void
us_citation_free (UsCitation *citation)
{
  if (citation == NULL)
    return;
  g_free (citation->id);
  g_free (citation);
}

static gboolean
is_id_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == ':';
}

GPtrArray *
us_citations_find (const char *text)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) us_citation_free);
  const char *p = text;

  if (text == NULL)
    return out;

  while ((p = strstr (p, "[@")) != NULL)
    {
      const char *q = p + 2;
      UsCitation *c;

      while (is_id_char (*q) && q - p < 130)
        q++;
      if (*q != ']' || q == p + 2)
        {
          p += 2;
          continue;
        }
      c = g_new0 (UsCitation, 1);
      c->start = p - text;
      c->end = q + 1 - text;
      c->id = g_strndup (p + 2, q - p - 2);
      g_ptr_array_add (out, c);
      p = q + 1;
    }
  return out;
}

char **
us_citations_ids (const char *text)
{
  g_autoptr(GPtrArray) found = us_citations_find (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < found->len; i++)
    {
      UsCitation *c = g_ptr_array_index (found, i);

      if (g_hash_table_add (seen, c->id))
        g_strv_builder_add (builder, c->id);
    }
  return g_strv_builder_end (builder);
}
