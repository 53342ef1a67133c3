#!/bin/bash
# test-export.sh: undersigned-cli export, as a press officer drives it
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
have () { command -v "$1" >/dev/null 2>&1; }

# A campaign with a named, an anonymous, a pending and a formula-shaped signer.
"$CLI" new "$T/c.undersigned" --title "Stop attacks on hospitals!" --organisation "CyberPeace Institute" >/dev/null
cat >"$T/in.csv" <<'CSV'
name,title,organisation,country,email,public,status
Zoë Ångström,Director,"Médecins, Sans Frontières",CH,zoe@example.org,yes,verified
=HYPERLINK(""http://evil.example""),+cmd,-2+3,DE,evil@example.org,yes,verified
Ann Onymous,Nurse,City Hospital,FR,ann@example.org,anonymous,verified
No Consent,Nurse,City Hospital,FR,none@example.org,no,verified
Pending Person,Doctor,Clinic,GB,pending@example.org,yes,pending
CSV
"$CLI" import "$T/c.undersigned" "$T/in.csv" >/dev/null 2>&1
check "import the test signatories" "[ \$? -eq 0 ]"

# usage errors
"$CLI" export --help >"$T/help"; rc=$?
check "export --help: exit 0 and lists the formats" "[ $rc -eq 0 ] && grep -q 'pack' '$T/help'"
"$CLI" export "$T/c.undersigned" 2>/dev/null; rc=$?
check "export without -o: exit 2" "[ $rc -eq 2 ]"
"$CLI" export "$T/c.undersigned" -o "$T/x.doc" 2>/dev/null; rc=$?
check "export to an unknown extension: exit 2" "[ $rc -eq 2 ]"
"$CLI" export "$T/c.undersigned" --format pdf --paper a3 -o "$T/x.pdf" 2>/dev/null; rc=$?
check "export --paper a3: exit 2" "[ $rc -eq 2 ] && [ ! -e '$T/x.pdf' ]"
"$CLI" export "$T/c.undersigned" --format pdf --include-private -o "$T/x.pdf" 2>/dev/null; rc=$?
check "a PDF never takes --include-private: exit 2" "[ $rc -eq 2 ]"
"$CLI" export "$T/c.undersigned" --format pack -o "$T/pack" 2>/dev/null; rc=$?
check "pack without --sign-key: exit 2" "[ $rc -eq 2 ] && [ ! -e '$T/pack' ]"
"$CLI" export "$T/missing.undersigned" -o "$T/x.pdf" 2>/dev/null; rc=$?
check "export a missing file: exit 1" "[ $rc -eq 1 ]"
"$CLI" export "$T/c.undersigned" --edition xx -o "$T/x.pdf" 2>"$T/err"; rc=$?
check "export an unknown edition: exit 1, no file, no temp" \
  "[ $rc -eq 1 ] && [ ! -e '$T/x.pdf' ] && ! ls '$T' | grep -q tmp-"

# pdf
"$CLI" export "$T/c.undersigned" -o "$T/c.pdf"; rc=$?
check "export pdf (format from the extension): exit 0" "[ $rc -eq 0 ] && [ -s '$T/c.pdf' ]"
check "no temporary file is left" "! ls '$T' | grep -q 'tmp-'"
if have pdftotext; then
  pdftotext "$T/c.pdf" "$T/c.txt"
  check "pdf lists the named signer" "grep -q 'Zoë Ångström' '$T/c.txt'"
  check "pdf counts the anonymous signer" "grep -q 'and 1 other' '$T/c.txt'"
  check "pdf holds no e-mail, pending or anonymous name" \
    "! grep -q '@' '$T/c.txt' && ! grep -q 'Pending Person' '$T/c.txt' && ! grep -q 'Ann Onymous' '$T/c.txt' && ! grep -q 'No Consent' '$T/c.txt'"
fi
"$CLI" export "$T/c.undersigned" --format pdf --paper letter --group-by-country -o "$T/l.pdf"; rc=$?
check "export pdf on letter paper, by country: exit 0" "[ $rc -eq 0 ]"
if have pdfinfo; then
  check "letter paper is 612 x 792" "pdfinfo '$T/l.pdf' | grep -q '612 x 792'"
fi

# xml
"$CLI" export "$T/c.undersigned" --format xml -o "$T/c.xml" 2>"$T/err"; rc=$?
check "export xml: exit 0, says it is not signed" "[ $rc -eq 0 ] && grep -q 'not signed' '$T/err'"
check "public xml has no e-mail and no pending signer" \
  "! grep -q 'example.org' '$T/c.xml' && ! grep -q 'Pending Person' '$T/c.xml'"
"$CLI" validate "$T/c.xml" 2>/dev/null; rc=$?
check "the xml export loads again" "[ $rc -eq 0 ]"
"$CLI" export "$T/c.undersigned" --format xml --include-private -o "$T/all.xml" 2>/dev/null; rc=$?
check "xml --include-private keeps everything" "[ $rc -eq 0 ] && grep -q 'pending@example.org' '$T/all.xml'"

# csv
"$CLI" export "$T/c.undersigned" --format csv -o "$T/c.csv"; rc=$?
check "export csv: exit 0" "[ $rc -eq 0 ]"
check "csv header" "head -1 '$T/c.csv' | grep -q '^id,name,title,organisation,country,signed_at,status,consent,prominent.\$'"
check "csv lists only public signers" \
  "grep -q 'Zoë Ångström' '$T/c.csv' && ! grep -q 'Ann Onymous' '$T/c.csv' && ! grep -q 'Pending' '$T/c.csv' && ! grep -q '@' '$T/c.csv'"
check "csv neutralises formulas" \
  "grep -q \"\\\"'=HYPERLINK\" '$T/c.csv' && grep -q \"'+cmd\" '$T/c.csv' && grep -q \"'-2+3\" '$T/c.csv'"
"$CLI" export "$T/c.undersigned" --format csv --include-private -o "$T/all.csv"; rc=$?
check "csv --include-private: everyone, with email and note" \
  "[ $rc -eq 0 ] && head -1 '$T/all.csv' | grep -q 'email,note' && grep -q 'Pending Person' '$T/all.csv' && grep -q 'ann@example.org' '$T/all.csv'"

# pack
"$CLI" keygen "$T/key.pem" >/dev/null 2>&1
if [ -s "$T/key.pem" ]; then
  "$CLI" export "$T/c.undersigned" --format pack --sign-key "$T/key.pem" -o "$T/pack/out" >"$T/pack.out"; rc=$?
  P="$T/pack/out/stop-attacks-on-hospitals"
  check "export pack: exit 0, three files" "[ $rc -eq 0 ] && [ -s '$P.pdf' ] && [ -s '$P.xml' ] && [ -s '$P.pub.pem' ]"
  check "pack's public key is the keygen one" "cmp -s '$P.pub.pem' '$T/key.pub.pem'"
  "$CLI" verify "$P.xml" --key "$P.pub.pem" >/dev/null 2>&1; rc=$?
  check "pack's xml verifies" "[ $rc -eq 0 ]"
  if have xmlsec1; then
    xmlsec1 --verify --pubkey-pem "$P.pub.pem" "$P.xml" >/dev/null 2>&1; rc=$?
    check "pack's xml verifies with xmlsec1" "[ $rc -eq 0 ]"
  fi
  if have pdftotext; then
    pdftotext "$P.pdf" "$T/pack.txt"
    sum=$(sha256sum "$P.xml" | cut -d' ' -f1)
    check "pack's pdf gives the xml's sha-256" "grep -q '$sum' '$T/pack.txt'"
    fp=$(sed -n 's/^fingerprint: //p' "$T/pack.out")
    check "pack's pdf gives the key's fingerprint" "[ -n '$fp' ] && grep -q '$fp' '$T/pack.txt'"
  fi
fi

# the sample
SAMPLE="$ROOT/data/samples/healthcare-2020.undersigned"
if [ -e "$SAMPLE" ]; then
  "$CLI" export "$SAMPLE" --format pdf -o "$T/sample.pdf"; rc=$?
  check "export the sample: exit 0" "[ $rc -eq 0 ] && [ -s '$T/sample.pdf' ]"
fi

echo "1..$n"
[ "$fails" -eq 0 ]
