/* us-utf8.h: UTF-8 validation and line counts for whole imported files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As g_utf8_validate_len(), *bad included (a NUL is refused too), at a
 * fraction of its cost on long texts.
 */
gboolean us_utf8_validate          (const char  *text,
                                    gsize        len,
                                    const char **bad);
/* The same, counting the text's LF bytes and its CR bytes (which only
 * a valid text gets) in the same pass where it can.
 */
gboolean us_utf8_validate_lines    (const char  *text,
                                    gsize        len,
                                    const char **bad,
                                    guint       *lf,
                                    guint       *cr);
/* The LF bytes of p and, when cr is not NULL, its CR bytes. */
guint    us_count_line_ends        (const char  *p,
                                    gsize        len,
                                    guint       *cr);
/* The same without the vector path: for tests that compare the two. */
gboolean us_utf8_validate_portable (const char  *text,
                                    gsize        len,
                                    const char **bad);
/* The vector path's own verdict (TRUE or FALSE), or -1 where there is
 * none: for tests.
 */
int      _us_utf8_validate_vector  (const char  *text,
                                    gsize        len);

G_END_DECLS
