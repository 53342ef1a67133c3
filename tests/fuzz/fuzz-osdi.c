/* fuzz-osdi.c: libFuzzer target for the OSDI JSON (and CSV) importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new ("fuzz");
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  UsImportOptions options = { .format = US_IMPORT_FORMAT_OSDI };
  g_autoptr(GError) error = NULL;
  g_autoptr(UsImportPlan) plan = us_import_plan (campaign, bytes, "fuzz.json", &options, NULL, &error);

  g_assert ((plan == NULL) == (error != NULL));
  if (plan != NULL)
    {
      guint added = us_import_plan_get_n_added (plan);

      us_import_apply (campaign, plan, NULL);
      g_assert (g_list_model_get_n_items (us_campaign_get_signatories (campaign)) == added);
    }
  return 0;
}
