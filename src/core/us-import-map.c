/* us-import-map.c: what columns and values in other people's files mean
 *
 * Form exports and spreadsheets name their columns in the volunteer's
 * language and write values the way people speak (“oui”, “Deutschland”,
 * “26/05/2020”), so every comparison here goes through one fold: lower
 * case, no accents, punctuation as spaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-import-private.h"
#include "us-util.h"

#include <string.h>

static const char * const field_names[US_N_FIELDS] = {
  [US_FIELD_IGNORE] = "ignore",
  [US_FIELD_NAME] = "name",
  [US_FIELD_FIRST_NAME] = "first_name",
  [US_FIELD_LAST_NAME] = "last_name",
  [US_FIELD_TITLE] = "title",
  [US_FIELD_ORGANISATION] = "organisation",
  [US_FIELD_COUNTRY] = "country",
  [US_FIELD_EMAIL] = "email",
  [US_FIELD_SIGNED_AT] = "signed_at",
  [US_FIELD_PUBLIC] = "public",
  [US_FIELD_STATUS] = "status",
  [US_FIELD_NOTE] = "note",
};

const char *
_us_import_field_to_string (UsImportField field)
{
  return field < US_N_FIELDS ? field_names[field] : NULL;
}

typedef struct
{
  const char    *alias;   /* folded */
  UsImportField  field;
} Alias;

/* Aliases a --map value may use besides the canonical names. */
static const Alias field_aliases[] = {
  { "consent", US_FIELD_PUBLIC },
  { "organization", US_FIELD_ORGANISATION },
  { "first", US_FIELD_FIRST_NAME },
  { "given name", US_FIELD_FIRST_NAME },
  { "last", US_FIELD_LAST_NAME },
  { "family name", US_FIELD_LAST_NAME },
  { "e mail", US_FIELD_EMAIL },
  { "date", US_FIELD_SIGNED_AT },
  { "notes", US_FIELD_NOTE },
  { "skip", US_FIELD_IGNORE },
  { "none", US_FIELD_IGNORE },
};

gboolean
_us_import_field_from_string (const char    *name,
                              UsImportField *out)
{
  g_autofree char *folded = _us_import_fold (name);

  if (folded == NULL)
    return FALSE;
  for (guint i = 0; i < US_N_FIELDS; i++)
    {
      g_autofree char *canonical = _us_import_fold (field_names[i]);

      if (strcmp (folded, canonical) == 0)
        {
          *out = i;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (field_aliases); i++)
    if (strcmp (folded, field_aliases[i].alias) == 0)
      {
        *out = field_aliases[i].field;
        return TRUE;
      }
  return FALSE;
}

/* Header names seen in real exports, folded.  A lone "nom" or "nombre"
 * is a last or first name only beside its partner column; the caller
 * turns a lone half into the whole name.
 */
static const Alias header_aliases[] = {
  /* name */
  { "name", US_FIELD_NAME }, { "full name", US_FIELD_NAME }, { "fullname", US_FIELD_NAME },
  { "your name", US_FIELD_NAME }, { "display name", US_FIELD_NAME },
  { "signatory", US_FIELD_NAME }, { "signer", US_FIELD_NAME },
  { "nom complet", US_FIELD_NAME }, { "nom et prenom", US_FIELD_NAME },
  { "prenom et nom", US_FIELD_NAME }, { "nom prenom", US_FIELD_NAME },
  { "signataire", US_FIELD_NAME }, { "vollstandiger name", US_FIELD_NAME },
  { "vor und nachname", US_FIELD_NAME }, { "nombre completo", US_FIELD_NAME },
  { "nombre y apellidos", US_FIELD_NAME }, { "firmante", US_FIELD_NAME },
  /* first name */
  { "first name", US_FIELD_FIRST_NAME }, { "firstname", US_FIELD_FIRST_NAME },
  { "first", US_FIELD_FIRST_NAME }, { "given name", US_FIELD_FIRST_NAME },
  { "given names", US_FIELD_FIRST_NAME }, { "forename", US_FIELD_FIRST_NAME },
  { "prenom", US_FIELD_FIRST_NAME }, { "vorname", US_FIELD_FIRST_NAME },
  { "nombre", US_FIELD_FIRST_NAME }, { "nome", US_FIELD_FIRST_NAME },
  /* last name */
  { "last name", US_FIELD_LAST_NAME }, { "lastname", US_FIELD_LAST_NAME },
  { "last", US_FIELD_LAST_NAME }, { "surname", US_FIELD_LAST_NAME },
  { "family name", US_FIELD_LAST_NAME }, { "nom", US_FIELD_LAST_NAME },
  { "nom de famille", US_FIELD_LAST_NAME }, { "nachname", US_FIELD_LAST_NAME },
  { "familienname", US_FIELD_LAST_NAME }, { "apellido", US_FIELD_LAST_NAME },
  { "apellidos", US_FIELD_LAST_NAME }, { "cognome", US_FIELD_LAST_NAME },
  /* e-mail */
  { "email", US_FIELD_EMAIL }, { "e mail", US_FIELD_EMAIL }, { "mail", US_FIELD_EMAIL },
  { "email address", US_FIELD_EMAIL }, { "e mail address", US_FIELD_EMAIL },
  { "emails", US_FIELD_EMAIL }, { "courriel", US_FIELD_EMAIL },
  { "adresse email", US_FIELD_EMAIL }, { "adresse e mail", US_FIELD_EMAIL },
  { "adresse electronique", US_FIELD_EMAIL }, { "e mail adresse", US_FIELD_EMAIL },
  { "email adresse", US_FIELD_EMAIL }, { "emailadresse", US_FIELD_EMAIL },
  { "correo", US_FIELD_EMAIL }, { "correo electronico", US_FIELD_EMAIL },
  /* country */
  { "country", US_FIELD_COUNTRY }, { "country code", US_FIELD_COUNTRY },
  { "countrycode", US_FIELD_COUNTRY }, { "nation", US_FIELD_COUNTRY },
  { "pays", US_FIELD_COUNTRY }, { "code pays", US_FIELD_COUNTRY },
  { "land", US_FIELD_COUNTRY }, { "landercode", US_FIELD_COUNTRY },
  { "pais", US_FIELD_COUNTRY }, { "codigo de pais", US_FIELD_COUNTRY },
  /* title */
  { "title", US_FIELD_TITLE }, { "job title", US_FIELD_TITLE }, { "position", US_FIELD_TITLE },
  { "role", US_FIELD_TITLE }, { "job", US_FIELD_TITLE }, { "occupation", US_FIELD_TITLE },
  { "work title", US_FIELD_TITLE }, { "fonction", US_FIELD_TITLE },
  { "poste", US_FIELD_TITLE }, { "titre", US_FIELD_TITLE }, { "titel", US_FIELD_TITLE },
  { "beruf", US_FIELD_TITLE }, { "cargo", US_FIELD_TITLE }, { "puesto", US_FIELD_TITLE },
  /* organisation */
  { "organisation", US_FIELD_ORGANISATION }, { "organization", US_FIELD_ORGANISATION },
  { "employer", US_FIELD_ORGANISATION }, { "company", US_FIELD_ORGANISATION },
  { "affiliation", US_FIELD_ORGANISATION }, { "institution", US_FIELD_ORGANISATION },
  { "organisme", US_FIELD_ORGANISATION }, { "entreprise", US_FIELD_ORGANISATION },
  { "employeur", US_FIELD_ORGANISATION }, { "arbeitgeber", US_FIELD_ORGANISATION },
  { "firma", US_FIELD_ORGANISATION }, { "empresa", US_FIELD_ORGANISATION },
  { "organizacion", US_FIELD_ORGANISATION },
  /* signed at */
  { "signed", US_FIELD_SIGNED_AT }, { "signed at", US_FIELD_SIGNED_AT },
  { "signed on", US_FIELD_SIGNED_AT }, { "date", US_FIELD_SIGNED_AT },
  { "date signed", US_FIELD_SIGNED_AT }, { "signature date", US_FIELD_SIGNED_AT },
  { "timestamp", US_FIELD_SIGNED_AT }, { "time", US_FIELD_SIGNED_AT },
  { "created", US_FIELD_SIGNED_AT }, { "created at", US_FIELD_SIGNED_AT },
  { "created date", US_FIELD_SIGNED_AT }, { "submitted", US_FIELD_SIGNED_AT },
  { "submitted at", US_FIELD_SIGNED_AT }, { "action date", US_FIELD_SIGNED_AT },
  { "date de signature", US_FIELD_SIGNED_AT }, { "horodatage", US_FIELD_SIGNED_AT },
  { "datum", US_FIELD_SIGNED_AT }, { "unterschrieben am", US_FIELD_SIGNED_AT },
  { "zeitstempel", US_FIELD_SIGNED_AT }, { "fecha", US_FIELD_SIGNED_AT },
  { "fecha de firma", US_FIELD_SIGNED_AT },
  /* consent */
  { "consent", US_FIELD_PUBLIC }, { "public", US_FIELD_PUBLIC }, { "publish", US_FIELD_PUBLIC },
  { "listing", US_FIELD_PUBLIC }, { "public listing", US_FIELD_PUBLIC },
  { "show name", US_FIELD_PUBLIC }, { "display publicly", US_FIELD_PUBLIC },
  { "consentement", US_FIELD_PUBLIC }, { "publier", US_FIELD_PUBLIC },
  { "einwilligung", US_FIELD_PUBLIC }, { "veroffentlichen", US_FIELD_PUBLIC },
  { "consentimiento", US_FIELD_PUBLIC }, { "publicar", US_FIELD_PUBLIC },
  /* status */
  { "status", US_FIELD_STATUS }, { "statut", US_FIELD_STATUS }, { "estado", US_FIELD_STATUS },
  /* note */
  { "note", US_FIELD_NOTE }, { "notes", US_FIELD_NOTE }, { "comment", US_FIELD_NOTE },
  { "comments", US_FIELD_NOTE }, { "remarque", US_FIELD_NOTE },
  { "commentaire", US_FIELD_NOTE }, { "kommentar", US_FIELD_NOTE },
  { "anmerkung", US_FIELD_NOTE }, { "bemerkung", US_FIELD_NOTE },
  { "comentario", US_FIELD_NOTE }, { "nota", US_FIELD_NOTE },
};

char *
_us_import_fold (const char *text)
{
  g_autofree char *key = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return NULL;
  key = us_normalize_key (text);
  if (key == NULL)
    return NULL;
  decomposed = g_utf8_normalize (key, -1, G_NORMALIZE_DEFAULT);
  if (decomposed == NULL)
    return NULL;

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Accents are marks after NFD: dropping them makes prénom prenom. */
      if (g_unichar_ismark (c))
        continue;
      if (!g_unichar_isalnum (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

UsImportField
_us_import_field_for_header (const char *header)
{
  g_autofree char *folded = _us_import_fold (header);

  if (folded == NULL || *folded == '\0')
    return US_FIELD_IGNORE;
  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    if (strcmp (folded, header_aliases[i].alias) == 0)
      return header_aliases[i].field;
  return US_FIELD_IGNORE;
}

typedef struct
{
  const char *name;   /* folded */
  const char *code;
} CountryName;

/* The names people most often type instead of a code, in the languages
 * of the header aliases above.
 */
static const CountryName country_names[] = {
  { "united states", "US" }, { "united states of america", "US" }, { "usa", "US" },
  { "etats unis", "US" }, { "vereinigte staaten", "US" }, { "estados unidos", "US" },
  { "united kingdom", "GB" }, { "uk", "GB" }, { "great britain", "GB" }, { "britain", "GB" },
  { "england", "GB" }, { "scotland", "GB" }, { "wales", "GB" }, { "northern ireland", "GB" },
  { "royaume uni", "GB" }, { "vereinigtes konigreich", "GB" }, { "reino unido", "GB" },
  { "germany", "DE" }, { "deutschland", "DE" }, { "allemagne", "DE" }, { "alemania", "DE" },
  { "france", "FR" }, { "frankreich", "FR" }, { "francia", "FR" },
  { "switzerland", "CH" }, { "schweiz", "CH" }, { "suisse", "CH" }, { "svizzera", "CH" },
  { "suiza", "CH" },
  { "spain", "ES" }, { "espana", "ES" }, { "espagne", "ES" }, { "spanien", "ES" },
  { "italy", "IT" }, { "italia", "IT" }, { "italie", "IT" }, { "italien", "IT" },
  { "netherlands", "NL" }, { "the netherlands", "NL" }, { "holland", "NL" },
  { "nederland", "NL" }, { "pays bas", "NL" }, { "niederlande", "NL" }, { "paises bajos", "NL" },
  { "belgium", "BE" }, { "belgique", "BE" }, { "belgie", "BE" }, { "belgien", "BE" },
  { "belgica", "BE" },
  { "austria", "AT" }, { "osterreich", "AT" }, { "autriche", "AT" },
  { "ireland", "IE" }, { "eire", "IE" }, { "irlande", "IE" }, { "irland", "IE" },
  { "irlanda", "IE" },
  { "portugal", "PT" }, { "luxembourg", "LU" }, { "luxemburg", "LU" },
  { "sweden", "SE" }, { "sverige", "SE" }, { "suede", "SE" }, { "schweden", "SE" },
  { "suecia", "SE" },
  { "norway", "NO" }, { "norge", "NO" }, { "norvege", "NO" }, { "norwegen", "NO" },
  { "noruega", "NO" },
  { "denmark", "DK" }, { "danmark", "DK" }, { "danemark", "DK" },
  { "dinamarca", "DK" },
  { "finland", "FI" }, { "suomi", "FI" }, { "finlande", "FI" }, { "finnland", "FI" },
  { "iceland", "IS" }, { "island", "IS" }, { "islande", "IS" },
  { "poland", "PL" }, { "polska", "PL" }, { "pologne", "PL" }, { "polen", "PL" },
  { "polonia", "PL" },
  { "czech republic", "CZ" }, { "czechia", "CZ" }, { "cesko", "CZ" }, { "tchequie", "CZ" },
  { "tschechien", "CZ" }, { "republica checa", "CZ" },
  { "hungary", "HU" }, { "hongrie", "HU" }, { "ungarn", "HU" },
  { "romania", "RO" }, { "roumanie", "RO" }, { "rumanien", "RO" },
  { "greece", "GR" }, { "grece", "GR" }, { "griechenland", "GR" }, { "grecia", "GR" },
  { "ukraine", "UA" }, { "ucrania", "UA" },
  { "russia", "RU" }, { "russian federation", "RU" }, { "russie", "RU" },
  { "russland", "RU" }, { "rusia", "RU" },
  { "turkey", "TR" }, { "turkiye", "TR" }, { "turquie", "TR" }, { "turkei", "TR" },
  { "turquia", "TR" },
  { "israel", "IL" }, { "egypt", "EG" }, { "egypte", "EG" }, { "agypten", "EG" },
  { "egipto", "EG" },
  { "canada", "CA" }, { "kanada", "CA" },
  { "mexico", "MX" }, { "mexique", "MX" }, { "mexiko", "MX" },
  { "brazil", "BR" }, { "brasil", "BR" }, { "bresil", "BR" }, { "brasilien", "BR" },
  { "argentina", "AR" }, { "argentine", "AR" }, { "argentinien", "AR" },
  { "chile", "CL" }, { "chili", "CL" }, { "colombia", "CO" }, { "colombie", "CO" },
  { "kolumbien", "CO" },
  { "australia", "AU" }, { "australie", "AU" }, { "australien", "AU" },
  { "new zealand", "NZ" }, { "nouvelle zelande", "NZ" }, { "neuseeland", "NZ" },
  { "japan", "JP" }, { "japon", "JP" },
  { "china", "CN" }, { "chine", "CN" },
  { "india", "IN" }, { "inde", "IN" }, { "indien", "IN" },
  { "south korea", "KR" }, { "korea", "KR" }, { "republic of korea", "KR" },
  { "coree du sud", "KR" }, { "sudkorea", "KR" }, { "corea del sur", "KR" },
  { "vietnam", "VN" }, { "viet nam", "VN" }, { "thailand", "TH" }, { "thailande", "TH" },
  { "tailandia", "TH" },
  { "south africa", "ZA" }, { "afrique du sud", "ZA" }, { "sudafrika", "ZA" },
  { "sudafrica", "ZA" },
  { "nigeria", "NG" }, { "kenya", "KE" }, { "kenia", "KE" },
};

/* "AA\0AB\0...": every two-letter string, so that a code read in any
 * case can be returned as a static, NUL-terminated upper-case string.
 */
static const char *
static_code (char a,
             char b)
{
  static char table[26 * 26 * 3];
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      for (guint i = 0; i < 26 * 26; i++)
        {
          table[i * 3] = 'A' + i / 26;
          table[i * 3 + 1] = 'A' + i % 26;
        }
      g_once_init_leave (&built, 1);
    }
  return table + ((a - 'A') * 26 + (b - 'A')) * 3;
}

const char *
_us_import_country_code (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  /* The common case, a code in any case, without allocating: point into
   * the static list so the caller can keep the result.
   */
  if (g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]) && text[2] == '\0')
    {
      char upper[3] = { g_ascii_toupper (text[0]), g_ascii_toupper (text[1]), '\0' };

      /* UK is what people write for GB: the names below know it. */
      if (us_country_is_valid (upper))
        return static_code (upper[0], upper[1]);
    }

  folded = _us_import_fold (text);
  if (folded == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (country_names); i++)
    if (strcmp (folded, country_names[i].name) == 0)
      return country_names[i].code;
  return NULL;
}

static gboolean
read_number (const char **p,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int v = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      v = v * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  if (n == 0 || g_ascii_isdigit (**p))
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
_us_import_parse_date (const char *text,
                       gint64     *out,
                       gboolean   *ambiguous)
{
  const char *p = text;
  int a, b, y, hh = 0, mm = 0, ss = 0;
  int day, month;
  char sep;
  char iso[32];

  *ambiguous = FALSE;
  if (us_parse_timestamp (text, out))
    return TRUE;

  /* 26/05/2020 or 26.05.2020, as European spreadsheets write dates. */
  if (!read_number (&p, 2, &a))
    return FALSE;
  sep = *p;
  if (sep != '/' && sep != '.' && sep != '-')
    return FALSE;
  p++;
  if (!read_number (&p, 2, &b) || *p != sep)
    return FALSE;
  p++;
  if (!read_number (&p, 4, &y) || y < 1000)
    return FALSE;
  if (*p == ' ' || *p == 'T')
    {
      p++;
      if (!read_number (&p, 2, &hh) || *p++ != ':' || !read_number (&p, 2, &mm))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_number (&p, 2, &ss))
            return FALSE;
        }
    }
  if (*p != '\0')
    return FALSE;

  /* Day first, as everywhere but North America; a date that can only be
   * month first (5/26/2020) is read that way.
   */
  if (b > 12 && a <= 12 && sep == '/')
    day = b, month = a;
  else
    {
      day = a, month = b;
      *ambiguous = sep == '/' && a <= 12 && a != b;
    }

  g_snprintf (iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, month, day, hh, mm, ss);
  if (!us_parse_timestamp (iso, out))
    {
      *ambiguous = FALSE;
      return FALSE;
    }
  return TRUE;
}

gboolean
_us_import_parse_consent (const char *text,
                          UsConsent  *out)
{
  static const struct { const char *word; UsConsent consent; } words[] = {
    { "yes", US_CONSENT_NAMED }, { "y", US_CONSENT_NAMED }, { "true", US_CONSENT_NAMED },
    { "1", US_CONSENT_NAMED }, { "x", US_CONSENT_NAMED }, { "oui", US_CONSENT_NAMED },
    { "ja", US_CONSENT_NAMED }, { "si", US_CONSENT_NAMED }, { "named", US_CONSENT_NAMED },
    { "public", US_CONSENT_NAMED },
    { "no", US_CONSENT_NONE }, { "n", US_CONSENT_NONE }, { "false", US_CONSENT_NONE },
    { "0", US_CONSENT_NONE }, { "non", US_CONSENT_NONE }, { "nein", US_CONSENT_NONE },
    { "none", US_CONSENT_NONE }, { "private", US_CONSENT_NONE },
    { "anonymous", US_CONSENT_ANONYMOUS }, { "anonyme", US_CONSENT_ANONYMOUS },
    { "anonym", US_CONSENT_ANONYMOUS }, { "anonimo", US_CONSENT_ANONYMOUS },
    { "anon", US_CONSENT_ANONYMOUS },
  };
  char ascii[16];
  g_autofree char *folded = NULL;
  const char *key;
  gsize len = strlen (text);

  /* yes/no in ASCII is every row of a big export: no allocation then. */
  if (len < sizeof ascii)
    {
      gboolean plain = TRUE;

      for (gsize i = 0; i <= len; i++)
        {
          char c = text[i];

          if ((guchar) c >= 0x80)
            plain = FALSE;
          ascii[i] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
        }
      if (plain)
        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          if (ascii[0] == words[i].word[0] && strcmp (ascii, words[i].word) == 0)
            {
              *out = words[i].consent;
              return TRUE;
            }
    }

  folded = _us_import_fold (text);
  key = folded != NULL ? folded : "";
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (key, words[i].word) == 0)
      {
        *out = words[i].consent;
        return TRUE;
      }
  return FALSE;
}

gboolean
_us_import_parse_status (const char *text,
                         UsStatus   *out)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  return us_status_from_string (lower, out);
}
