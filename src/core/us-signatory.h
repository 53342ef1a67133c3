/* us-signatory.h: one person who signed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"
#include "us-enums.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY (us_signatory_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatory, us_signatory, US, SIGNATORY, UsRecord)

UsSignatory *us_signatory_new              (const char  *name);
UsSignatory *us_signatory_copy             (UsSignatory *self);
gboolean     us_signatory_equal            (UsSignatory *a,
                                            UsSignatory *b);
/* Sets every field a person can edit or a merge can change (not the id,
 * origin, letter version or language) from another signatory, usually a
 * copy taken before an edit: what undo and redo restore.
 */
void         us_signatory_assign           (UsSignatory *self,
                                            UsSignatory *from);

guint        us_signatory_get_id           (UsSignatory *self);
void         us_signatory_set_id           (UsSignatory *self,
                                            guint        id);
const char  *us_signatory_get_name         (UsSignatory *self);
void         us_signatory_set_name         (UsSignatory *self,
                                            const char  *name);
const char  *us_signatory_get_title        (UsSignatory *self);
void         us_signatory_set_title        (UsSignatory *self,
                                            const char  *title);
const char  *us_signatory_get_organisation (UsSignatory *self);
void         us_signatory_set_organisation (UsSignatory *self,
                                            const char  *organisation);
const char  *us_signatory_get_country      (UsSignatory *self);
void         us_signatory_set_country      (UsSignatory *self,
                                            const char  *country);
const char  *us_signatory_get_email        (UsSignatory *self);
void         us_signatory_set_email        (UsSignatory *self,
                                            const char  *email);
/* Unix seconds, UTC; 0 when unknown. */
gint64       us_signatory_get_signed_at    (UsSignatory *self);
void         us_signatory_set_signed_at    (UsSignatory *self,
                                            gint64       signed_at);
/* The letter version signed; 0 for the current (unfrozen) text. */
guint        us_signatory_get_version      (UsSignatory *self);
void         us_signatory_set_version      (UsSignatory *self,
                                            guint        version);
const char  *us_signatory_get_language     (UsSignatory *self);
void         us_signatory_set_language     (UsSignatory *self,
                                            const char  *language);
UsOrigin     us_signatory_get_origin       (UsSignatory *self);
void         us_signatory_set_origin       (UsSignatory *self,
                                            UsOrigin     origin);
UsStatus     us_signatory_get_status       (UsSignatory *self);
void         us_signatory_set_status       (UsSignatory *self,
                                            UsStatus     status);
UsConsent    us_signatory_get_consent      (UsSignatory *self);
void         us_signatory_set_consent      (UsSignatory *self,
                                            UsConsent    consent);
/* 0 when not prominent, else the position in the prominent list (1 first). */
guint        us_signatory_get_prominent    (UsSignatory *self);
void         us_signatory_set_prominent    (UsSignatory *self,
                                            guint        prominent);
const char  *us_signatory_get_note         (UsSignatory *self);
void         us_signatory_set_note         (UsSignatory *self,
                                            const char  *note);

/* The normalised name (see us_normalize_key()), computed once. */
const char  *us_signatory_get_key          (UsSignatory *self);
/* Verified, not withdrawn, and consenting to a named listing. */
gboolean     us_signatory_is_public        (UsSignatory *self);

G_END_DECLS
