/* test-window-frame.c: the campaign window's frame where nothing
 * composites it, and the cards' shadows, under Xvfb
 *
 * Without a compositing manager GTK gives a window the solid-csd style
 * class, and Adwaita draws its 5-pixel frame as three inset shadows,
 * each of which GTK 4.8's GL renderer shades over the whole window.
 * style.css draws the same pixels with a border, an outline and a
 * background layer.  These tests hold both halves: the frame looks as
 * Adwaita's rule draws it (light, dark, high contrast, backdrop), and
 * no window-sized inset shadow is left to pay for.  Cards and boxed
 * lists likewise: Adwaita's two blurred shadows each cost an offscreen
 * pass and a blur shader in the GL renderer, and style.css draws five
 * unblurred rings fitted to their pixels.  And the first
 * window, at its default size, fits a 1366x768 laptop with the letter's
 * side panel shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <stdlib.h>

#include "us-application.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 20000

static UsApplication *app;
static char *tmp_dir;

/* Adwaita 1.2's rules for the frame (base.css; base-hc.css has lines
 * of alpha 0.5), and what undoes style.css's, at a priority above the
 * application's style sheet.
 */
static char *
adwaita_frame_css (const char *line_alpha)
{
  return g_strdup_printf ("window.campaign-window.solid-csd {"
                          "  padding: 5px; border: none; outline: none;"
                          "  background-image: none; background-clip: border-box;"
                          "  box-shadow: inset 0 0 0 5px alpha(currentColor,%s),"
                          "              inset 0 0 0 4px @headerbar_bg_color,"
                          "              inset 0 0 0 1px alpha(currentColor,%s);"
                          "}"
                          "window.campaign-window.solid-csd:backdrop {"
                          "  box-shadow: inset 0 0 0 5px alpha(currentColor,%s),"
                          "              inset 0 0 0 4px @headerbar_backdrop_color,"
                          "              inset 0 0 0 1px alpha(currentColor,%s);"
                          "}",
                          line_alpha, line_alpha, line_alpha, line_alpha);
}

typedef struct
{
  GdkTexture *texture;
  guint       window_inset_shadows;   /* inset shadows as large as the window */
  guint       blurred_shadows;        /* outset shadows with a blur */
} Frame;

static void
frame_clear (Frame *frame)
{
  g_clear_object (&frame->texture);
}

/* Walks the node tree: inset shadows as large as the window, and
 * blurred outset shadows, into frame.
 */
static void
count_shadows (GskRenderNode *node,
               float          width,
               float          height,
               Frame         *frame)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_shadows (gsk_container_node_get_child (node, i), width, height, frame);
      break;
    case GSK_TRANSFORM_NODE:
      count_shadows (gsk_transform_node_get_child (node), width, height, frame);
      break;
    case GSK_CLIP_NODE:
      count_shadows (gsk_clip_node_get_child (node), width, height, frame);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_shadows (gsk_rounded_clip_node_get_child (node), width, height, frame);
      break;
    case GSK_OPACITY_NODE:
      count_shadows (gsk_opacity_node_get_child (node), width, height, frame);
      break;
    case GSK_COLOR_MATRIX_NODE:
      count_shadows (gsk_color_matrix_node_get_child (node), width, height, frame);
      break;
    case GSK_DEBUG_NODE:
      count_shadows (gsk_debug_node_get_child (node), width, height, frame);
      break;
    case GSK_INSET_SHADOW_NODE:
      {
        const GskRoundedRect *outline = gsk_inset_shadow_node_get_outline (node);

        frame->window_inset_shadows += outline->bounds.size.width >= width - 10 &&
                                       outline->bounds.size.height >= height - 10;
      }
      break;
    case GSK_OUTSET_SHADOW_NODE:
      frame->blurred_shadows += gsk_outset_shadow_node_get_blur_radius (node) > 0;
      break;
    default:
      break;
    }
}

/* The window as it draws itself now, rendered to a texture. */
static void
draw_window (GtkWidget *window,
             Frame     *frame)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  int width = 0, height = 0;

  /* A style change shows a frame or two later, and one that changes the
   * window's size draws nothing until it has its new allocation.
   */
  for (guint i = 0; i < 3; i++)
    us_test_wait_for_frame (window, WAIT_MS);
  for (guint i = 0; i < 50 && node == NULL; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      us_test_wait_for_frame (window, WAIT_MS);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  count_shadows (node, width, height, frame);
  frame->texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                                &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The largest difference of one colour channel between a and b. */
static guint
max_difference (GdkTexture *a,
                GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pa = NULL;
  g_autofree guchar *pb = NULL;
  guint worst = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  pa = g_malloc (stride * height);
  pb = g_malloc (stride * height);
  gdk_texture_download (a, pa, stride);
  gdk_texture_download (b, pb, stride);
  for (gsize i = 0; i < stride * height; i++)
    worst = MAX (worst, (guint) abs ((int) pa[i] - (int) pb[i]));
  return worst;
}

/* How far apart the two may be: for the frame, the GL renderer, GTK's
 * default, draws the same pixels (1 level for rounding); the cairo
 * renderer (no GL, or GSK_RENDERER=cairo as in the sanitizer run) blends
 * Adwaita's three shadows in another order, and the 1-pixel lines of
 * the two frames differ by up to 13 levels of 255 there.
 */
static gboolean
uses_cairo (GtkWidget *window)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  return strcmp (G_OBJECT_TYPE_NAME (renderer), "GskCairoRenderer") == 0;
}

static guint
max_allowed (GtkWidget *window)
{
  return uses_cairo (window) ? 16 : 1;
}

/* Draws the window as it is, then with css (Adwaita's own rules) added
 * above the application's style sheet, and fails when the two differ by
 * more than max_difference_allowed in a colour channel; ours and theirs
 * keep the node counts of each.
 */
static void
draw_as_is_and_as_adwaita (GtkWidget  *window,
                           const char *css,
                           guint       max_difference_allowed,
                           const char *what,
                           Frame      *ours,
                           Frame      *theirs)
{
  g_autoptr(GtkCssProvider) adwaita = gtk_css_provider_new ();
  guint difference;

  draw_window (window, ours);
  gtk_css_provider_load_from_data (adwaita, css, -1);
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (window),
                                              GTK_STYLE_PROVIDER (adwaita),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_widget_queue_draw (window);
  draw_window (window, theirs);
  gtk_style_context_remove_provider_for_display (gtk_widget_get_display (window),
                                                 GTK_STYLE_PROVIDER (adwaita));
  gtk_widget_queue_draw (window);

  difference = max_difference (ours->texture, theirs->texture);
  if (difference > max_difference_allowed && g_getenv ("US_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *a = g_strdup_printf ("%s/%s-ours.png", g_getenv ("US_SCREENSHOT_DIR"), what);
      g_autofree char *b = g_strdup_printf ("%s/%s-adwaita.png", g_getenv ("US_SCREENSHOT_DIR"), what);

      gdk_texture_save_to_png (ours->texture, a);
      gdk_texture_save_to_png (theirs->texture, b);
    }
  if (difference > max_difference_allowed)
    g_error ("%s: the window differs from Adwaita's drawing by up to %u in a colour channel",
             what, difference);
}

/* Draws the window with the app's frame and with Adwaita's: the same
 * pixels, and none of Adwaita's window-sized inset shadows left.
 */
static void
assert_frame_as_adwaita (GtkWidget  *window,
                         const char *line_alpha,
                         const char *what)
{
  g_autofree char *css = adwaita_frame_css (line_alpha);
  g_autofree char *name = g_strdup_printf ("frame-%s", what);
  Frame ours = { 0 }, theirs = { 0 };

  draw_as_is_and_as_adwaita (window, css, max_allowed (window), name, &ours, &theirs);
  /* Adwaita's own rule is in effect in the second drawing: three. */
  g_assert_cmpuint (theirs.window_inset_shadows, ==, 3);
  if (ours.window_inset_shadows != 0)
    g_error ("%s: the frame still shades %u window-sized inset shadows", what,
             ours.window_inset_shadows);
  frame_clear (&ours);
  frame_clear (&theirs);
}

static GtkWidget *
open_window (void)
{
  GtkWidget *window = GTK_WIDGET (us_window_new (GTK_APPLICATION (app)));

  /* Wide enough that the view switcher stays in the header bar: the
   * bottom bar, revealed in a narrow window, would change the picture
   * between the two drawings.
   */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 5; i++)
    us_test_wait_for_frame (window, WAIT_MS);
  return window;
}

static gboolean
window_idle (gpointer data)
{
  return !us_document_get_busy (us_window_get_document (data));
}

static GtkWidget *
open_sample_window (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);
  g_autoptr(GFile) sample = g_file_new_for_path (path);
  GtkWidget *window = open_window ();

  us_window_load (US_WINDOW (window), sample, FALSE);
  US_TEST_WAIT_FOR (window_idle (window), WAIT_MS);
  for (guint i = 0; i < 3; i++)
    us_test_wait_for_frame (window, WAIT_MS);
  return window;
}

/* Adwaita 1.2's shadow of cards and boxed lists (base.css; base-hc.css
 * has a stronger line).
 */
static char *
adwaita_card_css (const char *line)
{
  return g_strdup_printf ("shortcut > .keycap, list.content, list.boxed-list, .card {"
                          "  box-shadow: 0 0 0 1px %s, 0 1px 3px 1px rgba(0, 0, 0, 0.07),"
                          "              0 2px 6px 2px rgba(0, 0, 0, 0.03);"
                          "}", line);
}

/* The Letter page's cards as Adwaita draws them, within a few levels of
 * 255 where the rings stand for the blur (5 to 6 with the GL renderer,
 * 8 to 9 with cairo, at the edge of a card's shadow), and without a
 * blurred shadow anywhere.
 */
static void
assert_cards_as_adwaita (GtkWidget  *window,
                         const char *line,
                         const char *what)
{
  g_autofree char *css = adwaita_card_css (line);
  g_autofree char *name = g_strdup_printf ("cards-%s", what);
  Frame ours = { 0 }, theirs = { 0 };

  draw_as_is_and_as_adwaita (window, css, uses_cairo (window) ? 11 : 7, name, &ours, &theirs);
  /* The title card, the text's card and the side panel's two lists. */
  g_assert_cmpuint (theirs.blurred_shadows, >=, 2 * 4);
  if (ours.blurred_shadows != 0)
    g_error ("%s: the window still draws %u blurred shadows", what, ours.blurred_shadows);
  frame_clear (&ours);
  frame_clear (&theirs);
}

static void
test_cards (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window = open_sample_window ();

  assert_cards_as_adwaita (window, "rgba(0, 0, 0, 0.03)", "light");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));
  assert_cards_as_adwaita (window, "rgba(0, 0, 0, 0.03)", "dark");
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_frame_light (void)
{
  GtkWidget *window = open_window ();

  if (!gtk_widget_has_css_class (window, "solid-csd"))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_test_skip ("the display composites windows: no solid-csd frame");
      return;
    }
  g_assert_true (gtk_widget_has_css_class (window, "campaign-window"));
  gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
  assert_frame_as_adwaita (window, "0.15", "light");
  gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
  assert_frame_as_adwaita (window, "0.15", "light, backdrop");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_frame_dark (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  window = open_window ();
  if (!gtk_widget_has_css_class (window, "solid-csd"))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
      g_test_skip ("the display composites windows: no solid-csd frame");
      return;
    }
  g_assert_true (adw_style_manager_get_dark (manager));
  gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
  assert_frame_as_adwaita (window, "0.15", "dark");
  gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
  assert_frame_as_adwaita (window, "0.15", "dark, backdrop");
  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* High contrast comes from GNOME's accessibility settings (in memory
 * here, GSETTINGS_BACKEND=memory); Adwaita's frame lines are darker.
 */
static void
test_frame_high_contrast (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) a11y = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *window;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    {
      g_test_skip ("no org.gnome.desktop.a11y.interface schema to ask for high contrast");
      return;
    }
  a11y = g_settings_new ("org.gnome.desktop.a11y.interface");
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  US_TEST_WAIT_FOR (adw_style_manager_get_high_contrast (manager), WAIT_MS);
  window = open_window ();
  if (!gtk_widget_has_css_class (window, "solid-csd"))
    g_test_skip ("the display composites windows: no solid-csd frame");
  else
    {
      gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
      assert_frame_as_adwaita (window, "0.5", "high contrast");
      gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
      assert_frame_as_adwaita (window, "0.5", "high contrast, backdrop");
      /* And dark: libadwaita adds style-hc-dark.css, the app has none. */
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      g_assert_true (adw_style_manager_get_dark (manager));
      gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
      assert_frame_as_adwaita (window, "0.5", "high contrast, dark");
      gtk_widget_set_state_flags (window, GTK_STATE_FLAG_BACKDROP, FALSE);
      assert_frame_as_adwaita (window, "0.5", "high contrast, dark, backdrop");
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  /* The cards' stronger line, whatever the display. */
  window = open_sample_window ();
  gtk_widget_unset_state_flags (window, GTK_STATE_FLAG_BACKDROP);
  assert_cards_as_adwaita (window, "alpha(currentColor, 0.5)", "high contrast");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  US_TEST_WAIT_FOR (!adw_style_manager_get_high_contrast (manager), WAIT_MS);
}


/* A first window, with nothing remembered, fits a 1366x768 laptop under
 * GNOME's 32-pixel top bar, and is wide enough for the letter's side
 * panel beside the text.
 */
static void
test_default_size_fits (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("US_SOURCE_ROOT"), "data", "samples",
                                            "healthcare-2020.undersigned", NULL);
  g_autoptr(GFile) sample = g_file_new_for_path (path);
  UsWindow *window = us_window_new (GTK_APPLICATION (app));
  GtkWidget *flap;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, <=, 1366);
  g_assert_cmpint (height, <=, 768 - 32);

  us_window_load (window, sample, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  US_TEST_WAIT_FOR (window_idle (window), WAIT_MS);
  for (guint i = 0; i < 3; i++)
    us_test_wait_for_frame (GTK_WIDGET (window), WAIT_MS);
  flap = us_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_FLAP);
  g_assert_nonnull (flap);
  g_assert_true (gtk_widget_get_mapped (flap));
  g_assert_false (adw_flap_get_folded (ADW_FLAP (flap)));
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = us_test_ui_init ("window-frame", US_TEST_UI_DEFAULT, &argc, &argv);
  app = us_test_ui_register_app ();
  /* The header bar's colours ease into backdrop: no transitions, so that
   * both drawings show the same moment.
   */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window-frame/light", test_frame_light);
  g_test_add_func ("/window-frame/dark", test_frame_dark);
  g_test_add_func ("/window-frame/high-contrast", test_frame_high_contrast);
  g_test_add_func ("/window-frame/cards", test_cards);
  g_test_add_func ("/window-frame/default-size-fits", test_default_size_fits);
  status = g_test_run ();

  g_object_unref (app);
  us_test_ui_remove_home (tmp_dir);
  g_free (tmp_dir);
  return status;
}
