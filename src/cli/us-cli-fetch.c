/* us-cli-fetch.c: fetch, sources, inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "us-cli.h"
#include "us-fetcher.h"
#include "us-util.h"

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  GCancellable *cancellable;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static gboolean
interrupted_cb (gpointer user_data)
{
  Wait *wait = user_data;

  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until wait_cb; Ctrl+C cancels the operation, which
 * then finishes with G_IO_ERROR_CANCELLED and changes nothing.
 */
static void
wait_run (Wait *wait)
{
  guint sigint = g_unix_signal_add (SIGINT, interrupted_cb, wait);
  guint sigterm = g_unix_signal_add (SIGTERM, interrupted_cb, wait);

  g_main_loop_run (wait->loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
}

static void
wait_init (Wait *wait)
{
  wait->loop = g_main_loop_new (NULL, FALSE);
  wait->cancellable = g_cancellable_new ();
  wait->result = NULL;
}

static void
wait_clear (Wait *wait)
{
  g_clear_pointer (&wait->loop, g_main_loop_unref);
  g_clear_object (&wait->cancellable);
  g_clear_object (&wait->result);
}

static int
fail_usage (const char *message)
{
  fprintf (stderr, "undersigned-cli: %s\n%s\n", message, _("Run with --help to see the options."));
  return US_EXIT_USAGE;
}

static const char *
or_dash (const char *text)
{
  return text && *text ? text : "-";
}

/* fetch */

typedef struct
{
  char       *fallback;   /* --token-env NAME: for every source with a token header */
  GHashTable *by_id;      /* --token-env ID=NAME */
} Tokens;

static void
tokens_free (Tokens *tokens)
{
  g_free (tokens->fallback);
  g_hash_table_unref (tokens->by_id);
  g_free (tokens);
}

static char *
token_for_source (const char *source_id,
                  const char *url,
                  const char *header,
                  gpointer    user_data)
{
  Tokens *tokens = user_data;
  const char *token = g_hash_table_lookup (tokens->by_id, source_id);

  return g_strdup (token ? token : tokens->fallback);
}

/* Reads each --token-env from the environment; the token itself never
 * appears on the command line, where ps would show it.
 */
static Tokens *
tokens_from_env (char   **names,
                 char   **error_message)
{
  Tokens *tokens = g_new0 (Tokens, 1);

  tokens->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *eq = strchr (names[i], '=');
      const char *var = eq ? eq + 1 : names[i];
      const char *value = g_getenv (var);

      if (value == NULL || *value == '\0')
        {
          *error_message = g_strdup_printf (_("the environment variable %s is not set"), var);
          tokens_free (tokens);
          return NULL;
        }
      if (eq != NULL)
        g_hash_table_replace (tokens->by_id, g_strndup (names[i], eq - names[i]), g_strdup (value));
      else
        {
          g_free (tokens->fallback);
          tokens->fallback = g_strdup (value);
        }
    }
  return tokens;
}

static void
print_letter_diff (UsCampaign *campaign,
                   UsLetter   *theirs)
{
  UsLetter *ours = us_campaign_get_letter (campaign);
  GListModel *editions = us_letter_get_editions (theirs);
  GListModel *our_editions = us_letter_get_editions (ours);

  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) e = g_list_model_get_item (editions, i);
      g_autofree char *diff = us_letter_diff_text (us_letter_find_edition (ours, us_edition_get_language (e)), e);

      fputs (diff, stdout);
    }
  for (guint i = 0; i < g_list_model_get_n_items (our_editions); i++)
    {
      g_autoptr(UsEdition) e = g_list_model_get_item (our_editions, i);

      if (us_letter_find_edition (theirs, us_edition_get_language (e)) == NULL)
        {
          g_autofree char *diff = us_letter_diff_text (e, NULL);
          fputs (diff, stdout);
        }
    }
}

int
us_cli_fetch (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — refresh the campaign’s sources"));
  g_auto(GStrv) source_ids = NULL;
  g_auto(GStrv) token_envs = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsFetcher) fetcher = NULL;
  g_autoptr(UsRefreshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_error = NULL;
  gboolean diff = FALSE;
  int timeout = US_FETCHER_DEFAULT_TIMEOUT;
  int jobs = US_FETCHER_DEFAULT_MAX_CONCURRENT;
  Tokens *tokens;
  GPtrArray *ids;
  Wait wait;
  GOptionEntry entries[] = {
    { "source", 's', 0, G_OPTION_ARG_STRING_ARRAY, &source_ids, N_("Refresh only this source (repeatable)"), N_("ID") },
    { "token-env", 0, 0, G_OPTION_ARG_STRING_ARRAY, &token_envs,
      N_("Send the token held in the environment variable NAME in each source’s token header; ID=NAME for one source"), N_("NAME") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, N_("Seconds without network activity before a source fails (default 30)"), N_("SECONDS") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, N_("Requests in flight at once (default 6)"), N_("N") },
    { "diff", 0, 0, G_OPTION_ARG_NONE, &diff, N_("Show a changed published letter as a paragraph diff"), NULL },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints one line per source: “ID: unchanged”, “ID: N new” or “ID: error: message”,\n"
      "then saves the campaign. Exit status: 0 when every source succeeded,\n"
      "1 for a bad file, 2 for bad usage, 3 when any source failed."));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;
  if (timeout < 0 || jobs < 1)
    return fail_usage (_("--timeout must be 0 or more and --jobs 1 or more"));

  tokens = tokens_from_env (token_envs, &token_error);
  if (tokens == NULL)
    return fail_usage (token_error);

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    {
      tokens_free (tokens);
      return us_cli_fail (error);
    }

  fetcher = us_fetcher_new ();
  us_fetcher_set_timeout (fetcher, timeout);
  us_fetcher_set_max_concurrent (fetcher, jobs);
  us_fetcher_set_token_func (fetcher, token_for_source, tokens, (GDestroyNotify) tokens_free);

  wait_init (&wait);
  us_fetcher_refresh_async (fetcher, campaign, (const char * const *) source_ids,
                            wait.cancellable, wait_cb, &wait);
  wait_run (&wait);
  result = us_fetcher_refresh_finish (fetcher, wait.result, &error);
  wait_clear (&wait);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fprintf (stderr, "%s\n", _("cancelled: the campaign is unchanged"));
          return US_EXIT_NETWORK;
        }
      if (g_error_matches (error, US_FETCH_ERROR, US_FETCH_ERROR_NO_SOURCE))
        return fail_usage (error->message);
      return us_cli_fail (error);
    }

  ids = us_refresh_result_get_source_ids (result);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      UsLetter *letter = us_refresh_result_get_letter_update (result, id);

      printf ("%s: %s\n", id, us_refresh_result_get_summary (result, id));
      if (diff && letter != NULL)
        print_letter_diff (campaign, letter);
    }
  fflush (stdout);

  us_refresh_result_apply (result, campaign, NULL);
  if (us_campaign_get_modified (campaign) &&
      !us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);

  return us_refresh_result_has_errors (result) ? US_EXIT_NETWORK : US_EXIT_OK;
}

/* sources */

static char *
format_time (gint64 t)
{
  return t > 0 ? us_format_timestamp (t) : g_strdup ("never");
}

static int
sources_list (const char *path)
{
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *sources;

  campaign = us_cli_load (path, &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  sources = us_campaign_get_sources (campaign);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(UsSource) s = g_list_model_get_item (sources, i);
      g_autofree char *fetched = format_time (us_source_get_last_fetched (s));

      printf ("%s\t%s\t%s\t%s\t%s\n", us_source_get_id (s),
              us_source_kind_to_string (us_source_get_kind (s)),
              us_source_get_url (s), or_dash (us_source_get_last_result (s)), fetched);
    }
  return US_EXIT_OK;
}

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
          g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0);
}

static int
sources_add (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE URL — follow a feed, a signature feed or a published letter"));
  g_autofree char *kind_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token_header = NULL;
  g_autofree char *token_env = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsSource) source = NULL;
  g_autoptr(GError) error = NULL;
  UsSourceKind kind = US_SOURCE_KIND_INCIDENTS;
  gboolean auto_kind;
  GListModel *sources;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_name, N_("auto (fetch once and look; the default), incidents, signatures or letter"), N_("KIND") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, N_("The source’s id (default: from the host name)"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("A title to show for the source"), N_("TITLE") },
    { "token-header", 0, 0, G_OPTION_ARG_STRING, &token_header, N_("The HTTP header that carries the service’s token, e.g. OSDI-API-Token"), N_("NAME") },
    { "token-env", 0, 0, G_OPTION_ARG_STRING, &token_env, N_("With --kind auto: the environment variable holding the token"), N_("NAME") },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = us_cli_parse (context, &argc, &argv, 2, N_("FILE URL"))) >= 0)
    return ret;

  auto_kind = kind_name == NULL || strcmp (kind_name, "auto") == 0;
  if (!auto_kind && !us_source_kind_from_string (kind_name, &kind))
    return fail_usage (_("--kind must be auto, incidents, signatures or letter"));
  if (id != NULL && !us_id_is_valid (id))
    return fail_usage (_("an id may hold letters, digits and - _ . : only"));
  if (token_header != NULL && !g_regex_match_simple ("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", token_header, 0, 0))
    return fail_usage (_("--token-header must be an HTTP header name, such as OSDI-API-Token"));
  if (!is_web_url (argv[2]))
    return fail_usage (_("the URL must start with http:// or https://"));
  url = g_strdup (argv[2]);

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  sources = us_campaign_get_sources (campaign);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(UsSource) s = g_list_model_get_item (sources, i);

      if (g_strcmp0 (us_source_get_url (s), url) == 0)
        {
          fprintf (stderr, _("%s: already followed as “%s”\n"), url, us_source_get_id (s));
          return US_EXIT_DATA;
        }
    }
  if (id != NULL && us_campaign_find_source (campaign, id) != NULL)
    {
      fprintf (stderr, _("the campaign already has a source “%s”; choose another --id\n"), id);
      return US_EXIT_DATA;
    }

  if (auto_kind)
    {
      g_autoptr(UsFetcher) fetcher = us_fetcher_new ();
      g_autofree char *found_title = NULL;
      g_autofree char *found_url = NULL;
      const char *token = token_env ? g_getenv (token_env) : NULL;
      Wait wait;
      gboolean ok;

      if (token_env != NULL && token == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("the environment variable %s is not set"), token_env);
          return fail_usage (message);
        }
      wait_init (&wait);
      us_fetcher_detect_kind_async (fetcher, url, token_header, token, wait.cancellable, wait_cb, &wait);
      wait_run (&wait);
      ok = us_fetcher_detect_kind_finish (fetcher, wait.result, &kind, &found_title, &found_url, &error);
      wait_clear (&wait);
      if (!ok)
        {
          fprintf (stderr, "%s: %s\n", url, error->message);
          if (g_error_matches (error, US_FETCH_ERROR, US_FETCH_ERROR_UNKNOWN_KIND) ||
              g_error_matches (error, US_FETCH_ERROR, US_FETCH_ERROR_CONTENT_TYPE))
            {
              fprintf (stderr, "%s\n", _("Give the kind with --kind if you know it."));
              return US_EXIT_DATA;
            }
          return US_EXIT_NETWORK;
        }
      if (title == NULL)
        title = g_steal_pointer (&found_title);
      /* Follow where a permanent redirect says the source now lives. */
      if (found_url != NULL && strcmp (found_url, url) != 0)
        {
          g_free (url);
          url = g_steal_pointer (&found_url);
        }
    }

  if (id == NULL)
    id = us_campaign_suggest_source_id (campaign, url);
  source = us_source_new (id, url, kind);
  us_source_set_title (source, title);
  us_source_set_token_header (source, token_header);
  us_campaign_add_source (campaign, source);
  if (!us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  printf ("%s\t%s\t%s\n", id, us_source_kind_to_string (kind), url);
  return US_EXIT_OK;
}

static int
sources_remove (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE ID — stop following a source"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  UsSource *source;
  int ret;

  g_option_context_set_description (context,
    _("The inbox keeps the source’s entries and the decisions taken on them."));
  if ((ret = us_cli_parse (context, &argc, &argv, 2, N_("FILE ID"))) >= 0)
    return ret;

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);
  source = us_campaign_find_source (campaign, argv[2]);
  if (source == NULL)
    {
      fprintf (stderr, _("%s: no source “%s”; “undersigned-cli sources %s” lists them\n"),
               argv[1], argv[2], argv[1]);
      return US_EXIT_DATA;
    }
  us_campaign_remove_source (campaign, source);
  if (!us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  return US_EXIT_OK;
}

int
us_cli_sources (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  int ret;

  if (argc >= 2 && strcmp (argv[1], "add") == 0)
    return sources_add (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "remove") == 0)
    return sources_remove (argc - 1, argv + 1);

  context = g_option_context_new (_("FILE — list the sources the campaign follows"));
  g_option_context_set_description (context,
    _("One line per source, tab-separated: id, kind, URL, last result, last fetched.\n\n"
      "Also:\n"
      "  undersigned-cli sources add FILE URL [--kind auto|incidents|signatures|letter]\n"
      "                                        [--id ID] [--token-header NAME]\n"
      "  undersigned-cli sources remove FILE ID"));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;
  return sources_list (argv[1]);
}

/* inbox */

static UsCandidate *
find_entry (UsCampaign *campaign,
            const char *entry)
{
  GListModel *inbox = us_campaign_get_inbox (campaign);
  guint n = g_list_model_get_n_items (inbox);
  guint64 number;

  if (g_ascii_string_to_unsigned (entry, 10, 1, n ? n : 1, &number, NULL) && number <= n)
    return g_list_model_get_item (inbox, number - 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsCandidate) c = g_list_model_get_item (inbox, i);

      if (g_strcmp0 (us_candidate_get_entry_id (c), entry) == 0)
        return g_steal_pointer (&c);
    }
  return NULL;
}

static char *
date_of (gint64 t)
{
  g_autoptr(GDateTime) dt = t != 0 ? g_date_time_new_from_unix_utc (t) : NULL;

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : NULL;
}

typedef struct
{
  char *victim;
  char *country;
  char *type;
  char *sector;
  char *id;
  char *date;
} AcceptOptions;

static int
inbox_accept (UsCampaign    *campaign,
              UsCandidate   *candidate,
              AcceptOptions *o)
{
  g_autoptr(UsIncident) incident = NULL;
  g_autoptr(UsReference) reference = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *country = NULL;
  UsSource *source;
  UsAttackType type;

  if (o->victim == NULL || o->country == NULL || o->type == NULL)
    return fail_usage (_("accept needs --victim, --country and --type"));
  country = g_ascii_strup (o->country, -1);
  if (!us_country_is_valid (country))
    return fail_usage (_("--country must be an ISO 3166-1 code such as CZ"));
  if (!us_attack_type_from_string (o->type, &type))
    return fail_usage (_("--type must be ransomware, ddos, data-breach, phishing or other"));
  if (o->id != NULL && (!us_id_is_valid (o->id) || us_campaign_find_incident (campaign, o->id)))
    return fail_usage (_("--id must be a new id of letters, digits and - _ . :"));
  if (o->date != NULL && !us_date_is_valid (o->date))
    return fail_usage (_("--date must be YYYY-MM-DD"));

  if (us_candidate_get_state (candidate) != US_CANDIDATE_NEW)
    {
      fprintf (stderr, _("this entry is already %s\n"),
               us_candidate_state_to_string (us_candidate_get_state (candidate)));
      return US_EXIT_DATA;
    }

  id = o->id ? g_strdup (o->id) : us_campaign_suggest_incident_id (campaign, us_candidate_get_title (candidate));
  date = o->date ? g_strdup (o->date) : date_of (us_candidate_get_published (candidate));
  incident = us_incident_new (id, us_candidate_get_title (candidate));
  us_incident_set_date (incident, date);
  us_incident_set_victim (incident, o->victim);
  us_incident_set_country (incident, country);
  us_incident_set_attack_type (incident, type);
  us_incident_set_sector (incident, o->sector);
  us_incident_set_summary (incident, us_candidate_get_summary (candidate));
  if (us_candidate_get_link (candidate) != NULL)
    {
      source = us_campaign_find_source (campaign, us_candidate_get_source_id (candidate));
      reference = us_reference_new (us_candidate_get_link (candidate));
      us_reference_set_title (reference, us_candidate_get_title (candidate));
      if (source != NULL)
        us_reference_set_publisher (reference, us_source_get_title (source));
      g_clear_pointer (&date, g_free);
      date = date_of (us_candidate_get_published (candidate));
      us_reference_set_published (reference, date);
      us_reference_set_accessed (reference, today);
      us_incident_add_reference (incident, reference);
    }
  us_campaign_add_incident (campaign, incident);
  us_candidate_set_state (candidate, US_CANDIDATE_ACCEPTED);
  printf ("%s\n", id);
  return US_EXIT_OK;
}

static void
inbox_list (UsCampaign *campaign,
            gboolean    all)
{
  GListModel *inbox = us_campaign_get_inbox (campaign);

  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(UsCandidate) c = g_list_model_get_item (inbox, i);
      g_autofree char *date = date_of (us_candidate_get_published (c));
      g_autofree char *title = g_strdup (or_dash (us_candidate_get_title (c)));

      if (!all && us_candidate_get_state (c) != US_CANDIDATE_NEW)
        continue;
      /* One line per entry, whatever the feed put in its title. */
      g_strdelimit (title, "\t\r\n", ' ');
      printf ("%u\t%s\t%s\t%s\t%s\n", i + 1,
              us_candidate_state_to_string (us_candidate_get_state (c)),
              or_dash (date), title, or_dash (us_candidate_get_link (c)));
    }
}

int
us_cli_inbox (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE [accept|dismiss ENTRY] — the incident candidates from feeds"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsCandidate) candidate = NULL;
  g_autoptr(GError) error = NULL;
  AcceptOptions o = { 0 };
  gboolean all = FALSE;
  GOptionEntry entries[] = {
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("List accepted and dismissed entries too"), NULL },
    { "victim", 0, 0, G_OPTION_ARG_STRING, &o.victim, N_("accept: the organisation attacked"), N_("NAME") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &o.country, N_("accept: its country (ISO 3166-1, e.g. CZ)"), N_("CODE") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &o.type, N_("accept: ransomware, ddos, data-breach, phishing or other"), N_("TYPE") },
    { "sector", 0, 0, G_OPTION_ARG_STRING, &o.sector, N_("accept: the sector, e.g. healthcare"), N_("SECTOR") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &o.id, N_("accept: the new incident’s id (default: from the title)"), N_("ID") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("accept: the incident’s date (default: the entry’s)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Lists new entries, one per line, tab-separated: number, state, date, title, link.\n"
      "ENTRY is that number (or the entry id). An entry accepted or dismissed never\n"
      "comes back on a later fetch.\n\n"
      "  undersigned-cli inbox FILE accept ENTRY --victim NAME --country CODE --type TYPE\n"
      "  undersigned-cli inbox FILE dismiss ENTRY"));
  if ((ret = us_cli_parse (context, &argc, &argv, -1, NULL)) >= 0)
    goto out;
  if (argc != 2 && argc != 4)
    {
      ret = fail_usage (_("expected: FILE [accept|dismiss ENTRY]"));
      goto out;
    }
  if (argc == 4 && strcmp (argv[2], "accept") != 0 && strcmp (argv[2], "dismiss") != 0)
    {
      ret = fail_usage (_("expected accept or dismiss after FILE"));
      goto out;
    }

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    {
      ret = us_cli_fail (error);
      goto out;
    }

  if (argc == 2)
    {
      inbox_list (campaign, all);
      ret = US_EXIT_OK;
      goto out;
    }

  candidate = find_entry (campaign, argv[3]);
  if (candidate == NULL)
    {
      fprintf (stderr, _("%s: no inbox entry “%s”; “undersigned-cli inbox %s” lists them\n"),
               argv[1], argv[3], argv[1]);
      ret = US_EXIT_DATA;
      goto out;
    }
  if (strcmp (argv[2], "dismiss") == 0)
    {
      us_candidate_set_state (candidate, US_CANDIDATE_DISMISSED);
      ret = US_EXIT_OK;
    }
  else
    ret = inbox_accept (campaign, candidate, &o);

  if (ret == US_EXIT_OK && us_campaign_get_modified (campaign) &&
      !us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    ret = us_cli_fail (error);

out:
  g_free (o.victim);
  g_free (o.country);
  g_free (o.type);
  g_free (o.sector);
  g_free (o.id);
  g_free (o.date);
  return ret;
}
