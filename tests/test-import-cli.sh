#!/bin/bash
# test-import-cli.sh: undersigned-cli import, duplicates and status
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${US_CLI:?}
ROOT=${US_SOURCE_ROOT:?}
DATA="$ROOT/tests/data/import"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); fails=$((fails+1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

"$CLI" new "$T/c.undersigned" --title "Import" >/dev/null
cp "$T/c.undersigned" "$T/empty.undersigned"

cat >"$T/in.csv" <<'CSV'
name,email,country,signed_at
Ada Lovelace,ada@example.org,GB,2020-05-26
Grace Hopper,not-an-address,US,2020-05-26
ADA LOVELACE, Ada@Example.org ,GB,2020-05-25
=HYPERLINK("x"),evil@example.org,XX,
CSV

# --dry-run changes nothing
"$CLI" import --dry-run "$T/c.undersigned" "$T/in.csv" >"$T/out" 2>"$T/err"; rc=$?
check "dry run: exit 0 and the counts" \
  "[ $rc -eq 0 ] && grep -qx 'added: 1' '$T/out' && grep -qx 'duplicates: 1' '$T/out' && grep -qx 'rejected: 2' '$T/out'"
check "dry run: rejected rows on stderr with line numbers" \
  "grep -q 'in.csv:3: rejected: .*not-an-address' '$T/err' && grep -q 'in.csv:5: rejected: .*XX' '$T/err'"
check "dry run: the campaign is untouched" "cmp -s '$T/c.undersigned' '$T/empty.undersigned'"

# --rejects
"$CLI" import --dry-run --rejects "$T/rejects.csv" "$T/c.undersigned" "$T/in.csv" >/dev/null 2>&1
check "rejects file: header with a reason column" "head -1 '$T/rejects.csv' | grep -q '^name,email,country,signed_at,reason'"
check "rejects file: formulas neutralised" "grep -q \"^\\\"'=HYPERLINK\" '$T/rejects.csv'"

# a real import saves
"$CLI" import "$T/c.undersigned" "$T/in.csv" >"$T/out" 2>/dev/null; rc=$?
check "import: exit 0, saved" "[ $rc -eq 0 ] && [ -f '$T/c.undersigned~' ]"
"$CLI" stats "$T/c.undersigned" >"$T/stats"
check "import: one signatory" "grep -qx 'signatories: 1' '$T/stats'"

# the same rows again are all duplicates
"$CLI" import "$T/c.undersigned" "$T/in.csv" >"$T/out" 2>/dev/null
check "import again: duplicates, nothing added" "grep -qx 'added: 0' '$T/out' && grep -qx 'duplicates: 2' '$T/out'"

# --map and errors
printf 'Ada Lovelace;ada@example.org\nHedy Lamarr;hedy@example.org\n' >"$T/noheader.csv"
"$CLI" import --dry-run "$T/c.undersigned" "$T/noheader.csv" >/dev/null 2>"$T/err"; rc=$?
check "no header: exit 1, asks for --map by number" "[ $rc -eq 1 ] && grep -q -- '--map 1=name' '$T/err'"
"$CLI" import --dry-run --map 1=name --map 2=email "$T/c.undersigned" "$T/noheader.csv" >"$T/out"; rc=$?
check "no header with --map: exit 0" "[ $rc -eq 0 ] && grep -qx 'added: 1' '$T/out' && grep -qx 'duplicates: 1' '$T/out'"
"$CLI" import --dry-run --map 1=nickname "$T/c.undersigned" "$T/noheader.csv" 2>"$T/err" >/dev/null; rc=$?
check "unknown field: exit 1 and the list of fields" "[ $rc -eq 1 ] && grep -q 'signed_at' '$T/err'"
"$CLI" import --dry-run --format xml "$T/c.undersigned" "$T/in.csv" 2>/dev/null >/dev/null; rc=$?
check "bad --format: exit 2" "[ $rc -eq 2 ]"
"$CLI" import --dry-run "$T/c.undersigned" "$T/missing.csv" 2>"$T/err" >/dev/null; rc=$?
check "missing input: exit 1, names the file and why" \
  "[ $rc -eq 1 ] && grep -q 'missing.csv:0:0: cannot read the file (No such file or directory)' '$T/err'"
"$CLI" import --dry-run "$T/c.undersigned" "$T" 2>"$T/err" >/dev/null; rc=$?
check "a folder as input: exit 1, says it is one" "[ $rc -eq 1 ] && grep -q 'Is a directory' '$T/err'"
cat "$T/in.csv" | "$CLI" import --dry-run "$T/empty.undersigned" /dev/stdin >"$T/out" 2>/dev/null; rc=$?
check "input from a pipe (/dev/stdin): the counts of the file" \
  "[ $rc -eq 0 ] && grep -qx 'added: 1' '$T/out' && grep -qx 'duplicates: 1' '$T/out' && grep -qx 'rejected: 2' '$T/out'"
"$CLI" import --dry-run "$T/c.undersigned" "$DATA/windows-1252.csv" 2>"$T/err" >/dev/null; rc=$?
check "Windows-1252 without --encoding: exit 1 naming the way out" "[ $rc -eq 1 ] && grep -q 'Windows-1252' '$T/err'"
"$CLI" import --dry-run --encoding WINDOWS-1252 "$T/c.undersigned" "$DATA/windows-1252.csv" >"$T/out"; rc=$?
check "--encoding WINDOWS-1252: exit 0" "[ $rc -eq 0 ] && grep -qx 'added: 2' '$T/out'"
"$CLI" import --dry-run --encoding KOI8-R "$T/c.undersigned" "$DATA/windows-1252.csv" 2>"$T/err" >/dev/null; rc=$?
check "unsupported encoding: exit 1, lists the supported ones" "[ $rc -eq 1 ] && grep -q 'LATIN1' '$T/err'"

# OSDI, detected
"$CLI" import --dry-run "$T/c.undersigned" "$DATA/osdi-signatures-page1.json" >"$T/out"; rc=$?
check "OSDI page: exit 0, 3 added" "[ $rc -eq 0 ] && grep -qx 'added: 3' '$T/out'"

# duplicates and status
printf 'name,email,country\nAda Lovelace,ada@work.example,GB\n' >"$T/second.csv"
"$CLI" import "$T/c.undersigned" "$T/second.csv" >/dev/null
"$CLI" duplicates "$T/c.undersigned" >"$T/dups"; rc=$?
check "duplicates: one group of two" "[ $rc -eq 0 ] && grep -qx 'groups: 1' '$T/dups' && grep -q 'ada@work.example' '$T/dups'"
"$CLI" status "$T/c.undersigned" --set verified 1 2 >"$T/out"; rc=$?
"$CLI" stats "$T/c.undersigned" >"$T/stats"
check "status --set verified: saved" "[ $rc -eq 0 ] && grep -qx 'changed: 2' '$T/out' && grep -qx 'verified: 2' '$T/stats'"
"$CLI" status "$T/c.undersigned" --set verified 1 999 2>"$T/err" >/dev/null; rc=$?
check "status with an unknown id: exit 1, nothing changed" "[ $rc -eq 1 ] && grep -q '999' '$T/err'"
"$CLI" status "$T/c.undersigned" --set maybe 1 2>/dev/null; rc=$?
check "status with a bad --set: exit 2" "[ $rc -eq 2 ]"

# --dry-run reads only the campaign's keys: the counts must be the real
# import's, on every kind of match and reject
cat >"$T/base.csv" <<'CSV'
name,email,country,status
Ada Lovelace,ada@example.org,GB,
Zoë Dubois,,FR,
Grace Hopper,grace@example.org,US,withdrawn
Kim  Jiwoo,,KR,
Lin Wei,L.In@Gmail.com,CN,
CSV
cat >"$T/more.csv" <<'CSV'
name,email,country
Ada L.,  ADA@EXAMPLE.ORG ,GB
ZOË  DUBOIS,,FR
Zoë Dubois,,BE
Zoë Dubois,zoe@example.fr,FR
Zoë X,zoe@example.fr,
Grace Hopper,grace@example.org,US
New Person,new@example.org,DE
new person,NEW@example.org,
Paper Signer,,FR
paper  signer,,FR
,x@example.org,
Bad Country,b@example.org,XX
Bad Email,not-an-address,
Kim Jiwoo,kim@example.kr,KR
Ada G,a.da+x@gmail.com,
Ada G2,ada@googlemail.com,
Lin W,lin+sign@gmail.com,
CSV
"$CLI" new "$T/d.undersigned" --title "Dry run" >/dev/null
"$CLI" import "$T/d.undersigned" "$T/base.csv" >/dev/null 2>&1
for rules in "" "--provider-rules"; do
  cp "$T/d.undersigned" "$T/d-copy.undersigned"
  "$CLI" import --dry-run $rules "$T/d.undersigned" "$T/more.csv" >"$T/dry" 2>"$T/dry-err"; rc1=$?
  "$CLI" import $rules "$T/d-copy.undersigned" "$T/more.csv" >"$T/real" 2>"$T/real-err"; rc2=$?
  check "dry run $rules: the real import's counts and rejects" \
    "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && cmp -s '$T/dry' '$T/real' && cmp -s '$T/dry-err' '$T/real-err' && grep -qx 'rejected: 3' '$T/dry'"
done
check "dry run: the expected counts" \
  "grep -qx 'added: 4' '$T/real' && grep -qx 'duplicates: 10' '$T/real'"

# --dry-run refuses a hostile campaign as the full load does
printf '<?xml version="1.0"?>\n<!DOCTYPE campaign [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<campaign xmlns="https://undersigned.github.io/ns/campaign/1" version="1.0"><signatories><signatory id="1" name="&e;"/></signatories></campaign>\n' >"$T/evil.undersigned"
"$CLI" import --dry-run "$T/evil.undersigned" "$T/more.csv" >/dev/null 2>"$T/err"; rc=$?
"$CLI" import "$T/evil.undersigned" "$T/more.csv" >/dev/null 2>"$T/err-real"
check "dry run: a DOCTYPE is refused as the import refuses it, exit 1, file named" \
  "[ $rc -eq 1 ] && grep -q 'evil.undersigned:3:' '$T/err' && cmp -s '$T/err' '$T/err-real'"
"$CLI" import --dry-run "$T/missing.undersigned" "$T/missing.csv" >/dev/null 2>"$T/err"; rc=$?
check "dry run: a missing campaign is named before the input" "[ $rc -eq 1 ] && grep -q 'missing.undersigned' '$T/err'"

for cmd in import duplicates status; do
  "$CLI" $cmd --help >"$T/help" 2>&1; rc=$?
  check "$cmd --help exits 0" "[ $rc -eq 0 ] && grep -q Usage '$T/help'"
done

echo "1..$n"
[ $fails -eq 0 ]
