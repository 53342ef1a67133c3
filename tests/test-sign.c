/* test-sign.c: signed exports and signing keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-sign.h"
#include "us-test-campaign.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#define XMLSEC1 "/usr/bin/xmlsec1"
#define OPENSSL "/usr/bin/openssl"

/* Made once: an RSA key takes a while. */
static char *rsa_key, *rsa_pub, *ec_key, *ec_pub, *other_key, *other_pub;

static void
make_keys (void)
{
  g_autoptr(GError) error = NULL;

  rsa_key = us_test_tmp_path ("rsa.pem");
  rsa_pub = us_test_tmp_path ("rsa.pub.pem");
  ec_key = us_test_tmp_path ("ec.pem");
  ec_pub = us_test_tmp_path ("ec.pub.pem");
  other_key = us_test_tmp_path ("other.pem");
  other_pub = us_test_tmp_path ("other.pub.pem");
  g_assert_true (us_sign_keygen (rsa_key, rsa_pub, US_KEY_RSA, &error));
  g_assert_no_error (error);
  g_assert_true (us_sign_keygen (ec_key, ec_pub, US_KEY_EC_P256, &error));
  g_assert_no_error (error);
  g_assert_true (us_sign_keygen (other_key, other_pub, US_KEY_RSA, &error));
  g_assert_no_error (error);
}

static void
free_keys (void)
{
  g_clear_pointer (&rsa_key, g_free);
  g_clear_pointer (&rsa_pub, g_free);
  g_clear_pointer (&ec_key, g_free);
  g_clear_pointer (&ec_pub, g_free);
  g_clear_pointer (&other_key, g_free);
  g_clear_pointer (&other_pub, g_free);
}

static GBytes *
read_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

static void
write_file (const char *path,
            GBytes     *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static UsSignatory *
signatory (const char *name,
           const char *organisation,
           const char *country)
{
  UsSignatory *s = us_signatory_new (name);

  us_signatory_set_organisation (s, organisation);
  us_signatory_set_country (s, country);
  us_signatory_set_email (s, "private@example.org");
  us_signatory_set_status (s, US_STATUS_VERIFIED);
  us_signatory_set_consent (s, US_CONSENT_NAMED);
  us_signatory_set_signed_at (s, 1590494400);
  return s;
}

/* The public export of a small campaign, as the export would sign it. */
static GBytes *
export_campaign (void)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Stop cyberattacks on healthcare");
  g_autoptr(UsSignatory) a = signatory ("Zoë Martin", "CyberPeace Institute", "CH");
  g_autoptr(UsSignatory) b = signatory ("Jiří Novák", "Brno University Hospital", "CZ");
  g_autoptr(UsSignatory) c = signatory ("Ada Byron", "Médecins & Co <Intl>", "GB");
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  us_campaign_set_organisation (campaign, "International Committee of the Red Cross");
  us_campaign_set_created (campaign, 1589932800);
  us_campaign_add_signatory (campaign, a);
  us_campaign_add_signatory (campaign, b);
  us_campaign_add_signatory (campaign, c);
  bytes = us_campaign_to_bytes (campaign, US_WRITE_PUBLIC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  /* The private e-mail never reaches an export. */
  g_assert_null (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               "private@example.org"));
  return bytes;
}

static GBytes *
sign (GBytes     *xml,
      const char *key)
{
  g_autoptr(GError) error = NULL;
  GBytes *signed_xml = us_sign_document (xml, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (signed_xml);
  return signed_xml;
}

/* A copy of bytes with the first occurrence of find replaced. */
static GBytes *
replace (GBytes     *bytes,
         const char *find,
         const char *with)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *at = g_strstr_len (data, len, find);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (data, at - data);
  g_string_append (out, with);
  g_string_append_len (out, at + strlen (find), len - (at - data) - strlen (find));
  return g_string_free_to_bytes (out);
}

/* The signed document without its ds:Signature element. */
static GBytes *
strip_signature (GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *start = g_strstr_len (data, len, "<ds:Signature");
  const char *end_tag = "</ds:Signature>";
  const char *end = g_strstr_len (data, len, end_tag);
  GString *out;

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  end += strlen (end_tag);
  out = g_string_new_len (data, start - data);
  g_string_append_len (out, end, len - (end - data));
  return g_string_free_to_bytes (out);
}

static void
assert_verifies (GBytes     *xml,
                 const char *pub)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = us_sign_fingerprint (pub, NULL);

  g_assert_true (us_sign_verify (xml, pub, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fingerprint, ==, expected);
}

static void
assert_fails (GBytes     *xml,
              const char *pub,
              GQuark      domain,
              int         code,
              const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_false (us_sign_verify (xml, pub, &fingerprint, &error));
  g_assert_error (error, domain, code);
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
}

/* Keys .................................................................. */

static void
check_keygen (UsKeyType type)
{
  g_autofree char *priv = us_test_tmp_path (type == US_KEY_RSA ? "gen-rsa.pem" : "gen-ec.pem");
  g_autofree char *pub = us_test_tmp_path (type == US_KEY_RSA ? "gen-rsa.pub.pem" : "gen-ec.pub.pem");
  g_autofree char *lone_pub = us_test_tmp_path (type == US_KEY_RSA ? "lone-rsa.pub.pem" : "lone-ec.pub.pem");
  g_autofree char *lone_priv = us_test_tmp_path (type == US_KEY_RSA ? "lone-rsa.pem" : "lone-ec.pem");
  g_autoptr(GBytes) priv_before = NULL;
  g_autoptr(GBytes) priv_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *priv_text = NULL;
  g_autofree char *pub_text = NULL;

  g_assert_true (us_sign_keygen (priv, pub, type, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (priv), ==, 0600);
  g_assert_cmpuint (file_mode (pub), ==, 0644);
  g_assert_true (g_file_get_contents (priv, &priv_text, NULL, NULL));
  g_assert_true (g_file_get_contents (pub, &pub_text, NULL, NULL));
  /* PKCS#8 and SubjectPublicKeyInfo. */
  g_assert_true (g_str_has_prefix (priv_text, "-----BEGIN PRIVATE KEY-----\n"));
  g_assert_true (g_str_has_prefix (pub_text, "-----BEGIN PUBLIC KEY-----\n"));

  /* Never overwrites, and leaves the old key untouched. */
  priv_before = read_file (priv);
  g_assert_false (us_sign_keygen (priv, lone_pub, type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (g_file_test (lone_pub, G_FILE_TEST_EXISTS));
  priv_after = read_file (priv);
  g_assert_true (g_bytes_equal (priv_before, priv_after));

  /* An existing public key blocks too, and no private key is left. */
  g_assert_false (us_sign_keygen (lone_priv, pub, type, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_false (g_file_test (lone_priv, G_FILE_TEST_EXISTS));
}

static void
test_keygen_rsa (void)
{
  check_keygen (US_KEY_RSA);
}

static void
test_keygen_ec (void)
{
  check_keygen (US_KEY_EC_P256);
}

static void
test_keygen_umask (void)
{
  g_autofree char *priv = us_test_tmp_path ("umask.pem");
  g_autofree char *pub = us_test_tmp_path ("umask.pub.pem");
  g_autoptr(GError) error = NULL;
  mode_t old = umask (0077);

  /* The public key is public whatever the umask says. */
  g_assert_true (us_sign_keygen (priv, pub, US_KEY_EC_P256, &error));
  umask (old);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (priv), ==, 0600);
  g_assert_cmpuint (file_mode (pub), ==, 0644);
}

static void
test_fingerprint (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = us_sign_fingerprint (rsa_key, &error);
  g_autofree char *b = us_sign_fingerprint (rsa_pub, &error);
  g_autofree char *c = us_sign_fingerprint (rsa_pub, &error);
  g_autofree char *e = us_sign_fingerprint (ec_key, &error);
  g_autofree char *f = us_sign_fingerprint (ec_pub, &error);
  g_autofree char *o = us_sign_fingerprint (other_pub, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (b, ==, c);
  g_assert_cmpstr (e, ==, f);
  g_assert_cmpstr (a, !=, e);
  g_assert_cmpstr (a, !=, o);

  g_assert_cmpuint (strlen (a), ==, 64 + 15);
  for (guint i = 0; a[i] != '\0'; i++)
    if (i % 5 == 4)
      g_assert_cmpint (a[i], ==, ' ');
    else
      g_assert_true (g_ascii_isxdigit (a[i]) && !g_ascii_isupper (a[i]));

  /* The same as SHA-256 over the DER SubjectPublicKeyInfo. */
  if (g_file_test (OPENSSL, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *der_path = us_test_tmp_path ("rsa.pub.der");
      const char *argv[] = { OPENSSL, "pkey", "-pubin", "-in", rsa_pub,
                             "-outform", "DER", "-out", der_path, NULL };
      g_autofree char *der = NULL;
      g_autofree char *hex = NULL;
      g_autoptr(GString) grouped = g_string_new (NULL);
      gsize len = 0;
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_file_get_contents (der_path, &der, &len, NULL));
      hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) der, len);
      for (guint i = 0; hex[i] != '\0'; i++)
        {
          if (i > 0 && i % 4 == 0)
            g_string_append_c (grouped, ' ');
          g_string_append_c (grouped, hex[i]);
        }
      g_assert_cmpstr (a, ==, grouped->str);
    }
}

static void
test_bad_keys (void)
{
  g_autofree char *missing = us_test_tmp_path ("missing.pem");
  g_autofree char *garbage = us_test_tmp_path ("garbage.pem");
  g_autofree char *empty = us_test_tmp_path ("empty.pem");
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) signed_xml = sign (xml, rsa_key);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_true (g_file_set_contents (garbage, "-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  g_assert_null (us_sign_fingerprint (missing, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_null (us_sign_fingerprint (garbage, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_clear_error (&error);
  g_assert_null (us_sign_fingerprint (empty, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_clear_error (&error);

  /* A public key cannot sign. */
  g_assert_null (us_sign_document (xml, rsa_pub, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_clear_error (&error);
  g_assert_null (us_sign_document (xml, garbage, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_clear_error (&error);

  g_assert_false (us_sign_verify (signed_xml, missing, &fingerprint, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_assert_null (fingerprint);
  g_clear_error (&error);
  g_assert_false (us_sign_verify (signed_xml, garbage, NULL, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
}

static void
test_encrypted_key (void)
{
  g_autofree char *plain = us_test_tmp_path ("plain.pem");
  g_autofree char *plain_pub = us_test_tmp_path ("plain.pub.pem");
  g_autofree char *encrypted = us_test_tmp_path ("encrypted.pem");
  const char *argv[] = { OPENSSL, "pkey", "-in", plain, "-aes256", "-passout", "pass:secret",
                         "-out", encrypted, NULL };
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_file_test (OPENSSL, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs " OPENSSL);
      return;
    }
  g_assert_true (us_sign_keygen (plain, plain_pub, US_KEY_EC_P256, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDIN_FROM_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Refused with a clear word, never a prompt on the terminal. */
  xml = export_campaign ();
  g_assert_null (us_sign_document (xml, encrypted, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY);
  g_assert_nonnull (strstr (error->message, "passphrase"));
}

/* Signing and verifying .................................................. */

static void
check_sign_and_verify (const char *key,
                       const char *pub)
{
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) signed_xml = sign (xml, key);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) us_problem_free);
  g_autofree char *schema = g_build_filename (us_test_source_root (), "data", "undersigned.rng", NULL);
  g_autofree char *fingerprint = us_sign_fingerprint (pub, NULL);
  g_autofree char *key_name = g_strdup_printf ("<ds:KeyName>%s</ds:KeyName>", fingerprint);
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) loaded = NULL;
  gsize len = g_bytes_get_size (signed_xml);
  g_autofree char *text = g_strndup (g_bytes_get_data (signed_xml, NULL), len);

  assert_verifies (signed_xml, pub);

  /* What the brief promises readers of the XML. */
  g_assert_nonnull (g_strstr_len (text, len, "<ds:Reference URI=\"\">"));
  g_assert_nonnull (g_strstr_len (text, len, "http://www.w3.org/2000/09/xmldsig#enveloped-signature"));
  g_assert_nonnull (g_strstr_len (text, len, "http://www.w3.org/2001/10/xml-exc-c14n#"));
  g_assert_nonnull (g_strstr_len (text, len, "http://www.w3.org/2001/04/xmlenc#sha256"));
  g_assert_nonnull (g_strstr_len (text, len, key == ec_key
                                  ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                                  : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));
  g_assert_nonnull (g_strstr_len (text, len, key_name));
  if (!g_str_has_suffix (text, "</ds:Signature>\n</campaign>\n"))
    g_error ("unexpected end: %s", text + len - MIN (len, 200));

  /* Still a campaign file, by the schema and by the reader. */
  g_assert_true (us_schema_validate_bytes (signed_xml, "signed.undersigned", schema, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  loaded = us_campaign_load_bytes (signed_xml, "signed.undersigned", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_signatories (loaded)), ==, 3);

  /* Signing twice is refused: sign a fresh export. */
  g_assert_null (us_sign_document (signed_xml, key, &error));
  g_assert_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED);
}

static void
test_sign_rsa (void)
{
  check_sign_and_verify (rsa_key, rsa_pub);
}

static void
test_sign_ec (void)
{
  check_sign_and_verify (ec_key, ec_pub);
}

static void
test_changed (void)
{
  const char *keys[][2] = { { rsa_key, rsa_pub }, { ec_key, ec_pub } };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GBytes) xml = export_campaign ();
      g_autoptr(GBytes) signed_xml = sign (xml, keys[i][0]);
      /* One byte of one signatory's name. */
      g_autoptr(GBytes) changed = replace (signed_xml, "Zoë Martin", "Zoë Nartin");
      /* A signature value that is not this key's (or was edited). */
      g_autoptr(GBytes) changed_value = replace (signed_xml, "<ds:SignatureValue>",
                                                 "<ds:SignatureValue>AAAA");

      g_assert_cmpuint (g_bytes_get_size (changed), ==, g_bytes_get_size (signed_xml));
      assert_fails (changed, keys[i][1], US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "changed after it was signed");
      assert_fails (changed_value, keys[i][1], US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, NULL);
    }
}

static void
test_wrong_key (void)
{
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) by_rsa = sign (xml, rsa_key);
  g_autoptr(GBytes) by_ec = sign (xml, ec_key);
  g_autofree char *rsa_fingerprint = us_sign_fingerprint (rsa_pub, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  /* Same kind of key, another key: the message names the signer's. */
  assert_fails (by_rsa, other_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "another key");
  assert_fails (by_rsa, other_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, rsa_fingerprint);
  /* Another kind of key. */
  assert_fails (by_rsa, ec_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "another kind of key");
  assert_fails (by_ec, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "another kind of key");

  /* The verifier's key is reported even when the signature is bad. */
  g_assert_false (us_sign_verify (by_rsa, other_pub, &fingerprint, &error));
  g_assert_nonnull (fingerprint);
  g_assert_cmpstr (fingerprint, !=, rsa_fingerprint);

  /* A private key holds its public half: it verifies as well. */
  assert_verifies (by_rsa, rsa_key);
}

static void
test_not_signed (void)
{
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) signed_xml = sign (xml, rsa_key);
  g_autoptr(GBytes) stripped = strip_signature (signed_xml);

  assert_fails (xml, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_NOT_SIGNED, "not signed");
  assert_fails (stripped, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_NOT_SIGNED, "not signed");
}

static void
test_hostile (void)
{
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) signed_xml = sign (xml, rsa_key);
  /* A reference to elsewhere: nothing may be fetched. */
  g_autoptr(GBytes) remote = replace (signed_xml, "<ds:Reference URI=\"\">",
                                      "<ds:Reference URI=\"http://127.0.0.1:9/x\">");
  g_autoptr(GBytes) local = replace (signed_xml, "<ds:Reference URI=\"\">",
                                     "<ds:Reference URI=\"file:///etc/passwd\">");
  /* The signature moved off the end of <campaign>. */
  g_autoptr(GBytes) stripped = strip_signature (signed_xml);
  g_autoptr(GBytes) moved = NULL;
  g_autoptr(GBytes) doctype = replace (signed_xml, "<campaign ",
                                       "<!DOCTYPE campaign [<!ENTITY x \"Zoë\">]>\n<campaign ");
  g_autoptr(GBytes) unsigned_doctype = replace (xml, "<campaign ",
                                                "<!DOCTYPE campaign SYSTEM \"file:///etc/passwd\">\n<campaign ");
  g_autoptr(GBytes) broken = g_bytes_new_static ("<campaign><oops></campaign>", 27);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  {
    gsize len;
    const char *data = g_bytes_get_data (signed_xml, &len);
    const char *start = g_strstr_len (data, len, "<ds:Signature");
    const char *end = g_strstr_len (data, len, "</ds:Signature>") + strlen ("</ds:Signature>");
    g_autofree char *signature = g_strndup (start, end - start);
    g_autofree char *with = g_strconcat (signature, "<title>", NULL);

    moved = replace (stripped, "<title>", with);
  }

  assert_fails (remote, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, NULL);
  assert_fails (local, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, NULL);
  assert_fails (moved, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, NULL);
  assert_fails (doctype, rsa_pub, US_FORMAT_ERROR, US_FORMAT_ERROR_FORBIDDEN, "DOCTYPE");
  assert_fails (broken, rsa_pub, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED, NULL);
  assert_fails (empty, rsa_pub, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED, NULL);

  g_assert_null (us_sign_document (unsigned_doctype, rsa_key, &error));
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_null (us_sign_document (broken, rsa_key, &error));
  g_assert_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED);
}

/* A file signed by an earlier build still verifies: the format of
 * signed exports is stable.  tests/data/sign/signed-ec.xml was signed
 * with an EC key whose public half is signer.pub.pem.
 */
static void
test_fixture (void)
{
  g_autofree char *dir = g_build_filename (us_test_source_root (), "tests", "data", "sign", NULL);
  g_autofree char *doc_path = g_build_filename (dir, "signed-ec.xml", NULL);
  g_autofree char *pub = g_build_filename (dir, "signer.pub.pem", NULL);
  g_autoptr(GBytes) signed_xml = read_file (doc_path);
  g_autoptr(GBytes) changed = replace (signed_xml, "Zoë Martin", "Zoë Nartin");
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_true (us_sign_verify (signed_xml, pub, &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fingerprint, ==,
                   "193a a534 f6ca b8b1 d5a8 55d2 3212 c53f 217b 02d9 6f47 ffde dd46 93df 5dac 4695");
  assert_fails (changed, pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "changed after it was signed");
  assert_fails (signed_xml, rsa_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "another kind of key");
  assert_fails (signed_xml, ec_pub, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE, "193a a534");
}

/* The standard tool agrees ................................................ */

static gboolean
xmlsec1_verifies (GBytes     *xml,
                  const char *pub)
{
  g_autofree char *path = us_test_tmp_path ("xmlsec1.xml");
  const char *argv[] = { XMLSEC1, "--verify", "--pubkey-pem", pub, path, NULL };
  g_autoptr(GError) error = NULL;
  int status = -1;

  write_file (path, xml);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_xmlsec1_tool (void)
{
  const char *keys[][2] = { { rsa_key, rsa_pub }, { ec_key, ec_pub } };

  if (!g_file_test (XMLSEC1, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs " XMLSEC1 " (Debian package xmlsec1)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GBytes) xml = export_campaign ();
      g_autoptr(GBytes) signed_xml = sign (xml, keys[i][0]);
      g_autoptr(GBytes) changed = replace (signed_xml, "Zoë Martin", "Zoë Nartin");

      g_assert_true (xmlsec1_verifies (signed_xml, keys[i][1]));
      g_assert_false (xmlsec1_verifies (changed, keys[i][1]));
      g_assert_false (xmlsec1_verifies (signed_xml, other_pub));
    }
}

/* A file signed by xmlsec1 itself verifies here too. */
static void
test_xmlsec1_signed (void)
{
  g_autofree char *tmpl_path = us_test_tmp_path ("template.xml");
  g_autofree char *out_path = us_test_tmp_path ("by-xmlsec1.xml");
  const char *argv[] = { XMLSEC1, "--sign", "--privkey-pem", rsa_key, "--output", out_path,
                         tmpl_path, NULL };
  g_autoptr(GBytes) xml = export_campaign ();
  g_autoptr(GBytes) template = NULL;
  g_autoptr(GBytes) signed_xml = NULL;
  g_autoptr(GBytes) ours = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_file_test (XMLSEC1, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("needs " XMLSEC1 " (Debian package xmlsec1)");
      return;
    }
  /* Our own output with the signature emptied is a template xmlsec1 fills. */
  ours = sign (xml, rsa_key);
  {
    gsize len;
    const char *data = g_bytes_get_data (ours, &len);
    g_autoptr(GString) s = g_string_new_len (data, len);
    char *dv = strstr (s->str, "<ds:DigestValue>");
    char *dv_end = strstr (s->str, "</ds:DigestValue>");
    char *sv, *sv_end;

    dv += strlen ("<ds:DigestValue>");
    g_string_erase (s, dv - s->str, dv_end - dv);
    sv = strstr (s->str, "<ds:SignatureValue>") + strlen ("<ds:SignatureValue>");
    sv_end = strstr (s->str, "</ds:SignatureValue>");
    g_string_erase (s, sv - s->str, sv_end - sv);
    template = g_bytes_new (s->str, s->len);
  }
  write_file (tmpl_path, template);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  signed_xml = read_file (out_path);
  assert_verifies (signed_xml, rsa_pub);
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  make_keys ();

  g_test_add_func ("/sign/keygen/rsa", test_keygen_rsa);
  g_test_add_func ("/sign/keygen/ec", test_keygen_ec);
  g_test_add_func ("/sign/keygen/umask", test_keygen_umask);
  g_test_add_func ("/sign/fingerprint", test_fingerprint);
  g_test_add_func ("/sign/bad-keys", test_bad_keys);
  g_test_add_func ("/sign/encrypted-key", test_encrypted_key);
  g_test_add_func ("/sign/rsa", test_sign_rsa);
  g_test_add_func ("/sign/ec", test_sign_ec);
  g_test_add_func ("/sign/changed", test_changed);
  g_test_add_func ("/sign/wrong-key", test_wrong_key);
  g_test_add_func ("/sign/not-signed", test_not_signed);
  g_test_add_func ("/sign/hostile", test_hostile);
  g_test_add_func ("/sign/fixture", test_fixture);
  g_test_add_func ("/sign/xmlsec1/verifies", test_xmlsec1_tool);
  g_test_add_func ("/sign/xmlsec1/signed", test_xmlsec1_signed);

  ret = g_test_run ();
  free_keys ();
  return ret;
}
