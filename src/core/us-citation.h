/* us-citation.h: citation markers in the letter's text
 *
 * A citation is written [@incident-id] in an edition's body; the id uses
 * the characters us_id_is_valid() allows.  Anything else in brackets is
 * plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize  start;   /* byte offset of '[' */
  gsize  end;     /* byte offset just past ']' */
  char  *id;
} UsCitation;

void       us_citation_free   (UsCitation *citation);
/* Every marker in text, in order, as UsCitation. */
GPtrArray *us_citations_find  (const char *text);
/* The incident ids cited in text, each once, in order of first citation. */
char     **us_citations_ids   (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsCitation, us_citation_free)

G_END_DECLS
