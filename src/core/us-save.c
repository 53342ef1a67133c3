/* us-save.c: atomic replacement of a file
 *
 * GLib 2.74's g_file_replace fsyncs only when the target exists and never
 * the directory; a campaign holds months of volunteers' work, so we do it
 * by hand: write beside, fsync, keep a backup, rename, fsync the folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-format.h"
#include "us-save-private.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Long enough for any real name, short enough that the temporary's name
 * (prefix, pid, six random characters) stays under NAME_MAX.
 */
#define TEMP_NAME_MAX_BASE 200

/* A stream that runs out of space after a set number of bytes: the way
 * to test a full disk without a full disk.
 */
#define US_TYPE_FAULT_STREAM (us_fault_stream_get_type ())
G_DECLARE_FINAL_TYPE (UsFaultStream, us_fault_stream, US, FAULT_STREAM, GFilterOutputStream)

struct _UsFaultStream
{
  GFilterOutputStream parent_instance;
  gssize              left;
};

G_DEFINE_FINAL_TYPE (UsFaultStream, us_fault_stream, G_TYPE_FILTER_OUTPUT_STREAM)

static gssize fault_after = -2;   /* -2: not read from the environment yet */

void
_us_save_inject_enospc (gssize after_bytes)
{
  fault_after = after_bytes;
}

static gssize
us_fault_stream_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  UsFaultStream *self = US_FAULT_STREAM (stream);
  GOutputStream *base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (stream));
  gssize n;

  if (self->left <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, g_strerror (ENOSPC));
      return -1;
    }
  n = g_output_stream_write (base, buffer, MIN ((gssize) count, self->left), cancellable, error);
  if (n > 0)
    self->left -= n;
  return n;
}

static void
us_fault_stream_class_init (UsFaultStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = us_fault_stream_write;
}

static void
us_fault_stream_init (UsFaultStream *self)
{
}

static GOutputStream *
maybe_faulty (GOutputStream *stream)
{
  UsFaultStream *fault;

  if (fault_after == -2)
    {
      const char *env = g_getenv ("UNDERSIGNED_FAULT_ENOSPC_AFTER");
      fault_after = env ? g_ascii_strtoll (env, NULL, 10) : -1;
    }
  if (fault_after < 0)
    return g_object_ref (stream);
  fault = g_object_new (US_TYPE_FAULT_STREAM, "base-stream", stream,
                        "close-base-stream", FALSE, NULL);
  fault->left = fault_after;
  return G_OUTPUT_STREAM (fault);
}

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *what,
      int          saved_errno)
{
  g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
               _("%s:0:0: %s: %s; the previous file was left as it was"),
               path, what, g_strerror (saved_errno));
  return FALSE;
}

static void
fsync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The backup is a hard link to the old file, so there is no moment at which
 * path does not exist; where links are not possible, a copy.
 */
static void
keep_backup (const char *path)
{
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dst = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return;
  g_unlink (backup);
  if (link (path, backup) == 0)
    return;
  src = g_file_new_for_path (path);
  dst = g_file_new_for_path (backup);
  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
}

typedef gboolean (*WriteFunc) (GOutputStream *stream,
                               gpointer       data,
                               GError       **error);

/* A save writes ".NAME.PID.XXXXXX" beside NAME: hidden, so that a killed
 * save does not litter the folder the user sees, and named after its
 * document and its writer, so that the next save can find it.
 */
static char *
temp_prefix (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strlen (base) > TEMP_NAME_MAX_BASE)
    base[TEMP_NAME_MAX_BASE] = '\0';
  return g_strconcat (".", base, ".", NULL);
}

/* The pid in a temporary's name, or 0 when name is not one of ours:
 * "PID.XXXXXX" must follow the prefix exactly.
 */
static pid_t
temp_writer (const char *name,
             const char *prefix)
{
  const char *rest;
  gsize digits;
  guint64 pid;

  if (!g_str_has_prefix (name, prefix))
    return 0;
  rest = name + strlen (prefix);
  digits = strspn (rest, "0123456789");
  if (digits == 0 || digits > 10 || rest[digits] != '.' || strlen (rest + digits + 1) != 6
      || strchr (rest + digits + 1, '.') != NULL)
    return 0;
  pid = g_ascii_strtoull (rest, NULL, 10);
  return pid > 0 && pid <= G_MAXINT ? (pid_t) pid : 0;
}

/* Removes the temporaries that killed saves of path left behind.  A
 * temporary goes only when both say its writer is gone: no process has
 * its pid here, and nobody holds the lock every writer takes on its
 * temporary until the rename (a lock dies with its process, even under
 * SIGKILL, and is seen from other pid namespaces).  Either alone could be
 * wrong: a reused pid, a writer between creating its file and locking it.
 */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *prefix = temp_prefix (path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      pid_t pid = temp_writer (name, prefix);
      g_autofree char *temp = NULL;
      GStatBuf st;
      int fd;

      if (pid == 0 || pid == getpid ())
        continue;
      if (kill (pid, 0) == 0 || errno != ESRCH)
        continue;
      temp = g_build_filename (dir_path, name, NULL);
      fd = g_open (temp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid ()
          && flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (temp);
      close (fd);
    }
}

static gboolean
replace_with (const char  *path,
              gboolean     backup,
              WriteFunc    write_func,
              gpointer     data,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *prefix = temp_prefix (path);
  g_autofree char *tmpl = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GOutputStream) target = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  mode_t mode = 0600;   /* personal data: private unless it was shared */
  int fd;
  int lock_fd;

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        return fail (error, path, _("not a regular file"), EINVAL);
      mode = st.st_mode & 0777;
    }

  {
    g_autofree char *name = g_strdup_printf ("%s%ld.XXXXXX", prefix, (long) getpid ());

    tmpl = g_build_filename (dir, name, NULL);
  }
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0)
    return fail (error, path, _("cannot create a file beside it"), errno);
  fchmod (fd, mode);
  /* Held on a duplicate until the rename: closing the stream must not
   * let another process take the temporary for a dead writer's.
   */
  lock_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  if (lock_fd >= 0)
    flock (lock_fd, LOCK_EX | LOCK_NB);

  stream = g_unix_output_stream_new (fd, TRUE);
  target = maybe_faulty (stream);
  if (!write_func (target, data, &local_error) ||
      !g_output_stream_flush (target, NULL, &local_error))
    goto failed;
  if (fsync (fd) != 0)
    {
      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "%s", g_strerror (errno));
      goto failed;
    }
  if (!g_output_stream_close (stream, NULL, &local_error))
    goto failed;

  if (backup)
    keep_backup (path);
  if (g_rename (tmpl, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmpl);
      if (lock_fd >= 0)
        close (lock_fd);
      return fail (error, path, _("cannot replace the file"), saved_errno);
    }
  if (lock_fd >= 0)
    close (lock_fd);
  fsync_dir (path);
  remove_stale_temporaries (path);
  return TRUE;

failed:
  g_output_stream_close (stream, NULL, NULL);
  g_unlink (tmpl);
  if (lock_fd >= 0)
    close (lock_fd);
  g_set_error (error, US_FORMAT_ERROR, US_FORMAT_ERROR_IO,
               _("%s:0:0: could not save: %s; the previous file was left as it was"),
               path, local_error->message);
  return FALSE;
}

typedef struct
{
  UsCampaign   *campaign;
  UsWriteFlags  flags;
} CampaignData;

static gboolean
write_campaign (GOutputStream *stream,
                gpointer       data,
                GError       **error)
{
  CampaignData *cd = data;
  g_autoptr(GOutputStream) buffered = g_buffered_output_stream_new_sized (stream, 1 << 16);

  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  return us_campaign_write (cd->campaign, buffered, cd->flags, NULL, error) &&
         g_output_stream_close (buffered, NULL, error);
}

static gboolean
write_bytes (GOutputStream *stream,
             gpointer       data,
             GError       **error)
{
  gsize len;
  const guint8 *buf = g_bytes_get_data (data, &len);

  return g_output_stream_write_all (stream, buf, len, NULL, NULL, error);
}

gboolean
us_campaign_save_path (UsCampaign    *campaign,
                       const char    *path,
                       UsWriteFlags   flags,
                       GError       **error)
{
  CampaignData cd = { campaign, flags };

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!replace_with (path, !(flags & US_WRITE_PUBLIC), write_campaign, &cd, error))
    return FALSE;
  if (!(flags & US_WRITE_PUBLIC))
    us_campaign_set_modified (campaign, FALSE);
  return TRUE;
}

gboolean
us_file_replace_contents (const char  *path,
                          GBytes      *contents,
                          gboolean     keep_backup_file,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  return replace_with (path, keep_backup_file, write_bytes, contents, error);
}
