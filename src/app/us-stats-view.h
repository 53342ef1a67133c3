/* us-stats-view.h: the campaign's signatures in charts
 *
 * Totals by status and consent, signatures over time (cumulative line
 * over per-day bars) and by country (the ten largest and the others),
 * drawn with cairo.  The figures follow the campaign's signatory list,
 * recomputed at most every 250 ms and only while the view is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"

G_BEGIN_DECLS

#define US_TYPE_STATS_VIEW (us_stats_view_get_type ())
G_DECLARE_FINAL_TYPE (UsStatsView, us_stats_view, US, STATS_VIEW, AdwBin)

GtkWidget  *us_stats_view_new          (void);
UsCampaign *us_stats_view_get_campaign (UsStatsView *self);
void        us_stats_view_set_campaign (UsStatsView *self,
                                        UsCampaign  *campaign);
/* For changes to fields (a status, a country), which the list model does
 * not announce: recompute soon.
 */
void        us_stats_view_queue_update (UsStatsView *self);
/* Recompute now; for tests and for the first showing. */
void        us_stats_view_update       (UsStatsView *self);
/* Signatures counted in the charts (every signatory in the list). */
guint       us_stats_view_get_total    (UsStatsView *self);

G_END_DECLS
