/* us-format.h: the .undersigned file format
 *
 * UTF-8 XML in its own namespace, described by data/undersigned.rng.  Read
 * with xmlTextReader (streaming), written with xmlTextWriter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-campaign.h"

G_BEGIN_DECLS

#define US_FORMAT_NAMESPACE "https://undersigned.github.io/ns/campaign/1"
#define US_FORMAT_VERSION_MAJOR 1
#define US_FORMAT_VERSION_MINOR 0
#define US_FORMAT_VERSION "1.0"
#define US_FORMAT_MIME_TYPE "application/x-undersigned+xml"

#define US_FORMAT_ERROR (us_format_error_quark ())
GQuark us_format_error_quark (void);

typedef enum
{
  US_FORMAT_ERROR_IO,           /* cannot open, read or write */
  US_FORMAT_ERROR_MALFORMED,    /* not well-formed XML */
  US_FORMAT_ERROR_NOT_CAMPAIGN, /* wrong root element or namespace */
  US_FORMAT_ERROR_NEWER,        /* written by a newer format version */
  US_FORMAT_ERROR_INVALID,      /* well-formed, but a field is wrong */
  US_FORMAT_ERROR_FORBIDDEN,    /* DOCTYPE, entities: refused for safety */
} UsFormatError;

typedef struct
{
  char     *file;
  int       line;
  int       column;
  char     *message;
  gboolean  warning;
} UsProblem;

void     us_problem_free   (UsProblem *problem);
/* "FILE:LINE:COLUMN: message" (with "warning: " before warnings) */
char    *us_problem_format (const UsProblem *problem);

/* Loads a campaign.  On failure returns NULL and sets error to the first
 * problem; problems (when not NULL) receives every problem found,
 * warnings included, as UsProblem.  The returned campaign is unmodified.
 * display_name names the file in messages (defaults to the path).
 */
UsCampaign *us_campaign_load_path (const char  *path,
                                   GPtrArray  **problems,
                                   GError     **error);
UsCampaign *us_campaign_load_fd   (int          fd,
                                   const char  *display_name,
                                   GPtrArray  **problems,
                                   GError     **error);
UsCampaign *us_campaign_load_bytes (GBytes     *bytes,
                                    const char *display_name,
                                    GPtrArray **problems,
                                    GError    **error);

typedef enum
{
  US_WRITE_DEFAULT          = 0,
  /* The export: drop e-mails, notes, the contact, source state, and every
   * signatory that is not verified or has withdrawn or refused listing;
   * anonymous signers are kept without their names.
   */
  US_WRITE_PUBLIC           = 1 << 0,
  /* With US_WRITE_PUBLIC: keep pending, non-public signatories too. */
  US_WRITE_KEEP_UNVERIFIED  = 1 << 1,
} UsWriteFlags;

gboolean us_campaign_write      (UsCampaign     *campaign,
                                 GOutputStream  *stream,
                                 UsWriteFlags    flags,
                                 GCancellable   *cancellable,
                                 GError        **error);
GBytes  *us_campaign_to_bytes   (UsCampaign     *campaign,
                                 UsWriteFlags    flags,
                                 GError        **error);

/* Atomic save: writes FILE.XXXXXX beside path, fsyncs it, keeps the old
 * file as path~ and renames the new one over path, then fsyncs the
 * directory.  On any failure the old file is untouched.  Clears the
 * campaign's modified flag on success unless flags has US_WRITE_PUBLIC.
 */
gboolean us_campaign_save_path  (UsCampaign     *campaign,
                                 const char     *path,
                                 UsWriteFlags    flags,
                                 GError        **error);
/* The same atomic replacement for any bytes (exports, drafts). */
gboolean us_file_replace_contents (const char   *path,
                                   GBytes       *contents,
                                   gboolean      keep_backup,
                                   GError      **error);

/* Validate an XML document against data/undersigned.rng, collecting one
 * UsProblem per violation.  schema_path NULL finds the installed or
 * source-tree copy.
 */
gboolean us_schema_validate_bytes (GBytes      *document,
                                   const char  *display_name,
                                   const char  *schema_path,
                                   GPtrArray   *problems,
                                   GError     **error);

/* Refuse every external entity and DTD load for the whole process: a
 * campaign file, a feed or a schema never makes us read another file or
 * the network.  Idempotent; called by every reader.
 */
void     us_xml_init_safety     (void);

G_END_DECLS
