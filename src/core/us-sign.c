/* us-sign.c: signed XML exports (W3C XML Signature) and signing keys
 *
 * xmlsec1 does the XML Signature work; OpenSSL reads, writes and makes
 * the keys.  Keys are parsed once with OpenSSL and handed to xmlsec, so
 * one read gives the fingerprint, the key's kind and the signing key,
 * and no library ever prompts for a passphrase on the terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "us-sign.h"
#include "us-format.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/openssl/evp.h>

#define RSA_BITS 3072
/* Below this an RSA signature proves little; refuse rather than mislead. */
#define RSA_MIN_BITS 2048
/* PEM keys are a few kilobytes; anything larger is not a key. */
#define KEY_MAX_SIZE (1024 * 1024)
/* 64 hex digits in 16 groups of 4, separated by spaces. */
#define FINGERPRINT_LEN (64 + 15)

G_DEFINE_QUARK (us-sign-error-quark, us_sign_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free_all)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSecDSigCtx, xmlSecDSigCtxDestroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSecKey, xmlSecKeyDestroy)

/* xmlsec reports errors through one process-wide callback without user
 * data; keep the first reason of the current operation per thread, so a
 * failed verification can say why.  No heap: nothing to free at exit.
 */
static __thread int xmlsec_reason;

static void
on_xmlsec_error (const char *file,
                 int         line,
                 const char *func,
                 const char *error_object,
                 const char *error_subject,
                 int         reason,
                 const char *msg)
{
  if (xmlsec_reason == 0)
    xmlsec_reason = reason;
  g_debug ("xmlsec: %s: %s: %s (reason %d, %s)", func ? func : "?",
           error_object ? error_object : "", error_subject ? error_subject : "",
           reason, msg ? msg : "");
}

static gpointer
init_xmlsec (gpointer data)
{
  us_xml_init_safety ();

  if (xmlSecInit () < 0)
    return (gpointer) "xmlSecInit";
  if (xmlSecCheckVersion () != 1)
    return (gpointer) "xmlSecCheckVersion";
  if (xmlSecCryptoAppInit (NULL) < 0)
    return (gpointer) "xmlSecCryptoAppInit";
  if (xmlSecCryptoInit () < 0)
    return (gpointer) "xmlSecCryptoInit";
  /* Last: xmlSecCryptoInit() installs OpenSSL's callback, which prints
   * every error (a bad signature included) to stderr.
   */
  xmlSecErrorsSetCallback (on_xmlsec_error);
  return NULL;
}

static gboolean
ensure_xmlsec (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const char *failed = g_once (&once, init_xmlsec, NULL);

  if (failed != NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED,
                   _("cannot start the XML signature library (%s failed); check that xmlsec1 and OpenSSL are installed correctly"),
                   failed);
      return FALSE;
    }
  return TRUE;
}

/* The last OpenSSL error, for messages; clears the queue so it cannot
 * leak into a later, unrelated report.
 */
static char *
openssl_error (void)
{
  unsigned long e = ERR_peek_last_error ();
  const char *reason = e != 0 ? ERR_reason_error_string (e) : NULL;
  char *message = g_strdup (reason != NULL ? reason : _("unknown error"));

  ERR_clear_error ();
  return message;
}

/* Keys: read with OpenSSL ............................................. */

static int
refuse_passphrase (char *buf,
                   int   size,
                   int   rwflag,
                   void *user_data)
{
  /* A library must never prompt on the terminal: refuse encrypted keys. */
  return -1;
}

static const char *
key_kind (EVP_PKEY *pkey)
{
  switch (EVP_PKEY_get_base_id (pkey))
    {
    case EVP_PKEY_RSA:
      return "RSA";
    case EVP_PKEY_EC:
      return "EC";
    default:
      return NULL;
    }
}

/* Reads a PEM private key, or failing that a PEM public key, from path. */
static EVP_PKEY *
load_key (const char  *path,
          gboolean    *out_private,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(BIO) bio = NULL;
  g_autofree char *data = NULL;
  EVP_PKEY *pkey = NULL;
  gboolean encrypted;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: cannot read the key: %s"), path, local_error->message);
      return NULL;
    }
  if (len == 0 || len > KEY_MAX_SIZE)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: not a PEM key file (it is %s); give the key that “keygen” wrote"),
                   path, len == 0 ? _("empty") : _("far too large"));
      return NULL;
    }

  bio = BIO_new_mem_buf (data, (int) len);
  if (bio != NULL)
    pkey = PEM_read_bio_PrivateKey (bio, NULL, refuse_passphrase, NULL);
  if (pkey != NULL)
    *out_private = TRUE;
  else
    {
      ERR_clear_error ();
      g_clear_pointer (&bio, BIO_free_all);
      bio = BIO_new_mem_buf (data, (int) len);
      if (bio != NULL)
        pkey = PEM_read_bio_PUBKEY (bio, NULL, refuse_passphrase, NULL);
      *out_private = FALSE;
    }
  encrypted = g_strstr_len (data, len, "ENCRYPTED") != NULL;
  /* It may be a private key: leave no copy in freed memory. */
  OPENSSL_cleanse (data, len);

  if (pkey == NULL)
    {
      g_autofree char *why = openssl_error ();

      if (encrypted)
        g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                     _("%s: the key is protected by a passphrase, which is not supported; export it without one (openssl pkey -in KEY -out NEW)"),
                     path);
      else
        g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                     _("%s: not a PEM private or public key (%s); give the key that “keygen” wrote"),
                     path, why);
      return NULL;
    }

  if (key_kind (pkey) == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: a %s key; only RSA and EC keys are supported, make one with “keygen”"),
                   path, EVP_PKEY_get0_type_name (pkey) ? EVP_PKEY_get0_type_name (pkey) : "?");
      EVP_PKEY_free (pkey);
      return NULL;
    }
  if (EVP_PKEY_get_base_id (pkey) == EVP_PKEY_RSA && EVP_PKEY_get_bits (pkey) < RSA_MIN_BITS)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: a %d-bit RSA key is too weak to trust; make a new key with “keygen”"),
                   path, EVP_PKEY_get_bits (pkey));
      EVP_PKEY_free (pkey);
      return NULL;
    }
  return pkey;
}

static char *
fingerprint_of (EVP_PKEY *pkey)
{
  g_autofree char *hex = NULL;
  unsigned char *der = NULL;
  GString *grouped;
  int len;

  len = i2d_PUBKEY (pkey, &der);
  if (len <= 0)
    {
      ERR_clear_error ();
      return NULL;
    }
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der, (gsize) len);
  OPENSSL_free (der);

  grouped = g_string_sized_new (FINGERPRINT_LEN + 1);
  for (guint i = 0; hex[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (grouped, ' ');
      g_string_append_c (grouped, hex[i]);
    }
  return g_string_free (grouped, FALSE);
}

/* Wraps pkey (taken) in an xmlsec key. */
static xmlSecKeyPtr
xmlsec_key_new (EVP_PKEY   *pkey,
                const char *name)
{
  xmlSecKeyDataPtr value;
  xmlSecKeyPtr key;

  value = xmlSecOpenSSLEvpKeyAdopt (pkey);
  if (value == NULL)
    {
      EVP_PKEY_free (pkey);
      return NULL;
    }
  key = xmlSecKeyCreate ();
  if (key == NULL || xmlSecKeySetValue (key, value) < 0)
    {
      xmlSecKeyDataDestroy (value);
      if (key != NULL)
        xmlSecKeyDestroy (key);
      return NULL;
    }
  if (xmlSecKeySetName (key, BAD_CAST name) < 0)
    {
      xmlSecKeyDestroy (key);
      return NULL;
    }
  return key;
}

char *
us_sign_fingerprint (const char  *key_path,
                     GError     **error)
{
  g_autoptr(EVP_PKEY) pkey = NULL;
  gboolean is_private;
  char *fingerprint;

  g_return_val_if_fail (key_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pkey = load_key (key_path, &is_private, error);
  if (pkey == NULL)
    return NULL;
  fingerprint = fingerprint_of (pkey);
  if (fingerprint == NULL)
    g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                 _("%s: cannot encode the public key"), key_path);
  return fingerprint;
}

/* Key generation ........................................................ */

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  GStatBuf st;

  /* lstat: a dangling symlink would be followed by a later open. */
  if (g_lstat (path, &st) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: the file already exists; choose another name or remove it first"),
                   path);
      return TRUE;
    }
  return FALSE;
}

static gboolean
write_new_file (const char  *path,
                const char  *data,
                gsize        len,
                mode_t       mode,
                GError     **error)
{
  int saved_errno = 0;
  int fd;

  /* O_EXCL: never replace a key, even one created since we checked. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   saved_errno == EEXIST
                   ? _("%s: the file already exists; choose another name or remove it first")
                   : _("%s: cannot create the file: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The umask may have narrowed the mode; the modes are part of the
   * contract (0600 private, 0644 public).
   */
  if (fchmod (fd, mode) < 0)
    saved_errno = errno;
  while (saved_errno == 0 && len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        saved_errno = n < 0 ? errno : EIO;
      else
        {
          data += n;
          len -= (gsize) n;
        }
    }
  if (saved_errno == 0 && fsync (fd) < 0)
    saved_errno = errno;
  if (close (fd) < 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      g_unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot write the key: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
us_sign_keygen (const char  *private_path,
                const char  *public_path,
                UsKeyType    type,
                GError     **error)
{
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(BIO) private_pem = NULL;
  g_autoptr(BIO) public_pem = NULL;
  char *data;
  long len;

  g_return_val_if_fail (private_path != NULL, FALSE);
  g_return_val_if_fail (public_path != NULL, FALSE);
  g_return_val_if_fail (strcmp (private_path, public_path) != 0, FALSE);
  g_return_val_if_fail (type == US_KEY_RSA || type == US_KEY_EC_P256, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Check first: making an RSA key takes a noticeable while. */
  if (refuse_existing (private_path, error) || refuse_existing (public_path, error))
    return FALSE;

  if (type == US_KEY_RSA)
    pkey = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) RSA_BITS);
  else
    pkey = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");

  /* Secure memory is wiped when freed: the private key leaves no copy. */
  private_pem = BIO_new (BIO_s_secmem ());
  public_pem = BIO_new (BIO_s_mem ());
  if (pkey == NULL || private_pem == NULL || public_pem == NULL ||
      !PEM_write_bio_PrivateKey (private_pem, pkey, NULL, NULL, 0, NULL, NULL) ||
      !PEM_write_bio_PUBKEY (public_pem, pkey))
    {
      g_autofree char *why = openssl_error ();

      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED,
                   _("cannot make the key: %s"), why);
      return FALSE;
    }

  len = BIO_get_mem_data (private_pem, &data);
  if (!write_new_file (private_path, data, (gsize) len, 0600, error))
    return FALSE;
  len = BIO_get_mem_data (public_pem, &data);
  if (!write_new_file (public_path, data, (gsize) len, 0644, error))
    {
      /* A private key without its public half is of no use: undo. */
      g_unlink (private_path);
      return FALSE;
    }
  return TRUE;
}

/* Documents ............................................................. */

static xmlDocPtr
parse_document (GBytes  *xml,
                GError **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  xmlDocPtr doc;
  gsize len = 0;
  const char *data = g_bytes_get_data (xml, &len);

  us_xml_init_safety ();

  if (len == 0 || len > INT_MAX)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   len == 0 ? _("the document is empty (0 bytes)")
                            : _("the document is too large to check (over 2 GB)"));
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED, _("out of memory"));
      return NULL;
    }
  /* Never NOENT or DTD loading: the document is untrusted. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      xmlErrorPtr err = xmlCtxtGetLastError (ctxt);
      g_autofree char *what = g_strchomp (g_strdup (err && err->message ? err->message : "?"));

      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("not well-formed XML at line %d, column %d: %s"),
                   err ? err->line : 0, err ? err->int2 : 0, what);
      return NULL;
    }
  /* No export has one, and entities would make the signed text differ
   * from what a reader sees.
   */
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_FORBIDDEN,
                   _("the document has a DOCTYPE, which campaign files never have; refused for safety"));
      return NULL;
    }
  if (xmlDocGetRootElement (doc) == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("the document has no root element"));
      return NULL;
    }
  return doc;
}

static xmlNodePtr
last_element_child (xmlNodePtr parent)
{
  for (xmlNodePtr cur = parent->last; cur != NULL; cur = cur->prev)
    if (cur->type == XML_ELEMENT_NODE)
      return cur;
  return NULL;
}

GBytes *
us_sign_document (GBytes      *xml,
                  const char  *private_key_path,
                  GError     **error)
{
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(xmlSecKey) key = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlSecDSigCtx) ctx = NULL;
  g_autofree char *fingerprint = NULL;
  xmlSecTransformId method;
  xmlNodePtr root, sig, ref, key_info;
  xmlChar *out = NULL;
  gboolean is_private = FALSE;
  GBytes *signed_xml;
  int out_len = 0;

  g_return_val_if_fail (xml != NULL, NULL);
  g_return_val_if_fail (private_key_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ensure_xmlsec (error))
    return NULL;

  pkey = load_key (private_key_path, &is_private, error);
  if (pkey == NULL)
    return NULL;
  if (!is_private)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: a public key cannot sign; give the private key (the file without “.pub”)"),
                   private_key_path);
      return NULL;
    }
  fingerprint = fingerprint_of (pkey);
  method = EVP_PKEY_get_base_id (pkey) == EVP_PKEY_RSA
           ? xmlSecTransformRsaSha256Id : xmlSecTransformEcdsaSha256Id;
  key = xmlsec_key_new (g_steal_pointer (&pkey), fingerprint);
  if (fingerprint == NULL || key == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: the key cannot be used for signing"), private_key_path);
      return NULL;
    }

  doc = parse_document (xml, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (xmlSecFindNode (root, xmlSecNodeSignature, xmlSecDSigNs) != NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED,
                   _("the document is already signed; sign a fresh export instead"));
      return NULL;
    }

  sig = xmlSecTmplSignatureCreateNsPref (doc, xmlSecTransformExclC14NId, method,
                                         NULL, BAD_CAST "ds");
  if (sig == NULL)
    goto failed;
  /* The newline after it is signed too (only the Signature element is
   * removed by the enveloped transform); it keeps the file tidy.
   */
  xmlAddChild (root, sig);
  xmlAddChild (root, xmlNewDocText (doc, BAD_CAST "\n"));

  ref = xmlSecTmplSignatureAddReference (sig, xmlSecTransformSha256Id, NULL, BAD_CAST "", NULL);
  if (ref == NULL ||
      xmlSecTmplReferenceAddTransform (ref, xmlSecTransformEnvelopedId) == NULL ||
      xmlSecTmplReferenceAddTransform (ref, xmlSecTransformExclC14NId) == NULL)
    goto failed;
  key_info = xmlSecTmplSignatureEnsureKeyInfo (sig, NULL);
  if (key_info == NULL || xmlSecTmplKeyInfoAddKeyName (key_info, BAD_CAST fingerprint) == NULL)
    goto failed;

  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    goto failed;
  ctx->signKey = g_steal_pointer (&key);
  xmlsec_reason = 0;
  if (xmlSecDSigCtxSign (ctx, sig) < 0)
    goto failed;

  xmlDocDumpMemoryEnc (doc, &out, &out_len, "UTF-8");
  if (out == NULL)
    goto failed;
  signed_xml = g_bytes_new (out, (gsize) out_len);
  xmlFree (out);
  return signed_xml;

failed:
  g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED,
               _("cannot sign the document (XML signature error %d)"), xmlsec_reason);
  return NULL;
}

/* The one Reference covers the whole document (URI=""). */
static gboolean
covers_whole_document (xmlNodePtr sig)
{
  xmlNodePtr signed_info = xmlSecFindChild (sig, xmlSecNodeSignedInfo, xmlSecDSigNs);
  guint n_refs = 0;
  gboolean whole = FALSE;

  for (xmlNodePtr cur = signed_info ? signed_info->children : NULL; cur != NULL; cur = cur->next)
    if (cur->type == XML_ELEMENT_NODE &&
        xmlSecCheckNodeName (cur, xmlSecNodeReference, xmlSecDSigNs))
      {
        xmlChar *uri = xmlGetNoNsProp (cur, BAD_CAST "URI");

        n_refs++;
        whole = uri != NULL && uri[0] == '\0';
        xmlFree (uri);
      }
  return n_refs == 1 && whole;
}

/* The KeyName the signer wrote, when it looks like a fingerprint: it is
 * not signed, so it only helps explain a failure, and is never echoed
 * unless harmless.
 */
static char *
claimed_fingerprint (xmlNodePtr sig)
{
  xmlNodePtr key_info = xmlSecFindChild (sig, xmlSecNodeKeyInfo, xmlSecDSigNs);
  xmlNodePtr key_name = key_info ? xmlSecFindChild (key_info, xmlSecNodeKeyName, xmlSecDSigNs) : NULL;
  xmlChar *content = key_name ? xmlNodeGetContent (key_name) : NULL;
  g_autofree char *text = content ? g_strstrip (g_strdup ((const char *) content)) : NULL;

  xmlFree (content);
  if (text == NULL || strlen (text) != FINGERPRINT_LEN)
    return NULL;
  for (guint i = 0; i < FINGERPRINT_LEN; i++)
    if (i % 5 == 4 ? text[i] != ' ' : !g_ascii_isxdigit (text[i]))
      return NULL;
  return g_steal_pointer (&text);
}

static gboolean
references_match (xmlSecDSigCtxPtr ctx)
{
  xmlSecSize n = xmlSecPtrListGetSize (&ctx->signedInfoReferences);

  for (xmlSecSize i = 0; i < n; i++)
    {
      xmlSecDSigReferenceCtxPtr ref = xmlSecPtrListGetItem (&ctx->signedInfoReferences, i);

      if (ref == NULL || ref->status != xmlSecDSigStatusSucceeded)
        return FALSE;
    }
  return n > 0;
}

static void
set_bad_signature (GError     **error,
                   xmlNodePtr   sig,
                   const char  *fingerprint,
                   const char  *reason)
{
  g_autofree char *claimed = claimed_fingerprint (sig);

  if (claimed != NULL && g_ascii_strcasecmp (claimed, fingerprint) != 0)
    g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE,
                 _("the signature is not valid: %s; it names the key %s, and this key is %s"),
                 reason, claimed, fingerprint);
  else
    g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE,
                 _("the signature is not valid: %s"), reason);
}

gboolean
us_sign_verify (GBytes      *xml,
                const char  *public_key_path,
                char       **fingerprint,
                GError     **error)
{
  g_autoptr(EVP_PKEY) pkey = NULL;
  g_autoptr(xmlSecKey) key = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlSecDSigCtx) ctx = NULL;
  g_autofree char *key_fingerprint = NULL;
  const char *kind;
  xmlNodePtr root, sig;
  gboolean is_private = FALSE;
  int ret;

  g_return_val_if_fail (xml != NULL, FALSE);
  g_return_val_if_fail (public_key_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (fingerprint != NULL)
    *fingerprint = NULL;
  if (!ensure_xmlsec (error))
    return FALSE;

  pkey = load_key (public_key_path, &is_private, error);
  if (pkey == NULL)
    return FALSE;
  kind = key_kind (pkey);
  key_fingerprint = fingerprint_of (pkey);
  key = xmlsec_key_new (g_steal_pointer (&pkey), key_fingerprint);
  if (key_fingerprint == NULL || key == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                   _("%s: the key cannot be used to check signatures"), public_key_path);
      return FALSE;
    }
  if (fingerprint != NULL)
    *fingerprint = g_strdup (key_fingerprint);

  doc = parse_document (xml, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  sig = xmlSecFindNode (root, xmlSecNodeSignature, xmlSecDSigNs);
  if (sig == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_NOT_SIGNED,
                   _("the document is not signed; ask its publisher for the signed export"));
      return FALSE;
    }
  /* Where us_sign_document() puts it; a signature elsewhere may cover
   * something else than the document a reader sees.
   */
  if (sig->parent != root || last_element_child (root) != sig || !covers_whole_document (sig))
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE,
                   _("the signature is not valid: it is not the enveloped signature of the whole document that a signed export carries"));
      return FALSE;
    }

  ctx = xmlSecDSigCtxCreate (NULL);
  if (ctx == NULL)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED, _("out of memory"));
      return FALSE;
    }
  /* Only what us_sign_document() writes: no external or same-document
   * URIs (nothing is fetched), no XSLT or XPath transforms.
   */
  ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty;
  if (xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformEnvelopedId) < 0 ||
      xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformExclC14NId) < 0 ||
      xmlSecDSigCtxEnableReferenceTransform (ctx, xmlSecTransformSha256Id) < 0 ||
      xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformExclC14NId) < 0 ||
      xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformRsaSha256Id) < 0 ||
      xmlSecDSigCtxEnableSignatureTransform (ctx, xmlSecTransformEcdsaSha256Id) < 0)
    {
      g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_FAILED, _("out of memory"));
      return FALSE;
    }
  ctx->signKey = g_steal_pointer (&key);

  xmlsec_reason = 0;
  ret = xmlSecDSigCtxVerify (ctx, sig);
  if (ret < 0)
    {
      g_autofree char *reason = NULL;

      if (xmlsec_reason == XMLSEC_ERRORS_R_KEY_NOT_FOUND)
        reason = g_strdup_printf (_("it was made with another kind of key, not this %s key"), kind);
      else
        reason = g_strdup (_("it is damaged, or uses a method other than those a signed export uses"));
      set_bad_signature (error, sig, key_fingerprint, reason);
      return FALSE;
    }
  if (ctx->status == xmlSecDSigStatusSucceeded)
    return TRUE;

  /* The digest is checked first: a mismatch there means the content. */
  if (!references_match (ctx))
    g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_BAD_SIGNATURE,
                 _("the signature is not valid: the document was changed after it was signed; do not trust its contents, get the original from its publisher"));
  else
    set_bad_signature (error, sig, key_fingerprint,
                       _("another key signed it, or the signature itself was changed"));
  return FALSE;
}
