/* test-sources-page.c: the Sources page and the incident inbox, driven as
 * a user would, against a feed served on 127.0.0.1
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session).  Every wait iterates
 * the main context until a condition holds, with a bounded timeout.  The
 * only traffic is to the in-process SoupServer on the loopback interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "us-application.h"
#include "us-inbox-dialog.h"
#include "us-incidents-page.h"
#include "us-resources.h"
#include "us-sources-page.h"
#include "us-window.h"
#include "us-test-ui.h"

#define WAIT_MS 10000
#define ETAG "\"feed-v1\""

static const char feed[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
  "  <title>Health Sector Incidents</title>\n"
  "  <id>urn:test:feed</id>\n"
  "  <updated>2024-03-02T10:00:00Z</updated>\n"
  "  <entry>\n"
  "    <title>Ransomware hits Brno hospital</title>\n"
  "    <id>urn:test:entry-1</id>\n"
  "    <link href=\"http://127.0.0.1/brno\"/>\n"
  "    <updated>2024-03-01T08:00:00Z</updated>\n"
  "    <summary>Surgeries postponed after an attack.</summary>\n"
  "  </entry>\n"
  "  <entry>\n"
  "    <title>DDoS on a clinic network</title>\n"
  "    <id>urn:test:entry-2</id>\n"
  "    <link href=\"http://127.0.0.1/clinic\"/>\n"
  "    <updated>2024-03-02T09:00:00Z</updated>\n"
  "    <summary>Appointments offline for a day.</summary>\n"
  "  </entry>\n"
  "</feed>\n";

static GtkApplication *app;
static SoupServer *server;
static guint n_requests;
static guint n_not_modified;

#define WAIT_FOR(cond) US_TEST_WAIT_FOR (cond, WAIT_MS)

static void
server_cb (SoupServer        *srv,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *out = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (in, "If-None-Match");

  n_requests++;
  if (strcmp (path, "/feed.atom") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_message_headers_replace (out, "ETag", ETAG);
  if (inm != NULL && strcmp (inm, ETAG) == 0)
    {
      n_not_modified++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_STATIC, feed, strlen (feed));
}

static char *
server_url (const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *base = g_uri_to_string (uris->data);
  char *url;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* base ends with "/" */
  url = g_strconcat (base, path + 1, NULL);
  return url;
}

static GtkWidget *
find_widget_of_type (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwEntryRow *
entry_row (GtkWidget  *root,
           const char *title)
{
  if (ADW_IS_ENTRY_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_ENTRY_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
badge_text (UsInboxButton *button)
{
  GtkWidget *label = gtk_widget_get_last_child (gtk_button_get_child (GTK_BUTTON (button)));

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static UsCandidate *
candidate_at (UsCampaign *campaign,
              guint       i)
{
  g_autoptr(UsCandidate) c = g_list_model_get_item (us_campaign_get_inbox (campaign), i);

  return c; /* the inbox keeps its reference */
}

static void
test_refresh_inbox (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Test campaign");
  g_autofree char *url = server_url ("/feed.atom");
  g_autoptr(UsSource) source = us_source_new (NULL, url, US_SOURCE_KIND_INCIDENTS);
  UsDocument *document = us_window_get_document (window);
  UsUndoStack *undo = us_document_get_undo_stack (document);
  UsSourcesPage *page;
  UsInboxButton *badge;
  UsInboxDialog *dialog;
  GtkWidget *form;
  GListModel *incidents;
  UsCandidate *first, *second;
  const char *id;

  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  us_window_set_page (window, "sources");
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));
  badge = US_INBOX_BUTTON (find_widget_of_type (us_window_get_page_widget (window, "incidents"),
                                                US_TYPE_INBOX_BUTTON));
  g_assert_nonnull (badge);
  g_assert_true (us_document_get_campaign (document) == campaign);
  incidents = us_campaign_get_incidents (campaign);

  /* Add: the id comes from the host; one undo step. */
  us_sources_page_add_source (page, source);
  id = us_source_get_id (source);
  g_assert_cmpstr (id, ==, "127.0.0.1");
  g_assert_true (us_campaign_find_source (campaign, id) == source);
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "");

  /* Refresh every source, as Ctrl+R does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-sources", NULL));
  g_assert_true (us_sources_page_get_refreshing (page));
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "2 new");
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "2 new incident candidates");
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 2);
  g_assert_cmpstr (badge_text (badge), ==, "2");
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 2);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  us_test_save_png (GTK_WIDGET (window), "sources-refreshed.png", WAIT_MS);
  first = candidate_at (campaign, 0);
  second = candidate_at (campaign, 1);

  /* Accept the first through the inbox's form. */
  dialog = us_inbox_dialog_new (GTK_WINDOW (window), campaign, undo);
  gtk_window_present (GTK_WINDOW (dialog));
  us_test_save_png (GTK_WIDGET (dialog), "inbox.png", WAIT_MS);
  form = us_inbox_dialog_show_accept (dialog, first);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (form, "_Victim")), "Brno University Hospital");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (form, "_Country (ISO code, e.g. CZ)")), "cz");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (form, "_Identifier"))), ==,
                   "ransomware-hits-brno-hospital");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (form, "_Date (YYYY-MM-DD)"))), ==,
                   "2024-03-01");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (form), "accept"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (form), "accept");
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  {
    UsIncident *incident = us_campaign_find_incident (campaign, "ransomware-hits-brno-hospital");
    g_autoptr(UsReference) reference = NULL;

    g_assert_nonnull (incident);
    g_assert_cmpstr (us_incident_get_country (incident), ==, "CZ");
    g_assert_cmpstr (us_incident_get_victim (incident), ==, "Brno University Hospital");
    g_assert_cmpstr (us_incident_get_date (incident), ==, "2024-03-01");
    reference = g_list_model_get_item (us_incident_get_references (incident), 0);
    g_assert_cmpstr (us_reference_get_url (reference), ==, "http://127.0.0.1/brno");
  }
  g_assert_cmpint (us_candidate_get_state (first), ==, US_CANDIDATE_ACCEPTED);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 1);
  g_assert_cmpstr (badge_text (badge), ==, "1");

  /* Dismiss the second. */
  us_inbox_dismiss (campaign, undo, second);
  g_assert_cmpint (us_candidate_get_state (second), ==, US_CANDIDATE_DISMISSED);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  g_assert_cmpstr (badge_text (badge), ==, "");

  /* Undo restores both, one step each; redo takes them again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (us_candidate_get_state (second), ==, US_CANDIDATE_NEW);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (us_candidate_get_state (first), ==, US_CANDIDATE_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 0);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 2);
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Refresh again: a conditional GET, 304, nothing new. */
  us_sources_page_refresh (page, id);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpuint (n_not_modified, ==, 1);
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "unchanged");
  g_assert_cmpuint (us_inbox_button_get_count (badge), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_inbox (campaign)), ==, 2);

  /* Remove is one undo step too. */
  us_sources_page_remove_source (page, source);
  g_assert_null (us_campaign_find_source (campaign, id));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_campaign_find_source (campaign, id) == source);

  /* A cancelled refresh changes nothing. */
  us_sources_page_refresh (page, NULL);
  us_sources_page_cancel_refresh (page);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "Refresh cancelled: nothing changed");
  g_assert_cmpstr (us_sources_page_get_row_status (page, id), ==, "unchanged");

  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_source_errors (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Errors");
  g_autofree char *url = server_url ("/missing.atom");
  g_autoptr(UsSource) source = us_source_new ("missing", url, US_SOURCE_KIND_INCIDENTS);
  UsDocument *document = us_window_get_document (window);
  UsSourcesPage *page;
  const char *status;

  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));
  us_sources_page_add_source (page, source);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  status = us_sources_page_get_row_status (page, "missing");
  g_assert_true (g_str_has_prefix (status, "error: "));
  g_assert_cmpstr (us_sources_page_get_last_summary (page), ==, "1 source failed");
  us_campaign_set_modified (us_document_get_campaign (document), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = g_dir_make_tmp ("undersigned-sources-XXXXXX", NULL);
  int status;

  for (guint i = 0; i < 4; i++)
    {
      const char *names[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" };
      g_autofree char *dir = g_build_filename (tmp_dir, names[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (names[i], dir, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* Only loopback: no proxy may see the requests. */
  g_setenv ("no_proxy", "*", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");

  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (us_get_resource ());

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  app = GTK_APPLICATION (us_application_new (G_APPLICATION_NON_UNIQUE));
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);

  g_test_add_func ("/sources/refresh-inbox", test_refresh_inbox);
  g_test_add_func ("/sources/errors", test_source_errors);
  status = g_test_run ();

  g_object_unref (app);
  g_object_unref (server);
  return status;
}
