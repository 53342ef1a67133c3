/* us-cli-export.c: export — the press-pack PDF, the public XML, a CSV of
 * the signatories, or all of it as a signed press pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "us-cli.h"
#include "us-csv.h"
#include "us-pdf.h"
#include "us-sign.h"
#include "us-util.h"

typedef enum
{
  FORMAT_PDF,
  FORMAT_XML,
  FORMAT_CSV,
  FORMAT_PACK,
} Format;

typedef struct
{
  Format       format;
  const char  *output;
  UsPdfOptions pdf;
  gboolean     include_private;
  const char  *sign_key;
} Export;

static int
usage_error (const char *message)
{
  fprintf (stderr, "undersigned-cli: %s\n%s\n", message, _("Run with --help to see the options."));
  return US_EXIT_USAGE;
}

/* --- pdf ---------------------------------------------------------------- */

static void
show_progress (double   fraction,
               gpointer data)
{
  fprintf (stderr, "\r%s %3d%%", _("Writing the PDF…"), (int) (fraction * 100 + 0.5));
  if (fraction >= 1.0)
    fputc ('\n', stderr);
}

/* Writes OUT.tmp-XXXXXX beside path and renames it over path: a reader
 * never sees half a PDF, and a failure leaves an old file alone.
 */
static gboolean
write_pdf (UsCampaign          *campaign,
           const UsPdfOptions  *options,
           const char          *path,
           GError             **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  int fd = g_mkstemp_full (tmp, O_WRONLY, 0644);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot write here: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  if (!us_pdf_export (campaign, options, tmp, isatty (2) ? show_progress : NULL, NULL, NULL, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot write here: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* us_file_replace_contents() keeps what it writes to the owner; a public
 * export is meant to be handed out.
 */
static gboolean
write_public (const char  *path,
              GBytes      *contents,
              GError     **error)
{
  if (!us_file_replace_contents (path, contents, FALSE, error))
    return FALSE;
  g_chmod (path, 0644);
  return TRUE;
}

/* --- xml ---------------------------------------------------------------- */

static GBytes *
xml_document (UsCampaign  *campaign,
              const Export *export,
              GError     **error)
{
  g_autoptr(GBytes) xml = NULL;

  /* The public export drops e-mails, notes, the contact and everyone who
   * is not listed; --include-private keeps the whole campaign.
   */
  xml = us_campaign_to_bytes (campaign, export->include_private ? US_WRITE_DEFAULT : US_WRITE_PUBLIC,
                              error);
  if (xml == NULL)
    return NULL;
  if (export->sign_key == NULL)
    return g_steal_pointer (&xml);
  return us_sign_document (xml, export->sign_key, error);
}

/* --- csv ---------------------------------------------------------------- */

static GBytes *
csv_document (UsCampaign   *campaign,
              const Export *export)
{
  GListModel *signatories = us_campaign_get_signatories (campaign);
  guint n = g_list_model_get_n_items (signatories);
  GString *out = g_string_sized_new (64 + n * 96);
  const char *header[] = { "id", "name", "title", "organisation", "country", "signed_at",
                           "status", "consent", "prominent", "email", "note" };
  guint n_fields = export->include_private ? 11 : 9;

  us_csv_append_record (out, header, n_fields, ',', TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (signatories, i);
      gint64 when = us_signatory_get_signed_at (signatory);
      char id[16], prominent[16], signed_at[32];
      const char *fields[11];

      if (!export->include_private && !us_signatory_is_public (signatory))
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
      /* Every cell starting = + - @ or a control character gets a quote
       * in front: a spreadsheet must not run a signer's name as a formula.
       */
      us_csv_append_record (out, fields, n_fields, ',', TRUE);
    }
  return g_string_free_to_bytes (out);
}

/* --- pack --------------------------------------------------------------- */

#define SLUG_MAX 40

/* "Stop cyberattacks on healthcare!" → "stop-cyberattacks-on-healthcare":
 * short enough that the commands in the PDF stay on one line.
 */
static char *
slug_for (const char *title)
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
  if (slug->len > SLUG_MAX)
    {
      /* Cut at a word if there is one in the second half. */
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

/* The public half of the signing key, as PEM SubjectPublicKeyInfo: what
 * `xmlsec1 --pubkey-pem` and `undersigned-cli verify --key` read.
 */
static GBytes *
public_key_pem (const char  *private_key_path,
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

static gboolean
write_pack (UsCampaign    *campaign,
            const Export  *export,
            GError       **error)
{
  g_autofree char *slug = slug_for (us_campaign_get_title (campaign));
  g_autofree char *base = g_build_filename (export->output, slug, NULL);
  g_autofree char *xml_path = g_strconcat (base, ".xml", NULL);
  g_autofree char *pem_path = g_strconcat (base, ".pub.pem", NULL);
  g_autofree char *pdf_path = g_strconcat (base, ".pdf", NULL);
  g_autofree char *fingerprint = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) pem = NULL;
  UsPdfOptions options = export->pdf;

  if (g_mkdir_with_parents (export->output, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: cannot create the folder: %s"), export->output, g_strerror (saved_errno));
      return FALSE;
    }
  if ((xml = xml_document (campaign, export, error)) == NULL ||
      (pem = public_key_pem (export->sign_key, error)) == NULL ||
      (fingerprint = us_sign_fingerprint (export->sign_key, error)) == NULL)
    return FALSE;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, xml);
  text = verification_text (slug, fingerprint, sha256);
  options.verification_text = text;

  if (!write_public (xml_path, xml, error) ||
      !write_public (pem_path, pem, error) ||
      !write_pdf (campaign, &options, pdf_path, error))
    return FALSE;
  printf ("%s\n%s\n%s\n", pdf_path, xml_path, pem_path);
  printf ("fingerprint: %s\n", fingerprint);
  printf ("sha256: %s\n", sha256);
  return TRUE;
}

/* --- the command -------------------------------------------------------- */

static gboolean
parse_format (const char *name,
              const char *output,
              Format     *format)
{
  static const char * const names[] = { "pdf", "xml", "csv", "pack" };

  /* Without --format, the output's extension decides. */
  if (name == NULL && output != NULL)
    {
      const char *dot = strrchr (output, '.');

      if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
        return FALSE;
      name = dot + 1;
      if (g_ascii_strcasecmp (name, "pack") == 0)
        return FALSE;
    }
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *format = (Format) i;
        return TRUE;
      }
  return FALSE;
}

int
us_cli_export (int    argc,
               char **argv)
{
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *edition = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *sign_key = NULL;
  gboolean group_by_country = FALSE;
  gboolean include_private = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — write a press pack, the XML export or a CSV of the signatories"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("pdf, xml, csv or pack (default: from the output’s extension)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write (a folder for pack)"), N_("OUT") },
    { "edition", 'e', 0, G_OPTION_ARG_STRING, &edition, N_("The letter’s edition to print (pdf, pack; default: the first)"), N_("LANG") },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper, N_("a4 (the default) or letter (pdf, pack)"), N_("SIZE") },
    { "group-by-country", 'g', 0, G_OPTION_ARG_NONE, &group_by_country, N_("List signatories under their countries (pdf, pack)"), NULL },
    { "include-private", 0, 0, G_OPTION_ARG_NONE, &include_private, N_("Keep e-mails, notes and unlisted signatories (xml, csv)"), NULL },
    { "sign-key", 'k', 0, G_OPTION_ARG_FILENAME, &sign_key, N_("Sign the XML with this private key (xml; required for pack)"), N_("KEY.pem") },
    { NULL }
  };
  Export export = { 0 };
  gboolean ok = FALSE;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Formats:\n"
      "  pdf   the press pack: cover, letter, signatories, cited incidents\n"
      "  xml   the campaign without private data (signed with --sign-key)\n"
      "  csv   the signatories listed by name\n"
      "  pack  OUT/NAME.pdf, the signed OUT/NAME.xml and OUT/NAME.pub.pem; the PDF\n"
      "        ends with the key's fingerprint and the XML's SHA-256\n\n"
      "E-mail addresses and notes never appear in a PDF."));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;

  if (output == NULL)
    return usage_error (_("-o OUT is required"));
  if (!parse_format (format_name, output, &export.format))
    return usage_error (format_name ? _("--format must be pdf, xml, csv or pack")
                                    : _("give --format pdf, xml, csv or pack"));
  export.output = output;
  export.include_private = include_private;
  export.sign_key = sign_key;
  export.pdf.language = edition;
  export.pdf.group_by_country = group_by_country;
  if (paper == NULL || g_ascii_strcasecmp (paper, "a4") == 0)
    export.pdf.paper = US_PAPER_A4;
  else if (g_ascii_strcasecmp (paper, "letter") == 0)
    export.pdf.paper = US_PAPER_LETTER;
  else
    return usage_error (_("--paper must be a4 or letter"));

  if ((export.format == FORMAT_PDF || export.format == FORMAT_PACK) && include_private)
    return usage_error (_("--include-private is for xml and csv: a press pack never shows private data"));
  if ((export.format == FORMAT_XML || export.format == FORMAT_CSV) &&
      (edition || paper || group_by_country))
    return usage_error (_("--edition, --paper and --group-by-country are for pdf and pack"));
  if ((export.format == FORMAT_PDF || export.format == FORMAT_CSV) && sign_key)
    return usage_error (_("--sign-key is for xml and pack"));
  if (export.format == FORMAT_PACK && sign_key == NULL)
    return usage_error (_("pack needs --sign-key KEY.pem (make one with “undersigned-cli keygen”)"));

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  switch (export.format)
    {
    case FORMAT_PDF:
      ok = write_pdf (campaign, &export.pdf, output, &error);
      break;
    case FORMAT_XML:
      bytes = xml_document (campaign, &export, &error);
      ok = bytes != NULL &&
           (include_private ? us_file_replace_contents (output, bytes, FALSE, &error)
                            : write_public (output, bytes, &error));
      if (ok && sign_key == NULL)
        fprintf (stderr, "%s\n", _("note: the XML export is not signed (use --sign-key KEY.pem)"));
      break;
    case FORMAT_CSV:
      bytes = csv_document (campaign, &export);
      ok = include_private ? us_file_replace_contents (output, bytes, FALSE, &error)
                           : write_public (output, bytes, &error);
      break;
    case FORMAT_PACK:
      ok = write_pack (campaign, &export, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    return us_cli_fail (error);
  return US_EXIT_OK;
}
