/* us-cli-keys.c: keygen, verify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "us-cli.h"
#include "us-sign.h"

/* KEY.pem → KEY.pub.pem, anything else → NAME.pub.pem */
static char *
public_path_for (const char *private_path)
{
  if (g_str_has_suffix (private_path, ".pem"))
    return g_strdup_printf ("%.*s.pub.pem", (int) (strlen (private_path) - strlen (".pem")),
                            private_path);
  return g_strconcat (private_path, ".pub.pem", NULL);
}

int
us_cli_keygen (int    argc,
               char **argv)
{
  g_autofree char *type_name = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("KEY.pem — make a key pair for signing exports"));
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name, N_("Key type: rsa (3072 bits, the default) or ec (P-256)"), N_("TYPE") },
    { NULL }
  };
  UsKeyType type = US_KEY_RSA;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Writes the private key to KEY.pem (readable by you only) and the public key to "
      "KEY.pub.pem, and prints the key’s fingerprint.  Keep the private key secret; "
      "give the public key to whoever checks your signed exports."));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("KEY.pem"))) >= 0)
    return ret;
  if (type_name != NULL && g_ascii_strcasecmp (type_name, "ec") == 0)
    type = US_KEY_EC_P256;
  else if (type_name != NULL && g_ascii_strcasecmp (type_name, "rsa") != 0)
    {
      fprintf (stderr, "undersigned-cli: %s\n",
               _("--type must be “rsa” or “ec”"));
      return US_EXIT_USAGE;
    }

  public_path = public_path_for (argv[1]);
  if (!us_sign_keygen (argv[1], public_path, type, &error))
    return us_cli_fail (error);
  fingerprint = us_sign_fingerprint (public_path, &error);
  if (fingerprint == NULL)
    return us_cli_fail (error);

  printf ("private key: %s\n", argv[1]);
  printf ("public key: %s\n", public_path);
  printf ("fingerprint: %s\n", fingerprint);
  return US_EXIT_OK;
}

int
us_cli_verify (int    argc,
               char **argv)
{
  g_autofree char *key_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — check the signature of a signed export"));
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The signer’s public key (required)"), N_("KEY.pub.pem") },
    { NULL }
  };
  gsize len = 0;
  int ret;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Exits 0 when the signature is valid for that key, 1 when the file is not signed, "
      "was changed after signing or was signed by another key, 2 on usage errors."));
  if ((ret = us_cli_parse (context, &argc, &argv, 1, N_("FILE"))) >= 0)
    return ret;
  if (key_path == NULL)
    {
      fprintf (stderr, "undersigned-cli: %s\n%s\n", _("--key is required"),
               _("Run with --help to see the options."));
      return US_EXIT_USAGE;
    }

  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    return us_cli_fail (error);
  document = g_bytes_new_take (g_steal_pointer (&contents), len);

  if (!us_sign_verify (document, key_path, &fingerprint, &error))
    {
      /* Key messages already name the key file; the rest are about FILE. */
      if (g_error_matches (error, US_SIGN_ERROR, US_SIGN_ERROR_KEY))
        fprintf (stderr, "%s\n", error->message);
      else
        fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return US_EXIT_DATA;
    }

  printf ("signature: valid\n");
  printf ("key: %s\n", fingerprint);
  return US_EXIT_OK;
}
