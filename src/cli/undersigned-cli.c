/* undersigned-cli: the headless front end over src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "us-cli.h"

typedef struct
{
  const char   *name;
  UsCliCommand  run;
  const char   *summary;
} Command;

/* undersigned-cli leaves these to undersigned-cli-full: see
 * src/cli/meson.build.
 */
#ifdef US_CLI_LIGHT
#define FULL(command) NULL
#else
#define FULL(command) command
#endif

static const Command commands[] = {
  { "new", us_cli_new, N_("Create an empty campaign") },
  { "validate", us_cli_validate, N_("Check a campaign file; list every problem") },
  { "stats", us_cli_stats, N_("Print a campaign's figures") },
  { "convert", us_cli_convert, N_("Load a campaign and save it again") },
  { "fetch", FULL (us_cli_fetch), N_("Refresh the sources the campaign follows") },
  { "sources", FULL (us_cli_sources), N_("List, add or remove followed sources") },
  { "inbox", FULL (us_cli_inbox), N_("List incident candidates; accept or dismiss one") },
  { "import", us_cli_import, N_("Add signatories from a CSV or OSDI JSON file") },
  { "duplicates", us_cli_duplicates, N_("List signatories who are likely the same person") },
  { "status", us_cli_status, N_("Set the verification status of signatories") },
  { "keygen", FULL (us_cli_keygen), N_("Make a key pair for signing exports") },
  { "verify", FULL (us_cli_verify), N_("Check the signature of a signed export") },
  { "export", FULL (us_cli_export), N_("Write the press-pack PDF, the XML export or a CSV") },
};

static void
usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: undersigned-cli COMMAND [OPTION…] ARGS"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “undersigned-cli COMMAND --help” for a command’s options."));
}

int
us_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              int               n_positional,
              const char       *positional_help)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "undersigned-cli: %s\n%s\n", error->message,
               _("Run with --help to see the options."));
      return US_EXIT_USAGE;
    }
  if (n_positional >= 0 && *argc - 1 != n_positional)
    {
      fprintf (stderr, "undersigned-cli: %s %s\n%s\n", _("expected:"), _(positional_help),
               _("Run with --help to see the options."));
      return US_EXIT_USAGE;
    }
  return -1;
}

int
us_cli_fail (GError *error)
{
  fprintf (stderr, "%s\n", error->message);
  return US_EXIT_DATA;
}

UsCampaign *
us_cli_load (const char  *path,
             GError     **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  UsCampaign *campaign = us_campaign_load_path (path, &problems, error);

  if (campaign != NULL)
    for (guint i = 0; i < problems->len; i++)
      {
        g_autofree char *line = us_problem_format (g_ptr_array_index (problems, i));
        fprintf (stderr, "%s\n", line);
      }
  return campaign;
}

#ifdef US_CLI_LIGHT
/* Runs the same command line in undersigned-cli-full, the program with
 * every command: beside this one in a build tree, else where it is
 * installed.
 */
static int
run_full (char **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "undersigned-cli-full", NULL) : NULL;
  const char *path = PKGLIBEXECDIR "/undersigned-cli-full";
  int saved_errno;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    path = beside;
  fflush (stdout);
  execv (path, argv);
  saved_errno = errno;
  fprintf (stderr, _("undersigned-cli: cannot run %s (%s): reinstall Undersigned\n"),
           path, g_strerror (saved_errno));
  return US_EXIT_USAGE;
}
#endif

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("undersigned-cli");

  if (argc < 2)
    {
      usage (stderr);
      return US_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      usage (stdout);
      return US_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("undersigned-cli %s\n", PACKAGE_VERSION);
      return US_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
#ifdef US_CLI_LIGHT
        if (commands[i].run == NULL)
          return run_full (argv);
#endif
        return commands[i].run (argc - 1, argv + 1);
      }

  fprintf (stderr, _("undersigned-cli: unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return US_EXIT_USAGE;
}
