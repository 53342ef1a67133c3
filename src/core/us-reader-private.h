/* us-reader-private.h: shared by us-reader.c and us-reader-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "us-format.h"

G_BEGIN_DECLS

typedef struct
{
  xmlTextReaderPtr  r;
  const char       *file;
  GPtrArray        *problems;
  GError           *error;        /* first error */
  GString          *text;
  UsCampaign       *campaign;
  guint             n_errors;
  gint64            modified_at;   /* as the file says; loading touches it */
  GPtrArray        *signatories;   /* read, handed to the campaign at the end */
} Reader;

#define FOR_EACH_ATTR(rd) \
  for (int _ok = xmlTextReaderMoveToFirstAttribute ((rd)->r); _ok == 1; \
       _ok = xmlTextReaderMoveToNextAttribute ((rd)->r))
#define ATTR_NAME(rd) ((const char *) xmlTextReaderConstLocalName ((rd)->r))
#define ATTR_VALUE(rd) ((const char *) xmlTextReaderConstValue ((rd)->r))

/* us-reader.c */
G_GNUC_PRINTF (4, 5)
void        _us_reader_problem         (Reader     *rd,
                                        int         code,
                                        gboolean    warning,
                                        const char *format,
                                        ...);
const char *_us_reader_local_name      (Reader     *rd);
/* Advance to the next child element of the element at depth; FALSE at
 * its end (or on error).  The reader must be on the parent's start tag or
 * on a previous child that has been fully consumed.
 */
gboolean    _us_reader_next_child      (Reader     *rd,
                                        int         depth);
/* Skip the current element's subtree, with a warning: a file from a newer
 * minor version may hold elements we do not know; they are dropped.
 */
void        _us_reader_skip_unknown    (Reader     *rd,
                                        const char *parent);
/* Reads the text content of the current element; child elements are an
 * error.  Returns a pointer into rd->text, valid until the next call.
 */
const char *_us_reader_read_text       (Reader     *rd);
gboolean    _us_reader_parse_time_attr (Reader     *rd,
                                        const char *name,
                                        const char *value,
                                        gint64     *out);
gboolean    _us_reader_parse_uint_attr (Reader     *rd,
                                        const char *name,
                                        const char *value,
                                        guint       max,
                                        guint      *out);

/* The size and encoding checks of a load, for us-reader-keys.c: head is
 * the file's first bytes.
 */
gboolean    _us_reader_check_head      (goffset      size,
                                        const char  *head,
                                        gsize        len,
                                        const char  *display_name,
                                        GError     **error);

/* us-reader-records.c */
void        _us_reader_read_signatories (Reader *rd);
/* <incidents>, <sources> or <inbox>: list is the element, item the name
 * of its children.
 */
void        _us_reader_read_list        (Reader     *rd,
                                         const char *list,
                                         const char *item);

G_END_DECLS
