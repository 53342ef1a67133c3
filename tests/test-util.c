/* test-util.c: keys, dates, countries, addresses, citations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-citation.h"
#include "us-edition.h"
#include "us-util.h"

static void
assert_same_key (const char *a,
                 const char *b)
{
  g_autofree char *ka = us_normalize_key (a);
  g_autofree char *kb = us_normalize_key (b);

  g_assert_nonnull (ka);
  g_assert_cmpstr (ka, ==, kb);
}

static void
test_normalize_key (void)
{
  g_autofree char *trimmed = us_normalize_key ("  Anna \t  Maria\n ");

  /* precomposed, upper case, decomposed */
  assert_same_key ("Zoë", "ZOË");
  assert_same_key ("Zoë", "Zoe\xcc\x88");
  assert_same_key ("\xef\xbc\xa1nna", "Anna");   /* full-width A */
  assert_same_key ("Straße", "STRASSE");
  assert_same_key ("Иван Петров", "ИВАН ПЕТРОВ");
  g_assert_cmpstr (trimmed, ==, "anna maria");
  g_assert_null (us_normalize_key ("bad \xff utf8"));
}

static void
test_timestamps (void)
{
  gint64 t = 0;
  char buf[32];
  g_autofree char *s = NULL;

  g_assert_true (us_parse_timestamp ("2020-05-26T12:00:15Z", &t));
  g_assert_cmpint (t, ==, 1590494415);
  g_assert_cmpstr (us_format_timestamp_buf (t, buf), ==, "2020-05-26T12:00:15Z");
  g_assert_true (us_parse_timestamp ("2020-05-26T14:00:15+02:00", &t));
  g_assert_cmpint (t, ==, 1590494415);
  g_assert_true (us_parse_timestamp ("2020-05-26", &t));
  g_assert_cmpint (t, ==, 1590451200);
  g_assert_true (us_parse_timestamp ("1969-12-31T23:59:59Z", &t));
  g_assert_cmpint (t, ==, -1);
  s = us_format_timestamp (-1);
  g_assert_cmpstr (s, ==, "1969-12-31T23:59:59Z");
  g_assert_true (us_parse_timestamp ("2024-02-29T00:00:00Z", &t));

  g_assert_false (us_parse_timestamp ("2021-02-29T00:00:00Z", &t));
  g_assert_false (us_parse_timestamp ("2020-13-01", &t));
  g_assert_false (us_parse_timestamp ("2020-05-26T25:00:00Z", &t));
  g_assert_false (us_parse_timestamp ("yesterday", &t));
  g_assert_false (us_parse_timestamp ("2020-05-26T12:00:00Zjunk", &t));
  g_assert_false (us_parse_timestamp ("", &t));
}

static void
test_dates (void)
{
  g_assert_true (us_date_is_valid ("2020-03-13"));
  g_assert_true (us_date_is_valid ("2000-02-29"));
  g_assert_false (us_date_is_valid ("1900-02-29"));
  g_assert_false (us_date_is_valid ("2020-3-13"));
  g_assert_false (us_date_is_valid ("2020-03-13T00:00:00Z"));
  g_assert_false (us_date_is_valid (NULL));
}

static void
test_countries (void)
{
  g_assert_true (us_country_is_valid ("FR"));
  g_assert_true (us_country_is_valid ("CH"));
  g_assert_true (us_country_is_valid ("ZW"));
  g_assert_true (us_country_is_valid ("AD"));
  g_assert_true (us_country_is_valid ("XK"));
  g_assert_false (us_country_is_valid ("fr"));
  g_assert_false (us_country_is_valid ("UK"));   /* GB is the code */
  g_assert_false (us_country_is_valid ("ZZ"));
  g_assert_false (us_country_is_valid ("FRA"));
  g_assert_false (us_country_is_valid (""));
}

static void
test_emails (void)
{
  g_assert_true (us_email_is_valid ("signer0@example434.org"));
  g_assert_true (us_email_is_valid ("first.last+tag@mail.example.co.uk"));
  g_assert_false (us_email_is_valid ("no-at.example.org"));
  g_assert_false (us_email_is_valid ("two@@example.org"));
  g_assert_false (us_email_is_valid ("a@b"));
  g_assert_false (us_email_is_valid ("a b@example.org"));
  g_assert_false (us_email_is_valid ("@example.org"));
  g_assert_false (us_email_is_valid ("a@example..org"));
  g_assert_false (us_email_is_valid ("a@.example.org"));
  g_assert_false (us_email_is_valid ("a@-example.org"));
  g_assert_false (us_email_is_valid ("a@example.org."));
  g_assert_false (us_email_is_valid ("a@"));
  g_assert_false (us_email_is_valid ("a,b@example.org"));
  g_assert_false (us_email_is_valid ("<a@example.org>"));
  g_assert_false (us_email_is_valid ("a@example.org\t"));
  g_assert_false (us_email_is_valid ("zo\xeb@example.org"));
  g_assert_true (us_email_is_valid ("zoë@exemple.fr"));
  g_assert_true (us_email_is_valid ("a.b.@c.d"));
  g_assert_false (us_email_is_valid (""));
  g_assert_false (us_email_is_valid (NULL));
}

/* The rule as first written, a check at a time: the one-pass check
 * must say the same of anything.
 */
static gboolean
email_rule (const char *address)
{
  const char *at;
  const char *domain;
  gboolean dot = FALSE;

  if (!g_utf8_validate (address, -1, NULL))
    return FALSE;
  at = strchr (address, '@');
  if (at == NULL || at == address || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = address; *p; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == '<' || *p == '>')
      return FALSE;
  domain = at + 1;
  if (*domain == '\0' || *domain == '.' || *domain == '-')
    return FALSE;
  for (const char *p = domain; *p; p++)
    if (*p == '.')
      {
        if (p[1] == '.' || p[1] == '\0')
          return FALSE;
        dot = TRUE;
      }
  return dot;
}

static void
test_emails_random (void)
{
  static const char *const pieces[] = {
    "a", "b", "@", ".", "-", " ", ",", "<", ">", "\t", "\v", "é", "\xff", "\xc3", "+", "ex", ".org",
  };
  GRand *rand = g_rand_new_with_seed (20201104);
  guint n_valid = 0;

  for (guint round = 0; round < 200000; round++)
    {
      g_autoptr(GString) address = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 9);

      for (guint i = 0; i < n; i++)
        g_string_append (address, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      /* Half of them shaped like addresses, to reach the domain's rules. */
      if (g_rand_boolean (rand))
        {
          g_string_insert (address, g_rand_int_range (rand, 0, address->len + 1), "x@y");
          g_string_append (address, ".org");
        }
      if (us_email_is_valid (address->str) != email_rule (address->str))
        g_error ("\"%s\": us_email_is_valid() says %d", address->str, us_email_is_valid (address->str));
      n_valid += email_rule (address->str);
    }
  g_assert_cmpuint (n_valid, >, 1000);
  g_rand_free (rand);
}

static void
test_language_tags (void)
{
  g_assert_true (us_language_tag_is_valid ("en"));
  g_assert_true (us_language_tag_is_valid ("fr-CH"));
  g_assert_true (us_language_tag_is_valid ("zh-Hant-TW"));
  g_assert_false (us_language_tag_is_valid ("e"));
  g_assert_false (us_language_tag_is_valid ("en_US"));
  g_assert_false (us_language_tag_is_valid ("en--US"));
  g_assert_false (us_language_tag_is_valid (""));
}

static void
test_citations (void)
{
  const char *text = "Attacks [@brno-2020] and [@fresenius-2020], again [@brno-2020]; "
                     "not [@] nor [@bad id] nor [brno].";
  g_autoptr(GPtrArray) found = us_citations_find (text);
  g_auto(GStrv) ids = us_citations_ids (text);
  UsCitation *first;

  g_assert_cmpuint (found->len, ==, 3);
  first = g_ptr_array_index (found, 0);
  g_assert_cmpstr (first->id, ==, "brno-2020");
  g_assert_cmpuint (first->start, ==, 8);
  g_assert_cmpuint (first->end, ==, 20);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "brno-2020");
  g_assert_cmpstr (ids[1], ==, "fresenius-2020");
}

static void
test_paragraphs (void)
{
  g_autoptr(UsEdition) edition = us_edition_new ("en");
  g_auto(GStrv) paras = NULL;

  us_edition_set_body (edition, "\n\nFirst line\nsame paragraph.\n\n\n  Second.  \n\n");
  paras = us_edition_dup_paragraphs (edition);
  g_assert_cmpuint (g_strv_length (paras), ==, 2);
  g_assert_cmpstr (paras[0], ==, "First line\nsame paragraph.");
  g_assert_cmpstr (paras[1], ==, "Second.");
}

/* Days are shown with the month's name, never as 05/25/20. */
static void
test_format_day (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2020, 5, 25, 16, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2020, 3, 1, 0, 0, 0);
  g_autofree char *day = us_format_day (when);
  g_autofree char *single = us_format_day (first);

  g_assert_cmpstr (day, ==, "25 May 2020");
  g_assert_cmpstr (single, ==, "1 March 2020");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/util/normalize-key", test_normalize_key);
  g_test_add_func ("/util/timestamps", test_timestamps);
  g_test_add_func ("/util/dates", test_dates);
  g_test_add_func ("/util/format-day", test_format_day);
  g_test_add_func ("/util/countries", test_countries);
  g_test_add_func ("/util/emails", test_emails);
  g_test_add_func ("/util/emails/random", test_emails_random);
  g_test_add_func ("/util/language-tags", test_language_tags);
  g_test_add_func ("/util/citations", test_citations);
  g_test_add_func ("/util/paragraphs", test_paragraphs);
  return g_test_run ();
}
