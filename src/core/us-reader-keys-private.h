/* us-reader-keys-private.h: shared by us-reader-keys.c and
 * us-reader-keys-fast.c, and the switches the tests and benchmarks use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>

#include "us-import-private.h"

G_BEGIN_DECLS

typedef struct
{
  xmlParserCtxtPtr  ctxt;
  const char       *file;
  UsImportKeys     *keys;
  guint             existing_room;   /* keys->existing holds this many without growing */
  GHashTable       *ids;             /* of the current <signatories>, past the bitmap */
  guint8           *id_bits;         /* ids below n_id_bits: one bit each */
  guint             n_id_bits;
  GError           *error;
  GString          *value;           /* scratch: one attribute value */
  GString          *key;             /* scratch: an e-mail key */
  int               depth;           /* open elements */
  int               signatories;     /* depth of the open <signatories>, or 0 */
  int               note;            /* depth of an open <note>, or 0 */
  gboolean          ending;          /* libxml2 is told the file ends */
  gboolean          halted;          /* xmlParseChunk() failed */
  /* The fast scan's: while set, a refusal only sets refused (libxml2
   * re-reads the element and reports it).
   */
  gboolean          fast;
  gboolean          refused;
  guint             added_id;        /* the last signatory's id, once added */
  guint             n_events;        /* start and end tags seen */
  guint             signatories_event;  /* n_events at the last depth-2 <signatories> */
  guint             n_fast;          /* signatories the fast scan read */
  /* Where each depth-2 <signatories> holds its content in the file, as
   * pairs of offsets (just past its start tag, at its end tag): the rest
   * of the file is then loaded as the full load reads it.  regions_lost
   * when a place could not be told for sure (then the whole file is).
   */
  const char       *data;
  gsize             len;
  GArray           *regions;         /* gsize */
  gsize             region_start;    /* of the open one, or G_MAXSIZE */
  int               region_line;     /* libxml2's line there */
  gsize             skipped;         /* bytes libxml2 never saw (the fast scan's) */
  gboolean          regions_lost;
} UsKeysScan;

/* One <signatory>'s attributes as SAX2 gives them: (localname, prefix,
 * URI, value, end) each; an '&' in a value as "&#38;", as libxml2 leaves it.
 */
/* The attributes of <signatory> that a scan reads, in the writer's
 * order (the fast scanner's list of names follows it).
 */
typedef enum
{
  US_KEYS_ATTR_ID,
  US_KEYS_ATTR_NAME,
  US_KEYS_ATTR_TITLE,
  US_KEYS_ATTR_ORGANISATION,
  US_KEYS_ATTR_COUNTRY,
  US_KEYS_ATTR_EMAIL,
  US_KEYS_ATTR_SIGNED,
  US_KEYS_ATTR_VERSION,
  US_KEYS_ATTR_LANG,
  US_KEYS_ATTR_SOURCE,
  US_KEYS_ATTR_STATUS,
  US_KEYS_ATTR_CONSENT,
  US_KEYS_ATTR_PROMINENT,
  US_KEYS_ATTR_OTHER,
} UsKeysAttr;

/* kinds: each attribute's UsKeysAttr, where the caller knows them
 * already; else NULL, and they are told from the names.
 */
void          _us_keys_scan_read_signatory (UsKeysScan      *scan,
                                            int              nb_attributes,
                                            const xmlChar  **attributes,
                                            const guint8    *kinds);
gboolean      _us_keys_scan_id_remove      (UsKeysScan      *scan,
                                            guint            id);
/* The offset just past the first "<signatories>" in data, or 0. */
gsize         _us_keys_scan_find_start     (const char      *data,
                                            gsize            len);
/* Reads the <signatory> elements that follow data[start], the content of
 * <signatories>, while they are in the writer's form; returns where
 * libxml2 must go on: start, or just after a newline between elements.
 * *lines: the newlines skipped.
 */
gsize         _us_keys_scan_fast           (UsKeysScan      *scan,
                                            const char      *data,
                                            gsize            start,
                                            gsize            len,
                                            guint           *lines);

/* Tests and benchmarks: the scan with the fast path on or off, and how
 * many signatories it read.
 */
UsImportKeys *_us_import_keys_scan_path_with (const char  *path,
                                              gboolean     fast,
                                              guint       *n_fast,
                                              GError     **error);

G_END_DECLS
