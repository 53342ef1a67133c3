/* us-incident.h: an attack the letter cites as evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "us-record.h"
#include "us-enums.h"
#include "us-reference.h"

G_BEGIN_DECLS

#define US_TYPE_INCIDENT (us_incident_get_type ())
G_DECLARE_FINAL_TYPE (UsIncident, us_incident, US, INCIDENT, UsRecord)

UsIncident   *us_incident_new             (const char   *id,
                                           const char   *title);
UsIncident   *us_incident_copy            (UsIncident   *self);
gboolean      us_incident_equal           (UsIncident   *a,
                                           UsIncident   *b);
const char   *us_incident_get_id          (UsIncident   *self);
void          us_incident_set_id          (UsIncident   *self,
                                           const char   *id);
const char   *us_incident_get_title       (UsIncident   *self);
void          us_incident_set_title       (UsIncident   *self,
                                           const char   *title);
/* YYYY-MM-DD; date-end set for a range. */
const char   *us_incident_get_date        (UsIncident   *self);
void          us_incident_set_date        (UsIncident   *self,
                                           const char   *date);
const char   *us_incident_get_date_end    (UsIncident   *self);
void          us_incident_set_date_end    (UsIncident   *self,
                                           const char   *date_end);
const char   *us_incident_get_victim      (UsIncident   *self);
void          us_incident_set_victim      (UsIncident   *self,
                                           const char   *victim);
const char   *us_incident_get_sector      (UsIncident   *self);
void          us_incident_set_sector      (UsIncident   *self,
                                           const char   *sector);
const char   *us_incident_get_country     (UsIncident   *self);
void          us_incident_set_country     (UsIncident   *self,
                                           const char   *country);
const char   *us_incident_get_summary     (UsIncident   *self);
void          us_incident_set_summary     (UsIncident   *self,
                                           const char   *summary);
UsAttackType  us_incident_get_attack_type (UsIncident   *self);
void          us_incident_set_attack_type (UsIncident   *self,
                                           UsAttackType  type);
/* A GListModel of UsReference; add and remove through it. */
GListModel   *us_incident_get_references  (UsIncident   *self);
void          us_incident_add_reference   (UsIncident   *self,
                                           UsReference  *reference);
void          us_incident_insert_reference (UsIncident  *self,
                                            guint        position,
                                            UsReference *reference);
void          us_incident_remove_reference (UsIncident  *self,
                                            guint        position);

G_END_DECLS
