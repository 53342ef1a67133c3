/* us-test-campaign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-test-campaign.h"

#include <glib/gstdio.h>

static char *tmp_dir;

static void
remove_tmp_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tmp_dir == NULL)
    return;
  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_chmod (path, 0600);
      g_remove (path);
    }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

char *
us_test_tmp_path (const char *name)
{
  if (tmp_dir == NULL)
    {
      tmp_dir = g_dir_make_tmp ("undersigned-test-XXXXXX", NULL);
      g_assert_nonnull (tmp_dir);
      atexit (remove_tmp_dir);
    }
  return g_build_filename (tmp_dir, name, NULL);
}

const char *
us_test_source_root (void)
{
  const char *root = g_getenv ("US_SOURCE_ROOT");

  g_assert_nonnull (root);
  return root;
}

static UsSignatory *
person (const char *name,
        const char *title,
        const char *organisation,
        const char *country,
        UsStatus    status,
        UsConsent   consent)
{
  UsSignatory *s = us_signatory_new (name);

  us_signatory_set_title (s, title);
  us_signatory_set_organisation (s, organisation);
  us_signatory_set_country (s, country);
  us_signatory_set_status (s, status);
  us_signatory_set_consent (s, consent);
  return s;
}

UsCampaign *
us_test_campaign_new (void)
{
  UsCampaign *campaign = us_campaign_new ("Stop cyberattacks on healthcare");
  UsLetter *letter = us_campaign_get_letter (campaign);
  g_autoptr(UsEdition) en = us_edition_new ("en");
  g_autoptr(UsEdition) fr = us_edition_new ("fr");
  g_autoptr(UsIncident) brno = us_incident_new ("brno-2020", "Brno University Hospital attack");
  g_autoptr(UsIncident) fres = us_incident_new ("fresenius-2020", "Fresenius ransomware");
  g_autoptr(UsReference) ref = us_reference_new ("https://example.org/news/brno?a=1&b=2");
  g_autoptr(UsSource) feed = us_source_new ("feed", "https://example.org/feed.atom", US_SOURCE_KIND_INCIDENTS);
  g_autoptr(UsSource) form = us_source_new ("form", "https://example.org/s.csv", US_SOURCE_KIND_SIGNATURES);
  g_autoptr(UsCandidate) cand = us_candidate_new ("feed", "urn:uuid:1");
  struct {
    const char *name, *title, *org, *country;
    UsStatus status;
    UsConsent consent;
  } people[] = {
    { "Zoë Ångström", "Director \"General\"", "Médecins & Co <Intl>", "CH", US_STATUS_VERIFIED, US_CONSENT_NAMED },
    { "Иван Петров", "Врач", "Городская больница", "RU", US_STATUS_VERIFIED, US_CONSENT_NAMED },
    { "فاطمة الزهراء", "طبيبة", "مستشفى", "EG", US_STATUS_VERIFIED, US_CONSENT_ANONYMOUS },
    { "王小明", NULL, "北京医院", "CN", US_STATUS_PENDING, US_CONSENT_NAMED },
    { "Γιώργος Παπαδόπουλος", NULL, NULL, "GR", US_STATUS_REJECTED, US_CONSENT_NONE },
    { "Jiří Novák", "IT lead", "Brno University Hospital", "CZ", US_STATUS_WITHDRAWN, US_CONSENT_NAMED },
  };

  us_campaign_set_organisation (campaign, "CyberPeace Institute");
  us_campaign_set_contact (campaign, "press@example.org");
  us_campaign_set_created (campaign, 1589932800);

  us_edition_set_title (en, "Call to governments");
  us_edition_set_addressee (en, "To the governments of the world");
  us_edition_set_body (en, "Hospitals were attacked [@brno-2020].\n\n"
                           "Line one\nline two & <three> [@fresenius-2020] end.\n\n"
                           "Tabs\tand \"quotes\" 'single' \xe2\x80\x94 and \r carriage.");
  us_edition_set_title (fr, "Appel aux gouvernements");
  us_edition_set_addressee (fr, "Aux gouvernements du monde");
  us_edition_set_body (fr, "Des hôpitaux ont été attaqués [@brno-2020].");
  us_letter_add_edition (letter, en);
  us_letter_add_edition (letter, fr);
  us_letter_freeze (letter, 1590422400);
  us_edition_set_body (en, "Changed after the freeze [@brno-2020].");

  us_incident_set_attack_type (brno, US_ATTACK_RANSOMWARE);
  us_incident_set_date (brno, "2020-03-13");
  us_incident_set_date_end (brno, "2020-03-20");
  us_incident_set_victim (brno, "Brno University Hospital");
  us_incident_set_sector (brno, "Healthcare");
  us_incident_set_country (brno, "CZ");
  us_incident_set_summary (brno, "IT systems shut down;\nsurgeries postponed.");
  us_reference_set_title (ref, "Czech hospital hit");
  us_reference_set_publisher (ref, "Example News");
  us_reference_set_published (ref, "2020-03-16");
  us_reference_set_accessed (ref, "2020-05-20");
  us_incident_add_reference (brno, ref);
  us_campaign_add_incident (campaign, brno);
  us_incident_set_attack_type (fres, US_ATTACK_RANSOMWARE);
  us_incident_set_country (fres, "DE");
  us_campaign_add_incident (campaign, fres);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(UsSignatory) s = person (people[i].name, people[i].title, people[i].org,
                                         people[i].country, people[i].status, people[i].consent);
      g_autofree char *email = g_strdup_printf ("person%u@example.org", i);

      us_signatory_set_email (s, email);
      us_signatory_set_signed_at (s, 1590494400 + i * 3600);
      us_signatory_set_version (s, i % 2);
      us_signatory_set_language (s, i % 2 ? "fr" : "en");
      us_signatory_set_origin (s, (UsOrigin) (i % 5));
      if (i == 0)
        {
          us_signatory_set_prominent (s, 1);
          us_signatory_set_note (s, "Met at the conference.\nCall back on Monday.");
        }
      us_campaign_add_signatory (campaign, s);
    }

  us_source_set_title (feed, "Health incidents");
  us_source_set_etag (feed, "\"abc\"");
  us_source_set_last_modified (feed, "Tue, 26 May 2020 12:00:00 GMT");
  us_source_set_last_fetched (feed, 1590494400);
  us_source_set_last_result (feed, "2 new");
  us_source_set_token_header (form, "OSDI-API-Token");
  us_campaign_add_source (campaign, feed);
  us_campaign_add_source (campaign, form);

  us_candidate_set_title (cand, "Hospital hit by ransomware");
  us_candidate_set_link (cand, "https://example.org/news/1");
  us_candidate_set_summary (cand, "A summary.");
  us_candidate_set_published (cand, 1590494400);
  us_candidate_set_state (cand, US_CANDIDATE_DISMISSED);
  us_campaign_add_candidate (campaign, cand);

  us_campaign_set_modified_at (campaign, 1590494400);
  us_campaign_set_modified (campaign, FALSE);
  return campaign;
}

UsSignatory *
us_test_add_person (UsCampaign *campaign,
                    const char *name,
                    const char *email,
                    const char *country)
{
  g_autoptr(UsSignatory) s = us_signatory_new (name);

  us_signatory_set_email (s, email);
  us_signatory_set_country (s, country);
  us_campaign_add_signatory (campaign, s);
  return s;
}

UsImportPlan *
us_test_import_plan (UsCampaign  *campaign,
                     GBytes      *data,
                     const char **mapping,
                     gboolean     provider_rules,
                     const char  *encoding)
{
  UsImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  UsImportPlan *plan;

  options.mapping = mapping;
  options.provider_rules = provider_rules;
  options.encoding = encoding;
  plan = us_import_plan (campaign, data, "test.csv", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

GBytes *
us_test_read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), len);
}
