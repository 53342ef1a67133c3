#!/bin/bash
# Install what is missing, build, and start Undersigned on the bundled
# sample campaign.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh
[ -d build ] || meson setup build
ninja -C build

SAMPLE=data/samples/healthcare-2020.undersigned
if [ -x build/src/app/undersigned ]; then
  export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: starting under xvfb-run (nothing will be visible)." >&2
    exec xvfb-run -a dbus-run-session build/src/app/undersigned "$SAMPLE"
  fi
  exec build/src/app/undersigned "$SAMPLE"
fi
exec build/src/cli/undersigned-cli stats "$SAMPLE"
