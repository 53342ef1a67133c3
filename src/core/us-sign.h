/* us-sign.h: signed XML exports (W3C XML Signature) and signing keys
 *
 * A signed export carries one enveloped ds:Signature as the last child of
 * <campaign>: Reference URI="" (the whole document), transforms
 * enveloped-signature and exclusive c14n, digest SHA-256, and RSA-SHA256
 * or ECDSA-SHA256.  ds:KeyInfo holds only a ds:KeyName with the signing
 * key's fingerprint, so readers see which key signed; the verifier always
 * supplies the public key itself.  The result verifies with
 * `xmlsec1 --verify --pubkey-pem KEY.pub.pem FILE`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define US_SIGN_ERROR (us_sign_error_quark ())
GQuark us_sign_error_quark (void);

typedef enum
{
  US_SIGN_ERROR_KEY,            /* unreadable, unsupported or missing key */
  US_SIGN_ERROR_NOT_SIGNED,     /* the document has no ds:Signature */
  US_SIGN_ERROR_BAD_SIGNATURE,  /* changed since signing, or another key */
  US_SIGN_ERROR_FAILED,         /* anything else (already signed, I/O) */
} UsSignError;

typedef enum
{
  US_KEY_RSA,                   /* RSA, 3072 bits */
  US_KEY_EC_P256,               /* ECDSA on NIST P-256 */
} UsKeyType;

/* Writes a new private key to private_path (PEM, PKCS#8, unencrypted,
 * mode 0600) and its public key to public_path (PEM SubjectPublicKeyInfo,
 * mode 0644).  Refuses (G_IO_ERROR_EXISTS) when either file exists; on
 * failure neither file is left behind.
 */
gboolean us_sign_keygen      (const char  *private_path,
                              const char  *public_path,
                              UsKeyType    type,
                              GError     **error);

/* SHA-256 of the DER SubjectPublicKeyInfo of the key in key_path (a
 * private or a public PEM key: both give the same fingerprint), as 64
 * lowercase hex digits in groups of 4: "ab12 cd34 …".
 */
char    *us_sign_fingerprint (const char  *key_path,
                              GError     **error);

/* Returns xml with an enveloped signature made with the private key in
 * private_key_path appended as the last child of the root element.
 * Documents with a DOCTYPE (US_FORMAT_ERROR_FORBIDDEN), that are not
 * well-formed (US_FORMAT_ERROR_MALFORMED) or that are already signed
 * (US_SIGN_ERROR_FAILED) are refused.
 */
GBytes  *us_sign_document    (GBytes      *xml,
                              const char  *private_key_path,
                              GError     **error);

/* TRUE when xml carries a signature, as us_sign_document() makes them,
 * that verifies with the key in public_key_path.  fingerprint (may be
 * NULL) receives that key's fingerprint whenever the key could be read,
 * even when the signature is bad.  Errors: US_SIGN_ERROR_NOT_SIGNED,
 * US_SIGN_ERROR_BAD_SIGNATURE (the message says whether the document was
 * changed or another key signed it, when that can be told),
 * US_SIGN_ERROR_KEY, and the US_FORMAT_ERROR codes of us_sign_document().
 */
gboolean us_sign_verify      (GBytes      *xml,
                              const char  *public_key_path,
                              char       **fingerprint,
                              GError     **error);

G_END_DECLS
