/* fuzz-keys.c: libFuzzer target for the dry run's key scan of a
 * .undersigned file (us-reader-keys.c), against the full reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <unistd.h>

#include "us-format.h"
#include "us-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportKeys) keys = NULL;
  g_autoptr(UsCampaign) campaign = NULL;

  /* The scan reads a file, as the CLI's --dry-run does. */
  if (path == NULL)
    path = g_build_filename (g_get_tmp_dir (), "fuzz-keys-XXXXXX.undersigned", NULL),
    close (g_mkstemp (path));
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  keys = us_import_keys_scan_path (path, &error);
  g_assert ((keys == NULL) == (error != NULL));
  campaign = us_campaign_load_path (path, NULL, NULL);
  /* What the scan accepts and the reader loads, both count alike. */
  if (keys != NULL && campaign != NULL)
    g_assert (us_import_keys_get_n_signatories (keys) ==
              g_list_model_get_n_items (us_campaign_get_signatories (campaign)));
  return 0;
}
