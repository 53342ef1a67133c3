#!/bin/bash
# Renders each page of the bundled sample to docs/screenshots/PAGE.png at
# 1200x800: the app draws its own window to PNG after its first frames
# (UNDERSIGNED_SCREENSHOT) and quits, so no screen grabber is involved.
# Usage: build-aux/screenshots.sh [BUILD_DIR]
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
app="$build/src/app/undersigned"
sample=data/samples/healthcare-2020.undersigned
out=docs/screenshots

if [ ! -x "$app" ]; then
  echo "$app is missing: build first (ninja -C $build)" >&2
  exit 1
fi
mkdir -p "$out"

# A clean, throwaway profile: no drafts, no recent files, default settings.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
export XDG_DATA_HOME="$profile/data" XDG_CONFIG_HOME="$profile/config"
export XDG_STATE_HOME="$profile/state" XDG_CACHE_HOME="$profile/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
export GTK_A11Y=none NO_AT_BRIDGE=1 LC_ALL=C.UTF-8

for page in letter signatories incidents sources; do
  rm -f "$out/$page.png"
  UNDERSIGNED_SCREENSHOT_PAGE=$page UNDERSIGNED_SCREENSHOT="$PWD/$out/$page.png" \
    timeout 60 xvfb-run -a -s "-screen 0 1280x900x24" \
    dbus-run-session -- "$app" "$sample" >/dev/null 2>&1 || true
  if [ ! -s "$out/$page.png" ]; then
    echo "No screenshot of the $page page" >&2
    exit 1
  fi
  echo "$out/$page.png"
done
