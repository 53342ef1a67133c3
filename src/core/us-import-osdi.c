/* us-import-osdi.c: signatures from OSDI services such as Action Network
 *
 * An OSDI signature collection is HAL JSON: a page holds its signatures
 * under _embedded/osdi:signatures, each with the signer under
 * _embedded/osdi:person, and links to the next page under _links/next.
 * A file import takes one page or an array of pages; the fetcher follows
 * us_import_osdi_next_page() itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* The columns of a rejects file for OSDI input. */
enum {
  COL_GIVEN_NAME,
  COL_FAMILY_NAME,
  COL_EMAIL,
  COL_COUNTRY,
  COL_EMPLOYER,
  COL_WORK_TITLE,
  COL_DATE,
  COL_COMMENTS,
  N_COLS
};

static const char * const column_names[N_COLS] = {
  "given_name", "family_name", "email", "country", "employer", "work_title",
  "action_date", "comments",
};

static const UsImportField column_fields[N_COLS] = {
  US_FIELD_FIRST_NAME, US_FIELD_LAST_NAME, US_FIELD_EMAIL, US_FIELD_COUNTRY,
  US_FIELD_ORGANISATION, US_FIELD_TITLE, US_FIELD_SIGNED_AT, US_FIELD_NOTE,
};

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A string member; numbers and nulls count as absent. */
static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_true (JsonObject *object,
          const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* The primary entry of an OSDI list of addresses, else the first. */
static JsonObject *
primary_entry (JsonObject *person,
               const char *member)
{
  JsonArray *array = get_array (person, member);
  JsonObject *first = NULL;
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      if (get_true (entry, "primary"))
        return entry;
      if (first == NULL)
        first = entry;
    }
  return first;
}

/* Standard members first; services put the rest in custom_fields. */
static const char *
person_field (JsonObject         *person,
              const char * const *names)
{
  JsonObject *custom = get_object (person, "custom_fields");

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = get_string (person, names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = get_string (custom, names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

static void
read_signature (UsImportPlan *plan,
                JsonNode     *node,
                guint         index)
{
  static const char * const employer[] = { "employer", "organisation", "organization", "company", NULL };
  static const char * const work_title[] = { "work_title", "job_title", "title", NULL };
  JsonObject *signature = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonObject *person = get_object (get_object (signature, "_embedded"), "osdi:person");
  const char *raw[N_COLS + 1] = { NULL };
  UsImportRow row = { { NULL }, 0, NULL, 0 };

  raw[COL_GIVEN_NAME] = get_string (person, "given_name");
  raw[COL_FAMILY_NAME] = get_string (person, "family_name");
  raw[COL_EMAIL] = get_string (primary_entry (person, "email_addresses"), "address");
  raw[COL_COUNTRY] = get_string (primary_entry (person, "postal_addresses"), "country");
  raw[COL_EMPLOYER] = person_field (person, employer);
  raw[COL_WORK_TITLE] = person_field (person, work_title);
  raw[COL_DATE] = get_string (signature, "action_date");
  if (raw[COL_DATE] == NULL || *raw[COL_DATE] == '\0')
    raw[COL_DATE] = get_string (signature, "created_date");
  raw[COL_COMMENTS] = get_string (signature, "comments");

  for (guint i = 0; i < N_COLS; i++)
    {
      if (raw[i] == NULL)
        raw[i] = "";
      row.values[column_fields[i]] = raw[i];
    }
  row.line = index;
  row.raw = raw;
  row.n_raw = N_COLS;
  _us_import_plan_add_row (plan, &row);
}

static JsonArray *
page_signatures (JsonNode *page)
{
  if (!JSON_NODE_HOLDS_OBJECT (page))
    return NULL;
  return get_array (get_object (json_node_get_object (page), "_embedded"), "osdi:signatures");
}

gboolean
_us_import_osdi_read (UsImportPlan  *plan,
                      GBytes        *data,
                      const char    *filename,
                      gboolean       peek,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GStrv columns;
  JsonNode *root;
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  guint index = 0;

  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, len -= 3;
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
                   _("%s is not valid JSON (%s): export the signatures again, "
                     "or import a CSV file instead"), filename, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (pages, json_array_get_element (array, i));
    }
  else if (root != NULL)
    g_ptr_array_add (pages, root);

  for (guint i = 0; i < pages->len; i++)
    if (page_signatures (g_ptr_array_index (pages, i)) == NULL)
      {
        g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
                     _("%s is JSON but not an OSDI signature collection: page %u has no "
                       "_embedded “osdi:signatures” list.  Export the petition’s signatures "
                       "(not its people or its petition record)"), filename, i + 1);
        return FALSE;
      }
  if (pages->len == 0)
    {
      g_set_error (error, US_IMPORT_ERROR, US_IMPORT_ERROR_FORMAT,
                   _("%s holds no OSDI pages: expected an object with _embedded "
                     "“osdi:signatures”, or an array of such pages"), filename);
      return FALSE;
    }

  columns = g_new0 (char *, N_COLS + 1);
  for (guint i = 0; i < N_COLS; i++)
    columns[i] = g_strdup (column_names[i]);
  _us_import_plan_set_columns (plan, columns, column_fields);

  if (peek)
    return TRUE;

  for (guint p = 0; p < pages->len; p++)
    {
      JsonArray *signatures = page_signatures (g_ptr_array_index (pages, p));

      for (guint i = 0; i < json_array_get_length (signatures); i++)
        {
          read_signature (plan, json_array_get_element (signatures, i), ++index);
          if (index % 4096 == 0 && !_us_import_plan_check_cancel (plan, cancellable, error))
            return FALSE;
        }
    }
  return TRUE;
}

char *
us_import_osdi_next_page (GBytes *data)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *page;
  const char *href;
  gsize len;
  const char *text;

  g_return_val_if_fail (data != NULL, NULL);

  text = g_bytes_get_data (data, &len);
  if (len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    text += 3, len -= 3;
  if (!json_parser_load_from_data (parser, text, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return NULL;
  page = root;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint n = json_array_get_length (array);

      if (n == 0)
        return NULL;
      page = json_array_get_element (array, n - 1);
    }
  if (!JSON_NODE_HOLDS_OBJECT (page))
    return NULL;
  href = get_string (get_object (get_object (json_node_get_object (page), "_links"), "next"),
                     "href");
  return href != NULL && *href != '\0' ? g_strdup (href) : NULL;
}
