/* us-candidate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-candidate.h"
#include "us-record-private.h"

#include <string.h>

struct _UsCandidate
{
  UsRecord          parent_instance;
  char             *source_id;
  char             *entry_id;
  char             *title;
  char             *link;
  char             *summary;
  gint64            published;
  UsCandidateState  state;
};

enum {
  PROP_0,
  PROP_SOURCE_ID,
  PROP_ENTRY_ID,
  PROP_TITLE,
  PROP_LINK,
  PROP_SUMMARY,
  N_STRING_PROPS,
  PROP_PUBLISHED = N_STRING_PROPS,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static const char * const state_names[] = { "new", "accepted", "dismissed" };

G_DEFINE_FINAL_TYPE (UsCandidate, us_candidate, US_TYPE_RECORD)

const char *
us_candidate_state_to_string (UsCandidateState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : NULL;
}

gboolean
us_candidate_state_from_string (const char       *str,
                                UsCandidateState *out)
{
  for (guint i = 0; str && i < G_N_ELEMENTS (state_names); i++)
    if (strcmp (str, state_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static char **
field_for_prop (UsCandidate *self,
                guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_SOURCE_ID: return &self->source_id;
    case PROP_ENTRY_ID: return &self->entry_id;
    case PROP_TITLE: return &self->title;
    case PROP_LINK: return &self->link;
    case PROP_SUMMARY: return &self->summary;
    default: return NULL;
    }
}

static void
set_field (UsCandidate *self,
           guint        prop_id,
           const char  *value)
{
  if (_us_set_string (field_for_prop (self, prop_id), value))
    _us_record_changed (self, properties[prop_id]);
}

static void
us_candidate_finalize (GObject *object)
{
  UsCandidate *self = (UsCandidate *) object;

  for (guint i = 1; i < N_STRING_PROPS; i++)
    g_free (*field_for_prop (self, i));
  G_OBJECT_CLASS (us_candidate_parent_class)->finalize (object);
}

static void
us_candidate_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UsCandidate *self = US_CANDIDATE (object);

  if (prop_id > 0 && prop_id < N_STRING_PROPS)
    g_value_set_string (value, *field_for_prop (self, prop_id));
  else if (prop_id == PROP_PUBLISHED)
    g_value_set_int64 (value, self->published);
  else if (prop_id == PROP_STATE)
    g_value_set_uint (value, self->state);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_candidate_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  UsCandidate *self = US_CANDIDATE (object);

  if (prop_id == PROP_TITLE || prop_id == PROP_LINK || prop_id == PROP_SUMMARY)
    set_field (self, prop_id, g_value_get_string (value));
  else if (prop_id == PROP_PUBLISHED)
    us_candidate_set_published (self, g_value_get_int64 (value));
  else if (prop_id == PROP_STATE)
    us_candidate_set_state (self, g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
us_candidate_class_init (UsCandidateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_candidate_finalize;
  object_class->get_property = us_candidate_get_property;
  object_class->set_property = us_candidate_set_property;

  properties[PROP_SOURCE_ID] = g_param_spec_string ("source-id", NULL, NULL, NULL, ro);
  properties[PROP_ENTRY_ID] = g_param_spec_string ("entry-id", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED] = g_param_spec_int64 ("published", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  /* A plain uint: the enum lives outside the mkenums header. */
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, US_CANDIDATE_DISMISSED, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_candidate_init (UsCandidate *self)
{
}

UsCandidate *
us_candidate_new (const char *source_id,
                  const char *entry_id)
{
  UsCandidate *self = g_object_new (US_TYPE_CANDIDATE, NULL);

  _us_set_string (&self->source_id, source_id);
  _us_set_string (&self->entry_id, entry_id);
  return self;
}

UsCandidate *
us_candidate_copy (UsCandidate *self)
{
  UsCandidate *copy = us_candidate_new (NULL, NULL);

  for (guint i = 1; i < N_STRING_PROPS; i++)
    *field_for_prop (copy, i) = g_strdup (*field_for_prop (self, i));
  copy->published = self->published;
  copy->state = self->state;
  return copy;
}

gboolean
us_candidate_equal (UsCandidate *a,
                    UsCandidate *b)
{
  for (guint i = 1; i < N_STRING_PROPS; i++)
    if (g_strcmp0 (*field_for_prop (a, i), *field_for_prop (b, i)) != 0)
      return FALSE;
  return a->published == b->published && a->state == b->state;
}

#define ACCESSORS(field, PROP)                                                \
  const char *                                                                \
  us_candidate_get_##field (UsCandidate *self)                                \
  {                                                                           \
    g_return_val_if_fail (US_IS_CANDIDATE (self), NULL);                      \
    return self->field;                                                       \
  }

ACCESSORS (source_id, PROP_SOURCE_ID)
ACCESSORS (entry_id, PROP_ENTRY_ID)
ACCESSORS (title, PROP_TITLE)
ACCESSORS (link, PROP_LINK)
ACCESSORS (summary, PROP_SUMMARY)

void
us_candidate_set_title (UsCandidate *self,
                        const char  *title)
{
  g_return_if_fail (US_IS_CANDIDATE (self));
  set_field (self, PROP_TITLE, title);
}

void
us_candidate_set_link (UsCandidate *self,
                       const char  *link)
{
  g_return_if_fail (US_IS_CANDIDATE (self));
  set_field (self, PROP_LINK, link);
}

void
us_candidate_set_summary (UsCandidate *self,
                          const char  *summary)
{
  g_return_if_fail (US_IS_CANDIDATE (self));
  set_field (self, PROP_SUMMARY, summary);
}

gint64
us_candidate_get_published (UsCandidate *self)
{
  g_return_val_if_fail (US_IS_CANDIDATE (self), 0);
  return self->published;
}

void
us_candidate_set_published (UsCandidate *self,
                            gint64       published)
{
  g_return_if_fail (US_IS_CANDIDATE (self));
  if (self->published == published)
    return;
  self->published = published;
  _us_record_changed (self, properties[PROP_PUBLISHED]);
}

UsCandidateState
us_candidate_get_state (UsCandidate *self)
{
  g_return_val_if_fail (US_IS_CANDIDATE (self), US_CANDIDATE_NEW);
  return self->state;
}

void
us_candidate_set_state (UsCandidate      *self,
                        UsCandidateState  state)
{
  g_return_if_fail (US_IS_CANDIDATE (self));
  if (self->state == state)
    return;
  self->state = state;
  _us_record_changed (self, properties[PROP_STATE]);
}
