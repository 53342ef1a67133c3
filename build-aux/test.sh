#!/bin/bash
# Install what is missing, build, and run every test: the full suite in
# build/, and the core tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan/ and under valgrind memcheck,
# the app's UI tests under both sanitizers in build-asan-ui/, and each
# fuzzer for 30 s.  Prints "N passed, N failed"
# last, counted from meson's test logs.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/setup.sh || exit 1

status=0

[ -d build ] || meson setup build || exit 1
ninja -C build || exit 1
meson test -C build --print-errorlogs --num-processes 2 || status=1

# valgrind memcheck over the core test programs (not the shell tests, nor
# the 'heavy' ones: gigabyte inputs and hundreds of killed processes).
meson test -C build --setup valgrind --suite core --no-suite shell --no-suite heavy \
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

# The app and its UI tests under the same sanitizers, in build-asan-ui/.
# Suppressions (tests/lsan.supp and tests/lsan-ui.supp) name library
# functions, so LeakSanitizer needs real stacks (fast_unwind_on_malloc=0;
# Debian's libraries have no frame pointers).  The cairo renderer keeps
# Mesa's llvmpipe JIT out (it deadlocks the slow unwinder when it registers
# its unwind tables).  tests/asan-ui-config/ works around a GTK 4.8 leak.
[ -d build-asan-ui ] || meson setup build-asan-ui \
  -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug || exit 1
ninja -C build-asan-ui || exit 1
cat tests/lsan.supp tests/lsan-ui.supp > build-asan-ui/lsan-ui-all.supp
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:malloc_context_size=15 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
LSAN_OPTIONS=suppressions=$PWD/build-asan-ui/lsan-ui-all.supp \
G_SLICE=always-malloc GSK_RENDERER=cairo GDK_DEBUG=gl-disable GDK_BACKEND=x11 \
XDG_CONFIG_DIRS=$PWD/tests/asan-ui-config:${XDG_CONFIG_DIRS:-/etc/xdg} \
US_TEST_TIMEOUT_MULTIPLIER=10 \
  meson test -C build-asan-ui --suite ui --print-errorlogs --num-processes 2 \
    --timeout-multiplier 4 || status=1

# Every parser's fuzzer for a short while, so regressions show up here.
build-aux/fuzz.sh "${FUZZ_SECONDS:-30}" || status=1

python3 build-aux/count-tests.py build/meson-logs/testlog.json \
  build/meson-logs/testlog-valgrind.json \
  build-asan/meson-logs/testlog.json build-asan-ui/meson-logs/testlog.json \
  build-fuzz/meson-logs/testlog.json
exit $status
