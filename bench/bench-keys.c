/* bench-keys.c: the dry run's key scan of a campaign file, with the fast
 * path for the writer's <signatories> and without it (libxml2 alone),
 * interleaved in one process; best of N each.
 *
 *   bench-keys CAMPAIGN.undersigned [N [fast|slow]]   (default N: 15)
 *
 * With fast or slow, only that scan runs (for a profiler).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-keys-private.h"

#include <stdio.h>
#include <stdlib.h>

static double
run (const char *path,
     gboolean    fast,
     guint      *n,
     guint      *n_fast)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportKeys) keys = NULL;
  gint64 start = g_get_monotonic_time ();

  keys = _us_import_keys_scan_path_with (path, fast, n_fast, &error);
  if (keys == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  *n = us_import_keys_get_n_signatories (keys);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  double best_fast = G_MAXDOUBLE, best_slow = G_MAXDOUBLE;
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 15;
  const char *only = argc > 3 ? argv[3] : "";
  guint n_slow = 0, n = 0, n_fast = 0, unused;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CAMPAIGN.undersigned [N]\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < rounds; i++)
    {
      if (g_strcmp0 (only, "fast") != 0)
        best_slow = MIN (best_slow, run (argv[1], FALSE, &n_slow, &unused));
      if (g_strcmp0 (only, "slow") != 0)
        best_fast = MIN (best_fast, run (argv[1], TRUE, &n, &n_fast));
    }
  if (*only != '\0')
    {
      printf ("%s: %.4f s\n", only, MIN (best_fast, best_slow));
      return 0;
    }
  if (n != n_slow)
    {
      fprintf (stderr, "the scans disagree: %u signatories fast, %u slow\n", n, n_slow);
      return 1;
    }
  printf ("%-12s %10s %10s %8s %12s\n", "signatories", "slow (s)", "fast (s)", "ratio", "read fast");
  printf ("%-12u %10.4f %10.4f %8.2f %12u\n", n, best_slow, best_fast, best_fast / best_slow, n_fast);
  return 0;
}
