/* test-import-keys.c: dry runs and plans from a copy of the keys: the
 * same counts as a plan on the loaded campaign, and a key scan of a
 * campaign file that refuses what the full load refuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-import.h"
#include "us-reader-keys-private.h"
#include "us-test-campaign.h"

#include <glib/gstdio.h>
#include <string.h>

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
assert_counts (UsImportPlan *plan,
               guint         added,
               guint         duplicates,
               guint         rejected)
{
  g_assert_cmpuint (us_import_plan_get_n_added (plan), ==, added);
  g_assert_cmpuint (us_import_plan_get_n_duplicates (plan), ==, duplicates);
  g_assert_cmpuint (us_import_plan_get_n_rejected (plan), ==, rejected);
}

static UsSignatory *
nth (UsCampaign *campaign,
     guint       i)
{
  g_autoptr(UsSignatory) s = g_list_model_get_item (us_campaign_get_signatories (campaign), i);

  return s;   /* the campaign keeps it alive */
}

static guint
n_signatories (UsCampaign *campaign)
{
  return g_list_model_get_n_items (us_campaign_get_signatories (campaign));
}

/* Dry runs: keys instead of objects, and the same counts */

static char *
write_temp (const char *name,
            const void *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("us-import-XXXXXX", &error);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup = g_strconcat (path, "~", NULL);

  g_remove (path);
  g_remove (backup);
  g_rmdir (dir);
}

static void
assert_same_plan (UsImportPlan *a,
                  UsImportPlan *b)
{
  GPtrArray *ra = us_import_plan_get_rejected (a);
  GPtrArray *rb = us_import_plan_get_rejected (b);

  g_assert_cmpuint (us_import_plan_get_n_added (a), ==, us_import_plan_get_n_added (b));
  g_assert_cmpuint (us_import_plan_get_n_duplicates (a), ==, us_import_plan_get_n_duplicates (b));
  g_assert_cmpuint (us_import_plan_get_n_rejected (a), ==, us_import_plan_get_n_rejected (b));
  g_assert_cmpuint (ra->len, ==, rb->len);
  for (guint i = 0; i < ra->len; i++)
    {
      g_assert_cmpuint (((UsRejectedRow *) ra->pdata[i])->line, ==,
                        ((UsRejectedRow *) rb->pdata[i])->line);
      g_assert_cmpstr (((UsRejectedRow *) ra->pdata[i])->reason, ==,
                       ((UsRejectedRow *) rb->pdata[i])->reason);
    }
}

/* Every way of matching: e-mail (case, spaces, Gmail rules), name and
 * country where an e-mail is missing, an e-mail learnt from an earlier
 * row, a withdrawn signatory, duplicates within the input, rejects.
 * And names in every form the reader gives them: quoted, after spaces,
 * with doubled quotes.
 */
static const char dry_run_csv[] =
  "name,email,country\n"
  "Ada L.,  ADA@EXAMPLE.ORG ,GB\n"          /* existing, by e-mail */
  "ZOË  DUBOIS,,FR\n"                      /* existing without e-mail, by name */
  "Zoë Dubois,,BE\n"                       /* another country: new */
  "Zoë Dubois,zoe@example.fr,FR\n"         /* existing without e-mail; gains it */
  "Zoë X,zoe@example.fr,\n"                /* the e-mail just learnt */
  "Grace Hopper,grace@example.org,US\n"    /* withdrawn: counted, untouched */
  "New Person,new@example.org,DE\n"        /* new */
  "new person,NEW@example.org,\n"          /* a duplicate within the input */
  "Paper Signer,,FR\n"                     /* new, no e-mail */
  "paper  signer,,FR\n"                    /* within the input, by name */
  ",x@example.org,\n"                      /* rejected: no name */
  "Bad Country,b@example.org,XX\n"         /* rejected */
  "Bad Email,not-an-address,\n"            /* rejected */
  "Kim Jiwoo,kim@example.kr,KR\n"          /* existing without e-mail, by name */
  "Ada G,a.da+x@gmail.com,\n"              /* new */
  "Ada G2,ada@googlemail.com,\n"           /* with Gmail rules: the one above */
  "Lin W,lin+sign@gmail.com,\n"            /* with Gmail rules: existing Lin */
  "\"Dubois, Zoë\",,FR\n"                  /* new, quoted */
  "\"dubois,  ZOË\",,FR\n"                 /* the one above */
  "  Ana  Lima,,PT\n"                      /* new, after spaces */
  "ana lima,,PT\n"                         /* the one above */
  "\"Say \"\"Hi\"\"\",,FR\n"                 /* new, doubled quotes */
  "say \"hi\",,FR\n";                       /* the one above, unquoted */

static UsCampaign *
dry_run_campaign (void)
{
  UsCampaign *campaign = us_campaign_new ("Dry run");
  UsSignatory *grace;

  us_test_add_person (campaign, "Ada Lovelace", "ada@example.org", "GB");
  us_test_add_person (campaign, "Zoë Dubois", NULL, "FR");
  grace = us_test_add_person (campaign, "Grace Hopper", "grace@example.org", "US");
  us_signatory_set_status (grace, US_STATUS_WITHDRAWN);
  us_test_add_person (campaign, "Kim  Jiwoo", NULL, "KR");
  us_test_add_person (campaign, "Lin Wei", "L.In@Gmail.com", "CN");
  return campaign;
}

static void
test_dry_run_counts (void)
{
  g_autoptr(UsCampaign) original = dry_run_campaign ();
  g_autoptr(GBytes) data = bytes (dry_run_csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp ("c.undersigned", "", 0);

  g_assert_true (us_campaign_save_path (original, path, US_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  for (guint rules = 0; rules < 2; rules++)
    {
      UsImportOptions options = { 0 };
      g_autoptr(UsCampaign) loaded = us_campaign_load_path (path, NULL, &error);
      g_autoptr(UsImportKeys) scanned = NULL;
      g_autoptr(UsImportKeys) snapshot = NULL;
      g_autoptr(UsImportPlan) full = NULL;
      g_autoptr(UsImportPlan) dry = NULL;
      g_autoptr(UsImportPlan) from_scan = NULL;
      g_autoptr(UsImportPlan) from_snapshot = NULL;

      g_assert_no_error (error);
      options.provider_rules = rules;
      full = us_import_plan (loaded, data, "in.csv", &options, NULL, &error);
      g_assert_no_error (error);
      dry = us_import_plan_dry_run_path (path, data, "in.csv", &options, &error);
      g_assert_no_error (error);
      scanned = us_import_keys_scan_path (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (us_import_keys_get_n_signatories (scanned), ==, 5);
      from_scan = us_import_plan_for_keys (scanned, data, "in.csv", &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      snapshot = us_import_keys_new_for_campaign (loaded);
      from_snapshot = us_import_plan_for_keys (snapshot, data, "in.csv", &options, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      if (rules)
        assert_counts (full, 7, 13, 3);
      else
        assert_counts (full, 9, 11, 3);
      assert_same_plan (full, dry);
      assert_same_plan (full, from_scan);
      assert_same_plan (full, from_snapshot);

      /* A plan from a snapshot applies like one from the campaign. */
      us_import_apply (loaded, from_snapshot, NULL);
      g_assert_cmpuint (n_signatories (loaded), ==, rules ? 12 : 14);
      g_assert_cmpstr (us_signatory_get_email (nth (loaded, 1)), ==, "zoe@example.fr");
      g_assert_cmpint (us_signatory_get_status (nth (loaded, 2)), ==, US_STATUS_WITHDRAWN);
    }
  remove_temp (path);
}

static GBytes *
generate (const char *count,
          const char *seed)
{
  const char *shared = g_getenv ("US_SHARED_DIR");
  g_autofree char *script = shared ? g_build_filename (shared, "bench", "gen-signatories.py", NULL) : NULL;
  const char *argv[] = { "python3", script, count, "--seed", seed, NULL };
  char *out = NULL;
  int status;

  if (script == NULL || !g_file_test (script, G_FILE_TEST_EXISTS) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      return NULL;
    }
  return g_bytes_new_take (out, strlen (out));
}

/* The benchmark's inputs, smaller: the same counts either way. */
static void
test_dry_run_generated (void)
{
  g_autoptr(GBytes) existing = generate ("3000", "1");
  g_autoptr(GBytes) input = generate ("3000", "2");
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Generated");
  g_autoptr(UsImportPlan) first = NULL;
  g_autoptr(UsImportPlan) full = NULL;
  g_autoptr(UsImportPlan) dry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (existing == NULL || input == NULL)
    {
      g_test_skip ("gen-signatories.py or python3 not found (US_SHARED_DIR)");
      return;
    }
  first = us_test_import_plan (campaign, existing, NULL, FALSE, NULL);
  us_import_apply (campaign, first, NULL);
  path = write_temp ("g.undersigned", "", 0);
  g_assert_true (us_campaign_save_path (campaign, path, US_WRITE_DEFAULT, &error));
  g_assert_no_error (error);

  full = us_test_import_plan (campaign, input, NULL, FALSE, NULL);
  dry = us_import_plan_dry_run_path (path, input, "test.csv", NULL, &error);
  g_assert_no_error (error);
  /* Both seeds draw e-mails from one pool: some rows are already in. */
  g_assert_cmpuint (us_import_plan_get_n_duplicates (full), >, 0);
  g_assert_cmpuint (us_import_plan_get_n_added (full), >, 0);
  assert_same_plan (full, dry);
  remove_temp (path);
}

/* A hand-written file with short lines: more signatories than the scan
 * reserved room for, so its array grows (moves) while the other thread
 * indexes it.
 */
static void
test_dry_run_short_lines (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" "
                                         "version=\"1.0\"><signatories>\n");
  g_autoptr(GString) csv = g_string_new ("name,email\n");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(UsImportPlan) full = NULL;
  g_autoptr(UsImportPlan) dry = NULL;
  g_autofree char *path = NULL;
  const guint n = 50000;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (xml, "<signatory id=\"%u\" name=\"p\" email=\"%u@x.org\"/>\n", i, i);
  g_string_append (xml, "</signatories></campaign>\n");
  /* Rows that match the first, the middle and the last signatories,
   * each twice, and new ones.
   */
  for (guint i = 1; i <= n; i += 997)
    g_string_append_printf (csv, "Q,%u@X.ORG\nR,%u@x.org\nNew,new%u@x.org\n", i, i, i);
  g_string_append_printf (csv, "Last,%u@x.org\n", n);
  data = g_bytes_new (csv->str, csv->len);
  path = write_temp ("short.undersigned", xml->str, xml->len);

  loaded = us_campaign_load_path (path, NULL, &error);
  g_assert_no_error (error);
  full = us_import_plan (loaded, data, "in.csv", NULL, NULL, &error);
  g_assert_no_error (error);
  dry = us_import_plan_dry_run_path (path, data, "in.csv", NULL, &error);
  g_assert_no_error (error);
  assert_counts (full, 51, 103, 0);
  assert_same_plan (full, dry);
  remove_temp (path);
}

/* A campaign file the full load refuses, the key scan refuses too. */
static void
test_dry_run_hostile (void)
{
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"1.0\">"
#define SIG(attrs) ROOT "<signatories><signatory " attrs "/></signatories></campaign>\n"
  static const struct { const char *what; const char *text; } cases[] = {
    { "empty", "" },
    { "not XML", "name,email\nAda,ada@example.org\n" },
    { "internal entity", HEAD "<!DOCTYPE campaign [<!ENTITY e \"x\">]>\n"
                         SIG ("id=\"1\" name=\"&e;\"") },
    { "external entity", HEAD "<!DOCTYPE campaign [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                         SIG ("id=\"1\" name=\"&e;\"") },
    { "billion laughs", HEAD "<!DOCTYPE campaign [<!ENTITY a \"aaaaaaaaaa\">"
                        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n"
                        SIG ("id=\"1\" name=\"&c;\"") },
    { "undeclared entity", HEAD SIG ("id=\"1\" name=\"&nope;\"") },
    { "other root", HEAD "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>\n" },
    { "other namespace", HEAD "<campaign xmlns=\"urn:x\" version=\"1.0\"/>\n" },
    { "newer major version", HEAD "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" "
                             "version=\"2.0\"/>\n" },
    { "no version", HEAD "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\"/>\n" },
    { "no id", HEAD SIG ("name=\"Ada\"") },
    { "bad id", HEAD SIG ("id=\"-1\" name=\"Ada\"") },
    { "two ids", HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"/><signatory id=\"1\" name=\"B\"/>"
                 "</signatories></campaign>\n" },
    { "no name", HEAD SIG ("id=\"1\" email=\"a@example.org\"") },
    { "bad country", HEAD SIG ("id=\"1\" name=\"Ada\" country=\"France\"") },
    { "bad status", HEAD SIG ("id=\"1\" name=\"Ada\" status=\"maybe\"") },
    { "bad consent", HEAD SIG ("id=\"1\" name=\"Ada\" consent=\"perhaps\"") },
    { "bad time", HEAD SIG ("id=\"1\" name=\"Ada\" signed=\"yesterday\"") },
    { "element in a note", HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"><note>a<b/></note>"
                           "</signatory></signatories></campaign>\n" },
    { "cut off", HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"/>" },
    { "not well-formed", HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"></signatories></campaign>\n" },
    { "Latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" SIG ("id=\"1\" name=\"Zo\xeb\"") },
    { "bad UTF-8", HEAD SIG ("id=\"1\" name=\"Zo\xeb\"") },
    { "UTF-16", "\xff\xfe<\0?\0x\0m\0l\0" },
  };
#undef SIG
#undef ROOT
#undef HEAD

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gssize len = strcmp (cases[i].what, "UTF-16") == 0 ? 10 : (gssize) strlen (cases[i].text);
      g_autofree char *path = write_temp ("hostile.undersigned", cases[i].text, len);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(UsCampaign) loaded = us_campaign_load_path (path, NULL, &load_error);
      g_autoptr(UsImportKeys) keys = us_import_keys_scan_path (path, &scan_error);

      g_test_message ("%s: load: %s; scan: %s", cases[i].what,
                      load_error ? load_error->message : "ok",
                      scan_error ? scan_error->message : "ok");
      g_assert_null (loaded);
      g_assert_null (keys);
      /* The scan may stop earlier (at the DOCTYPE, before an entity). */
      g_assert_nonnull (scan_error);
      g_assert_true (scan_error->domain == US_FORMAT_ERROR);
      /* Errors name the file. */
      g_assert_true (g_str_has_prefix (scan_error->message, path));
      remove_temp (path);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(UsImportKeys) keys = us_import_keys_scan_path ("/nonexistent/c.undersigned", &error);

    g_assert_null (keys);
    g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  }
}

/* The key scan reads the writer's own times in place: it takes the
 * times the full load takes, and refuses the others.
 */
static void
test_dry_run_times (void)
{
  static const char *const times[] = {
    "2020-05-26T12:00:15Z", "2020-02-29T00:00:00Z", "2000-02-29T23:59:59Z", "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:60Z", "2020-12-31T00:00:00Z", "2021-04-30T00:00:00Z", "2020-01-31T00:00:00Z",
    "2020-05-26T12:00:15+02:00", "2020-05-26T12:00:15z", "2020-05-26 12:00:15Z", "2020-05-26",
    "2020-05-26T12:00Z", "2020-05-26T12:00:15.5Z",
    "2021-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
    "2020-00-10T00:00:00Z", "2020-13-10T00:00:00Z", "2020-04-31T00:00:00Z", "2020-01-00T00:00:00Z",
    "2020-01-32T00:00:00Z", "2020-01-01T24:00:00Z", "2020-01-01T00:60:00Z", "2020-01-01T00:00:61Z",
    "2020-01-0aT00:00:00Z", "2020-01-01T00:00:00X", "2020/01/01T00:00:00Z", "20200-01-01T00:00:0Z",
    "2020-05-26T12:00:15Z ", "", "-020-01-01T00:00:00Z", "2020-01-01T0:00:00ZZ",
  };
  guint n_taken = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"1.0\">\n"
        "  <signatories>\n"
        "    <signatory id=\"1\" name=\"Ada\" signed=\"%s\"/>\n"
        "  </signatories>\n"
        "</campaign>\n", times[i]);
      g_autofree char *path = write_temp ("times.undersigned", text, -1);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(GError) scan_error = NULL;
      g_autoptr(GError) own_error = NULL;
      g_autoptr(UsCampaign) loaded = us_campaign_load_path (path, NULL, &load_error);
      g_autoptr(UsImportKeys) keys = us_import_keys_scan_path (path, &scan_error);
      g_autoptr(UsImportKeys) own = _us_import_keys_scan_path_with (path, TRUE, NULL, &own_error);

      g_test_message ("%s: load %s, scan %s", times[i], loaded ? "ok" : load_error->message,
                      keys ? "ok" : scan_error->message);
      g_assert_true ((loaded != NULL) == (keys != NULL));
      g_assert_true ((loaded != NULL) == (own != NULL));
      if (loaded == NULL)
        g_assert_cmpstr (scan_error->message, ==, load_error->message);
      n_taken += loaded != NULL;
      remove_temp (path);
    }
  /* Both kinds are there. */
  g_assert_cmpuint (n_taken, ==, 14);
}

/* The key scan takes plain addresses as they stand: every kind of
 * address gets the key the full load's signatory gives.
 */
static void
test_dry_run_email_keys (void)
{
  static const char *const emails[] = {
    "ada@example.org", "Ada.Lovelace@Example.ORG", "a&amp;b@example.org", "&#65;da@example.org",
    " ada@example.org", "ada@example.org\t", "Zoë@Example.org", "ÉMILIE@exemple.fr", "a@b",
    "x&lt;y@example.org", "", "  ", "UPPER@CASE.COM", "mixed&#x41;@example.org",
  };
  g_autoptr(GString) text = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" "
                                          "version=\"1.0\">\n  <signatories>\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  g_autoptr(UsImportKeys) keys = NULL;
  g_autoptr(UsImportKeys) own = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    g_string_append_printf (text, "    <signatory id=\"%u\" name=\"S%u\" email=\"%s\"/>\n",
                            i + 1, i + 1, emails[i]);
  g_string_append (text, "  </signatories>\n</campaign>\n");
  path = write_temp ("emails.undersigned", text->str, text->len);
  loaded = us_campaign_load_path (path, NULL, &error);
  g_assert_no_error (error);
  keys = us_import_keys_scan_path (path, &error);
  g_assert_no_error (error);
  own = _us_import_keys_scan_path_with (path, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->existing->len, ==, G_N_ELEMENTS (emails));
  g_assert_cmpuint (own->existing->len, ==, G_N_ELEMENTS (emails));
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      UsSignatory *signatory = g_list_model_get_item (us_campaign_get_signatories (loaded), i);
      g_autofree char *expected = us_import_email_key (us_signatory_get_email (signatory), FALSE);
      const UsImportKeys *each[] = { keys, own };

      for (guint k = 0; k < G_N_ELEMENTS (each); k++)
        {
          const UsImportExisting *e = &g_array_index (each[k]->existing, UsImportExisting, i);

          if (*expected == '\0')
            g_assert_null (e->email);
          else
            {
              g_assert_cmpstr (e->email, ==, expected);
              g_assert_cmpuint (e->email_len, ==, strlen (expected));
              g_assert_cmpuint (e->email_hash, ==, _us_import_key_hash (expected, strlen (expected)));
            }
        }
      g_object_unref (signatory);
    }
  remove_temp (path);
}

/* What lies outside <signatories> is read as the full load reads it: a
 * campaign refused for its incidents or sources (before or after the
 * signatories) is refused by a dry run with the same message, the same
 * line and column; also when a signatory is broken too, after them.
 * The scan's own message, before a refusal asks the full load for its
 * words, must name the same place: the signatories are left out of
 * that check with their line breaks kept, as libxml2 counted them, in
 * files with LF or CRLF line ends.  With lone CRs (which libxml2 does
 * not count as line breaks) and with line breaks inside the
 * <signatories> tags, the line is right but not the column; the message
 * a user sees is the full load's in every case.
 */
static void
test_dry_run_rest (void)
{
  static const struct { const char *what; const char *from; const char *to; gboolean own; } cases[] = {
    { "incident id", "<incident id=\"brno-2020\"", "<incident id=\"brno 2020\"", TRUE },
    { "incident date", "date=\"2020-03-13\"", "date=\"13 March\"", TRUE },
    { "source kind", "kind=\"incidents\"", "kind=\"weather\"", TRUE },
    { "incident id and a signatory", "<incident id=\"brno-2020\"", "<incident id=\"brno 2020\"", FALSE },
  };
  static const struct { const char *what; const char *from; const char *to; gboolean own; } ends[] = {
    { "LF", NULL, NULL, TRUE },
    { "CRLF", "\n", "\r\n", TRUE },
    { "CR", "\n", "\r", FALSE },
    { "breaks in the end tag", "</signatories>", "</signatories\n\n>", FALSE },
    { "breaks in the start tag", "<signatories>", "<signatories\n>", FALSE },
  };
  g_autofree char *sample = g_build_filename (us_test_source_root (), "data", "samples",
                                              "healthcare-2020.undersigned", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static ("name,email\nAda,ada@example.org\n", 31);

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GString) changed = g_string_new (text);
        g_autofree char *path = NULL;
        g_autoptr(GError) load_error = NULL;
        g_autoptr(GError) scan_error = NULL;
        g_autoptr(GError) own_error = NULL;
        g_autoptr(GError) dry_error = NULL;
        g_autoptr(UsCampaign) loaded = NULL;
        g_autoptr(UsImportKeys) keys = NULL;
        g_autoptr(UsImportKeys) own = NULL;
        g_autoptr(UsImportPlan) dry = NULL;

        g_assert_cmpuint (g_string_replace (changed, cases[i].from, cases[i].to, 1), ==, 1);
        /* The fourth case: a signatory the load refuses, after the incident. */
        if (i == 3)
          g_assert_cmpuint (g_string_replace (changed, "<signatory id=\"2\" name=\"",
                                              "<signatory id=\"2\" country=\"XX\" name=\"", 1), ==, 1);
        if (ends[e].from != NULL)
          g_assert_cmpuint (g_string_replace (changed, ends[e].from, ends[e].to, 0), >, 0);
        path = write_temp ("rest.undersigned", changed->str, changed->len);
        loaded = us_campaign_load_path (path, NULL, &load_error);
        keys = us_import_keys_scan_path (path, &scan_error);
        own = _us_import_keys_scan_path_with (path, TRUE, NULL, &own_error);
        dry = us_import_plan_dry_run_path (path, input, "in.csv", NULL, &dry_error);
        g_test_message ("%s, %s: %s", cases[i].what, ends[e].what,
                        load_error ? load_error->message : "loaded");
        g_assert_null (loaded);
        g_assert_null (keys);
        g_assert_null (own);
        g_assert_null (dry);
        g_assert_cmpstr (scan_error->message, ==, load_error->message);
        g_assert_cmpstr (dry_error->message, ==, load_error->message);
        if (cases[i].own && ends[e].own)
          g_assert_cmpstr (own_error->message, ==, load_error->message);
        remove_temp (path);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/dry-run/counts", test_dry_run_counts);
  g_test_add_func ("/import/dry-run/generated", test_dry_run_generated);
  g_test_add_func ("/import/dry-run/short-lines", test_dry_run_short_lines);
  g_test_add_func ("/import/dry-run/hostile", test_dry_run_hostile);
  g_test_add_func ("/import/dry-run/times", test_dry_run_times);
  g_test_add_func ("/import/dry-run/email-keys", test_dry_run_email_keys);
  g_test_add_func ("/import/dry-run/rest", test_dry_run_rest);
  return g_test_run ();
}
