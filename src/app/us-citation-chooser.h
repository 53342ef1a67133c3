/* us-citation-chooser.h: a popover to pick the incident to cite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "us-incident.h"

G_BEGIN_DECLS

#define US_TYPE_CITATION_CHOOSER (us_citation_chooser_get_type ())
G_DECLARE_FINAL_TYPE (UsCitationChooser, us_citation_chooser, US, CITATION_CHOOSER, GtkPopover)

GtkWidget  *us_citation_chooser_new          (void);
/* A GListModel of UsIncident. */
GListModel *us_citation_chooser_get_incidents (UsCitationChooser *self);
void        us_citation_chooser_set_incidents (UsCitationChooser *self,
                                               GListModel        *incidents);

G_END_DECLS
