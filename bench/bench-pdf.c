/* bench-pdf.c: time the press-pack PDF of a campaign file
 *
 * Loads FILE, then times us_pdf_export() alone, so that bench-pdf.sh can
 * tell the PDF's cost from the cost of reading the XML.
 *
 * usage: bench-pdf FILE OUT.pdf [--group-by-country]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "us-format.h"
#include "us-pdf.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(UsCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  UsPdfOptions options = { US_PAPER_A4, NULL, FALSE, NULL };
  gint64 t0, t1, t2;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-pdf FILE OUT.pdf [--group-by-country]\n");
      return 2;
    }
  options.group_by_country = argc > 3 && strcmp (argv[3], "--group-by-country") == 0;

  t0 = g_get_monotonic_time ();
  campaign = us_campaign_load_path (argv[1], NULL, &error);
  if (campaign == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  t1 = g_get_monotonic_time ();
  if (!us_pdf_export (campaign, &options, argv[2], NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  t2 = g_get_monotonic_time ();
  printf ("load %.3f s\nexport %.3f s\n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  return 0;
}
