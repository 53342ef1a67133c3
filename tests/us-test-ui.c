/* us-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "us-resources.h"
#include "us-test-ui.h"

char *
us_test_ui_init (const char     *name,
                 UsTestUiFlags   flags,
                 int            *argc,
                 char         ***argv)
{
  const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME",
                          "XDG_RUNTIME_DIR" };
  guint n_names = (flags & US_TEST_UI_RUNTIME_DIR) ? 5 : 4;
  g_autofree char *template = g_strdup_printf ("undersigned-%s-XXXXXX", name);
  char *home = g_dir_make_tmp (template, NULL);

  g_assert_nonnull (home);
  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *dir = g_build_filename (home, names[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (argc, argv, NULL);
  g_assert_nonnull (us_get_resource ());
  return home;
}

UsApplication *
us_test_ui_register_app (void)
{
  g_autoptr(GError) error = NULL;
  UsApplication *app = us_application_new (G_APPLICATION_NON_UNIQUE);

  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  return app;
}

void
us_test_ui_remove_home (const char *dir)
{
  g_autoptr(GDir) children = NULL;
  const char *name;

  if (dir == NULL)
    return;
  if (!g_file_test (dir, G_FILE_TEST_IS_SYMLINK) && g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      children = g_dir_open (dir, 0, NULL);
      while (children != NULL && (name = g_dir_read_name (children)) != NULL)
        {
          g_autofree char *child = g_build_filename (dir, name, NULL);

          us_test_ui_remove_home (child);
        }
    }
  g_remove (dir);
}

gboolean
us_test_wake_cb (gpointer data)
{
  /* Only there to wake the main loop up while a condition is polled. */
  return G_SOURCE_CONTINUE;
}

guint
us_test_timeout_ms (guint timeout_ms)
{
  const char *env = g_getenv ("US_TEST_TIMEOUT_MULTIPLIER");
  guint64 multiplier = env ? g_ascii_strtoull (env, NULL, 10) : 1;

  return timeout_ms * CLAMP (multiplier, 1, 100);
}

gboolean
us_test_wait_for (UsTestCondition cond,
                  gpointer        data,
                  guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) us_test_timeout_ms (timeout_ms) * G_TIME_SPAN_MILLISECOND;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

void
us_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

void
us_test_wait_for_frame (GtkWidget *widget,
                        guint      timeout_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  US_TEST_WAIT_FOR (painted, timeout_ms);
  g_signal_handler_disconnect (clock, id);
}

void
us_test_save_png (GtkWidget  *widget,
                  const char *name,
                  guint       timeout_ms)
{
  const char *dir = g_getenv ("US_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  us_test_wait_for_frame (widget, timeout_ms);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("wrote %s", path);
}

GtkWidget *
us_test_find_widget (GtkWidget         *root,
                     UsTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = us_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
us_test_find_widget_of_type (GtkWidget *root,
                             GType      type)
{
  return us_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}
