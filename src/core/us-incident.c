/* us-incident.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-incident.h"
#include "us-array-store.h"
#include "us-enum-types.h"
#include "us-record-private.h"

struct _UsIncident
{
  UsRecord      parent_instance;
  char         *id;
  char         *title;
  char         *date;
  char         *date_end;
  char         *victim;
  char         *sector;
  char         *country;
  char         *summary;
  UsAttackType  attack_type;
  UsArrayStore *references;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DATE,
  PROP_DATE_END,
  PROP_VICTIM,
  PROP_SECTOR,
  PROP_COUNTRY,
  PROP_SUMMARY,
  N_STRING_PROPS,
  PROP_ATTACK_TYPE = N_STRING_PROPS,
  PROP_REFERENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsIncident, us_incident, US_TYPE_RECORD)

static char **
field_for_prop (UsIncident *self,
                guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_TITLE: return &self->title;
    case PROP_DATE: return &self->date;
    case PROP_DATE_END: return &self->date_end;
    case PROP_VICTIM: return &self->victim;
    case PROP_SECTOR: return &self->sector;
    case PROP_COUNTRY: return &self->country;
    case PROP_SUMMARY: return &self->summary;
    default: return NULL;
    }
}

static void
set_field (UsIncident *self,
           guint       prop_id,
           const char *value)
{
  if (_us_set_string (field_for_prop (self, prop_id), value))
    _us_record_changed (self, properties[prop_id]);
}

static void
references_changed (UsIncident *self)
{
  _us_record_changed (self, NULL);
}

static void
us_incident_set_owner (UsRecord *record,
                       gpointer  campaign)
{
  UsIncident *self = US_INCIDENT (record);

  US_RECORD_CLASS (us_incident_parent_class)->set_owner (record, campaign);
  for (guint i = 0; i < us_array_store_get_n_items (self->references); i++)
    _us_record_set_owner (us_array_store_peek (self->references, i), campaign);
}

static void
us_incident_finalize (GObject *object)
{
  UsIncident *self = (UsIncident *) object;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    g_free (*field_for_prop (self, i));
  g_clear_object (&self->references);

  G_OBJECT_CLASS (us_incident_parent_class)->finalize (object);
}

static void
us_incident_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UsIncident *self = US_INCIDENT (object);

  if (prop_id < N_STRING_PROPS)
    g_value_set_string (value, *field_for_prop (self, prop_id));
  else if (prop_id == PROP_ATTACK_TYPE)
    g_value_set_enum (value, self->attack_type);
  else if (prop_id == PROP_REFERENCES)
    g_value_set_object (value, self->references);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_incident_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  UsIncident *self = US_INCIDENT (object);

  if (prop_id < N_STRING_PROPS)
    set_field (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_ATTACK_TYPE)
    us_incident_set_attack_type (self, g_value_get_enum (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_incident_class_init (UsIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  UsRecordClass *record_class = US_RECORD_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_incident_finalize;
  object_class->get_property = us_incident_get_property;
  object_class->set_property = us_incident_set_property;
  record_class->set_owner = us_incident_set_owner;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, rw);
  properties[PROP_DATE_END] = g_param_spec_string ("date-end", NULL, NULL, NULL, rw);
  properties[PROP_VICTIM] = g_param_spec_string ("victim", NULL, NULL, NULL, rw);
  properties[PROP_SECTOR] = g_param_spec_string ("sector", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_ATTACK_TYPE] =
    g_param_spec_enum ("attack-type", NULL, NULL, US_TYPE_ATTACK_TYPE, US_ATTACK_OTHER, rw);
  properties[PROP_REFERENCES] =
    g_param_spec_object ("references", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_incident_init (UsIncident *self)
{
  self->attack_type = US_ATTACK_OTHER;
  self->references = us_array_store_new (US_TYPE_REFERENCE);
  g_signal_connect_swapped (self->references, "items-changed",
                            G_CALLBACK (references_changed), self);
}

UsIncident *
us_incident_new (const char *id,
                 const char *title)
{
  UsIncident *self = g_object_new (US_TYPE_INCIDENT, NULL);

  _us_set_string (&self->id, id);
  _us_set_string (&self->title, title);
  return self;
}

UsIncident *
us_incident_copy (UsIncident *self)
{
  UsIncident *copy;

  g_return_val_if_fail (US_IS_INCIDENT (self), NULL);

  copy = us_incident_new (NULL, NULL);
  for (guint i = 1; i < N_STRING_PROPS; i++)
    *field_for_prop (copy, i) = g_strdup (*field_for_prop (self, i));
  copy->attack_type = self->attack_type;
  for (guint i = 0; i < us_array_store_get_n_items (self->references); i++)
    {
      g_autoptr(UsReference) ref = us_reference_copy (us_array_store_peek (self->references, i));
      us_array_store_append (copy->references, ref);
    }
  return copy;
}

gboolean
us_incident_equal (UsIncident *a,
                   UsIncident *b)
{
  guint n = us_array_store_get_n_items (a->references);

  for (guint i = 1; i < N_STRING_PROPS; i++)
    if (g_strcmp0 (*field_for_prop (a, i), *field_for_prop (b, i)) != 0)
      return FALSE;
  if (a->attack_type != b->attack_type || n != us_array_store_get_n_items (b->references))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!us_reference_equal (us_array_store_peek (a->references, i),
                             us_array_store_peek (b->references, i)))
      return FALSE;
  return TRUE;
}

#define ACCESSORS(field, PROP)                                                \
  const char *                                                                \
  us_incident_get_##field (UsIncident *self)                                  \
  {                                                                           \
    g_return_val_if_fail (US_IS_INCIDENT (self), NULL);                       \
    return self->field;                                                       \
  }                                                                           \
  void                                                                        \
  us_incident_set_##field (UsIncident *self,                                  \
                           const char *value)                                 \
  {                                                                           \
    g_return_if_fail (US_IS_INCIDENT (self));                                 \
    set_field (self, PROP, value);                                            \
  }

ACCESSORS (id, PROP_ID)
ACCESSORS (title, PROP_TITLE)
ACCESSORS (date, PROP_DATE)
ACCESSORS (date_end, PROP_DATE_END)
ACCESSORS (victim, PROP_VICTIM)
ACCESSORS (sector, PROP_SECTOR)
ACCESSORS (country, PROP_COUNTRY)
ACCESSORS (summary, PROP_SUMMARY)

UsAttackType
us_incident_get_attack_type (UsIncident *self)
{
  g_return_val_if_fail (US_IS_INCIDENT (self), US_ATTACK_OTHER);
  return self->attack_type;
}

void
us_incident_set_attack_type (UsIncident   *self,
                             UsAttackType  type)
{
  g_return_if_fail (US_IS_INCIDENT (self));
  if (self->attack_type == type)
    return;
  self->attack_type = type;
  _us_record_changed (self, properties[PROP_ATTACK_TYPE]);
}

GListModel *
us_incident_get_references (UsIncident *self)
{
  g_return_val_if_fail (US_IS_INCIDENT (self), NULL);
  return G_LIST_MODEL (self->references);
}

void
us_incident_add_reference (UsIncident  *self,
                           UsReference *reference)
{
  g_return_if_fail (US_IS_INCIDENT (self));
  g_return_if_fail (US_IS_REFERENCE (reference));

  _us_record_set_owner (reference, us_record_get_owner (US_RECORD (self)));
  us_array_store_append (self->references, reference);
}

void
us_incident_insert_reference (UsIncident  *self,
                              guint        position,
                              UsReference *reference)
{
  g_return_if_fail (US_IS_INCIDENT (self));
  g_return_if_fail (US_IS_REFERENCE (reference));

  position = MIN (position, us_array_store_get_n_items (self->references));
  _us_record_set_owner (reference, us_record_get_owner (US_RECORD (self)));
  us_array_store_insert (self->references, position, reference);
}

void
us_incident_remove_reference (UsIncident *self,
                              guint       position)
{
  g_return_if_fail (US_IS_INCIDENT (self));
  g_return_if_fail (position < us_array_store_get_n_items (self->references));

  _us_record_set_owner (us_array_store_peek (self->references, position), NULL);
  us_array_store_remove (self->references, position);
}
