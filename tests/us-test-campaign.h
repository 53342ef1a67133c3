/* us-test-campaign.h: a campaign that uses every field, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-campaign.h"
#include "us-import.h"

G_BEGIN_DECLS

/* Every field of every record set, several scripts, every status and
 * consent; unmodified, as if just loaded.
 */
UsCampaign *us_test_campaign_new  (void);
/* A path under a fresh temporary folder, removed at exit. */
char       *us_test_tmp_path      (const char *name);
/* The source root (US_SOURCE_ROOT), for data/. */
const char *us_test_source_root   (void);
/* The file's bytes, or NULL when it cannot be read. */
GBytes     *us_test_read_file     (const char *path);
/* Adds a signatory with that name, e-mail and country (either may be
 * NULL) to campaign; returns it, owned by the campaign.
 */
UsSignatory *us_test_add_person   (UsCampaign *campaign,
                                   const char *name,
                                   const char *email,
                                   const char *country);
/* An import plan of data ("test.csv") into campaign; fails the test on
 * an error.
 */
UsImportPlan *us_test_import_plan (UsCampaign  *campaign,
                                   GBytes      *data,
                                   const char **mapping,
                                   gboolean     provider_rules,
                                   const char  *encoding);

G_END_DECLS
