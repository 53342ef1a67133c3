/* us-reader-keys.c: only the signatories' keys from a campaign file
 *
 * A dry-run import needs, of each signatory already in the campaign, its
 * e-mail, name, country and whether it withdrew; not the objects.  So
 * the file goes through libxml2's SAX2 parser, which builds nothing,
 * instead of xmlTextReader and a GObject per signatory.  The safety rules
 * are us-reader.c's: the same size and encoding checks first, the same
 * parser options (no entities, no DTD, no network), a DOCTYPE refused,
 * libxml2's own limits on; and a signatory the full load would refuse
 * (no id, the same id twice, no name, a bad country, status, consent,
 * time or number) is refused here with the same message.  What lies
 * outside <signatories> is then loaded as the full load does (the file
 * with the signatories' content left out), so a campaign the load
 * refuses for its letter, incidents or sources is refused alike.
 *
 * libxml2 is pushed the file in chunks, and stops at the campaign's
 * <signatories>: us-reader-keys-fast.c reads the signatories from there
 * while they are as the writer writes them, several times faster, and
 * hands the rest back with libxml2's line count moved on.  Either way
 * the keys and messages are the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-private.h"
#include "us-reader-keys-private.h"
#include "us-edition.h"
#include "us-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef UsKeysScan Scan;

G_GNUC_PRINTF (3, 4)
static void
fail (Scan       *scan,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (scan->fast)
    {
      scan->refused = TRUE;
      return;
    }
  if (scan->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  scan->error = g_error_new (US_FORMAT_ERROR, code, "%s:%d:%d: %s", scan->file,
                             xmlSAX2GetLineNumber (scan->ctxt),
                             xmlSAX2GetColumnNumber (scan->ctxt), message);
  xmlStopParser (scan->ctxt);
}

static void
structured_error (void        *user_data,
                  xmlErrorPtr  err)
{
  Scan *scan = user_data;
  g_autofree char *message = NULL;

  if (err == NULL || err->level < XML_ERR_ERROR || scan->error != NULL)
    return;
  /* The push parser keeps an unfinished tag, comment or text for the
   * last call, then names what it could not finish ("Extra content at
   * the end of the document", "Couldn't find end of Start Tag sig"):
   * inside the root or before it, that is a file cut off, and the
   * message says so.
   */
  if (scan->ending && (scan->depth > 0 || scan->n_events == 0))
    message = g_strdup_printf (_("the file ends before </campaign>: it was cut off; try its backup %s~"),
                               scan->file);
  else
    message = g_strchomp (g_strdup (err->message ? err->message : "parse error"));
  scan->error = g_error_new (US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED, "%s:%d:%d: %s",
                             scan->file, err->line, err->int2, message);
  xmlStopParser (scan->ctxt);
}

static void
internal_subset (void          *user_data,
                 const xmlChar *name,
                 const xmlChar *external_id,
                 const xmlChar *system_id)
{
  fail (user_data, US_FORMAT_ERROR_FORBIDDEN, "%s",
        _("DOCTYPE declarations are not allowed in campaign files (they can hide entities)"));
}

/* SAX2 attributes come as (localname, prefix, URI, value, end).  Without
 * XML_PARSE_NOENT, libxml2 hands an '&' (written &amp; or &#38;) over as
 * "&#38;", for a tree builder to decode again: every other '&' in a
 * value has been decoded, so each "&#38;" stands for one '&'.
 */
static const char *
attr_value (Scan           *scan,
            const xmlChar **attr)
{
  gsize len = attr[4] - attr[3];
  const char *amp = memchr (attr[3], '&', len);

  g_string_set_size (scan->value, len);
  memcpy (scan->value->str, attr[3], len);
  if (amp != NULL)
    {
      char *in = scan->value->str + (amp - (const char *) attr[3]);
      char *out = in;

      while (*in != '\0')
        if (in[0] == '&' && strncmp (in, "&#38;", 5) == 0)
          {
            *out++ = '&';
            in += 5;
          }
        else
          *out++ = *in++;
      g_string_truncate (scan->value, out - scan->value->str);
    }
  return scan->value->str;
}

/* The values a writer writes, compared in place: every signatory has
 * them, and copying each one to check it is a tenth of the scan.
 */
static inline gboolean
attr_is (const xmlChar **attr,
         const char     *text)
{
  gsize len = strlen (text);

  return (gsize) (attr[4] - attr[3]) == len && memcmp (attr[3], text, len) == 0;
}

static gboolean
attr_is_status (const xmlChar **attr,
                UsStatus       *out)
{
  static const struct { const char *text; UsStatus status; } known[] = {
    { "pending", US_STATUS_PENDING }, { "verified", US_STATUS_VERIFIED },
    { "rejected", US_STATUS_REJECTED }, { "withdrawn", US_STATUS_WITHDRAWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (attr_is (attr, known[i].text))
      {
        *out = known[i].status;
        return TRUE;
      }
  return FALSE;
}

/* 1 to 999,999,999 without a copy; else FALSE, and the caller checks the
 * copy as the full load does.
 */
static gboolean
attr_is_small_uint (const xmlChar **attr,
                    guint          *out)
{
  gsize len = attr[4] - attr[3];
  guint v = 0;

  if (len == 0 || len > 9 || attr[3][0] == '0')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (attr[3][i] < '0' || attr[3][i] > '9')
        return FALSE;
      v = v * 10 + (attr[3][i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Whether the value is a time as the writer writes it, 2020-05-26T12:00:15Z,
 * that us_parse_timestamp() accepts, read in place; else FALSE, and the
 * caller asks us_parse_timestamp() itself.
 */
static gboolean
attr_is_utc_timestamp (const xmlChar **attr)
{
  static const guint8 days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  static const guint8 at[6] = { 0, 5, 8, 11, 14, 17 };
  const xmlChar *t = attr[3];
  int n[6];

  if (attr[4] - t != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' ||
      t[13] != ':' || t[16] != ':' || t[19] != 'Z')
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      n[i] = 0;
      for (int k = at[i]; k < at[i] + (i == 0 ? 4 : 2); k++)
        {
          if (t[k] < '0' || t[k] > '9')
            return FALSE;
          n[i] = n[i] * 10 + (t[k] - '0');
        }
    }
  /* Year, month, day, hours, minutes, seconds (a leap second allowed). */
  if (n[0] < 1 || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[2] > days[n[1] - 1] ||
      n[3] > 23 || n[4] > 59 || n[5] > 60)
    return FALSE;
  /* February 29th only in leap years. */
  return n[1] != 2 || n[2] < 29 || (n[0] % 4 == 0 && (n[0] % 100 != 0 || n[0] % 400 == 0));
}

static gboolean
is_uint (const char *value,
         guint64     max,
         guint      *out)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (value, 10, 1, max, &v, NULL))
    return FALSE;
  if (out != NULL)
    *out = (guint) v;
  return TRUE;
}

static void
check_version (Scan           *scan,
               int             nb_attributes,
               const xmlChar **attributes)
{
  const char *version = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 major = 0, minor = 0;

  for (int i = 0; i < nb_attributes; i++)
    if (attributes[i * 5 + 2] == NULL && strcmp ((const char *) attributes[i * 5], "version") == 0)
      version = attr_value (scan, &attributes[i * 5]);
  if (version == NULL)
    {
      fail (scan, US_FORMAT_ERROR_INVALID, "%s", _("<campaign> needs a version attribute"));
      return;
    }
  parts = g_strsplit (version, ".", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 9999, &major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 9999, &minor, NULL))
    fail (scan, US_FORMAT_ERROR_INVALID,
          _("invalid format version \"%s\": expected MAJOR.MINOR"), version);
  else if (major > US_FORMAT_VERSION_MAJOR)
    fail (scan, US_FORMAT_ERROR_NEWER,
          _("this file uses format version %s, newer than this Undersigned reads (%s): update Undersigned to open it"),
          version, US_FORMAT_VERSION);
}

/* Ids are most often 1 to n, in order: a bitmap is cheaper than a hash
 * table for those.
 */
static gboolean
id_add (Scan  *scan,
        guint  id)
{
  guint8 bit;

  if (id >= scan->n_id_bits)
    return g_hash_table_add (scan->ids, GUINT_TO_POINTER (id));
  bit = 1 << (id & 7);
  if (scan->id_bits[id >> 3] & bit)
    return FALSE;
  scan->id_bits[id >> 3] |= bit;
  return TRUE;
}

/* strcmp (name, literal) == 0, inline: ten times per signatory. */
static inline gboolean
name_is (const char *name,
         const char *literal)
{
  while (*literal != '\0' && *name == *literal)
    name++, literal++;
  return *name == *literal;
}

static void
append (Scan                   *scan,
        const UsImportExisting *existing)
{
  us_array_append_in_room (scan->keys->existing, scan->existing_room, existing, sizeof *existing);
}

/* An attribute's kind, from its name.  xmlTextReaderConstLocalName()
 * ignores the prefix: so does this.
 */
static UsKeysAttr
attr_kind (const char *name)
{
  switch (name[0])
    {
    case 'c':
      return name_is (name, "country") ? US_KEYS_ATTR_COUNTRY
           : name_is (name, "consent") ? US_KEYS_ATTR_CONSENT : US_KEYS_ATTR_OTHER;
    case 'e':
      return name_is (name, "email") ? US_KEYS_ATTR_EMAIL : US_KEYS_ATTR_OTHER;
    case 'i':
      return name_is (name, "id") ? US_KEYS_ATTR_ID : US_KEYS_ATTR_OTHER;
    case 'l':
      return name_is (name, "lang") ? US_KEYS_ATTR_LANG : US_KEYS_ATTR_OTHER;
    case 'n':
      return name_is (name, "name") ? US_KEYS_ATTR_NAME : US_KEYS_ATTR_OTHER;
    case 'p':
      return name_is (name, "prominent") ? US_KEYS_ATTR_PROMINENT : US_KEYS_ATTR_OTHER;
    case 's':
      return name_is (name, "signed") ? US_KEYS_ATTR_SIGNED
           : name_is (name, "status") ? US_KEYS_ATTR_STATUS
           : name_is (name, "source") ? US_KEYS_ATTR_SOURCE : US_KEYS_ATTR_OTHER;
    case 'v':
      return name_is (name, "version") ? US_KEYS_ATTR_VERSION : US_KEYS_ATTR_OTHER;
    default:
      return US_KEYS_ATTR_OTHER;
    }
}

/* One <signatory>: its keys, and the checks of read_signatory() in
 * us-reader-records.c that make a load fail.
 */
void
_us_keys_scan_read_signatory (Scan           *scan,
                              int             nb_attributes,
                              const xmlChar **attributes,
                              const guint8   *kinds)
{
  UsImportExisting existing = { NULL, 0, 0, "", NULL, NULL, FALSE };
  UsConsent consent = US_CONSENT_NAMED;
  gboolean has_name = FALSE;
  guint id = 0;

  scan->added_id = 0;
  for (int i = 0; i < nb_attributes && scan->error == NULL && !scan->refused; i++)
    {
      const xmlChar **attr = &attributes[i * 5];
      const char *value;
      UsStatus status;
      UsOrigin origin;
      gint64 when;

      switch (kinds != NULL ? (UsKeysAttr) kinds[i] : attr_kind ((const char *) attr[0]))
        {
        case US_KEYS_ATTR_COUNTRY:
          {
            char code[3] = { 0 };

            value = attr[4] - attr[3] == 2 ? memcpy (code, attr[3], 2) : attr_value (scan, attr);
            if (!us_country_is_valid (value))
              fail (scan, US_FORMAT_ERROR_INVALID,
                    _("invalid country code \"%s\": use an ISO 3166-1 alpha-2 code such as FR or CH"),
                    value);
            existing.country = _us_import_keys_country (scan->keys, value);
          }
          break;
        case US_KEYS_ATTR_CONSENT:
          if (attr_is (attr, "named"))
            consent = US_CONSENT_NAMED;
          else if (!us_consent_from_string (value = attr_value (scan, attr), &consent))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("unknown consent \"%s\": use named, anonymous or none"), value);
          break;
        case US_KEYS_ATTR_EMAIL:
          /* The value as it stands, unless it has a reference. */
          if (!_us_import_keys_set_plain_email (scan->keys, &existing, (const char *) attr[3],
                                                attr[4] - attr[3], scan->key))
            _us_import_keys_set_email (scan->keys, &existing, attr_value (scan, attr), scan->key);
          break;
        case US_KEYS_ATTR_ID:
          if (!attr_is_small_uint (attr, &id) && !is_uint (value = attr_value (scan, attr), G_MAXUINT - 1, &id))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "signatory id", value, G_MAXUINT - 1);
          break;
        case US_KEYS_ATTR_LANG:
          if (!us_language_tag_is_valid (value = attr_value (scan, attr)))
            fail (scan, US_FORMAT_ERROR_INVALID, _("invalid language tag \"%s\""), value);
          break;
        case US_KEYS_ATTR_NAME:
          if (memchr (attr[3], '&', attr[4] - attr[3]) != NULL)
            {
              value = attr_value (scan, attr);
              existing.name = g_string_chunk_insert_len (scan->keys->chunk, value, scan->value->len);
            }
          else
            existing.name = g_string_chunk_insert_len (scan->keys->chunk, (const char *) attr[3],
                                                       attr[4] - attr[3]);
          has_name = attr[4] > attr[3];
          break;
        case US_KEYS_ATTR_PROMINENT:
          if (!is_uint (value = attr_value (scan, attr), G_MAXUINT - 1, NULL))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "prominent position", value, G_MAXUINT - 1);
          break;
        case US_KEYS_ATTR_SIGNED:
          if (!attr_is_utc_timestamp (attr) && !us_parse_timestamp (value = attr_value (scan, attr), &when))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s time \"%s\": write it as 2020-05-26T12:00:00Z"), "signed", value);
          break;
        case US_KEYS_ATTR_STATUS:
          if (!attr_is_status (attr, &status) &&
              !us_status_from_string (value = attr_value (scan, attr), &status))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("unknown status \"%s\": use pending, verified, rejected or withdrawn"), value);
          else
            existing.withdrawn = status == US_STATUS_WITHDRAWN;
          break;
        case US_KEYS_ATTR_SOURCE:
          if (!attr_is (attr, "csv") && !attr_is (attr, "typed") &&
              !us_origin_from_string (value = attr_value (scan, attr), &origin))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("unknown source \"%s\": use typed, paper, csv, osdi or fetched"), value);
          break;
        case US_KEYS_ATTR_VERSION:
          if (!is_uint (value = attr_value (scan, attr), G_MAXUINT16, NULL))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "letter version", value, G_MAXUINT16);
          break;
        case US_KEYS_ATTR_TITLE:
        case US_KEYS_ATTR_ORGANISATION:
        case US_KEYS_ATTR_OTHER:
        default:
          break;
        }
    }
  if (scan->error != NULL || scan->refused)
    return;

  if (id == 0)
    fail (scan, US_FORMAT_ERROR_INVALID, "%s", _("<signatory> needs an id attribute"));
  else if (!id_add (scan, id))
    fail (scan, US_FORMAT_ERROR_INVALID, _("a second signatory with id %u: ids must be unique"), id);
  else
    {
      scan->added_id = id;
      if (!has_name && consent != US_CONSENT_ANONYMOUS)
        fail (scan, US_FORMAT_ERROR_INVALID,
              _("signatory %u has no name (only anonymous signatories may omit it)"), id);
      else
        append (scan, &existing);
    }
}

/* Where libxml2 is in the file now. */
static gsize
file_offset (Scan *scan)
{
  long n = xmlByteConsumed (scan->ctxt);

  return n < 0 ? G_MAXSIZE : (gsize) n + scan->skipped;
}

/* Called back at a <signatories> start tag's '>' (or "/>"). */
static void
region_open (Scan *scan)
{
  gsize at = file_offset (scan);

  scan->region_start = G_MAXSIZE;
  scan->region_line = scan->ctxt->input->line;
  if (at < scan->len && scan->data[at] == '>')
    scan->region_start = at + 1;
  else if (!(at + 1 < scan->len && scan->data[at] == '/' && scan->data[at + 1] == '>'))
    scan->regions_lost = TRUE;
}

/* Line breaks from p to end as libxml2 counts them: CRLF, LF or CR. */
static guint
count_breaks (const char *p,
              const char *end)
{
  guint n = 0;

  for (const char *q = p; q < end; q++)
    n += *q == '\n' || (*q == '\r' && (q + 1 == end || q[1] != '\n'));
  return n;
}

/* Called back just past its end tag's '>': the region, and its line
 * breaks, which libxml2 has just counted, less those in the end tag
 * (rather than a pass over what may be most of the file).
 */
static void
region_close (Scan *scan)
{
  gsize end = file_offset (scan);
  gsize lt = end;
  gsize region[3];
  int breaks;

  if (scan->region_start == G_MAXSIZE)
    return;
  while (lt > scan->region_start && end <= scan->len && scan->data[lt - 1] != '<')
    lt--;
  if (end > scan->len || end <= scan->region_start || scan->data[end - 1] != '>' ||
      lt == scan->region_start || scan->data[lt] != '/')
    {
      scan->regions_lost = TRUE;
      return;
    }
  breaks = scan->ctxt->input->line - scan->region_line -
           (int) count_breaks (scan->data + lt - 1, scan->data + end);
  if (breaks < 0 || (gsize) breaks > lt - 1 - scan->region_start)
    {
      scan->regions_lost = TRUE;
      return;
    }
  region[0] = scan->region_start;
  region[1] = lt - 1;
  region[2] = (gsize) breaks;
  g_array_append_vals (scan->regions, region, 3);
  scan->region_start = G_MAXSIZE;
}

/* In place of n bytes of signatories: their line breaks, as libxml2
 * counted them, and as many spaces as the last line has characters, so
 * that what follows keeps its line and column.
 */
static void
append_blank (GString    *out,
              const char *p,
              gsize       n,
              gsize       breaks)
{
  const char *end = p + n;
  const char *line = end;
  gsize at;

  /* The last line is short: back to its start. */
  if (breaks > 0)
    while (line[-1] != '\n' && line[-1] != '\r')
      line--;
  else
    line = p;
  at = out->len;
  g_string_set_size (out, at + breaks);
  memset (out->str + at, '\n', breaks);
  for (const char *q = line; q < end; q++)
    if (((guchar) *q & 0xC0) != 0x80)
      g_string_append_c (out, ' ');
}

/* The rest of the campaign, through the full load. */
static gboolean
check_rest (Scan    *scan,
            GError **error)
{
  g_autoptr(GBytes) rest = NULL;
  g_autoptr(UsCampaign) campaign = NULL;

  if (scan->regions_lost)
    rest = g_bytes_new_static (scan->data, scan->len);
  else
    {
      GString *out = g_string_sized_new (64 * 1024);
      gsize at = 0;

      for (guint i = 0; i + 2 < scan->regions->len; i += 3)
        {
          gsize start = g_array_index (scan->regions, gsize, i);
          gsize end = g_array_index (scan->regions, gsize, i + 1);

          g_string_append_len (out, scan->data + at, start - at);
          append_blank (out, scan->data + start, end - start, g_array_index (scan->regions, gsize, i + 2));
          at = end;
        }
      g_string_append_len (out, scan->data + at, scan->len - at);
      rest = g_string_free_to_bytes (out);
    }
  campaign = us_campaign_load_bytes (rest, scan->file, NULL, error);
  return campaign != NULL;
}

static gboolean
in_our_namespace (const xmlChar *uri)
{
  return uri != NULL && strcmp ((const char *) uri, US_FORMAT_NAMESPACE) == 0;
}

static void
start_element (void           *user_data,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             nb_namespaces,
               const xmlChar **namespaces,
               int             nb_attributes,
               int             nb_defaulted,
               const xmlChar **attributes)
{
  Scan *scan = user_data;
  const char *name = (const char *) localname;

  if (scan->error != NULL)
    return;
  scan->n_events++;
  scan->depth++;
  if (scan->depth == 1)
    {
      if (strcmp (name, "campaign") != 0 || !in_our_namespace (uri))
        fail (scan, US_FORMAT_ERROR_NOT_CAMPAIGN,
              _("not an Undersigned campaign: the root element is <%s> in namespace \"%s\", expected <campaign> in \"%s\""),
              name, uri ? (const char *) uri : "", US_FORMAT_NAMESPACE);
      else
        check_version (scan, nb_attributes, attributes);
    }
  else if (scan->depth == 2 && strcmp (name, "signatories") == 0 && in_our_namespace (uri))
    {
      /* As in the full load, ids are unique within one <signatories>. */
      scan->signatories = 2;
      scan->signatories_event = scan->n_events;
      region_open (scan);
      g_hash_table_remove_all (scan->ids);
      memset (scan->id_bits, 0, scan->n_id_bits / 8);
    }
  else if (scan->depth == 3 && scan->signatories != 0 && strcmp (name, "signatory") == 0)
    _us_keys_scan_read_signatory (scan, nb_attributes, attributes, NULL);
  else if (scan->depth == 4 && scan->signatories != 0 && strcmp (name, "note") == 0)
    scan->note = 4;
  else if (scan->note != 0 && scan->depth == scan->note + 1)
    fail (scan, US_FORMAT_ERROR_INVALID, _("element <%s> not allowed here: only text"), name);
}

static void
end_element (void          *user_data,
             const xmlChar *localname,
             const xmlChar *prefix,
             const xmlChar *uri)
{
  Scan *scan = user_data;

  scan->n_events++;
  if (scan->depth == scan->signatories)
    {
      region_close (scan);
      scan->signatories = 0;
    }
  if (scan->depth == scan->note)
    scan->note = 0;
  scan->depth--;
}

/* libxml2 is pushed this much at a time: it holds what it has not parsed
 * yet, and would refuse to hold 10 MB ("Huge input lookup").  Chunks end
 * at the same offsets whether the fast scan ran or not.
 */
#define CHUNK (64 * 1024)

static void
push (Scan       *scan,
      const char *data,
      gsize       from,
      gsize       to)
{
  while (from < to && scan->ctxt->instate != XML_PARSER_EOF)
    {
      int n = (int) (MIN (to, (from / CHUNK + 1) * CHUNK) - from);

      if (xmlParseChunk (scan->ctxt, data + from, n, 0) != XML_ERR_OK)
        scan->halted = TRUE;
      from += n;
    }
}

/* Whether libxml2 has read exactly up to the end of the first
 * "<signatories>" in the file, found as bytes, and that was the start tag
 * of the campaign's <signatories>: then the fast scan may take over.
 * Had those bytes been in a comment, a processing instruction, CDATA or
 * an attribute, libxml2 would hold some back, or have failed; and the
 * fast scan reads UTF-8 XML 1.0 only, as libxml2 reads it unconverted.
 */
static gboolean
at_signatories (Scan *scan)
{
  xmlParserCtxtPtr ctxt = scan->ctxt;

  return scan->error == NULL && ctxt->wellFormed && ctxt->instate == XML_PARSER_CONTENT &&
         ctxt->inputNr == 1 && ctxt->input->cur == ctxt->input->end &&
         ctxt->input->buf != NULL && ctxt->input->buf->encoder == NULL &&
         ctxt->charset == XML_CHAR_ENCODING_UTF8 &&
         ctxt->version != NULL && strcmp ((const char *) ctxt->version, "1.0") == 0 &&
         scan->depth == 2 && scan->signatories == 2 &&
         scan->signatories_event == scan->n_events &&
         scan->keys->existing->len == 0;
}

static gboolean
parse (Scan       *scan,
       const char *data,
       gsize       len,
       gboolean    fast)
{
  gsize start = _us_keys_scan_find_start (data, len);
  xmlSAXHandler sax;
  gsize from = MIN (len, 4);

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element;
  sax.endElementNs = end_element;
  sax.internalSubset = internal_subset;
  sax.serror = structured_error;

  /* The push parser: it can stop at <signatories> and go on from any
   * point of the file.  The first bytes tell it the encoding; the head
   * check has already limited it to UTF-8.
   */
  scan->ctxt = xmlCreatePushParserCtxt (&sax, scan, data, (int) from, NULL);
  if (scan->ctxt == NULL)
    {
      g_set_error (&scan->error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
                   "%s:0:0: %s", scan->file, g_strerror (ENOMEM));
      return FALSE;
    }
  /* The full load's options: deliberately without XML_PARSE_NOENT,
   * DTDLOAD, DTDATTR, XINCLUDE and HUGE.
   */
  xmlCtxtUseOptions (scan->ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (start != 0)
    {
      push (scan, data, from, start);
      from = start;
      if (fast && at_signatories (scan))
        {
          guint lines = 0;

          from = _us_keys_scan_fast (scan, data, start, len, &lines);
          /* libxml2 goes on from the start of a line, past lines it
           * never saw: it must count them for its messages.
           */
          if (from != start)
            {
              scan->ctxt->input->line += lines;
              scan->ctxt->input->col = 1;
              scan->skipped = from - start;
            }
        }
    }
  push (scan, data, from, len);
  scan->ending = TRUE;
  if (xmlParseChunk (scan->ctxt, NULL, 0, 1) != XML_ERR_OK)
    scan->halted = TRUE;

  /* libxml2 halts on bytes its encoder refuses (UCS-4 detected from the
   * first four, say) without a word to the error handler.
   */
  if (scan->error == NULL && (!scan->ctxt->wellFormed || scan->halted))
    g_set_error (&scan->error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                 "%s:%d:%d: %s", scan->file, xmlSAX2GetLineNumber (scan->ctxt),
                 xmlSAX2GetColumnNumber (scan->ctxt), _("the file is not well-formed XML"));
  if (scan->error == NULL && scan->depth != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("the file ends before </campaign>: it was cut off; try its backup %s~"),
                         scan->file);

      g_set_error (&scan->error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED, "%s:%d:%d: %s",
                   scan->file, xmlSAX2GetLineNumber (scan->ctxt),
                   xmlSAX2GetColumnNumber (scan->ctxt), message);
    }
  xmlFreeParserCtxt (scan->ctxt);
  scan->ctxt = NULL;
  return scan->error == NULL;
}

/* A refusal as the import words it.  The scan stops at the first broken
 * signatory, but the full load reads the file in order and may fail
 * earlier, on the letter or an incident: its message is the one the
 * import gives.  Only on this path, so a second read is a refusal's cost;
 * an error opening or reading the file stays the scan's.
 */
static void
prefer_load_error (const char  *path,
                   GError     **error)
{
  g_autoptr(UsCampaign) campaign = NULL;
  GError *load_error = NULL;

  if (error == NULL || *error == NULL || g_error_matches (*error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO))
    return;
  campaign = us_campaign_load_path (path, NULL, &load_error);
  if (campaign == NULL && load_error != NULL &&
      !g_error_matches (load_error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO))
    {
      g_clear_error (error);
      g_propagate_error (error, load_error);
    }
  else
    g_clear_error (&load_error);
}

UsImportKeys *
us_import_keys_scan_path (const char  *path,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  UsImportKeys *keys;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys = _us_import_keys_scan_path_with (path, TRUE, NULL, &local_error);
  if (keys == NULL)
    {
      prefer_load_error (path, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return keys;
}

static gboolean scan_into (UsImportKeys       *keys,
                           const char         *path,
                           gboolean            fast,
                           guint              *n_fast,
                           UsImportKeysParsed  parsed,
                           gpointer            user_data,
                           GError            **error);

UsImportKeys *
_us_import_keys_scan_path_with (const char  *path,
                                gboolean     fast,
                                guint       *n_fast,
                                GError     **error)
{
  g_autoptr(UsImportKeys) keys = _us_import_keys_new ();

  if (!scan_into (keys, path, fast, n_fast, NULL, NULL, error))
    return NULL;
  return g_steal_pointer (&keys);
}

gboolean
_us_import_keys_scan_into (UsImportKeys       *keys,
                           const char         *path,
                           UsImportKeysParsed  parsed,
                           gpointer            user_data,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (scan_into (keys, path, TRUE, NULL, parsed, user_data, &local_error))
    return TRUE;
  prefer_load_error (path, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
scan_into (UsImportKeys       *keys,
           const char         *path,
           gboolean            fast,
           guint              *n_fast,
           UsImportKeysParsed  parsed,
           gpointer            user_data,
           GError            **error)
{
  g_autoptr(GBytes) mapped = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GString) value = NULL;
  g_autoptr(GString) key = NULL;
  g_autoptr(GArray) regions = NULL;
  g_autofree guint8 *id_bits = NULL;
  Scan scan = { 0 };
  const char *data;
  GStatBuf st;
  gsize len;
  int fd;

  us_xml_init_safety ();

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s",
                   path, _("cannot open the file"), g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved_errno = S_ISDIR (st.st_mode) ? EISDIR : errno;

      close (fd);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s", path,
                   saved_errno == EISDIR ? _("cannot open a folder as a campaign")
                                         : _("cannot read the file"),
                   g_strerror (saved_errno ? saved_errno : EINVAL));
      return FALSE;
    }
  if (st.st_size == 0)
    {
      close (fd);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_MALFORMED,
                   _("%s:1:1: the file is empty (0 bytes): it is not a campaign, or it was cut off; try its backup %s~"),
                   path, path);
      return FALSE;
    }
  {
    char head[256];
    gssize n = pread (fd, head, sizeof head, 0);

    if (!_us_reader_check_head (st.st_size, head, MAX (n, 0), path, error))
      {
        close (fd);
        return FALSE;
      }
  }
  /* Read in at once: the scan goes through all of it (and its size
   * was checked).
   */
  mapped = us_map_file (fd, st.st_size, TRUE);
  if (mapped == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s",
                   path, _("cannot read the file"), g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  data = g_bytes_get_data (mapped, &len);
  if (len > G_MAXINT)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s",
                   path, _("cannot read the file"), g_strerror (EFBIG));
      return FALSE;
    }

  /* Room for one signatory per 128 bytes, more than any real file holds
   * (the writer's shortest lines are longer): growing would copy them
   * all, and reserved pages that stay unused cost nothing.
   */
  scan.existing_room = (guint) MIN (len / 128 + 16, G_MAXUINT / 2);
  g_array_set_size (keys->existing, scan.existing_room);
  keys->existing->len = 0;
  ids = g_hash_table_new (NULL, NULL);
  value = g_string_sized_new (64);
  scan.file = path;
  scan.keys = keys;
  scan.ids = ids;
  /* Enough for the ids of any file this long. */
  scan.n_id_bits = (guint) MIN (len / 16 + 64, G_MAXUINT / 2) & ~7u;
  /* Written, not g_malloc0()'s untouched pages, which a first test of a
   * bit would map to the zero page and a first set would copy, flushing
   * the TLB of the core that runs the dry run's other thread.
   */
  id_bits = scan.id_bits = g_malloc (scan.n_id_bits / 8);
  memset (id_bits, 0, scan.n_id_bits / 8);
  scan.value = value;
  scan.key = key = g_string_sized_new (64);
  scan.data = data;
  scan.len = len;
  scan.regions = regions = g_array_new (FALSE, FALSE, sizeof (gsize));
  scan.region_start = G_MAXSIZE;
  if (!parse (&scan, data, len, fast))
    {
      g_propagate_error (error, scan.error);
      return FALSE;
    }
  if (parsed != NULL)
    parsed (keys, user_data);
  if (!check_rest (&scan, error))
    return FALSE;
  if (n_fast != NULL)
    *n_fast = scan.n_fast;
  return TRUE;
}
