/* us-record.h: the base of every object a campaign holds
 *
 * A record knows the campaign it belongs to, so that a change to any field
 * of any signatory, incident, reference, edition or source marks the
 * campaign modified without a signal connection per object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define US_TYPE_RECORD (us_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (UsRecord, us_record, US, RECORD, GObject)

struct _UsRecordClass
{
  GObjectClass parent_class;

  /* Records holding other records pass the owner on. */
  void (*set_owner) (UsRecord *self,
                     gpointer  campaign);
};

gpointer us_record_get_owner (UsRecord *self);

G_END_DECLS
