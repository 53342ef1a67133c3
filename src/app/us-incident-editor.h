/* us-incident-editor.h: every field of one incident, its references, and
 * the paragraphs of the letter that cite it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "us-campaign.h"
#include "us-undo.h"

G_BEGIN_DECLS

#define US_TYPE_INCIDENT_EDITOR (us_incident_editor_get_type ())
G_DECLARE_FINAL_TYPE (UsIncidentEditor, us_incident_editor, US, INCIDENT_EDITOR, AdwBin)

UsIncident *us_incident_editor_get_incident (UsIncidentEditor *self);
void        us_incident_editor_set_incident (UsIncidentEditor *self,
                                             UsIncident       *incident);
/* Moves the focus to the title, for a new incident. */
void        us_incident_editor_focus_title  (UsIncidentEditor *self);

G_END_DECLS
