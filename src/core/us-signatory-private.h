/* us-signatory-private.h: bulk access for loaders and writers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-signatory.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *title;
  const char *organisation;
  const char *country;
  const char *email;
  const char *note;
  const char *language;
  gint64      signed_at;
  guint       id;
  guint       prominent;
  guint       version;
  UsOrigin    origin;
  UsStatus    status;
  UsConsent   consent;
} UsSignatoryFields;

/* Builds a signatory without a notification per field. */
UsSignatory *_us_signatory_new_from_fields (const UsSignatoryFields *fields);
/* The same, taking ownership of name, email and note (g_malloc'd):
 * saves a copy per field when loading a million rows.
 */
UsSignatory *_us_signatory_new_take_fields (UsSignatoryFields       *fields);
/* Borrowed pointers into self. */
void         _us_signatory_get_fields      (UsSignatory             *self,
                                            UsSignatoryFields       *fields);

G_END_DECLS
