#!/bin/bash
# Start-up of the app, side by side with GNOME Text Editor, on one Xvfb.
#
#   bench/bench-startup.sh BUILD_DIR [RUNS]        (default: 5 runs)
#
# Needs Xvfb, dbus-run-session, gnome-text-editor (the baseline; Debian
# package gnome-text-editor, for this benchmark only) and BUILD_DIR's
# bench/first-frame (built when x11 and xdamage are found).
#
# Method.  bench/first-frame is an external observer, the same for both
# programs: it watches the root window for new top-level windows, asks
# DAMAGE about each, forks and execs the program, and reports, from just
# before fork() (CLOCK_MONOTONIC, ms):
#   paint  the first frame the program draws into its mapped window
#          (the server's own damage report for the mapping is skipped;
#          see first-frame.c);
#   ready  Undersigned only: the first frame painted after the campaign
#          finished loading.  Loading runs in a thread, so the window
#          may paint before the campaign is in it; with
#          UNDERSIGNED_REPORT_READY=1 the window prints
#          "ready <CLOCK_MONOTONIC ms>" from GdkFrameClock::after-paint
#          once a load has completed, which first-frame makes relative
#          to the same launch instant.  For the 100,000-signatory
#          campaign, the window opens on the Signatories page
#          (UNDERSIGNED_SCREENSHOT_PAGE=signatories): "ready" is the
#          first frame with the rows on screen, i.e. interactive;
#   cpu    the CPU time the program's threads had used by its first
#          frame (/proc/PID/task/*/schedstat, read when first-frame sees
#          it).  The wall-clock figures move with the load of a shared
#          machine; this one much less, so it is printed beside them as
#          a check (it is not the target).
# The cases run in turns (Text Editor, sample, 100,000, Text Editor, ...)
# so that any drift of the machine falls on all of them alike, after one
# discarded warm-up round (disk cache, the a11y bus, Mesa's shader
# cache).  Each program has its own throwaway profile (XDG_* in a temp
# dir, GSETTINGS_BACKEND=memory), kept across its runs; Text Editor runs
# with --standalone (a new instance, no session restored) and
# Undersigned is given the file, so neither restores anything.  Each
# program is ended (SIGTERM) and waited for before the next starts.
# Medians are printed, and the ratio to Text Editor's first frame.
#
# The 100,000 campaign is built with ../shared/bench/gen-signatories.py
# and `undersigned-cli import` (which drops its duplicates: 98,074 rows
# from 100,000 lines with --seed 1).
#
# Then bench-ui-filter (per-keystroke filtering over 100,000 rows, and
# keystroke to frame on the Signatories page) runs on the same display.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi

# One D-Bus session around the whole run.
if [ -z "${BENCH_STARTUP_DBUS:-}" ]; then
  BENCH_STARTUP_DBUS=1 exec dbus-run-session -- "$0" "$@" \
    2> >(grep -v -e 'Failed to set fd limit' -e '^dbus-daemon\[' -e SpiRegistry >&2)
fi

BUILD=$(realpath "$1")
RUNS=${2:-5}
SRC=$(realpath "$(dirname "$0")/..")
GEN=$SRC/../shared/bench/gen-signatories.py
SAMPLE=$SRC/data/samples/healthcare-2020.undersigned
APP=$BUILD/src/app/undersigned
CLI=$BUILD/src/cli/undersigned-cli
OBSERVER=$BUILD/bench/first-frame

for f in "$APP" "$CLI" "$OBSERVER"; do
  [ -x "$f" ] || { echo "missing $f (build $BUILD first)" >&2; exit 1; }
done
command -v gnome-text-editor >/dev/null || { echo "gnome-text-editor is not installed" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "Xvfb is not installed" >&2; exit 1; }

T=$(mktemp -d)
XVFB_PID=
cleanup () {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT

# One display for everything, of our own: a free number picked at random
# above those xvfb-run -a (99 up) and fixed :0 users take, and kept only
# if our server is the one that came up on it.  Picking the first free
# number from 90 raced with other Xvfb servers started at the same time
# on a shared machine: a run could end up on another's display and lose
# it mid-way ("cannot open display").
N=$((200 + RANDOM % 600))
for _ in $(seq 20); do
  while [ -e "/tmp/.X11-unix/X$N" ] || [ -e "/tmp/.X$N-lock" ]; do N=$((N + 1)); done
  Xvfb ":$N" -screen 0 1280x900x24 -nolisten tcp >"$T/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 100); do
    [ -e "/tmp/.X11-unix/X$N" ] && break
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.2
  kill -0 "$XVFB_PID" 2>/dev/null && [ -e "/tmp/.X11-unix/X$N" ] && break
  XVFB_PID=
  N=$((N + 1))
done
[ -n "$XVFB_PID" ] || { echo "Xvfb did not start:" >&2; cat "$T/xvfb.log" >&2; exit 1; }
export DISPLAY=":$N"

echo "Preparing: a small text file, and a 100,000-signatory campaign..."
printf 'Dear colleagues,\n\nPlease find the letter attached.\n' >"$T/small.txt"
python3 "$GEN" 100000 --seed 1 >"$T/x.csv"
"$CLI" new "$T/big.undersigned" --title "Benchmark 100000" >/dev/null
"$CLI" import "$T/big.undersigned" "$T/x.csv" >/dev/null
ROWS=$("$CLI" stats "$T/big.undersigned" 2>/dev/null | awk '/[Ss]ignator/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }')
cp "$SAMPLE" "$T/sample.undersigned"

profile () {
  # the environment of a throwaway profile, one per program
  local dir=$T/profile-$1
  mkdir -p "$dir"/{config,data,cache,state}
  echo XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" \
       XDG_CACHE_HOME="$dir/cache" XDG_STATE_HOME="$dir/state" GSETTINGS_BACKEND=memory
}

# Each case: a name, what to report, and the command.
run_case () {
  local name=$1
  shift
  # shellcheck disable=SC2046
  env $(profile "${name%%-*}") "$@" >>"$T/$name.times" 2>>"$T/$name.err" ||
    { echo "$name failed:" >&2; tail -5 "$T/$name.err" >&2
      kill -0 "$XVFB_PID" 2>/dev/null || { echo "Xvfb ended:" >&2; tail -5 "$T/xvfb.log" >&2; }
      exit 1; }
}

text_editor () {
  run_case editor "$OBSERVER" -- gnome-text-editor --standalone "$T/small.txt"
}
undersigned_sample () {
  run_case undersigned-sample GSETTINGS_SCHEMA_DIR="$BUILD/data" UNDERSIGNED_REPORT_READY=1 \
    "$OBSERVER" --ready -- "$APP" "$T/sample.undersigned"
}
# The same, in a window of Text Editor's size: it opens at 700x520 (its
# default; --standalone restores no session), Undersigned at 1100x700,
# and on Xvfb every pixel is drawn by llvmpipe on the CPU, so the larger
# window pays for 2.3 times the pixels.  Undersigned remembers its size in
# GSettings: this profile's keyfile says 700x520.
SAMESIZE_KEYFILE=$T/profile-samesize/config/glib-2.0/settings/keyfile
mkdir -p "$(dirname "$SAMESIZE_KEYFILE")"
printf '[io/github/undersigned/Undersigned]\nwindow-width=700\nwindow-height=520\n' >"$SAMESIZE_KEYFILE"
undersigned_samesize () {
  run_case samesize-sample GSETTINGS_SCHEMA_DIR="$BUILD/data" GSETTINGS_BACKEND=keyfile \
    UNDERSIGNED_REPORT_READY=1 "$OBSERVER" --ready -- "$APP" "$T/sample.undersigned"
}
undersigned_big () {
  run_case undersigned-big GSETTINGS_SCHEMA_DIR="$BUILD/data" UNDERSIGNED_REPORT_READY=1 \
    UNDERSIGNED_SCREENSHOT_PAGE=signatories "$OBSERVER" --ready -- "$APP" "$T/big.undersigned"
}

echo "Warming up (discarded)..."
text_editor
undersigned_sample
undersigned_samesize
undersigned_big
rm -f "$T"/*.times

for i in $(seq "$RUNS"); do
  printf '\rRun %d of %d' "$i" "$RUNS"
  text_editor
  undersigned_sample
  undersigned_samesize
  undersigned_big
done
echo

median () {
  # the median of field $2 ("paint", "ready") in file $1
  awk -v key="$2" '{ for (i = 1; i < NF; i++) if ($i == key) print $(i + 1) }' "$1" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
runs () {
  awk -v key="$2" '{ for (i = 1; i < NF; i++) if ($i == key) printf " %6.0f", $(i + 1) }' "$1"
}

ed=$(median "$T/editor.times" paint)
ec=$(median "$T/editor.times" cpu)
sc=$(median "$T/undersigned-sample.times" cpu)
sp=$(median "$T/undersigned-sample.times" paint)
sr=$(median "$T/undersigned-sample.times" ready)
qp=$(median "$T/samesize-sample.times" paint)
qr=$(median "$T/samesize-sample.times" ready)
qc=$(median "$T/samesize-sample.times" cpu)
bp=$(median "$T/undersigned-big.times" paint)
br=$(median "$T/undersigned-big.times" ready)

echo
echo "Launch to first frame, ms ($RUNS runs each, Xvfb 1280x900x24, $(nproc) CPUs)"
printf '%-44s %8s   %s\n' "" median runs
printf '%-44s %8.0f  %s\n' "GNOME Text Editor, small file: first frame" "$ed" "$(runs "$T/editor.times" paint)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample: first frame" "$sp" "$(runs "$T/undersigned-sample.times" paint)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample: loaded and painted" "$sr" "$(runs "$T/undersigned-sample.times" ready)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample, 700x520: first frame" "$qp" "$(runs "$T/samesize-sample.times" paint)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample, 700x520: loaded+painted" "$qr" "$(runs "$T/samesize-sample.times" ready)"
printf '%-44s %8.0f  %s\n' "Undersigned, ${ROWS:-100000} signatories: first frame" "$bp" "$(runs "$T/undersigned-big.times" paint)"
printf '%-44s %8.0f  %s\n' "Undersigned, ${ROWS:-100000} signatories: interactive" "$br" "$(runs "$T/undersigned-big.times" ready)"
echo
echo "CPU time used by the first frame, ms (all threads)"
printf '%-44s %8.0f  %s\n' "GNOME Text Editor, small file" "$ec" "$(runs "$T/editor.times" cpu)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample" "$sc" "$(runs "$T/undersigned-sample.times" cpu)"
printf '%-44s %8.0f  %s\n' "Undersigned, sample, 700x520" "$qc" "$(runs "$T/samesize-sample.times" cpu)"
echo
awk -v ed="$ed" -v sp="$sp" -v sr="$sr" -v br="$br" -v ec="$ec" -v sc="$sc" -v qp="$qp" -v qr="$qr" -v qc="$qc" 'BEGIN {
  printf "Undersigned / Text Editor, first frame, same window size (700x520): %.2f  (target <= 1: %s)\n", qp / ed, qp <= ed ? "met" : "MISSED"
  printf "  loaded and painted, same size / Text Editor first frame:          %.2f\n", qr / ed
  printf "  CPU time to first frame, same size:                               %.2f\n", qc / ec
  printf "Undersigned / Text Editor, first frame, each at its default size:   %.2f\n", sp / ed
  printf "Undersigned loaded sample / Text Editor first frame: %.2f\n", sr / ed
  printf "Undersigned / Text Editor, CPU time to first frame: %.2f\n", sc / ec
  printf "100,000 signatories interactive:                   %.0f ms  (target < 1500: %s)\n", br, br < 1500 ? "met" : "MISSED"
}'

if [ -x "$BUILD/bench/bench-ui-filter" ]; then
  echo
  echo "Filtering 100,000 signatories (bench-ui-filter):"
  env $(profile filter) "$BUILD/bench/bench-ui-filter" 100000 2>/dev/null
fi
