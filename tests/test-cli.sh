#!/bin/bash
# test-cli.sh: undersigned-cli as a user drives it
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${US_CLI:?}
ROOT=${US_SOURCE_ROOT:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); fails=$((fails+1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

# new
"$CLI" new "$T/c.undersigned" --title "Stop attacks" --organisation "CyberPeace Institute"
check "new exits 0 and writes the file" "[ \$? -eq 0 ] && [ -s '$T/c.undersigned' ]"
"$CLI" new "$T/c.undersigned" --title "Again" 2>"$T/err"; rc=$?
check "new refuses to overwrite (exit 1)" "[ $rc -eq 1 ] && grep -q 'already exists' '$T/err'"
"$CLI" new "$T/d.undersigned" 2>"$T/err"; rc=$?
check "new without --title is a usage error (exit 2)" "[ $rc -eq 2 ]"

# validate
"$CLI" validate "$T/c.undersigned" 2>"$T/err"; rc=$?
check "validate a good file: exit 0, silent" "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"
cat >"$T/bad.undersigned" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<campaign xmlns="https://undersigned.github.io/ns/campaign/1" version="1.0">
  <letter/><incidents/>
  <signatories>
    <signatory id="1" name="A" country="UK"/>
    <signatory id="2" name="B" signed="last tuesday"/>
  </signatories>
  <sources/>
</campaign>
XML
"$CLI" validate "$T/bad.undersigned" 2>"$T/err"; rc=$?
check "validate a bad file: exit 1" "[ $rc -eq 1 ]"
check "validate: one FILE:LINE:COLUMN line per problem" \
  "[ \$(wc -l <'$T/err') -eq 2 ] && grep -q '^$T/bad.undersigned:5:[0-9]*: invalid country code \"UK\"' '$T/err' && grep -q '^$T/bad.undersigned:6:[0-9]*: invalid signed time' '$T/err'"
"$CLI" validate "$T/missing.undersigned" 2>"$T/err"; rc=$?
check "validate a missing file: exit 1 with the path" "[ $rc -eq 1 ] && grep -q '$T/missing.undersigned' '$T/err'"

# stats on the sample
SAMPLE="$ROOT/data/samples/healthcare-2020.undersigned"
"$CLI" stats "$SAMPLE" >"$T/stats"; rc=$?
check "stats on the sample: exit 0" "[ $rc -eq 0 ]"
for key in signatories verified public incidents languages versions; do
  check "stats prints $key" "grep -q '^$key: [0-9][0-9]*\$' '$T/stats'"
done
check "sample has 3 incidents, 2 languages, 1 version" \
  "grep -qx 'incidents: 3' '$T/stats' && grep -qx 'languages: 2' '$T/stats' && grep -qx 'versions: 1' '$T/stats'"

# convert reproduces the sample byte for byte
"$CLI" convert "$SAMPLE" "$T/copy.undersigned"; rc=$?
check "convert the sample: byte-identical" "[ $rc -eq 0 ] && cmp -s '$SAMPLE' '$T/copy.undersigned'"
"$CLI" convert "$T/bad.undersigned" "$T/out.undersigned" 2>/dev/null; rc=$?
check "convert a bad file: exit 1, no output file" "[ $rc -eq 1 ] && [ ! -e '$T/out.undersigned' ]"

# import
printf 'name,title,organisation,country,email,signed_at,public\nZoë Ångström,Director,ICRC,CH,zoe@example.org,2020-05-26T12:00:15Z,yes\n"Okafor, Ivan","Nurse, ""night shift""",MSF,NG,ivan@example.org,2020-05-26T12:01:00Z,no\n' >"$T/in.csv"
"$CLI" import "$T/c.undersigned" "$T/in.csv" >"$T/out"; rc=$?
check "import: exit 0 and prints added: 2" "[ $rc -eq 0 ] && grep -qx 'added: 2' '$T/out'"
"$CLI" stats "$T/c.undersigned" >"$T/stats"
check "import saved the rows" "grep -qx 'signatories: 2' '$T/stats'"
check "import kept the backup" "[ -f '$T/c.undersigned~' ]"

# usage and help
for cmd in new validate stats convert import; do
  "$CLI" $cmd --help >"$T/help" 2>&1; rc=$?
  check "$cmd --help exits 0" "[ $rc -eq 0 ] && grep -q Usage '$T/help'"
done
"$CLI" frobnicate 2>/dev/null; rc=$?
check "unknown command: exit 2" "[ $rc -eq 2 ]"
"$CLI" stats 2>/dev/null; rc=$?
check "missing argument: exit 2" "[ $rc -eq 2 ]"
"$CLI" stats --bogus "$SAMPLE" 2>/dev/null; rc=$?
check "unknown option: exit 2" "[ $rc -eq 2 ]"

# Two programs: undersigned-cli starts without the export and network
# libraries and hands those commands to undersigned-cli-full.
check "undersigned-cli loads none of cairo, xmlsec, OpenSSL, libsoup" \
  "! ldd '$CLI' | grep -qE 'libcairo|libxmlsec|libcrypto|libsoup'"
"$CLI" export "$SAMPLE" --format pdf -o "$T/handed.pdf" 2>"$T/err"; rc=$?
check "export through undersigned-cli-full writes the PDF" "[ $rc -eq 0 ] && [ -s '$T/handed.pdf' ]"
if [ -n "${US_BUILD_ROOT:-}" ] && command -v meson >/dev/null; then
  want=$(meson introspect --installed "$US_BUILD_ROOT" | python3 -c \
    'import json,sys; print([v for k,v in json.load(sys.stdin).items() if k.endswith("/undersigned-cli-full")][0])')
  cp "$CLI" "$T/alone"
  "$T/alone" export "$SAMPLE" --format pdf -o "$T/alone.pdf" 2>"$T/err"; rc=$?
  check "alone, it looks for undersigned-cli-full where meson installs it ($want)" \
    "[ $rc -eq 2 ] && grep -qF 'cannot run $want' '$T/err' && [ ! -e '$T/alone.pdf' ]"
fi

echo "1..$n"
[ $fails -eq 0 ]
