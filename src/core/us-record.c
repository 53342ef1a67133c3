/* us-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-record-private.h"

#include <string.h>

typedef struct
{
  gpointer owner;
} UsRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (UsRecord, us_record, G_TYPE_OBJECT)

static void
us_record_real_set_owner (UsRecord *self,
                          gpointer  campaign)
{
  UsRecordPrivate *priv = us_record_get_instance_private (self);

  priv->owner = campaign;
}

static void
us_record_class_init (UsRecordClass *klass)
{
  klass->set_owner = us_record_real_set_owner;
}

static void
us_record_init (UsRecord *self)
{
}

gpointer
us_record_get_owner (UsRecord *self)
{
  UsRecordPrivate *priv = us_record_get_instance_private (self);

  g_return_val_if_fail (US_IS_RECORD (self), NULL);
  return priv->owner;
}

void
_us_record_set_owner (gpointer record,
                      gpointer campaign)
{
  US_RECORD_GET_CLASS (record)->set_owner (record, campaign);
}

void
_us_record_changed (gpointer    record,
                    GParamSpec *pspec)
{
  UsRecordPrivate *priv = us_record_get_instance_private (record);

  if (pspec != NULL)
    g_object_notify_by_pspec (record, pspec);
  if (priv->owner != NULL)
    _us_campaign_touch (priv->owner);
}

gboolean
_us_set_string (char       **ptr,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

gboolean
_us_set_interned (const char **ptr,
                  const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  *ptr = value ? g_intern_string (value) : NULL;
  return TRUE;
}
