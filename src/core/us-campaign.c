/* us-campaign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-campaign.h"
#include "us-array-store.h"
#include "us-record-private.h"

struct _UsCampaign
{
  GObject       parent_instance;
  char         *title;
  char         *organisation;
  char         *contact;
  gint64        created;
  gint64        modified_at;
  UsLetter     *letter;
  UsArrayStore *signatories;
  UsArrayStore *incidents;
  UsArrayStore *sources;
  UsArrayStore *inbox;
  guint         next_signatory_id;
  guint         modified : 1;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_CONTACT,
  PROP_CREATED,
  PROP_MODIFIED_AT,
  PROP_MODIFIED,
  PROP_LETTER,
  PROP_SIGNATORIES,
  PROP_INCIDENTS,
  PROP_SOURCES,
  PROP_INBOX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsCampaign, us_campaign, G_TYPE_OBJECT)

void
_us_campaign_touch (gpointer campaign)
{
  UsCampaign *self = campaign;

  self->modified_at = g_get_real_time () / G_USEC_PER_SEC;
  if (!self->modified)
    {
      self->modified = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
list_changed (UsCampaign *self)
{
  _us_campaign_touch (self);
}

static void
release_owner (gpointer record)
{
  _us_record_set_owner (record, NULL);
}

static void
release_all (UsArrayStore *store)
{
  for (guint i = 0; i < us_array_store_get_n_items (store); i++)
    release_owner (us_array_store_peek (store, i));
}

static void
us_campaign_dispose (GObject *object)
{
  UsCampaign *self = (UsCampaign *) object;

  /* Records may outlive us (an undo stack holds them): cut the link. */
  if (self->signatories)
    {
      release_all (self->signatories);
      release_all (self->incidents);
      release_all (self->sources);
      release_all (self->inbox);
      _us_record_set_owner (self->letter, NULL);
    }
  g_clear_object (&self->letter);
  g_clear_object (&self->signatories);
  g_clear_object (&self->incidents);
  g_clear_object (&self->sources);
  g_clear_object (&self->inbox);

  G_OBJECT_CLASS (us_campaign_parent_class)->dispose (object);
}

static void
us_campaign_finalize (GObject *object)
{
  UsCampaign *self = (UsCampaign *) object;

  g_free (self->title);
  g_free (self->organisation);
  g_free (self->contact);

  G_OBJECT_CLASS (us_campaign_parent_class)->finalize (object);
}

static void
us_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UsCampaign *self = US_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_CONTACT: g_value_set_string (value, self->contact); break;
    case PROP_CREATED: g_value_set_int64 (value, self->created); break;
    case PROP_MODIFIED_AT: g_value_set_int64 (value, self->modified_at); break;
    case PROP_MODIFIED: g_value_set_boolean (value, self->modified); break;
    case PROP_LETTER: g_value_set_object (value, self->letter); break;
    case PROP_SIGNATORIES: g_value_set_object (value, self->signatories); break;
    case PROP_INCIDENTS: g_value_set_object (value, self->incidents); break;
    case PROP_SOURCES: g_value_set_object (value, self->sources); break;
    case PROP_INBOX: g_value_set_object (value, self->inbox); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_campaign_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  UsCampaign *self = US_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_TITLE: us_campaign_set_title (self, g_value_get_string (value)); break;
    case PROP_ORGANISATION: us_campaign_set_organisation (self, g_value_get_string (value)); break;
    case PROP_CONTACT: us_campaign_set_contact (self, g_value_get_string (value)); break;
    case PROP_CREATED: us_campaign_set_created (self, g_value_get_int64 (value)); break;
    case PROP_MODIFIED_AT: us_campaign_set_modified_at (self, g_value_get_int64 (value)); break;
    case PROP_MODIFIED: us_campaign_set_modified (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_campaign_class_init (UsCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_campaign_dispose;
  object_class->finalize = us_campaign_finalize;
  object_class->get_property = us_campaign_get_property;
  object_class->set_property = us_campaign_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, NULL, rw);
  properties[PROP_CONTACT] = g_param_spec_string ("contact", NULL, NULL, NULL, rw);
  properties[PROP_CREATED] = g_param_spec_int64 ("created", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_MODIFIED_AT] = g_param_spec_int64 ("modified-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, rw);
  properties[PROP_LETTER] = g_param_spec_object ("letter", NULL, NULL, US_TYPE_LETTER, ro);
  properties[PROP_SIGNATORIES] = g_param_spec_object ("signatories", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_INCIDENTS] = g_param_spec_object ("incidents", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SOURCES] = g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_INBOX] = g_param_spec_object ("inbox", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UsCampaign::changed:
   *
   * Emitted after every change to the campaign or anything it holds, also
   * when it was already modified: what drafts and views listen to.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
us_campaign_init (UsCampaign *self)
{
  self->letter = us_letter_new ();
  _us_record_set_owner (self->letter, self);
  self->signatories = us_array_store_new (US_TYPE_SIGNATORY);
  self->incidents = us_array_store_new (US_TYPE_INCIDENT);
  self->sources = us_array_store_new (US_TYPE_SOURCE);
  self->inbox = us_array_store_new (US_TYPE_CANDIDATE);
  self->next_signatory_id = 1;
  g_signal_connect_swapped (self->signatories, "items-changed", G_CALLBACK (list_changed), self);
  g_signal_connect_swapped (self->incidents, "items-changed", G_CALLBACK (list_changed), self);
  g_signal_connect_swapped (self->sources, "items-changed", G_CALLBACK (list_changed), self);
  g_signal_connect_swapped (self->inbox, "items-changed", G_CALLBACK (list_changed), self);
}

UsCampaign *
us_campaign_new (const char *title)
{
  UsCampaign *self = g_object_new (US_TYPE_CAMPAIGN, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->title = g_strdup (title);
  self->created = now;
  self->modified_at = now;
  return self;
}

static void
set_string_prop (UsCampaign  *self,
                 char       **field,
                 const char  *value,
                 guint        prop)
{
  if (!_us_set_string (field, value))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  _us_campaign_touch (self);
}

const char *
us_campaign_get_title (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return self->title;
}

void
us_campaign_set_title (UsCampaign *self,
                       const char *title)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  set_string_prop (self, &self->title, title, PROP_TITLE);
}

const char *
us_campaign_get_organisation (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return self->organisation;
}

void
us_campaign_set_organisation (UsCampaign *self,
                              const char *organisation)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  set_string_prop (self, &self->organisation, organisation, PROP_ORGANISATION);
}

const char *
us_campaign_get_contact (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return self->contact;
}

void
us_campaign_set_contact (UsCampaign *self,
                         const char *contact)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  set_string_prop (self, &self->contact, contact, PROP_CONTACT);
}

gint64
us_campaign_get_created (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), 0);
  return self->created;
}

void
us_campaign_set_created (UsCampaign *self,
                         gint64      created)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  if (self->created == created)
    return;
  self->created = created;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

gint64
us_campaign_get_modified_at (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), 0);
  return self->modified_at;
}

void
us_campaign_set_modified_at (UsCampaign *self,
                             gint64      modified_at)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  if (self->modified_at == modified_at)
    return;
  self->modified_at = modified_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_AT]);
}

gboolean
us_campaign_get_modified (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), FALSE);
  return self->modified;
}

void
us_campaign_set_modified (UsCampaign *self,
                          gboolean    modified)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  modified = !!modified;
  if (self->modified == (guint) modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

UsLetter *
us_campaign_get_letter (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return self->letter;
}

GListModel *
us_campaign_get_signatories (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->signatories);
}

static void
adopt_signatory (UsCampaign  *self,
                 UsSignatory *signatory)
{
  guint id = us_signatory_get_id (signatory);

  if (id == 0)
    us_signatory_set_id (signatory, id = self->next_signatory_id);
  if (id >= self->next_signatory_id)
    self->next_signatory_id = id + 1;
  _us_record_set_owner (signatory, self);
}

void
us_campaign_add_signatory (UsCampaign  *self,
                           UsSignatory *signatory)
{
  us_campaign_insert_signatory (self, us_array_store_get_n_items (self->signatories), signatory);
}

void
us_campaign_insert_signatory (UsCampaign  *self,
                              guint        position,
                              UsSignatory *signatory)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  g_return_if_fail (US_IS_SIGNATORY (signatory));

  adopt_signatory (self, signatory);
  us_array_store_insert (self->signatories, position, signatory);
}

void
us_campaign_add_signatories (UsCampaign   *self,
                             UsSignatory **signatories,
                             guint         n_signatories)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));

  for (guint i = 0; i < n_signatories; i++)
    adopt_signatory (self, signatories[i]);
  us_array_store_splice (self->signatories, us_array_store_get_n_items (self->signatories),
                         0, (gpointer *) signatories, n_signatories);
}

gboolean
us_campaign_remove_signatory (UsCampaign  *self,
                              UsSignatory *signatory,
                              guint       *out_position)
{
  guint pos;

  g_return_val_if_fail (US_IS_CAMPAIGN (self), FALSE);
  if (!us_array_store_find (self->signatories, signatory, &pos))
    return FALSE;
  _us_record_set_owner (signatory, NULL);
  us_array_store_remove (self->signatories, pos);
  if (out_position)
    *out_position = pos;
  return TRUE;
}

guint
us_campaign_get_next_signatory_id (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), 0);
  return self->next_signatory_id;
}

GListModel *
us_campaign_get_incidents (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->incidents);
}

void
us_campaign_add_incident (UsCampaign *self,
                          UsIncident *incident)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  us_campaign_insert_incident (self, us_array_store_get_n_items (self->incidents), incident);
}

void
us_campaign_insert_incident (UsCampaign *self,
                             guint       position,
                             UsIncident *incident)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  g_return_if_fail (US_IS_INCIDENT (incident));
  _us_record_set_owner (incident, self);
  us_array_store_insert (self->incidents, position, incident);
}

gboolean
us_campaign_remove_incident (UsCampaign *self,
                             UsIncident *incident,
                             guint      *out_position)
{
  guint pos;

  g_return_val_if_fail (US_IS_CAMPAIGN (self), FALSE);
  if (!us_array_store_find (self->incidents, incident, &pos))
    return FALSE;
  _us_record_set_owner (incident, NULL);
  us_array_store_remove (self->incidents, pos);
  if (out_position)
    *out_position = pos;
  return TRUE;
}

UsIncident *
us_campaign_find_incident (UsCampaign *self,
                           const char *id)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  for (guint i = 0; i < us_array_store_get_n_items (self->incidents); i++)
    {
      UsIncident *incident = us_array_store_peek (self->incidents, i);

      if (g_strcmp0 (us_incident_get_id (incident), id) == 0)
        return incident;
    }
  return NULL;
}

GListModel *
us_campaign_get_sources (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->sources);
}

void
us_campaign_add_source (UsCampaign *self,
                        UsSource   *source)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  g_return_if_fail (US_IS_SOURCE (source));
  _us_record_set_owner (source, self);
  us_array_store_append (self->sources, source);
}

void
us_campaign_insert_source (UsCampaign *self,
                           guint       position,
                           UsSource   *source)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  g_return_if_fail (US_IS_SOURCE (source));
  _us_record_set_owner (source, self);
  us_array_store_insert (self->sources,
                         MIN (position, us_array_store_get_n_items (self->sources)), source);
}

gboolean
us_campaign_remove_source (UsCampaign *self,
                           UsSource   *source)
{
  guint pos;

  g_return_val_if_fail (US_IS_CAMPAIGN (self), FALSE);
  if (!us_array_store_find (self->sources, source, &pos))
    return FALSE;
  _us_record_set_owner (source, NULL);
  us_array_store_remove (self->sources, pos);
  return TRUE;
}

UsSource *
us_campaign_find_source (UsCampaign *self,
                         const char *id)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  for (guint i = 0; i < us_array_store_get_n_items (self->sources); i++)
    {
      UsSource *source = us_array_store_peek (self->sources, i);

      if (g_strcmp0 (us_source_get_id (source), id) == 0)
        return source;
    }
  return NULL;
}

/* base, or base-2, base-3...: the first id no source (or no incident)
 * of the campaign has.
 */
static char *
unique_id (UsCampaign *self,
           const char *base,
           gboolean    for_source)
{
  char *id = g_strdup (base);

  for (guint n = 2; for_source ? us_campaign_find_source (self, id) != NULL
                               : us_campaign_find_incident (self, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base, n);
    }
  return id;
}

char *
us_campaign_suggest_incident_id (UsCampaign *self,
                                 const char *title)
{
  g_autoptr(GString) base = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (title ? title : "", "C");

  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);

  for (const char *p = ascii; *p && base->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "incident");
  return unique_id (self, base->str, FALSE);
}

char *
us_campaign_suggest_source_id (UsCampaign *self,
                               const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  g_autoptr(GString) base = g_string_new (NULL);

  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);

  if (host != NULL && g_str_has_prefix (host, "www."))
    host += 4;
  for (const char *p = host ? host : ""; *p; p++)
    g_string_append_c (base, g_ascii_isalnum (*p) || *p == '-' || *p == '.' ? g_ascii_tolower (*p) : '-');
  if (base->len == 0)
    g_string_assign (base, "source");
  return unique_id (self, base->str, TRUE);
}

GListModel *
us_campaign_get_inbox (UsCampaign *self)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  return G_LIST_MODEL (self->inbox);
}

void
us_campaign_add_candidate (UsCampaign  *self,
                           UsCandidate *candidate)
{
  g_return_if_fail (US_IS_CAMPAIGN (self));
  g_return_if_fail (US_IS_CANDIDATE (candidate));
  _us_record_set_owner (candidate, self);
  us_array_store_append (self->inbox, candidate);
}

gboolean
us_campaign_remove_candidate (UsCampaign  *self,
                              UsCandidate *candidate)
{
  guint pos;

  g_return_val_if_fail (US_IS_CAMPAIGN (self), FALSE);
  if (!us_array_store_find (self->inbox, candidate, &pos))
    return FALSE;
  _us_record_set_owner (candidate, NULL);
  us_array_store_remove (self->inbox, pos);
  return TRUE;
}

UsCandidate *
us_campaign_find_candidate (UsCampaign *self,
                            const char *source_id,
                            const char *entry_id)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (self), NULL);
  for (guint i = 0; i < us_array_store_get_n_items (self->inbox); i++)
    {
      UsCandidate *c = us_array_store_peek (self->inbox, i);

      if (g_strcmp0 (us_candidate_get_source_id (c), source_id) == 0 &&
          g_strcmp0 (us_candidate_get_entry_id (c), entry_id) == 0)
        return c;
    }
  return NULL;
}

guint
us_campaign_count_new_candidates (UsCampaign *self)
{
  guint n = 0;

  g_return_val_if_fail (US_IS_CAMPAIGN (self), 0);
  for (guint i = 0; i < us_array_store_get_n_items (self->inbox); i++)
    if (us_candidate_get_state (us_array_store_peek (self->inbox, i)) == US_CANDIDATE_NEW)
      n++;
  return n;
}

typedef gboolean (*EqualFunc) (gpointer a, gpointer b);

static gboolean
stores_equal (UsArrayStore *a,
              UsArrayStore *b,
              EqualFunc     equal)
{
  guint n = us_array_store_get_n_items (a);

  if (n != us_array_store_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!equal (us_array_store_peek (a, i), us_array_store_peek (b, i)))
      return FALSE;
  return TRUE;
}

gboolean
us_campaign_equal (UsCampaign *a,
                   UsCampaign *b)
{
  g_return_val_if_fail (US_IS_CAMPAIGN (a) && US_IS_CAMPAIGN (b), FALSE);

  return g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->organisation, b->organisation) == 0 &&
         g_strcmp0 (a->contact, b->contact) == 0 &&
         a->created == b->created &&
         a->modified_at == b->modified_at &&
         us_letter_equal (a->letter, b->letter) &&
         stores_equal (a->signatories, b->signatories, (EqualFunc) us_signatory_equal) &&
         stores_equal (a->incidents, b->incidents, (EqualFunc) us_incident_equal) &&
         stores_equal (a->sources, b->sources, (EqualFunc) us_source_equal) &&
         stores_equal (a->inbox, b->inbox, (EqualFunc) us_candidate_equal);
}
