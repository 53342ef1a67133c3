/* us-signatory-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-signatory-row.h"

struct _UsSignatoryRow
{
  GObject      parent_instance;

  UsSignatory *signatory;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsSignatoryRow, us_signatory_row, G_TYPE_OBJECT)

static void
signatory_notify_cb (UsSignatoryRow *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
us_signatory_row_dispose (GObject *object)
{
  UsSignatoryRow *self = (UsSignatoryRow *) object;

  if (self->signatory != NULL)
    g_signal_handlers_disconnect_by_func (self->signatory, signatory_notify_cb, self);
  g_clear_object (&self->signatory);

  G_OBJECT_CLASS (us_signatory_row_parent_class)->dispose (object);
}

static void
us_signatory_row_class_init (UsSignatoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = us_signatory_row_dispose;

  /**
   * UsSignatoryRow::changed:
   *
   * The row holds another signatory, or a field of its signatory changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
us_signatory_row_init (UsSignatoryRow *self)
{
}

UsSignatoryRow *
us_signatory_row_new (UsSignatory *signatory)
{
  UsSignatoryRow *self;

  g_return_val_if_fail (US_IS_SIGNATORY (signatory), NULL);

  self = g_object_new (US_TYPE_SIGNATORY_ROW, NULL);
  self->signatory = g_object_ref (signatory);
  g_signal_connect_swapped (signatory, "notify", G_CALLBACK (signatory_notify_cb), self);
  return self;
}

UsSignatory *
us_signatory_row_get_signatory (UsSignatoryRow *self)
{
  g_return_val_if_fail (US_IS_SIGNATORY_ROW (self), NULL);

  return self->signatory;
}

void
us_signatory_row_set_signatory (UsSignatoryRow *self,
                                UsSignatory    *signatory)
{
  g_return_if_fail (US_IS_SIGNATORY_ROW (self));
  g_return_if_fail (US_IS_SIGNATORY (signatory));

  if (self->signatory == signatory)
    return;

  g_signal_handlers_disconnect_by_func (self->signatory, signatory_notify_cb, self);
  g_set_object (&self->signatory, signatory);
  g_signal_connect_swapped (signatory, "notify", G_CALLBACK (signatory_notify_cb), self);
  g_signal_emit (self, signals[CHANGED], 0);
}
