/* us-edition.h: the letter in one language
 *
 * The body is plain text; paragraphs are separated by a blank line, and a
 * citation of an incident is written [@incident-id] (see us-citation.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"

G_BEGIN_DECLS

#define US_TYPE_EDITION (us_edition_get_type ())
G_DECLARE_FINAL_TYPE (UsEdition, us_edition, US, EDITION, UsRecord)

UsEdition   *us_edition_new           (const char *language);
UsEdition   *us_edition_copy          (UsEdition  *self);
gboolean     us_edition_equal         (UsEdition  *a,
                                       UsEdition  *b);
/* BCP 47 tag */
const char  *us_edition_get_language  (UsEdition  *self);
void         us_edition_set_language  (UsEdition  *self,
                                       const char *language);
const char  *us_edition_get_title     (UsEdition  *self);
void         us_edition_set_title     (UsEdition  *self,
                                       const char *title);
const char  *us_edition_get_addressee (UsEdition  *self);
void         us_edition_set_addressee (UsEdition  *self,
                                       const char *addressee);
const char  *us_edition_get_body      (UsEdition  *self);
void         us_edition_set_body      (UsEdition  *self,
                                       const char *body);
/* The body split into trimmed, non-empty paragraphs. */
char       **us_edition_dup_paragraphs (UsEdition *self);

/* A BCP 47 tag in the shape language[-Script][-REGION][-variant...]. */
gboolean     us_language_tag_is_valid (const char *tag);

G_END_DECLS
