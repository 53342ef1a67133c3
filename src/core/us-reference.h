/* us-reference.h: a public source that documents an incident
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"

G_BEGIN_DECLS

#define US_TYPE_REFERENCE (us_reference_get_type ())
G_DECLARE_FINAL_TYPE (UsReference, us_reference, US, REFERENCE, UsRecord)

UsReference *us_reference_new           (const char  *url);
UsReference *us_reference_copy          (UsReference *self);
gboolean     us_reference_equal         (UsReference *a,
                                         UsReference *b);
const char  *us_reference_get_url       (UsReference *self);
void         us_reference_set_url       (UsReference *self,
                                         const char  *url);
const char  *us_reference_get_title     (UsReference *self);
void         us_reference_set_title     (UsReference *self,
                                         const char  *title);
const char  *us_reference_get_publisher (UsReference *self);
void         us_reference_set_publisher (UsReference *self,
                                         const char  *publisher);
/* YYYY-MM-DD or NULL */
const char  *us_reference_get_published (UsReference *self);
void         us_reference_set_published (UsReference *self,
                                         const char  *published);
const char  *us_reference_get_accessed  (UsReference *self);
void         us_reference_set_accessed  (UsReference *self,
                                         const char  *accessed);

G_END_DECLS
