/* us-cli-file.c: new, validate, stats, convert
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "us-cli.h"
#include "us-stats.h"

int
us_cli_new (int    argc,
            char **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *organisation = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — create an empty campaign"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "title", 't', 0, G_OPTION_ARG_STRING, &title, N_("The campaign’s title"), N_("TITLE") },
    { "organisation", 'o', 0, G_OPTION_ARG_STRING, &organisation, N_("The organisation running it"), N_("NAME") },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;
  if (title == NULL)
    {
      fprintf (stderr, "undersigned-cli: %s\n", _("--title is required"));
      return US_EXIT_USAGE;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, _("%s:0:0: the file already exists; choose another name or remove it first\n"), argv[1]);
      return US_EXIT_DATA;
    }

  campaign = us_campaign_new (title);
  us_campaign_set_organisation (campaign, organisation);
  if (!us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  return US_EXIT_OK;
}

int
us_cli_validate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — check a campaign file"));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print errors only, not warnings"), NULL },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;

  campaign = us_campaign_load_path (argv[1], &problems, &error);
  if (problems == NULL || problems->len == 0)
    {
      if (error != NULL)
        fprintf (stderr, "%s\n", error->message);
    }
  else
    for (guint i = 0; i < problems->len; i++)
      {
        UsProblem *p = g_ptr_array_index (problems, i);
        g_autofree char *line = NULL;

        if (quiet && p->warning)
          continue;
        line = us_problem_format (p);
        fprintf (stderr, "%s\n", line);
      }
  return campaign != NULL ? US_EXIT_OK : US_EXIT_DATA;
}

int
us_cli_stats (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — print a campaign’s figures"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsStats) stats = NULL;
  g_autoptr(GPtrArray) countries = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  stats = us_stats_compute (campaign);
  printf ("title: %s\n", us_campaign_get_title (campaign) ? us_campaign_get_title (campaign) : "");
  printf ("signatories: %u\n", stats->signatories);
  printf ("verified: %u\n", stats->by_status[US_STATUS_VERIFIED]);
  printf ("public: %u\n", stats->public);
  printf ("anonymous: %u\n", stats->anonymous);
  printf ("prominent: %u\n", stats->prominent);
  for (guint s = 0; s < G_N_ELEMENTS (stats->by_status); s++)
    printf ("status-%s: %u\n", us_status_to_string (s), stats->by_status[s]);
  for (guint c = 0; c < G_N_ELEMENTS (stats->by_consent); c++)
    printf ("consent-%s: %u\n", us_consent_to_string (c), stats->by_consent[c]);
  printf ("incidents: %u\n", stats->incidents);
  printf ("languages: %u\n", stats->languages);
  printf ("versions: %u\n", stats->versions);
  printf ("sources: %u\n", stats->sources);
  printf ("inbox: %u\n", us_campaign_count_new_candidates (campaign));
  countries = us_stats_countries_sorted (stats);
  printf ("countries: %u\n", countries->len);
  for (guint i = 0; i < countries->len; i++)
    {
      const char *code = g_ptr_array_index (countries, i);
      printf ("country-%s: %u\n", code,
              GPOINTER_TO_UINT (g_hash_table_lookup (stats->by_country, code)));
    }
  return US_EXIT_OK;
}

int
us_cli_convert (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IN OUT — load a campaign and save it again"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if ((ret = us_cli_parse (context, &argc, &argv, 2, N_("IN OUT"))) >= 0)
    return ret;

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);
  if (!us_campaign_save_path (campaign, argv[2], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  return US_EXIT_OK;
}
