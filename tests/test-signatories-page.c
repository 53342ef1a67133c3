/* test-signatories-page.c: the Signatories page, driven as a user would
 *
 * Runs under Xvfb (xvfb-run -a dbus-run-session).  Every wait iterates
 * the main context until a condition holds, with a bounded timeout; no
 * fixed sleeps.  With US_SCREENSHOT_DIR set it also writes PNGs of the
 * list and the statistics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "us-test-ui.h"
#include <locale.h>
#include <string.h>

#include "us-array-store.h"
#include "us-campaign.h"
#include "us-prominent-list.h"
#include "us-signatories-page.h"
#include "us-signatory-editor.h"
#include "us-stats.h"
#include "us-stats-view.h"
#include "us-undo.h"

#define N_ROWS 300
#define WAIT_MS 5000

static const char *given[] = { "Maria", "José", "Zoë", "Ivan", "Ольга", "Γιώργος", "Amara", "Søren", "さくら", "Mariana" };
static const char *family[] = { "García", "Müller", "O'Brien", "Nowak", "Петров", "Dubois", "Okafor" };
static const char *orgs[] = { "Brno University Hospital", "CyberPeace Institute", "Marine Conservation Trust", NULL };
static const char *countries[] = { "CZ", "CH", "FR", "DE", "MA", NULL };

typedef struct
{
  UsCampaign        *campaign;
  UsUndoStack       *undo;
  GtkWidget         *window;
  UsSignatoriesPage *page;
  GPtrArray         *toasts;
} Fixture;

#define WAIT_FOR(cond) US_TEST_WAIT_FOR (cond, WAIT_MS)

static UsCampaign *
build_campaign (guint n)
{
  UsCampaign *campaign = us_campaign_new ("Stop cyberattacks on hospitals");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", given[i % G_N_ELEMENTS (given)],
                                               family[(i / 3) % G_N_ELEMENTS (family)]);
      UsSignatory *signatory = us_signatory_new (name);

      us_signatory_set_organisation (signatory, orgs[i % G_N_ELEMENTS (orgs)]);
      us_signatory_set_country (signatory, countries[(i / 2) % G_N_ELEMENTS (countries)]);
      us_signatory_set_status (signatory, i % 4);
      us_signatory_set_consent (signatory, (i / 4) % 3);
      us_signatory_set_signed_at (signatory, 1590494400 + i * 3600 * 5);
      g_ptr_array_add (rows, signatory);
    }
  us_campaign_add_signatories (campaign, (UsSignatory **) rows->pdata, rows->len);
  us_campaign_set_modified (campaign, FALSE);
  return campaign;
}

static void
toast_cb (UsSignatoriesPage *page,
          AdwToast          *toast,
          Fixture           *fixture)
{
  g_ptr_array_add (fixture->toasts, g_object_ref (toast));
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                   US_TYPE_SIGNATORIES_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GListModel *
shown (Fixture *fixture)
{
  return us_signatories_page_get_shown (fixture->page);
}

static GListModel *
store (Fixture *fixture)
{
  return us_campaign_get_signatories (fixture->campaign);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->campaign = build_campaign (GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : N_ROWS);
  fixture->undo = us_undo_stack_new ();
  fixture->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->page = g_object_new (US_TYPE_SIGNATORIES_PAGE,
                                "campaign", fixture->campaign,
                                "undo-stack", fixture->undo,
                                NULL);
  g_signal_connect (fixture->page, "toast", G_CALLBACK (toast_cb), fixture);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 720);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_ptr_array_unref (fixture->toasts);
  g_clear_object (&fixture->undo);
  g_clear_object (&fixture->campaign);
}

static gboolean
label_is (GtkWidget  *label,
          const char *text)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0;
}

static UsSignatoryEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (US_IS_SIGNATORY_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return US_SIGNATORY_EDITOR (window);
    }
  return NULL;
}

static GtkEditable *
editor_row (UsSignatoryEditor *editor,
            const char        *name)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                      US_TYPE_SIGNATORY_EDITOR, name));
}

static guint
count_matching (Fixture    *fixture,
                const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (store (fixture)); i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), i);
      g_autofree char *org = g_utf8_casefold (us_signatory_get_organisation (s) ? us_signatory_get_organisation (s) : "", -1);
      g_autofree char *country = g_utf8_casefold (us_signatory_get_country (s) ? us_signatory_get_country (s) : "", -1);

      if (strstr (us_signatory_get_key (s), needle) || strstr (org, needle) || strstr (country, needle))
        n++;
    }
  return n;
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(UsStats) stats = us_stats_compute (fixture->campaign);
  g_autofree char *total = g_strdup_printf ("%u signatories", N_ROWS);
  g_autofree char *verified = g_strdup_printf ("%u verified", stats->by_status[US_STATUS_VERIFIED]);
  g_autofree char *listed = g_strdup_printf ("%u public", stats->public);
  GtkColumnView *view = GTK_COLUMN_VIEW (child (fixture, "column_view"));

  g_assert_cmpuint (stats->by_status[US_STATUS_VERIFIED], ==, N_ROWS / 4);
  WAIT_FOR (label_is (child (fixture, "total_label"), total));
  g_assert_true (label_is (child (fixture, "verified_label"), verified));
  g_assert_true (label_is (child (fixture, "public_label"), listed));
  g_assert_true (label_is (child (fixture, "shown_label"), ""));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, N_ROWS);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (child (fixture, "search_entry"));
  const char *queries[] = { "m", "ma", "mar", "mari", "maria", "mari", "ma", "MÜLLER", "zoe", "zoë", "cz", "" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *folded = g_utf8_casefold (queries[i], -1);
      guint expected = count_matching (fixture, folded);

      gtk_editable_set_text (entry, queries[i]);
      WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == expected);
    }
  /* "Zoë" folds to "zoë", not "zoe": no accent stripping in the key. */
  gtk_editable_set_text (entry, "ZOË");
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == count_matching (fixture, "zoë"));
  g_assert_cmpuint (count_matching (fixture, "zoë"), >, 0);
  WAIT_FOR (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (fixture, "shown_label"))), "Showing "));

  gtk_editable_set_text (entry, "no such person anywhere");
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "list_stack"))), ==, "no-results");
  gtk_editable_set_text (entry, "");
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == N_ROWS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "list_stack"))), ==, "view");
}

static const char *
consent_text (UsSignatory *signatory)
{
  const char *texts[] = { "By name", "Anonymous", "Not listed" };

  return texts[us_signatory_get_consent (signatory)];
}

/* The rows on screen show the shown signatories, in order, with their
 * selection: the list reuses its row widgets across searches.
 */
static gboolean
rows_show_shown (Fixture *fixture)
{
  GtkWidget *view = child (fixture, "column_view");
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  guint n = g_list_model_get_n_items (shown (fixture));
  GtkWidget *list = NULL;
  guint position = 0;

  for (GtkWidget *w = gtk_widget_get_first_child (view); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_VIEW (w))
      list = w;
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *name_cell = gtk_widget_get_first_child (gtk_widget_get_first_child (row));
      GtkWidget *listing_cell = gtk_widget_get_first_child (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (row)));
      g_autoptr(UsSignatory) s = NULL;
      gboolean selected = (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0;

      if (!gtk_widget_get_visible (row) || !GTK_IS_INSCRIPTION (name_cell))
        continue;
      if (position >= n)
        return FALSE;
      s = g_list_model_get_item (shown (fixture), position);
      if (g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (name_cell)), us_signatory_get_name (s)) != 0 ||
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (listing_cell)), consent_text (s)) != 0 ||
          selected != gtk_selection_model_is_selected (model, position))
        return FALSE;
      position++;
    }
  /* GTK 4.8 keeps some 200 rows; fewer when fewer are shown. */
  return n <= 100 ? position == n : position >= 100;
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkEditable *entry = GTK_EDITABLE (child (fixture, "search_entry"));
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  GtkDropDown *status = GTK_DROP_DOWN (child (fixture, "status_dropdown"));
  const char *queries[] = { "m", "ma", "mar", "maria", "ma", "zz", "o", "", "cz" };
  g_autoptr(UsSignatory) target = g_list_model_get_item (store (fixture), 7);

  WAIT_FOR (rows_show_shown (fixture));
  gtk_selection_model_select_item (model, 7, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      guint expected = count_matching (fixture, queries[i]);

      gtk_editable_set_text (entry, queries[i]);
      WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == expected && rows_show_shown (fixture));
    }
  /* The status filter applies at once, without the search's delay. */
  gtk_drop_down_set_selected (status, 1 + US_STATUS_REJECTED);
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), <, count_matching (fixture, "cz"));
  g_assert_true (rows_show_shown (fixture));
  gtk_editable_set_text (entry, "");
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == N_ROWS / 4 && rows_show_shown (fixture));
  gtk_drop_down_set_selected (status, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (fixture)), ==, N_ROWS);
  g_assert_true (rows_show_shown (fixture));

  /* An edit shows at once in the row that holds the signatory. */
  us_signatory_set_name (target, "Renamed In Place");
  WAIT_FOR (rows_show_shown (fixture));
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  GtkDropDown *status = GTK_DROP_DOWN (child (fixture, "status_dropdown"));
  GtkDropDown *consent = GTK_DROP_DOWN (child (fixture, "consent_dropdown"));
  g_autoptr(UsStats) stats = us_stats_compute (fixture->campaign);

  gtk_drop_down_set_selected (status, 1 + US_STATUS_VERIFIED);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == stats->by_status[US_STATUS_VERIFIED]);
  for (guint i = 0; i < g_list_model_get_n_items (shown (fixture)); i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (shown (fixture), i);

      g_assert_cmpint (us_signatory_get_status (s), ==, US_STATUS_VERIFIED);
    }
  gtk_drop_down_set_selected (consent, 1 + US_CONSENT_NAMED);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == stats->public);
  gtk_drop_down_set_selected (status, 0);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == stats->by_consent[US_CONSENT_NAMED]);
  gtk_drop_down_set_selected (consent, 0);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == N_ROWS);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (child (fixture, "column_view"));
  UsSignatoryEditor *editor;
  UsSignatory *added;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.add", NULL);
  WAIT_FOR ((editor = find_editor ()) != NULL);
  g_assert_null (us_signatory_editor_get_signatory (editor));
  g_assert_false (us_signatory_editor_is_valid (editor));   /* no name yet */

  gtk_editable_set_text (editor_row (editor, "name_row"), "Ada Lovelace");
  gtk_editable_set_text (editor_row (editor, "organisation_row"), "Analytical Engines");
  gtk_editable_set_text (editor_row (editor, "country_row"), "zz");
  /* Upper-cased as typed; "ZZ" is no country: inline error, no saving. */
  g_assert_cmpstr (gtk_editable_get_text (editor_row (editor, "country_row")), ==, "ZZ");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_row (editor, "country_row")), "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), US_TYPE_SIGNATORY_EDITOR, "error_label"))));
  g_assert_false (us_signatory_editor_is_valid (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS);
  us_test_save_png (GTK_WIDGET (editor), "signatory-editor.png", WAIT_MS);

  gtk_editable_set_text (editor_row (editor, "country_row"), "gb");
  gtk_editable_set_text (editor_row (editor, "email_row"), "ada@example");
  g_assert_false (us_signatory_editor_is_valid (editor));
  gtk_editable_set_text (editor_row (editor, "email_row"), "ada@example.org");
  g_assert_true (us_signatory_editor_is_valid (editor));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (editor_row (editor, "country_row")), "error"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  WAIT_FOR (find_editor () == NULL);

  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS + 1);
  added = g_list_model_get_item (store (fixture), N_ROWS);
  g_object_unref (added);
  g_assert_cmpstr (us_signatory_get_name (added), ==, "Ada Lovelace");
  g_assert_cmpstr (us_signatory_get_country (added), ==, "GB");
  g_assert_cmpstr (us_signatory_get_email (added), ==, "ada@example.org");
  g_assert_cmpint (us_signatory_get_signed_at (added), >, 0);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) == N_ROWS + 1);
  WAIT_FOR (label_is (child (fixture, "total_label"), "301 signatories"));
  /* The new row is selected, so Edit applies to it. */
  g_assert_true (gtk_selection_model_is_selected (gtk_column_view_get_model (view), N_ROWS));

  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS);
  WAIT_FOR (label_is (child (fixture, "total_label"), "300 signatories"));
  g_assert_true (us_undo_stack_redo (fixture->undo));
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS + 1);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  g_autoptr(UsSignatory) target = g_list_model_get_item (store (fixture), 5);
  g_autofree char *old_name = g_strdup (us_signatory_get_name (target));
  UsStatus old_status = us_signatory_get_status (target);
  UsSignatoryEditor *editor;

  g_assert_cmpint (old_status, !=, US_STATUS_WITHDRAWN);
  gtk_selection_model_select_item (model, 5, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.edit", NULL);
  WAIT_FOR ((editor = find_editor ()) != NULL);
  g_assert_true (us_signatory_editor_get_signatory (editor) == target);
  g_assert_cmpstr (gtk_editable_get_text (editor_row (editor, "name_row")), ==, old_name);

  gtk_editable_set_text (editor_row (editor, "name_row"), "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (editor_row (editor, "name_row")), "error"));
  gtk_editable_set_text (editor_row (editor, "name_row"), "Renamed Person");
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), US_TYPE_SIGNATORY_EDITOR, "status_row")),
                              US_STATUS_WITHDRAWN);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  WAIT_FOR (find_editor () == NULL);

  g_assert_cmpstr (us_signatory_get_name (target), ==, "Renamed Person");
  g_assert_cmpstr (us_signatory_get_key (target), ==, "renamed person");
  g_assert_cmpint (us_signatory_get_status (target), ==, US_STATUS_WITHDRAWN);
  g_assert_cmpstr (us_undo_stack_get_undo_label (fixture->undo), ==, "Edit Signatory");

  /* The search sees the new name at once. */
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, "search_entry")), "renamed");
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == 1);

  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_cmpstr (us_signatory_get_name (target), ==, old_name);
  g_assert_cmpint (us_signatory_get_status (target), ==, old_status);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == 0);
  g_assert_false (us_undo_stack_can_undo (fixture->undo));
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  g_autoptr(UsSignatory) victim = g_list_model_get_item (store (fixture), 42);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  guint position;

  for (guint i = 0; i < N_ROWS; i++)
    g_ptr_array_add (before, g_list_model_get_item (store (fixture), i));

  /* One row, by the Delete key's action, undone from its toast. */
  gtk_selection_model_select_item (model, 42, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS - 1);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (model)) == N_ROWS - 1);
  g_assert_false (us_array_store_find (US_ARRAY_STORE (store (fixture)), victim, &position));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (adw_toast_get_button_label (fixture->toasts->pdata[0]), ==, "Undo");
  WAIT_FOR (label_is (child (fixture, "total_label"), "299 signatories"));

  g_signal_emit_by_name (fixture->toasts->pdata[0], "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS);
  g_assert_true (us_array_store_find (US_ARRAY_STORE (store (fixture)), victim, &position));
  g_assert_cmpuint (position, ==, 42);
  /* A second click must not undo something else. */
  g_signal_emit_by_name (fixture->toasts->pdata[0], "button-clicked");
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS);

  /* Scattered rows: one step, and undo restores every position. */
  gtk_selection_model_unselect_all (model);
  for (guint i = 3; i < N_ROWS; i += 7)
    gtk_selection_model_select_item (model, i, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS - (N_ROWS - 3 + 6) / 7);
  g_assert_cmpuint (fixture->toasts->len, ==, 2);
  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), i);

      g_assert_true (s == before->pdata[i]);
    }
  g_assert_true (us_undo_stack_redo (fixture->undo));
  g_assert_cmpuint (g_list_model_get_n_items (store (fixture)), ==, N_ROWS - (N_ROWS - 3 + 6) / 7);
}

static void
test_bulk_status (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  GtkDropDown *status = GTK_DROP_DOWN (child (fixture, "status_dropdown"));
  g_autoptr(UsStats) stats = us_stats_compute (fixture->campaign);
  g_autofree UsStatus *old = g_new (UsStatus, N_ROWS);
  g_autofree char *verified = NULL;

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), i);

      old[i] = us_signatory_get_status (s);
    }

  /* Show the pending only; verifying them empties the list. */
  gtk_drop_down_set_selected (status, 1 + US_STATUS_PENDING);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == stats->by_status[US_STATUS_PENDING]);
  gtk_selection_model_select_all (model);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.mark-verified", NULL);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == 0);
  verified = g_strdup_printf ("%u verified", stats->by_status[US_STATUS_VERIFIED] + stats->by_status[US_STATUS_PENDING]);
  WAIT_FOR (label_is (child (fixture, "verified_label"), verified));
  g_assert_cmpuint (fixture->toasts->len, ==, 1);

  /* One step undoes all of them. */
  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_false (us_undo_stack_can_undo (fixture->undo));
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), i);

      g_assert_cmpint (us_signatory_get_status (s), ==, old[i]);
    }
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == stats->by_status[US_STATUS_PENDING]);

  /* Consent, on the whole list. */
  gtk_drop_down_set_selected (status, 0);
  WAIT_FOR (g_list_model_get_n_items (shown (fixture)) == N_ROWS);
  gtk_selection_model_select_range (model, 0, 10, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.set-consent", "s", "none");
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), i);

      g_assert_cmpint (us_signatory_get_consent (s), ==, US_CONSENT_NONE);
    }
}

static guint
prominent_of (Fixture *fixture,
              guint    position)
{
  g_autoptr(UsSignatory) s = g_list_model_get_item (store (fixture), position);

  return us_signatory_get_prominent (s);
}

static void
test_prominent (Fixture       *fixture,
                gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (child (fixture, "prominent_list"),
                                                                 US_TYPE_PROMINENT_LIST, "list_box"));

  gtk_selection_model_select_item (model, 10, TRUE);
  gtk_selection_model_select_item (model, 20, FALSE);
  gtk_selection_model_select_item (model, 30, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.toggle-prominent", NULL);
  g_assert_cmpuint (prominent_of (fixture, 10), ==, 1);
  g_assert_cmpuint (prominent_of (fixture, 20), ==, 2);
  g_assert_cmpuint (prominent_of (fixture, 30), ==, 3);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));

  /* Move the first down, from the side list. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.move-down", NULL);
  g_assert_cmpuint (prominent_of (fixture, 10), ==, 2);
  g_assert_cmpuint (prominent_of (fixture, 20), ==, 1);
  /* The moved one stays selected, so moving again continues. */
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (list)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.move-down", NULL);
  g_assert_cmpuint (prominent_of (fixture, 10), ==, 3);
  g_assert_cmpuint (prominent_of (fixture, 30), ==, 2);

  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_true (us_undo_stack_undo (fixture->undo));
  g_assert_cmpuint (prominent_of (fixture, 10), ==, 1);

  /* Unmarking the middle one closes the gap. */
  gtk_selection_model_select_item (model, 20, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.toggle-prominent", NULL);
  g_assert_cmpuint (prominent_of (fixture, 20), ==, 0);
  g_assert_cmpuint (prominent_of (fixture, 30), ==, 2);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
}

static gboolean
frame_drawn (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
test_statistics (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkSelectionModel *model = gtk_column_view_get_model (GTK_COLUMN_VIEW (child (fixture, "column_view")));
  UsStatsView *stats = US_STATS_VIEW (child (fixture, "stats_view"));

  gtk_selection_model_select_item (model, 1, TRUE);
  gtk_selection_model_select_item (model, 4, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.toggle-prominent", NULL);
  gtk_selection_model_select_item (model, 2, TRUE);
  WAIT_FOR (frame_drawn (GTK_WIDGET (fixture->page)));
  us_test_save_png (fixture->window, "signatories-list.png", WAIT_MS);

  gtk_stack_set_visible_child_name (GTK_STACK (child (fixture, "view_stack")), "statistics");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (stats)) && us_stats_view_get_total (stats) == N_ROWS);
  /* Follows the list: a deletion shows after the debounce. */
  gtk_stack_set_visible_child_name (GTK_STACK (child (fixture, "view_stack")), "list");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.delete", NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (child (fixture, "view_stack")), "statistics");
  WAIT_FOR (us_stats_view_get_total (stats) == N_ROWS - 1);
  WAIT_FOR (frame_drawn (GTK_WIDGET (stats)));
  us_test_save_png (fixture->window, "signatories-statistics.png", WAIT_MS);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(UsCampaign) empty = us_campaign_new ("Empty");

  us_signatories_page_set_campaign (fixture->page, empty);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "list_stack"))), ==, "empty");
  g_assert_true (label_is (child (fixture, "total_label"), "0 signatories"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "signatories.delete", NULL);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  us_test_save_png (fixture->window, "signatories-empty.png", WAIT_MS);
  us_signatories_page_set_campaign (fixture->page, NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/signatories-page/counts", test_counts);
  ADD ("/signatories-page/search", test_search);
  ADD ("/signatories-page/filters", test_filters);
  ADD ("/signatories-page/rows", test_rows);
  ADD ("/signatories-page/add", test_add);
  ADD ("/signatories-page/edit", test_edit);
  ADD ("/signatories-page/delete-undo", test_delete_undo);
  ADD ("/signatories-page/bulk-status", test_bulk_status);
  ADD ("/signatories-page/prominent", test_prominent);
  ADD ("/signatories-page/statistics", test_statistics);
  ADD ("/signatories-page/empty", test_empty);
#undef ADD

  return g_test_run ();
}
