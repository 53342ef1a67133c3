/* us-enums.h: the enumerations of the campaign model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  US_STATUS_PENDING,
  US_STATUS_VERIFIED,
  US_STATUS_REJECTED,
  US_STATUS_WITHDRAWN,
} UsStatus;

typedef enum
{
  US_CONSENT_NAMED,
  US_CONSENT_ANONYMOUS,
  US_CONSENT_NONE,
} UsConsent;

typedef enum
{
  US_ORIGIN_TYPED,
  US_ORIGIN_PAPER,
  US_ORIGIN_CSV,
  US_ORIGIN_OSDI,
  US_ORIGIN_FETCHED,
} UsOrigin;

typedef enum
{
  US_ATTACK_RANSOMWARE,
  US_ATTACK_DDOS,
  US_ATTACK_DATA_BREACH,
  US_ATTACK_PHISHING,
  US_ATTACK_OTHER,
} UsAttackType;

typedef enum
{
  US_SOURCE_KIND_INCIDENTS,
  US_SOURCE_KIND_SIGNATURES,
  US_SOURCE_KIND_LETTER,
} UsSourceKind;

/* The names used in the file format, the CLI and CSV exports: stable, never
 * translated.  Each returns NULL for an out-of-range value; each parser
 * returns FALSE for an unknown name.
 */
const char *us_status_to_string      (UsStatus      status);
gboolean    us_status_from_string    (const char   *str,
                                      UsStatus     *out);
const char *us_consent_to_string     (UsConsent     consent);
gboolean    us_consent_from_string   (const char   *str,
                                      UsConsent    *out);
const char *us_origin_to_string      (UsOrigin      origin);
gboolean    us_origin_from_string    (const char   *str,
                                      UsOrigin     *out);
const char *us_attack_type_to_string (UsAttackType  type);
gboolean    us_attack_type_from_string (const char *str,
                                        UsAttackType *out);
const char *us_source_kind_to_string (UsSourceKind  kind);
gboolean    us_source_kind_from_string (const char *str,
                                        UsSourceKind *out);

G_END_DECLS
