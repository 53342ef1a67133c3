/* us-signatory-filter.c
 *
 * Measured on 100,000 rows (see DESIGN.md and bench/bench-ui-filter.c):
 * GtkStringFilter with ignore-case folds every row's text again on each
 * keystroke; here the name's key is computed once by UsSignatory and the
 * keys of organisations and countries, which are interned and shared by
 * many rows, once per distinct string.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-signatory-filter.h"
#include "us-util.h"

#include <string.h>

struct _UsSignatoryFilter
{
  GtkFilter   parent_instance;

  char       *query;
  char       *key;        /* normalised query; NULL when blank */
  /* interned organisation or country -> its normalised key */
  GHashTable *shared_keys;
  int         status;
  int         consent;
};

enum {
  PROP_0,
  PROP_QUERY,
  PROP_STATUS,
  PROP_CONSENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (UsSignatoryFilter, us_signatory_filter, GTK_TYPE_FILTER)

static const char *
shared_key (UsSignatoryFilter *self,
            const char        *interned)
{
  char *key = g_hash_table_lookup (self->shared_keys, interned);

  if G_UNLIKELY (key == NULL)
    {
      key = us_normalize_key (interned);
      if (key == NULL)
        key = g_strdup ("");
      g_hash_table_insert (self->shared_keys, (gpointer) interned, key);
    }
  return key;
}

static gboolean
us_signatory_filter_match (GtkFilter *filter,
                           gpointer   item)
{
  UsSignatoryFilter *self = (UsSignatoryFilter *) filter;
  UsSignatory *signatory = item;
  const char *organisation;
  const char *country;

  if (self->status != US_SIGNATORY_FILTER_ANY &&
      (int) us_signatory_get_status (signatory) != self->status)
    return FALSE;
  if (self->consent != US_SIGNATORY_FILTER_ANY &&
      (int) us_signatory_get_consent (signatory) != self->consent)
    return FALSE;
  if (self->key == NULL)
    return TRUE;

  if (strstr (us_signatory_get_key (signatory), self->key) != NULL)
    return TRUE;
  /* Substrings of each field, never an exact match on one: that keeps
   * "the query grew" a MORE_STRICT change.
   */
  organisation = us_signatory_get_organisation (signatory);
  if (organisation != NULL && strstr (shared_key (self, organisation), self->key) != NULL)
    return TRUE;
  country = us_signatory_get_country (signatory);
  if (country != NULL && strstr (shared_key (self, country), self->key) != NULL)
    return TRUE;
  return FALSE;
}

static GtkFilterMatch
us_signatory_filter_get_strictness (GtkFilter *filter)
{
  UsSignatoryFilter *self = (UsSignatoryFilter *) filter;

  /* Lets GtkFilterListModel skip calling match() at all. */
  if (!us_signatory_filter_is_active (self))
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
us_signatory_filter_finalize (GObject *object)
{
  UsSignatoryFilter *self = (UsSignatoryFilter *) object;

  g_free (self->query);
  g_free (self->key);
  g_hash_table_unref (self->shared_keys);

  G_OBJECT_CLASS (us_signatory_filter_parent_class)->finalize (object);
}

static void
us_signatory_filter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  UsSignatoryFilter *self = US_SIGNATORY_FILTER (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    case PROP_CONSENT:
      g_value_set_int (value, self->consent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatory_filter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  UsSignatoryFilter *self = US_SIGNATORY_FILTER (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      us_signatory_filter_set_query (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      us_signatory_filter_set_status (self, g_value_get_int (value));
      break;

    case PROP_CONSENT:
      us_signatory_filter_set_consent (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_signatory_filter_class_init (UsSignatoryFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = us_signatory_filter_finalize;
  object_class->get_property = us_signatory_filter_get_property;
  object_class->set_property = us_signatory_filter_set_property;

  filter_class->match = us_signatory_filter_match;
  filter_class->get_strictness = us_signatory_filter_get_strictness;

  properties[PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      US_SIGNATORY_FILTER_ANY, US_STATUS_WITHDRAWN,
                      US_SIGNATORY_FILTER_ANY, flags);
  properties[PROP_CONSENT] =
    g_param_spec_int ("consent", NULL, NULL,
                      US_SIGNATORY_FILTER_ANY, US_CONSENT_NONE,
                      US_SIGNATORY_FILTER_ANY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
us_signatory_filter_init (UsSignatoryFilter *self)
{
  self->shared_keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->status = US_SIGNATORY_FILTER_ANY;
  self->consent = US_SIGNATORY_FILTER_ANY;
}

UsSignatoryFilter *
us_signatory_filter_new (void)
{
  return g_object_new (US_TYPE_SIGNATORY_FILTER, NULL);
}

const char *
us_signatory_filter_get_query (UsSignatoryFilter *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_FILTER (self), NULL);

  return self->query;
}

/* How a change from one query key to another changes the matches. */
static GtkFilterChange
compare_keys (const char *old_key,
              const char *new_key)
{
  if (old_key == NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_key == NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  /* Every row containing the longer key contains the shorter one. */
  if (strstr (new_key, old_key) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (strstr (old_key, new_key) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

void
us_signatory_filter_set_query (UsSignatoryFilter *self,
                               const char        *query)
{
  g_autofree char *key = NULL;
  GtkFilterChange change;

  g_return_if_fail (US_IS_SIGNATORY_FILTER (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  key = query ? us_normalize_key (query) : NULL;
  if (key != NULL && *key == '\0')
    g_clear_pointer (&key, g_free);
  /* "Maria" and "maria " give the same key: nothing to filter again. */
  if (g_strcmp0 (self->key, key) == 0)
    return;

  change = compare_keys (self->key, key);
  g_free (self->key);
  self->key = g_steal_pointer (&key);
  gtk_filter_changed (GTK_FILTER (self), change);
}

static GtkFilterChange
compare_choices (int old_value,
                 int new_value)
{
  if (old_value == US_SIGNATORY_FILTER_ANY)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (new_value == US_SIGNATORY_FILTER_ANY)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return GTK_FILTER_CHANGE_DIFFERENT;
}

int
us_signatory_filter_get_status (UsSignatoryFilter *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_FILTER (self), US_SIGNATORY_FILTER_ANY);

  return self->status;
}

void
us_signatory_filter_set_status (UsSignatoryFilter *self,
                                int                status)
{
  GtkFilterChange change;

  g_return_if_fail (US_IS_SIGNATORY_FILTER (self));
  g_return_if_fail (status >= US_SIGNATORY_FILTER_ANY && status <= US_STATUS_WITHDRAWN);

  if (self->status == status)
    return;

  change = compare_choices (self->status, status);
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  gtk_filter_changed (GTK_FILTER (self), change);
}

int
us_signatory_filter_get_consent (UsSignatoryFilter *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_FILTER (self), US_SIGNATORY_FILTER_ANY);

  return self->consent;
}

void
us_signatory_filter_set_consent (UsSignatoryFilter *self,
                                 int                consent)
{
  GtkFilterChange change;

  g_return_if_fail (US_IS_SIGNATORY_FILTER (self));
  g_return_if_fail (consent >= US_SIGNATORY_FILTER_ANY && consent <= US_CONSENT_NONE);

  if (self->consent == consent)
    return;

  change = compare_choices (self->consent, consent);
  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
  gtk_filter_changed (GTK_FILTER (self), change);
}

gboolean
us_signatory_filter_is_active (UsSignatoryFilter *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_FILTER (self), FALSE);

  return self->key != NULL ||
         self->status != US_SIGNATORY_FILTER_ANY ||
         self->consent != US_SIGNATORY_FILTER_ANY;
}
