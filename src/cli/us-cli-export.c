/* us-cli-export.c: export — the press-pack PDF, the public XML, a CSV of
 * the signatories, or all of it as a signed press pack
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "us-cli.h"
#include "us-export.h"

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

/* --- xml ---------------------------------------------------------------- */

static GBytes *
xml_document (UsCampaign   *campaign,
              const Export *export,
              GError      **error)
{
  /* The public export drops e-mails, notes, the contact and everyone who
   * is not listed; --include-private keeps the whole campaign.
   */
  return us_export_xml (campaign, export->include_private ? US_WRITE_DEFAULT : US_WRITE_PUBLIC,
                        export->sign_key, error);
}

/* --- pack --------------------------------------------------------------- */

static gboolean
write_pack (UsCampaign    *campaign,
            const Export  *export,
            GError       **error)
{
  g_autoptr(UsExportPack) pack = NULL;

  pack = us_export_pack (campaign, &export->pdf, US_WRITE_PUBLIC, export->sign_key, export->output,
                         isatty (2) ? show_progress : NULL, NULL, NULL, error);
  if (pack == NULL)
    return FALSE;
  printf ("%s\n%s\n%s\n", pack->pdf_path, pack->xml_path, pack->public_key_path);
  printf ("fingerprint: %s\n", pack->fingerprint);
  printf ("sha256: %s\n", pack->xml_sha256);
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
      ok = us_export_pdf (campaign, &export.pdf, output, isatty (2) ? show_progress : NULL, NULL,
                          NULL, &error);
      break;
    case FORMAT_XML:
      bytes = xml_document (campaign, &export, &error);
      ok = bytes != NULL &&
           us_export_write_bytes (output, bytes, !include_private, &error);
      if (ok && sign_key == NULL)
        fprintf (stderr, "%s\n", _("note: the XML export is not signed (use --sign-key KEY.pem)"));
      break;
    case FORMAT_CSV:
      bytes = us_export_csv (campaign, include_private);
      ok = us_export_write_bytes (output, bytes, !include_private, &error);
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
