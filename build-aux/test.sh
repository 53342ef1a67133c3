#!/bin/bash
# Install what is missing, build, and run every test: the full suite in
# build/, and the core tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan/ and under valgrind memcheck,
# and each fuzzer for 30 s.  Prints "N passed, N failed"
# last, counted from meson's test logs.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh || exit 1

status=0

[ -d build ] || meson setup build || exit 1
ninja -C build || exit 1
meson test -C build --print-errorlogs --num-processes 2 || status=1

# valgrind memcheck over the core test programs (not the shell tests).
meson test -C build --setup valgrind --suite core --no-suite shell \
  --print-errorlogs --num-processes 2 || status=1

# The sanitizer build: leaks and undefined behaviour fail the core tests.
[ -d build-asan ] || meson setup build-asan -Dapp=disabled \
  -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug || exit 1
ninja -C build-asan || exit 1
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
G_SLICE=always-malloc \
  meson test -C build-asan --suite core --print-errorlogs --num-processes 2 \
    --timeout-multiplier 3 || status=1

# Every parser's fuzzer for a short while, so regressions show up here.
build-aux/fuzz.sh "${FUZZ_SECONDS:-30}" || status=1

python3 build-aux/count-tests.py build/meson-logs/testlog.json \
  build/meson-logs/testlog-valgrind.json \
  build-asan/meson-logs/testlog.json build-fuzz/meson-logs/testlog.json
exit $status
