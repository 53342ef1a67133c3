/* us-fetcher-body.c: the response: its status, its body read chunk by
 * chunk up to the cap, and the parsed result back on the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "us-fetcher-private.h"

#define READ_CHUNK (64 * 1024)

static GError *
too_large_error (Job *job)
{
  g_autofree char *cap = _us_format_cap (job->fetcher->max_body_size);

  return g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_TOO_LARGE,
                      _("body larger than %s"), cap);
}

static char *
http_status_text (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);
  const char *phrase = soup_status_get_phrase (status);

  if (g_strcmp0 (phrase, "Unknown Error") == 0 &&
      soup_message_get_reason_phrase (msg) != NULL)
    phrase = soup_message_get_reason_phrase (msg);
  return g_strdup_printf ("HTTP %u %s", status, phrase);
}
/* Back on the main thread: decide what is new against the campaign as it
 * is now.
 */
static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = user_data;
  UsSourceOutcome *outcome = job->outcome;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _us_fetcher_job_fail (job, error);
      return;
    }
  if (job->next_url != NULL)
    {
      _us_fetcher_follow_next_page (job);
      return;
    }

  if (job->detection != NULL)
    {
      Detection *d = g_steal_pointer (&job->detection);

      d->url = g_strdup (job->permanent_url ? job->permanent_url : job->url);
      g_task_return_pointer (job->detect_task, d, (GDestroyNotify) _us_fetcher_detection_free);
      _us_fetcher_job_done (job);
      return;
    }

  outcome->status = US_FETCH_STATUS_NEW;
  outcome->store_validators = TRUE;
  switch (job->kind)
    {
    case US_SOURCE_KIND_INCIDENTS:
      {
        Refresh *refresh = job->refresh;
        GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);

        if (refresh->inbox_keys == NULL)
          refresh->inbox_keys = _us_inbox_keys (refresh->campaign);
        for (guint i = 0; i < outcome->candidates->len; i++)
          {
            UsCandidate *c = g_ptr_array_index (outcome->candidates, i);
            g_autofree char *key = _us_inbox_key (outcome->source_id,
                                                  us_candidate_get_entry_id (c));

            if (!g_hash_table_contains (refresh->inbox_keys, key))
              g_ptr_array_add (fresh, g_object_ref (c));
          }
        g_ptr_array_unref (outcome->candidates);
        outcome->candidates = fresh;
        outcome->n_new = fresh->len;
      }
      break;
    case US_SOURCE_KIND_SIGNATURES:
      outcome->n_new = us_import_plan_get_n_added (outcome->plan);
      /* An unchanged first page says nothing about the others: a
       * paginated feed is fetched whole every time.
       */
      if (job->page > 0)
        {
          g_clear_pointer (&outcome->etag, g_free);
          g_clear_pointer (&outcome->last_modified, g_free);
        }
      break;
    case US_SOURCE_KIND_LETTER:
      if (us_letter_equal (us_campaign_get_letter (job->refresh->campaign), outcome->letter))
        {
          g_clear_object (&outcome->letter);
          outcome->status = US_FETCH_STATUS_UNCHANGED;
        }
      else
        {
          /* Offered again on every refresh until the user takes it. */
          outcome->n_new = 1;
          outcome->store_validators = FALSE;
        }
      break;
    default:
      break;
    }

  g_free (outcome->summary);
  if (outcome->status == US_FETCH_STATUS_UNCHANGED)
    outcome->summary = g_strdup ("unchanged");
  else
    outcome->summary = g_strdup_printf ("%u new", outcome->n_new);
  _us_fetcher_job_done (job);
}

static void
body_complete (Job *job)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->msg);
  g_autoptr(GTask) task = NULL;

  /* The connection is free for the next request while we parse. */
  _us_fetcher_stop_deadline (job);
  _us_fetcher_release_slot (job);
  _us_fetcher_pump (job->fetcher);

  if (job->outcome != NULL && job->page == 0)
    {
      job->outcome->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      job->outcome->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
      if (job->permanent_url != NULL && g_strcmp0 (job->permanent_url, job->url) != 0)
        job->outcome->new_url = g_strdup (job->permanent_url);
    }

  /* The worker must not read live signatories (their name keys are
   * cached lazily, and the user may be editing them): take the copy here,
   * on the campaign's thread, once per refresh.
   */
  if (job->refresh != NULL && job->kind == US_SOURCE_KIND_SIGNATURES
      && job->refresh->import_keys == NULL)
    job->refresh->import_keys = us_import_keys_new_for_campaign (job->refresh->campaign);

  task = g_task_new (NULL, job->cancellable, parsed_cb, job);
  g_task_set_source_tag (task, body_complete);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, _us_fetcher_parse_thread);
}

static void read_next (Job *job);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n < 0)
    {
      _us_fetcher_job_fail_transport (job, error);
      return;
    }
  g_byte_array_set_size (job->body, job->body_before_read + n);
  /* The cap is for the whole feed, every page of it together. */
  if (job->pages_size + job->body->len > job->fetcher->max_body_size)
    {
      _us_fetcher_job_fail (job, too_large_error (job));
      return;
    }
  if (n == 0)
    body_complete (job);
  else
    read_next (job);
}

static void
read_next (Job *job)
{
  /* Never ask for more than one byte past the cap: enough to know it was
   * passed, without holding a byte more.
   */
  guint64 room = job->fetcher->max_body_size - job->pages_size - job->body->len + 1;
  gsize want = MIN ((guint64) READ_CHUNK, room);

  job->body_before_read = job->body->len;
  g_byte_array_set_size (job->body, job->body->len + want);
  g_input_stream_read_async (job->stream, job->body->data + job->body_before_read, want,
                             G_PRIORITY_DEFAULT, job->io_cancellable, read_cb, job);
}

void
_us_fetcher_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  goffset length;

  job->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (job->stream == NULL)
    {
      _us_fetcher_job_fail_transport (job, error);
      return;
    }

  status = soup_message_get_status (job->msg);
  headers = soup_message_get_response_headers (job->msg);

  /* Where this page really came from: the base of its next link, and
   * (for the first) the site its other pages must stay on.
   */
  g_free (job->page_url);
  job->page_url = g_uri_to_string (soup_message_get_uri (job->msg));
  if (job->page == 0)
    {
      g_clear_pointer (&job->pages_origin, g_uri_unref);
      job->pages_origin = g_uri_ref (soup_message_get_uri (job->msg));
    }
  if (job->seen_urls != NULL)
    g_hash_table_add (job->seen_urls, g_strdup (job->page_url));

  if (status == SOUP_STATUS_NOT_MODIFIED && job->outcome != NULL && job->page == 0 &&
      (job->etag != NULL || job->last_modified != NULL))
    {
      const char *etag = soup_message_headers_get_one (headers, "ETag");
      const char *modified = soup_message_headers_get_one (headers, "Last-Modified");
      UsSourceOutcome *outcome = job->outcome;

      outcome->status = US_FETCH_STATUS_UNCHANGED;
      g_free (outcome->summary);
      outcome->summary = g_strdup ("unchanged");
      outcome->store_validators = TRUE;
      outcome->etag = g_strdup (etag ? etag : job->etag);
      outcome->last_modified = g_strdup (modified ? modified : job->last_modified);
      if (job->permanent_url != NULL && g_strcmp0 (job->permanent_url, job->url) != 0)
        outcome->new_url = g_strdup (job->permanent_url);
      _us_fetcher_job_done (job);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *text = http_status_text (job->msg);

      if ((status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN) &&
          job->token_header != NULL)
        _us_fetcher_job_fail (job, g_error_new (US_FETCH_ERROR, US_FETCH_ERROR_HTTP,
                                                _("%s: check the token sent in %s"), text, job->token_header));
      else
        _us_fetcher_job_fail (job, g_error_new_literal (US_FETCH_ERROR, US_FETCH_ERROR_HTTP, text));
      return;
    }

  job->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  if ((error = _us_fetcher_check_content_type (job, job->content_type)) != NULL)
    {
      _us_fetcher_job_fail (job, g_steal_pointer (&error));
      return;
    }

  /* A declared length over the cap fails before a byte is read; with a
   * content encoding the decoded size is unknown until read.
   */
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      (guint64) length > job->fetcher->max_body_size - job->pages_size)
    {
      _us_fetcher_job_fail (job, too_large_error (job));
      return;
    }

  job->body = g_byte_array_sized_new (length > 0 && (guint64) length <= job->fetcher->max_body_size
                                      ? (guint) length + 1 : READ_CHUNK);
  read_next (job);
}
