/* us-incidents-page.h: the incidents the letter cites, and their details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_INCIDENTS_PAGE (us_incidents_page_get_type ())
G_DECLARE_FINAL_TYPE (UsIncidentsPage, us_incidents_page, US, INCIDENTS_PAGE, AdwBin)

UsCampaign *us_incidents_page_get_campaign (UsIncidentsPage *self);
void        us_incidents_page_set_campaign (UsIncidentsPage *self,
                                            UsCampaign      *campaign);
/* The incidents as the list shows them (after the search): for tests. */
GListModel *us_incidents_page_get_shown    (UsIncidentsPage *self);
UsIncident *us_incidents_page_get_selected (UsIncidentsPage *self);
void        us_incidents_page_select       (UsIncidentsPage *self,
                                            UsIncident      *incident);

G_END_DECLS
