/* fuzz-feed.c: libFuzzer target for the Atom/RSS/RDF parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-feed.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UsFeed) feed = us_feed_parse ((const char *) data, size,
                                          "https://example.org/feed", "fuzz.xml", &error);

  g_assert ((feed == NULL) == (error != NULL));
  if (feed != NULL)
    for (guint i = 0; i < feed->entries->len; i++)
      {
        UsFeedEntry *e = g_ptr_array_index (feed->entries, i);

        /* Whatever comes out is valid text, and links are web links. */
        g_assert (e->title == NULL || g_utf8_validate (e->title, -1, NULL));
        g_assert (e->summary == NULL || g_utf8_validate (e->summary, -1, NULL));
        g_assert (e->link == NULL || g_ascii_strncasecmp (e->link, "http:", 5) == 0 ||
                  g_ascii_strncasecmp (e->link, "https:", 6) == 0);
      }
  us_feed_sniff ((const char *) data, size);
  return 0;
}
