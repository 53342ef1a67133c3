/* us-sources-page.h: the URLs the campaign follows for updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-fetcher.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_SOURCES_PAGE (us_sources_page_get_type ())
G_DECLARE_FINAL_TYPE (UsSourcesPage, us_sources_page, US, SOURCES_PAGE, AdwBin)

UsCampaign *us_sources_page_get_campaign   (UsSourcesPage *self);
void        us_sources_page_set_campaign   (UsSourcesPage *self,
                                            UsCampaign    *campaign);
/* The fetcher to refresh with; NULL (the default): the application's. */
void        us_sources_page_set_fetcher    (UsSourcesPage *self,
                                            UsFetcher     *fetcher);
/* Adds source (given an id from its host when it has none), as one undo
 * step.
 */
void        us_sources_page_add_source     (UsSourcesPage *self,
                                            UsSource      *source);
/* Removes source as one undo step, with an Undo toast. */
void        us_sources_page_remove_source  (UsSourcesPage *self,
                                            UsSource      *source);
/* Refreshes one source, or every source when source_id is NULL; does
 * nothing while a refresh runs.
 */
void        us_sources_page_refresh        (UsSourcesPage *self,
                                            const char    *source_id);
void        us_sources_page_cancel_refresh (UsSourcesPage *self);
gboolean    us_sources_page_get_refreshing (UsSourcesPage *self);
/* What the page shows: a source's status line, the last refresh's toast
 * text.  For tests.
 */
const char *us_sources_page_get_row_status (UsSourcesPage *self,
                                            const char    *source_id);
const char *us_sources_page_get_last_summary (UsSourcesPage *self);

G_END_DECLS
