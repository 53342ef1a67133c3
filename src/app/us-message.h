/* us-message.h: a message with a Close button, over a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Presents heading and body (may be NULL) in a dialog over parent. */
void us_show_message (GtkWindow  *parent,
                      const char *heading,
                      const char *body);

G_END_DECLS
