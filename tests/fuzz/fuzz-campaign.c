/* fuzz-campaign.c: libFuzzer target for the .undersigned reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UsCampaign) campaign = NULL;

  campaign = us_campaign_load_bytes (bytes, "fuzz.undersigned", &problems, &error);
  g_assert ((campaign == NULL) == (error != NULL));
  if (campaign != NULL)
    {
      /* Whatever loads must save and load again to the same model. */
      g_autoptr(GBytes) saved = us_campaign_to_bytes (campaign, US_WRITE_DEFAULT, NULL);
      g_autoptr(UsCampaign) again = us_campaign_load_bytes (saved, "saved", NULL, &error);

      g_assert (again != NULL);
      g_assert (us_campaign_equal (campaign, again));
    }
  return 0;
}
