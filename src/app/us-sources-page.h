/* us-sources-page.h: the URLs the campaign follows for updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_SOURCES_PAGE (us_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (UsSourcesPage, us_sources_page, US, SOURCES_PAGE, AdwBin)

UsCampaign *us_sources_page_get_campaign (UsSourcesPage *self);
void        us_sources_page_set_campaign (UsSourcesPage *self,
                                          UsCampaign    *campaign);

G_END_DECLS
