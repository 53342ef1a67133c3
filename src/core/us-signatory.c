/* us-signatory.c
 *
 * Sized for a million of them: repeated strings are interned and the
 * normalised key is computed only when something searches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-signatory-private.h"
#include "us-record-private.h"
#include "us-enum-types.h"
#include "us-util.h"

#include <string.h>

struct _UsSignatory
{
  UsRecord    parent_instance;

  char       *name;
  char       *email;
  char       *note;
  char       *key;
  const char *title;          /* interned */
  const char *organisation;   /* interned */
  const char *country;        /* interned */
  const char *language;       /* interned */
  gint64      signed_at;
  guint       id;
  guint       prominent;
  guint16     version;
  guint8      origin;
  guint8      status;
  guint8      consent;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_COUNTRY,
  PROP_EMAIL,
  PROP_SIGNED_AT,
  PROP_VERSION,
  PROP_LANGUAGE,
  PROP_ORIGIN,
  PROP_STATUS,
  PROP_CONSENT,
  PROP_PROMINENT,
  PROP_NOTE,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsSignatory, us_signatory, US_TYPE_RECORD)

static void
us_signatory_finalize (GObject *object)
{
  UsSignatory *self = (UsSignatory *) object;

  g_free (self->name);
  g_free (self->email);
  g_free (self->note);
  g_free (self->key);

  G_OBJECT_CLASS (us_signatory_parent_class)->finalize (object);
}

static void
us_signatory_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UsSignatory *self = US_SIGNATORY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_uint (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_COUNTRY: g_value_set_string (value, self->country); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_SIGNED_AT: g_value_set_int64 (value, self->signed_at); break;
    case PROP_VERSION: g_value_set_uint (value, self->version); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_ORIGIN: g_value_set_enum (value, self->origin); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_CONSENT: g_value_set_enum (value, self->consent); break;
    case PROP_PROMINENT: g_value_set_uint (value, self->prominent); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_KEY: g_value_set_string (value, us_signatory_get_key (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatory_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  UsSignatory *self = US_SIGNATORY (object);

  switch (prop_id)
    {
    case PROP_ID: us_signatory_set_id (self, g_value_get_uint (value)); break;
    case PROP_NAME: us_signatory_set_name (self, g_value_get_string (value)); break;
    case PROP_TITLE: us_signatory_set_title (self, g_value_get_string (value)); break;
    case PROP_ORGANISATION: us_signatory_set_organisation (self, g_value_get_string (value)); break;
    case PROP_COUNTRY: us_signatory_set_country (self, g_value_get_string (value)); break;
    case PROP_EMAIL: us_signatory_set_email (self, g_value_get_string (value)); break;
    case PROP_SIGNED_AT: us_signatory_set_signed_at (self, g_value_get_int64 (value)); break;
    case PROP_VERSION: us_signatory_set_version (self, g_value_get_uint (value)); break;
    case PROP_LANGUAGE: us_signatory_set_language (self, g_value_get_string (value)); break;
    case PROP_ORIGIN: us_signatory_set_origin (self, g_value_get_enum (value)); break;
    case PROP_STATUS: us_signatory_set_status (self, g_value_get_enum (value)); break;
    case PROP_CONSENT: us_signatory_set_consent (self, g_value_get_enum (value)); break;
    case PROP_PROMINENT: us_signatory_set_prominent (self, g_value_get_uint (value)); break;
    case PROP_NOTE: us_signatory_set_note (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatory_class_init (UsSignatoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_signatory_finalize;
  object_class->get_property = us_signatory_get_property;
  object_class->set_property = us_signatory_set_property;

  properties[PROP_ID] = g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, rw);
  properties[PROP_SIGNED_AT] = g_param_spec_int64 ("signed-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_VERSION] = g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT16, 0, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_ORIGIN] = g_param_spec_enum ("origin", NULL, NULL, US_TYPE_ORIGIN, US_ORIGIN_TYPED, rw);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, US_TYPE_STATUS, US_STATUS_PENDING, rw);
  properties[PROP_CONSENT] = g_param_spec_enum ("consent", NULL, NULL, US_TYPE_CONSENT, US_CONSENT_NAMED, rw);
  properties[PROP_PROMINENT] = g_param_spec_uint ("prominent", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_signatory_init (UsSignatory *self)
{
  self->status = US_STATUS_PENDING;
  self->consent = US_CONSENT_NAMED;
  self->origin = US_ORIGIN_TYPED;
}

UsSignatory *
us_signatory_new (const char *name)
{
  UsSignatory *self = g_object_new (US_TYPE_SIGNATORY, NULL);

  _us_set_string (&self->name, name);
  return self;
}

UsSignatory *
us_signatory_copy (UsSignatory *self)
{
  UsSignatory *copy;

  g_return_val_if_fail (US_IS_SIGNATORY (self), NULL);

  copy = us_signatory_new (self->name);
  copy->email = g_strdup (self->email);
  copy->note = g_strdup (self->note);
  copy->title = self->title;
  copy->organisation = self->organisation;
  copy->country = self->country;
  copy->language = self->language;
  copy->signed_at = self->signed_at;
  copy->id = self->id;
  copy->prominent = self->prominent;
  copy->version = self->version;
  copy->origin = self->origin;
  copy->status = self->status;
  copy->consent = self->consent;
  return copy;
}

gboolean
us_signatory_equal (UsSignatory *a,
                    UsSignatory *b)
{
  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->note, b->note) == 0 &&
         a->title == b->title &&
         a->organisation == b->organisation &&
         a->country == b->country &&
         a->language == b->language &&
         a->signed_at == b->signed_at &&
         a->id == b->id &&
         a->prominent == b->prominent &&
         a->version == b->version &&
         a->origin == b->origin &&
         a->status == b->status &&
         a->consent == b->consent;
}

void
us_signatory_assign (UsSignatory *self,
                     UsSignatory *from)
{
  g_return_if_fail (US_IS_SIGNATORY (self));
  g_return_if_fail (US_IS_SIGNATORY (from));

  us_signatory_set_name (self, from->name);
  us_signatory_set_title (self, from->title);
  us_signatory_set_organisation (self, from->organisation);
  us_signatory_set_country (self, from->country);
  us_signatory_set_email (self, from->email);
  us_signatory_set_note (self, from->note);
  us_signatory_set_status (self, from->status);
  us_signatory_set_consent (self, from->consent);
  us_signatory_set_prominent (self, from->prominent);
  us_signatory_set_signed_at (self, from->signed_at);
}

#define CHANGED(self, prop) _us_record_changed (self, properties[prop])

guint
us_signatory_get_id (UsSignatory *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY (self), 0);
  return self->id;
}

void
us_signatory_set_id (UsSignatory *self,
                     guint        id)
{
  g_return_if_fail (US_IS_SIGNATORY (self));
  if (self->id == id)
    return;
  self->id = id;
  CHANGED (self, PROP_ID);
}

const char *
us_signatory_get_name (UsSignatory *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY (self), NULL);
  return self->name;
}

void
us_signatory_set_name (UsSignatory *self,
                       const char  *name)
{
  g_return_if_fail (US_IS_SIGNATORY (self));
  if (!_us_set_string (&self->name, name))
    return;
  g_clear_pointer (&self->key, g_free);
  CHANGED (self, PROP_NAME);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

#define INTERNED_ACCESSORS(field, PROP)                                       \
  const char *                                                                \
  us_signatory_get_##field (UsSignatory *self)                                \
  {                                                                           \
    g_return_val_if_fail (US_IS_SIGNATORY (self), NULL);                      \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_signatory_set_##field (UsSignatory *self,                                \
                            const char  *value)                               \
  {                                                                           \
    g_return_if_fail (US_IS_SIGNATORY (self));                                \
    if (_us_set_interned (&self->field, value))                               \
      CHANGED (self, PROP);                                                   \
  }

#define STRING_ACCESSORS(field, PROP)                                         \
  const char *                                                                \
  us_signatory_get_##field (UsSignatory *self)                                \
  {                                                                           \
    g_return_val_if_fail (US_IS_SIGNATORY (self), NULL);                      \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_signatory_set_##field (UsSignatory *self,                                \
                            const char  *value)                               \
  {                                                                           \
    g_return_if_fail (US_IS_SIGNATORY (self));                                \
    if (_us_set_string (&self->field, value))                                 \
      CHANGED (self, PROP);                                                   \
  }

#define SCALAR_ACCESSORS(field, Type, PROP)                                   \
  Type                                                                        \
  us_signatory_get_##field (UsSignatory *self)                                \
  {                                                                           \
    g_return_val_if_fail (US_IS_SIGNATORY (self), (Type) 0);                  \
    return (Type) self->field;                                                \
  }                                                                           \
  void                                                                        \
  us_signatory_set_##field (UsSignatory *self,                                \
                            Type         value)                               \
  {                                                                           \
    g_return_if_fail (US_IS_SIGNATORY (self));                                \
    if ((Type) self->field == value)                                          \
      return;                                                                 \
    self->field = value;                                                      \
    CHANGED (self, PROP);                                                     \
  }

INTERNED_ACCESSORS (title, PROP_TITLE)
INTERNED_ACCESSORS (organisation, PROP_ORGANISATION)
INTERNED_ACCESSORS (country, PROP_COUNTRY)
INTERNED_ACCESSORS (language, PROP_LANGUAGE)
STRING_ACCESSORS (email, PROP_EMAIL)
STRING_ACCESSORS (note, PROP_NOTE)
SCALAR_ACCESSORS (signed_at, gint64, PROP_SIGNED_AT)
SCALAR_ACCESSORS (version, guint, PROP_VERSION)
SCALAR_ACCESSORS (origin, UsOrigin, PROP_ORIGIN)
SCALAR_ACCESSORS (status, UsStatus, PROP_STATUS)
SCALAR_ACCESSORS (consent, UsConsent, PROP_CONSENT)
SCALAR_ACCESSORS (prominent, guint, PROP_PROMINENT)

const char *
us_signatory_get_key (UsSignatory *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY (self), NULL);

  if (self->key == NULL)
    {
      self->key = us_normalize_key (self->name ? self->name : "");
      if (self->key == NULL)
        self->key = g_strdup ("");
    }
  return self->key;
}

gboolean
us_signatory_is_public (UsSignatory *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY (self), FALSE);
  return self->status == US_STATUS_VERIFIED && self->consent == US_CONSENT_NAMED;
}

static const char *
intern_or_null (const char *value)
{
  return value && *value ? g_intern_string (value) : NULL;
}

static char *
dup_or_null (const char *value)
{
  return value && *value ? g_strdup (value) : NULL;
}

UsSignatory *
_us_signatory_new_from_fields (const UsSignatoryFields *f)
{
  UsSignatory *self = g_object_new (US_TYPE_SIGNATORY, NULL);

  self->name = dup_or_null (f->name);
  self->email = dup_or_null (f->email);
  self->note = dup_or_null (f->note);
  self->title = intern_or_null (f->title);
  self->organisation = intern_or_null (f->organisation);
  self->country = intern_or_null (f->country);
  self->language = intern_or_null (f->language);
  self->signed_at = f->signed_at;
  self->id = f->id;
  self->prominent = f->prominent;
  self->version = MIN (f->version, G_MAXUINT16);
  self->origin = f->origin;
  self->status = f->status;
  self->consent = f->consent;
  return self;
}

UsSignatory *
_us_signatory_new_take_fields (UsSignatoryFields *f)
{
  UsSignatoryFields borrowed = *f;
  UsSignatory *self;

  borrowed.name = borrowed.email = borrowed.note = NULL;
  self = _us_signatory_new_from_fields (&borrowed);
  self->name = (char *) (f->name && *f->name ? f->name : (g_free ((char *) f->name), NULL));
  self->email = (char *) (f->email && *f->email ? f->email : (g_free ((char *) f->email), NULL));
  self->note = (char *) (f->note && *f->note ? f->note : (g_free ((char *) f->note), NULL));
  f->name = f->email = f->note = NULL;
  return self;
}

void
_us_signatory_get_fields (UsSignatory       *self,
                          UsSignatoryFields *f)
{
  f->name = self->name;
  f->email = self->email;
  f->note = self->note;
  f->title = self->title;
  f->organisation = self->organisation;
  f->country = self->country;
  f->language = self->language;
  f->signed_at = self->signed_at;
  f->id = self->id;
  f->prominent = self->prominent;
  f->version = self->version;
  f->origin = self->origin;
  f->status = self->status;
  f->consent = self->consent;
}
