/* us-writer.c: the campaign as XML through xmlTextWriter
 *
 * The output is canonical (fixed order, fixed indentation, no optional
 * whitespace) so that saving an unchanged file reproduces it byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-array-store.h"
#include "us-citation.h"
#include "us-candidate.h"
#include "us-signatory-private.h"
#include "us-util.h"

#include <libxml/xmlwriter.h>
#include <string.h>

typedef struct
{
  xmlTextWriterPtr  w;
  GOutputStream    *stream;
  GCancellable     *cancellable;
  GError           *error;
  UsWriteFlags      flags;
  GString          *scratch;
} Writer;

static int
stream_write (void       *context,
              const char *buffer,
              int         len)
{
  Writer *wr = context;
  gsize written = 0;

  if (wr->error != NULL)
    return -1;
  if (!g_output_stream_write_all (wr->stream, buffer, len, &written,
                                  wr->cancellable, &wr->error))
    return -1;
  return len;
}

static int
stream_close (void *context)
{
  return 0;
}

/* XML 1.0 cannot hold most C0 controls; an imported stray \x01 must not
 * make the whole file unreadable.  Replace them (and invalid UTF-8) with
 * U+FFFD.
 */
static const xmlChar *
clean (Writer     *wr,
       const char *text)
{
  const guchar *p;
  gboolean ok = TRUE;

  for (p = (const guchar *) text; *p; p++)
    if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      {
        ok = FALSE;
        break;
      }
  if (ok && g_utf8_validate (text, -1, NULL))
    return (const xmlChar *) text;

  {
    g_autofree char *valid = g_utf8_make_valid (text, -1);

    g_string_truncate (wr->scratch, 0);
    for (p = (const guchar *) valid; *p; p++)
      {
        if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
          g_string_append (wr->scratch, "\xEF\xBF\xBD");
        else
          g_string_append_c (wr->scratch, *p);
      }
  }
  return (const xmlChar *) wr->scratch->str;
}

static void
attr (Writer     *wr,
      const char *name,
      const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  xmlTextWriterWriteAttribute (wr->w, (const xmlChar *) name, clean (wr, value));
}

static void
attr_uint (Writer     *wr,
           const char *name,
           guint       value)
{
  char buf[16];

  if (value == 0)
    return;
  g_snprintf (buf, sizeof buf, "%u", value);
  xmlTextWriterWriteAttribute (wr->w, (const xmlChar *) name, (const xmlChar *) buf);
}

static void
attr_time (Writer     *wr,
           const char *name,
           gint64      value)
{
  char buf[32];

  if (value == 0)
    return;
  xmlTextWriterWriteAttribute (wr->w, (const xmlChar *) name,
                               (const xmlChar *) us_format_timestamp_buf (value, buf));
}

static void
indent (Writer *wr,
        int     level)
{
  static const char spaces[] = "\n                                ";

  xmlTextWriterWriteRawLen (wr->w, (const xmlChar *) spaces, 1 + 2 * MIN (level, 16));
}

static void
start (Writer     *wr,
       int         level,
       const char *name)
{
  indent (wr, level);
  xmlTextWriterStartElement (wr->w, (const xmlChar *) name);
}

static void
end (Writer *wr,
     int     level)
{
  indent (wr, level);
  xmlTextWriterEndElement (wr->w);
}

static void
text_element (Writer     *wr,
              int         level,
              const char *name,
              const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  indent (wr, level);
  xmlTextWriterStartElement (wr->w, (const xmlChar *) name);
  xmlTextWriterWriteString (wr->w, clean (wr, value));
  xmlTextWriterEndElement (wr->w);
}

static void
write_paragraph (Writer     *wr,
                 int         level,
                 const char *para)
{
  g_autoptr(GPtrArray) cites = us_citations_find (para);
  gsize pos = 0;

  indent (wr, level);
  xmlTextWriterStartElement (wr->w, (const xmlChar *) "p");
  for (guint i = 0; i < cites->len; i++)
    {
      UsCitation *c = g_ptr_array_index (cites, i);
      g_autofree char *chunk = g_strndup (para + pos, c->start - pos);

      if (*chunk)
        xmlTextWriterWriteString (wr->w, clean (wr, chunk));
      xmlTextWriterStartElement (wr->w, (const xmlChar *) "cite");
      xmlTextWriterWriteAttribute (wr->w, (const xmlChar *) "ref", (const xmlChar *) c->id);
      xmlTextWriterEndElement (wr->w);
      pos = c->end;
    }
  if (para[pos])
    xmlTextWriterWriteString (wr->w, clean (wr, para + pos));
  xmlTextWriterFullEndElement (wr->w);
}

static void
write_edition (Writer    *wr,
               int        level,
               UsEdition *edition)
{
  g_auto(GStrv) paras = us_edition_dup_paragraphs (edition);

  start (wr, level, "edition");
  attr (wr, "lang", us_edition_get_language (edition));
  text_element (wr, level + 1, "title", us_edition_get_title (edition));
  text_element (wr, level + 1, "addressee", us_edition_get_addressee (edition));
  start (wr, level + 1, "body");
  for (guint i = 0; paras[i]; i++)
    write_paragraph (wr, level + 2, paras[i]);
  if (paras[0])
    end (wr, level + 1);
  else
    xmlTextWriterEndElement (wr->w);
  end (wr, level);
}

static void
write_letter (Writer   *wr,
              UsLetter *letter)
{
  GListModel *editions = us_letter_get_editions (letter);
  GListModel *versions = us_letter_get_versions (letter);

  start (wr, 1, "letter");
  if (g_list_model_get_n_items (editions) + g_list_model_get_n_items (versions) == 0)
    {
      xmlTextWriterEndElement (wr->w);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    write_edition (wr, 2, us_array_store_peek (US_ARRAY_STORE (editions), i));
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      UsLetterVersion *version = us_array_store_peek (US_ARRAY_STORE (versions), i);
      GListModel *ve = us_letter_version_get_editions (version);

      start (wr, 2, "version");
      attr_uint (wr, "number", us_letter_version_get_number (version));
      attr_time (wr, "frozen", us_letter_version_get_frozen_at (version));
      for (guint j = 0; j < g_list_model_get_n_items (ve); j++)
        write_edition (wr, 3, us_array_store_peek (US_ARRAY_STORE (ve), j));
      end (wr, 2);
    }
  end (wr, 1);
}

static void
write_incidents (Writer       *wr,
                 UsArrayStore *incidents)
{
  guint n = us_array_store_get_n_items (incidents);

  start (wr, 1, "incidents");
  for (guint i = 0; i < n; i++)
    {
      UsIncident *incident = us_array_store_peek (incidents, i);
      UsArrayStore *refs = US_ARRAY_STORE (us_incident_get_references (incident));

      start (wr, 2, "incident");
      attr (wr, "id", us_incident_get_id (incident));
      attr (wr, "type", us_attack_type_to_string (us_incident_get_attack_type (incident)));
      attr (wr, "date", us_incident_get_date (incident));
      attr (wr, "date-end", us_incident_get_date_end (incident));
      attr (wr, "country", us_incident_get_country (incident));
      text_element (wr, 3, "title", us_incident_get_title (incident));
      text_element (wr, 3, "victim", us_incident_get_victim (incident));
      text_element (wr, 3, "sector", us_incident_get_sector (incident));
      text_element (wr, 3, "summary", us_incident_get_summary (incident));
      for (guint j = 0; j < us_array_store_get_n_items (refs); j++)
        {
          UsReference *ref = us_array_store_peek (refs, j);

          start (wr, 3, "reference");
          attr (wr, "url", us_reference_get_url (ref));
          attr (wr, "title", us_reference_get_title (ref));
          attr (wr, "publisher", us_reference_get_publisher (ref));
          attr (wr, "published", us_reference_get_published (ref));
          attr (wr, "accessed", us_reference_get_accessed (ref));
          xmlTextWriterEndElement (wr->w);
        }
      end (wr, 2);
    }
  if (n > 0)
    end (wr, 1);
  else
    xmlTextWriterEndElement (wr->w);
}

static gboolean
keep_signatory (Writer            *wr,
                UsSignatoryFields *f)
{
  if (!(wr->flags & US_WRITE_PUBLIC))
    return TRUE;
  if (f->status == US_STATUS_WITHDRAWN || f->status == US_STATUS_REJECTED)
    return FALSE;
  if (wr->flags & US_WRITE_KEEP_UNVERIFIED)
    return TRUE;
  return f->status == US_STATUS_VERIFIED && f->consent != US_CONSENT_NONE;
}

static void
write_signatories (Writer       *wr,
                   UsArrayStore *signatories)
{
  guint n = us_array_store_get_n_items (signatories);
  gboolean public = (wr->flags & US_WRITE_PUBLIC) != 0;
  gboolean any = FALSE;

  start (wr, 1, "signatories");
  for (guint i = 0; i < n; i++)
    {
      UsSignatoryFields f;

      _us_signatory_get_fields (us_array_store_peek (signatories, i), &f);
      if (!keep_signatory (wr, &f))
        continue;
      any = TRUE;
      if (i % 4096 == 0 && g_cancellable_set_error_if_cancelled (wr->cancellable, &wr->error))
        return;

      start (wr, 2, "signatory");
      attr_uint (wr, "id", f.id);
      if (!public || f.consent == US_CONSENT_NAMED)
        {
          attr (wr, "name", f.name);
          attr (wr, "title", f.title);
          attr (wr, "organisation", f.organisation);
        }
      attr (wr, "country", f.country);
      if (!public)
        attr (wr, "email", f.email);
      attr_time (wr, "signed", f.signed_at);
      attr_uint (wr, "version", f.version);
      attr (wr, "lang", f.language);
      attr (wr, "source", us_origin_to_string (f.origin));
      attr (wr, "status", us_status_to_string (f.status));
      attr (wr, "consent", us_consent_to_string (f.consent));
      attr_uint (wr, "prominent", f.prominent);
      if (!public && f.note)
        {
          xmlTextWriterStartElement (wr->w, (const xmlChar *) "note");
          xmlTextWriterWriteString (wr->w, clean (wr, f.note));
          xmlTextWriterEndElement (wr->w);
        }
      xmlTextWriterEndElement (wr->w);
    }
  if (any)
    end (wr, 1);
  else
    xmlTextWriterEndElement (wr->w);
}

static void
write_sources (Writer       *wr,
               UsArrayStore *sources)
{
  guint n = us_array_store_get_n_items (sources);
  gboolean public = (wr->flags & US_WRITE_PUBLIC) != 0;

  start (wr, 1, "sources");
  for (guint i = 0; i < n; i++)
    {
      UsSource *source = us_array_store_peek (sources, i);

      start (wr, 2, "source");
      attr (wr, "id", us_source_get_id (source));
      attr (wr, "kind", us_source_kind_to_string (us_source_get_kind (source)));
      attr (wr, "url", us_source_get_url (source));
      attr (wr, "title", us_source_get_title (source));
      if (!public)
        {
          attr (wr, "etag", us_source_get_etag (source));
          attr (wr, "last-modified", us_source_get_last_modified (source));
          attr_time (wr, "last-fetched", us_source_get_last_fetched (source));
          attr (wr, "last-result", us_source_get_last_result (source));
          attr (wr, "token-header", us_source_get_token_header (source));
        }
      xmlTextWriterEndElement (wr->w);
    }
  if (n > 0)
    end (wr, 1);
  else
    xmlTextWriterEndElement (wr->w);
}

static void
write_inbox (Writer       *wr,
             UsArrayStore *inbox)
{
  guint n = us_array_store_get_n_items (inbox);

  /* The inbox is the team's working state, not part of an export. */
  if (wr->flags & US_WRITE_PUBLIC)
    return;
  start (wr, 1, "inbox");
  for (guint i = 0; i < n; i++)
    {
      UsCandidate *c = us_array_store_peek (inbox, i);

      start (wr, 2, "candidate");
      attr (wr, "source", us_candidate_get_source_id (c));
      attr (wr, "entry", us_candidate_get_entry_id (c));
      attr (wr, "state", us_candidate_state_to_string (us_candidate_get_state (c)));
      attr_time (wr, "published", us_candidate_get_published (c));
      attr (wr, "link", us_candidate_get_link (c));
      attr (wr, "title", us_candidate_get_title (c));
      if (us_candidate_get_summary (c))
        {
          xmlTextWriterStartElement (wr->w, (const xmlChar *) "summary");
          xmlTextWriterWriteString (wr->w, clean (wr, us_candidate_get_summary (c)));
          xmlTextWriterEndElement (wr->w);
        }
      xmlTextWriterEndElement (wr->w);
    }
  if (n > 0)
    end (wr, 1);
  else
    xmlTextWriterEndElement (wr->w);
}

static void
quiet_error (void       *context,
             const char *format,
             ...)
{
}

gboolean
us_campaign_write (UsCampaign     *campaign,
                   GOutputStream  *stream,
                   UsWriteFlags    flags,
                   GCancellable   *cancellable,
                   GError        **error)
{
  Writer wr = { 0 };
  xmlOutputBufferPtr out;
  xmlGenericErrorFunc old_error_func;
  void *old_error_context;
  gboolean public = (flags & US_WRITE_PUBLIC) != 0;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  wr.stream = stream;
  wr.cancellable = cancellable;
  wr.flags = flags;
  wr.scratch = g_string_new (NULL);
  /* A failed write (a full disk) comes back as wr.error with the file's
   * name; libxml2 would also print its own "I/O error : write error" on
   * stderr.  Its handler is per thread: quiet it while we write.
   */
  old_error_func = xmlGenericError;
  old_error_context = xmlGenericErrorContext;
  xmlSetGenericErrorFunc (NULL, quiet_error);
  out = xmlOutputBufferCreateIO (stream_write, stream_close, &wr, NULL);
  wr.w = xmlNewTextWriter (out);

  xmlTextWriterStartDocument (wr.w, NULL, "UTF-8", NULL);
  xmlTextWriterStartElementNS (wr.w, NULL, (const xmlChar *) "campaign",
                               (const xmlChar *) US_FORMAT_NAMESPACE);
  attr (&wr, "version", US_FORMAT_VERSION);
  attr_time (&wr, "created", us_campaign_get_created (campaign));
  attr_time (&wr, "modified", us_campaign_get_modified_at (campaign));
  text_element (&wr, 1, "title", us_campaign_get_title (campaign));
  text_element (&wr, 1, "organisation", us_campaign_get_organisation (campaign));
  if (!public)
    text_element (&wr, 1, "contact", us_campaign_get_contact (campaign));
  write_letter (&wr, us_campaign_get_letter (campaign));
  write_incidents (&wr, US_ARRAY_STORE (us_campaign_get_incidents (campaign)));
  write_signatories (&wr, US_ARRAY_STORE (us_campaign_get_signatories (campaign)));
  write_sources (&wr, US_ARRAY_STORE (us_campaign_get_sources (campaign)));
  write_inbox (&wr, US_ARRAY_STORE (us_campaign_get_inbox (campaign)));
  indent (&wr, 0);
  xmlTextWriterEndElement (wr.w);
  xmlTextWriterEndDocument (wr.w);
  xmlFreeTextWriter (wr.w);   /* flushes and frees out */
  xmlSetGenericErrorFunc (old_error_context, old_error_func);
  g_string_free (wr.scratch, TRUE);

  if (wr.error != NULL)
    {
      g_propagate_error (error, wr.error);
      return FALSE;
    }
  return TRUE;
}

GBytes *
us_campaign_to_bytes (UsCampaign    *campaign,
                      UsWriteFlags   flags,
                      GError       **error)
{
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();

  if (!us_campaign_write (campaign, mem, flags, NULL, error) ||
      !g_output_stream_close (mem, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}
