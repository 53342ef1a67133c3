#!/bin/bash
# Load and save speed of the .undersigned format against a streaming
# libxml2 pass (xmllint --stream) over the same file, and peak memory.
#
#   bench/bench-load-save.sh [BUILD_DIR] [SIZES...]    (default: build 100000 1000000)
#
# Builds each campaign from gen-signatories.py data through
# `undersigned-cli import`, then times `stats` (load) and `convert`
# (load + save).  Prints ratios; run on a quiet machine, best of 3.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
shift || true
SIZES=${*:-100000 1000000}
CLI="$BUILD/src/cli/undersigned-cli"
GEN=../shared/bench/gen-signatories.py
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

best_of_3 () {
  # prints "seconds peak_kb" of the fastest of three runs
  local best="" mem=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$T/time" "$@" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; return 1; }
    read -r s kb <"$T/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; mem=$kb; fi
  done
  echo "$best $mem"
}

printf '%-9s %-8s %8s %8s %8s %7s %7s %9s\n' signers file xmllint load save load/x save/x peak-MB
for n in $SIZES; do
  python3 "$GEN" "$n" --seed 1 >"$T/in.csv"
  "$CLI" new "$T/c.undersigned" --title "Benchmark $n" >/dev/null
  "$CLI" import "$T/c.undersigned" "$T/in.csv" >/dev/null
  size=$(du -m "$T/c.undersigned" | cut -f1)
  read -r xl _ < <(best_of_3 xmllint --stream --noout "$T/c.undersigned")
  read -r load _ < <(best_of_3 "$CLI" stats "$T/c.undersigned")
  read -r conv mem < <(best_of_3 "$CLI" convert "$T/c.undersigned" "$T/out.undersigned")
  save=$(awk "BEGIN{printf \"%.2f\", $conv - $load}")
  printf '%-9s %-8s %8s %8s %8s %7.2f %7.2f %9d\n' "$n" "${size}MB" "$xl" "$load" "$save" \
    "$(awk "BEGIN{print $load / $xl}")" "$(awk "BEGIN{print $save / $xl}")" $((mem / 1024))
  rm -f "$T"/c.undersigned* "$T"/out.undersigned*
done
