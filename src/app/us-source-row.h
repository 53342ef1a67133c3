/* us-source-row.h: one followed source in the Sources page's list
 *
 * Shows the source's title, kind and address, what its last fetch
 * returned and when, with buttons that activate the page's
 * sources.refresh-one, sources.edit and sources.remove actions for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-source.h"

G_BEGIN_DECLS

#define US_TYPE_SOURCE_ROW (us_source_row_get_type ())
G_DECLARE_FINAL_TYPE (UsSourceRow, us_source_row, US, SOURCE_ROW, AdwActionRow)

GtkWidget  *us_source_row_new        (UsSource    *source);
UsSource   *us_source_row_get_source (UsSourceRow *self);
/* The status line as shown: "", "2 new", "unchanged", "error: …". */
const char *us_source_row_get_status (UsSourceRow *self);
/* Shows the source's fields again; "5 minutes ago" ages, so the page
 * calls this every minute.
 */
void        us_source_row_update     (UsSourceRow *self);

G_END_DECLS
