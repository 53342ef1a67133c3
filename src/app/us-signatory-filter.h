/* us-signatory-filter.h: the Signatories page's search and status filter
 *
 * A GtkFilter over UsSignatory that matches the normalised query (see
 * us_normalize_key()) as a substring of the signatory's cached key, its
 * organisation or its country code, and optionally one status and one
 * consent value.  Unlike GtkStringFilter it never folds a row's text while
 * filtering, and it tells the filter model when a change can only hide
 * rows (GTK_FILTER_CHANGE_MORE_STRICT) so that only the shown rows are
 * checked again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "us-signatory.h"

G_BEGIN_DECLS

#define US_TYPE_SIGNATORY_FILTER (us_signatory_filter_get_type ())
G_DECLARE_FINAL_TYPE (UsSignatoryFilter, us_signatory_filter, US, SIGNATORY_FILTER, GtkFilter)

/* For the status and consent properties: match any value. */
#define US_SIGNATORY_FILTER_ANY (-1)

UsSignatoryFilter *us_signatory_filter_new         (void);

/* The text as typed; NULL or blank matches everyone. */
const char        *us_signatory_filter_get_query   (UsSignatoryFilter *self);
void               us_signatory_filter_set_query   (UsSignatoryFilter *self,
                                                    const char        *query);
/* A UsStatus, or US_SIGNATORY_FILTER_ANY. */
int                us_signatory_filter_get_status  (UsSignatoryFilter *self);
void               us_signatory_filter_set_status  (UsSignatoryFilter *self,
                                                    int                status);
/* A UsConsent, or US_SIGNATORY_FILTER_ANY. */
int                us_signatory_filter_get_consent (UsSignatoryFilter *self);
void               us_signatory_filter_set_consent (UsSignatoryFilter *self,
                                                    int                consent);
/* TRUE when some rows may be hidden. */
gboolean           us_signatory_filter_is_active   (UsSignatoryFilter *self);

G_END_DECLS
