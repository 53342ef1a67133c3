/* us-cli-import.c: import, duplicates, status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "us-cli.h"
#include "us-duplicates.h"
#include "us-import.h"
#include "us-util.h"

/* Enough to see what is wrong; the rest goes to --rejects. */
#define MAX_REJECTS_SHOWN 10

static void
set_read_error (GError     **error,
                const char  *path,
                int          errsv)
{
  g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
               _("%s:0:0: cannot read the file (%s); check the name and permissions"),
               path, g_strerror (errsv));
}

/* A pipe or a device, such as /dev/stdin, has no size to check first:
 * read until it ends, or until it is too large to import.
 */
static GBytes *
read_stream (int          fd,
             const char  *path,
             GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buf[64 * 1024];

  for (;;)
    {
      gssize n = read (fd, buf, sizeof buf);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, path, errno);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, buf, n);
      if (!us_import_check_size (path, bytes->len, US_IMPORT_FORMAT_AUTO, error))
        return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static GBytes *
read_input (const char  *path,
            GError     **error)
{
  GBytes *data = NULL;
  GStatBuf st;
  int fd;
  int saved_errno;

  /* Mapped, not read: a large export is not copied before parsing; and
   * read in at once, as every byte is checked first, unless the import
   * will refuse it for its size.
   */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd >= 0 && fstat (fd, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        errno = EISDIR;
      else if (!S_ISREG (st.st_mode))
        {
          data = read_stream (fd, path, error);
          close (fd);
          return data;
        }
      else
        data = us_map_file (fd, st.st_size,
                            us_import_check_size (path, st.st_size, US_IMPORT_FORMAT_AUTO, NULL));
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  if (data == NULL)
    set_read_error (error, path, saved_errno);
  return data;
}

static gboolean
parse_format (const char     *name,
              UsImportFormat *out)
{
  if (name == NULL || g_ascii_strcasecmp (name, "auto") == 0)
    *out = US_IMPORT_FORMAT_AUTO;
  else if (g_ascii_strcasecmp (name, "csv") == 0)
    *out = US_IMPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name, "osdi") == 0 || g_ascii_strcasecmp (name, "json") == 0)
    *out = US_IMPORT_FORMAT_OSDI;
  else
    return FALSE;
  return TRUE;
}

static void
print_rejects (UsImportPlan *plan,
               const char   *input,
               const char   *rejects_path)
{
  GPtrArray *rejected = us_import_plan_get_rejected (plan);
  const char * const *notes = us_import_plan_get_notes (plan);

  for (guint i = 0; notes[i] != NULL; i++)
    fprintf (stderr, _("%s: note: %s\n"), input, notes[i]);
  for (guint i = 0; i < rejected->len && i < MAX_REJECTS_SHOWN; i++)
    {
      UsRejectedRow *row = g_ptr_array_index (rejected, i);

      fprintf (stderr, _("%s:%u: rejected: %s\n"), input, row->line, row->reason);
    }
  if (rejected->len > MAX_REJECTS_SHOWN)
    {
      if (rejects_path != NULL)
        fprintf (stderr, _("%s: … and %u more rejected rows, all in %s\n"),
                 input, rejected->len - MAX_REJECTS_SHOWN, rejects_path);
      else
        fprintf (stderr, _("%s: … and %u more rejected rows; save them all with --rejects FILE.csv\n"),
                 input, rejected->len - MAX_REJECTS_SHOWN);
    }
}

int
us_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE INPUT — add signatories from a CSV or OSDI JSON file"));
  g_auto(GStrv) mapping = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *rejects_path = NULL;
  gboolean dry_run = FALSE;
  gboolean provider_rules = FALSE;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(UsImportPlan) plan = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  UsImportOptions options = { 0 };
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &mapping,
      N_("Map a column (its header name or number from 1) to a field: name, first_name, "
         "last_name, title, organisation, country, email, signed_at, public, status, note "
         "or ignore.  Repeatable"), N_("COLUMN=FIELD") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Input format: csv or osdi (default: detected)"), N_("FORMAT") },
    { "encoding", 'e', 0, G_OPTION_ARG_STRING, &encoding,
      N_("Encoding of a CSV file that is not UTF-8 or UTF-16: WINDOWS-1252 or LATIN1"), N_("NAME") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check and count, but change nothing"), NULL },
    { "provider-rules", 0, 0, G_OPTION_ARG_NONE, &provider_rules,
      N_("Treat Gmail addresses that differ only in dots or a +tag as one"), NULL },
    { "rejects", 'r', 0, G_OPTION_ARG_FILENAME, &rejects_path,
      N_("Save the rejected rows, with the reason for each, as CSV"), N_("OUT.csv") },
    { NULL }
  };
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Rows that match a signatory already in the campaign (same e-mail, or same name "
      "and country where an e-mail is missing) are merged into it rather than added.  "
      "Prints the counts of rows added, merged as duplicates and rejected."));
  if ((ret = us_cli_parse (context, &argc, &argv, 2, N_("FILE INPUT"))) >= 0)
    return ret;
  if (!parse_format (format_name, &options.format))
    {
      fprintf (stderr, "undersigned-cli: %s\n",
               _("--format must be csv or osdi"));
      return US_EXIT_USAGE;
    }
  options.mapping = (const char **) mapping;
  options.encoding = encoding;
  options.provider_rules = provider_rules;

  if (dry_run)
    {
      /* Counting needs the campaign's keys, not its objects: they are
       * scanned in a second thread while the input is read and checked.
       */
      data = read_input (argv[2], &error);
      if (data == NULL)
        {
          g_autoptr(GError) campaign_error = NULL;
          g_autoptr(UsImportKeys) keys = us_import_keys_scan_path (argv[1], &campaign_error);

          return us_cli_fail (keys == NULL ? campaign_error : error);
        }
      plan = us_import_plan_dry_run_path (argv[1], data, argv[2], &options, &error);
    }
  else
    {
      campaign = us_cli_load (argv[1], &error);
      if (campaign == NULL)
        return us_cli_fail (error);
      data = read_input (argv[2], &error);
      if (data == NULL)
        return us_cli_fail (error);
      plan = us_import_plan (campaign, data, argv[2], &options, NULL, &error);
    }
  if (plan == NULL)
    return us_cli_fail (error);

  printf ("added: %u\n", us_import_plan_get_n_added (plan));
  printf ("duplicates: %u\n", us_import_plan_get_n_duplicates (plan));
  printf ("rejected: %u\n", us_import_plan_get_n_rejected (plan));
  print_rejects (plan, argv[2], rejects_path);

  if (rejects_path != NULL)
    {
      g_autoptr(GBytes) csv = us_import_plan_rejected_to_csv (plan);

      if (!us_file_replace_contents (rejects_path, csv, FALSE, &error))
        return us_cli_fail (error);
    }

  if (dry_run)
    return US_EXIT_OK;

  /* Duplicates may have filled fields in: save whenever a row matched. */
  us_import_apply (campaign, plan, NULL);
  if ((us_import_plan_get_n_added (plan) > 0 || us_import_plan_get_n_duplicates (plan) > 0) &&
      !us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  return US_EXIT_OK;
}

static void
print_signatory (UsSignatory *signatory)
{
  char when[32] = "";
  const char *email = us_signatory_get_email (signatory);
  const char *country = us_signatory_get_country (signatory);

  if (us_signatory_get_signed_at (signatory) != 0)
    us_format_timestamp_buf (us_signatory_get_signed_at (signatory), when);
  printf ("  %u\t%s\t%s\t%s\t%s\t%s\n",
          us_signatory_get_id (signatory),
          us_signatory_get_name (signatory) ? us_signatory_get_name (signatory) : "",
          email ? email : "", country ? country : "", when,
          us_status_to_string (us_signatory_get_status (signatory)));
}

int
us_cli_duplicates (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — list signatories who are likely the same person"));
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_option_context_set_summary (context,
    _("Lists groups with the same name under different e-mails, and the same e-mail "
      "under several entries: one group per paragraph, one signatory per line "
      "(id, name, e-mail, country, signed at, status)."));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  groups = us_duplicates_find (campaign, NULL);
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      printf (_("group %u: %u signatories\n"), i + 1, group->len);
      for (guint j = 0; j < group->len; j++)
        print_signatory (g_ptr_array_index (group, j));
    }
  printf ("groups: %u\n", groups->len);
  return US_EXIT_OK;
}

int
us_cli_status (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE ID… — set the verification status of signatories"));
  g_autofree char *status_name = NULL;
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "set", 's', 0, G_OPTION_ARG_STRING, &status_name,
      N_("The new status: pending, verified, rejected or withdrawn"), N_("STATUS") },
    { NULL }
  };
  GListModel *list;
  UsStatus status;
  guint changed = 0;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((ret = us_cli_parse (context, &argc, &argv, -1, N_("FILE ID…"))) >= 0)
    return ret;
  if (argc < 3)
    {
      fprintf (stderr, "undersigned-cli: %s FILE ID…\n%s\n", _("expected:"),
               _("Run with --help to see the options."));
      return US_EXIT_USAGE;
    }
  if (status_name == NULL || !us_status_from_string (status_name, &status))
    {
      fprintf (stderr, "undersigned-cli: %s\n",
               _("--set is required: pending, verified, rejected or withdrawn"));
      return US_EXIT_USAGE;
    }

  campaign = us_cli_load (argv[1], &error);
  if (campaign == NULL)
    return us_cli_fail (error);

  list = us_campaign_get_signatories (campaign);
  by_id = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(UsSignatory) signatory = g_list_model_get_item (list, i);

      g_hash_table_insert (by_id, GUINT_TO_POINTER (us_signatory_get_id (signatory)), signatory);
    }

  /* Every id is checked before anything changes: all or nothing. */
  for (int i = 2; i < argc; i++)
    {
      guint64 id;
      UsSignatory *signatory = NULL;

      if (g_ascii_string_to_unsigned (argv[i], 10, 1, G_MAXUINT, &id, NULL))
        signatory = g_hash_table_lookup (by_id, GUINT_TO_POINTER ((guint) id));
      if (signatory == NULL)
        {
          fprintf (stderr, _("%s:0:0: no signatory has the id “%s”; nothing was changed "
                             "(list ids with “undersigned-cli duplicates” or the app)\n"),
                   argv[1], argv[i]);
          return US_EXIT_DATA;
        }
      g_ptr_array_add (targets, signatory);
    }
  for (guint i = 0; i < targets->len; i++)
    if (us_signatory_get_status (g_ptr_array_index (targets, i)) != status)
      {
        us_signatory_set_status (g_ptr_array_index (targets, i), status);
        changed++;
      }

  printf ("changed: %u\n", changed);
  if (changed > 0 && !us_campaign_save_path (campaign, argv[1], US_WRITE_DEFAULT, &error))
    return us_cli_fail (error);
  return US_EXIT_OK;
}
