/* us-edition.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-edition.h"
#include "us-record-private.h"

#include <string.h>

struct _UsEdition
{
  UsRecord  parent_instance;
  char     *language;
  char     *title;
  char     *addressee;
  char     *body;
};

enum {
  PROP_0,
  PROP_LANGUAGE,
  PROP_TITLE,
  PROP_ADDRESSEE,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsEdition, us_edition, US_TYPE_RECORD)

static char **
field_for_prop (UsEdition *self,
                guint      prop_id)
{
  switch (prop_id)
    {
    case PROP_LANGUAGE: return &self->language;
    case PROP_TITLE: return &self->title;
    case PROP_ADDRESSEE: return &self->addressee;
    case PROP_BODY: return &self->body;
    default: return NULL;
    }
}

static void
set_field (UsEdition  *self,
           guint       prop_id,
           const char *value)
{
  if (_us_set_string (field_for_prop (self, prop_id), value))
    _us_record_changed (self, properties[prop_id]);
}

static void
us_edition_finalize (GObject *object)
{
  UsEdition *self = (UsEdition *) object;

  for (guint i = 1; i < N_PROPS; i++)
    g_free (*field_for_prop (self, i));

  G_OBJECT_CLASS (us_edition_parent_class)->finalize (object);
}

static void
us_edition_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  char **field = field_for_prop (US_EDITION (object), prop_id);

  if (field == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    g_value_set_string (value, *field);
}

static void
us_edition_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  if (field_for_prop (US_EDITION (object), prop_id) == NULL)
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  else
    set_field (US_EDITION (object), prop_id, g_value_get_string (value));
}

static void
us_edition_class_init (UsEditionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_edition_finalize;
  object_class->get_property = us_edition_get_property;
  object_class->set_property = us_edition_set_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_ADDRESSEE] = g_param_spec_string ("addressee", NULL, NULL, NULL, rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_edition_init (UsEdition *self)
{
}

UsEdition *
us_edition_new (const char *language)
{
  UsEdition *self = g_object_new (US_TYPE_EDITION, NULL);

  _us_set_string (&self->language, language);
  return self;
}

UsEdition *
us_edition_copy (UsEdition *self)
{
  UsEdition *copy = us_edition_new (NULL);

  for (guint i = 1; i < N_PROPS; i++)
    *field_for_prop (copy, i) = g_strdup (*field_for_prop (self, i));
  return copy;
}

gboolean
us_edition_equal (UsEdition *a,
                  UsEdition *b)
{
  for (guint i = 1; i < N_PROPS; i++)
    if (g_strcmp0 (*field_for_prop (a, i), *field_for_prop (b, i)) != 0)
      return FALSE;
  return TRUE;
}

#define ACCESSORS(field, PROP)                                                \
  const char *                                                                \
  us_edition_get_##field (UsEdition *self)                                    \
  {                                                                           \
    g_return_val_if_fail (US_IS_EDITION (self), NULL);                        \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_edition_set_##field (UsEdition  *self,                                   \
                          const char *value)                                  \
  {                                                                           \
    g_return_if_fail (US_IS_EDITION (self));                                  \
    set_field (self, PROP, value);                                            \
  }

ACCESSORS (language, PROP_LANGUAGE)
ACCESSORS (title, PROP_TITLE)
ACCESSORS (addressee, PROP_ADDRESSEE)
ACCESSORS (body, PROP_BODY)

char **
us_edition_dup_paragraphs (UsEdition *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p;

  g_return_val_if_fail (US_IS_EDITION (self), NULL);

  p = self->body ? self->body : "";
  while (*p)
    {
      const char *end = strstr (p, "\n\n");
      g_autofree char *para = NULL;

      if (end == NULL)
        end = p + strlen (p);
      para = g_strndup (p, end - p);
      g_strstrip (para);
      if (*para)
        g_strv_builder_add (builder, para);
      p = end;
      while (*p == '\n')
        p++;
    }

  return g_strv_builder_end (builder);
}

gboolean
us_language_tag_is_valid (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  gsize len;

  if (tag == NULL || *tag == '\0' || strlen (tag) > 64)
    return FALSE;

  parts = g_strsplit (tag, "-", -1);
  len = strlen (parts[0]);
  if (len < 2 || len > 8)
    return FALSE;
  for (guint i = 0; parts[i]; i++)
    {
      gsize n = strlen (parts[i]);

      if (n == 0 || n > 8)
        return FALSE;
      for (const char *c = parts[i]; *c; c++)
        if (!g_ascii_isalnum (*c) || (i == 0 && !g_ascii_isalpha (*c)))
          return FALSE;
    }
  return TRUE;
}
