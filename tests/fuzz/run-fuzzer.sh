#!/bin/bash
# run-fuzzer.sh TARGET SECONDS [SEED_DIR...]: run one libFuzzer target for
# a bounded time on a scratch corpus seeded from SEED_DIRs (which are
# never written to).  A crash input is kept in tests/fuzz/crash-NAME-*.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
target=$1; seconds=$2; shift 2
name=${target##*/fuzz-}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
seeds=()
for s in "$@"; do [ -d "$s" ] && seeds+=("$s"); done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} G_SLICE=always-malloc
export LSAN_OPTIONS=suppressions=$(dirname "$0")/../lsan.supp
# Suppressions match on the allocating library, which the fast unwinder
# cannot see through GLib: unwind fully where json-glib is involved.
[ "$name" = osdi ] && ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0
exec "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -error_exitcode=1 -artifact_prefix="${US_SOURCE_ROOT:-.}/tests/fuzz/crash-$name-" \
  "$corpus" "${seeds[@]}"
