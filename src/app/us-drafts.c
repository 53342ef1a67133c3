/* us-drafts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "us-drafts.h"
#include "us-format.h"

#define INDEX_NAME "index.ini"

void
us_draft_info_free (UsDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->path);
  g_free (info->original);
  g_free (info->etag);
  g_free (info->title);
  g_free (info);
}

char *
us_drafts_get_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "undersigned", "drafts", NULL);
}

char *
us_drafts_path_for_id (const char *id)
{
  g_autofree char *dir = us_drafts_get_dir ();
  g_autofree char *name = g_strconcat (id, ".undersigned", NULL);

  return g_build_filename (dir, name, NULL);
}

char *
us_drafts_id_for_file (GFile *file)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  uri = g_file_get_uri (file);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

static GKeyFile *
load_index (void)
{
  g_autofree char *dir = us_drafts_get_dir ();
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);
  GKeyFile *index = g_key_file_new ();

  /* A missing or damaged index is an empty one: drafts are a safety net,
   * never a reason to refuse to start.
   */
  g_key_file_load_from_file (index, path, G_KEY_FILE_NONE, NULL);
  return index;
}

static void
save_index (GKeyFile *index)
{
  g_autofree char *dir = us_drafts_get_dir ();
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  char *data;

  /* Written like the drafts, so that a write killed midway leaves a
   * temporary that the next write removes.
   */
  data = g_key_file_to_data (index, &len, NULL);
  bytes = g_bytes_new_take (data, len);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !us_file_replace_contents (path, bytes, FALSE, &error))
    g_warning ("Cannot record drafts in %s: %s", path,
               error ? error->message : g_strerror (errno));
}

char *
us_drafts_new_untitled_id (void)
{
  /* Several windows (and a crashed run's leftovers) share the folder: an
   * id is new when neither the index nor the disk knows it, nor this
   * process has handed it out.
   */
  static guint last;
  g_autoptr(GKeyFile) index = load_index ();

  for (guint n = last + 1; ; n++)
    {
      g_autofree char *id = g_strdup_printf ("untitled-%u", n);
      g_autofree char *path = us_drafts_path_for_id (id);

      if (!g_key_file_has_group (index, id) && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          last = n;
          return g_steal_pointer (&id);
        }
    }
}

static void
record (const char *id,
        GFile      *original,
        const char *etag,
        const char *title)
{
  g_autoptr(GKeyFile) index = load_index ();
  g_autofree char *uri = original ? g_file_get_uri (original) : NULL;

  g_key_file_set_string (index, id, "original", uri ? uri : "");
  g_key_file_set_string (index, id, "etag", etag ? etag : "");
  g_key_file_set_string (index, id, "title", title ? title : "");
  g_key_file_set_int64 (index, id, "saved", g_get_real_time () / G_USEC_PER_SEC);
  save_index (index);
}

typedef struct
{
  char   *id;
  GFile  *original;
  char   *etag;
  char   *title;
  GBytes *bytes;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_free (data->id);
  g_clear_object (&data->original);
  g_free (data->etag);
  g_free (data->title);
  g_bytes_unref (data->bytes);
  g_free (data);
}

static gboolean
write_file (const char  *id,
            GBytes      *bytes,
            GError     **error)
{
  g_autofree char *dir = us_drafts_get_dir ();
  g_autofree char *path = us_drafts_path_for_id (id);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return us_file_replace_contents (path, bytes, FALSE, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!write_file (data->id, data->bytes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  WriteData *data = g_task_get_task_data (outer);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  /* The index is touched on the main thread only, so two windows never
   * race on it.
   */
  record (data->id, data->original, data->etag, data->title);
  g_task_return_boolean (outer, TRUE);
}

void
us_drafts_write_async (const char          *id,
                       GFile               *original,
                       const char          *etag,
                       const char          *title,
                       GBytes              *bytes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  WriteData *data;

  g_return_if_fail (id != NULL);
  g_return_if_fail (bytes != NULL);

  data = g_new0 (WriteData, 1);
  data->id = g_strdup (id);
  data->original = original ? g_object_ref (original) : NULL;
  data->etag = g_strdup (etag);
  data->title = g_strdup (title);
  data->bytes = g_bytes_ref (bytes);

  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, us_drafts_write_async);
  g_task_set_task_data (outer, data, (GDestroyNotify) write_data_free);

  inner = g_task_new (NULL, cancellable, write_done, g_object_ref (outer));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, write_thread);
}

gboolean
us_drafts_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
us_drafts_write (const char  *id,
                 GFile       *original,
                 const char  *etag,
                 const char  *title,
                 GBytes      *bytes,
                 GError     **error)
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!write_file (id, bytes, error))
    return FALSE;
  record (id, original, etag, title);
  return TRUE;
}

void
us_drafts_remove (const char *id)
{
  g_autoptr(GKeyFile) index = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (id != NULL);

  path = us_drafts_path_for_id (id);
  g_unlink (path);
  index = load_index ();
  if (g_key_file_remove_group (index, id, NULL))
    save_index (index);
}

GPtrArray *
us_drafts_list (void)
{
  g_autoptr(GKeyFile) index = load_index ();
  g_auto(GStrv) groups = g_key_file_get_groups (index, NULL);
  GPtrArray *drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) us_draft_info_free);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *path = us_drafts_path_for_id (groups[i]);
      g_autofree char *original = NULL;
      g_autofree char *etag = NULL;
      UsDraftInfo *info;

      /* The index is written after the draft; an entry without its file
       * is a draft already removed by a save in another instance.
       */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      original = g_key_file_get_string (index, groups[i], "original", NULL);
      info = g_new0 (UsDraftInfo, 1);
      info->id = g_strdup (groups[i]);
      info->path = g_steal_pointer (&path);
      info->original = (original && *original) ? g_steal_pointer (&original) : NULL;
      etag = g_key_file_get_string (index, groups[i], "etag", NULL);
      info->etag = (etag && *etag) ? g_steal_pointer (&etag) : NULL;
      info->title = g_key_file_get_string (index, groups[i], "title", NULL);
      g_ptr_array_add (drafts, info);
    }
  return drafts;
}
