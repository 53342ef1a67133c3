/* us-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-source.h"
#include "us-enum-types.h"
#include "us-record-private.h"

struct _UsSource
{
  UsRecord      parent_instance;
  char         *id;
  char         *url;
  char         *title;
  char         *etag;
  char         *last_modified;
  char         *last_result;
  char         *token_header;
  gint64        last_fetched;
  UsSourceKind  kind;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_ETAG,
  PROP_LAST_MODIFIED,
  PROP_LAST_RESULT,
  PROP_TOKEN_HEADER,
  N_STRING_PROPS,
  PROP_KIND = N_STRING_PROPS,
  PROP_LAST_FETCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsSource, us_source, US_TYPE_RECORD)

static char **
field_for_prop (UsSource *self,
                guint     prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_URL: return &self->url;
    case PROP_TITLE: return &self->title;
    case PROP_ETAG: return &self->etag;
    case PROP_LAST_MODIFIED: return &self->last_modified;
    case PROP_LAST_RESULT: return &self->last_result;
    case PROP_TOKEN_HEADER: return &self->token_header;
    default: return NULL;
    }
}

static void
set_field (UsSource   *self,
           guint       prop_id,
           const char *value)
{
  if (_us_set_string (field_for_prop (self, prop_id), value))
    _us_record_changed (self, properties[prop_id]);
}

static void
us_source_finalize (GObject *object)
{
  UsSource *self = (UsSource *) object;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    g_free (*field_for_prop (self, i));

  G_OBJECT_CLASS (us_source_parent_class)->finalize (object);
}

static void
us_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UsSource *self = US_SOURCE (object);

  if (prop_id > 0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, *field_for_prop (self, prop_id));
  else if (prop_id == PROP_KIND)
    g_value_set_enum (value, self->kind);
  else if (prop_id == PROP_LAST_FETCHED)
    g_value_set_int64 (value, self->last_fetched);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_source_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  UsSource *self = US_SOURCE (object);

  if (prop_id > 0 && prop_id < N_STRING_PROPS)
    set_field (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_KIND)
    us_source_set_kind (self, g_value_get_enum (value));
  else if (prop_id == PROP_LAST_FETCHED)
    us_source_set_last_fetched (self, g_value_get_int64 (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_source_class_init (UsSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_source_finalize;
  object_class->get_property = us_source_get_property;
  object_class->set_property = us_source_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, rw);
  properties[PROP_LAST_MODIFIED] = g_param_spec_string ("last-modified", NULL, NULL, NULL, rw);
  properties[PROP_LAST_RESULT] = g_param_spec_string ("last-result", NULL, NULL, NULL, rw);
  properties[PROP_TOKEN_HEADER] = g_param_spec_string ("token-header", NULL, NULL, NULL, rw);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, US_TYPE_SOURCE_KIND, US_SOURCE_KIND_INCIDENTS, rw);
  properties[PROP_LAST_FETCHED] =
    g_param_spec_int64 ("last-fetched", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_source_init (UsSource *self)
{
}

UsSource *
us_source_new (const char   *id,
               const char   *url,
               UsSourceKind  kind)
{
  UsSource *self = g_object_new (US_TYPE_SOURCE, NULL);

  _us_set_string (&self->id, id);
  _us_set_string (&self->url, url);
  self->kind = kind;
  return self;
}

UsSource *
us_source_copy (UsSource *self)
{
  UsSource *copy = us_source_new (NULL, NULL, self->kind);

  for (guint i = 1; i < N_STRING_PROPS; i++)
    *field_for_prop (copy, i) = g_strdup (*field_for_prop (self, i));
  copy->last_fetched = self->last_fetched;
  return copy;
}

gboolean
us_source_equal (UsSource *a,
                 UsSource *b)
{
  for (guint i = 1; i < N_STRING_PROPS; i++)
    if (g_strcmp0 (*field_for_prop (a, i), *field_for_prop (b, i)) != 0)
      return FALSE;
  return a->kind == b->kind && a->last_fetched == b->last_fetched;
}

#define ACCESSORS(field, PROP)                                                \
  const char *                                                                \
  us_source_get_##field (UsSource *self)                                      \
  {                                                                           \
    g_return_val_if_fail (US_IS_SOURCE (self), NULL);                         \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_source_set_##field (UsSource   *self,                                    \
                         const char *value)                                   \
  {                                                                           \
    g_return_if_fail (US_IS_SOURCE (self));                                   \
    set_field (self, PROP, value);                                            \
  }

ACCESSORS (id, PROP_ID)
ACCESSORS (url, PROP_URL)
ACCESSORS (title, PROP_TITLE)
ACCESSORS (etag, PROP_ETAG)
ACCESSORS (last_modified, PROP_LAST_MODIFIED)
ACCESSORS (last_result, PROP_LAST_RESULT)
ACCESSORS (token_header, PROP_TOKEN_HEADER)

UsSourceKind
us_source_get_kind (UsSource *self)
{
  g_return_val_if_fail (US_IS_SOURCE (self), US_SOURCE_KIND_INCIDENTS);
  return self->kind;
}

void
us_source_set_kind (UsSource     *self,
                    UsSourceKind  kind)
{
  g_return_if_fail (US_IS_SOURCE (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  _us_record_changed (self, properties[PROP_KIND]);
}

gint64
us_source_get_last_fetched (UsSource *self)
{
  g_return_val_if_fail (US_IS_SOURCE (self), 0);
  return self->last_fetched;
}

void
us_source_set_last_fetched (UsSource *self,
                            gint64    last_fetched)
{
  g_return_if_fail (US_IS_SOURCE (self));
  if (self->last_fetched == last_fetched)
    return;
  self->last_fetched = last_fetched;
  _us_record_changed (self, properties[PROP_LAST_FETCHED]);
}
