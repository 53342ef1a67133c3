#!/bin/bash
# bench-pdf.sh: the press-pack PDF of 100,000 signatories against the least
# a PangoCairo program can do with the same names (bench/minimal-pdf.c).
#
# usage: bench/bench-pdf.sh [BUILD_DIR] [COUNT] [RUNS]
#   BUILD_DIR  a configured and built tree (default: ./build)
#   COUNT      signatories to generate (default: 100000)
#   RUNS       timed runs of each program; the best counts (default: 3)
#
# Prints both times and their ratio; the target is a ratio of 1.0 or less.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
COUNT=${2:-100000}
RUNS=${3:-3}
CLI=$BUILD/src/cli/undersigned-cli
MINIMAL=$BUILD/bench/minimal-pdf
BENCH=$BUILD/bench/bench-pdf
GEN=${US_SHARED_DIR:-$ROOT/../shared}/bench/gen-signatories.py

for f in "$CLI" "$MINIMAL" "$BENCH" "$GEN"; do
  [ -e "$f" ] || { echo "bench-pdf.sh: $f is missing; build first (ninja -C $BUILD)" >&2; exit 2; }
done

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# A campaign of COUNT signatories, every one verified and listed by name.
python3 "$GEN" "$COUNT" --seed 7 >"$T/raw.csv"
python3 - "$T/raw.csv" "$T/signatories.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as src, \
     open(sys.argv[2], "w", newline="", encoding="utf-8") as dst:
    rows = csv.reader(src)
    out = csv.writer(dst, lineterminator="\r\n")
    header = next(rows)
    public = header.index("public")
    out.writerow(header + ["status"])
    for row in rows:
        row[public] = "yes"
        out.writerow(row + ["verified"])
PY
"$CLI" new "$T/campaign.undersigned" --title "Stop cyberattacks on healthcare" \
  --organisation "CyberPeace Institute"
"$CLI" import "$T/campaign.undersigned" "$T/signatories.csv" >/dev/null

# The minimal program gets exactly the names the PDF lists.
"$CLI" export "$T/campaign.undersigned" --format csv -o "$T/public.csv"
python3 - "$T/public.csv" "$T/names.txt" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as src, \
     open(sys.argv[2], "w", encoding="utf-8") as dst:
    rows = csv.DictReader(src)
    for row in rows:
        name = row["name"]
        # The CSV export quotes cells a spreadsheet would run as formulas.
        if name.startswith("'") and name[1:2] in ("=", "+", "-", "@", "\t", "\r"):
            name = name[1:]
        dst.write(name.replace("\n", " ") + "\n")
PY
LISTED=$(wc -l <"$T/names.txt")

now () { date +%s%N; }
best () {
  # best RUNS COMMAND...: the shortest wall time in seconds
  local runs=$1 best_ns= start end
  shift
  for _ in $(seq "$runs"); do
    start=$(now)
    "$@" >/dev/null 2>&1 || { echo "bench-pdf.sh: failed: $*" >&2; exit 1; }
    end=$(now)
    if [ -z "$best_ns" ] || [ $((end - start)) -lt "$best_ns" ]; then best_ns=$((end - start)); fi
  done
  python3 -c "print(f'{$best_ns / 1e9:.3f}')"
}

EXPORT=$(best "$RUNS" "$CLI" export "$T/campaign.undersigned" --format pdf -o "$T/press-pack.pdf")
MIN=$(best "$RUNS" "$MINIMAL" "$T/names.txt" "$T/minimal.pdf")
MIN_NOWRAP=$(best "$RUNS" "$MINIMAL" --no-wrap "$T/names.txt" "$T/minimal-nowrap.pdf")
CORE=$("$BENCH" "$T/campaign.undersigned" "$T/core.pdf" | sed -n 's/^export \(.*\) s$/\1/p')
PAGES=$(pdfinfo "$T/press-pack.pdf" 2>/dev/null | sed -n 's/^Pages: *//p' || true)
MIN_PAGES=$(pdfinfo "$T/minimal.pdf" 2>/dev/null | sed -n 's/^Pages: *//p' || true)

echo "signatories listed by name: $LISTED"
echo "undersigned-cli export --format pdf: $EXPORT s (best of $RUNS; load included; ${PAGES:-?} pages)"
echo "  of which us_pdf_export: $CORE s (one run)"
echo "minimal-pdf (one layout per name, wrapped to the column): $MIN s (${MIN_PAGES:-?} pages)"
echo "minimal-pdf --no-wrap (no width set, long names overflow): $MIN_NOWRAP s"
python3 -c "print(f'ratio export/minimal: {$EXPORT / $MIN:.2f} (target <= 1.0)')"
python3 -c "print(f'ratio export/minimal --no-wrap: {$EXPORT / $MIN_NOWRAP:.2f}')"
