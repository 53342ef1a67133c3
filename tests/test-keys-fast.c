/* test-keys-fast.c: the key scan's fast path for the writer's
 * <signatories> (us-reader-keys-fast.c) against libxml2 alone
 *
 * For every file, written by the writer, then bent in every way a hand,
 * another tool or a disk could bend it, the scan with the fast path and
 * the scan without it give the same keys, or the same error message to
 * the line and column; and where the full load accepts the file, its
 * signatories have those keys too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-import.h"
#include "us-reader-keys-private.h"
#include "us-test-campaign.h"

#include <glib/gstdio.h>
#include <string.h>

static char *path;       /* every case is written here */
static int   n_written;  /* signatories in written()'s last file */

static void
assert_same_entry (const UsImportExisting *a,
                   const UsImportExisting *b,
                   guint                   i)
{
  if (g_strcmp0 (a->email, b->email) != 0 || g_strcmp0 (a->name, b->name) != 0 ||
      g_strcmp0 (a->country, b->country) != 0 || a->withdrawn != b->withdrawn)
    g_error ("entry %u differs: <%s> \"%s\" %s%s against <%s> \"%s\" %s%s", i,
             a->email, a->name, a->country, a->withdrawn ? " withdrawn" : "",
             b->email, b->name, b->country, b->withdrawn ? " withdrawn" : "");
  g_assert_cmpuint (a->email_len, ==, b->email_len);
  g_assert_cmpuint (a->email_hash, ==, b->email_hash);
}

static void
assert_same_keys (UsImportKeys *a,
                  UsImportKeys *b)
{
  g_assert_cmpuint (a->existing->len, ==, b->existing->len);
  for (guint i = 0; i < a->existing->len; i++)
    assert_same_entry (&g_array_index (a->existing, UsImportExisting, i),
                       &g_array_index (b->existing, UsImportExisting, i), i);
}

/* Scans text both ways; returns how many signatories the fast path
 * read, or -1 when both refused it.
 */
static int
check_full (const char *what,
            const char *text,
            gsize       len,
            gboolean    load)
{
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(UsImportKeys) fast = NULL;
  g_autoptr(UsImportKeys) slow = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  guint n_fast = 0;

  /* In place and without fsync: many cases, and nothing to keep. */
  g_unlink (path);
  g_assert_true (g_file_set_contents_full (path, text, len, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  fast = _us_import_keys_scan_path_with (path, TRUE, &n_fast, &fast_error);
  slow = _us_import_keys_scan_path_with (path, FALSE, NULL, &slow_error);
  if ((fast_error == NULL) != (slow_error == NULL) ||
      (fast_error != NULL && strcmp (fast_error->message, slow_error->message) != 0))
    g_error ("%s: fast: %s; slow: %s", what, fast_error ? fast_error->message : "ok",
             slow_error ? slow_error->message : "ok");
  if (slow_error != NULL)
    {
      g_test_message ("%s: %s", what, slow_error->message);
      g_assert_true (fast_error->domain == slow_error->domain);
      g_assert_cmpint (fast_error->code, ==, slow_error->code);
      g_assert_null (fast);
      g_assert_null (slow);
      return -1;
    }
  assert_same_keys (fast, slow);

  /* What the full load accepts has the keys the scan read. */
  if (!load)
    return (int) n_fast;
  loaded = us_campaign_load_path (path, NULL, &load_error);
  if (loaded != NULL)
    {
      g_autoptr(UsImportKeys) snapshot = us_import_keys_new_for_campaign (loaded);

      assert_same_keys (fast, snapshot);
    }
  return (int) n_fast;
}

static int
check_len (const char *what,
           const char *text,
           gsize       len)
{
  return check_full (what, text, len, TRUE);
}

static int
check (const char *what,
       GString    *text)
{
  return check_len (what, text->str, text->len);
}

/* The many cases of one-byte edits: only fast against slow. */
static int
check_scans (const char *what,
             GString    *text)
{
  return check_full (what, text->str, text->len, FALSE);
}

/* The writer's file */

static UsSignatory *
add (UsCampaign *campaign,
     const char *name,
     const char *email,
     const char *country)
{
  UsSignatory *s = us_test_add_person (campaign, name, email, country);

  us_signatory_set_signed_at (s, 1590494400);
  return s;
}

/* Every field, and the values that need escaping. */
static UsCampaign *
tricky_campaign (guint n_plain)
{
  UsCampaign *campaign = us_test_campaign_new ();
  UsSignatory *s;

  s = add (campaign, "Ada & Bob <x> \"q\" 'a' >", "Ada&Bob@Example.org", "GB");
  us_signatory_set_title (s, "Director, \"Hospitals Without Borders\"");
  us_signatory_set_note (s, "a & b < c ]]> d\nline two\ttab\r\nthree &amp; \"q\"");
  s = add (campaign, "Zoë 王 \xF0\x9F\x98\x80 Ελένη", "ZOË@Example.ORG", "FR");
  us_signatory_set_organisation (s, "Médecins Sans Frontières");
  us_signatory_set_status (s, US_STATUS_WITHDRAWN);
  s = add (campaign, NULL, "anon@example.org", "CH");
  us_signatory_set_consent (s, US_CONSENT_ANONYMOUS);
  s = add (campaign, "line\nbreak\ttab\rreturn", NULL, NULL);
  us_signatory_set_note (s, "");
  s = add (campaign, "Plain", "plain@example.org", "DE");
  us_signatory_set_note (s, "one line");
  for (guint i = 0; i < n_plain; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %u Ünal", i);
      g_autofree char *email = g_strdup_printf ("p%u@example.org", i);

      s = add (campaign, name, email, i % 2 ? "FR" : "KR");
      if (i % 7 == 0)
        us_signatory_set_status (s, US_STATUS_WITHDRAWN);
      if (i % 5 == 0)
        us_signatory_set_note (s, "Called back.\nSigned on paper & by e-mail.");
    }
  return campaign;
}

static GString *
written (guint n_plain)
{
  g_autoptr(UsCampaign) campaign = tricky_campaign (n_plain);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, &error);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  n_written = (int) g_list_model_get_n_items (us_campaign_get_signatories (campaign));
  data = g_bytes_get_data (bytes, &len);
  return g_string_new_len (data, len);
}

/* Edits */

static gsize
find (GString    *s,
      gsize       from,
      const char *needle)
{
  const char *p = strstr (s->str + from, needle);

  g_assert_nonnull (p);
  return p - s->str;
}

/* Replaces the first old at or after the start of row k (the k-th
 * <signatory>, from 0).
 */
static GString *
in_row (GString    *text,
        guint       k,
        const char *old,
        const char *with)
{
  GString *s = g_string_new_len (text->str, text->len);
  gsize at = find (s, 0, "<signatories>");

  for (guint i = 0; i <= k; i++)
    at = find (s, at + 1, "<signatory ");
  at = find (s, at, old);
  g_string_erase (s, at, strlen (old));
  g_string_insert (s, at, with);
  return s;
}

static GString *
replace_all (GString    *text,
             const char *old,
             const char *with)
{
  GString *s = g_string_new_len (text->str, text->len);

  g_string_replace (s, old, with, 0);
  return s;
}

static GString *
insert_after (GString    *text,
              const char *where,
              const char *what)
{
  GString *s = g_string_new_len (text->str, text->len);
  gsize at = find (s, 0, where) + strlen (where);

  g_string_insert (s, at, what);
  return s;
}

/* An encoding declared where the head check does not look, and a name
 * that is UTF-8 too: "é" read as UTF-8, "Ã©" as Latin-1.
 */
static GString *
latin1_late (GString *text)
{
  g_autofree char *spaces = g_strnfill (300, ' ');
  g_autofree char *declaration = g_strconcat (spaces, "encoding=\"ISO-8859-1\"", NULL);
  g_autoptr(GString) latin1 = replace_all (text, "encoding=\"UTF-8\"", declaration);

  return replace_all (latin1, "Ünal", "\xc3\xa9");
}

/* The writer's form: every signatory read fast, the same keys as
 * libxml2's and the full load's.
 */
static void
test_written (void)
{
  g_autoptr(GString) text = written (1000);

  g_assert_cmpint (n_written, >, 1000);
  g_assert_cmpint (check ("as written", text), ==, n_written);
}

/* Many small edits at row k (row 0 has every escape). */
static void
test_edited (void)
{
  g_autoptr(GString) text = written (20);
  static const struct { const char *what; guint row; const char *old; const char *with; } edits[] = {
    { "bad country", 6, "country=\"", "country=\"X" },
    { "bad status", 7, "status=\"", "status=\"x" },
    { "bad consent", 7, "consent=\"", "consent=\"x" },
    { "bad source", 7, "source=\"", "source=\"x" },
    { "bad time", 8, "signed=\"", "signed=\"x" },
    { "bad id", 9, "id=\"", "id=\"-" },
    { "id 0", 9, "id=\"", "id=\"0" },
    { "big id", 9, "id=\"", "id=\"42949672" },
    { "too big id", 9, "id=\"", "id=\"4294967295" },
    { "zero-led id", 9, "id=\"", "id=\"00" },
    { "no id", 9, "id=\"", "di=\"" },
    { "duplicate id", 10, "id=\"11\"", "id=\"10\"" },
    { "duplicate attribute", 10, "id=\"11\"", "id=\"11\" id=\"11\"" },
    { "no name", 10, "name=\"", "x=\"" },
    { "empty name", 10, "name=\"", "name=\"\" x=\"" },
    { "bad version", 10, "signed=", "version=\"x\" signed=" },
    { "bad prominent", 10, "signed=", "prominent=\"0\" signed=" },
    { "bad lang", 10, "signed=", "lang=\"??\" signed=" },
    { "single quotes", 11, "name=\"Person 6 Ünal\"", "name='Person 6 Ünal'" },
    { "unknown attribute", 11, "<signatory ", "<signatory foo=\"1\" " },
    { "upper-case attribute", 11, "<signatory ", "<signatory ID=\"1\" " },
    { "xmlns", 11, "<signatory ", "<signatory xmlns=\"urn:other\" " },
    { "prefixed name", 11, "<signatory ", "<signatory xmlns:x=\"urn:x\" x:name=\"Q\" " },
    { "xml:lang", 11, "<signatory ", "<signatory xml:lang=\"fr\" " },
    { "no space", 11, "\" name", "\"name" },
    { "spaces around =", 11, "name=\"", "name = \"" },
    { "newline in tag", 11, "\" name", "\"\n      name" },
    { "tab in tag", 11, "\" name", "\"\tname" },
    { "CR in tag", 11, "\" name", "\"\r\nname" },
    { "tab in value", 11, "Person 6", "Person\t6" },
    { "newline in value", 11, "Person 6", "Person\n6" },
    { "CR in value", 11, "Person 6", "Person\r6" },
    { "control in value", 11, "Person 6", "Person\x01" "6" },
    { "invalid UTF-8", 11, "Person 6", "Person \xff" },
    { "cut UTF-8", 11, "Ünal", "\xc3nal" },
    { "overlong UTF-8", 11, "Person 6", "Person \xc0\xa0" },
    { "surrogate", 11, "Person 6", "Person \xed\xa0\x80" },
    { "U+FFFE", 11, "Person 6", "Person \xef\xbf\xbe" },
    { "U+FFFF", 11, "Person 6", "Person \xef\xbf\xbf" },
    { "U+FFFD", 11, "Person 6", "Person \xef\xbf\xbd" },
    { "U+10FFFF", 11, "Person 6", "Person \xf4\x8f\xbf\xbf" },
    { "past U+10FFFF", 11, "Person 6", "Person \xf4\x90\x80\x80" },
    { "C1 control", 11, "Person 6", "Person \xc2\x85" },
    { "char ref", 11, "Person 6", "&#80;erson&#x20;&#x1F600;6" },
    { "char ref &", 11, "Person 6", "Person &#38; &#x26; 6" },
    { "char ref <", 11, "Person 6", "Person &#60;6" },
    { "char ref 0", 11, "Person 6", "Person &#0;6" },
    { "char ref surrogate", 11, "Person 6", "Person &#xD800;6" },
    { "char ref too big", 11, "Person 6", "Person &#1114112;6" },
    { "char ref long", 11, "Person 6", "Person &#0000000000065;6" },
    { "char ref X", 11, "Person 6", "Person &#X41;6" },
    { "char ref empty", 11, "Person 6", "Person &#;6" },
    { "char ref CR", 11, "Person 6", "Person &#13;6" },
    { "named refs", 11, "Person 6", "&lt;&gt;&quot;&apos;&amp;amp;" },
    { "escaped char ref", 11, "Person 6", "Person &amp;#38; &#38;#38; 6" },
    { "undeclared entity", 11, "Person 6", "Person &nope;" },
    { "bare &", 11, "Person 6", "Person & 6" },
    { "< in value", 11, "Person 6", "Person < 6" },
    { "> in value", 11, "Person 6", "Person > 6" },
    { "note", 12, "/>", "><note>x &amp; y &#10; ]] ]>\n\tz</note></signatory>" },
    { "note with ]]>", 12, "/>", "><note>x ]]> y</note></signatory>" },
    { "note with CR", 12, "/>", "><note>x\r\ny</note></signatory>" },
    { "note with control", 12, "/>", "><note>x\x02y</note></signatory>" },
    { "note with bad ref", 12, "/>", "><note>x &#0; y</note></signatory>" },
    { "note with entity", 12, "/>", "><note>x &e; y</note></signatory>" },
    { "note with element", 12, "/>", "><note>x <b/> y</note></signatory>" },
    { "note with CDATA", 12, "/>", "><note><![CDATA[x < y]]></note></signatory>" },
    { "note with comment", 12, "/>", "><note>x<!-- c -->y</note></signatory>" },
    { "note with attribute", 12, "/>", "><note a=\"1\">x</note></signatory>" },
    { "empty note", 12, "/>", "><note/></signatory>" },
    { "two notes", 12, "/>", "><note>a</note><note>b</note></signatory>" },
    { "other child", 12, "/>", "><other>a</other></signatory>" },
    { "text child", 12, "/>", ">text</signatory>" },
    { "no note", 12, "/>", ">\n  </signatory>" },
    { "end tag with space", 12, "/>", "></signatory >" },
    { "wrong end tag", 12, "/>", "></signatories>" },
    { "unclosed", 12, "/>", ">" },
    { "space before />", 12, "/>", " />" },
    { "broken />", 12, "/>", "/ >" },
    { "comment between", 12, "<signatory ", "<!-- c --><signatory " },
    { "PI between", 12, "<signatory ", "<?pi x?><signatory " },
    { "text between", 12, "<signatory ", "text<signatory " },
    { "CR between", 12, "<signatory ", "\r\n<signatory " },
    { "tab between", 12, "<signatory ", "\t<signatory " },
    { "other element", 12, "<signatory ", "<other/><signatory " },
    { "prefixed element", 12, "<signatory ", "<x:signatory xmlns:x=\"" US_FORMAT_NAMESPACE "\" id=\"99\" name=\"X\"/><signatory " },
    { "signatoryx", 12, "<signatory ", "<signatoryx id=\"99\" name=\"X\"/><signatory " },
    { "two on a line", 12, "/>\n    <signatory ", "/><signatory " },
    { "duplicate on a line", 13, "/>\n    <signatory id=\"15\"", "/><signatory id=\"14\"" },
  };

  g_assert_cmpint (check ("as written", text), ==, n_written);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GString) edited = in_row (text, edits[i].row, edits[i].old, edits[i].with);

      g_test_message ("%s", edits[i].what);
      check (edits[i].what, edited);
    }

  /* Very long values and notes are libxml2's, from their line on. */
  {
    g_autofree char *x = g_strnfill (100 * 1000, 'x');
    g_autofree char *name = g_strconcat ("name=\"", x, NULL);
    g_autofree char *note = g_strconcat ("><note>", x, x, x, x, x, x, x, x, x, x, x, "</note></signatory>", NULL);
    g_autoptr(GString) long_name = in_row (text, 11, "name=\"", name);
    g_autoptr(GString) long_note = in_row (text, 12, "/>", note);

    g_assert_cmpint (check ("a long value", long_name), ==, 11);
    g_assert_cmpint (check ("a long note", long_note), ==, 12);
  }
}

/* Whole-file changes: where the scan may start, and line ends. */
static void
test_whole_file (void)
{
  g_autoptr(GString) text = written (20);
  g_autoptr(GString) one_line = replace_all (text, "\n    <signatory", "<signatory");
  struct { const char *what; GString *text; int n_fast; } cases[] = {
    { "&amp; as &#38;", replace_all (text, "&amp;", "&#38;"), n_written },
    { "&amp; as &#x26;", replace_all (text, "&amp;", "&#x26;"), n_written },
    { "CR LF", replace_all (text, "\n", "\r\n"), 0 },
    { "comment before", insert_after (text, "<title>", "<!-- <signatories> -->"), 0 },
    { "CDATA before", insert_after (text, "<title>", "<![CDATA[<signatories>]]>"), 0 },
    { "PI before", insert_after (text, "<title>", "<?pi <signatories>?>"), 0 },
    /* The real start tag first, then the first "<signatories>" as bytes. */
    { "comment after", replace_all (text, "<signatories>", "<signatories xmlns:x=\"urn:x\"><!-- <signatories>\n"
                                    "    <signatory id=\"1\" name=\"In a comment\"/>\n -->"), 0 },
    { "PI after", replace_all (text, "<signatories>", "<signatories xmlns:x=\"urn:x\"><?pi <signatories>\n"
                               "    <signatory id=\"1\" name=\"In a PI\"/>\n ?>"), 0 },
    { "CDATA after", replace_all (text, "<signatories>", "<signatories xmlns:x=\"urn:x\"><![CDATA[<signatories>\n"
                                  "    <signatory id=\"1\" name=\"In CDATA\"/>\n ]]>"), 0 },
    { "attribute before", insert_after (text, "<title", " a=\"<signatories>\""), -1 },
    { "in the letter", insert_after (text, "<letter", " x=\"1\"><signatories><signatory id=\"1\" name=\"In letter\"/>"
                                                      "</signatories></letter><y"), -1 },
    { "second section", insert_after (text, "</signatories>", "\n  <signatories>\n    "
                                      "<signatory id=\"1\" name=\"Second\"/>\n  </signatories>"), n_written },
    { "doctype", insert_after (text, "?>\n", "<!DOCTYPE campaign>\n"), -1 },
    { "no declaration", g_string_new (strstr (text->str, "?>\n") + 3), n_written },
    /* Past the 256 bytes the head check reads: libxml2 converts it. */
    { "Latin-1 declared late", latin1_late (text), 0 },
    { "XML 1.1", replace_all (text, "version=\"1.0\" encoding", "version=\"1.1\" encoding"), 0 },
    { "upper-case encoding", replace_all (text, "encoding=\"UTF-8\"", "encoding=\"utf8\""), n_written },
    { "other namespace", replace_all (text, "<signatories>", "<signatories xmlns=\"urn:x\">"), 0 },
    { "no namespace", replace_all (text, "<campaign", "<campaign xmlns:u=\"urn:u\""), n_written },
    { "one line", g_string_new_len (one_line->str, one_line->len), n_written },
    { "one line, bad at 20", in_row (one_line, 20, "country=\"", "country=\"X"), -1 },
    { "one line, duplicate", in_row (one_line, 20, "id=\"21\"", "id=\"20\""), -1 },
    { "bad after", insert_after (text, "</signatories>", "<x>&nope;</x>"), -1 },
    { "cut after", g_string_new_len (text->str, find (text, 0, "</signatories>") + 14), -1 },
    { "cut in", g_string_new_len (text->str, find (text, 0, "</signatories>") - 5), -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n;

      g_test_message ("%s", cases[i].what);
      n = check (cases[i].what, cases[i].text);
      /* The fast path takes what it should, and only that. */
      if (cases[i].n_fast >= 0)
        g_assert_cmpint (n, ==, cases[i].n_fast);
      else
        g_assert_cmpint (n, ==, -1);
      g_string_free (cases[i].text, TRUE);
    }
}

/* One byte inserted, deleted or replaced anywhere in the signatories
 * with escapes, note and non-ASCII text, and at the section's end.
 */
static void
test_every_byte (void)
{
  static const char bytes[] = "<>&\"'\r\n\t\x01\xff\xc3]=/ #;a1";
  g_autoptr(GString) text = written (1);
  gsize row5 = find (text, find (text, 0, "<signatory id=\"5\""), "\n");
  gsize row9 = find (text, 0, "<signatory id=\"9\"");
  gsize last = find (text, 0, "<signatory id=\"12\"");
  gsize end = find (text, 0, "</signatories>") + 14;

  for (gsize at = row5; at < end; at = at + 1 == row9 ? last : at + 1)
    {
      g_autoptr(GString) deleted = g_string_new_len (text->str, text->len);

      g_string_erase (deleted, at, 1);
      check_scans ("deleted", deleted);
      for (const char *b = bytes; *b; b++)
        {
          g_autoptr(GString) inserted = g_string_new_len (text->str, text->len);
          g_autoptr(GString) replaced = g_string_new_len (text->str, text->len);

          g_string_insert_c (inserted, at, *b);
          check_scans ("inserted", inserted);
          replaced->str[at] = *b;
          check_scans ("replaced", replaced);
        }
    }
}

/* Cut off anywhere: the same message, at the same place. */
static void
test_cut_off (void)
{
  g_autoptr(GString) text = written (2);

  for (gsize len = 0; len <= text->len; len++)
    check_len ("cut off", text->str, len);
}

/* The hostile files of test-import-keys.c and test-hostile.c */
static void
test_hostile (void)
{
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define ROOT "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"1.0\">"
#define OPEN ROOT "\n"
#define SIG(attrs) ROOT "<signatories><signatory " attrs "/></signatories></campaign>\n"
#define EMPTY_LISTS "<letter/><incidents/><signatories/><sources/>\n"
  static const char *const cases[] = {
    "",
    "name,email\nAda,ada@example.org\n",
    HEAD "<!DOCTYPE campaign [<!ENTITY e \"x\">]>\n" SIG ("id=\"1\" name=\"&e;\""),
    HEAD "<!DOCTYPE campaign [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n" SIG ("id=\"1\" name=\"&e;\""),
    HEAD SIG ("id=\"1\" name=\"&nope;\""),
    HEAD "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>\n",
    HEAD "<campaign xmlns=\"urn:x\" version=\"1.0\"/>\n",
    HEAD "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"2.0\"/>\n",
    HEAD "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\"/>\n",
    HEAD SIG ("name=\"Ada\""),
    HEAD SIG ("id=\"-1\" name=\"Ada\""),
    HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"/><signatory id=\"1\" name=\"B\"/></signatories></campaign>\n",
    HEAD SIG ("id=\"1\" email=\"a@example.org\""),
    HEAD SIG ("id=\"1\" name=\"Ada\" country=\"France\""),
    HEAD SIG ("id=\"1\" name=\"Ada\" status=\"maybe\""),
    HEAD SIG ("id=\"1\" name=\"Ada\" consent=\"perhaps\""),
    HEAD SIG ("id=\"1\" name=\"Ada\" signed=\"yesterday\""),
    HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"><note>a<b/></note></signatory></signatories></campaign>\n",
    HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"/>",
    HEAD ROOT "<signatories><signatory id=\"1\" name=\"A\"></signatories></campaign>\n",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" SIG ("id=\"1\" name=\"Zo\xeb\""),
    HEAD SIG ("id=\"1\" name=\"Zo\xeb\""),
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\" signed=\"yesterday\"/>\n</signatories><sources/></campaign>\n",
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\" country=\"UK\"/>\n</signatories><sources/></campaign>\n",
    HEAD OPEN "<letter/><incidents/><signatories>\n\n<signatory id=\"1\" name=\"A\" status=\"maybe\"/>\n</signatories><sources/></campaign>\n",
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n<signatory id=\"1\" name=\"B\"/>\n</signatories><sources/></campaign>\n",
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"7\"/>\n</signatories><sources/></campaign>\n",
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n<signatory id=\"2\" na",
    HEAD OPEN "<letter/><incidents/><signatories>\n<signatory id=\"1\" name=\"A\"/>\n",
    HEAD OPEN "<title>A <b>bold</b> title</title>" EMPTY_LISTS "</campaign>\n",
    HEAD OPEN "<title>Bad \xff\xfe bytes</title>\n</campaign>\n",
    "   \n\n  ",
  };
#undef EMPTY_LISTS
#undef SIG
#undef OPEN
#undef ROOT
#undef HEAD

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *what = g_strdup_printf ("hostile file %u", i);

      int n = check_len (what, cases[i], strlen (cases[i]));

      /* All refused, but the one the full load alone refuses. */
      if (strstr (cases[i], "<b>bold</b>") == NULL)
        g_assert_cmpint (n, ==, -1);
    }
  g_assert_cmpint (check_len ("UTF-16", "<\0?\0x\0m\0l\0 \0", 12), ==, -1);
  /* UCS-4 by its first bytes: libxml2's encoder halts without a word. */
  g_assert_cmpint (check_len ("UCS-4", "<\0\0\0\n", 5), ==, -1);
}

static void
test_samples (void)
{
  g_autofree char *dir = g_build_filename (us_test_source_root (), "data", "samples", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".undersigned"))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;
        gsize len;

        g_assert_true (g_file_get_contents (file, &text, &len, NULL));
        /* The samples are the writer's: read fast. */
        g_assert_cmpint (check_len (name, text, len), >, 0);
        n++;
      }
  g_assert_cmpuint (n, >, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  path = us_test_tmp_path ("keys.undersigned");
  g_test_add_func ("/keys-fast/written", test_written);
  g_test_add_func ("/keys-fast/edited", test_edited);
  g_test_add_func ("/keys-fast/whole-file", test_whole_file);
  g_test_add_func ("/keys-fast/hostile", test_hostile);
  g_test_add_func ("/keys-fast/samples", test_samples);
  g_test_add_func ("/keys-fast/cut-off", test_cut_off);
  g_test_add_func ("/keys-fast/every-byte", test_every_byte);
  status = g_test_run ();
  g_free (path);
  return status;
}
