#!/bin/bash
# Refresh speed of `undersigned-cli fetch` against curl fetching the same
# URLs in parallel, on loopback.
#
#   bench/bench-fetch.sh [BUILD_DIR] [SIGNATURES]     (default: build 100000)
#
# 1. 50 incident feeds of 1,000 Atom entries each, served by nginx (or,
#    without nginx, python3's http.server): 25 already fetched, so the
#    server answers 304, and 25 new.  undersigned-cli fetches, parses,
#    merges 25,000 candidates and saves; curl (--parallel, same 6 at a
#    time, -z for the same conditional requests) only downloads.
# 2. An OSDI feed of SIGNATURES signatures (half of them already signed)
#    merged into a campaign of SIGNATURES signatories.
#
# Prints wall times (best of 3) and ratios.  Only 127.0.0.1 is contacted.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SIGNATURES=${2:-100000}
CLI="$(pwd)/$BUILD/src/cli/undersigned-cli"
GEN=../shared/bench/gen-signatories.py
FEEDS=50
ENTRIES=1000
JOBS=6
T=$(mktemp -d)
SERVER_PID=
cleanup () {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

[ -x "$CLI" ] || { echo "no $CLI: build first (meson setup $BUILD && ninja -C $BUILD)" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed (Debian: apt-get install curl)" >&2; exit 1; }

mkdir -p "$T/www" "$T/logs" "$T/tmp"
chmod 755 "$T" "$T/www"

python3 - "$T/www" "$FEEDS" "$ENTRIES" <<'PY'
import sys
www, feeds, entries = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for f in range(1, feeds + 1):
    with open(f"{www}/feed{f:02d}.xml", "w") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                  '<feed xmlns="http://www.w3.org/2005/Atom">'
                  f'<title>Feed {f}</title><id>urn:bench:{f}</id>'
                  '<updated>2020-05-26T00:00:00Z</updated>\n')
        for e in range(entries):
            out.write(f'<entry><id>urn:bench:{f}:{e}</id>'
                      f'<title>Ransomware attack on hospital {e} reported by feed {f}</title>'
                      f'<link href="https://news.example.org/{f}/{e}"/>'
                      f'<updated>2020-03-{e % 28 + 1:02d}T10:00:00Z</updated>'
                      f'<summary>Systems at hospital {e} were encrypted; surgeries were postponed '
                      f'and patients diverted to neighbouring hospitals.</summary></entry>\n')
        out.write('</feed>\n')
PY
chmod 644 "$T/www/"*

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -n "$NGINX" ]; then
  SERVER="nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///')"
  cat >"$T/nginx.conf" <<CONF
daemon off;
worker_processes 2;
pid $T/nginx.pid;
error_log $T/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $T/tmp/body;
  proxy_temp_path $T/tmp/proxy;
  fastcgi_temp_path $T/tmp/fastcgi;
  uwsgi_temp_path $T/tmp/uwsgi;
  scgi_temp_path $T/tmp/scgi;
  types { application/atom+xml xml; application/json json; }
  sendfile on;
  server { listen 127.0.0.1:$PORT; root $T/www; }
}
CONF
  "$NGINX" -p "$T" -c "$T/nginx.conf" -e "$T/logs/error.log" &
else
  # Last-Modified and If-Modified-Since only; enough for the 304s.
  SERVER="python3 http.server"
  python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$T/www" >/dev/null 2>&1 &
fi
SERVER_PID=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
BASE="http://127.0.0.1:$PORT"

best_of_3 () {
  # runs "$@" three times after PREPARE; prints the fastest wall time in seconds
  local best=""
  for _ in 1 2 3; do
    eval "$PREPARE"
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>"$T/err" || [ $? -eq 3 ] || { cat "$T/err" >&2; return 1; }
    t1=$(date +%s.%N)
    local s
    s=$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}")
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
  done
  echo "$best"
}

# 1. 50 sources: the first half fetched once already (they get 304s).
C="$T/feeds.undersigned"
"$CLI" new "$C" --title "Benchmark" >/dev/null
: >"$T/curl.conf"
for f in $(seq -w 1 $FEEDS); do
  "$CLI" sources add "$C" "$BASE/feed$f.xml" --kind incidents --id "feed$f" >/dev/null
  {
    if [ "$f" != 01 ]; then echo "next"; fi
    echo "url = \"$BASE/feed$f.xml\""
    echo "output = \"/dev/null\""
    if [ "$f" -le $((FEEDS / 2)) ]; then echo "time-cond = \"$T/www/feed$f.xml\""; fi
  } >>"$T/curl.conf"
done
half=$(for f in $(seq -w 1 $((FEEDS / 2))); do printf -- '--source feed%s ' "$f"; done)
# shellcheck disable=SC2086
"$CLI" fetch "$C" $half >/dev/null
cp "$C" "$T/prepared.undersigned"

PREPARE="cp '$T/prepared.undersigned' '$C'"
ours=$(best_of_3 "$CLI" fetch "$C" --jobs $JOBS)
"$CLI" fetch "$T/prepared.undersigned" --jobs $JOBS >"$T/summary" || true
n304=$(grep -c ': unchanged$' "$T/summary" || true)
nnew=$(grep -c ": $ENTRIES new\$" "$T/summary" || true)
PREPARE=":"
theirs=$(best_of_3 curl --parallel --parallel-max $JOBS -s -K "$T/curl.conf")
echo "server: $SERVER on 127.0.0.1:$PORT; $JOBS requests at a time"
printf '%-52s %9s %9s %7s\n' "refresh" "undersig." "curl" "ratio"
printf '%-52s %8ss %8ss %6sx\n' "$FEEDS sources ($n304 x 304, $nnew x $ENTRIES-entry feed)" \
  "$ours" "$theirs" "$(awk "BEGIN{printf \"%.1f\", $ours / $theirs}")"

# 2. OSDI signatures merged into a campaign of as many signatories.
python3 "$GEN" "$SIGNATURES" --seed 1 --dup-rate 0 >"$T/base.csv"
python3 - "$T/base.csv" "$T/www/osdi.json" "$SIGNATURES" <<'PY'
import csv, json, sys
base, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.DictReader(open(base, encoding="utf-8")))
sigs = []
for i in range(n):
    if i % 2 == 0:  # an earlier signer again: a duplicate to find
        r = rows[i]
        given, _, family = r["name"].partition(" ")
        email, country = r["email"], r["country"]
    else:
        given, family, email, country = f"New{i}", f"Signer{i}", f"new{i}@osdi.example.org", "DE"
    sigs.append({"created_date": "2020-05-27T10:00:00Z",
                 "_embedded": {"osdi:person": {
                     "given_name": given, "family_name": family,
                     "email_addresses": [{"address": email, "primary": True}],
                     "postal_addresses": [{"country": country}]}}})
json.dump({"total_records": n, "_embedded": {"osdi:signatures": sigs}},
          open(out, "w", encoding="utf-8"), ensure_ascii=False, separators=(",", ":"))
PY
chmod 644 "$T/www/osdi.json"
S="$T/signers.undersigned"
"$CLI" new "$S" --title "Signers" >/dev/null
"$CLI" import "$S" "$T/base.csv" >/dev/null
"$CLI" sources add "$S" "$BASE/osdi.json" --kind signatures --id osdi >/dev/null
cp "$S" "$T/signers-prepared.undersigned"
PREPARE="cp '$T/signers-prepared.undersigned' '$S'"
ours=$(best_of_3 "$CLI" fetch "$S")
"$CLI" fetch "$T/signers-prepared.undersigned" >"$T/summary" 2>&1 || true
PREPARE=":"
theirs=$(best_of_3 curl -s -o /dev/null "$BASE/osdi.json")
mb=$(du -m "$T/www/osdi.json" | cut -f1)
printf '%-52s %8ss %8ss %6sx\n' "OSDI $SIGNATURES signatures (${mb} MB) into $SIGNATURES ($(cut -d' ' -f2- "$T/summary"))" \
  "$ours" "$theirs" "$(awk "BEGIN{printf \"%.0f\", $ours / ($theirs > 0 ? $theirs : 0.001)}")"
