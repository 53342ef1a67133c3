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
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "us-application.h"
#include "us-drafts.h"
#include "us-export.h"
#include "us-inbox-dialog.h"
#include "us-incidents-page.h"
#include "us-source-dialog.h"
#include "us-source-row.h"
#include "us-sources-page.h"
#include "us-token.h"
#include "us-window.h"
#include "us-test-keyring.h"
#include "us-test-ui.h"

#define WAIT_MS 10000
#define ETAG "\"feed-v1\""
#define TOKEN_HEADER "OSDI-API-Token"
#define TOKEN "osdi-5be0c1d2-token-never-on-disk"
#define MOVED_HEADER "X-Api-Key"

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
static char *token_seen;          /* the last /osdi request's token header */
static GPtrArray *held;           /* SoupServerMessage paused by /slow-* */
static char *keyring_problem;     /* why the keyring test skips */

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
  if (g_str_has_prefix (path, "/slow-"))
    {
      /* Answered when the test says so: a refresh kept in flight. */
      soup_server_message_pause (msg);
      g_ptr_array_add (held, g_object_ref (msg));
      return;
    }
  if (strcmp (path, "/osdi-old") == 0 || strcmp (path, "/osdi-away") == 0)
    {
      /* Moved for good: within this origin, or to another (a host name
       * for the same loopback address).
       */
      GSList *uris = soup_server_get_uris (srv);
      g_autofree char *location = NULL;

      if (strcmp (path, "/osdi-old") == 0)
        location = g_strdup_printf ("http://127.0.0.1:%d/osdi", g_uri_get_port (uris->data));
      else
        location = g_strdup_printf ("http://localhost:%d/feed.atom", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, location);
      return;
    }
  if (strcmp (path, "/osdi") == 0 || strcmp (path, "/osdi-v2") == 0)
    {
      /* The service moved to /osdi-v2 and renamed its header. */
      const char *token = soup_message_headers_get_one (in, strcmp (path, "/osdi") == 0 ? TOKEN_HEADER
                                                                                      : MOVED_HEADER);

      g_free (token_seen);
      token_seen = g_strdup (token);
      /* As an OSDI service does: no token, no data. */
      if (g_strcmp0 (token, TOKEN) != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
          return;
        }
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_STATIC, feed, strlen (feed));
      return;
    }
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

static void
release_held (guint i)
{
  SoupServerMessage *msg = g_ptr_array_index (held, i);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_STATIC, feed, strlen (feed));
  soup_server_message_unpause (msg);
}

/* The source rows, in the order the list shows them. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (US_IS_SOURCE_ROW (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static const char *
row_id (UsSourcesPage *page,
        guint          i)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (page), rows);
  if (i >= rows->len)
    return NULL;
  return us_source_get_id (us_source_row_get_source (g_ptr_array_index (rows, i)));
}

static const char *
source_id_at (UsCampaign *campaign,
              guint       i)
{
  g_autoptr(UsSource) source = g_list_model_get_item (us_campaign_get_sources (campaign), i);

  return source ? us_source_get_id (source) : NULL;
}

/* Removing a source and undoing puts it back where it was, in the
 * campaign and in the list; the row's own menu item removes it too.
 */
static void
test_undo_position (void)
{
  UsWindow *window = us_window_new (app);
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Three sources");
  UsDocument *document = us_window_get_document (window);
  const char *ids[] = { "first", "second", "third" };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  UsSourcesPage *page;

  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  us_window_set_page (window, "sources");
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/%s.atom", ids[i]);
      g_autofree char *url = server_url (path);
      g_autoptr(UsSource) source = us_source_new (ids[i], url, US_SOURCE_KIND_INCIDENTS);

      us_sources_page_add_source (page, source);
    }
  g_assert_cmpstr (row_id (page, 1), ==, "second");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.remove", "s", "second"));
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 2);
  g_assert_cmpstr (row_id (page, 1), ==, "third");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (source_id_at (campaign, 1), ==, "second");
  g_assert_cmpstr (row_id (page, 0), ==, "first");
  g_assert_cmpstr (row_id (page, 1), ==, "second");
  g_assert_cmpstr (row_id (page, 2), ==, "third");

  /* The first, through its row's menu; undo, redo, undo. */
  collect_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 0), "row.remove", NULL));
  g_assert_cmpstr (source_id_at (campaign, 0), ==, "second");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (source_id_at (campaign, 0), ==, "first");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (row_id (page, 0), ==, "first");
  g_assert_cmpstr (row_id (page, 1), ==, "second");

  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
text_notify_cb (GtkProgressBar *bar,
                GParamSpec     *pspec,
                GPtrArray      *texts)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL)
    g_ptr_array_add (texts, g_strdup (text));
}

/* Two windows refresh at once through the application's one fetcher:
 * each progress bar follows its own refresh only.
 */
static void
test_progress_per_window (void)
{
  UsWindow *window_a = us_window_new (app);
  UsWindow *window_b = us_window_new (app);
  g_autoptr(UsCampaign) campaign_a = us_campaign_new ("A");
  g_autoptr(UsCampaign) campaign_b = us_campaign_new ("B");
  g_autofree char *slow_a = server_url ("/slow-a");
  g_autofree char *slow_b = server_url ("/slow-b");
  g_autofree char *fast = server_url ("/feed.atom");
  g_autoptr(UsSource) a = us_source_new ("a", slow_a, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(UsSource) b1 = us_source_new ("b1", fast, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(UsSource) b2 = us_source_new ("b2", slow_b, US_SOURCE_KIND_INCIDENTS);
  g_autoptr(GPtrArray) texts_b = g_ptr_array_new_with_free_func (g_free);
  UsSourcesPage *page_a, *page_b;
  GtkProgressBar *bar_b;

  g_ptr_array_set_size (held, 0);
  us_document_set_campaign (us_window_get_document (window_a), campaign_a, NULL);
  us_document_set_campaign (us_window_get_document (window_b), campaign_b, NULL);
  gtk_window_present (GTK_WINDOW (window_a));
  gtk_window_present (GTK_WINDOW (window_b));
  page_a = US_SOURCES_PAGE (us_window_get_page_widget (window_a, "sources"));
  page_b = US_SOURCES_PAGE (us_window_get_page_widget (window_b, "sources"));
  us_sources_page_add_source (page_a, a);
  us_sources_page_add_source (page_b, b1);
  us_sources_page_add_source (page_b, b2);
  bar_b = GTK_PROGRESS_BAR (find_widget_of_type (GTK_WIDGET (page_b), GTK_TYPE_PROGRESS_BAR));
  g_assert_nonnull (bar_b);
  g_signal_connect (bar_b, "notify::text", G_CALLBACK (text_notify_cb), texts_b);

  /* B: the fast source done, the slow one held. */
  us_sources_page_refresh (page_b, NULL);
  WAIT_FOR (held->len == 1 && g_strcmp0 (gtk_progress_bar_get_text (bar_b), "1 of 2 sources") == 0);

  /* A starts and finishes while B still waits. */
  us_sources_page_refresh (page_a, NULL);
  WAIT_FOR (held->len == 2);
  release_held (1);
  WAIT_FOR (!us_sources_page_get_refreshing (page_a));
  g_assert_cmpstr (us_sources_page_get_row_status (page_a, "a"), ==, "2 new");
  g_assert_true (us_sources_page_get_refreshing (page_b));
  g_assert_cmpstr (gtk_progress_bar_get_text (bar_b), ==, "1 of 2 sources");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar_b), ==, 0.5);
  for (guint i = 0; i < texts_b->len; i++)
    g_assert_true (g_str_has_suffix (g_ptr_array_index (texts_b, i), " of 2 sources"));

  release_held (0);
  WAIT_FOR (!us_sources_page_get_refreshing (page_b));
  g_assert_cmpstr (us_sources_page_get_row_status (page_b, "b2"), ==, "2 new");
  g_signal_handlers_disconnect_by_data (bar_b, texts_b);
  g_ptr_array_set_size (held, 0);

  us_campaign_set_modified (campaign_a, FALSE);
  us_campaign_set_modified (campaign_b, FALSE);
  gtk_window_destroy (GTK_WINDOW (window_a));
  gtk_window_destroy (GTK_WINDOW (window_b));
}

static UsSourceDialog *
find_source_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (US_IS_SOURCE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return US_SOURCE_DIALOG (window);
    }
  return NULL;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Opens Add Source from the page and fills it in as a user would. */
static UsSourceDialog *
fill_add_dialog (UsSourcesPage *page,
                 const char    *url)
{
  UsSourceDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Address")), url);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)),
                              US_SOURCE_KIND_INCIDENTS);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token")),
                         TOKEN_HEADER);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "T_oken")), TOKEN);
  return dialog;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static void
assert_no_token (const char *data,
                 gsize       len,
                 const char *what)
{
  g_assert_nonnull (data);
  g_assert_cmpuint (len, >, 0);
  if (g_strstr_len (data, len, TOKEN) != NULL)
    g_error ("the token is in the %s", what);
}

static void
assert_file_has_no_token (const char *path,
                          const char *what)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  g_assert_no_error (error);
  /* The source itself is there, with the header's name. */
  g_assert_nonnull (g_strstr_len (contents, len, TOKEN_HEADER));
  assert_no_token (contents, len, what);
}

/* The token goes from the Add Source dialog into the keyring, from the
 * keyring into the request as the header the source names, and into no
 * file: not the campaign, not its draft, not an export.
 */
static void
test_token_in_keyring (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Token campaign");
  g_autofree char *url = server_url ("/osdi");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  UsDocument *document;
  UsSourcesPage *page;
  UsSourceDialog *dialog;
  Wait wait = { NULL };
  gsize len;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  document = us_window_get_document (window);
  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  us_window_set_page (window, "sources");
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));

  dialog = fill_add_dialog (page, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (g_list_model_get_n_items (us_campaign_get_sources (campaign)) == 1);
  g_assert_null (find_source_dialog ());
  g_assert_cmpstr (us_source_get_token_header (us_campaign_find_source (campaign, "127.0.0.1")), ==,
                   TOKEN_HEADER);

  /* It is in the keyring. */
  us_token_lookup_async (url, TOKEN_HEADER, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  token = us_token_lookup_finish (wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TOKEN);

  /* Forget the copy the dialog handed the app: the refresh must get it
   * from the keyring, as after a restart.
   */
  us_application_remember_token (US_APPLICATION (app), url, TOKEN_HEADER, NULL);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (token_seen, ==, TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "127.0.0.1"), ==, "2 new");

  /* Saved, as a draft, exported: never the token. */
  dir = g_dir_make_tmp ("undersigned-token-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "campaign.undersigned", NULL);
  g_assert_true (us_document_write_draft_now (document, &error));
  g_assert_no_error (error);
  draft = us_drafts_path_for_id (us_document_get_draft_id (document));
  assert_file_has_no_token (draft, "draft");
  file = g_file_new_for_path (path);
  us_document_save_async (document, file, FALSE, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  g_assert_true (us_document_save_finish (document, wait.result, &error));
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  assert_file_has_no_token (path, "saved campaign");
  xml = us_export_xml (campaign, US_WRITE_PUBLIC, NULL, &error);
  g_assert_no_error (error);
  assert_no_token (g_bytes_get_data (xml, &len), len, "XML export");
  csv = us_export_csv (campaign, TRUE);
  assert_no_token (g_bytes_get_data (csv, &len), len, "CSV export");

  g_assert_true (us_token_clear (url, TOKEN_HEADER, NULL, &error));
  g_assert_no_error (error);
  us_application_remember_token (US_APPLICATION (app), url, TOKEN_HEADER, NULL);
  g_unlink (path);
  g_rmdir (dir);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static char *
lookup_token (const char *url,
              const char *header)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;
  char *token;

  us_token_lookup_async (url, header, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  token = us_token_lookup_finish (wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  return token;
}

/* An undo moves the token in the background: wait until it is under
 * the one key and not under the other.
 */
static gboolean
token_only_under (const char *url,
                  const char *header,
                  const char *other_url,
                  const char *other_header)
{
  g_autofree char *token = lookup_token (url, header);
  g_autofree char *other = lookup_token (other_url, other_header);

  return g_strcmp0 (token, TOKEN) == 0 && other == NULL;
}

/* Editing the address and header name of a source moves its token with
 * them: found under the new key, gone from the old one, and sent as the
 * new header by the next refresh, without typing it again.  Undo and
 * redo take it back and forth, so it stays under the key the source has.
 */
static void
test_token_follows_edit (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Moved token");
  g_autofree char *url = server_url ("/osdi");
  g_autofree char *new_url = server_url ("/osdi-v2");
  g_autofree char *token = NULL;
  UsDocument *document;
  UsUndoStack *undo;
  UsSourcesPage *page;
  UsSourceDialog *dialog;
  UsSource *source;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  document = us_window_get_document (window);
  undo = us_document_get_undo_stack (document);
  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (document, campaign, NULL);
  us_window_set_page (window, "sources");
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));

  dialog = fill_add_dialog (page, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (g_list_model_get_n_items (us_campaign_get_sources (campaign)) == 1);
  source = us_campaign_find_source (campaign, "127.0.0.1");
  g_assert_nonnull (source);

  /* Edit it: a new address and header name, the token left empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "127.0.0.1"));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "T_oken"))), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Address")), new_url);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token")),
                         MOVED_HEADER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (find_source_dialog () == NULL);
  g_assert_cmpstr (us_source_get_url (source), ==, new_url);
  g_assert_cmpstr (us_source_get_token_header (source), ==, MOVED_HEADER);

  token = lookup_token (new_url, MOVED_HEADER);
  g_assert_cmpstr (token, ==, TOKEN);
  g_clear_pointer (&token, g_free);
  token = lookup_token (url, TOKEN_HEADER);
  g_assert_null (token);

  /* As after a restart: the refresh gets it from the keyring. */
  us_application_remember_token (US_APPLICATION (app), url, TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), new_url, MOVED_HEADER, NULL);
  g_clear_pointer (&token_seen, g_free);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (token_seen, ==, TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "127.0.0.1"), ==, "2 new");

  /* Undo the refresh, then the edit: the token goes back with the key. */
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_true (us_undo_stack_undo (undo));
  g_assert_cmpstr (us_source_get_url (source), ==, url);
  g_assert_cmpstr (us_source_get_token_header (source), ==, TOKEN_HEADER);
  WAIT_FOR (token_only_under (url, TOKEN_HEADER, new_url, MOVED_HEADER));
  g_assert_true (us_undo_stack_redo (undo));
  g_assert_cmpstr (us_source_get_url (source), ==, new_url);
  WAIT_FOR (token_only_under (new_url, MOVED_HEADER, url, TOKEN_HEADER));

  /* The header renamed with the token typed again: the old key keeps none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "127.0.0.1"));
  WAIT_FOR (find_source_dialog () != NULL);
  dialog = find_source_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Header name, e.g. OSDI-API-Token")),
                         TOKEN_HEADER);
  gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "T_oken")), TOKEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
  WAIT_FOR (find_source_dialog () == NULL);
  g_assert_true (token_only_under (new_url, TOKEN_HEADER, new_url, MOVED_HEADER));

  g_assert_true (us_token_clear (new_url, TOKEN_HEADER, NULL, NULL));
  us_application_remember_token (US_APPLICATION (app), new_url, TOKEN_HEADER, NULL);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
store_token (const char *url,
             const char *header)
{
  Wait wait = { NULL };
  g_autoptr(GError) error = NULL;

  us_token_store_async (url, header, TOKEN, NULL, done_cb, &wait);
  WAIT_FOR (wait.result != NULL);
  g_assert_true (us_token_store_finish (wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
}

/* A permanent redirect moves the source, and its token with it when it
 * stays on the same origin; to another origin the token stays behind,
 * so that no later refresh sends it there.
 */
static void
test_token_follows_redirect (void)
{
  UsWindow *window;
  g_autoptr(UsCampaign) campaign = us_campaign_new ("Redirected token");
  g_autofree char *old_url = server_url ("/osdi-old");
  g_autofree char *url = server_url ("/osdi");
  g_autofree char *away_url = server_url ("/osdi-away");
  g_autofree char *token = NULL;
  g_autoptr(UsSource) source = NULL;
  g_autoptr(UsSource) away = NULL;
  g_autoptr(GUri) away_uri = NULL;
  g_autofree char *elsewhere = NULL;
  UsSourcesPage *page;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }
  window = us_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (us_window_get_document (window), campaign, NULL);
  us_window_set_page (window, "sources");
  page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));

  source = us_source_new ("osdi", old_url, US_SOURCE_KIND_INCIDENTS);
  us_source_set_token_header (source, TOKEN_HEADER);
  us_sources_page_add_source (page, source);
  away = us_source_new ("away", away_url, US_SOURCE_KIND_INCIDENTS);
  us_source_set_token_header (away, TOKEN_HEADER);
  us_sources_page_add_source (page, away);
  store_token (old_url, TOKEN_HEADER);
  store_token (away_url, TOKEN_HEADER);

  g_clear_pointer (&token_seen, g_free);
  us_sources_page_refresh (page, NULL);
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (token_seen, ==, TOKEN);
  g_assert_cmpstr (us_source_get_url (source), ==, url);
  away_uri = g_uri_parse (away_url, G_URI_FLAGS_NONE, NULL);
  elsewhere = g_strdup_printf ("http://localhost:%d/feed.atom", g_uri_get_port (away_uri));
  g_assert_cmpstr (us_source_get_url (away), ==, elsewhere);

  WAIT_FOR (token_only_under (url, TOKEN_HEADER, old_url, TOKEN_HEADER));
  token = lookup_token (away_url, TOKEN_HEADER);
  g_assert_cmpstr (token, ==, TOKEN);
  g_clear_pointer (&token, g_free);
  token = lookup_token (elsewhere, TOKEN_HEADER);
  g_assert_null (token);

  /* Straight to the new address, with the token from the keyring. */
  us_application_remember_token (US_APPLICATION (app), old_url, TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), url, TOKEN_HEADER, NULL);
  g_clear_pointer (&token_seen, g_free);
  us_sources_page_refresh (page, "osdi");
  WAIT_FOR (!us_sources_page_get_refreshing (page));
  g_assert_cmpstr (token_seen, ==, TOKEN);
  g_assert_cmpstr (us_sources_page_get_row_status (page, "osdi"), ==, "0 new");

  g_assert_true (us_token_clear (url, TOKEN_HEADER, NULL, NULL));
  g_assert_true (us_token_clear (away_url, TOKEN_HEADER, NULL, NULL));
  us_application_remember_token (US_APPLICATION (app), url, TOKEN_HEADER, NULL);
  us_application_remember_token (US_APPLICATION (app), away_url, TOKEN_HEADER, NULL);
  us_campaign_set_modified (campaign, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With no Secret Service on the bus (a child process on a private bus
 * that cannot start one): the dialog says so and keeps the source
 * unsaved; a refresh says so in its summary.  No crash, no plain-text
 * fallback.
 */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      UsWindow *window = us_window_new (app);
      g_autoptr(UsCampaign) campaign = us_campaign_new ("No keyring");
      g_autofree char *url = server_url ("/osdi");
      g_autofree char *new_url = server_url ("/osdi-v2");
      g_autoptr(UsSource) source = NULL;
      UsSourcesPage *page;
      UsSourceDialog *dialog;
      GtkLabel *message;

      gtk_window_present (GTK_WINDOW (window));
      us_document_set_campaign (us_window_get_document (window), campaign, NULL);
      us_window_set_page (window, "sources");
      page = US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));

      dialog = fill_add_dialog (page, url);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
      WAIT_FOR (find_label (GTK_WIDGET (dialog), "Could not store the token") != NULL);
      message = find_label (GTK_WIDGET (dialog), "Could not store the token");
      g_print ("dialog: %s\n", gtk_label_get_text (message));
      g_assert_nonnull (strstr (gtk_label_get_text (message), "no keyring is running"));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
      g_assert_true (find_source_dialog () == dialog);
      g_assert_cmpuint (g_list_model_get_n_items (us_campaign_get_sources (campaign)), ==, 0);
      /* The window does not grow: the message is scrolled into view. */
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_SCROLLED_WINDOW)));

        WAIT_FOR (gtk_adjustment_get_value (adjustment) > 0 &&
                  gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                  gtk_adjustment_get_upper (adjustment));
      }
      us_test_save_png (GTK_WIDGET (dialog), "source-dialog-no-keyring.png", WAIT_MS);
      gtk_window_destroy (GTK_WINDOW (dialog));

      /* A source that needs a token, refreshed. */
      source = us_source_new ("osdi", url, US_SOURCE_KIND_INCIDENTS);
      us_source_set_token_header (source, TOKEN_HEADER);
      us_sources_page_add_source (page, source);
      us_sources_page_refresh (page, NULL);
      WAIT_FOR (!us_sources_page_get_refreshing (page));
      g_print ("summary: %s\n", us_sources_page_get_last_summary (page));
      g_assert_true (g_str_has_prefix (us_sources_page_get_last_summary (page),
                                       "1 source failed (tokens could not be read: no keyring is running"));
      g_assert_null (token_seen);

      /* A new address: the token cannot follow, so nothing is saved. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "sources.edit", "s", "osdi"));
      WAIT_FOR (find_source_dialog () != NULL);
      dialog = find_source_dialog ();
      gtk_editable_set_text (GTK_EDITABLE (entry_row (GTK_WIDGET (dialog), "_Address")), new_url);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "source.save", NULL));
      WAIT_FOR (find_label (GTK_WIDGET (dialog), "Could not move the token") != NULL);
      message = find_label (GTK_WIDGET (dialog), "Could not move the token");
      g_print ("move: %s\n", gtk_label_get_text (message));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
      g_assert_cmpstr (us_source_get_url (source), ==, url);
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_SCROLLED_WINDOW)));

        WAIT_FOR (gtk_adjustment_get_value (adjustment) > 0 &&
                  gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
                  gtk_adjustment_get_upper (adjustment));
      }
      us_test_save_png (GTK_WIDGET (dialog), "source-dialog-move-failed.png", WAIT_MS);
      gtk_window_destroy (GTK_WINDOW (dialog));
      us_campaign_set_modified (campaign, FALSE);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*dialog: Could not store the token: no keyring is running*"
                             "move: Could not move the token: no keyring is running*");
}

/* Nothing may log the token, at any level. */
static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        strstr (fields[i].value, TOKEN) != NULL)
      {
        fputs ("a log message holds the token\n", stderr);
        abort ();
      }
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  static GTestDBus *private_bus = NULL; /* static: never freed (see the end), still reachable */
  GPid keyring = 0;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);

  /* Only loopback: no proxy may see the requests. */
  g_setenv ("no_proxy", "*", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");
  tmp_dir = us_test_ui_init ("sources", US_TEST_UI_RUNTIME_DIR, &argc, &argv);
  held = g_ptr_array_new_with_free_func (g_object_unref);

  /* The keyring: a private gnome-keyring-daemon on this session bus, or,
   * in /sources/no-keyring's child, a private bus with no Secret Service.
   * Either way the user's own keyring is never touched.
   */
  if (g_test_subprocess ())
    {
      private_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_test_dbus_up (private_bus);
    }
  else
    {
      keyring = us_test_keyring_start (WAIT_MS, &error);
      if (keyring == 0)
        {
          keyring_problem = g_strdup_printf ("no keyring to test with: %s", error->message);
          g_printerr ("%s\n", keyring_problem);
          g_clear_error (&error);
        }
    }

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);

  app = GTK_APPLICATION (us_test_ui_register_app ());

  g_test_add_func ("/sources/refresh-inbox", test_refresh_inbox);
  g_test_add_func ("/sources/errors", test_source_errors);
  g_test_add_func ("/sources/undo-position", test_undo_position);
  g_test_add_func ("/sources/progress-per-window", test_progress_per_window);
  g_test_add_func ("/sources/token-in-keyring", test_token_in_keyring);
  g_test_add_func ("/sources/token-follows-edit", test_token_follows_edit);
  g_test_add_func ("/sources/token-follows-redirect", test_token_follows_redirect);
  g_test_add_func ("/sources/no-keyring", test_no_keyring);
  status = g_test_run ();

  g_object_unref (app);
  g_object_unref (server);
  g_ptr_array_unref (held);
  us_test_keyring_stop (keyring);
  /* libsecret keeps its connection: stop the bus without waiting. */
  if (private_bus != NULL)
    g_test_dbus_stop (private_bus);
  us_test_ui_remove_home (tmp_dir);
  return status;
}
