/* test-pdf.c: the press-pack PDF, read back with poppler-utils
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <cairo.h>
#include <dlfcn.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "us-format.h"
#include "us-pdf.h"
#include "us-test-campaign.h"

#define LONG_TITLE \
  "Senior Adviser on Cyber Operations, Humanitarian Protection and the Application of " \
  "International Humanitarian Law to Information and Communication Technologies in Armed " \
  "Conflict, Special Envoy for the Protection of Medical Facilities, Emergency Services and " \
  "Critical Civilian Infrastructure against Ransomware"

/* One name per script the list must hold. */
static const struct
{
  const char *name;
  const char *country;
} scripts[] = {
  { "Zoë Ångström-Łukasiewicz", "SE" },
  { "Ольга Иванова", "RU" },
  { "Ελένη Παπαδοπούλου", "GR" },
  { "فاطمة الزهراء", "EG" },
  { "שרה כהן", "IL" },
  { "प्रिया शर्मा", "IN" },
  { "สมชาย ใจดี", "TH" },
  { "王小明", "CN" },
  { "佐藤さくら", "JP" },
  { "김서연", "KR" },
};

static const char * const hidden_names[] = {
  "Pending Person", "Withdrawn Person", "Rejected Person", "Private Person",
  "Anonymous One", "Anonymous Two", "Anonymous Three", "Anonymous Withdrawn",
  "Prominent Pending",
};

static UsSignatory *
add (UsCampaign *campaign,
     const char *name,
     const char *country,
     UsStatus    status,
     UsConsent   consent)
{
  g_autoptr(UsSignatory) s = us_signatory_new (name);
  static guint n;
  g_autofree char *email = g_strdup_printf ("signer%u@example.org", ++n);

  us_signatory_set_country (s, country);
  us_signatory_set_status (s, status);
  us_signatory_set_consent (s, consent);
  us_signatory_set_email (s, email);
  us_signatory_set_note (s, "private note: call back");
  us_signatory_set_signed_at (s, 1590494400 + n * 60);
  us_campaign_add_signatory (campaign, s);
  return s;
}

static UsCampaign *
make_campaign (void)
{
  UsCampaign *campaign = us_campaign_new ("Stop cyberattacks on healthcare");
  UsLetter *letter = us_campaign_get_letter (campaign);
  g_autoptr(UsEdition) en = us_edition_new ("en");
  g_autoptr(UsEdition) fr = us_edition_new ("fr");
  g_autoptr(UsEdition) ar = us_edition_new ("ar");
  g_autoptr(UsIncident) brno = us_incident_new ("brno-2020", "Brno University Hospital attack");
  g_autoptr(UsIncident) fres = us_incident_new ("fresenius-2020", "Fresenius ransomware attack");
  g_autoptr(UsIncident) cuphd = us_incident_new ("cuphd-2020", "Champaign Urbana Public Health District");
  g_autoptr(UsReference) ref = us_reference_new ("https://example.org/news/brno?a=1&b=2");
  UsSignatory *s;

  us_campaign_set_organisation (campaign, "CyberPeace Institute");
  us_campaign_set_contact (campaign, "press@example.org");
  us_campaign_set_modified_at (campaign, 1590494400);

  us_edition_set_title (en, "Call to governments");
  us_edition_set_addressee (en, "To the governments of the world");
  us_edition_set_body (en,
    "Hospitals were attacked during the pandemic [@brno-2020].\n\n"
    "Ransomware hit Europe's largest private hospital operator [@fresenius-2020] [@cuphd-2020], "
    "and a citation of something unknown [@no-such-incident] is left out.\n\n"
    "We call on the world's governments to take immediate and decisive action.");
  us_edition_set_title (fr, "Appel aux gouvernements");
  us_edition_set_addressee (fr, "Aux gouvernements du monde");
  us_edition_set_body (fr, "Des hôpitaux ont été attaqués [@brno-2020].");
  /* No lam-alef ligature: pdftotext reverses the letters of those. */
  us_edition_set_title (ar, "نداء عاجل من أجل المستشفيات");
  us_edition_set_addressee (ar, "إلى حكومات العالم");
  us_edition_set_body (ar, "تعرضت المستشفيات لهجمات [@brno-2020].");
  us_letter_add_edition (letter, en);
  us_letter_add_edition (letter, fr);
  us_letter_add_edition (letter, ar);

  us_incident_set_attack_type (brno, US_ATTACK_RANSOMWARE);
  us_incident_set_date (brno, "2020-03-13");
  us_incident_set_date_end (brno, "2020-03-20");
  us_incident_set_victim (brno, "Brno University Hospital");
  us_incident_set_country (brno, "CZ");
  us_incident_set_summary (brno, "IT systems shut down; surgeries postponed.");
  us_reference_set_title (ref, "Czech hospital hit by cyberattack");
  us_reference_set_publisher (ref, "Example News");
  us_reference_set_published (ref, "2020-03-16");
  us_incident_add_reference (brno, ref);
  us_campaign_add_incident (campaign, brno);
  us_incident_set_country (fres, "DE");
  us_incident_set_date (fres, "2020-05-06");
  us_campaign_add_incident (campaign, fres);
  us_incident_set_country (cuphd, "US");
  us_campaign_add_incident (campaign, cuphd);

  s = add (campaign, "Peter Maurer", "CH", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  us_signatory_set_title (s, "President");
  us_signatory_set_organisation (s, "International Committee of the Red Cross");
  us_signatory_set_prominent (s, 2);
  s = add (campaign, "Madeleine Albright", "US", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  us_signatory_set_title (s, "Former Secretary of State");
  us_signatory_set_prominent (s, 1);
  s = add (campaign, "Prominent Pending", "US", US_STATUS_PENDING, US_CONSENT_NAMED);
  us_signatory_set_prominent (s, 3);

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      s = add (campaign, scripts[i].name, scripts[i].country, US_STATUS_VERIFIED, US_CONSENT_NAMED);
      us_signatory_set_title (s, i % 2 ? "Physician" : "Nurse");
      us_signatory_set_organisation (s, "City Hospital");
    }
  s = add (campaign, "Long Title Person", "FR", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  us_signatory_set_title (s, LONG_TITLE);
  us_signatory_set_organisation (s, "=HYPERLINK(\"https://example.org\")");

  add (campaign, "Pending Person", "DE", US_STATUS_PENDING, US_CONSENT_NAMED);
  add (campaign, "Withdrawn Person", "DE", US_STATUS_WITHDRAWN, US_CONSENT_NAMED);
  add (campaign, "Rejected Person", "DE", US_STATUS_REJECTED, US_CONSENT_NAMED);
  add (campaign, "Private Person", "DE", US_STATUS_VERIFIED, US_CONSENT_NONE);
  add (campaign, "Anonymous One", "DE", US_STATUS_VERIFIED, US_CONSENT_ANONYMOUS);
  add (campaign, "Anonymous Two", NULL, US_STATUS_VERIFIED, US_CONSENT_ANONYMOUS);
  add (campaign, "Anonymous Three", "FR", US_STATUS_VERIFIED, US_CONSENT_ANONYMOUS);
  add (campaign, "Anonymous Withdrawn", "FR", US_STATUS_WITHDRAWN, US_CONSENT_ANONYMOUS);
  return campaign;
}

/* --- reading the PDF back ----------------------------------------------- */

static gboolean
have_poppler (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  if (path == NULL)
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
run (const char *program,
     const char *arg1,
     const char *arg2,
     const char *arg3)
{
  const char *argv[] = { program, arg1, arg2, arg3, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", program, err);
  return out;
}

/* NFC, whitespace collapsed: pdftotext breaks lines where it likes. */
static char *
normalise (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  g_assert_nonnull (nfc);
  for (const char *p = nfc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* pdftotext wraps right-to-left runs in embedding controls. */
      if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
          c == 0x200E || c == 0x200F)
        continue;
      if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

static char *
pdf_text_of (const char *path,
             gboolean    raw_order)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", raw_order ? "-raw" : "-nopgbrk", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return normalise (out);
}

static void
assert_contains (const char *haystack,
                 const char *haystack2,
                 const char *needle)
{
  g_autofree char *want = normalise (needle);

  if (strstr (haystack, want) == NULL && (haystack2 == NULL || strstr (haystack2, want) == NULL))
    g_error ("the PDF's text lacks “%s”", needle);
}

/* A field of pdfinfo's output, without the padding. */
static char *
info_value (const char *info,
            const char *key)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  gsize len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, len) == 0 && lines[i][len] == ':')
      return g_strstrip (g_strdup (lines[i] + len + 1));
  return NULL;
}

static void
assert_info (const char *info,
             const char *key,
             const char *expected)
{
  g_autofree char *value = info_value (info, key);

  g_assert_cmpstr (value, ==, expected);
}

static guint
pdf_pages (const char *info)
{
  g_autofree char *value = info_value (info, "Pages");

  g_assert_nonnull (value);
  return (guint) g_ascii_strtoull (value, NULL, 10);
}

static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run ("pdffonts", path, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  /* name type encoding emb sub uni object ID: emb is the fifth from the
   * end, since the name and type may hold spaces but the rest do not.
   */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      guint len;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();

        for (guint k = 0; fields[k]; k++)
          if (*fields[k])
            g_ptr_array_add (words, fields[k]);
        len = words->len;
        g_assert_cmpuint (len, >=, 6);
        if (g_strcmp0 (g_ptr_array_index (words, len - 5), "yes") != 0)
          g_error ("font not embedded: %s", lines[i]);
      }
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

static void
assert_bytes_contain (GBytes     *bytes,
                      const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* The file holds binary streams: search past NUL bytes. */
  if (memmem (data, size, needle, strlen (needle)) == NULL)
    g_error ("the PDF has no “%s”", needle);
}

static void
record_progress (double   fraction,
                 gpointer data)
{
  GArray *seen = data;

  g_array_append_val (seen, fraction);
}

static char *
export (UsCampaign         *campaign,
        const UsPdfOptions *options,
        const char         *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  char *path = us_test_tmp_path (name);
  const char *keep = g_getenv ("US_TEST_PDF_KEEP");

  g_assert_true (us_pdf_export (campaign, options, path, record_progress, seen, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, >=, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (g_array_index (seen, double, i), >=, g_array_index (seen, double, i - 1));
  g_assert_cmpfloat (g_array_index (seen, double, seen->len - 1), ==, 1.0);
  if (keep != NULL)
    {
      g_autofree char *copy = g_build_filename (keep, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    }
  return path;
}

/* --- tests -------------------------------------------------------------- */

static void
test_press_pack (void)
{
  g_autoptr(UsCampaign) campaign = make_campaign ();
  UsPdfOptions options = { US_PAPER_A4, NULL, FALSE, NULL };
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *dests = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMappedFile) file = NULL;

  if (!have_poppler ())
    return;
  options.verification_text = "Check the file:\n\n    sha256sum campaign.xml";
  path = export (campaign, &options, "press-pack.pdf");

  info = run ("pdfinfo", path, NULL, NULL);
  g_assert_cmpuint (pdf_pages (info), >=, 4);
  assert_info (info, "Title", "Stop cyberattacks on healthcare");
  assert_info (info, "Author", "CyberPeace Institute");
  assert_info (info, "Subject", "Call to governments");
  assert_info (info, "Page size", "595.276 x 841.89 pts (A4)");
  assert_fonts_embedded (path);

  text = pdf_text_of (path, FALSE);
  raw = pdf_text_of (path, TRUE);
  assert_contains (text, raw, "Call to governments");
  assert_contains (text, raw, "To the governments of the world");
  assert_contains (text, raw, "We call on the world's governments to take immediate and decisive action.");
  assert_contains (text, raw, "is left out.");
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    assert_contains (text, raw, scripts[i].name);
  assert_contains (text, raw, "Madeleine Albright");
  assert_contains (text, raw, "Former Secretary of State");
  assert_contains (text, raw, "International Committee of the Red Cross");
  assert_contains (text, raw, "Critical Civilian Infrastructure against Ransomware");
  assert_contains (text, raw, "and 3 others");
  assert_contains (text, raw, "Brno University Hospital attack");
  assert_contains (text, raw, "Fresenius ransomware attack");
  assert_contains (text, raw, "Champaign Urbana Public Health District");
  assert_contains (text, raw, "https://example.org/news/brno?a=1&b=2");
  assert_contains (text, raw, "sha256sum campaign.xml");
  g_assert_null (strchr (text, '@'));
  g_assert_null (strchr (raw, '@'));
  g_assert_null (strstr (text, "private note"));
  for (guint i = 0; i < G_N_ELEMENTS (hidden_names); i++)
    if (strstr (text, hidden_names[i]) || strstr (raw, hidden_names[i]))
      g_error ("“%s” must not be listed", hidden_names[i]);
  /* Prominent signatories first, in their order. */
  g_assert_true (strstr (raw, "Madeleine Albright") < strstr (raw, "Peter Maurer"));
  g_assert_true (strstr (raw, "Peter Maurer") < strstr (raw, "Ольга Иванова"));

  /* Links: the citations point at named destinations that exist, the
   * references are URIs, and there is an outline.
   */
  file = g_mapped_file_new (path, FALSE, NULL);
  g_assert_nonnull (file);
  bytes = g_mapped_file_get_bytes (file);
  assert_bytes_contain (bytes, "/URI (https://example.org/news/brno?a=1&b=2)");
  assert_bytes_contain (bytes, "/Outlines");
  assert_bytes_contain (bytes, "/Title (Cover)");
  assert_bytes_contain (bytes, "/Title (Letter)");
  assert_bytes_contain (bytes, "/Title (Signatories)");
  assert_bytes_contain (bytes, "/Title (Incidents)");
  assert_bytes_contain (bytes, "/Title (1. Brno University Hospital attack)");
  assert_bytes_contain (bytes, "/Title (Verification)");
  assert_bytes_contain (bytes, "/Dest (inc-brno-2020)");
  assert_bytes_contain (bytes, "/Dest (inc-fresenius-2020)");
  dests = run ("pdfinfo", "-dests", path, NULL);
  g_assert_nonnull (strstr (dests, "\"inc-brno-2020\""));
  g_assert_nonnull (strstr (dests, "\"inc-fresenius-2020\""));
  g_assert_nonnull (strstr (dests, "\"inc-cuphd-2020\""));
}

static void
test_options (void)
{
  g_autoptr(UsCampaign) campaign = make_campaign ();
  UsPdfOptions options = { US_PAPER_LETTER, "fr", TRUE, NULL };
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;

  if (!have_poppler ())
    return;
  path = export (campaign, &options, "letter-fr.pdf");
  info = run ("pdfinfo", path, NULL, NULL);
  assert_info (info, "Page size", "612 x 792 pts (letter)");
  text = pdf_text_of (path, FALSE);
  raw = pdf_text_of (path, TRUE);
  assert_contains (text, raw, "Appel aux gouvernements");
  assert_contains (text, raw, "Des hôpitaux ont été attaqués");
  /* Country headings (iso-codes names when installed, else the codes). */
  if (g_file_test ("/usr/share/iso-codes/json/iso_3166-1.json", G_FILE_TEST_EXISTS))
    {
      assert_contains (text, raw, "Greece");
      assert_contains (text, raw, "Thailand");
    }
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    assert_contains (text, raw, scripts[i].name);
  g_assert_null (strchr (text, '@'));

  /* A right-to-left edition. */
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&raw, g_free);
  options.language = "ar";
  options.group_by_country = FALSE;
  path = export (campaign, &options, "letter-ar.pdf");
  text = pdf_text_of (path, FALSE);
  raw = pdf_text_of (path, TRUE);
  assert_contains (text, raw, "نداء عاجل من أجل المستشفيات");
}

static void
test_errors (void)
{
  g_autoptr(UsCampaign) campaign = make_campaign ();
  UsPdfOptions options = { US_PAPER_A4, "xx", FALSE, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = us_test_tmp_path ("error.pdf");
  g_autofree char *bad = us_test_tmp_path ("no-such-dir/out.pdf");

  g_assert_false (us_pdf_export (campaign, &options, path, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "en, fr, ar"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.language = NULL;
  g_cancellable_cancel (cancellable);
  g_assert_false (us_pdf_export (campaign, &options, path, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (us_pdf_export (campaign, &options, bad, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "out.pdf"));
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
} CancelLater;

static void
cancel_midway (double   fraction,
               gpointer data)
{
  CancelLater *later = data;

  if (++later->calls == 3)
    g_cancellable_cancel (later->cancellable);
}

static void
test_cancel_midway (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Many");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = us_test_tmp_path ("cancelled.pdf");
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  CancelLater later = { cancellable, 0 };

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u", i);
      UsSignatory *s = us_signatory_new (name);

      us_signatory_set_status (s, US_STATUS_VERIFIED);
      g_ptr_array_add (people, s);
    }
  us_campaign_add_signatories (campaign, (UsSignatory **) people->pdata, people->len);
  g_assert_false (us_pdf_export (campaign, NULL, path, cancel_midway, &later, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A name taller than a whole column runs on into the next one. */
static void
test_giant_name (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Giants");
  g_autoptr(GString) giant = g_string_new ("Firstword");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;

  if (!have_poppler ())
    return;
  for (guint i = 0; i < 900; i++)
    g_string_append_printf (giant, " part%u", i);
  g_string_append (giant, " Lastword");
  add (campaign, "Before Giant", "FR", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  add (campaign, giant->str, "FR", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  add (campaign, "After Giant", "FR", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  add (campaign, "UnbrokenNameWithoutAnySpaceAtAllThatIsFarWiderThanAnyColumnCouldEverBe"
                 "AndMustStillWrapInsideItsColumn", "FR", US_STATUS_VERIFIED, US_CONSENT_NAMED);
  path = export (campaign, NULL, "giant.pdf");
  text = pdf_text_of (path, FALSE);
  raw = pdf_text_of (path, TRUE);
  assert_contains (text, raw, "Before Giant");
  assert_contains (text, raw, "Firstword part0 part1");
  assert_contains (text, raw, "part899 Lastword");
  assert_contains (text, raw, "After Giant");
  g_assert_true (strstr (raw, "Firstword") < strstr (raw, "Lastword"));
  g_assert_true (strstr (raw, "Lastword") < strstr (raw, "After Giant"));
}

static void
test_empty_campaign (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Nothing yet");
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;

  if (!have_poppler ())
    return;
  path = export (campaign, NULL, "empty.pdf");
  info = run ("pdfinfo", path, NULL, NULL);
  g_assert_cmpuint (pdf_pages (info), >=, 2);
}

static void
test_sample (void)
{
  g_autofree char *sample = g_build_filename (us_test_source_root (), "data", "samples",
                                              "healthcare-2020.undersigned", NULL);
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw = NULL;
  UsPdfOptions options = { US_PAPER_A4, NULL, FALSE, NULL };

  if (!g_file_test (sample, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("data/samples/healthcare-2020.undersigned is not there yet");
      return;
    }
  if (!have_poppler ())
    return;
  campaign = us_campaign_load_path (sample, NULL, &error);
  g_assert_no_error (error);
  path = export (campaign, &options, "healthcare-2020.pdf");
  assert_fonts_embedded (path);
  text = pdf_text_of (path, FALSE);
  raw = pdf_text_of (path, TRUE);
  assert_contains (text, raw, us_campaign_get_title (campaign));
  g_assert_null (strchr (text, '@'));
  for (guint i = 0; i < g_list_model_get_n_items (us_campaign_get_incidents (campaign)); i++)
    {
      g_autoptr(UsIncident) incident = g_list_model_get_item (us_campaign_get_incidents (campaign), i);

      assert_contains (text, raw, us_incident_get_title (incident));
    }
}

/* cairo 1.16 loses 768 bytes in its CFF subsetter each time a document
 * embeds a CFF font (Noto Sans CJK) — fixed in later cairo, nothing we
 * can free.  LeakSanitizer reads this; valgrind needs tests/cairo.supp.
 */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:cairo_surface_finish\n";
}

/* libcairo has no frame pointers: without the slow unwinder the stack
 * stops inside it and the rule above never matches.
 */
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* Fonts are cached for the life of the process by Pango, cairo and
 * fontconfig; valgrind and LeakSanitizer would report those caches.  Let
 * each library drop them.  fontconfig is not linked directly, only loaded
 * under Pango, hence dlsym.
 */
static void
release_font_caches (void)
{
  void (*fc_fini) (void);

  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  fc_fini = (void (*) (void)) dlsym (RTLD_DEFAULT, "FcFini");
  if (fc_fini != NULL)
    fc_fini ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf/press-pack", test_press_pack);
  g_test_add_func ("/pdf/options", test_options);
  g_test_add_func ("/pdf/errors", test_errors);
  g_test_add_func ("/pdf/cancel-midway", test_cancel_midway);
  g_test_add_func ("/pdf/giant-name", test_giant_name);
  g_test_add_func ("/pdf/empty-campaign", test_empty_campaign);
  g_test_add_func ("/pdf/sample", test_sample);
  status = g_test_run ();
  release_font_caches ();
  return status;
}
