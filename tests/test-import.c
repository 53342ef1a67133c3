/* test-import.c: CSV and OSDI import, matching, merging, undo, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-csv.h"
#include "us-duplicates.h"
#include "us-format.h"
#include "us-import.h"
#include "us-test-campaign.h"
#include "us-util.h"

#include <string.h>

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static UsImportPlan *
plan_full (UsCampaign  *campaign,
           GBytes      *data,
           const char **mapping,
           gboolean     provider_rules,
           const char  *encoding)
{
  UsImportPlan *plan = us_test_import_plan (campaign, data, mapping, provider_rules, encoding);

  g_assert_cmpuint (us_import_plan_get_n_rows (plan), ==,
                    us_import_plan_get_n_added (plan) + us_import_plan_get_n_duplicates (plan) +
                    us_import_plan_get_n_rejected (plan));
  return plan;
}

static UsImportPlan *
plan_text (UsCampaign  *campaign,
           const char  *text,
           const char **mapping)
{
  g_autoptr(GBytes) data = bytes (text);

  return plan_full (campaign, data, mapping, FALSE, NULL);
}

static void
assert_counts (UsImportPlan *plan,
               guint         added,
               guint         duplicates,
               guint         rejected)
{
  GPtrArray *rows = us_import_plan_get_rejected (plan);

  for (guint i = 0; i < rows->len; i++)
    g_test_message ("line %u rejected: %s", ((UsRejectedRow *) rows->pdata[i])->line,
                    ((UsRejectedRow *) rows->pdata[i])->reason);
  g_assert_cmpuint (us_import_plan_get_n_added (plan), ==, added);
  g_assert_cmpuint (us_import_plan_get_n_duplicates (plan), ==, duplicates);
  g_assert_cmpuint (us_import_plan_get_n_rejected (plan), ==, rejected);
}

static UsSignatory *
nth (UsCampaign *campaign,
     guint       i)
{
  GListModel *list = us_campaign_get_signatories (campaign);
  UsSignatory *s = g_list_model_get_item (list, i);

  g_object_unref (s);   /* the campaign keeps it alive */
  return s;
}

static guint
n_signatories (UsCampaign *campaign)
{
  return g_list_model_get_n_items (us_campaign_get_signatories (campaign));
}

static const char *
field_of (UsImportPlan *plan,
          const char   *column)
{
  const char * const *columns = us_import_plan_get_columns (plan);
  const char * const *fields = us_import_plan_get_fields (plan);

  for (guint i = 0; columns[i] != NULL; i++)
    if (strcmp (columns[i], column) == 0)
      return fields[i];
  return NULL;
}

static gint64
ts (const char *text)
{
  gint64 t = 0;

  g_assert_true (us_parse_timestamp (text, &t));
  return t;
}

/* Header mapping */

static void
test_header_english (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Full Name,E-mail,Country Code,Job Title,Employer,Signed At,Consent,Status,Comment,Phone\n"
    "Ada Lovelace,ada@example.org,gb,Countess,Analytical Engines,2020-05-26T12:00:15Z,yes,verified,hi,123\n",
    NULL);
  UsSignatory *s;

  g_assert_cmpstr (field_of (plan, "Full Name"), ==, "name");
  g_assert_cmpstr (field_of (plan, "E-mail"), ==, "email");
  g_assert_cmpstr (field_of (plan, "Country Code"), ==, "country");
  g_assert_cmpstr (field_of (plan, "Job Title"), ==, "title");
  g_assert_cmpstr (field_of (plan, "Employer"), ==, "organisation");
  g_assert_cmpstr (field_of (plan, "Signed At"), ==, "signed_at");
  g_assert_cmpstr (field_of (plan, "Consent"), ==, "public");
  g_assert_cmpstr (field_of (plan, "Status"), ==, "status");
  g_assert_cmpstr (field_of (plan, "Comment"), ==, "note");
  g_assert_cmpstr (field_of (plan, "Phone"), ==, "ignore");
  assert_counts (plan, 1, 0, 0);

  us_import_apply (campaign, plan, NULL);
  s = nth (campaign, 0);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "Ada Lovelace");
  g_assert_cmpstr (us_signatory_get_email (s), ==, "ada@example.org");
  g_assert_cmpstr (us_signatory_get_country (s), ==, "GB");
  g_assert_cmpstr (us_signatory_get_title (s), ==, "Countess");
  g_assert_cmpstr (us_signatory_get_organisation (s), ==, "Analytical Engines");
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-26T12:00:15Z"));
  g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_NAMED);
  g_assert_cmpint (us_signatory_get_status (s), ==, US_STATUS_VERIFIED);
  g_assert_cmpint (us_signatory_get_origin (s), ==, US_ORIGIN_CSV);
  g_assert_cmpstr (us_signatory_get_note (s), ==, "hi");
  g_assert_cmpuint (us_signatory_get_id (s), >, 0);
}

static void
test_header_first_last (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Given name,Family name,email\nGrace,Hopper,grace@example.org\n,Lamarr,hedy@example.org\n", NULL);

  g_assert_cmpstr (field_of (plan, "Given name"), ==, "first_name");
  g_assert_cmpstr (field_of (plan, "Family name"), ==, "last_name");
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Grace Hopper");
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 1)), ==, "Lamarr");
}

static void
test_header_french (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GBytes) data = fixture ("semicolon-fr.csv");
  g_autoptr(UsImportPlan) plan = plan_full (campaign, data, NULL, FALSE, NULL);
  const char * const *notes;
  UsSignatory *s;

  g_assert_cmpstr (field_of (plan, "Prénom"), ==, "first_name");
  g_assert_cmpstr (field_of (plan, "Nom"), ==, "last_name");
  g_assert_cmpstr (field_of (plan, "Courriel"), ==, "email");
  g_assert_cmpstr (field_of (plan, "Pays"), ==, "country");
  g_assert_cmpstr (field_of (plan, "Fonction"), ==, "title");
  g_assert_cmpstr (field_of (plan, "Organisme"), ==, "organisation");
  g_assert_cmpstr (field_of (plan, "Date de signature"), ==, "signed_at");
  g_assert_cmpstr (field_of (plan, "Public"), ==, "public");
  assert_counts (plan, 3, 0, 0);

  /* 26/05/2020 can only be day first: nothing to warn about. */
  notes = us_import_plan_get_notes (plan);
  g_assert_null (notes[0]);

  us_import_apply (campaign, plan, NULL);
  s = nth (campaign, 0);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "Zoë Dubois");
  g_assert_cmpstr (us_signatory_get_country (s), ==, "FR");
  g_assert_cmpstr (us_signatory_get_organisation (s), ==, "Hôpital; Lyon");
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-26"));
  g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_NAMED);
  s = nth (campaign, 1);
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-27T09:30:00Z"));
  g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_NONE);
  s = nth (campaign, 2);
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-27T10:00:00Z"));
  g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_ANONYMOUS);
  g_assert_null (us_signatory_get_email (s));
}

static void
test_header_german (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Vorname,Nachname,E-Mail-Adresse,Land,Titel,Organisation,Datum,Veröffentlichen\n"
    "Jürgen,Müller,juergen@example.de,Deutschland,Prof. Dr.,Charité,26.05.2020,ja\n", NULL);
  UsSignatory *s;

  g_assert_cmpstr (field_of (plan, "Vorname"), ==, "first_name");
  g_assert_cmpstr (field_of (plan, "Nachname"), ==, "last_name");
  g_assert_cmpstr (field_of (plan, "E-Mail-Adresse"), ==, "email");
  g_assert_cmpstr (field_of (plan, "Land"), ==, "country");
  g_assert_cmpstr (field_of (plan, "Titel"), ==, "title");
  g_assert_cmpstr (field_of (plan, "Organisation"), ==, "organisation");
  g_assert_cmpstr (field_of (plan, "Datum"), ==, "signed_at");
  g_assert_cmpstr (field_of (plan, "Veröffentlichen"), ==, "public");
  /* Dotted dates are always day first: nothing to warn about. */
  g_assert_null (us_import_plan_get_notes (plan)[0]);
  us_import_apply (campaign, plan, NULL);
  s = nth (campaign, 0);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "Jürgen Müller");
  g_assert_cmpstr (us_signatory_get_country (s), ==, "DE");
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-26"));
}

static void
test_header_spanish (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Nombre,Apellidos,Correo electrónico,País,Cargo,Empresa,Fecha,Público\n"
    "José,García López,jose@example.es,España,Enfermero,Hospital Clínic,2020-05-26,sí\n", NULL);
  UsSignatory *s;

  g_assert_cmpstr (field_of (plan, "Nombre"), ==, "first_name");
  g_assert_cmpstr (field_of (plan, "Apellidos"), ==, "last_name");
  g_assert_cmpstr (field_of (plan, "Correo electrónico"), ==, "email");
  g_assert_cmpstr (field_of (plan, "País"), ==, "country");
  g_assert_cmpstr (field_of (plan, "Cargo"), ==, "title");
  g_assert_cmpstr (field_of (plan, "Empresa"), ==, "organisation");
  g_assert_cmpstr (field_of (plan, "Fecha"), ==, "signed_at");
  us_import_apply (campaign, plan, NULL);
  s = nth (campaign, 0);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "José García López");
  g_assert_cmpstr (us_signatory_get_country (s), ==, "ES");
  g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_NAMED);
}

static void
test_header_lone_half (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  /* Alone, "Nom" is the whole name, not a family name. */
  g_autoptr(UsImportPlan) plan = plan_text (campaign, "Nom,Courriel\nMarie Curie,marie@example.fr\n", NULL);

  g_assert_cmpstr (field_of (plan, "Nom"), ==, "name");
  assert_counts (plan, 1, 0, 0);
}

/* --map */

static void
test_map_override (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  const char *mapping[] = { "Who=name", "Contact=email", "email=ignore", NULL };
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Who,Contact,email\nAda,ada@example.org,junk\n", mapping);

  g_assert_cmpstr (field_of (plan, "Who"), ==, "name");
  g_assert_cmpstr (field_of (plan, "Contact"), ==, "email");
  g_assert_cmpstr (field_of (plan, "email"), ==, "ignore");
  assert_counts (plan, 1, 0, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_email (nth (campaign, 0)), ==, "ada@example.org");
}

static void
test_map_numeric_no_header (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  const char *mapping[] = { "1=name", "2=email", "3=country", NULL };
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Ada Lovelace,ada@example.org,GB\nGrace Hopper,grace@example.org,US\n", mapping);
  const char * const *columns = us_import_plan_get_columns (plan);

  /* The first row is data, not a header. */
  assert_counts (plan, 2, 0, 0);
  g_assert_cmpstr (columns[0], ==, "Column 1");
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Ada Lovelace");
  g_assert_cmpstr (us_signatory_get_country (nth (campaign, 1)), ==, "US");
}

static void
test_map_numeric_with_header (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  const char *mapping[] = { "2=name", NULL };
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "Name,Signer,E-mail\nunused,Ada,ada@example.org\n", mapping);

  g_assert_cmpstr (field_of (plan, "Name"), ==, "ignore");
  g_assert_cmpstr (field_of (plan, "Signer"), ==, "name");
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Ada");
}

static void
assert_plan_error (const char  *text,
                   const char **mapping,
                   const char  *encoding,
                   int          code,
                   const char  *needle)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GBytes) data = bytes (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportPlan) plan = NULL;
  UsImportOptions options = { 0 };

  options.mapping = mapping;
  options.encoding = encoding;
  plan = us_import_plan (campaign, data, "in.csv", &options, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, US_IMPORT_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” not in “%s”", needle, error->message);
  /* Nothing half-imported. */
  g_assert_cmpuint (n_signatories (campaign), ==, 0);
  g_assert_false (us_campaign_get_modified (campaign));
}

static void
test_map_errors (void)
{
  const char *bad_field[] = { "Name=nickname", NULL };
  const char *bad_column[] = { "Nickname=name", NULL };
  const char *bad_number[] = { "9=name", NULL };
  const char *no_eq[] = { "name", NULL };
  const char *named_no_header[] = { "Name=name", NULL };

  assert_plan_error ("Name,E-mail\nAda,a@example.org\n", bad_field, NULL,
                     US_IMPORT_ERROR_MAPPING, "nickname");
  assert_plan_error ("Name,E-mail\nAda,a@example.org\n", bad_column, NULL,
                     US_IMPORT_ERROR_MAPPING, "Name, E-mail");
  assert_plan_error ("Name,E-mail\nAda,a@example.org\n", bad_number, NULL,
                     US_IMPORT_ERROR_MAPPING, "column 9");
  assert_plan_error ("Name,E-mail\nAda,a@example.org\n", no_eq, NULL,
                     US_IMPORT_ERROR_MAPPING, "COLUMN=FIELD");
  assert_plan_error ("Ada Lovelace,ada@example.org\n", NULL, NULL,
                     US_IMPORT_ERROR_MAPPING, "--map 1=name");
  assert_plan_error ("Ada Lovelace,ada@example.org\n", named_no_header, NULL,
                     US_IMPORT_ERROR_MAPPING, "by number");
  assert_plan_error ("Phone,E-mail\n123,a@example.org\n", NULL, NULL,
                     US_IMPORT_ERROR_MAPPING, "--map COLUMN=name");
  assert_plan_error ("", NULL, NULL, US_IMPORT_ERROR_FORMAT, "empty");
  assert_plan_error ("name\n\"Ada\n", NULL, NULL, US_IMPORT_ERROR_FORMAT, "in.csv");
  assert_plan_error ("name\nAda\n", NULL, "EBCDIC", US_IMPORT_ERROR_FORMAT, "WINDOWS-1252");
}

/* Encodings */

static void
test_utf16 (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GBytes) data = fixture ("utf16le-bom.csv");
  g_autoptr(UsImportPlan) plan = plan_full (campaign, data, NULL, FALSE, NULL);

  assert_counts (plan, 2, 0, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Zoë Ångström");
  g_assert_cmpstr (us_signatory_get_organisation (nth (campaign, 1)), ==, "Больница №1");
}

static void
test_windows_1252 (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GBytes) data = fixture ("windows-1252.csv");
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  UsImportOptions options = { 0 };

  /* Not UTF-8: an error that names the way out. */
  plan = us_import_plan (campaign, data, "windows-1252.csv", &options, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "Windows-1252"));

  plan = plan_full (campaign, data, NULL, FALSE, "windows-1252");
  assert_counts (plan, 2, 0, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Jürgen Müller");
  g_assert_cmpstr (us_signatory_get_organisation (nth (campaign, 0)), ==, "Charité – Universitätsmedizin");
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 1)), ==, "François Dœuf");
  g_assert_cmpstr (us_signatory_get_organisation (nth (campaign, 1)), ==, "“Médecins” Sans Frontières");
}

/* Rejected rows */

static const char *rejects_input =
  "name,email,country,signed_at,public\r\n"
  "Ada Lovelace,ada@example.org,GB,2020-05-26,yes\r\n"             /* line 2 */
  "\"Grace\r\nHopper\",not-an-address,US,2020-05-26,yes\r\n"        /* line 3-4 */
  ",nobody@example.org,FR,,\r\n"                                    /* line 5 */
  "Hedy Lamarr,hedy@example.org,Atlantis,,\r\n"                     /* line 6 */
  "Marie Curie,marie@example.org,France,yesterday,\r\n"             /* line 7 */
  "=cmd|' /C calc'!A0,cmd@example.org,XX,,maybe\r\n"                /* line 8 */
  ",,,,\r\n"                                                        /* blank */
  "Emmy Noether,emmy@example.org,de,26/05/2020 14:30,ja\r\n";       /* line 10 */

static void
test_rejected_rows (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign, rejects_input, NULL);
  GPtrArray *rejected = us_import_plan_get_rejected (plan);
  UsRejectedRow *row;

  assert_counts (plan, 2, 0, 5);
  row = g_ptr_array_index (rejected, 0);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_nonnull (strstr (row->reason, "not-an-address"));
  g_assert_nonnull (strstr (row->reason, "e-mail"));
  g_assert_cmpstr (row->fields[0], ==, "Grace\r\nHopper");
  row = g_ptr_array_index (rejected, 1);
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_nonnull (strstr (row->reason, "no name"));
  row = g_ptr_array_index (rejected, 2);
  g_assert_cmpuint (row->line, ==, 6);
  g_assert_nonnull (strstr (row->reason, "Atlantis"));
  g_assert_nonnull (strstr (row->reason, "ISO 3166"));
  row = g_ptr_array_index (rejected, 3);
  g_assert_cmpuint (row->line, ==, 7);
  g_assert_nonnull (strstr (row->reason, "yesterday"));
  g_assert_nonnull (strstr (row->reason, "2020-05-26"));
  /* Every problem of a row at once, so one fix is enough. */
  row = g_ptr_array_index (rejected, 4);
  g_assert_cmpuint (row->line, ==, 8);
  g_assert_nonnull (strstr (row->reason, "XX"));
  g_assert_nonnull (strstr (row->reason, "maybe"));

  us_import_apply (campaign, plan, NULL);
  g_assert_cmpstr (us_signatory_get_country (nth (campaign, 1)), ==, "DE");
  g_assert_cmpint (us_signatory_get_signed_at (nth (campaign, 1)), ==, ts ("2020-05-26T14:30:00Z"));
}

static void
test_rejects_csv (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign, rejects_input, NULL);
  g_autoptr(GBytes) csv = us_import_plan_rejected_to_csv (plan);
  g_autoptr(UsCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n, line, rows = 0;

  reader = us_csv_reader_new (csv, "rejects.csv", US_CSV_ENCODING_UTF8, ',', &error);
  g_assert_no_error (error);
  g_assert_true (us_csv_reader_next (reader, &fields, &n, &line, &error));
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpstr (fields[0], ==, "name");
  g_assert_cmpstr (fields[5], ==, "reason");
  while (us_csv_reader_next (reader, &fields, &n, &line, &error))
    {
      g_assert_cmpuint (n, ==, 6);
      if (rows == 0)
        g_assert_cmpstr (fields[0], ==, "Grace\r\nHopper");
      if (rows == 4)
        {
          /* A spreadsheet must not run it. */
          g_assert_cmpstr (fields[0], ==, "'=cmd|' /C calc'!A0");
          g_assert_nonnull (strstr (fields[5], "XX"));
        }
      rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 5);
}

static void
test_values (void)
{
  struct { const char *text; const char *code; } countries[] = {
    { "fr", "FR" }, { "France", "FR" }, { "united kingdom", "GB" }, { "UK", "GB" },
    { "USA", "US" }, { "United States", "US" }, { "Schweiz", "CH" }, { "Österreich", "AT" },
    { "España", "ES" }, { "xk", "XK" }, { "Atlantis", NULL }, { "XX", NULL }, { "F", NULL },
  };
  struct { const char *text; gboolean ok; const char *iso; gboolean ambiguous; } dates[] = {
    { "2020-05-26T12:00:15Z", TRUE, "2020-05-26T12:00:15Z", FALSE },
    { "2020-05-26 12:00:15", TRUE, "2020-05-26T12:00:15Z", FALSE },
    { "2020-05-26", TRUE, "2020-05-26T00:00:00Z", FALSE },
    { "26/05/2020", TRUE, "2020-05-26T00:00:00Z", FALSE },
    { "05/06/2020", TRUE, "2020-06-05T00:00:00Z", TRUE },
    { "5/26/2020", TRUE, "2020-05-26T00:00:00Z", FALSE },
    { "26.05.2020 08:15", TRUE, "2020-05-26T08:15:00Z", FALSE },
    { "31/02/2020", FALSE, NULL, FALSE },
    { "26/05/20", FALSE, NULL, FALSE },
    { "yesterday", FALSE, NULL, FALSE },
  };
  struct { const char *text; gboolean ok; UsConsent consent; } consents[] = {
    { "yes", TRUE, US_CONSENT_NAMED }, { "TRUE", TRUE, US_CONSENT_NAMED },
    { "1", TRUE, US_CONSENT_NAMED }, { "oui", TRUE, US_CONSENT_NAMED },
    { "Ja", TRUE, US_CONSENT_NAMED }, { "sí", TRUE, US_CONSENT_NAMED },
    { "no", TRUE, US_CONSENT_NONE }, { "false", TRUE, US_CONSENT_NONE },
    { "0", TRUE, US_CONSENT_NONE }, { "Non", TRUE, US_CONSENT_NONE },
    { "nein", TRUE, US_CONSENT_NONE }, { "anonymous", TRUE, US_CONSENT_ANONYMOUS },
    { "Anonyme", TRUE, US_CONSENT_ANONYMOUS }, { "perhaps", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
      g_autofree char *text = g_strdup_printf ("name,country\nAda,%s\n", countries[i].text);
      g_autoptr(UsImportPlan) plan = plan_text (campaign, text, NULL);

      if (countries[i].code == NULL)
        {
          assert_counts (plan, 0, 0, 1);
          continue;
        }
      assert_counts (plan, 1, 0, 0);
      us_import_apply (campaign, plan, NULL);
      g_assert_cmpstr (us_signatory_get_country (nth (campaign, 0)), ==, countries[i].code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
      g_autofree char *text = g_strdup_printf ("name,date\nAda,%s\n", dates[i].text);
      g_autoptr(UsImportPlan) plan = plan_text (campaign, text, NULL);

      g_test_message ("date %s", dates[i].text);
      if (!dates[i].ok)
        {
          assert_counts (plan, 0, 0, 1);
          continue;
        }
      assert_counts (plan, 1, 0, 0);
      g_assert_cmpint (us_import_plan_get_notes (plan)[0] != NULL, ==, dates[i].ambiguous);
      us_import_apply (campaign, plan, NULL);
      g_assert_cmpint (us_signatory_get_signed_at (nth (campaign, 0)), ==, ts (dates[i].iso));
    }

  for (guint i = 0; i < G_N_ELEMENTS (consents); i++)
    {
      g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
      g_autofree char *text = g_strdup_printf ("name,public\nAda,%s\n", consents[i].text);
      g_autoptr(UsImportPlan) plan = plan_text (campaign, text, NULL);

      if (!consents[i].ok)
        {
          assert_counts (plan, 0, 0, 1);
          continue;
        }
      us_import_apply (campaign, plan, NULL);
      g_assert_cmpint (us_signatory_get_consent (nth (campaign, 0)), ==, consents[i].consent);
    }
}

/* Duplicates */

static void
test_email_key (void)
{
  struct { const char *in; gboolean rules; const char *key; } cases[] = {
    { "  Ada@Example.ORG ", FALSE, "ada@example.org" },
    { "a.da+petition@gmail.com", FALSE, "a.da+petition@gmail.com" },
    { "A.Da+petition@Gmail.com", TRUE, "ada@gmail.com" },
    { "a.da@googlemail.com", TRUE, "ada@gmail.com" },
    { "a.da+x@example.org", TRUE, "a.da+x@example.org" },
    { "ZOË@EXAMPLE.ORG", FALSE, "zoë@example.org" },
    { "", FALSE, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = us_import_email_key (cases[i].in, cases[i].rules);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_duplicates_within_input (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = plan_text (campaign,
    "name,email,country,title\n"
    "Ada Lovelace,ada@example.org,GB,\n"
    "ADA LOVELACE,  ADA@EXAMPLE.ORG ,GB,Countess\n"
    "Paper Signer,,FR,\n"
    "paper  signer,,FR,Nurse\n"
    "Paper Signer,,BE,\n", NULL);

  assert_counts (plan, 3, 2, 0);
  us_import_apply (campaign, plan, NULL);
  /* The later row filled what the first lacked. */
  g_assert_cmpstr (us_signatory_get_title (nth (campaign, 0)), ==, "Countess");
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Ada Lovelace");
  g_assert_cmpstr (us_signatory_get_title (nth (campaign, 1)), ==, "Nurse");
  g_assert_cmpstr (us_signatory_get_country (nth (campaign, 2)), ==, "BE");
}

static void
test_duplicates_existing (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = NULL;

  us_test_add_person (campaign, "Ada Lovelace", "Ada@Example.org", "GB");
  us_test_add_person (campaign, "Zoë Dubois", NULL, "FR");
  us_test_add_person (campaign, "Grace Hopper", "grace@example.org", "US");
  plan = plan_text (campaign,
    "name,email,country\n"
    "Ada L.,ada@example.org,GB\n"          /* same e-mail, other spelling */
    "ZOË DUBOIS,,fr\n"                     /* no e-mail: name and country */
    "Zoë Dubois,,BE\n"                     /* another country: someone else */
    "Zoë Dubois,zoe@example.fr,FR\n"       /* e-mail, matches the one without */
    "Grace Hopper,grace@work.example,US\n" /* another e-mail: another person */
    , NULL);

  assert_counts (plan, 2, 3, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpuint (n_signatories (campaign), ==, 5);
  /* Never overwrite: Ada keeps her spelling and e-mail. */
  g_assert_cmpstr (us_signatory_get_name (nth (campaign, 0)), ==, "Ada Lovelace");
  g_assert_cmpstr (us_signatory_get_email (nth (campaign, 0)), ==, "Ada@Example.org");
  /* Zoë gains the e-mail she lacked. */
  g_assert_cmpstr (us_signatory_get_email (nth (campaign, 1)), ==, "zoe@example.fr");
}

static void
test_duplicates_provider_rules (void)
{
  const char *text =
    "name,email\n"
    "Ada,a.da+petition@gmail.com\n"
    "Ada,ada@googlemail.com\n"
    "Ada,A.D.A@GMAIL.COM\n"
    "Ada,a.da+x@example.org\n"
    "Ada,ada@example.org\n";
  g_autoptr(GBytes) data = bytes (text);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plain = plan_full (campaign, data, NULL, FALSE, NULL);
  g_autoptr(UsImportPlan) rules = plan_full (campaign, data, NULL, TRUE, NULL);

  assert_counts (plain, 5, 0, 0);
  /* Only Gmail ignores dots and tags. */
  assert_counts (rules, 3, 2, 0);
}

static void
test_merge_rules (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = NULL;
  UsSignatory *ada = us_test_add_person (campaign, "Ada Lovelace", "ada@example.org", NULL);
  UsSignatory *grace = us_test_add_person (campaign, "Grace Hopper", "grace@example.org", "US");

  us_signatory_set_signed_at (ada, ts ("2020-05-27T10:00:00Z"));
  us_signatory_set_title (ada, "Countess");
  us_signatory_set_status (ada, US_STATUS_VERIFIED);
  us_signatory_set_consent (ada, US_CONSENT_ANONYMOUS);
  us_signatory_set_signed_at (grace, ts ("2020-05-20T10:00:00Z"));

  plan = plan_text (campaign,
    "name,email,country,title,organisation,signed_at,public,status,note\n"
    "Ada,ada@example.org,GB,Mathematician,,2020-05-28,no,rejected,\n"
    "Ada,ada@example.org,FR,,Analytical Engines,2020-05-26T09:00:00Z,yes,pending,second\n"
    "Grace,grace@example.org,GB,Rear Admiral,Navy,2020-05-29,,,\n", NULL);
  assert_counts (plan, 0, 3, 0);
  us_import_apply (campaign, plan, NULL);

  g_assert_cmpuint (n_signatories (campaign), ==, 2);
  g_assert_cmpint (us_signatory_get_signed_at (ada), ==, ts ("2020-05-26T09:00:00Z"));
  g_assert_cmpstr (us_signatory_get_title (ada), ==, "Countess");
  g_assert_cmpstr (us_signatory_get_country (ada), ==, "GB");
  g_assert_cmpstr (us_signatory_get_organisation (ada), ==, "Analytical Engines");
  g_assert_cmpstr (us_signatory_get_note (ada), ==, "second");
  g_assert_cmpint (us_signatory_get_status (ada), ==, US_STATUS_VERIFIED);
  g_assert_cmpint (us_signatory_get_consent (ada), ==, US_CONSENT_ANONYMOUS);
  g_assert_cmpint (us_signatory_get_signed_at (grace), ==, ts ("2020-05-20T10:00:00Z"));
  g_assert_cmpstr (us_signatory_get_country (grace), ==, "US");
  g_assert_cmpstr (us_signatory_get_title (grace), ==, "Rear Admiral");
}

static void
test_withdrawn_stays (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(UsSignatory) before = NULL;
  UsSignatory *ada = us_test_add_person (campaign, "Ada Lovelace", "ada@example.org", NULL);

  us_signatory_set_status (ada, US_STATUS_WITHDRAWN);
  before = us_signatory_copy (ada);
  plan = plan_text (campaign,
    "name,email,country,title,status\n"
    "Ada Lovelace,ADA@example.org,GB,Countess,verified\n", NULL);
  assert_counts (plan, 0, 1, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpuint (n_signatories (campaign), ==, 1);
  g_assert_cmpint (us_signatory_get_status (ada), ==, US_STATUS_WITHDRAWN);
  g_assert_true (us_signatory_equal (ada, before));
}

/* Apply and undo */

static void
test_apply_undo (void)
{
  g_autoptr(UsCampaign) campaign = us_test_campaign_new ();
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(UsCampaign) copy = NULL;
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("name,email,country,title,signed_at\n");
  UsSignatory *first = nth (campaign, 0);
  guint n_before = n_signatories (campaign);

  /* A merge into an existing signatory (by e-mail when it has one, else
   * by name and country), new rows, and a duplicate within the input.
   */
  if (us_signatory_get_email (first) != NULL)
    g_string_append_printf (text, "X,%s,,Filled title,1999-01-01\n", us_signatory_get_email (first));
  else
    g_string_append_printf (text, "%s,,%s,Filled title,1999-01-01\n", us_signatory_get_name (first),
                            us_signatory_get_country (first) ? us_signatory_get_country (first) : "");
  g_string_append (text, "New Person,new@example.org,FR,,\nNew  PERSON,NEW@example.org,FR,Doctor,\n"
                         "Another,another@example.org,DE,,\n");

  saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  copy = us_campaign_load_bytes (saved, "copy", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (us_campaign_equal (campaign, copy));

  plan = plan_text (campaign, text->str, NULL);
  assert_counts (plan, 2, 2, 0);
  us_import_apply (campaign, plan, undo);
  g_assert_cmpuint (n_signatories (campaign), ==, n_before + 2);
  g_assert_cmpint (us_signatory_get_signed_at (first), ==, ts ("1999-01-01"));
  g_assert_false (us_campaign_equal (campaign, copy));
  g_assert_true (us_undo_stack_can_undo (undo));
  g_assert_cmpstr (us_undo_stack_get_undo_label (undo), ==, "Import 2 signatories");

  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_equal (campaign, copy));
  g_assert_false (us_undo_stack_can_undo (undo));

  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (n_signatories (campaign), ==, n_before + 2);
  g_assert_cmpstr (us_signatory_get_title (nth (campaign, n_before)), ==, "Doctor");
  g_assert_cmpint (us_signatory_get_signed_at (first), ==, ts ("1999-01-01"));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_equal (campaign, copy));
}

static void
test_loaded_campaign (void)
{
  g_autoptr(UsCampaign) original = us_test_campaign_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  UsSignatory *first;

  saved = us_campaign_to_bytes (original, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  campaign = us_campaign_load_bytes (saved, "loaded", NULL, &error);
  g_assert_no_error (error);
  first = nth (campaign, 0);
  text = g_strdup_printf ("name,country,note,email\n%s,%s,from the import,\nNew Person,FR,,new@example.org\n",
                          us_signatory_get_name (first),
                          us_signatory_get_country (first) ? us_signatory_get_country (first) : "");
  /* A merge by name needs the first signatory to have no e-mail. */
  if (us_signatory_get_email (first) != NULL)
    {
      g_free (text);
      text = g_strdup_printf ("name,email,note\nX,%s,from the import\nNew Person,new@example.org,\n",
                              us_signatory_get_email (first));
    }
  plan = plan_text (campaign, text, NULL);
  assert_counts (plan, 1, 1, 0);
  us_import_apply (campaign, plan, NULL);

  /* New ids never repeat the loaded ones, and the merge happened. */
  for (guint i = 0; i < n_signatories (campaign); i++)
    {
      guint id = us_signatory_get_id (nth (campaign, i));

      g_assert_false (g_hash_table_contains (ids, GUINT_TO_POINTER (id)));
      g_hash_table_add (ids, GUINT_TO_POINTER (id));
    }
  if (us_signatory_get_note (nth (original, 0)) == NULL)
    g_assert_cmpstr (us_signatory_get_note (first), ==, "from the import");
}

static void
test_cancel (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new ("name,email\n");
  g_autoptr(GBytes) data = NULL;
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (text, "Person %u,p%u@example.org\n", i, i);
  data = g_bytes_new (text->str, text->len);
  g_cancellable_cancel (cancellable);
  plan = us_import_plan (campaign, data, "big.csv", NULL, cancellable, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_signatories (campaign), ==, 0);
}

static void
test_peek (void)
{
  g_autoptr(GBytes) data = bytes ("Phone,Contact,Who\n1,a@example.org,Ada\n2,b@example.org,Bea\n"
                                  "3,c@example.org,Cy\n4,d@example.org,Di\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportPlan) plan = us_import_peek (data, "p.csv", NULL, &error);
  const char * const *fields;

  /* No name column: no error here, the mapping step is where it is fixed. */
  g_assert_no_error (error);
  fields = us_import_plan_get_fields (plan);
  g_assert_cmpstr (fields[0], ==, "ignore");
  g_assert_cmpuint (us_import_plan_get_n_samples (plan), ==, 3);
  g_assert_cmpstr (us_import_plan_get_sample (plan, 2)[2], ==, "Cy");
  g_assert_cmpuint (us_import_plan_get_n_added (plan), ==, 0);
}

/* OSDI */

static GBytes *
osdi_both_pages (void)
{
  g_autoptr(GBytes) one = fixture ("osdi-signatures-page1.json");
  g_autoptr(GBytes) two = fixture ("osdi-signatures-page2.json");
  GString *out = g_string_new ("[");

  g_string_append_len (out, g_bytes_get_data (one, NULL), g_bytes_get_size (one));
  g_string_append (out, ",");
  g_string_append_len (out, g_bytes_get_data (two, NULL), g_bytes_get_size (two));
  g_string_append (out, "]");
  return g_string_free_to_bytes (out);
}

static void
test_osdi_pages (void)
{
  g_autoptr(GBytes) one = fixture ("osdi-signatures-page1.json");
  g_autoptr(GBytes) two = fixture ("osdi-signatures-page2.json");
  g_autoptr(GBytes) both = osdi_both_pages ();
  g_autofree char *next = us_import_osdi_next_page (one);
  g_autofree char *none = us_import_osdi_next_page (two);
  g_autofree char *last = us_import_osdi_next_page (both);
  g_autoptr(GBytes) csv = bytes ("name\nAda\n");
  g_autofree char *not_osdi = us_import_osdi_next_page (csv);

  g_assert_cmpstr (next, ==, "https://actionnetwork.org/api/v2/petitions/"
                             "9f837109-710d-4d7a-8d2f-b1c1e3e2b0a8/signatures?page=2");
  g_assert_null (none);
  g_assert_null (last);
  g_assert_null (not_osdi);
}

static void
test_osdi_import (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(GBytes) one = fixture ("osdi-signatures-page1.json");
  g_autoptr(GBytes) both = osdi_both_pages ();
  g_autoptr(UsImportPlan) plan = plan_full (campaign, one, NULL, FALSE, NULL);
  g_autoptr(UsImportPlan) plan2 = NULL;
  UsRejectedRow *row;
  UsSignatory *s;

  g_assert_cmpint (us_import_plan_get_format (plan), ==, US_IMPORT_FORMAT_OSDI);
  assert_counts (plan, 3, 0, 0);

  plan2 = plan_full (campaign, both, NULL, FALSE, NULL);
  assert_counts (plan2, 3, 1, 1);
  row = g_ptr_array_index (us_import_plan_get_rejected (plan2), 0);
  g_assert_cmpuint (row->line, ==, 5);
  g_assert_nonnull (strstr (row->reason, "no name"));
  g_assert_nonnull (strstr (row->reason, "Atlantis"));
  g_assert_cmpstr (row->fields[2], ==, "no-name@example.org");

  us_import_apply (campaign, plan2, NULL);
  s = nth (campaign, 0);
  g_assert_cmpstr (us_signatory_get_name (s), ==, "Zoë Ångström");
  g_assert_cmpstr (us_signatory_get_email (s), ==, "Zoe.Angstrom@example.org");
  g_assert_cmpstr (us_signatory_get_country (s), ==, "CH");
  g_assert_cmpstr (us_signatory_get_organisation (s), ==, "International Committee of the Red Cross");
  g_assert_cmpstr (us_signatory_get_title (s), ==, "Director of Digital Transformation");
  g_assert_cmpstr (us_signatory_get_note (s), ==, "Hospitals must be off limits.");
  /* The second page's copy signed earlier. */
  g_assert_cmpint (us_signatory_get_signed_at (s), ==, ts ("2020-05-25T09:00:00Z"));
  g_assert_cmpint (us_signatory_get_origin (s), ==, US_ORIGIN_OSDI);
  s = nth (campaign, 1);
  g_assert_cmpstr (us_signatory_get_country (s), ==, "NG");
  g_assert_cmpstr (us_signatory_get_title (s), ==, "Nurse, night shift");
  g_assert_cmpstr (us_signatory_get_organisation (s), ==, "Médecins Sans Frontières");
  /* No action_date: the creation date. */
  g_assert_cmpint (us_signatory_get_signed_at (nth (campaign, 2)), ==, ts ("2020-05-26T13:15:02Z"));
}

static void
test_osdi_errors (void)
{
  const char *cases[] = {
    "{ \"_embedded\": { \"osdi:people\": [] } }",
    "{ \"_embedded\": ",
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
      g_autoptr(GBytes) data = bytes (cases[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(UsImportPlan) plan = us_import_plan (campaign, data, "x.json", NULL, NULL, &error);

      g_assert_null (plan);
      g_assert_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT);
    }
}

/* A realistic file */

static void
test_generated (void)
{
  const char *shared = g_getenv ("US_SHARED_DIR");
  g_autofree char *script = shared ? g_build_filename (shared, "bench", "gen-signatories.py", NULL) : NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(UsImportPlan) again = NULL;
  const char *argv[] = { "python3", script, "1000", "--seed", "7", NULL };
  int status;

  if (script == NULL || !g_file_test (script, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("gen-signatories.py not found (US_SHARED_DIR)");
      return;
    }
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_test_skip ("python3 is not available");
      return;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  data = g_bytes_new (out, strlen (out));

  plan = plan_full (campaign, data, NULL, FALSE, NULL);
  g_assert_cmpuint (us_import_plan_get_n_rows (plan), ==, 1000);
  g_assert_cmpuint (us_import_plan_get_n_added (plan) + us_import_plan_get_n_duplicates (plan) +
                    us_import_plan_get_n_rejected (plan), ==, 1000);
  /* The generator repeats about 2% of the people, e-mail upper-cased. */
  g_assert_cmpuint (us_import_plan_get_n_duplicates (plan), >, 0);
  g_assert_cmpuint (us_import_plan_get_n_rejected (plan), ==, 0);
  us_import_apply (campaign, plan, NULL);
  g_assert_cmpuint (n_signatories (campaign), ==, us_import_plan_get_n_added (plan));

  /* The same file again: everyone is already there. */
  again = plan_full (campaign, data, NULL, FALSE, NULL);
  assert_counts (again, 0, 1000, 0);
}

/* Find duplicates */

static void
test_find_and_merge (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("t");
  g_autoptr(UsUndoStack) undo = us_undo_stack_new ();
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(UsCampaign) copy = NULL;
  g_autoptr(GError) error = NULL;
  UsSignatory *ada1, *ada2, *ada3, *grace1, *grace2;
  GPtrArray *group;

  ada1 = us_test_add_person (campaign, "Ada Lovelace", "ada@home.example", "GB");
  grace1 = us_test_add_person (campaign, "Grace Hopper", "grace@example.org", "US");
  us_test_add_person (campaign, "Hedy Lamarr", "hedy@example.org", "AT");
  ada2 = us_test_add_person (campaign, "ADA  LOVELACE", "ada@work.example", NULL);
  grace2 = us_test_add_person (campaign, "G. Hopper", "Grace@Example.org ", "US");
  ada3 = us_test_add_person (campaign, "ada lovelace", NULL, "GB");
  us_signatory_set_signed_at (ada1, ts ("2020-05-27"));
  us_signatory_set_signed_at (ada2, ts ("2020-05-26"));
  us_signatory_set_title (ada2, "Countess");
  us_signatory_set_status (ada3, US_STATUS_WITHDRAWN);
  us_campaign_set_modified (campaign, FALSE);

  groups = us_duplicates_find (campaign, NULL);
  g_assert_cmpuint (groups->len, ==, 2);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpuint (group->len, ==, 3);
  g_assert_true (g_ptr_array_index (group, 0) == ada1);
  g_assert_true (g_ptr_array_index (group, 1) == ada2);
  g_assert_true (g_ptr_array_index (group, 2) == ada3);
  group = g_ptr_array_index (groups, 1);
  g_assert_cmpuint (group->len, ==, 2);
  g_assert_true (g_ptr_array_index (group, 0) == grace1);
  g_assert_true (g_ptr_array_index (group, 1) == grace2);

  saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  g_assert_no_error (error);
  copy = us_campaign_load_bytes (saved, "copy", NULL, &error);
  g_assert_no_error (error);

  group = g_ptr_array_index (groups, 0);
  us_duplicates_merge (campaign, group, ada1, undo);
  g_assert_cmpuint (n_signatories (campaign), ==, 4);
  g_assert_cmpint (us_signatory_get_signed_at (ada1), ==, ts ("2020-05-26"));
  g_assert_cmpstr (us_signatory_get_title (ada1), ==, "Countess");
  g_assert_cmpstr (us_signatory_get_email (ada1), ==, "ada@home.example");
  /* One of them withdrew: that wish covers every copy. */
  g_assert_cmpint (us_signatory_get_status (ada1), ==, US_STATUS_WITHDRAWN);

  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_equal (campaign, copy));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (n_signatories (campaign), ==, 4);
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_equal (campaign, copy));

  /* Kept both: nothing to do, and the next search still finds them. */
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = us_duplicates_find (campaign, NULL);
  g_assert_cmpuint (groups->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/header/english", test_header_english);
  g_test_add_func ("/import/header/first-last", test_header_first_last);
  g_test_add_func ("/import/header/french-semicolon", test_header_french);
  g_test_add_func ("/import/header/german", test_header_german);
  g_test_add_func ("/import/header/spanish", test_header_spanish);
  g_test_add_func ("/import/header/lone-half", test_header_lone_half);
  g_test_add_func ("/import/map/override", test_map_override);
  g_test_add_func ("/import/map/numeric-no-header", test_map_numeric_no_header);
  g_test_add_func ("/import/map/numeric-with-header", test_map_numeric_with_header);
  g_test_add_func ("/import/map/errors", test_map_errors);
  g_test_add_func ("/import/encoding/utf16", test_utf16);
  g_test_add_func ("/import/encoding/windows-1252", test_windows_1252);
  g_test_add_func ("/import/rejected/rows", test_rejected_rows);
  g_test_add_func ("/import/rejected/csv", test_rejects_csv);
  g_test_add_func ("/import/values", test_values);
  g_test_add_func ("/import/duplicates/email-key", test_email_key);
  g_test_add_func ("/import/duplicates/within-input", test_duplicates_within_input);
  g_test_add_func ("/import/duplicates/existing", test_duplicates_existing);
  g_test_add_func ("/import/duplicates/provider-rules", test_duplicates_provider_rules);
  g_test_add_func ("/import/duplicates/merge-rules", test_merge_rules);
  g_test_add_func ("/import/duplicates/withdrawn", test_withdrawn_stays);
  g_test_add_func ("/import/apply-undo", test_apply_undo);
  g_test_add_func ("/import/loaded-campaign", test_loaded_campaign);
  g_test_add_func ("/import/cancel", test_cancel);
  g_test_add_func ("/import/peek", test_peek);
  g_test_add_func ("/import/osdi/pages", test_osdi_pages);
  g_test_add_func ("/import/osdi/import", test_osdi_import);
  g_test_add_func ("/import/osdi/errors", test_osdi_errors);
  g_test_add_func ("/import/generated", test_generated);
  g_test_add_func ("/duplicates/find-merge", test_find_and_merge);

  return g_test_run ();
}
