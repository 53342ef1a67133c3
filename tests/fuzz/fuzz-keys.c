/* fuzz-keys.c: libFuzzer target for the dry run's key scan of a
 * .undersigned file (us-reader-keys.c), with and without its fast path
 * (us-reader-keys-fast.c), against the full reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "us-format.h"
#include "us-import.h"
#include "us-reader-keys-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_same_keys (UsImportKeys *a,
                  UsImportKeys *b)
{
  g_assert_cmpuint (a->existing->len, ==, b->existing->len);
  for (guint i = 0; i < a->existing->len; i++)
    {
      UsImportExisting *x = &g_array_index (a->existing, UsImportExisting, i);
      UsImportExisting *y = &g_array_index (b->existing, UsImportExisting, i);

      g_assert_cmpstr (x->email, ==, y->email);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->country, ==, y->country);
      g_assert_cmpint (x->withdrawn, ==, y->withdrawn);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(UsImportKeys) keys = NULL;
  g_autoptr(UsImportKeys) fast = NULL;
  g_autoptr(UsImportKeys) slow = NULL;
  g_autoptr(UsCampaign) campaign = NULL;

  /* The scan reads a file, as the CLI's --dry-run does. */
  if (path == NULL)
    path = g_build_filename (g_get_tmp_dir (), "fuzz-keys-XXXXXX.undersigned", NULL),
    close (g_mkstemp (path));
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;

  keys = us_import_keys_scan_path (path, &error);
  g_assert ((keys == NULL) == (error != NULL));
  /* The fast path changes nothing: the same keys, or the same message
   * to the line and column (the scan's own, before a refusal asks the
   * full load for its words).
   */
  fast = _us_import_keys_scan_path_with (path, TRUE, NULL, &fast_error);
  slow = _us_import_keys_scan_path_with (path, FALSE, NULL, &slow_error);
  g_assert ((fast == NULL) == (fast_error != NULL));
  g_assert ((slow == NULL) == (slow_error != NULL));
  g_assert ((keys == NULL) == (fast == NULL));
  g_assert ((keys == NULL) == (slow == NULL));
  if (fast_error != NULL)
    g_assert_cmpstr (fast_error->message, ==, slow_error->message);
  else
    assert_same_keys (fast, slow);

  campaign = us_campaign_load_path (path, NULL, &load_error);
  /* A refusal words it as the import does. */
  if (error != NULL && load_error != NULL && !g_error_matches (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO))
    g_assert_cmpstr (error->message, ==, load_error->message);
  /* What the reader loads, the scan does not refuse: a dry run never
   * fails where the import would work.
   */
  g_assert (campaign == NULL || keys != NULL);
  /* And the other way: what the scan accepts, the reader loads (the
   * rest of the file is read by the reader itself).
   */
  g_assert (keys == NULL || campaign != NULL);
  /* What the scan accepts and the reader loads, both count alike. */
  if (keys != NULL && campaign != NULL)
    g_assert (us_import_keys_get_n_signatories (keys) ==
              g_list_model_get_n_items (us_campaign_get_signatories (campaign)));
  return 0;
}
