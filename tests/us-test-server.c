/* us-test-server.c: in-process servers on 127.0.0.1 for the fetch tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-test-server.h"

#include <string.h>

/* Servers */

SoupServer *
us_test_server_new (GTlsCertificate     *cert,
                    SoupServerCallback   callback,
                    gpointer             user_data,
                    char               **base)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  GSList *uris;

  if (cert != NULL)
    {
      server = soup_server_new ("tls-certificate", cert, NULL);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  else
    server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, callback, user_data, NULL);
  soup_server_listen_local (server, 0, options, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  *base = g_strdup_printf ("%s://127.0.0.1:%d", cert != NULL ? "https" : "http",
                           g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

char *
us_test_listen_loopback (GSocketListener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

void
us_test_drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Async calls run to the end */

void
us_test_async_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
us_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* Bodies */

char *
us_test_atom_feed (guint n,
                   guint first)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                             "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                             "<title>Hospital attacks</title><id>urn:feed</id>"
                             "<updated>2020-05-26T00:00:00Z</updated>\n");

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (s, "<entry><id>urn:entry:%u</id><title>Attack %u</title>"
                               "<link href=\"https://news.example.org/%u\"/>"
                               "<updated>2020-03-%02uT10:00:00Z</updated>"
                               "<summary>Ransomware at hospital %u</summary></entry>\n",
                            i, i, i, i % 28 + 1, i);
  g_string_append (s, "</feed>\n");
  return g_string_free (s, FALSE);
}

void
us_test_serve_feed (SoupServerMessage *msg,
                    guint              n)
{
  char *feed = us_test_atom_feed (n, 0);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/atom+xml", SOUP_MEMORY_TAKE,
                                    feed, strlen (feed));
}

void
us_test_serve_csv (SoupServerMessage *msg)
{
  static const char csv[] = "name,email,country\n"
                            "Ada Example,ada@example.org,GB\n"
                            "Bruno Example,bruno@example.org,CZ";

  soup_server_message_set_response (msg, "text/csv", SOUP_MEMORY_STATIC, csv, sizeof csv - 1);
}

/* Campaigns and refreshes */

UsCampaign *
us_test_campaign_with (const char *base,
                       const char *first_id,
                       ...)
{
  UsCampaign *campaign = us_campaign_new ("Test");
  va_list args;

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      const char *path = va_arg (args, const char *);
      UsSourceKind kind = va_arg (args, UsSourceKind);
      g_autofree char *url = strstr (path, "://") ? g_strdup (path) : g_strconcat (base, path, NULL);
      g_autoptr(UsSource) source = us_source_new (id, url, kind);

      us_campaign_add_source (campaign, source);
    }
  va_end (args);
  us_campaign_set_modified (campaign, FALSE);
  return campaign;
}

UsFetcher *
us_test_fetcher_new (void)
{
  UsFetcher *fetcher = us_fetcher_new ();

  us_fetcher_set_timeout (fetcher, 5);
  return fetcher;
}

UsRefreshResult *
us_test_refresh (UsFetcher           *fetcher,
                 UsCampaign          *campaign,
                 const char * const  *ids,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  us_fetcher_refresh_async (fetcher, campaign, ids, cancellable, us_test_async_done, &result);
  us_test_wait (&result);
  return us_fetcher_refresh_finish (fetcher, result, error);
}

UsRefreshResult *
us_test_refresh_ok (UsFetcher  *fetcher,
                    UsCampaign *campaign)
{
  g_autoptr(GError) error = NULL;
  UsRefreshResult *result = us_test_refresh (fetcher, campaign, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}
