/* us-fetcher-detect.c: what a response holds: content types, kind
 * detection and parsing, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "us-feed.h"
#include "us-fetcher-private.h"
#include "us-format.h"

#define SNIFF_LENGTH 8192

const char *
_us_fetcher_accept_for_kind (UsSourceKind kind,
                             gboolean     detect)
{
  if (detect)
    return "application/atom+xml, application/rss+xml, application/rdf+xml, "
           US_FORMAT_MIME_TYPE ", application/hal+json, application/json, "
           "text/csv, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
  switch (kind)
    {
    case US_SOURCE_KIND_INCIDENTS:
      return "application/atom+xml, application/rss+xml, application/rdf+xml, "
             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
    case US_SOURCE_KIND_SIGNATURES:
      return "application/hal+json, application/json, text/csv, */*;q=0.1";
    case US_SOURCE_KIND_LETTER:
      return US_FORMAT_MIME_TYPE ", application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1";
    default:
      return "*/*";
    }
}

static gboolean
is_generic_type (const char *type)
{
  return type == NULL ||
         g_ascii_strcasecmp (type, "text/plain") == 0 ||
         g_ascii_strcasecmp (type, "application/octet-stream") == 0 ||
         g_ascii_strcasecmp (type, "binary/octet-stream") == 0;
}

static gboolean
is_xml_type (const char *type)
{
  return type != NULL &&
         (g_str_has_suffix (type, "+xml") ||
          g_ascii_strcasecmp (type, "application/xml") == 0 ||
          g_ascii_strcasecmp (type, "text/xml") == 0);
}

static gboolean
is_json_type (const char *type)
{
  return type != NULL &&
         (g_str_has_suffix (type, "+json") ||
          g_ascii_strcasecmp (type, "application/json") == 0 ||
          g_ascii_strcasecmp (type, "text/json") == 0);
}

static gboolean
is_csv_type (const char *type)
{
  return type != NULL &&
         (g_ascii_strcasecmp (type, "text/csv") == 0 ||
          g_ascii_strcasecmp (type, "application/csv") == 0 ||
          g_ascii_strcasecmp (type, "text/comma-separated-values") == 0 ||
          g_ascii_strcasecmp (type, "text/tab-separated-values") == 0 ||
          g_ascii_strcasecmp (type, "application/vnd.ms-excel") == 0);
}

/* Refuses early, before the body is read, what cannot be right: an HTML
 * page (a login wall, a moved site) is the common case.  Ambiguous types
 * go on to the parser, which knows.
 */
GError *
_us_fetcher_check_content_type (Job        *job,
                                const char *type)
{
  const char *expected;

  if (is_generic_type (type))
    return NULL;
  if (job->detect_task != NULL)
    {
      if (is_xml_type (type) || is_json_type (type) || is_csv_type (type))
        return NULL;
      expected = _("a feed, a campaign file, CSV or OSDI JSON");
    }
  else
    switch (job->kind)
      {
      case US_SOURCE_KIND_INCIDENTS:
        if (is_xml_type (type))
          return NULL;
        expected = _("a feed");
        break;
      case US_SOURCE_KIND_SIGNATURES:
        if (is_csv_type (type) || is_json_type (type))
          return NULL;
        expected = _("CSV or OSDI JSON");
        break;
      case US_SOURCE_KIND_LETTER:
        if (is_xml_type (type))
          return NULL;
        expected = _("a campaign file");
        break;
      default:
        return NULL;
      }
  return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_CONTENT_TYPE,
                      _("expected %s, got %s"), expected, type);
}
/* Parsing, in a worker thread */

static GBytes *
take_body (Job *job)
{
  gsize len = job->body->len;
  guint8 *data = g_byte_array_steal (job->body, NULL);

  return g_bytes_new_take (data, len);
}

static char *
entry_key (UsFeedEntry *entry)
{
  g_autofree char *text = NULL;

  if (entry->id != NULL && *entry->id != '\0')
    return g_strdup (entry->id);
  if (entry->link != NULL && *entry->link != '\0')
    return g_strdup (entry->link);
  if (entry->title == NULL)
    return NULL;
  /* Neither id nor link: the title and date are all that identify it. */
  text = g_strdup_printf ("%s\n%" G_GINT64_FORMAT, entry->title,
                          entry->published ? entry->published : entry->updated);
  return g_strconcat ("sha256:", g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1), NULL);
}

static gboolean
parse_incidents (Job     *job,
                 GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UsFeed) feed = NULL;

  feed = us_feed_parse ((const char *) job->body->data, job->body->len,
                        job->url, job->url, &local_error);
  if (feed == NULL)
    {
      g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE, "%s", local_error->message);
      return FALSE;
    }

  job->outcome->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < feed->entries->len; i++)
    {
      UsFeedEntry *entry = g_ptr_array_index (feed->entries, i);
      char *key = entry_key (entry);
      UsCandidate *candidate;

      if (key == NULL || !g_hash_table_add (seen, key))
        continue;
      candidate = us_candidate_new (job->source_id, key);
      us_candidate_set_title (candidate, entry->title);
      us_candidate_set_link (candidate, entry->link);
      us_candidate_set_summary (candidate, entry->summary);
      us_candidate_set_published (candidate, entry->published ? entry->published : entry->updated);
      g_ptr_array_add (job->outcome->candidates, candidate);
    }
  return TRUE;
}

static UsImportFormat
import_format_for (const char *type)
{
  if (is_csv_type (type))
    return US_IMPORT_FORMAT_CSV;
  if (is_json_type (type))
    return US_IMPORT_FORMAT_OSDI;
  return US_IMPORT_FORMAT_AUTO;
}

static const char *skip_space (const char *p,
                               const char *end);

static gboolean
looks_like_json (Job    *job,
                 GBytes *bytes)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  const char *p = data ? skip_space (data, data + len) : NULL;

  if (is_json_type (job->content_type))
    return TRUE;
  if (is_csv_type (job->content_type))
    return FALSE;
  return p != NULL && p < data + len && (*p == '{' || *p == '[');
}

/* Every page so far and the last one, as the array of pages the OSDI
 * importer reads.  Each earlier page parsed on its own (that is how its
 * next link was found), and so must the last, so that no page can close
 * the array and open pages of its own.
 */
static GBytes *
join_pages (Job     *job,
            GBytes  *last,
            GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  GByteArray *joined;
  gsize len;
  const char *data = g_bytes_get_data (last, &len);

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, len -= 3;
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE,
                   _("%s is not valid JSON (%s)"), job->page_url, local_error->message);
      return NULL;
    }

  g_ptr_array_add (job->pages, g_bytes_ref (last));
  joined = g_byte_array_sized_new (job->pages_size + len + job->pages->len + 2);
  g_byte_array_append (joined, (const guint8 *) "[", 1);
  for (guint i = 0; i < job->pages->len; i++)
    {
      const char *page = g_bytes_get_data (g_ptr_array_index (job->pages, i), &len);

      if (len >= 3 && memcmp (page, "\xef\xbb\xbf", 3) == 0)
        page += 3, len -= 3;
      if (i > 0)
        g_byte_array_append (joined, (const guint8 *) ",", 1);
      g_byte_array_append (joined, (const guint8 *) page, len);
    }
  g_byte_array_append (joined, (const guint8 *) "]", 1);
  g_clear_pointer (&job->pages, g_ptr_array_unref);
  return g_byte_array_free_to_bytes (joined);
}

/* An OSDI page that links to a next one is kept, and the main thread
 * decides whether to follow the link; the last page (or the only one)
 * goes to the importer, with all the others, as one input.
 */
static gboolean
parse_signatures (Job           *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GBytes) bytes = take_body (job);
  g_autoptr(GError) local_error = NULL;
  UsImportOptions options = { 0 };

  options.format = import_format_for (job->content_type);
  options.origin = US_ORIGIN_FETCHED;

  if (looks_like_json (job, bytes))
    {
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      /* Most feeds are one page: without a "next" anywhere in it, do not
       * parse a large page twice.
       */
      g_autofree char *href = data != NULL && g_strstr_len (data, len, "\"next\"") != NULL
                              ? us_import_osdi_next_page (bytes) : NULL;

      if (href != NULL)
        {
          g_autofree char *resolved = g_uri_resolve_relative (job->page_url, href,
                                                              SOUP_HTTP_URI_FLAGS, NULL);

          if (resolved == NULL)
            {
              g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE,
                           _("its next page link “%s” is not a web address"), href);
              return FALSE;
            }
          if (job->pages == NULL)
            job->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          job->pages_size += g_bytes_get_size (bytes);
          g_ptr_array_add (job->pages, g_steal_pointer (&bytes));
          job->next_url = g_steal_pointer (&resolved);
          return TRUE;
        }
      if (job->pages != NULL)
        {
          GBytes *joined = join_pages (job, bytes, error);

          if (joined == NULL)
            return FALSE;
          g_bytes_unref (bytes);
          bytes = joined;
          options.format = US_IMPORT_FORMAT_OSDI;
        }
    }

  job->outcome->plan = us_import_plan_for_keys (job->refresh->import_keys, bytes, job->url,
                                                &options, NULL, NULL,
                                                cancellable, &local_error);
  if (job->outcome->plan == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_letter (Job     *job,
              GError **error)
{
  g_autoptr(GBytes) bytes = take_body (job);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UsCampaign) theirs = NULL;

  theirs = us_campaign_load_bytes (bytes, job->url, NULL, &local_error);
  if (theirs == NULL)
    {
      g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE, "%s", local_error->message);
      return FALSE;
    }
  job->outcome->letter = g_object_ref (us_campaign_get_letter (theirs));
  return TRUE;
}

static gboolean
looks_like_campaign (const char *data,
                     gsize       len)
{
  gsize n = MIN (len, SNIFF_LENGTH);

  return g_strstr_len (data, n, US_FORMAT_NAMESPACE) != NULL &&
         g_strstr_len (data, n, "campaign") != NULL;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

/* A first line with a delimiter, and no markup: CSV as spreadsheets and
 * form services write it.
 */
static gboolean
looks_like_csv (const char *p,
                const char *end)
{
  const char *nl = memchr (p, '\n', end - p);
  gsize n = nl ? (gsize) (nl - p) : (gsize) (end - p);

  if (n == 0 || *p == '<')
    return FALSE;
  return memchr (p, ',', n) || memchr (p, ';', n) || memchr (p, '\t', n);
}

static gboolean
detect (Job     *job,
        GError **error)
{
  const char *data = (const char *) job->body->data;
  gsize len = job->body->len;
  const char *end = data + len;
  const char *p = skip_space (data, end);
  Detection *d = job->detection;

  if (p < end && *p == '<' && looks_like_campaign (p, end - p))
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (data, len);
      g_autoptr(UsCampaign) theirs = us_campaign_load_bytes (bytes, job->url, NULL, NULL);

      d->kind = US_SOURCE_KIND_LETTER;
      if (theirs != NULL)
        d->title = g_strdup (us_campaign_get_title (theirs));
      return TRUE;
    }
  if (us_feed_sniff (data, len))
    {
      g_autoptr(UsFeed) feed = us_feed_parse (data, len, job->url, job->url, NULL);

      d->kind = US_SOURCE_KIND_INCIDENTS;
      if (feed != NULL)
        d->title = g_strdup (feed->title);
      return TRUE;
    }
  if ((p < end && (*p == '{' || *p == '[')) || is_json_type (job->content_type) ||
      is_csv_type (job->content_type) || looks_like_csv (p, end))
    {
      d->kind = US_SOURCE_KIND_SIGNATURES;
      return TRUE;
    }
  g_set_error (error, US_FETCH_ERROR, US_FETCH_ERROR_UNKNOWN_KIND,
               _("cannot tell what this is (got %s): expected a feed, a campaign file, CSV or OSDI JSON"),
               job->content_type ? job->content_type : _("no content type"));
  return FALSE;
}

void
_us_fetcher_parse_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  if (job->detection != NULL)
    ok = detect (job, &error);
  else
    switch (job->kind)
      {
      case US_SOURCE_KIND_INCIDENTS:
        ok = parse_incidents (job, &error);
        break;
      case US_SOURCE_KIND_SIGNATURES:
        ok = parse_signatures (job, cancellable, &error);
        break;
      case US_SOURCE_KIND_LETTER:
        ok = parse_letter (job, &error);
        break;
      default:
        g_set_error_literal (&error, US_FETCH_ERROR, US_FETCH_ERROR_PARSE, "unknown kind");
        break;
      }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
