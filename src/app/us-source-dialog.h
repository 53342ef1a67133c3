/* us-source-dialog.h: add or edit a followed source
 *
 * Paste a URL, let Detect fetch it once to find its kind and title, and
 * optionally give the header and token a service needs (the token goes to
 * the keyring, never into the campaign).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-fetcher.h"

G_BEGIN_DECLS

#define US_TYPE_SOURCE_DIALOG (us_source_dialog_get_type ())
G_DECLARE_FINAL_TYPE (UsSourceDialog, us_source_dialog, US, SOURCE_DIALOG, AdwWindow)

/* source NULL: add a new one.  Emits "saved" (UsSource *values, a new
 * object carrying url, title, kind and token-header; for a new source
 * also an unused id) when the user saves.
 */
UsSourceDialog *us_source_dialog_new       (GtkWindow      *parent,
                                            UsCampaign     *campaign,
                                            UsSource       *source,
                                            UsFetcher      *fetcher);
void            us_source_dialog_set_url   (UsSourceDialog *self,
                                            const char     *url);
/* Runs Detect, as the button does. */
void            us_source_dialog_detect    (UsSourceDialog *self);

G_END_DECLS
