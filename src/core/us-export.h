/* us-export.h: what leaves the building — the PDF, the public XML, a CSV
 * of the signatories, and the signed press pack — as both the CLI's
 * export command and the app's Export dialog write them
 *
 * Every writer replaces its file atomically (a temporary name beside it,
 * then a rename), so a failed or cancelled export leaves an older file
 * alone and never a half-written one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"
#include "us-format.h"
#include "us-pdf.h"

G_BEGIN_DECLS

typedef enum
{
  US_EXPORT_PACK,
  US_EXPORT_PDF,
  US_EXPORT_XML,
  US_EXPORT_CSV,
} UsExportFormat;

/* The signatories as CSV.  Without include_private: only those listed by
 * name, without e-mail and note columns.  Cells that a spreadsheet would
 * run as formulas are neutralised.
 */
GBytes       *us_export_csv            (UsCampaign          *campaign,
                                        gboolean             include_private);

/* The campaign written with flags (US_WRITE_PUBLIC for the export), then
 * signed with the private key in sign_key unless it is NULL.
 */
GBytes       *us_export_xml            (UsCampaign          *campaign,
                                        UsWriteFlags         flags,
                                        const char          *sign_key,
                                        GError             **error);

/* Atomic replacement; a public file (is_public) is readable by all,
 * anything else by its owner only.
 */
gboolean      us_export_write_bytes    (const char          *path,
                                        GBytes              *contents,
                                        gboolean             is_public,
                                        GError             **error);

/* us_pdf_export() into a temporary file renamed over path. */
gboolean      us_export_pdf            (UsCampaign          *campaign,
                                        const UsPdfOptions  *options,
                                        const char          *path,
                                        UsPdfProgressFunc    progress,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GError             **error);

/* "Stop cyberattacks on healthcare!" → "stop-cyberattacks-on-healthcare":
 * the base name of a press pack's files.
 */
char         *us_export_slug           (const char          *title);

/* The public half of a PEM private key, as PEM SubjectPublicKeyInfo. */
GBytes       *us_export_public_key_pem (const char          *private_key_path,
                                        GError             **error);

typedef struct
{
  char *pdf_path;
  char *xml_path;
  char *public_key_path;
  char *fingerprint;   /* of the signing key, as us_sign_fingerprint() */
  char *xml_sha256;    /* lowercase hex */
} UsExportPack;

void          us_export_pack_free      (UsExportPack        *pack);

/* Writes SLUG.pdf, SLUG.xml (signed with sign_key, written with
 * xml_flags) and SLUG.pub.pem into dir, creating it.  The PDF ends with
 * a verification section (options->verification_text is ignored).  The
 * PDF, the long part, is finished before any file appears, so a
 * cancelled or failed pack adds nothing to dir.  progress follows the PDF.
 */
UsExportPack *us_export_pack           (UsCampaign          *campaign,
                                        const UsPdfOptions  *options,
                                        UsWriteFlags         xml_flags,
                                        const char          *sign_key,
                                        const char          *dir,
                                        UsPdfProgressFunc    progress,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsExportPack, us_export_pack_free)

G_END_DECLS
