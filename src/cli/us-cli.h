/* us-cli.h: shared by the subcommands of undersigned-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-campaign.h"
#include "us-format.h"

G_BEGIN_DECLS

typedef enum
{
  US_EXIT_OK      = 0,
  US_EXIT_DATA    = 1,   /* bad data or file */
  US_EXIT_USAGE   = 2,
  US_EXIT_NETWORK = 3,
} UsExit;

typedef int (*UsCliCommand) (int argc, char **argv);

/* Parses options for a subcommand; prints help on --help (exit 0) or the
 * error and a hint on bad usage (exit 2).  Returns -1 to go on.
 */
int         us_cli_parse      (GOptionContext  *context,
                               int             *argc,
                               char          ***argv,
                               int              n_positional,
                               const char      *positional_help);
/* Prints the error (FILE:LINE:COLUMN: message) and returns US_EXIT_DATA. */
int         us_cli_fail       (GError          *error);
UsCampaign *us_cli_load       (const char      *path,
                               GError         **error);

int us_cli_new      (int argc, char **argv);
int us_cli_validate (int argc, char **argv);
int us_cli_stats    (int argc, char **argv);
int us_cli_convert  (int argc, char **argv);
int us_cli_fetch    (int argc, char **argv);
int us_cli_sources  (int argc, char **argv);
int us_cli_inbox    (int argc, char **argv);
int us_cli_import   (int argc, char **argv);
int us_cli_duplicates (int argc, char **argv);
int us_cli_status   (int argc, char **argv);
int us_cli_keygen   (int argc, char **argv);
int us_cli_verify   (int argc, char **argv);
int us_cli_export   (int argc, char **argv);

G_END_DECLS
