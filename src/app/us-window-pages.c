/* us-window-pages.c: the window's pages, built when first needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "us-incidents-page.h"
#include "us-letter-page.h"
#include "us-signatories-page.h"
#include "us-sources-page.h"
#include "us-window-private.h"

static const char * const page_names[N_PAGES] = { "letter", "signatories", "incidents", "sources" };

/* The pages are built lazily: the one shown, when the window is
 * realised or the page is shown; each other when first shown or asked
 * for (us_window_get_page_widget(), actions), or else in a low-priority
 * idle after a frame painted with no load in progress, one page an idle.
 * A page gets the campaign when it is built.  Building the three pages
 * not shown and handing them the sample before the first frame cost
 * ~25 ms and ~60 ms (bench/bench-startup.sh).
 */
static GType (* const page_types[N_PAGES]) (void) = {
  us_letter_page_get_type, us_signatories_page_get_type,
  us_incidents_page_get_type, us_sources_page_get_type,
};

GtkWidget *
_us_window_ensure_page (UsWindow *self,
                        PageId    id)
{
  GtkWidget *page;

  g_return_val_if_fail (id < N_PAGES, NULL);

  if (self->pages[id] != NULL || self->slots[id] == NULL ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return self->pages[id];
  page = g_object_new (page_types[id] (), NULL);
  self->pages[id] = page;
  g_object_bind_property (self->document, "campaign", page, "campaign", G_BINDING_SYNC_CREATE);
  g_object_set (page, "undo-stack", us_document_get_undo_stack (self->document), NULL);
  adw_bin_set_child (self->slots[id], page);
  return page;
}

/* The bottom switcher shows only in a narrow window: it gets the stack,
 * and so builds its buttons, the first time it is revealed.
 */
static void
title_visible_cb (UsWindow *self)
{
  if (adw_view_switcher_title_get_title_visible (self->switcher_title) &&
      adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
}

static void
visible_page_cb (UsWindow *self)
{
  GtkWidget *slot = adw_view_stack_get_visible_child (self->stack);

  for (guint i = 0; i < N_PAGES; i++)
    if (slot == GTK_WIDGET (self->slots[i]))
      _us_window_ensure_page (self, i);
}

static gboolean
bind_next_page_cb (gpointer user_data)
{
  UsWindow *self = user_data;

  /* A thread reads the campaign: again once it is done (notify::busy). */
  if (us_document_get_busy (self->document))
    {
      self->lazy_bind_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* One page an idle, so that input is not kept waiting. */
  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i] == NULL)
      {
        _us_window_ensure_page (self, i);
        return G_SOURCE_CONTINUE;
      }
  self->lazy_bind_id = 0;
  return G_SOURCE_REMOVE;
}

static void
lazy_bind_after_paint_cb (GdkFrameClock *clock,
                          UsWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, lazy_bind_after_paint_cb, self);
  if (self->lazy_bind_id == 0 && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    self->lazy_bind_id = g_idle_add_full (G_PRIORITY_LOW, bind_next_page_cb, self, NULL);
}

static void
schedule_lazy_binding (UsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->lazy_bind_id != 0 || us_document_get_busy (self->document))
    return;
  g_signal_handlers_disconnect_by_func (clock, lazy_bind_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (lazy_bind_after_paint_cb), self, 0);
}

void
us_window_set_page (UsWindow   *self,
                    const char *name)
{
  g_return_if_fail (US_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

GtkWidget *
us_window_get_page_widget (UsWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (US_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* Pages are built lazily: the caller gets one, with the campaign. */
  for (guint i = 0; i < N_PAGES; i++)
    if (strcmp (name, page_names[i]) == 0)
      return _us_window_ensure_page (self, i);
  return NULL;
}

void
_us_window_pages_class_init (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      g_autofree char *id = g_strconcat (page_names[i], "_slot", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE,
                                                 G_STRUCT_OFFSET (UsWindow, slots) + i * sizeof (AdwBin *));
    }
}

void
_us_window_pages_init (UsWindow *self)
{
  g_signal_connect_swapped (self->document, "notify::busy", G_CALLBACK (schedule_lazy_binding), self);
  /* The page shown is built at the latest for the first frame. */
  g_signal_connect (self, "realize", G_CALLBACK (visible_page_cb), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (schedule_lazy_binding), NULL);
  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (visible_page_cb), self);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (title_visible_cb), self);
  title_visible_cb (self);
}
