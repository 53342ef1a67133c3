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
 * outside <signatories> is only checked for being well-formed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-reader-private.h"
#include "us-import-private.h"
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

/* What the campaign file is read from: the mapped file, handed to
 * libxml2 a few kilobytes at a time as it asks.
 */
typedef struct
{
  const char *data;
  gsize       left;
} Source;

static int
source_read (void *user_data,
             char *buffer,
             int   len)
{
  Source *source = user_data;
  gsize n = MIN (source->left, (gsize) MAX (len, 0));

  memcpy (buffer, source->data, n);
  source->data += n;
  source->left -= n;
  return (int) n;
}

static int
source_close (void *user_data)
{
  return 0;
}

typedef struct
{
  xmlParserCtxtPtr  ctxt;
  const char       *file;
  UsImportKeys     *keys;
  GHashTable       *ids;             /* of the current <signatories>, past the bitmap */
  guint8           *id_bits;         /* ids below n_id_bits: one bit each */
  guint             n_id_bits;
  GError           *error;
  GString          *value;           /* scratch: one attribute value */
  GString          *key;             /* scratch: an e-mail key */
  int               depth;           /* open elements */
  int               signatories;     /* depth of the open <signatories>, or 0 */
  int               note;            /* depth of an open <note>, or 0 */
  guint             capacity;        /* keys->existing's, while published */
  gboolean          frozen;
} Scan;

G_GNUC_PRINTF (3, 4)
static void
fail (Scan       *scan,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

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

/* SAX2 attributes come as (localname, prefix, URI, value, end). */
static const char *
attr_value (Scan           *scan,
            const xmlChar **attr)
{
  gsize len = attr[4] - attr[3];

  g_string_set_size (scan->value, len);
  memcpy (scan->value->str, attr[3], len);
  return scan->value->str;
}

/* The values a writer writes, compared in place: every signatory has
 * them, and copying each one to check it is a tenth of the scan.
 */
static gboolean
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

/* One <signatory>: its keys, and the checks of read_signatory() in
 * us-reader-records.c that make a load fail.
 */
static void
read_signatory (Scan           *scan,
                int             nb_attributes,
                const xmlChar **attributes)
{
  UsImportExisting existing = { NULL, 0, 0, "", NULL, NULL, FALSE };
  UsConsent consent = US_CONSENT_NAMED;
  gboolean has_name = FALSE;
  guint id = 0;

  for (int i = 0; i < nb_attributes && scan->error == NULL; i++)
    {
      const xmlChar **attr = &attributes[i * 5];
      const char *name = (const char *) attr[0];
      const char *value;
      UsStatus status;
      UsOrigin origin;
      gint64 when;

      /* xmlTextReaderConstLocalName() ignores the prefix: so does this. */
      switch (name[0])
        {
        case 'c':
          if (strcmp (name, "country") == 0)
            {
              char code[3] = { 0 };

              value = attr[4] - attr[3] == 2 ? memcpy (code, attr[3], 2) : attr_value (scan, attr);
              if (!us_country_is_valid (value))
                fail (scan, US_FORMAT_ERROR_INVALID,
                      _("invalid country code \"%s\": use an ISO 3166-1 alpha-2 code such as FR or CH"),
                      value);
              existing.country = _us_import_keys_country (scan->keys, value);
            }
          else if (strcmp (name, "consent") == 0 && attr_is (attr, "named"))
            consent = US_CONSENT_NAMED;
          else if (strcmp (name, "consent") == 0 &&
                   !us_consent_from_string (value = attr_value (scan, attr), &consent))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("unknown consent \"%s\": use named, anonymous or none"), value);
          break;
        case 'e':
          if (strcmp (name, "email") == 0)
            _us_import_keys_set_email (scan->keys, &existing, attr_value (scan, attr), scan->key);
          break;
        case 'i':
          if (strcmp (name, "id") == 0 && !attr_is_small_uint (attr, &id) &&
              !is_uint (value = attr_value (scan, attr), G_MAXUINT - 1, &id))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "signatory id", value, G_MAXUINT - 1);
          break;
        case 'l':
          if (strcmp (name, "lang") == 0 && !us_language_tag_is_valid (value = attr_value (scan, attr)))
            fail (scan, US_FORMAT_ERROR_INVALID, _("invalid language tag \"%s\""), value);
          break;
        case 'n':
          if (strcmp (name, "name") == 0)
            {
              existing.name = g_string_chunk_insert_len (scan->keys->chunk, (const char *) attr[3],
                                                         attr[4] - attr[3]);
              has_name = attr[4] > attr[3];
            }
          break;
        case 'p':
          if (strcmp (name, "prominent") == 0 && !is_uint (value = attr_value (scan, attr), G_MAXUINT - 1, NULL))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "prominent position", value, G_MAXUINT - 1);
          break;
        case 's':
          if (strcmp (name, "signed") == 0 && !us_parse_timestamp (value = attr_value (scan, attr), &when))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s time \"%s\": write it as 2020-05-26T12:00:00Z"), "signed", value);
          else if (strcmp (name, "status") == 0)
            {
              if (!attr_is_status (attr, &status) &&
                  !us_status_from_string (value = attr_value (scan, attr), &status))
                fail (scan, US_FORMAT_ERROR_INVALID,
                      _("unknown status \"%s\": use pending, verified, rejected or withdrawn"), value);
              else
                existing.withdrawn = status == US_STATUS_WITHDRAWN;
            }
          else if (strcmp (name, "source") == 0 && !attr_is (attr, "csv") && !attr_is (attr, "typed") &&
                   !us_origin_from_string (value = attr_value (scan, attr), &origin))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("unknown source \"%s\": use typed, paper, csv, osdi or fetched"), value);
          break;
        case 'v':
          if (strcmp (name, "version") == 0 && !is_uint (value = attr_value (scan, attr), G_MAXUINT16, NULL))
            fail (scan, US_FORMAT_ERROR_INVALID,
                  _("invalid %s \"%s\": expected a whole number from 1 to %u"),
                  "letter version", value, G_MAXUINT16);
          break;
        default:
          break;
        }
    }
  if (scan->error != NULL)
    return;

  if (id == 0)
    fail (scan, US_FORMAT_ERROR_INVALID, "%s", _("<signatory> needs an id attribute"));
  else if (!id_add (scan, id))
    fail (scan, US_FORMAT_ERROR_INVALID, _("a second signatory with id %u: ids must be unique"), id);
  else if (!has_name && consent != US_CONSENT_ANONYMOUS)
    fail (scan, US_FORMAT_ERROR_INVALID,
          _("signatory %u has no name (only anonymous signatories may omit it)"), id);
  else
    {
      if (!scan->frozen && scan->keys->existing->len == scan->capacity)
        {
          /* Growing moves the array: never under a reader's feet. */
          g_atomic_int_set (&scan->keys->frozen, TRUE);
          while (g_atomic_int_get (&scan->keys->reading))
            g_thread_yield ();
          scan->frozen = TRUE;
        }
      g_array_append_val (scan->keys->existing, existing);
      if (!scan->frozen)
        g_atomic_int_set (&scan->keys->n_ready, scan->keys->existing->len);
    }
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
      g_hash_table_remove_all (scan->ids);
      memset (scan->id_bits, 0, scan->n_id_bits / 8);
    }
  else if (scan->depth == 3 && scan->signatories != 0 && strcmp (name, "signatory") == 0)
    read_signatory (scan, nb_attributes, attributes);
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

  if (scan->depth == scan->signatories)
    scan->signatories = 0;
  if (scan->depth == scan->note)
    scan->note = 0;
  scan->depth--;
}

static gboolean
parse (Scan        *scan,
       const char  *data,
       gsize        len)
{
  xmlSAXHandler sax;
  Source source = { data, len };

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element;
  sax.endElementNs = end_element;
  sax.internalSubset = internal_subset;
  sax.serror = structured_error;

  /* A pull parser over the mapped file: libxml2's push parser would copy
   * every chunk and look ahead for each tag's end, 10% slower here.  The
   * encoding is detected as usual, and the head check has already limited
   * it to UTF-8.
   */
  scan->ctxt = xmlCreateIOParserCtxt (&sax, scan, source_read, source_close, &source,
                                      XML_CHAR_ENCODING_NONE);
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
  xmlParseDocument (scan->ctxt);
  if (scan->error == NULL && !scan->ctxt->wellFormed)
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

UsImportKeys *
us_import_keys_scan_path (const char  *path,
                          GError     **error)
{
  g_autoptr(UsImportKeys) keys = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  keys = _us_import_keys_new ();
  if (!_us_import_keys_scan_into (keys, path, error))
    return NULL;
  return g_steal_pointer (&keys);
}

gboolean
_us_import_keys_scan_into (UsImportKeys  *keys,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GString) value = NULL;
  g_autoptr(GString) key = NULL;
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
  mapped = g_mapped_file_new_from_fd (fd, FALSE, NULL);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s",
                   path, _("cannot read the file"), g_strerror (EIO));
      return FALSE;
    }
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  if (len > G_MAXINT)
    {
      g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO, "%s:0:0: %s: %s",
                   path, _("cannot read the file"), g_strerror (EFBIG));
      return FALSE;
    }

  /* Room for one signatory per 128 bytes, more than any real file holds
   * (the writer's shortest lines are longer): growing would copy them
   * all, stop their publication to a reader, and reserved pages that stay
   * unused cost nothing.  Set before the first entry is published.
   */
  scan.capacity = (guint) MIN (len / 128 + 16, G_MAXUINT / 2);
  g_array_set_size (keys->existing, scan.capacity);
  keys->existing->len = 0;
  ids = g_hash_table_new (NULL, NULL);
  value = g_string_sized_new (64);
  scan.file = path;
  scan.keys = keys;
  scan.ids = ids;
  /* Enough for the ids of any file this long. */
  scan.n_id_bits = (guint) MIN (len / 16 + 64, G_MAXUINT / 2) & ~7u;
  id_bits = scan.id_bits = g_malloc0 (scan.n_id_bits / 8);
  scan.value = value;
  scan.key = key = g_string_sized_new (64);
  if (!parse (&scan, data, len))
    {
      g_propagate_error (error, scan.error);
      return FALSE;
    }
  return TRUE;
}
