/* test-model.c: the campaign model, its notifications and modified flag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-campaign.h"
#include "us-undo.h"
#include "us-test-campaign.h"

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

static void
test_signatory_properties (void)
{
  g_autoptr(UsSignatory) s = us_signatory_new ("Zoë");
  guint notified = 0;
  g_autofree char *name = NULL;
  UsStatus status;

  g_signal_connect (s, "notify::organisation", G_CALLBACK (count_cb), &notified);
  us_signatory_set_organisation (s, "ICRC");
  us_signatory_set_organisation (s, "ICRC");   /* same value: no notify */
  g_assert_cmpuint (notified, ==, 1);
  us_signatory_set_organisation (s, "");       /* empty means unset */
  g_assert_null (us_signatory_get_organisation (s));
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (s, "name", "ZOË", "status", US_STATUS_VERIFIED, NULL);
  g_object_get (s, "name", &name, "status", &status, NULL);
  g_assert_cmpstr (name, ==, "ZOË");
  g_assert_cmpint (status, ==, US_STATUS_VERIFIED);
  g_assert_cmpstr (us_signatory_get_key (s), ==, "zoë");

  us_signatory_set_consent (s, US_CONSENT_ANONYMOUS);
  g_assert_false (us_signatory_is_public (s));
  us_signatory_set_consent (s, US_CONSENT_NAMED);
  g_assert_true (us_signatory_is_public (s));
}

static void
assert_touches (UsCampaign *campaign,
                void      (*change) (UsCampaign *campaign))
{
  us_campaign_set_modified (campaign, FALSE);
  change (campaign);
  g_assert_true (us_campaign_get_modified (campaign));
}

static void
change_signatory (UsCampaign *c)
{
  UsSignatory *s = g_list_model_get_item (us_campaign_get_signatories (c), 2);
  us_signatory_set_country (s, "FR");
  g_object_unref (s);
}

static void
change_reference (UsCampaign *c)
{
  UsIncident *i = us_campaign_find_incident (c, "brno-2020");
  UsReference *r = g_list_model_get_item (us_incident_get_references (i), 0);
  us_reference_set_publisher (r, "Other");
  g_object_unref (r);
}

static void
add_reference (UsCampaign *c)
{
  g_autoptr(UsReference) r = us_reference_new ("https://example.org/2");
  us_incident_add_reference (us_campaign_find_incident (c, "fresenius-2020"), r);
}

static void
change_edition (UsCampaign *c)
{
  us_edition_set_body (us_letter_find_edition (us_campaign_get_letter (c), "fr"), "Nouveau.");
}

static void
freeze_letter (UsCampaign *c)
{
  us_letter_freeze (us_campaign_get_letter (c), 1600000000);
}

static void
change_source (UsCampaign *c)
{
  us_source_set_etag (us_campaign_find_source (c, "feed"), "\"def\"");
}

static void
change_candidate (UsCampaign *c)
{
  us_candidate_set_state (us_campaign_find_candidate (c, "feed", "urn:uuid:1"), US_CANDIDATE_NEW);
}

static void
change_title (UsCampaign *c)
{
  us_campaign_set_title (c, "New title");
}

static void
remove_incident (UsCampaign *c)
{
  us_campaign_remove_incident (c, us_campaign_find_incident (c, "fresenius-2020"), NULL);
}

static void
test_modified_everywhere (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  guint notified = 0;

  g_assert_false (us_campaign_get_modified (campaign));
  g_signal_connect (campaign, "notify::modified", G_CALLBACK (count_cb), &notified);

  assert_touches (campaign, change_signatory);
  assert_touches (campaign, change_reference);
  assert_touches (campaign, add_reference);
  assert_touches (campaign, change_edition);
  assert_touches (campaign, freeze_letter);
  assert_touches (campaign, change_source);
  assert_touches (campaign, change_candidate);
  assert_touches (campaign, change_title);
  assert_touches (campaign, remove_incident);
  /* One notification per clean -> modified edge (and back), not per edit. */
  g_assert_cmpuint (notified, ==, 17);
}

static void
test_removed_records_are_detached (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(UsSignatory) s = g_list_model_get_item (us_campaign_get_signatories (campaign), 0);
  guint pos = 99;

  g_assert_true (us_campaign_remove_signatory (campaign, s, &pos));
  g_assert_cmpuint (pos, ==, 0);
  us_campaign_set_modified (campaign, FALSE);
  /* An object held by an undo stack must not touch the campaign. */
  us_signatory_set_name (s, "Changed elsewhere");
  g_assert_false (us_campaign_get_modified (campaign));
  g_assert_null (us_record_get_owner (US_RECORD (s)));

  us_campaign_insert_signatory (campaign, 0, s);
  g_assert_true (us_record_get_owner (US_RECORD (s)) == (gpointer) campaign);
}

static void
test_signatory_ids (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("ids");
  g_autoptr(UsSignatory) a = us_signatory_new ("A");
  g_autoptr(UsSignatory) b = us_signatory_new ("B");
  g_autoptr(UsSignatory) c = us_signatory_new ("C");

  us_campaign_add_signatory (campaign, a);
  us_signatory_set_id (b, 10);
  us_campaign_add_signatory (campaign, b);
  us_campaign_add_signatory (campaign, c);
  g_assert_cmpuint (us_signatory_get_id (a), ==, 1);
  g_assert_cmpuint (us_signatory_get_id (c), ==, 11);
}

static void
test_list_model (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  GListModel *list = us_campaign_get_signatories (campaign);
  g_autoptr(GObject) item = g_list_model_get_item (list, 1);
  UsSignatory *batch[3];
  guint changes = 0;

  g_assert_true (g_list_model_get_item_type (list) == US_TYPE_SIGNATORY);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 6);
  g_assert_cmpstr (us_signatory_get_name (US_SIGNATORY (item)), ==, "Иван Петров");
  g_assert_null (g_list_model_get_item (list, 6));

  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_cb), &changes);
  for (guint i = 0; i < 3; i++)
    batch[i] = us_signatory_new ("Batch");
  us_campaign_add_signatories (campaign, batch, 3);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 9);
  g_assert_cmpuint (changes, ==, 1);   /* one step for the UI */
  for (guint i = 0; i < 3; i++)
    g_object_unref (batch[i]);
}

static void
test_letter_versions (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  UsLetter *letter = us_campaign_get_letter (campaign);
  UsLetterVersion *v1 = g_list_model_get_item (us_letter_get_versions (letter), 0);
  UsLetterVersion *v2;
  UsEdition *frozen_en;

  g_assert_cmpuint (us_letter_get_latest_version (letter), ==, 1);
  frozen_en = us_letter_version_find_edition (v1, "en");
  g_assert_cmpstr (us_edition_get_body (frozen_en), !=,
                   us_edition_get_body (us_letter_find_edition (letter, "en")));
  v2 = us_letter_freeze (letter, 1600000000);
  g_assert_cmpuint (us_letter_version_get_number (v2), ==, 2);
  /* Editing the current text leaves frozen versions alone. */
  us_edition_set_title (us_letter_find_edition (letter, "en"), "Edited");
  g_assert_cmpstr (us_edition_get_title (us_letter_version_find_edition (v2, "en")), ==,
                   "Call to governments");
  g_object_unref (v1);
}

static void
test_undo_stack (void)
{
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(UsSignatory) s = us_signatory_new ("Before");
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "After");
  us_undo_stack_set_property (undo, "Rename", s, "name", &value);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "After");
  g_assert_true (us_undo_stack_can_undo (undo));
  g_assert_cmpstr (us_undo_stack_get_undo_label (undo), ==, "Rename");
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_cmpstr (us_signatory_get_name (s), ==, "Before");
  g_assert_false (us_undo_stack_can_undo (undo));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpstr (us_signatory_get_name (s), ==, "After");
  g_assert_false (us_undo_stack_redo (undo));

  /* Setting the same value records nothing. */
  us_undo_stack_set_property (undo, "Rename", s, "name", &value);
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_false (us_undo_stack_can_undo (undo));

  us_undo_stack_set_limit (undo, 2);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *n = g_strdup_printf ("n%u", i);
      g_value_set_string (&value, n);
      us_undo_stack_set_property (undo, "Rename", s, "name", &value);
    }
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_false (us_undo_stack_undo (undo));
  g_assert_cmpstr (us_signatory_get_name (s), ==, "n2");
}

static void
test_equal (void)
{
  g_autoptr(UsCampaign) a = us_test_campaign_new ();
  g_autoptr(UsCampaign) b = us_test_campaign_new ();
  UsSignatory *s;

  g_assert_true (us_campaign_equal (a, b));
  s = g_list_model_get_item (us_campaign_get_signatories (b), 5);
  us_signatory_set_note (s, "differs");
  us_campaign_set_modified_at (b, us_campaign_get_modified_at (a));
  g_assert_false (us_campaign_equal (a, b));
  g_object_unref (s);
}

/* Undo of a removed source puts it back where it was, not at the end. */
static void
test_insert_source (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Sources");
  GListModel *sources = us_campaign_get_sources (campaign);
  const char *ids[] = { "a", "b", "c" };
  g_autoptr(UsSource) b = NULL;
  g_autoptr(UsSource) at = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(UsSource) s = us_source_new (ids[i], "https://example.org/feed", US_SOURCE_KIND_INCIDENTS);
      us_campaign_add_source (campaign, s);
    }
  b = g_object_ref (us_campaign_find_source (campaign, "b"));
  g_assert_true (us_campaign_remove_source (campaign, b));
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  us_campaign_set_modified (campaign, FALSE);

  us_campaign_insert_source (campaign, 1, b);
  g_assert_true (us_campaign_get_modified (campaign));
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 3);
  at = g_list_model_get_item (sources, 1);
  g_assert_true (at == b);
  g_assert_true (us_campaign_find_source (campaign, "b") == b);

  /* Past the end: appended, never a critical. */
  g_assert_true (us_campaign_remove_source (campaign, b));
  us_campaign_insert_source (campaign, 99, b);
  g_clear_object (&at);
  at = g_list_model_get_item (sources, 2);
  g_assert_true (at == b);
}

/* New ids come from the title or the host, and never clash. */
static void
test_suggest_ids (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Ids");
  g_autoptr(UsIncident) brno = us_incident_new ("cyberattack-on-brno-university-hospital", "Brno");
  g_autoptr(UsSource) feed = us_source_new ("feeds.example.org", "https://feeds.example.org/a",
                                            US_SOURCE_KIND_INCIDENTS);
  g_autofree char *incident = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *source = NULL;
  g_autofree char *www = NULL;
  g_autofree char *bad = NULL;

  us_campaign_add_incident (campaign, brno);
  us_campaign_add_source (campaign, feed);
  incident = us_campaign_suggest_incident_id (campaign, "Cyberattack on Brno University Hospital!");
  empty = us_campaign_suggest_incident_id (campaign, "¿?");
  source = us_campaign_suggest_source_id (campaign, "https://feeds.example.org/b");
  www = us_campaign_suggest_source_id (campaign, "https://www.CyberPeace.org/feed");
  bad = us_campaign_suggest_source_id (campaign, "not a url");
  g_assert_cmpstr (incident, ==, "cyberattack-on-brno-university-hospital-2");
  g_assert_cmpstr (empty, ==, "incident");
  g_assert_cmpstr (source, ==, "feeds.example.org-2");
  g_assert_cmpstr (www, ==, "cyberpeace.org");
  g_assert_cmpstr (bad, ==, "source");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/signatory-properties", test_signatory_properties);
  g_test_add_func ("/model/modified-everywhere", test_modified_everywhere);
  g_test_add_func ("/model/removed-records-are-detached", test_removed_records_are_detached);
  g_test_add_func ("/model/signatory-ids", test_signatory_ids);
  g_test_add_func ("/model/list-model", test_list_model);
  g_test_add_func ("/model/letter-versions", test_letter_versions);
  g_test_add_func ("/model/undo-stack", test_undo_stack);
  g_test_add_func ("/model/equal", test_equal);
  g_test_add_func ("/model/insert-source", test_insert_source);
  g_test_add_func ("/model/suggest-ids", test_suggest_ids);
  return g_test_run ();
}
