/* us-import-keys.c: the signatories an import is matched against
 *
 * A plan matches rows against copies of what it needs (e-mail, name,
 * country, withdrawn), never against live signatories: the app builds
 * plans in a worker thread, and a signatory caches its name key lazily,
 * so reading one off the main thread while the user edits it would race.
 * The copies are made where the campaign lives, in one pass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-array-store.h"

#include <string.h>

static void
keys_clear (UsImportKeys *keys)
{
  g_clear_object (&keys->campaign);
  g_string_chunk_free (keys->chunk);
  g_array_unref (keys->existing);
}

UsImportKeys *
_us_import_keys_new (void)
{
  UsImportKeys *keys = g_atomic_rc_box_new0 (UsImportKeys);

  keys->chunk = g_string_chunk_new (256 * 1024);
  keys->existing = g_array_new (FALSE, FALSE, sizeof (UsImportExisting));
  return keys;
}

UsImportKeys *
us_import_keys_ref (UsImportKeys *keys)
{
  g_return_val_if_fail (keys != NULL, NULL);
  return g_atomic_rc_box_acquire (keys);
}

void
us_import_keys_unref (UsImportKeys *keys)
{
  if (keys != NULL)
    g_atomic_rc_box_release_full (keys, (GDestroyNotify) keys_clear);
}

guint
us_import_keys_get_n_signatories (UsImportKeys *keys)
{
  g_return_val_if_fail (keys != NULL, 0);
  return keys->existing->len;
}

const char *
_us_import_keys_country (UsImportKeys *keys,
                         const char   *code)
{
  if (code == NULL || *code == '\0')
    return NULL;
  if (code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && code[2] == '\0')
    {
      char *slot = keys->countries[(code[0] - 'A') * 26 + (code[1] - 'A')];

      if (slot[0] == '\0')
        memcpy (slot, code, 3);
      return slot;
    }
  return g_string_chunk_insert_const (keys->chunk, code);
}

/* Keeps key, in scratch, as the signatory's e-mail key. */
static void
store_email_key (UsImportKeys     *keys,
                 UsImportExisting *existing,
                 GString          *scratch)
{
  existing->email = g_string_chunk_insert_len (keys->chunk, scratch->str, scratch->len);
  existing->email_len = scratch->len;
  existing->email_hash = _us_import_key_hash (scratch->str, scratch->len);
}

void
_us_import_keys_set_email (UsImportKeys     *keys,
                           UsImportExisting *existing,
                           const char       *email,
                           GString          *scratch)
{
  if (!_us_import_email_key_into (scratch, email, FALSE))
    {
      existing->email = NULL;
      existing->email_len = 0;
      existing->email_hash = 0;
      return;
    }
  store_email_key (keys, existing, scratch);
}

gboolean
_us_import_keys_set_plain_email (UsImportKeys     *keys,
                                 UsImportExisting *existing,
                                 const char       *email,
                                 gsize             len,
                                 GString          *scratch)
{
  char *key;

  if (len == 0 || is_space (email[0]) || is_space (email[len - 1]))
    return FALSE;
  g_string_set_size (scratch, len);
  key = scratch->str;
  /* Lower-cased as _us_import_email_key_into() does ASCII. */
  for (gsize i = 0; i < len; i++)
    {
      char c = email[i];

      if ((guchar) c >= 0x80 || c == '&')
        return FALSE;
      key[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
  store_email_key (keys, existing, scratch);
  return TRUE;
}

UsImportKeys *
us_import_keys_new_for_campaign (UsCampaign *campaign)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  UsImportKeys *keys;
  UsArrayStore *store;
  guint n;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);

  keys = _us_import_keys_new ();
  keys->campaign = g_object_ref (campaign);
  store = US_ARRAY_STORE (us_campaign_get_signatories (campaign));
  n = us_array_store_get_n_items (store);
  g_array_set_size (keys->existing, n);
  for (guint i = 0; i < n; i++)
    {
      UsSignatory *signatory = us_array_store_peek (store, i);
      UsImportExisting *existing = &g_array_index (keys->existing, UsImportExisting, i);
      const char *name = us_signatory_get_name (signatory);

      _us_import_keys_set_email (keys, existing, us_signatory_get_email (signatory), scratch);
      existing->name = name != NULL ? g_string_chunk_insert (keys->chunk, name) : "";
      existing->country = _us_import_keys_country (keys, us_signatory_get_country (signatory));
      existing->signatory = signatory;
      existing->withdrawn = us_signatory_get_status (signatory) == US_STATUS_WITHDRAWN;
    }
  return keys;
}
