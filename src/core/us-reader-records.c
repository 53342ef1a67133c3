/* us-reader-records.c: the records of a campaign file (incidents,
 * signatories, sources and inbox candidates), read for us-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-private.h"
#include "us-signatory-private.h"
#include "us-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static char *
dup_text (Reader *rd)
{
  const char *text = _us_reader_read_text (rd);

  return *text ? g_strdup (text) : NULL;
}

static void
check_country (Reader     *rd,
               const char *value)
{
  if (!us_country_is_valid (value))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("invalid country code \"%s\": use an ISO 3166-1 alpha-2 code such as FR or CH"),
                        value);
}

static void
check_date (Reader     *rd,
            const char *name,
            const char *value)
{
  if (value != NULL && !us_date_is_valid (value))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("invalid %s date \"%s\": write it as YYYY-MM-DD"), name, value);
}

static void
read_reference (Reader     *rd,
                UsIncident *incident)
{
  g_autoptr(UsReference) ref = us_reference_new (NULL);

  FOR_EACH_ATTR (rd)
    {
      const char *name = ATTR_NAME (rd);
      const char *value = ATTR_VALUE (rd);

      if (strcmp (name, "url") == 0)
        us_reference_set_url (ref, value);
      else if (strcmp (name, "title") == 0)
        us_reference_set_title (ref, value);
      else if (strcmp (name, "publisher") == 0)
        us_reference_set_publisher (ref, value);
      else if (strcmp (name, "published") == 0)
        {
          check_date (rd, "published", value);
          us_reference_set_published (ref, value);
        }
      else if (strcmp (name, "accessed") == 0)
        {
          check_date (rd, "accessed", value);
          us_reference_set_accessed (ref, value);
        }
    }
  xmlTextReaderMoveToElement (rd->r);
  if (us_reference_get_url (ref) == NULL)
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<reference> needs a url attribute"));
  us_incident_add_reference (incident, ref);
  if (!xmlTextReaderIsEmptyElement (rd->r))
    xmlTextReaderNext (rd->r);
}

static void
read_incident (Reader    *rd,
               GHashTable *ids)
{
  g_autoptr(UsIncident) incident = us_incident_new (NULL, NULL);
  int depth = xmlTextReaderDepth (rd->r);

  FOR_EACH_ATTR (rd)
    {
      const char *name = ATTR_NAME (rd);
      const char *value = ATTR_VALUE (rd);

      if (strcmp (name, "id") == 0)
        us_incident_set_id (incident, value);
      else if (strcmp (name, "type") == 0)
        {
          UsAttackType type;

          if (us_attack_type_from_string (value, &type))
            us_incident_set_attack_type (incident, type);
          else
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown attack type \"%s\": use ransomware, ddos, data-breach, phishing or other"),
                                value);
        }
      else if (strcmp (name, "date") == 0)
        {
          check_date (rd, "incident", value);
          us_incident_set_date (incident, value);
        }
      else if (strcmp (name, "date-end") == 0)
        {
          check_date (rd, "incident end", value);
          us_incident_set_date_end (incident, value);
        }
      else if (strcmp (name, "country") == 0)
        {
          check_country (rd, value);
          us_incident_set_country (incident, value);
        }
    }
  xmlTextReaderMoveToElement (rd->r);

  if (!us_id_is_valid (us_incident_get_id (incident)))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("<incident> needs an id attribute of letters, digits and - _ . :"));
  else if (!g_hash_table_add (ids, g_strdup (us_incident_get_id (incident))))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("a second incident with id \"%s\": ids must be unique"),
                        us_incident_get_id (incident));

  if (!xmlTextReaderIsEmptyElement (rd->r))
    while (_us_reader_next_child (rd, depth))
      {
        const char *name = _us_reader_local_name (rd);

        if (strcmp (name, "title") == 0)
          us_incident_set_title (incident, _us_reader_read_text (rd));
        else if (strcmp (name, "victim") == 0)
          us_incident_set_victim (incident, _us_reader_read_text (rd));
        else if (strcmp (name, "sector") == 0)
          us_incident_set_sector (incident, _us_reader_read_text (rd));
        else if (strcmp (name, "summary") == 0)
          us_incident_set_summary (incident, _us_reader_read_text (rd));
        else if (strcmp (name, "reference") == 0)
          read_reference (rd, incident);
        else
          _us_reader_skip_unknown (rd, "incident");
      }

  us_campaign_add_incident (rd->campaign, incident);
}

/* An attribute's value, kept: a second attribute of the same local name
 * (another prefix) replaces the first, as before, without leaking it.
 */
static void
keep (char       **slot,
      const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
read_signatory (Reader       *rd,
                GHashTable   *ids)
{
  UsSignatoryFields f = { 0 };
  /* Attribute values are only valid until the reader moves: keep them.
   * name, email and note are handed over to the signatory; the interned
   * ones are copied (interned) by it.
   */
  char *name = NULL, *email = NULL, *note = NULL;
  char *country = NULL, *language = NULL, *organisation = NULL, *title = NULL;
  int depth = xmlTextReaderDepth (rd->r);

  FOR_EACH_ATTR (rd)
    {
      const char *attr_name = ATTR_NAME (rd);
      const char *value = ATTR_VALUE (rd);

      switch (attr_name[0])
        {
        case 'c':
          if (strcmp (attr_name, "country") == 0)
            {
              check_country (rd, value);
              keep (&country, value);
            }
          else if (strcmp (attr_name, "consent") == 0 && !us_consent_from_string (value, &f.consent))
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown consent \"%s\": use named, anonymous or none"), value);
          break;
        case 'e':
          if (strcmp (attr_name, "email") == 0)
            keep (&email, value);
          break;
        case 'i':
          if (strcmp (attr_name, "id") == 0)
            _us_reader_parse_uint_attr (rd, "signatory id", value, G_MAXUINT - 1, &f.id);
          break;
        case 'l':
          if (strcmp (attr_name, "lang") == 0)
            {
              if (!us_language_tag_is_valid (value))
                _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                    _("invalid language tag \"%s\""), value);
              keep (&language, value);
            }
          break;
        case 'n':
          if (strcmp (attr_name, "name") == 0)
            keep (&name, value);
          break;
        case 'o':
          if (strcmp (attr_name, "organisation") == 0)
            keep (&organisation, value);
          break;
        case 'p':
          if (strcmp (attr_name, "prominent") == 0)
            _us_reader_parse_uint_attr (rd, "prominent position", value, G_MAXUINT - 1, &f.prominent);
          break;
        case 's':
          if (strcmp (attr_name, "signed") == 0)
            _us_reader_parse_time_attr (rd, "signed", value, &f.signed_at);
          else if (strcmp (attr_name, "status") == 0 && !us_status_from_string (value, &f.status))
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown status \"%s\": use pending, verified, rejected or withdrawn"), value);
          else if (strcmp (attr_name, "source") == 0 && !us_origin_from_string (value, &f.origin))
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown source \"%s\": use typed, paper, csv, osdi or fetched"), value);
          break;
        case 't':
          if (strcmp (attr_name, "title") == 0)
            keep (&title, value);
          break;
        case 'v':
          if (strcmp (attr_name, "version") == 0)
            _us_reader_parse_uint_attr (rd, "letter version", value, G_MAXUINT16, &f.version);
          break;
        default:
          break;
        }
    }
  xmlTextReaderMoveToElement (rd->r);

  if (f.id == 0)
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<signatory> needs an id attribute"));
  else if (!g_hash_table_add (ids, GUINT_TO_POINTER (f.id)))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("a second signatory with id %u: ids must be unique"), f.id);
  if ((name == NULL || *name == '\0') && f.consent != US_CONSENT_ANONYMOUS)
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("signatory %u has no name (only anonymous signatories may omit it)"), f.id);

  if (!xmlTextReaderIsEmptyElement (rd->r))
    while (_us_reader_next_child (rd, depth))
      {
        if (strcmp (_us_reader_local_name (rd), "note") == 0)
          {
            g_free (note);
            note = dup_text (rd);
          }
        else
          _us_reader_skip_unknown (rd, "signatory");
      }

  /* Once a file is known to be bad, stop building objects for it. */
  if (rd->n_errors == 0)
    {
      f.name = name;
      f.email = email;
      f.note = note;
      f.country = country;
      f.language = language;
      f.organisation = organisation;
      f.title = title;
      g_ptr_array_add (rd->signatories, _us_signatory_new_take_fields (&f));
    }
  else
    {
      g_free (name);
      g_free (email);
      g_free (note);
    }
  g_free (country);
  g_free (language);
  g_free (organisation);
  g_free (title);
}

void
_us_reader_read_signatories (Reader *rd)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  int depth = xmlTextReaderDepth (rd->r);

  if (xmlTextReaderIsEmptyElement (rd->r))
    return;
  while (_us_reader_next_child (rd, depth))
    {
      if (strcmp (_us_reader_local_name (rd), "signatory") == 0)
        read_signatory (rd, ids);
      else
        _us_reader_skip_unknown (rd, "signatories");
    }
}

static void
read_source (Reader     *rd,
             GHashTable *ids)
{
  g_autoptr(UsSource) source = us_source_new (NULL, NULL, US_SOURCE_KIND_INCIDENTS);
  gboolean has_kind = FALSE;

  FOR_EACH_ATTR (rd)
    {
      const char *name = ATTR_NAME (rd);
      const char *value = ATTR_VALUE (rd);

      if (strcmp (name, "id") == 0)
        us_source_set_id (source, value);
      else if (strcmp (name, "kind") == 0)
        {
          UsSourceKind kind;

          has_kind = us_source_kind_from_string (value, &kind);
          if (has_kind)
            us_source_set_kind (source, kind);
          else
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown source kind \"%s\": use incidents, signatures or letter"), value);
        }
      else if (strcmp (name, "url") == 0)
        us_source_set_url (source, value);
      else if (strcmp (name, "title") == 0)
        us_source_set_title (source, value);
      else if (strcmp (name, "etag") == 0)
        us_source_set_etag (source, value);
      else if (strcmp (name, "last-modified") == 0)
        us_source_set_last_modified (source, value);
      else if (strcmp (name, "last-result") == 0)
        us_source_set_last_result (source, value);
      else if (strcmp (name, "token-header") == 0)
        us_source_set_token_header (source, value);
      else if (strcmp (name, "last-fetched") == 0)
        {
          gint64 t;

          if (_us_reader_parse_time_attr (rd, "last-fetched", value, &t))
            us_source_set_last_fetched (source, t);
        }
    }
  xmlTextReaderMoveToElement (rd->r);

  if (!us_id_is_valid (us_source_get_id (source)))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<source> needs an id attribute"));
  else if (!g_hash_table_add (ids, g_strdup (us_source_get_id (source))))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("a second source with id \"%s\": ids must be unique"), us_source_get_id (source));
  if (us_source_get_url (source) == NULL)
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<source> needs a url attribute"));
  if (!has_kind)
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<source> needs a kind attribute"));

  us_campaign_add_source (rd->campaign, source);
  if (!xmlTextReaderIsEmptyElement (rd->r))
    xmlTextReaderNext (rd->r);
}

static void
read_candidate (Reader     *rd,
                GHashTable *ids)
{
  g_autoptr(UsCandidate) candidate = NULL;
  g_autofree char *source = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "source");
  g_autofree char *entry = (char *) xmlTextReaderGetAttribute (rd->r, (const xmlChar *) "entry");
  int depth = xmlTextReaderDepth (rd->r);

  if (source == NULL || entry == NULL || *entry == '\0')
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE, _("<candidate> needs source and entry attributes"));
  else if (!g_hash_table_add (ids, g_strconcat (source, "\n", entry, NULL)))
    _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                        _("a second candidate for entry \"%s\" of source \"%s\""), entry, source);
  candidate = us_candidate_new (source, entry);

  FOR_EACH_ATTR (rd)
    {
      const char *name = ATTR_NAME (rd);
      const char *value = ATTR_VALUE (rd);

      if (strcmp (name, "state") == 0)
        {
          UsCandidateState state;

          if (us_candidate_state_from_string (value, &state))
            us_candidate_set_state (candidate, state);
          else
            _us_reader_problem (rd, US_FORMAT_ERROR_INVALID, FALSE,
                                _("unknown candidate state \"%s\": use new, accepted or dismissed"), value);
        }
      else if (strcmp (name, "published") == 0)
        {
          gint64 t;

          if (_us_reader_parse_time_attr (rd, "published", value, &t))
            us_candidate_set_published (candidate, t);
        }
      else if (strcmp (name, "link") == 0)
        us_candidate_set_link (candidate, value);
      else if (strcmp (name, "title") == 0)
        us_candidate_set_title (candidate, value);
    }
  xmlTextReaderMoveToElement (rd->r);

  if (!xmlTextReaderIsEmptyElement (rd->r))
    while (_us_reader_next_child (rd, depth))
      {
        if (strcmp (_us_reader_local_name (rd), "summary") == 0)
          us_candidate_set_summary (candidate, _us_reader_read_text (rd));
        else
          _us_reader_skip_unknown (rd, "candidate");
      }
  us_campaign_add_candidate (rd->campaign, candidate);
}

void
_us_reader_read_list (Reader     *rd,
                      const char *list,
                      const char *item)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int depth = xmlTextReaderDepth (rd->r);

  if (xmlTextReaderIsEmptyElement (rd->r))
    return;
  while (_us_reader_next_child (rd, depth))
    {
      if (strcmp (_us_reader_local_name (rd), item) != 0)
        _us_reader_skip_unknown (rd, list);
      else if (item[0] == 'i')
        read_incident (rd, ids);
      else if (item[0] == 'c')
        read_candidate (rd, ids);
      else
        read_source (rd, ids);
    }
}
