/* us-stats.h: the campaign's figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-campaign.h"

G_BEGIN_DECLS

typedef struct
{
  guint       signatories;
  guint       by_status[4];     /* indexed by UsStatus */
  guint       by_consent[3];    /* indexed by UsConsent */
  guint       public;           /* verified and named: listed by name */
  guint       anonymous;        /* verified, anonymous: "and N others" */
  guint       prominent;
  guint       incidents;
  guint       languages;
  guint       versions;
  guint       sources;
  GHashTable *by_country;       /* interned code -> GUINT_TO_POINTER (count) */
} UsStats;

UsStats *us_stats_compute (UsCampaign *campaign);
/* Countries by count, largest first, ties by code: interned strings. */
GPtrArray *us_stats_countries_sorted (UsStats *stats);
void     us_stats_free    (UsStats    *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UsStats, us_stats_free)

G_END_DECLS
