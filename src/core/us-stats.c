/* us-stats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-stats.h"
#include "us-array-store.h"
#include "us-signatory-private.h"

#include <string.h>

UsStats *
us_stats_compute (UsCampaign *campaign)
{
  UsArrayStore *store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  UsLetter *letter = us_campaign_get_letter (campaign);
  UsStats *stats = g_new0 (UsStats, 1);
  guint n = us_array_store_get_n_items (store);

  stats->by_country = g_hash_table_new (NULL, NULL);
  stats->signatories = n;
  for (guint i = 0; i < n; i++)
    {
      UsSignatoryFields f;

      _us_signatory_get_fields (us_array_store_peek (store, i), &f);
      stats->by_status[f.status]++;
      stats->by_consent[f.consent]++;
      if (f.status == US_STATUS_VERIFIED && f.consent == US_CONSENT_NAMED)
        stats->public++;
      if (f.status == US_STATUS_VERIFIED && f.consent == US_CONSENT_ANONYMOUS)
        stats->anonymous++;
      if (f.prominent)
        stats->prominent++;
      if (f.country)
        {
          /* Countries are interned, so the pointer is the key. */
          gpointer old = g_hash_table_lookup (stats->by_country, f.country);
          g_hash_table_insert (stats->by_country, (gpointer) f.country,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
        }
    }
  stats->incidents = g_list_model_get_n_items (us_campaign_get_incidents (campaign));
  stats->languages = g_list_model_get_n_items (us_letter_get_editions (letter));
  stats->versions = g_list_model_get_n_items (us_letter_get_versions (letter));
  stats->sources = g_list_model_get_n_items (us_campaign_get_sources (campaign));
  return stats;
}

static int
compare_countries (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GHashTable *counts = user_data;
  const char *ca = *(const char **) a;
  const char *cb = *(const char **) b;
  guint na = GPOINTER_TO_UINT (g_hash_table_lookup (counts, ca));
  guint nb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, cb));

  if (na != nb)
    return na > nb ? -1 : 1;
  return strcmp (ca, cb);
}

GPtrArray *
us_stats_countries_sorted (UsStats *stats)
{
  GPtrArray *out = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, stats->by_country);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (out, key);
  g_ptr_array_sort_with_data (out, compare_countries, stats->by_country);
  return out;
}

void
us_stats_free (UsStats *stats)
{
  if (stats == NULL)
    return;
  g_hash_table_unref (stats->by_country);
  g_free (stats);
}
