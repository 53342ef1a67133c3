/* test-format.c: the .undersigned format round trip, schema and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-test-campaign.h"

#include <string.h>

static char *
schema_path (void)
{
  return g_build_filename (us_test_source_root (), "data", "undersigned.rng", NULL);
}

static void
assert_schema_valid (GBytes     *bytes,
                     const char *what)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) us_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *schema = schema_path ();

  if (!us_schema_validate_bytes (bytes, what, schema, problems, &error))
    {
      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *line = us_problem_format (g_ptr_array_index (problems, i));
          g_printerr ("%s\n", line);
        }
      g_error ("%s does not validate: %s", what, error->message);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(UsCampaign) original = us_test_campaign_new ();
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(UsCampaign) reloaded = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  first = us_campaign_to_bytes (original, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  assert_schema_valid (first, "full campaign");

  loaded = us_campaign_load_bytes (first, "first", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_false (us_campaign_get_modified (loaded));
  g_assert_true (us_campaign_equal (original, loaded));

  /* Saving an unchanged loaded file reproduces it byte for byte. */
  second = us_campaign_to_bytes (loaded, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));

  reloaded = us_campaign_load_bytes (second, "second", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (us_campaign_equal (loaded, reloaded));
}

static void
test_loaded_campaign_is_live (void)
{
  g_autoptr(UsCampaign) original = us_test_campaign_new ();
  g_autoptr(GBytes) bytes = us_campaign_to_bytes (original, US_WRITE_DEFAULT, NULL);
  g_autoptr(UsCampaign) loaded = us_campaign_load_bytes (bytes, "live", NULL, NULL);
  g_autoptr(UsSignatory) first = g_list_model_get_item (us_campaign_get_signatories (loaded), 0);
  g_autoptr(UsSignatory) added = us_signatory_new ("Added after loading");

  /* Editing a loaded signatory marks the campaign modified... */
  g_assert_false (us_campaign_get_modified (loaded));
  us_signatory_set_title (first, "Edited");
  g_assert_true (us_campaign_get_modified (loaded));
  /* ...and a new one gets an id past every loaded one. */
  us_campaign_add_signatory (loaded, added);
  g_assert_cmpuint (us_signatory_get_id (added), ==, 7);
}

/* Found by fuzz-campaign: a file declaring another encoding, and empty
 * paragraphs, each loaded to something that did not save and load back
 * to itself.
 */
static void
test_fuzz_regressions (void)
{
  g_autofree char *dir = g_build_filename (us_test_source_root (), "tests", "fuzz", "seeds",
                                           "campaign", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(UsCampaign) campaign = us_campaign_load_path (path, NULL, &error);
      g_autoptr(GBytes) saved = NULL;
      g_autoptr(UsCampaign) again = NULL;

      n++;
      if (campaign == NULL)
        continue;
      saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
      again = us_campaign_load_bytes (saved, name, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (us_campaign_equal (campaign, again));
    }
  g_assert_cmpuint (n, >=, 2);
}

static void
test_blank_paragraphs (void)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<campaign xmlns=\"" US_FORMAT_NAMESPACE "\" version=\"1.0\"><letter>"
    "<edition lang=\"en\"><body><p>  One.  </p><p></p><p>Two\n\nThree</p><p> </p></body></edition>"
    "</letter><incidents/><signatories/><sources/></campaign>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(UsCampaign) campaign = us_campaign_load_bytes (bytes, "blank", NULL, NULL);
  UsEdition *en = us_letter_find_edition (us_campaign_get_letter (campaign), "en");

  g_assert_cmpstr (us_edition_get_body (en), ==, "One.\n\nTwo\n\nThree");
}

static void
test_other_encodings_refused (void)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n"
    "<campaign xmlns=\"" US_FORMAT_NAMESPACE "\" version=\"1.0\"><title>Caf\xc3\xa9 \xe2\x80\x99s</title>"
    "<letter/><incidents/><signatories/><sources/></campaign>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = us_campaign_load_bytes (bytes, "utf7", NULL, &error);

  /* Never a half-read campaign: a clear refusal that says what to do. */
  g_assert_null (campaign);
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "utf7:1:1:"));
  g_assert_nonnull (strstr (error->message, "UTF-7"));
  g_assert_nonnull (strstr (error->message, "re-save it as UTF-8"));
}

static void
test_escaping (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(UsSignatory) s = us_signatory_new ("Tab\there, newline\nhere, <b>&amp;</b> \"q\" 'a' \r\n end");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(UsSignatory) back = NULL;
  g_autoptr(GError) error = NULL;

  us_signatory_set_note (s, "  leading and trailing spaces  \n\n\n");
  us_campaign_add_signatory (campaign, s);
  bytes = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  loaded = us_campaign_load_bytes (bytes, "escaping", NULL, &error);
  g_assert_no_error (error);
  back = g_list_model_get_item (us_campaign_get_signatories (loaded), 6);
  g_assert_cmpstr (us_signatory_get_name (back), ==, us_signatory_get_name (s));
  g_assert_cmpstr (us_signatory_get_note (back), ==, us_signatory_get_note (s));
}

static void
test_control_characters_never_break_the_file (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Bad \x01 bytes \xff here");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(GError) error = NULL;

  bytes = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  loaded = us_campaign_load_bytes (bytes, "control", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (us_campaign_get_title (loaded), ==, "Bad \xef\xbf\xbd bytes \xef\xbf\xbd here");
}

static void
test_public_export (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *list;
  g_autofree char *text = NULL;

  bytes = us_campaign_to_bytes (campaign, US_WRITE_PUBLIC, &error);
  g_assert_no_error (error);
  assert_schema_valid (bytes, "public export");
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* No e-mail, note, contact, token header, source state or inbox. */
  g_assert_null (strchr (text, '@'));
  g_assert_null (strstr (text, "Call back on Monday"));
  g_assert_null (strstr (text, "OSDI-API-Token"));
  g_assert_null (strstr (text, "etag"));
  g_assert_null (strstr (text, "<inbox"));
  /* Pending, rejected and withdrawn people are not listed; the
   * anonymous verified signer is kept, without a name.
   */
  g_assert_null (strstr (text, "王小明"));
  g_assert_null (strstr (text, "Παπαδόπουλος"));
  g_assert_null (strstr (text, "Jiří"));
  g_assert_null (strstr (text, "فاطمة"));

  loaded = us_campaign_load_bytes (bytes, "export", NULL, &error);
  g_assert_no_error (error);
  list = us_campaign_get_signatories (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);

  /* With unverified people asked for, the pending one appears too. */
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&text, g_free);
  bytes = us_campaign_to_bytes (campaign, US_WRITE_PUBLIC | US_WRITE_KEEP_UNVERIFIED, &error);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "王小明"));
  g_assert_null (strstr (text, "Jiří"));
  g_assert_null (strchr (text, '@'));
}

static void
test_sample (void)
{
  g_autofree char *path = g_build_filename (us_test_source_root (), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  campaign = us_campaign_load_path (path, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (campaign)), >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_incidents (campaign)), ==, 3);
  g_assert_nonnull (us_letter_find_edition (us_campaign_get_letter (campaign), "en"));
  g_assert_nonnull (us_letter_find_edition (us_campaign_get_letter (campaign), "fr"));
  g_assert_cmpuint (us_letter_get_latest_version (us_campaign_get_letter (campaign)), ==, 1);

  saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (saved), ==, len);
  g_assert_cmpmem (g_bytes_get_data (saved, NULL), len, contents, len);
  assert_schema_valid (saved, "sample");
}

static void
test_streaming_scale (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Scale");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      UsSignatory *s = us_signatory_new (name);

      us_signatory_set_country (s, i % 2 ? "FR" : "DE");
      us_signatory_set_status (s, US_STATUS_VERIFIED);
      g_ptr_array_add (batch, s);
    }
  us_campaign_add_signatories (campaign, (UsSignatory **) batch->pdata, n);
  bytes = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  loaded = us_campaign_load_bytes (bytes, "scale", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (loaded)), ==, n);
  us_campaign_set_modified_at (loaded, us_campaign_get_modified_at (campaign));
  us_campaign_set_created (loaded, us_campaign_get_created (campaign));
  g_assert_true (us_campaign_equal (campaign, loaded));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format/round-trip", test_round_trip);
  g_test_add_func ("/format/loaded-campaign-is-live", test_loaded_campaign_is_live);
  g_test_add_func ("/format/escaping", test_escaping);
  g_test_add_func ("/format/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/format/blank-paragraphs", test_blank_paragraphs);
  g_test_add_func ("/format/other-encodings-refused", test_other_encodings_refused);
  g_test_add_func ("/format/control-characters", test_control_characters_never_break_the_file);
  g_test_add_func ("/format/public-export", test_public_export);
  g_test_add_func ("/format/sample", test_sample);
  g_test_add_func ("/format/streaming-scale", test_streaming_scale);
  return g_test_run ();
}
