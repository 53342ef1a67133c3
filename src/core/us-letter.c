/* us-letter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-letter.h"
#include "us-array-store.h"
#include "us-record-private.h"

struct _UsLetterVersion
{
  GObject       parent_instance;
  guint         number;
  gint64        frozen_at;
  UsArrayStore *editions;
};

G_DEFINE_FINAL_TYPE (UsLetterVersion, us_letter_version, G_TYPE_OBJECT)

static gboolean
edition_lists_equal (UsArrayStore *a,
                     UsArrayStore *b)
{
  guint n = us_array_store_get_n_items (a);

  if (n != us_array_store_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!us_edition_equal (us_array_store_peek (a, i), us_array_store_peek (b, i)))
      return FALSE;
  return TRUE;
}

static UsEdition *
find_edition (UsArrayStore *editions,
              const char   *language)
{
  for (guint i = 0; i < us_array_store_get_n_items (editions); i++)
    {
      UsEdition *edition = us_array_store_peek (editions, i);

      if (g_strcmp0 (us_edition_get_language (edition), language) == 0)
        return edition;
    }
  return NULL;
}

static void
us_letter_version_finalize (GObject *object)
{
  UsLetterVersion *self = (UsLetterVersion *) object;

  g_clear_object (&self->editions);
  G_OBJECT_CLASS (us_letter_version_parent_class)->finalize (object);
}

static void
us_letter_version_class_init (UsLetterVersionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = us_letter_version_finalize;
}

static void
us_letter_version_init (UsLetterVersion *self)
{
  self->editions = us_array_store_new (US_TYPE_EDITION);
}

UsLetterVersion *
us_letter_version_new (guint  number,
                       gint64 frozen_at)
{
  UsLetterVersion *self = g_object_new (US_TYPE_LETTER_VERSION, NULL);

  self->number = number;
  self->frozen_at = frozen_at;
  return self;
}

guint
us_letter_version_get_number (UsLetterVersion *self)
{
  g_return_val_if_fail (US_IS_LETTER_VERSION (self), 0);
  return self->number;
}

gint64
us_letter_version_get_frozen_at (UsLetterVersion *self)
{
  g_return_val_if_fail (US_IS_LETTER_VERSION (self), 0);
  return self->frozen_at;
}

GListModel *
us_letter_version_get_editions (UsLetterVersion *self)
{
  g_return_val_if_fail (US_IS_LETTER_VERSION (self), NULL);
  return G_LIST_MODEL (self->editions);
}

void
us_letter_version_add_edition (UsLetterVersion *self,
                               UsEdition       *edition)
{
  g_return_if_fail (US_IS_LETTER_VERSION (self));
  us_array_store_append (self->editions, edition);
}

UsEdition *
us_letter_version_find_edition (UsLetterVersion *self,
                                const char      *language)
{
  g_return_val_if_fail (US_IS_LETTER_VERSION (self), NULL);
  return find_edition (self->editions, language);
}

gboolean
us_letter_version_equal (UsLetterVersion *a,
                         UsLetterVersion *b)
{
  return a->number == b->number && a->frozen_at == b->frozen_at &&
         edition_lists_equal (a->editions, b->editions);
}

struct _UsLetter
{
  UsRecord      parent_instance;
  UsArrayStore *editions;
  UsArrayStore *versions;
};

G_DEFINE_FINAL_TYPE (UsLetter, us_letter, US_TYPE_RECORD)

static void
lists_changed (UsLetter *self)
{
  _us_record_changed (self, NULL);
}

static void
us_letter_set_owner (UsRecord *record,
                     gpointer  campaign)
{
  UsLetter *self = US_LETTER (record);

  US_RECORD_CLASS (us_letter_parent_class)->set_owner (record, campaign);
  for (guint i = 0; i < us_array_store_get_n_items (self->editions); i++)
    _us_record_set_owner (us_array_store_peek (self->editions, i), campaign);
}

static void
us_letter_finalize (GObject *object)
{
  UsLetter *self = (UsLetter *) object;

  g_clear_object (&self->editions);
  g_clear_object (&self->versions);
  G_OBJECT_CLASS (us_letter_parent_class)->finalize (object);
}

static void
us_letter_class_init (UsLetterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = us_letter_finalize;
  US_RECORD_CLASS (klass)->set_owner = us_letter_set_owner;
}

static void
us_letter_init (UsLetter *self)
{
  self->editions = us_array_store_new (US_TYPE_EDITION);
  self->versions = us_array_store_new (US_TYPE_LETTER_VERSION);
  g_signal_connect_swapped (self->editions, "items-changed", G_CALLBACK (lists_changed), self);
  g_signal_connect_swapped (self->versions, "items-changed", G_CALLBACK (lists_changed), self);
}

UsLetter *
us_letter_new (void)
{
  return g_object_new (US_TYPE_LETTER, NULL);
}

GListModel *
us_letter_get_editions (UsLetter *self)
{
  g_return_val_if_fail (US_IS_LETTER (self), NULL);
  return G_LIST_MODEL (self->editions);
}

GListModel *
us_letter_get_versions (UsLetter *self)
{
  g_return_val_if_fail (US_IS_LETTER (self), NULL);
  return G_LIST_MODEL (self->versions);
}

UsEdition *
us_letter_find_edition (UsLetter   *self,
                        const char *language)
{
  g_return_val_if_fail (US_IS_LETTER (self), NULL);
  return find_edition (self->editions, language);
}

void
us_letter_add_edition (UsLetter  *self,
                       UsEdition *edition)
{
  g_return_if_fail (US_IS_LETTER (self));
  g_return_if_fail (US_IS_EDITION (edition));

  _us_record_set_owner (edition, us_record_get_owner (US_RECORD (self)));
  us_array_store_append (self->editions, edition);
}

void
us_letter_remove_edition (UsLetter  *self,
                          UsEdition *edition)
{
  guint pos;

  g_return_if_fail (US_IS_LETTER (self));
  if (us_array_store_find (self->editions, edition, &pos))
    {
      _us_record_set_owner (edition, NULL);
      us_array_store_remove (self->editions, pos);
    }
}

guint
us_letter_get_latest_version (UsLetter *self)
{
  guint n;

  g_return_val_if_fail (US_IS_LETTER (self), 0);
  n = us_array_store_get_n_items (self->versions);
  if (n == 0)
    return 0;
  return us_letter_version_get_number (us_array_store_peek (self->versions, n - 1));
}

void
us_letter_add_version (UsLetter        *self,
                       UsLetterVersion *version)
{
  g_return_if_fail (US_IS_LETTER (self));
  us_array_store_append (self->versions, version);
}

UsLetterVersion *
us_letter_freeze (UsLetter *self,
                  gint64    frozen_at)
{
  g_autoptr(UsLetterVersion) version = NULL;

  g_return_val_if_fail (US_IS_LETTER (self), NULL);

  version = us_letter_version_new (us_letter_get_latest_version (self) + 1, frozen_at);
  for (guint i = 0; i < us_array_store_get_n_items (self->editions); i++)
    {
      g_autoptr(UsEdition) copy = us_edition_copy (us_array_store_peek (self->editions, i));
      us_letter_version_add_edition (version, copy);
    }
  us_array_store_append (self->versions, version);
  return version;
}

gboolean
us_letter_equal (UsLetter *a,
                 UsLetter *b)
{
  guint n = us_array_store_get_n_items (a->versions);

  if (!edition_lists_equal (a->editions, b->editions) ||
      n != us_array_store_get_n_items (b->versions))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!us_letter_version_equal (us_array_store_peek (a->versions, i),
                                  us_array_store_peek (b->versions, i)))
      return FALSE;
  return TRUE;
}
