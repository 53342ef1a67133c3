/* us-refresh-result.c: what a refresh found, and merging it in one step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-fetcher-private.h"

struct _UsRefreshResult
{
  GObject     parent_instance;
  GPtrArray  *outcomes;     /* UsSourceOutcome*, campaign order */
  GPtrArray  *source_ids;   /* borrowed from the outcomes */
  GHashTable *by_id;        /* id -> UsSourceOutcome* */
  gboolean    applied;
};

G_DEFINE_FINAL_TYPE (UsRefreshResult, us_refresh_result, G_TYPE_OBJECT)

UsSourceOutcome *
_us_source_outcome_new (const char   *source_id,
                        UsSourceKind  kind)
{
  UsSourceOutcome *outcome = g_new0 (UsSourceOutcome, 1);

  outcome->source_id = g_strdup (source_id);
  outcome->kind = kind;
  outcome->status = US_FETCH_STATUS_ERROR;
  outcome->summary = g_strdup ("error: not fetched");
  return outcome;
}

void
_us_source_outcome_free (UsSourceOutcome *outcome)
{
  g_free (outcome->source_id);
  g_free (outcome->summary);
  g_clear_error (&outcome->error);
  g_free (outcome->etag);
  g_free (outcome->last_modified);
  g_free (outcome->new_url);
  g_clear_pointer (&outcome->candidates, g_ptr_array_unref);
  g_clear_object (&outcome->candidates_model);
  g_clear_pointer (&outcome->plan, us_import_plan_free);
  g_clear_object (&outcome->letter);
  g_free (outcome);
}

void
_us_source_outcome_fail (UsSourceOutcome *outcome,
                         GError          *error)
{
  outcome->status = US_FETCH_STATUS_ERROR;
  outcome->store_validators = FALSE;
  outcome->n_new = 0;
  g_clear_error (&outcome->error);
  outcome->error = error;
  g_free (outcome->summary);
  outcome->summary = g_strdup_printf ("error: %s", error->message);
  g_clear_pointer (&outcome->candidates, g_ptr_array_unref);
  g_clear_pointer (&outcome->plan, us_import_plan_free);
  g_clear_object (&outcome->letter);
  g_clear_pointer (&outcome->etag, g_free);
  g_clear_pointer (&outcome->last_modified, g_free);
  g_clear_pointer (&outcome->new_url, g_free);
}

char *
_us_inbox_key (const char *source_id,
               const char *entry_id)
{
  return g_strconcat (source_id ? source_id : "", "\x1f", entry_id ? entry_id : "", NULL);
}

GHashTable *
_us_inbox_keys (UsCampaign *campaign)
{
  GListModel *inbox = us_campaign_get_inbox (campaign);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (inbox);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UsCandidate) c = g_list_model_get_item (inbox, i);

      g_hash_table_add (keys, _us_inbox_key (us_candidate_get_source_id (c),
                                             us_candidate_get_entry_id (c)));
    }
  return keys;
}

static void
us_refresh_result_finalize (GObject *object)
{
  UsRefreshResult *self = (UsRefreshResult *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->source_ids, g_ptr_array_unref);
  g_clear_pointer (&self->outcomes, g_ptr_array_unref);
  G_OBJECT_CLASS (us_refresh_result_parent_class)->finalize (object);
}

static void
us_refresh_result_class_init (UsRefreshResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = us_refresh_result_finalize;
}

static void
us_refresh_result_init (UsRefreshResult *self)
{
  self->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) _us_source_outcome_free);
  self->source_ids = g_ptr_array_new ();
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

UsRefreshResult *
_us_refresh_result_new (void)
{
  return g_object_new (US_TYPE_REFRESH_RESULT, NULL);
}

void
_us_refresh_result_add (UsRefreshResult *self,
                        UsSourceOutcome *outcome)
{
  g_ptr_array_add (self->outcomes, outcome);
  g_ptr_array_add (self->source_ids, outcome->source_id);
  g_hash_table_insert (self->by_id, outcome->source_id, outcome);
}

static UsSourceOutcome *
lookup (UsRefreshResult *self,
        const char      *source_id)
{
  return source_id ? g_hash_table_lookup (self->by_id, source_id) : NULL;
}

GPtrArray *
us_refresh_result_get_source_ids (UsRefreshResult *self)
{
  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  return self->source_ids;
}

const char *
us_refresh_result_get_summary (UsRefreshResult *self,
                               const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  outcome = lookup (self, source_id);
  return outcome ? outcome->summary : NULL;
}

UsFetchStatus
us_refresh_result_get_status (UsRefreshResult *self,
                              const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), US_FETCH_STATUS_ERROR);
  outcome = lookup (self, source_id);
  return outcome ? outcome->status : US_FETCH_STATUS_ERROR;
}

const GError *
us_refresh_result_get_error (UsRefreshResult *self,
                             const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  outcome = lookup (self, source_id);
  return outcome ? outcome->error : NULL;
}

guint
us_refresh_result_get_n_new (UsRefreshResult *self,
                             const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), 0);
  outcome = lookup (self, source_id);
  return outcome ? outcome->n_new : 0;
}

const char *
us_refresh_result_get_new_url (UsRefreshResult *self,
                               const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  outcome = lookup (self, source_id);
  return outcome ? outcome->new_url : NULL;
}

GListModel *
us_refresh_result_get_candidates (UsRefreshResult *self,
                                  const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  outcome = lookup (self, source_id);
  if (outcome == NULL || outcome->candidates == NULL)
    return NULL;
  if (outcome->candidates_model == NULL)
    {
      GListStore *store = g_list_store_new (US_TYPE_CANDIDATE);

      g_list_store_splice (store, 0, 0, outcome->candidates->pdata, outcome->candidates->len);
      outcome->candidates_model = G_LIST_MODEL (store);
    }
  return outcome->candidates_model;
}

UsLetter *
us_refresh_result_get_letter_update (UsRefreshResult *self,
                                     const char      *source_id)
{
  UsSourceOutcome *outcome;

  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), NULL);
  outcome = lookup (self, source_id);
  return outcome ? outcome->letter : NULL;
}

gboolean
us_refresh_result_has_errors (UsRefreshResult *self)
{
  g_return_val_if_fail (US_IS_REFRESH_RESULT (self), FALSE);
  for (guint i = 0; i < self->outcomes->len; i++)
    if (((UsSourceOutcome *) g_ptr_array_index (self->outcomes, i))->status == US_FETCH_STATUS_ERROR)
      return TRUE;
  return FALSE;
}

/* Applying, as one undo entry */

typedef struct
{
  char   *url;
  char   *etag;
  char   *last_modified;
  char   *last_result;
  gint64  last_fetched;
} SourceState;

typedef struct
{
  UsSource    *source;
  SourceState  before;
  SourceState  after;
} SourceChange;

typedef struct
{
  UsCampaign  *campaign;
  GPtrArray   *changes;      /* SourceChange* */
  GPtrArray   *candidates;   /* UsCandidate* added to the inbox */
  UsUndoStack *imports;      /* the import entries, undone and redone as one */
} RefreshEdit;

static void
source_state_clear (SourceState *state)
{
  g_free (state->url);
  g_free (state->etag);
  g_free (state->last_modified);
  g_free (state->last_result);
}

static void
source_state_read (SourceState *state,
                   UsSource    *source)
{
  state->url = g_strdup (us_source_get_url (source));
  state->etag = g_strdup (us_source_get_etag (source));
  state->last_modified = g_strdup (us_source_get_last_modified (source));
  state->last_result = g_strdup (us_source_get_last_result (source));
  state->last_fetched = us_source_get_last_fetched (source);
}

static void
source_state_write (const SourceState *state,
                    UsSource          *source)
{
  us_source_set_url (source, state->url);
  us_source_set_etag (source, state->etag);
  us_source_set_last_modified (source, state->last_modified);
  us_source_set_last_result (source, state->last_result);
  us_source_set_last_fetched (source, state->last_fetched);
}

static void
source_change_free (SourceChange *change)
{
  g_object_unref (change->source);
  source_state_clear (&change->before);
  source_state_clear (&change->after);
  g_free (change);
}

static void
refresh_edit_free (RefreshEdit *edit)
{
  g_object_unref (edit->campaign);
  g_ptr_array_unref (edit->changes);
  g_ptr_array_unref (edit->candidates);
  g_clear_object (&edit->imports);
  g_free (edit);
}

static void
refresh_edit_undo (RefreshEdit *edit)
{
  while (edit->imports != NULL && us_undo_stack_undo (edit->imports))
    ;
  for (guint i = edit->candidates->len; i > 0; i--)
    us_campaign_remove_candidate (edit->campaign, g_ptr_array_index (edit->candidates, i - 1));
  for (guint i = edit->changes->len; i > 0; i--)
    {
      SourceChange *change = g_ptr_array_index (edit->changes, i - 1);

      source_state_write (&change->before, change->source);
    }
}

static void
refresh_edit_redo (RefreshEdit *edit)
{
  for (guint i = 0; i < edit->changes->len; i++)
    {
      SourceChange *change = g_ptr_array_index (edit->changes, i);

      source_state_write (&change->after, change->source);
    }
  for (guint i = 0; i < edit->candidates->len; i++)
    us_campaign_add_candidate (edit->campaign, g_ptr_array_index (edit->candidates, i));
  while (edit->imports != NULL && us_undo_stack_redo (edit->imports))
    ;
}

void
us_refresh_result_apply (UsRefreshResult *self,
                         UsCampaign      *campaign,
                         UsUndoStack     *undo)
{
  g_autoptr(GHashTable) keys = NULL;
  RefreshEdit *edit;

  g_return_if_fail (US_IS_REFRESH_RESULT (self));
  g_return_if_fail (US_IS_CAMPAIGN (campaign));
  g_return_if_fail (undo == NULL || US_IS_UNDO_STACK (undo));

  if (self->applied)
    return;
  self->applied = TRUE;

  /* Checked again here, not only when fetched: the inbox may have changed
   * since, and an entry once seen, in any state, never comes back.
   */
  keys = _us_inbox_keys (campaign);
  edit = g_new0 (RefreshEdit, 1);
  edit->campaign = g_object_ref (campaign);
  edit->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) source_change_free);
  edit->candidates = g_ptr_array_new_with_free_func (g_object_unref);
  if (undo != NULL)
    edit->imports = us_undo_stack_new ();

  for (guint i = 0; i < self->outcomes->len; i++)
    {
      UsSourceOutcome *outcome = g_ptr_array_index (self->outcomes, i);
      UsSource *source = us_campaign_find_source (campaign, outcome->source_id);
      SourceChange *change;

      /* Removed while we were fetching: nothing to merge into. */
      if (source == NULL)
        continue;

      change = g_new0 (SourceChange, 1);
      change->source = g_object_ref (source);
      source_state_read (&change->before, source);
      source_state_read (&change->after, source);
      g_free (change->after.last_result);
      change->after.last_result = g_strdup (outcome->summary);
      change->after.last_fetched = outcome->fetched_at;
      if (outcome->store_validators)
        {
          g_free (change->after.etag);
          change->after.etag = g_strdup (outcome->etag);
          g_free (change->after.last_modified);
          change->after.last_modified = g_strdup (outcome->last_modified);
        }
      if (outcome->new_url != NULL)
        {
          g_free (change->after.url);
          change->after.url = g_strdup (outcome->new_url);
        }
      source_state_write (&change->after, source);
      g_ptr_array_add (edit->changes, change);

      for (guint j = 0; outcome->candidates != NULL && j < outcome->candidates->len; j++)
        {
          UsCandidate *c = g_ptr_array_index (outcome->candidates, j);
          char *key = _us_inbox_key (outcome->source_id, us_candidate_get_entry_id (c));

          if (!g_hash_table_add (keys, key))
            continue;
          us_campaign_add_candidate (campaign, c);
          g_ptr_array_add (edit->candidates, g_object_ref (c));
        }

      if (outcome->plan != NULL && us_import_plan_get_n_added (outcome->plan) > 0)
        us_import_apply (campaign, outcome->plan, edit->imports);
    }

  if (undo != NULL && edit->changes->len > 0)
    us_undo_stack_push (undo, _("Refresh sources"),
                        (UsUndoFunc) refresh_edit_undo,
                        (UsUndoFunc) refresh_edit_redo,
                        edit, (GDestroyNotify) refresh_edit_free);
  else
    refresh_edit_free (edit);
}

/* Paragraph diff */

typedef struct
{
  char   op;      /* ' ', '-', '+' */
  guint  a;       /* index in the old paragraphs (' ' and '-') */
  guint  b;       /* index in the new paragraphs (' ' and '+') */
} DiffOp;

/* Above this many cells the table would cost more than the diff is worth:
 * show the whole body as replaced.
 */
#define MAX_LCS_CELLS (4 * 1024 * 1024)

static GArray *
diff_paragraphs (char **a,
                 guint  n,
                 char **b,
                 guint  m)
{
  GArray *ops = g_array_new (FALSE, FALSE, sizeof (DiffOp));
  g_autofree guint *lcs = NULL;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) <= MAX_LCS_CELLS)
    {
      /* lcs[i][j]: the longest common run of a[i..] and b[j..]. */
      lcs = g_new0 (guint, (gsize) (n + 1) * (m + 1));
      for (guint x = n; x-- > 0;)
        for (guint y = m; y-- > 0;)
          lcs[x * (m + 1) + y] = strcmp (a[x], b[y]) == 0
                                 ? lcs[(x + 1) * (m + 1) + y + 1] + 1
                                 : MAX (lcs[(x + 1) * (m + 1) + y], lcs[x * (m + 1) + y + 1]);
    }

  while (i < n || j < m)
    {
      DiffOp op = { 0 };

      if (lcs != NULL && i < n && j < m && strcmp (a[i], b[j]) == 0)
        op = (DiffOp) { ' ', i++, j++ };
      else if (i < n && (j == m || lcs == NULL ||
                         lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]))
        op = (DiffOp) { '-', i++, j };
      else
        op = (DiffOp) { '+', i, j++ };
      g_array_append_val (ops, op);
    }
  return ops;
}

static void
append_paragraph (GString    *out,
                  char        op,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (out, "%c%s\n", op, lines[i]);
}

static void
append_field (GString    *out,
              const char *name,
              const char *old_value,
              const char *new_value)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return;
  g_string_append_printf (out, "@@ %s @@\n", name);
  if (old_value != NULL)
    append_paragraph (out, '-', old_value);
  if (new_value != NULL)
    append_paragraph (out, '+', new_value);
}

char *
us_letter_diff_text (UsEdition *old_edition,
                     UsEdition *new_edition)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  g_autoptr(GArray) ops = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *header = NULL;
  const guint context = 1;
  const char *language;
  guint n, m, k;

  g_return_val_if_fail (old_edition == NULL || US_IS_EDITION (old_edition), NULL);
  g_return_val_if_fail (new_edition == NULL || US_IS_EDITION (new_edition), NULL);

  a = old_edition ? us_edition_dup_paragraphs (old_edition) : g_new0 (char *, 1);
  b = new_edition ? us_edition_dup_paragraphs (new_edition) : g_new0 (char *, 1);
  n = g_strv_length (a);
  m = g_strv_length (b);

  append_field (out, "title",
                old_edition ? us_edition_get_title (old_edition) : NULL,
                new_edition ? us_edition_get_title (new_edition) : NULL);
  append_field (out, "addressee",
                old_edition ? us_edition_get_addressee (old_edition) : NULL,
                new_edition ? us_edition_get_addressee (new_edition) : NULL);

  ops = diff_paragraphs (a, n, b, m);
  k = 0;
  while (k < ops->len)
    {
      guint start, end, last_change;
      guint a_start, b_start, a_count = 0, b_count = 0;

      while (k < ops->len && g_array_index (ops, DiffOp, k).op == ' ')
        k++;
      if (k == ops->len)
        break;

      /* A hunk: the changes, joined while at most 2 * context paragraphs
       * of common text lie between them, with context around.
       */
      start = k > context ? k - context : 0;
      last_change = k;
      end = k;
      while (end < ops->len)
        {
          if (g_array_index (ops, DiffOp, end).op != ' ')
            last_change = end;
          else if (end - last_change > 2 * context)
            break;
          end++;
        }
      end = MIN (last_change + context + 1, ops->len);

      a_start = g_array_index (ops, DiffOp, start).a;
      b_start = g_array_index (ops, DiffOp, start).b;
      for (guint x = start; x < end; x++)
        {
          char op = g_array_index (ops, DiffOp, x).op;

          a_count += op != '+';
          b_count += op != '-';
        }
      g_string_append_printf (out, "@@ -%u,%u +%u,%u @@\n",
                              a_count ? a_start + 1 : a_start, a_count,
                              b_count ? b_start + 1 : b_start, b_count);
      for (guint x = start; x < end; x++)
        {
          DiffOp *op = &g_array_index (ops, DiffOp, x);

          append_paragraph (out, op->op, op->op == '+' ? b[op->b] : a[op->a]);
        }
      k = end;
    }

  if (out->len == 0)
    return g_strdup ("");

  language = old_edition ? us_edition_get_language (old_edition)
                         : us_edition_get_language (new_edition);
  header = g_strdup_printf ("--- ours (%s)\n+++ theirs (%s)\n",
                            language ? language : "", language ? language : "");
  g_string_prepend (out, header);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
