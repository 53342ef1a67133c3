/* us-letter-update-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "us-letter-update-dialog.h"
#include "us-window.h"

struct _UsLetterUpdateDialog
{
  AdwWindow    parent_instance;

  UsCampaign  *campaign;
  UsUndoStack *undo;
  UsLetter    *update;

  GtkStack    *stack;
  GtkWidget   *switcher;
};

G_DEFINE_FINAL_TYPE (UsLetterUpdateDialog, us_letter_update_dialog, ADW_TYPE_WINDOW)

/* The paragraph diff: a longest common subsequence, which for letters of
 * tens of paragraphs is instant.
 */

typedef enum { SAME, REMOVED, ADDED, CHANGED } Mark;

static void
mark_paragraphs (char  **a,
                 guint   n,
                 char  **b,
                 guint   m,
                 Mark   *mark_a,
                 Mark   *mark_b)
{
  g_autofree guint *lcs = g_new0 (guint, (n + 1) * (m + 1));
  guint i, j;

#define L(i, j) lcs[(i) * (m + 1) + (j)]
  for (i = n; i-- > 0;)
    for (j = m; j-- > 0;)
      L (i, j) = strcmp (a[i], b[j]) == 0 ? L (i + 1, j + 1) + 1 : MAX (L (i + 1, j), L (i, j + 1));

  i = j = 0;
  while (i < n || j < m)
    {
      guint ri = i, rj = j;

      if (i < n && j < m && strcmp (a[i], b[j]) == 0)
        {
          mark_a[i++] = SAME;
          mark_b[j++] = SAME;
          continue;
        }
      /* A run of removals and additions between two common paragraphs. */
      while (i < n || j < m)
        {
          if (i < n && j < m && strcmp (a[i], b[j]) == 0)
            break;
          if (j >= m || (i < n && L (i + 1, j) >= L (i, j + 1)))
            mark_a[i++] = REMOVED;
          else
            mark_b[j++] = ADDED;
        }
      /* Paired removals and additions are changes of one paragraph. */
      for (guint k = 0; ri + k < i && rj + k < j; k++)
        mark_a[ri + k] = mark_b[rj + k] = CHANGED;
    }
#undef L
}

static GtkWidget *
text_column (const char  *heading,
             char       **paragraphs,
             Mark        *marks,
             guint        n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  const char *tags[] = { NULL, "removed", "added", "changed" };
  GtkTextIter end;

  gtk_text_buffer_create_tag (buffer, "removed", "paragraph-background", "rgba(224,27,36,0.18)",
                              "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "added", "paragraph-background", "rgba(46,194,126,0.22)", NULL);
  gtk_text_buffer_create_tag (buffer, "changed", "paragraph-background", "rgba(229,165,10,0.25)", NULL);
  for (guint i = 0; i < n; i++)
    {
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tags[marks[i]] != NULL)
        gtk_text_buffer_insert_with_tags_by_name (buffer, &end, paragraphs[i], -1, tags[marks[i]], NULL);
      else
        gtk_text_buffer_insert (buffer, &end, paragraphs[i], -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, i + 1 < n ? "\n\n" : "", -1);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  return box;
}

/* Title and addressee lead, so that their changes show like the text's. */
static char **
edition_lines (UsEdition *edition)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paragraphs = NULL;

  if (edition == NULL)
    return g_new0 (char *, 1);
  if (us_edition_get_title (edition) != NULL)
    g_strv_builder_add (builder, us_edition_get_title (edition));
  if (us_edition_get_addressee (edition) != NULL)
    g_strv_builder_add (builder, us_edition_get_addressee (edition));
  paragraphs = us_edition_dup_paragraphs (edition);
  g_strv_builder_addv (builder, (const char **) paragraphs);
  return g_strv_builder_end (builder);
}

static void
add_edition_page (UsLetterUpdateDialog *self,
                  UsEdition            *ours,
                  UsEdition            *theirs)
{
  g_auto(GStrv) a = edition_lines (ours);
  g_auto(GStrv) b = edition_lines (theirs);
  guint n = g_strv_length (a), m = g_strv_length (b);
  g_autofree Mark *mark_a = g_new0 (Mark, n + 1);
  g_autofree Mark *mark_b = g_new0 (Mark, m + 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *language = us_edition_get_language (theirs ? theirs : ours);

  mark_paragraphs (a, n, b, m, mark_a, mark_b);
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), text_column (_("In the campaign"), a, mark_a, n));
  gtk_box_append (GTK_BOX (box), text_column (_("Published"), b, mark_b, m));
  gtk_stack_add_titled (self->stack, box, language, language);
}

/* Accepting: every edition the update has takes its text; one undo step. */

typedef struct
{
  UsLetter  *letter;
  GPtrArray *targets;   /* UsEdition in the campaign's letter */
  GPtrArray *before;    /* copies, NULL for an edition the update adds */
  GPtrArray *after;     /* copies */
} LetterChange;

static void
letter_change_free (LetterChange *c)
{
  g_object_unref (c->letter);
  g_ptr_array_unref (c->targets);
  g_ptr_array_unref (c->before);
  g_ptr_array_unref (c->after);
  g_free (c);
}

static void
copy_text (UsEdition *to,
           UsEdition *from)
{
  us_edition_set_title (to, us_edition_get_title (from));
  us_edition_set_addressee (to, us_edition_get_addressee (from));
  us_edition_set_body (to, us_edition_get_body (from));
}

static void
letter_change_redo (LetterChange *c)
{
  for (guint i = 0; i < c->targets->len; i++)
    {
      UsEdition *target = g_ptr_array_index (c->targets, i);

      if (g_ptr_array_index (c->before, i) == NULL)
        us_letter_add_edition (c->letter, target);
      else
        copy_text (target, g_ptr_array_index (c->after, i));
    }
}

static void
letter_change_undo (LetterChange *c)
{
  for (guint i = 0; i < c->targets->len; i++)
    {
      UsEdition *target = g_ptr_array_index (c->targets, i);

      if (g_ptr_array_index (c->before, i) == NULL)
        us_letter_remove_edition (c->letter, target);
      else
        copy_text (target, g_ptr_array_index (c->before, i));
    }
}

void
us_letter_update_dialog_accept (UsLetterUpdateDialog *self)
{
  UsLetter *ours = us_campaign_get_letter (self->campaign);
  GListModel *editions = us_letter_get_editions (self->update);
  LetterChange *c = g_new0 (LetterChange, 1);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  g_return_if_fail (US_IS_LETTER_UPDATE_DIALOG (self));

  c->letter = g_object_ref (ours);
  c->targets = g_ptr_array_new_with_free_func (g_object_unref);
  c->before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_clear_object);
  c->after = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) theirs = g_list_model_get_item (editions, i);
      UsEdition *mine = us_letter_find_edition (ours, us_edition_get_language (theirs));

      g_ptr_array_add (c->targets, mine ? g_object_ref (mine) : us_edition_copy (theirs));
      g_ptr_array_add (c->before, mine ? us_edition_copy (mine) : NULL);
      g_ptr_array_add (c->after, us_edition_copy (theirs));
    }
  letter_change_redo (c);
  if (self->undo != NULL)
    us_undo_stack_push (self->undo, _("Accept Published Letter"),
                        (UsUndoFunc) letter_change_undo, (UsUndoFunc) letter_change_redo,
                        c, (GDestroyNotify) letter_change_free);
  else
    letter_change_free (c);

  if (US_IS_WINDOW (parent))
    {
      AdwToast *toast = adw_toast_new (_("The letter now has the published text"));

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      us_window_add_toast (US_WINDOW (parent), toast);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  us_letter_update_dialog_accept (US_LETTER_UPDATE_DIALOG (widget));
}

static void
us_letter_update_dialog_dispose (GObject *object)
{
  UsLetterUpdateDialog *self = US_LETTER_UPDATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), US_TYPE_LETTER_UPDATE_DIALOG);
  g_clear_object (&self->campaign);
  g_clear_object (&self->undo);
  g_clear_object (&self->update);
  G_OBJECT_CLASS (us_letter_update_dialog_parent_class)->dispose (object);
}

static void
us_letter_update_dialog_class_init (UsLetterUpdateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = us_letter_update_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/undersigned/Undersigned/us-letter-update-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UsLetterUpdateDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UsLetterUpdateDialog, switcher);
  gtk_widget_class_install_action (widget_class, "update.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
us_letter_update_dialog_init (UsLetterUpdateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
us_letter_update_dialog_new (GtkWindow   *parent,
                             UsCampaign  *campaign,
                             UsUndoStack *undo,
                             UsLetter    *update)
{
  UsLetterUpdateDialog *self;
  UsLetter *ours;
  GListModel *editions;

  g_return_val_if_fail (US_IS_CAMPAIGN (campaign), NULL);
  g_return_val_if_fail (US_IS_LETTER (update), NULL);

  self = g_object_new (US_TYPE_LETTER_UPDATE_DIALOG, "transient-for", parent, NULL);
  self->campaign = g_object_ref (campaign);
  self->undo = undo ? g_object_ref (undo) : NULL;
  self->update = g_object_ref (update);

  ours = us_campaign_get_letter (campaign);
  editions = us_letter_get_editions (update);
  for (guint i = 0; i < g_list_model_get_n_items (editions); i++)
    {
      g_autoptr(UsEdition) theirs = g_list_model_get_item (editions, i);

      add_edition_page (self, us_letter_find_edition (ours, us_edition_get_language (theirs)), theirs);
    }
  /* One edition needs no switcher. */
  gtk_widget_set_visible (self->switcher, g_list_model_get_n_items (editions) > 1);
  return GTK_WIDGET (self);
}
