#!/bin/bash
# Build the libFuzzer targets with clang and run each for SECONDS
# (default 30), seeded from the project's test files and ../shared.
# A crash leaves its input in tests/fuzz/crash-*: turn each into a
# regression test file.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-30}
BUILD=build-fuzz

if [ ! -d "$BUILD" ]; then
  CC=clang meson setup "$BUILD" -Dapp=disabled -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
    -Dc_args=-fsanitize=fuzzer-no-link >/dev/null || exit 1
fi
meson configure "$BUILD" -Dfuzz_seconds="$SECONDS_EACH" >/dev/null
ninja -C "$BUILD" || exit 1
meson test -C "$BUILD" --suite fuzz --num-processes 1 --print-errorlogs
