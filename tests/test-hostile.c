/* test-hostile.c: broken and hostile campaign files
 *
 * Each case must fail with a message naming the file, line, column and
 * cause; never crash, hang, read another file or the network, or hand
 * back a partial campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-test-campaign.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define NS "https://undersigned.github.io/ns/campaign/1"
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define OPEN "<campaign xmlns=\"" NS "\" version=\"1.0\">\n"
#define EMPTY_LISTS "<letter/><incidents/><signatories/><sources/>\n"

typedef struct
{
  const char *name;
  const char *xml;
  int         code;
  const char *expect;     /* in the message */
  int         line;       /* 0: any */
} Case;

static void
check_case (const Case *c)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (c->xml, strlen (c->xml));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s.undersigned:", c->name);
  g_autofree char *display = g_strdup_printf ("%s.undersigned", c->name);
  gint64 start = g_get_monotonic_time ();

  campaign = us_campaign_load_bytes (bytes, display, &problems, &error);
  g_test_message ("%s -> %s", c->name, error ? error->message : "(loaded)");
  g_assert_null (campaign);
  /* -1: refused, either by libxml2's own entity checks or by ours */
  if (c->code == -1)
    g_assert_true (g_error_matches (error, US_FORMAT_ERROR, US_FORMAT_ERROR_FORBIDDEN) ||
                   g_error_matches (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED));
  else
    g_assert_error (error, US_FORMAT_ERROR, c->code);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  if (c->expect)
    g_assert_nonnull (strstr (error->message, c->expect));
  if (c->line)
    {
      g_autofree char *where = g_strdup_printf (":%d:", c->line);
      g_assert_nonnull (strstr (error->message, where));
    }
  /* Nothing here may take long: a hang is a failure. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static const Case cases[] = {
  { "malformed", HEAD OPEN "<title>Unclosed</titl>\n</campaign>\n",
    US_FORMAT_ERROR_MALFORMED, "mismatch", 3 },
  { "wrong-root", HEAD "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n",
    US_FORMAT_ERROR_NOT_CAMPAIGN, "not an Undersigned campaign", 2 },
  { "wrong-namespace", HEAD "<campaign xmlns=\"urn:other\" version=\"1.0\"/>\n",
    US_FORMAT_ERROR_NOT_CAMPAIGN, "expected <campaign>", 2 },
  { "no-namespace", HEAD "<campaign version=\"1.0\"/>\n",
    US_FORMAT_ERROR_NOT_CAMPAIGN, NULL, 2 },
  { "newer-version", HEAD "<campaign xmlns=\"" NS "\" version=\"2.0\">" EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_NEWER, "update Undersigned", 2 },
  { "bad-version", HEAD "<campaign xmlns=\"" NS "\" version=\"one\"/>\n",
    US_FORMAT_ERROR_INVALID, "format version", 2 },
  { "bad-date", HEAD OPEN "<letter/><incidents>\n<incident id=\"a\" date=\"2020-02-30\"/>\n</incidents><signatories/><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "2020-02-30", 4 },
  { "bad-time", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\" signed=\"yesterday\"/>\n</signatories><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "yesterday", 4 },
  { "bad-country", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\" country=\"UK\"/>\n</signatories><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "\"UK\"", 4 },
  { "bad-status", HEAD OPEN "<letter/><incidents/><signatories>\n\n<signatory id=\"1\" name=\"A\" status=\"maybe\"/>\n</signatories><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "maybe", 5 },
  { "duplicate-id", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n<signatory id=\"1\" name=\"B\"/>\n</signatories><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "unique", 5 },
  { "missing-name", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"7\"/>\n</signatories><sources/></campaign>\n",
    US_FORMAT_ERROR_INVALID, "no name", 4 },
  { "invalid-utf8", HEAD OPEN "<title>Bad \xff\xfe bytes</title>\n</campaign>\n",
    US_FORMAT_ERROR_MALFORMED, "UTF-8", 3 },
  { "external-entity-file", HEAD "<!DOCTYPE campaign [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
    OPEN "<title>&xxe;</title>" EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_FORBIDDEN, "DOCTYPE", 0 },
  { "external-entity-url", HEAD "<!DOCTYPE campaign [<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>\n"
    OPEN "<title>&xxe;</title>" EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_FORBIDDEN, "DOCTYPE", 0 },
  { "billion-laughs", HEAD "<!DOCTYPE campaign [\n"
    "<!ENTITY a \"lollollollollollollollollollol\">\n"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
    "<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
    "]>\n" OPEN "<title>&i;</title>" EMPTY_LISTS "</campaign>\n",
    -1, NULL, 0 },
  { "external-dtd", HEAD "<!DOCTYPE campaign SYSTEM \"http://127.0.0.1:9/campaign.dtd\">\n"
    OPEN EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_FORBIDDEN, "DOCTYPE", 0 },
  { "undeclared-entity", HEAD OPEN "<title>&nope;</title>" EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_MALFORMED, "nope", 3 },
  { "truncated", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n<signatory id=\"2\" na",
    US_FORMAT_ERROR_MALFORMED, NULL, 0 },
  { "truncated-after-root", HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n",
    US_FORMAT_ERROR_MALFORMED, NULL, 0 },
  { "whitespace-only", "   \n\n  ",
    US_FORMAT_ERROR_MALFORMED, NULL, 0 },
  { "text-not-xml", "name,title,organisation\nZoë,Dr,ICRC\n",
    US_FORMAT_ERROR_MALFORMED, NULL, 1 },
  { "element-in-text", HEAD OPEN "<title>A <b>bold</b> title</title>" EMPTY_LISTS "</campaign>\n",
    US_FORMAT_ERROR_INVALID, "only text", 3 },
};

static void
test_case (gconstpointer data)
{
  check_case (data);
}

static void
test_no_local_file_is_read (void)
{
  g_autofree char *secret = us_test_tmp_path ("secret.txt");
  g_autofree char *xml = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  UsCampaign *campaign;

  g_assert_true (g_file_set_contents (secret, "TOP-SECRET-CONTENT", -1, NULL));
  xml = g_strdup_printf (HEAD "<!DOCTYPE campaign [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
                         OPEN "<title>&xxe;</title>" EMPTY_LISTS "</campaign>\n", secret);
  bytes = g_bytes_new (xml, strlen (xml));
  campaign = us_campaign_load_bytes (bytes, "xxe.undersigned", &problems, &error);
  g_assert_null (campaign);
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "TOP-SECRET"));
  for (guint i = 0; i < problems->len; i++)
    {
      UsProblem *p = g_ptr_array_index (problems, i);
      g_assert_null (strstr (p->message, "TOP-SECRET"));
    }
}

static void
test_deep_nesting (void)
{
  GString *xml = g_string_new (HEAD OPEN "<letter/><incidents/><signatories/><sources/>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UsCampaign *campaign;

  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "<x>");
  for (guint i = 0; i < 10000; i++)
    g_string_append (xml, "</x>");
  g_string_append (xml, "</campaign>\n");
  bytes = g_string_free_to_bytes (xml);
  campaign = us_campaign_load_bytes (bytes, "deep.undersigned", NULL, &error);
  g_assert_null (campaign);
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "deep.undersigned:3:"));
}

static void
test_unknown_elements_are_warnings (void)
{
  const char *xml = HEAD OPEN "<title>T</title>\n<future-field>kept?</future-field>\n"
                    "<letter/><incidents/><signatories>\n"
                    "<signatory id=\"1\" name=\"A\"><hobby>chess</hobby></signatory>\n"
                    "</signatories><sources/></campaign>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  UsProblem *p;

  campaign = us_campaign_load_bytes (bytes, "future.undersigned", &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (campaign);
  g_assert_cmpstr (us_campaign_get_title (campaign), ==, "T");
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (campaign)), ==, 1);
  g_assert_cmpuint (problems->len, ==, 2);
  p = g_ptr_array_index (problems, 0);
  g_assert_true (p->warning);
  g_assert_cmpint (p->line, ==, 4);
  g_assert_nonnull (strstr (p->message, "future-field"));
}

static void
test_newer_minor_version_loads (void)
{
  const char *xml = HEAD "<campaign xmlns=\"" NS "\" version=\"1.7\"><title>T</title>" EMPTY_LISTS "</campaign>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = us_campaign_load_bytes (bytes, "minor.undersigned", &problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (((UsProblem *) g_ptr_array_index (problems, 0))->warning);
}

static void
test_many_errors_all_reported (void)
{
  const char *xml = HEAD OPEN "<letter/><incidents/><signatories>\n"
                    "<signatory id=\"1\" name=\"A\" country=\"XX\"/>\n"
                    "<signatory id=\"2\" name=\"B\" country=\"YY\"/>\n"
                    "<signatory id=\"3\" name=\"C\" status=\"bogus\"/>\n"
                    "</signatories><sources/></campaign>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  UsCampaign *campaign = us_campaign_load_bytes (bytes, "many.undersigned", &problems, &error);

  g_assert_null (campaign);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpint (((UsProblem *) g_ptr_array_index (problems, 2))->line, ==, 6);
}

static void
test_paths (void)
{
  g_autofree char *missing = us_test_tmp_path ("missing.undersigned");
  g_autofree char *empty = us_test_tmp_path ("empty.undersigned");
  g_autofree char *dir = us_test_tmp_path ("a-folder.undersigned");
  g_autoptr(GError) error = NULL;
  UsCampaign *campaign;

  campaign = us_campaign_load_path (missing, NULL, &error);
  g_assert_null (campaign);
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_assert_nonnull (strstr (error->message, "No such file"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  campaign = us_campaign_load_path (empty, NULL, &error);
  g_assert_null (campaign);
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "0 bytes"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  campaign = us_campaign_load_path (dir, NULL, &error);
  g_assert_null (campaign);
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
  g_clear_error (&error);
  g_rmdir (dir);

  /* Permission bits do not stop root, so only check them as a user. */
  if (geteuid () != 0)
    {
      g_assert_true (g_file_set_contents (empty, "<x/>", -1, NULL));
      g_chmod (empty, 0);
      campaign = us_campaign_load_path (empty, NULL, &error);
      g_assert_null (campaign);
      g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "Permission denied"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/hostile/no-local-file-is-read", test_no_local_file_is_read);
  g_test_add_func ("/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/unknown-elements-are-warnings", test_unknown_elements_are_warnings);
  g_test_add_func ("/hostile/newer-minor-version-loads", test_newer_minor_version_loads);
  g_test_add_func ("/hostile/many-errors-all-reported", test_many_errors_all_reported);
  g_test_add_func ("/hostile/paths", test_paths);
  return g_test_run ();
}
