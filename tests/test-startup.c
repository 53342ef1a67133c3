/* test-startup.c: what the window builds before its first frame, and
 * that what it builds later is whole, under Xvfb
 *
 * The window builds only the page shown before its first frame; the
 * others are built when shown, when asked for, or in an idle after the
 * first frame.  These tests hold the promises a user relies on: the
 * first frame with the campaign loaded shows its letter, every page
 * built later shows the same campaign, and the letter's text scrolls in
 * its own card under the title and addressee.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "us-application.h"
#include "us-citation.h"
#include "us-incidents-page.h"
#include "us-letter-page.h"
#include "us-signatories-page.h"
#include "us-sources-page.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 20000

static const char * const page_names[] = { "letter", "signatories", "incidents", "sources" };

static UsApplication *app;
static char *tmp_dir;

static GFile *
sample_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);

  return g_file_new_for_path (path);
}

/* The page widget in the stack's page NAME, or NULL while not built. */
static GtkWidget *
built_page (UsWindow   *window,
            const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (us_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  GtkWidget *slot = adw_view_stack_get_child_by_name (stack, name);

  g_assert_nonnull (slot);
  return ADW_IS_BIN (slot) ? adw_bin_get_child (ADW_BIN (slot)) : slot;
}

static gboolean
all_pages_built (UsWindow *window)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    if (built_page (window, page_names[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* What the first frame painted with the campaign loaded had in it. */
typedef struct
{
  UsWindow *window;
  gboolean  painted;
  gboolean  built[G_N_ELEMENTS (page_names)];
  char     *letter_text;     /* the letter page's text then, if built */
  char     *letter_body;     /* the edition's body it should show */
} FirstFrame;

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  GtkWidget *letter;

  if (frame->painted || us_document_get_busy (us_window_get_document (frame->window)))
    return;
  frame->painted = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    frame->built[i] = built_page (frame->window, page_names[i]) != NULL;
  letter = built_page (frame->window, "letter");
  if (letter != NULL)
    {
      GtkTextBuffer *buffer = us_letter_page_get_buffer (US_LETTER_PAGE (letter));
      UsEdition *edition = us_letter_page_get_edition (US_LETTER_PAGE (letter));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      frame->letter_text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      frame->letter_body = g_strdup (edition ? us_edition_get_body (edition) : NULL);
    }
}

static void
realize_cb (GtkWidget  *widget,
            FirstFrame *frame)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (after_paint_cb), frame);
}

static UsWindow *
open_sample (const char *page,
             FirstFrame *frame)
{
  g_autoptr(GFile) sample = sample_file ();
  UsWindow *window = us_window_new (GTK_APPLICATION (app));

  frame->window = window;
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), frame);
  if (page != NULL)
    us_window_set_page (window, page);
  us_window_load (window, sample, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  US_TEST_WAIT_FOR (frame->painted, WAIT_MS);
  return window;
}

static void
close_window (UsWindow   *window,
              FirstFrame *frame)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (window)), frame);
  gtk_window_destroy (GTK_WINDOW (window));
  g_free (frame->letter_text);
  g_free (frame->letter_body);
}

/* Every page built later has the campaign the window shows. */
static void
assert_pages_show_campaign (UsWindow *window)
{
  UsCampaign *campaign = us_document_get_campaign (us_window_get_document (window));

  US_TEST_WAIT_FOR (all_pages_built (window), WAIT_MS);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = us_window_get_page_widget (window, page_names[i]);
      g_autoptr(UsCampaign) shown = NULL;

      g_test_message ("page %s", page_names[i]);
      g_assert_true (page == built_page (window, page_names[i]));
      g_object_get (page, "campaign", &shown, NULL);
      g_assert_true (shown == campaign);
    }
  g_assert_true (US_IS_LETTER_PAGE (us_window_get_page_widget (window, "letter")));
  g_assert_true (US_IS_SIGNATORIES_PAGE (us_window_get_page_widget (window, "signatories")));
  g_assert_true (US_IS_INCIDENTS_PAGE (us_window_get_page_widget (window, "incidents")));
  g_assert_true (US_IS_SOURCES_PAGE (us_window_get_page_widget (window, "sources")));
  g_assert_null (us_window_get_page_widget (window, "no-such-page"));
}

/* The first frame with the sample shows its letter, and only the Letter
 * page was built for it; the others follow after it, with the campaign.
 */
static void
test_first_frame_letter (void)
{
  FirstFrame frame = { 0 };
  UsWindow *window = open_sample (NULL, &frame);

  g_assert_true (frame.built[0]);
  g_assert_false (frame.built[1]);
  g_assert_false (frame.built[2]);
  g_assert_false (frame.built[3]);
  g_assert_nonnull (frame.letter_body);
  g_assert_cmpuint (strlen (frame.letter_body), >, 1000);
  g_assert_cmpstr (frame.letter_text, ==, frame.letter_body);

  assert_pages_show_campaign (window);
  close_window (window, &frame);
}

/* Opened on the Signatories page (as the benchmark's 100,000-signatory
 * campaign is), the window builds that page first; the Letter page,
 * built later, still has the letter, and saving a draft before it
 * exists keeps the campaign.
 */
static void
test_first_frame_other_page (void)
{
  FirstFrame frame = { 0 };
  UsWindow *window = open_sample ("signatories", &frame);
  GtkWidget *letter;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_assert_false (frame.built[0]);
  g_assert_true (frame.built[1]);
  g_assert_null (frame.letter_text);

  if (built_page (window, "letter") == NULL)
    us_window_save_draft (window);

  letter = us_window_get_page_widget (window, "letter");
  buffer = us_letter_page_get_buffer (US_LETTER_PAGE (letter));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, us_edition_get_body (us_letter_page_get_edition (US_LETTER_PAGE (letter))));
  g_assert_cmpuint (strlen (text), >, 1000);

  assert_pages_show_campaign (window);
  close_window (window, &frame);
}

static gboolean
entry_row_titled (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (entry_row_titled (child, title))
      return TRUE;
  return FALSE;
}

static gboolean
row_titled (GtkWidget  *root,
            const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (row_titled (child, title))
      return TRUE;
  return FALSE;
}

/* The side panel, filled after the letter's first frame, lists the
 * incidents the letter cites and the current text's version row.
 */
static void
test_side_panel_fills (void)
{
  FirstFrame frame = { 0 };
  UsWindow *window = open_sample (NULL, &frame);
  GtkWidget *letter = us_window_get_page_widget (window, "letter");
  UsCampaign *campaign = us_document_get_campaign (us_window_get_document (window));
  g_auto(GStrv) cited = us_citations_ids (frame.letter_body);
  UsIncident *first;

  g_assert_nonnull (cited);
  g_assert_nonnull (cited[0]);
  first = us_campaign_find_incident (campaign, cited[0]);
  g_assert_nonnull (first);
  US_TEST_WAIT_FOR (row_titled (letter, us_incident_get_title (first)), WAIT_MS);
  US_TEST_WAIT_FOR (row_titled (letter, "Current text"), WAIT_MS);

  close_window (window, &frame);
}

/* A narrow window switches pages from the bar at the bottom, which is
 * only given the pages when first needed.
 */
static gboolean
bar_ready (AdwViewSwitcherBar *bar)
{
  AdwViewSwitcher *switcher = ADW_VIEW_SWITCHER (us_test_find_widget_of_type (GTK_WIDGET (bar), ADW_TYPE_VIEW_SWITCHER));

  return adw_view_switcher_bar_get_reveal (bar) && adw_view_switcher_bar_get_stack (bar) != NULL &&
         switcher != NULL && adw_view_switcher_get_stack (switcher) != NULL;
}

static void
test_narrow_window_switcher (void)
{
  FirstFrame frame = { 0 };
  UsWindow *window = open_sample (NULL, &frame);
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (us_test_find_widget_of_type (GTK_WIDGET (window),
                                                                         ADW_TYPE_VIEW_SWITCHER_BAR));
  AdwViewStack *stack = ADW_VIEW_STACK (us_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  g_assert_nonnull (bar);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  US_TEST_WAIT_FOR (bar_ready (bar), WAIT_MS);
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == stack);
  /* Past the animations, for a look at it (US_SCREENSHOT_DIR). */
  if (g_getenv ("US_SCREENSHOT_DIR") != NULL)
    us_test_spin (1000);
  us_test_save_png (GTK_WIDGET (window), "startup-narrow.png", WAIT_MS);

  close_window (window, &frame);
}

/* The letter is longer than its card: the text scrolls inside the card,
 * and the Title and Addressee rows stay where they are.  The card is a
 * box around the scrolled window, which clips to a plain rectangle
 * inside the card's rounded corners.
 */
static void
test_text_scrolls_in_card (void)
{
  FirstFrame frame = { 0 };
  UsWindow *window = open_sample (NULL, &frame);
  GtkWidget *letter = us_window_get_page_widget (window, "letter");
  GtkWidget *view = us_test_find_widget_of_type (letter, GTK_TYPE_TEXT_VIEW);
  GtkWidget *scroller = gtk_widget_get_parent (view);
  GtkWidget *card = gtk_widget_get_parent (scroller);
  GtkAdjustment *adjustment;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_has_css_class (card, "card"));
  g_assert_false (gtk_widget_has_css_class (scroller, "card"));
  g_assert_false (entry_row_titled (card, "Title"));
  g_assert_true (entry_row_titled (letter, "Title"));
  g_assert_true (entry_row_titled (letter, "Addressee"));

  /* Once laid out, the whole letter is reachable by scrolling. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  US_TEST_WAIT_FOR (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) &&
                    gtk_adjustment_get_page_size (adjustment) > 0, WAIT_MS);
  g_assert_cmpint (gtk_widget_get_height (scroller), >=, 352);
  /* The rounded corners' room: 4 px all round, the scroller filling the
   * rest (sizes are of content boxes, inside the card's padding).
   */
  {
    GtkBorder padding;

    gtk_style_context_get_padding (gtk_widget_get_style_context (card), &padding);
    g_assert_cmpint (padding.left, ==, 4);
    g_assert_cmpint (padding.right, ==, 4);
    g_assert_cmpint (padding.top, ==, 4);
    g_assert_cmpint (padding.bottom, ==, 4);
    g_assert_cmpint (gtk_widget_get_width (card), ==, gtk_widget_get_width (scroller));
    g_assert_cmpint (gtk_widget_get_height (card), ==, gtk_widget_get_height (scroller));
  }

  close_window (window, &frame);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = us_test_ui_init ("startup", US_TEST_UI_DEFAULT, &argc, &argv);
  app = us_test_ui_register_app ();

  g_test_add_func ("/startup/first-frame-letter", test_first_frame_letter);
  g_test_add_func ("/startup/first-frame-other-page", test_first_frame_other_page);
  g_test_add_func ("/startup/text-scrolls-in-card", test_text_scrolls_in_card);
  g_test_add_func ("/startup/side-panel-fills", test_side_panel_fills);
  g_test_add_func ("/startup/narrow-window-switcher", test_narrow_window_switcher);
  status = g_test_run ();

  g_object_unref (app);
  us_test_ui_remove_home (tmp_dir);
  g_free (tmp_dir);
  return status;
}
