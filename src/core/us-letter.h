/* us-letter.h: the letter, its language editions and its frozen versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-record.h"
#include "us-edition.h"

G_BEGIN_DECLS

#define US_TYPE_LETTER_VERSION (us_letter_version_get_type ())
G_DECLARE_FINAL_TYPE (UsLetterVersion, us_letter_version, US, LETTER_VERSION, GObject)

/* A frozen copy of every edition; its editions never change. */
UsLetterVersion *us_letter_version_new            (guint            number,
                                                   gint64           frozen_at);
guint            us_letter_version_get_number     (UsLetterVersion *self);
gint64           us_letter_version_get_frozen_at  (UsLetterVersion *self);
GListModel      *us_letter_version_get_editions   (UsLetterVersion *self);
/* For loaders only: a version is frozen once its editions are in. */
void             us_letter_version_add_edition    (UsLetterVersion *self,
                                                   UsEdition       *edition);
UsEdition       *us_letter_version_find_edition   (UsLetterVersion *self,
                                                   const char      *language);
gboolean         us_letter_version_equal          (UsLetterVersion *a,
                                                   UsLetterVersion *b);

#define US_TYPE_LETTER (us_letter_get_type ())
G_DECLARE_FINAL_TYPE (UsLetter, us_letter, US, LETTER, UsRecord)

UsLetter        *us_letter_new            (void);
/* GListModel of UsEdition: the current, editable text. */
GListModel      *us_letter_get_editions   (UsLetter   *self);
/* GListModel of UsLetterVersion, oldest first. */
GListModel      *us_letter_get_versions   (UsLetter   *self);
UsEdition       *us_letter_find_edition   (UsLetter   *self,
                                           const char *language);
void             us_letter_add_edition    (UsLetter   *self,
                                           UsEdition  *edition);
void             us_letter_remove_edition (UsLetter   *self,
                                           UsEdition  *edition);
/* Copies every edition into a new version numbered one past the last. */
UsLetterVersion *us_letter_freeze         (UsLetter   *self,
                                           gint64      frozen_at);
void             us_letter_add_version    (UsLetter        *self,
                                           UsLetterVersion *version);
/* 0 when nothing is frozen yet. */
guint            us_letter_get_latest_version (UsLetter *self);
gboolean         us_letter_equal          (UsLetter   *a,
                                           UsLetter   *b);

G_END_DECLS
