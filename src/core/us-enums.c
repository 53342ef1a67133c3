/* us-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "us-enums.h"

#include <string.h>

static const char * const status_names[] = { "pending", "verified", "rejected", "withdrawn" };
static const char * const consent_names[] = { "named", "anonymous", "none" };
static const char * const origin_names[] = { "typed", "paper", "csv", "osdi", "fetched" };
static const char * const attack_names[] = { "ransomware", "ddos", "data-breach", "phishing", "other" };
static const char * const kind_names[] = { "incidents", "signatures", "letter" };

static const char *
lookup_name (const char * const *names,
             guint               n_names,
             guint               value)
{
  return value < n_names ? names[value] : NULL;
}

static gboolean
lookup_value (const char * const *names,
              guint               n_names,
              const char         *str,
              guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_NAMES(prefix, Type, names)                               \
  const char *                                                               \
  prefix##_to_string (Type value)                                            \
  {                                                                          \
    return lookup_name (names, G_N_ELEMENTS (names), (guint) value);         \
  }                                                                          \
  gboolean                                                                   \
  prefix##_from_string (const char *str,                                     \
                        Type       *out)                                     \
  {                                                                          \
    guint v;                                                                 \
    if (!lookup_value (names, G_N_ELEMENTS (names), str, &v))                \
      return FALSE;                                                          \
    *out = (Type) v;                                                         \
    return TRUE;                                                             \
  }

DEFINE_ENUM_NAMES (us_status, UsStatus, status_names)
DEFINE_ENUM_NAMES (us_consent, UsConsent, consent_names)
DEFINE_ENUM_NAMES (us_origin, UsOrigin, origin_names)
DEFINE_ENUM_NAMES (us_attack_type, UsAttackType, attack_names)
DEFINE_ENUM_NAMES (us_source_kind, UsSourceKind, kind_names)
