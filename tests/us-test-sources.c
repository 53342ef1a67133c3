/* us-test-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "us-test-sources.h"
#include "us-test-ui.h"

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

static SoupServer *server;
static guint n_not_modified;
static char *token_seen;          /* the last /osdi request's token header */
static GPtrArray *held;           /* SoupServerMessage paused by /slow-* */

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
      const char *token = soup_message_headers_get_one (in, strcmp (path, "/osdi") == 0 ? US_TEST_TOKEN_HEADER
                                                                                      : US_TEST_MOVED_HEADER);

      g_free (token_seen);
      token_seen = g_strdup (token);
      /* As an OSDI service does: no token, no data. */
      if (g_strcmp0 (token, US_TEST_TOKEN) != 0)
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

void
us_test_feed_start (void)
{
  g_autoptr(GError) error = NULL;

  /* Only loopback: no proxy may see the requests. */
  g_setenv ("no_proxy", "*", TRUE);
  g_unsetenv ("http_proxy");
  g_unsetenv ("HTTP_PROXY");

  g_assert_null (server);
  held = g_ptr_array_new_with_free_func (g_object_unref);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("Cannot listen on 127.0.0.1: %s", error->message);
}

void
us_test_feed_stop (void)
{
  g_clear_object (&server);
  g_clear_pointer (&held, g_ptr_array_unref);
  g_clear_pointer (&token_seen, g_free);
}

char *
us_test_feed_url (const char *path)
{
  GSList *uris = soup_server_get_uris (server);
  g_autofree char *base = g_uri_to_string (uris->data);
  char *url;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* base ends with "/" */
  url = g_strconcat (base, path + 1, NULL);
  return url;
}

guint
us_test_feed_get_n_not_modified (void)
{
  return n_not_modified;
}

const char *
us_test_feed_get_token_seen (void)
{
  return token_seen;
}

void
us_test_feed_forget_token (void)
{
  g_clear_pointer (&token_seen, g_free);
}

guint
us_test_feed_get_n_held (void)
{
  return held->len;
}

void
us_test_feed_release_held (guint i)
{
  SoupServerMessage *msg = g_ptr_array_index (held, i);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_STATIC, feed, strlen (feed));
  soup_server_message_unpause (msg);
}

void
us_test_feed_drop_held (void)
{
  g_ptr_array_set_size (held, 0);
}

static gboolean
entry_row_titled (GtkWidget     *widget,
                  gconstpointer  title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

GtkEditable *
us_test_entry (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = us_test_find_widget (root, entry_row_titled, title);

  if (row == NULL)
    g_error ("no entry row titled \"%s\"", title);
  return GTK_EDITABLE (row);
}

UsSourcesPage *
us_test_show_sources (UsWindow   *window,
                      UsCampaign *campaign)
{
  gtk_window_present (GTK_WINDOW (window));
  us_document_set_campaign (us_window_get_document (window), campaign, NULL);
  us_window_set_page (window, "sources");
  return US_SOURCES_PAGE (us_window_get_page_widget (window, "sources"));
}
