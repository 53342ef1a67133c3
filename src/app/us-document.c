/* us-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "us-document.h"
#include "us-drafts.h"
#include "us-format.h"

#define DEFAULT_DRAFT_DELAY_MS 3000
/* Typing without a pause must not postpone the draft forever. */
#define MAX_DRAFT_POSTPONE     4

struct _UsDocument
{
  GObject       parent_instance;
  UsCampaign   *campaign;
  UsUndoStack  *undo_stack;
  GFile        *file;
  char         *etag;
  char         *draft_id;
  GCancellable *cancellable;
  GFileMonitor *monitor;
  guint         watch_id;
  char         *disk_etag;       /* another program's version, announced */
  guint         draft_timeout_id;
  guint         draft_delay_ms;
  gint64        first_pending;   /* monotonic µs of the first change not in a draft */
  guint         busy : 1;
  guint         draft_writing : 1;
  guint         draft_again : 1;
  guint         disk_check_pending : 1;
};

enum {
  PROP_0,
  PROP_CAMPAIGN,
  PROP_UNDO_STACK,
  PROP_FILE,
  PROP_BUSY,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

enum {
  CHANGED_ON_DISK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (UsDocument, us_document, G_TYPE_OBJECT)

static void start_draft (UsDocument *self);
static void watch_file  (UsDocument *self);
static void stop_watching (UsDocument *self);
static char *query_etag (GFile *file, GCancellable *cancellable);

static gboolean
draft_timeout_cb (gpointer user_data)
{
  UsDocument *self = user_data;

  self->draft_timeout_id = 0;
  start_draft (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_draft (UsDocument *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed_ms;
  gint64 delay = self->draft_delay_ms;

  if (self->campaign == NULL || !us_campaign_get_modified (self->campaign))
    return;
  if (self->first_pending == 0)
    self->first_pending = now;
  elapsed_ms = (now - self->first_pending) / 1000;
  delay = MIN (delay, MAX (0, self->draft_delay_ms * MAX_DRAFT_POSTPONE - elapsed_ms));
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add ((guint) delay, draft_timeout_cb, self);
}

static void
update_pending (UsDocument *self)
{
  if (self->campaign == NULL || !us_campaign_get_modified (self->campaign))
    {
      g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
      self->first_pending = 0;
    }
}

typedef struct
{
  UsDocument *self;
  char       *id;
} DraftWrite;

static void
draft_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DraftWrite *write = user_data;
  UsDocument *self = write->self;
  g_autoptr(GError) error = NULL;

  self->draft_writing = FALSE;
  if (!us_drafts_write_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot keep a draft of the unsaved changes: %s", error->message);

  /* A save or a discard that finished while the draft was on its way
   * made it obsolete.
   */
  if (g_strcmp0 (self->draft_id, write->id) != 0 ||
      self->campaign == NULL || !us_campaign_get_modified (self->campaign))
    us_drafts_remove (write->id);
  else if (self->draft_again)
    schedule_draft (self);
  self->draft_again = FALSE;

  g_free (write->id);
  g_object_unref (write->self);
  g_free (write);
}

static GBytes *
take_snapshot (UsDocument  *self,
               GError     **error)
{
  self->first_pending = 0;
  if (self->draft_id == NULL)
    self->draft_id = self->file ? us_drafts_id_for_file (self->file)
                                : us_drafts_new_untitled_id ();
  return us_campaign_to_bytes (self->campaign, US_WRITE_DEFAULT, error);
}

static void
start_draft (UsDocument *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DraftWrite *write;

  if (self->campaign == NULL || !us_campaign_get_modified (self->campaign))
    return;
  if (self->busy)
    {
      /* A save is reading the campaign; it removes the draft if it works. */
      schedule_draft (self);
      return;
    }
  if (self->draft_writing)
    {
      self->draft_again = TRUE;
      return;
    }

  /* Serialised here, on the main thread, so that no edit can happen
   * halfway; only the writing goes to a thread.
   */
  bytes = take_snapshot (self, &error);
  if (bytes == NULL)
    {
      g_warning ("Cannot keep a draft of the unsaved changes: %s", error->message);
      return;
    }
  title = us_document_dup_title (self);
  write = g_new0 (DraftWrite, 1);
  write->self = g_object_ref (self);
  write->id = g_strdup (self->draft_id);
  self->draft_writing = TRUE;
  us_drafts_write_async (self->draft_id, self->file, self->etag, title, bytes, self->cancellable,
                         draft_written_cb, write);
}

static void
forget_draft (UsDocument *self)
{
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->first_pending = 0;
  if (self->draft_id != NULL)
    {
      us_drafts_remove (self->draft_id);
      g_clear_pointer (&self->draft_id, g_free);
    }
}

static void
campaign_changed_cb (UsDocument *self)
{
  schedule_draft (self);
}

static void
campaign_modified_cb (UsDocument *self)
{
  update_pending (self);
  schedule_draft (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
campaign_title_cb (UsDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
disconnect_campaign (UsDocument *self)
{
  if (self->campaign == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->campaign, self);
  g_clear_object (&self->campaign);
}

static void
replace_campaign (UsDocument *self,
                  UsCampaign *campaign,
                  GFile      *file)
{
  g_object_freeze_notify (G_OBJECT (self));
  disconnect_campaign (self);
  self->campaign = g_object_ref (campaign);
  g_signal_connect_swapped (campaign, "notify::modified", G_CALLBACK (campaign_modified_cb), self);
  g_signal_connect_swapped (campaign, "changed", G_CALLBACK (campaign_changed_cb), self);
  g_signal_connect_swapped (campaign, "notify::title", G_CALLBACK (campaign_title_cb), self);

  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_clear_pointer (&self->etag, g_free);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_pointer (&self->draft_id, g_free);
  self->first_pending = 0;
  us_undo_stack_clear (self->undo_stack);
  watch_file (self);
  update_pending (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_busy (UsDocument *self,
          gboolean    busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
us_document_dispose (GObject *object)
{
  UsDocument *self = (UsDocument *) object;

  /* Dropping a document keeps its draft: that is what survives a crash.
   * Only a save or a discard removes it.
   */
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  stop_watching (self);
  disconnect_campaign (self);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (us_document_parent_class)->dispose (object);
}

static void
us_document_finalize (GObject *object)
{
  UsDocument *self = (UsDocument *) object;

  g_free (self->etag);
  g_free (self->disk_etag);
  g_free (self->draft_id);
  G_OBJECT_CLASS (us_document_parent_class)->finalize (object);
}

static void
us_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UsDocument *self = US_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, us_document_get_modified (self));
      break;
    case PROP_TITLE:
      g_value_take_string (value, us_document_dup_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
us_document_class_init (UsDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = us_document_dispose;
  object_class->finalize = us_document_finalize;
  object_class->get_property = us_document_get_property;

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, US_TYPE_CAMPAIGN, ro);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, US_TYPE_UNDO_STACK, ro);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UsDocument::changed-on-disk:
   *
   * See us-document.h.
   */
  signals[CHANGED_ON_DISK] =
    g_signal_new ("changed-on-disk",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
us_document_init (UsDocument *self)
{
  g_autoptr(UsCampaign) campaign = us_campaign_new (NULL);

  self->undo_stack = us_undo_stack_new ();
  self->cancellable = g_cancellable_new ();
  self->draft_delay_ms = DEFAULT_DRAFT_DELAY_MS;
  /* Every undoable edit is a change worth a draft, even one that leaves
   * the campaign's own signals quiet.
   */
  g_signal_connect_swapped (self->undo_stack, "notify::undo-label",
                            G_CALLBACK (campaign_changed_cb), self);
  us_campaign_set_modified (campaign, FALSE);
  replace_campaign (self, campaign, NULL);
}

UsDocument *
us_document_new (void)
{
  return g_object_new (US_TYPE_DOCUMENT, NULL);
}

UsCampaign *
us_document_get_campaign (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), NULL);
  return self->campaign;
}

UsUndoStack *
us_document_get_undo_stack (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), NULL);
  return self->undo_stack;
}

GFile *
us_document_get_file (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), NULL);
  return self->file;
}

gboolean
us_document_get_busy (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  return self->busy;
}

gboolean
us_document_get_modified (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  return self->campaign != NULL && us_campaign_get_modified (self->campaign);
}

char *
us_document_dup_title (UsDocument *self)
{
  const char *title;

  g_return_val_if_fail (US_IS_DOCUMENT (self), NULL);

  title = self->campaign ? us_campaign_get_title (self->campaign) : NULL;
  if (title != NULL && *title != '\0')
    return g_strdup (title);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled Campaign"));
}

gboolean
us_document_is_pristine (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  return self->file == NULL && !self->busy && !us_document_get_modified (self) &&
         self->draft_id == NULL;
}

void
us_document_set_campaign (UsDocument *self,
                          UsCampaign *campaign,
                          GFile      *file)
{
  g_return_if_fail (US_IS_DOCUMENT (self));
  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (!file || G_IS_FILE (file));

  replace_campaign (self, campaign, file);
}

/* Watching the file ---------------------------------------------------- */

/* Another program's save shows as a new etag (the mtime) on the file; our
 * own saves update self->etag before they are idle again, so they never
 * count.
 */
static void
check_disk (UsDocument *self)
{
  g_autofree char *etag = NULL;

  self->disk_check_pending = FALSE;
  if (self->file == NULL || self->etag == NULL)
    return;
  etag = query_etag (self->file, NULL);
  /* A file deleted or moved away is not a new version to reload. */
  if (etag == NULL || g_strcmp0 (etag, self->etag) == 0 || g_strcmp0 (etag, self->disk_etag) == 0)
    return;
  g_free (self->disk_etag);
  self->disk_etag = g_steal_pointer (&etag);
  g_signal_emit (self, signals[CHANGED_ON_DISK], 0);
}

static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    UsDocument        *self)
{
  if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  /* While we load or save, the etag to compare with is not known yet. */
  if (self->busy)
    self->disk_check_pending = TRUE;
  else
    check_disk (self);
}

static void
stop_watching (UsDocument *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  self->disk_check_pending = FALSE;
}

static gboolean
start_watching_cb (gpointer user_data)
{
  UsDocument *self = user_data;
  g_autoptr(GError) error = NULL;

  self->watch_id = 0;
  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch the campaign's file for changes: %s", error->message);
      return G_SOURCE_REMOVE;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self);
  /* What changed before the watch began. */
  monitor_changed_cb (self->monitor, self->file, NULL, G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT, self);
  return G_SOURCE_REMOVE;
}

static void
watch_file (UsDocument *self)
{
  stop_watching (self);
  if (self->file == NULL || g_file_peek_path (self->file) == NULL)
    return;
  /* The first monitor of a process took 0.2 to 55 ms here (Debian 12,
   * GLib 2.74): not before the campaign is on screen.
   */
  self->watch_id = g_idle_add_full (G_PRIORITY_LOW, start_watching_cb, self, NULL);
}

void
us_document_keep_own_version (UsDocument *self)
{
  g_return_if_fail (US_IS_DOCUMENT (self));

  if (self->disk_etag == NULL)
    return;
  /* The user has seen the other version and chose this one: a save
   * replaces it without asking again.
   */
  g_free (self->etag);
  self->etag = g_steal_pointer (&self->disk_etag);
}

/* Loading */

typedef struct
{
  GFile      *file;
  char       *path;
  char       *draft_id;
  UsCampaign *campaign;
  char       *etag;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_free (data->path);
  g_free (data->draft_id);
  g_clear_object (&data->campaign);
  g_free (data->etag);
  g_free (data);
}

static char *
query_etag (GFile        *file,
            GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;

  if (file == NULL)
    return NULL;
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  return info ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  data->campaign = us_campaign_load_path (data->path, NULL, &error);
  if (data->campaign == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A draft's changes began from the version it names; a draft that
   * names none (written before drafts kept it) is taken to begin from
   * the file as it is now, so that later changes show at least.
   */
  if (data->draft_id == NULL || data->etag == NULL)
    data->etag = query_etag (data->file, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void load_done (GObject *object, GAsyncResult *result, gpointer user_data);

static void
start_load (UsDocument          *self,
            GFile               *file,
            const char          *path,
            const char          *draft_id,
            const char          *draft_etag,
            GCancellable        *cancellable,
            gpointer             source_tag,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  LoadData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only local files can be opened; copy the file to this computer first"),
                               uri);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->file = file ? g_object_ref (file) : NULL;
  data->path = g_strdup (path);
  data->draft_id = g_strdup (draft_id);
  data->etag = g_strdup (draft_etag);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  set_busy (self, TRUE);

  /* The thread only reads; load_done() applies the result on the main
   * thread whether or not the caller ever calls _finish().
   */
  inner = g_task_new (self, cancellable, load_done, g_object_ref (task));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, load_thread);
}

void
us_document_load_async (UsDocument          *self,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (US_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_FILE (file));

  start_load (self, file, g_file_peek_path (file), NULL, NULL, cancellable,
              us_document_load_async, callback, user_data);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  UsDocument *self = US_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  GError *error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A load over unsaved changes (Reload) replaces them, and their
   * draft with them.
   */
  if (g_task_get_source_tag (task) == us_document_load_async)
    forget_draft (self);
  /* The whole campaign changes in one step on the main thread: a failed
   * load above left the document as it was.
   */
  replace_campaign (self, data->campaign, data->file);
  self->etag = g_steal_pointer (&data->etag);
  g_clear_pointer (&self->disk_etag, g_free);
  if (g_task_get_source_tag (task) == us_document_recover_async)
    {
      /* The draft is the newest copy of the changes; keep it until a save
       * or a discard, and say the campaign has unsaved changes.
       */
      self->draft_id = g_strdup (data->draft_id);
      us_campaign_set_modified (self->campaign, TRUE);
    }
  g_task_return_boolean (task, TRUE);
}

gboolean
us_document_load_finish (UsDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == us_document_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
us_document_recover_async (UsDocument          *self,
                           const char          *draft_id,
                           const char          *draft_path,
                           GFile               *original,
                           const char          *etag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (US_IS_DOCUMENT (self));
  g_return_if_fail (draft_id != NULL);
  g_return_if_fail (draft_path != NULL);
  g_return_if_fail (!original || G_IS_FILE (original));

  start_load (self, original, draft_path, draft_id, etag, cancellable,
              us_document_recover_async, callback, user_data);
}

gboolean
us_document_recover_finish (UsDocument    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == us_document_recover_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saving */

typedef struct
{
  UsCampaign *campaign;
  GFile      *file;
  char       *expected_etag;
  char       *etag;
  gboolean    overwrite;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->campaign);
  g_clear_object (&data->file);
  g_free (data->expected_etag);
  g_free (data->etag);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  /* The window is insensitive while the document is busy, so the
   * campaign holds still while it is read here.
   */
  bytes = us_campaign_to_bytes (data->campaign, US_WRITE_DEFAULT, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!data->overwrite && data->expected_etag != NULL)
    {
      g_autofree char *etag = query_etag (data->file, cancellable);

      if (etag != NULL && g_strcmp0 (etag, data->expected_etag) != 0)
        {
          g_autofree char *name = g_file_get_basename (data->file);

          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
                                   _("“%s” was changed by another program since it was opened"),
                                   name);
          return;
        }
    }

  if (!us_file_replace_contents (g_file_peek_path (data->file), bytes, TRUE, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->etag = query_etag (data->file, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  UsDocument *self = US_DOCUMENT (object);
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GError *error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (self->etag);
  self->etag = g_steal_pointer (&data->etag);
  g_clear_pointer (&self->disk_etag, g_free);
  forget_draft (self);
  if (g_set_object (&self->file, data->file))
    {
      watch_file (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  /* The campaign was unchanged while busy, so what is on disk is exactly
   * what is in memory.
   */
  us_campaign_set_modified (self->campaign, FALSE);
  if (self->disk_check_pending)
    check_disk (self);
  g_task_return_boolean (task, TRUE);
}

void
us_document_save_async (UsDocument          *self,
                        GFile               *file,
                        gboolean             overwrite,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  SaveData *data;

  g_return_if_fail (US_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, us_document_save_async);

  if (file == NULL)
    file = self->file;
  if (file == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Choose a folder on this computer to save the campaign in"));
      return;
    }
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The campaign is already being saved"));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->campaign = g_object_ref (self->campaign);
  data->file = g_object_ref (file);
  data->overwrite = overwrite;
  if (self->file != NULL && g_file_equal (file, self->file))
    data->expected_etag = g_strdup (self->etag);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  set_busy (self, TRUE);
  inner = g_task_new (self, cancellable, save_done, g_object_ref (task));
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
us_document_save_finish (UsDocument    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == us_document_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Drafts */

const char *
us_document_get_draft_id (UsDocument *self)
{
  g_return_val_if_fail (US_IS_DOCUMENT (self), NULL);
  return self->draft_id;
}

gboolean
us_document_write_draft_now (UsDocument  *self,
                             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (US_IS_DOCUMENT (self), FALSE);

  if (!us_document_get_modified (self))
    return TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  bytes = take_snapshot (self, error);
  if (bytes == NULL)
    return FALSE;
  title = us_document_dup_title (self);
  return us_drafts_write (self->draft_id, self->file, self->etag, title, bytes, error);
}

void
us_document_flush_draft (UsDocument *self)
{
  g_return_if_fail (US_IS_DOCUMENT (self));

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  start_draft (self);
}

void
us_document_discard_draft (UsDocument *self)
{
  g_return_if_fail (US_IS_DOCUMENT (self));
  forget_draft (self);
}

void
us_document_set_draft_delay (UsDocument *self,
                             guint       delay_ms)
{
  g_return_if_fail (US_IS_DOCUMENT (self));
  self->draft_delay_ms = delay_ms;
}
