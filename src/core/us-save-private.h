/* us-save-private.h: fault injection for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Make the next saves fail with ENOSPC ("No space left on device") after
 * after_bytes bytes have been written; -1 turns it off.  The environment
 * variable UNDERSIGNED_FAULT_ENOSPC_AFTER does the same for the CLI.
 */
void _us_save_inject_enospc (gssize after_bytes);

G_END_DECLS
