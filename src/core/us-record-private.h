/* us-record-private.h: for the model's own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "us-record.h"

G_BEGIN_DECLS

/* campaign is a UsCampaign or NULL; not referenced (the campaign owns us). */
void _us_record_set_owner (gpointer    record,
                           gpointer    campaign);
/* Notify pspec (when not NULL) and mark the owning campaign modified. */
void _us_record_changed   (gpointer    record,
                           GParamSpec *pspec);
/* Implemented by UsCampaign. */
void _us_campaign_touch   (gpointer    campaign);

/* Replace *ptr with a copy of value; FALSE when they were equal. */
gboolean _us_set_string   (char       **ptr,
                           const char  *value);
/* Same, with the value interned: for repeated values (organisations,
 * titles, countries, languages) that a million records share.
 */
gboolean _us_set_interned (const char **ptr,
                           const char  *value);

G_END_DECLS
