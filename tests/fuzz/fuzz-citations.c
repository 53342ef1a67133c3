/* fuzz-citations.c: libFuzzer target for citation markers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-citation.h"
#include "us-util.h"

#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) found = us_citations_find (text);
  g_auto(GStrv) ids = us_citations_ids (text);
  gsize len = strlen (text);
  gsize last_end = 0;

  for (guint i = 0; i < found->len; i++)
    {
      UsCitation *c = g_ptr_array_index (found, i);

      /* Markers are in order, inside the text, and well formed. */
      g_assert (c->start >= last_end && c->end <= len && c->start < c->end);
      g_assert (text[c->start] == '[' && text[c->end - 1] == ']');
      g_assert (us_id_is_valid (c->id));
      last_end = c->end;
    }
  g_assert (g_strv_length (ids) <= found->len);
  return 0;
}
