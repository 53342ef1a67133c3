/* us-reference.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reference.h"
#include "us-record-private.h"

struct _UsReference
{
  UsRecord  parent_instance;
  char     *url;
  char     *title;
  char     *publisher;
  char     *published;
  char     *accessed;
};

enum {
  PROP_0,
  PROP_URL,
  PROP_TITLE,
  PROP_PUBLISHER,
  PROP_PUBLISHED,
  PROP_ACCESSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsReference, us_reference, US_TYPE_RECORD)

static char **
field_for_prop (UsReference *self,
                guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_URL: return &self->url;
    case PROP_TITLE: return &self->title;
    case PROP_PUBLISHER: return &self->publisher;
    case PROP_PUBLISHED: return &self->published;
    case PROP_ACCESSED: return &self->accessed;
    default: return NULL;
    }
}

static void
us_reference_finalize (GObject *object)
{
  UsReference *self = (UsReference *) object;

  for (guint i = 1; i < N_PROPS; i++)
    g_free (*field_for_prop (self, i));

  G_OBJECT_CLASS (us_reference_parent_class)->finalize (object);
}

static void
us_reference_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  char **field = field_for_prop (US_REFERENCE (object), prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *field);
}

static void
set_field (UsReference *self,
           guint        prop_id,
           const char  *value)
{
  if (_us_set_string (field_for_prop (self, prop_id), value))
    _us_record_changed (self, properties[prop_id]);
}

static void
us_reference_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  if (field_for_prop (US_REFERENCE (object), prop_id) == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    set_field (US_REFERENCE (object), prop_id, g_value_get_string (value));
}

static void
us_reference_class_init (UsReferenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_reference_finalize;
  object_class->get_property = us_reference_get_property;
  object_class->set_property = us_reference_set_property;

  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, rw);
  properties[PROP_ACCESSED] = g_param_spec_string ("accessed", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_reference_init (UsReference *self)
{
}

UsReference *
us_reference_new (const char *url)
{
  UsReference *self = g_object_new (US_TYPE_REFERENCE, NULL);

  _us_set_string (&self->url, url);
  return self;
}

UsReference *
us_reference_copy (UsReference *self)
{
  UsReference *copy = us_reference_new (NULL);

  for (guint i = 1; i < N_PROPS; i++)
    *field_for_prop (copy, i) = g_strdup (*field_for_prop (self, i));
  return copy;
}

gboolean
us_reference_equal (UsReference *a,
                    UsReference *b)
{
  for (guint i = 1; i < N_PROPS; i++)
    if (g_strcmp0 (*field_for_prop (a, i), *field_for_prop (b, i)) != 0)
      return FALSE;
  return TRUE;
}

#define ACCESSORS(field, PROP)                                                \
  const char *                                                                \
  us_reference_get_##field (UsReference *self)                                \
  {                                                                           \
    g_return_val_if_fail (US_IS_REFERENCE (self), NULL);                      \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_reference_set_##field (UsReference *self,                                \
                            const char  *value)                               \
  {                                                                           \
    g_return_if_fail (US_IS_REFERENCE (self));                                \
    set_field (self, PROP, value);                                            \
  }

ACCESSORS (url, PROP_URL)
ACCESSORS (title, PROP_TITLE)
ACCESSORS (publisher, PROP_PUBLISHER)
ACCESSORS (published, PROP_PUBLISHED)
ACCESSORS (accessed, PROP_ACCESSED)
