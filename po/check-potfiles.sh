#!/bin/bash
# Fails when a file under src/ or ui/ has translatable strings but is not
# listed in po/POTFILES.in, so that no string escapes the translators.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root"

listed=$(grep -v '^\s*\(#\|$\)' po/POTFILES.in | sort -u)
missing=()
while IFS= read -r file; do
  if ! grep -qxF "$file" <<<"$listed"; then
    missing+=("$file")
  fi
done < <(grep -rlE '(^|[^A-Za-z0-9_])N?_\(|translatable="yes"' src ui \
           --include='*.c' --include='*.h' --include='*.ui' | sort)

stale=()
while IFS= read -r file; do
  [ -e "$file" ] || stale+=("$file")
done <<<"$listed"

status=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "These files have translatable strings but are missing from po/POTFILES.in;" >&2
  echo "add each line below to po/POTFILES.in (keep it sorted):" >&2
  printf '  %s\n' "${missing[@]}" >&2
  status=1
fi
if [ ${#stale[@]} -gt 0 ]; then
  echo "po/POTFILES.in lists files that do not exist; remove these lines:" >&2
  printf '  %s\n' "${stale[@]}" >&2
  status=1
fi
[ $status -eq 0 ] && echo "po/POTFILES.in lists every translatable file"
exit $status
