/* us-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

#include "us-csv.h"
#include "us-export.h"
#include "us-sign.h"
#include "us-util.h"

#define SLUG_MAX 40

/* --- csv ---------------------------------------------------------------- */

GBytes *
us_export_csv (UsCampaign *campaign,
               gboolean    include_private)
{
  GListModel *signatories;
  guint n;
  GString *out;
  const char *header[] = { "id", "name", "title", "organisation", "country", "signed_at",
                           "status", "consent", "prominent", "email", "note" };
  guint n_fields = include_private ? 11 : 9;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);

  signatories = us_campaign_get_signatories (campaign);
  n = g_list_model_get_n_items (signatories);
  out = g_string_sized_new (64 + n * 96);
  us_csv_append_record (out, header, n_fields, ',', TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (signatories, i);
      gint64 when = us_signatory_get_signed_at (signatory);
      char id[16], prominent[16], signed_at[32];
      const char *fields[11];

      if (!include_private && !us_signatory_is_public (signatory))
        continue;
      g_snprintf (id, sizeof id, "%u", us_signatory_get_id (signatory));
      g_snprintf (prominent, sizeof prominent, "%u", us_signatory_get_prominent (signatory));
      if (when != 0)
        us_format_timestamp_buf (when, signed_at);
      else
        signed_at[0] = '\0';
      fields[0] = id;
      fields[1] = us_signatory_get_name (signatory);
      fields[2] = us_signatory_get_title (signatory);
      fields[3] = us_signatory_get_organisation (signatory);
      fields[4] = us_signatory_get_country (signatory);
      fields[5] = signed_at;
      fields[6] = us_status_to_string (us_signatory_get_status (signatory));
      fields[7] = us_consent_to_string (us_signatory_get_consent (signatory));
      fields[8] = prominent;
      fields[9] = us_signatory_get_email (signatory);
      fields[10] = us_signatory_get_note (signatory);
      /* A spreadsheet must not run a signer's name as a formula. */
      us_csv_append_record (out, fields, n_fields, ',', TRUE);
    }
  return g_string_free_to_bytes (out);
}

/* --- xml ---------------------------------------------------------------- */

GBytes *
us_export_xml (UsCampaign    *campaign,
               UsWriteFlags   flags,
               const char    *sign_key,
               GError       **error)
{
  g_autoptr(GBytes) xml = NULL;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);

  xml = us_campaign_to_bytes (campaign, flags, error);
  if (xml == NULL || sign_key == NULL)
    return g_steal_pointer (&xml);
  return us_sign_document (xml, sign_key, error);
}

/* --- files -------------------------------------------------------------- */

gboolean
us_export_write_bytes (const char  *path,
                       GBytes      *contents,
                       gboolean     is_public,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* us_file_replace_contents() keeps what it writes to the owner; a
   * public export is meant to be handed out.
   */
  if (!us_file_replace_contents (path, contents, FALSE, error))
    return FALSE;
  if (is_public)
    g_chmod (path, 0644);
  return TRUE;
}

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("%s: cannot write here: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Writes the PDF to PATH.tmp-XXXXXX; *tmp_out receives that name. */
static gboolean
pdf_to_temp (UsCampaign          *campaign,
             const UsPdfOptions  *options,
             const char          *path,
             UsPdfProgressFunc    progress,
             gpointer             data,
             GCancellable        *cancellable,
             char               **tmp_out,
             GError             **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_WRONLY, 0644);

  if (fd < 0)
    return set_errno_error (error, errno, path);
  close (fd);
  if (!us_pdf_export (campaign, options, tmp, progress, data, cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  *tmp_out = g_steal_pointer (&tmp);
  return TRUE;
}

static gboolean
rename_over (const char  *tmp,
             const char  *path,
             GError     **error)
{
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path);
    }
  return TRUE;
}

gboolean
us_export_pdf (UsCampaign          *campaign,
               const UsPdfOptions  *options,
               const char          *path,
               UsPdfProgressFunc    progress,
               gpointer             data,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return pdf_to_temp (campaign, options, path, progress, data, cancellable, &tmp, error) &&
         rename_over (tmp, path, error);
}

/* --- pack --------------------------------------------------------------- */

char *
us_export_slug (const char *title)
{
  g_autofree char *ascii = g_str_to_ascii (title ? title : "", NULL);
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  /* Short enough that the commands in the PDF stay on one line; cut at a
   * word if there is one in the second half.
   */
  if (slug->len > SLUG_MAX)
    {
      const char *cut = g_strrstr_len (slug->str, SLUG_MAX + 1, "-");

      g_string_truncate (slug, cut != NULL && cut - slug->str > SLUG_MAX / 2
                                 ? (gsize) (cut - slug->str) : SLUG_MAX);
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, "campaign");
  return g_string_free (slug, FALSE);
}

static int
refuse_passphrase (char *buf,
                   int   size,
                   int   rwflag,
                   void *data)
{
  return -1;
}

GBytes *
us_export_public_key_pem (const char  *private_key_path,
                          GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  BIO *in = NULL;
  BIO *out = NULL;
  EVP_PKEY *key = NULL;
  GBytes *pem = NULL;
  char *text;
  long text_length;

  g_return_val_if_fail (private_key_path != NULL, NULL);

  if (!g_file_get_contents (private_key_path, &data, &length, error))
    return NULL;
  in = BIO_new_mem_buf (data, (int) MIN (length, G_MAXINT));
  key = in ? PEM_read_bio_PrivateKey (in, NULL, refuse_passphrase, NULL) : NULL;
  OPENSSL_cleanse (data, length);
  out = BIO_new (BIO_s_mem ());
  if (key != NULL && out != NULL && PEM_write_bio_PUBKEY (out, key) &&
      (text_length = BIO_get_mem_data (out, &text)) > 0)
    pem = g_bytes_new (text, text_length);
  else
    g_set_error (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY,
                 _("%s: cannot read the private key"), private_key_path);
  ERR_clear_error ();
  EVP_PKEY_free (key);
  BIO_free_all (in);
  BIO_free_all (out);
  return pem;
}

static char *
verification_text (const char *slug,
                   const char *fingerprint,
                   const char *xml_sha256)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
    _("This press pack comes with a machine-readable copy of the campaign, %s.xml, "
      "signed by the organisation. Anyone can check that the file is the one it "
      "published and that nobody has changed it since."), slug);
  g_string_append (text, "\n\n");
  g_string_append (text, _("Fingerprint of the signing key (SHA-256 of the public key):"));
  g_string_append_printf (text, "\n\n    %s\n\n", fingerprint);
  g_string_append_printf (text, _("SHA-256 of %s.xml:"), slug);
  g_string_append_printf (text, "\n\n    %s\n\n", xml_sha256);
  g_string_append (text, _("To check the file’s checksum, compare the output of:"));
  g_string_append_printf (text, "\n\n    sha256sum %s.xml\n\n", slug);
  g_string_append_printf (text,
    _("To check the signature with the public key %s.pub.pem, use xmlsec1 or Undersigned:"), slug);
  /* Broken with a backslash so that each line fits the page and still
   * pastes into a shell as one command.
   */
  g_string_append_printf (text, "\n\n    xmlsec1 --verify --pubkey-pem %s.pub.pem \\\n      %s.xml\n"
                                "    undersigned-cli verify %s.xml \\\n      --key %s.pub.pem\n\n",
                          slug, slug, slug, slug);
  g_string_append (text,
    _("Check that the fingerprint of the public key you use matches the one above: "
      "undersigned-cli verify prints it."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
us_export_pack_free (UsExportPack *pack)
{
  if (pack == NULL)
    return;
  g_free (pack->pdf_path);
  g_free (pack->xml_path);
  g_free (pack->public_key_path);
  g_free (pack->fingerprint);
  g_free (pack->xml_sha256);
  g_free (pack);
}

UsExportPack *
us_export_pack (UsCampaign          *campaign,
                const UsPdfOptions  *options,
                UsWriteFlags         xml_flags,
                const char          *sign_key,
                const char          *dir,
                UsPdfProgressFunc    progress,
                gpointer             data,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(UsExportPack) pack = g_new0 (UsExportPack, 1);
  g_autofree char *slug = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdf_tmp = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) pem = NULL;
  UsPdfOptions pdf_options = { 0 };

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (sign_key != NULL, NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  if (options != NULL)
    pdf_options = *options;
  slug = us_export_slug (us_campaign_get_title (campaign));
  base = g_build_filename (dir, slug, NULL);
  pack->pdf_path = g_strconcat (base, ".pdf", NULL);
  pack->xml_path = g_strconcat (base, ".xml", NULL);
  pack->public_key_path = g_strconcat (base, ".pub.pem", NULL);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  if ((xml = us_export_xml (campaign, xml_flags, sign_key, error)) == NULL ||
      (pem = us_export_public_key_pem (sign_key, error)) == NULL ||
      (pack->fingerprint = us_sign_fingerprint (sign_key, error)) == NULL)
    return NULL;
  pack->xml_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, xml);
  text = verification_text (slug, pack->fingerprint, pack->xml_sha256);
  pdf_options.verification_text = text;

  if (!pdf_to_temp (campaign, &pdf_options, pack->pdf_path, progress, data, cancellable,
                    &pdf_tmp, error))
    return NULL;
  if (!us_export_write_bytes (pack->xml_path, xml, TRUE, error) ||
      !us_export_write_bytes (pack->public_key_path, pem, TRUE, error))
    {
      g_unlink (pdf_tmp);
      return NULL;
    }
  if (!rename_over (pdf_tmp, pack->pdf_path, error))
    return NULL;
  return g_steal_pointer (&pack);
}
