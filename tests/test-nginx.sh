#!/bin/bash
# test-nginx.sh: conditional GET against a real nginx on a loopback port
#
# Proves that "unchanged" comes from a server we did not write: nginx
# serves static feed files with its own ETag and Last-Modified, and
# answers the second fetch with 304.  Skips (exit 77) without nginx.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${US_CLI:?}
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; })
if [ -z "$NGINX" ]; then
  echo "1..0 # SKIP nginx is not installed (Debian: apt-get install nginx-light)"
  exit 77
fi

T=$(mktemp -d)
NGINX_PID=
cleanup () {
  if [ -n "$NGINX_PID" ]; then
    kill "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
  fi
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

fails=0
n=0
ok () { n=$((n+1)); echo "ok $n - $1"; }
not_ok () { n=$((n+1)); fails=$((fails+1)); echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else not_ok "$1"; fi; }

feed () {  # feed FIRST COUNT
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<feed xmlns="http://www.w3.org/2005/Atom"><title>Health-ISAC alerts</title>'
  echo '<id>urn:test:feed</id><updated>2020-05-26T00:00:00Z</updated>'
  for i in $(seq "$1" $(($1 + $2 - 1))); do
    echo "<entry><id>urn:test:$i</id><title>Ransomware at hospital $i</title>"
    echo "<link href=\"https://news.example.org/$i\"/><updated>2020-03-1${i: -1}T10:00:00Z</updated></entry>"
  done
  echo '</feed>'
}
rss () {
  echo '<?xml version="1.0"?><rss version="2.0"><channel><title>Cyber news</title>'
  for i in 1 2 3; do
    echo "<item><guid>rss-$i</guid><title>Breach $i</title><link>https://example.org/rss/$i</link>"
    echo "<pubDate>Tue, 0$i Mar 2020 10:00:00 GMT</pubDate></item>"
  done
  echo '</channel></rss>'
}

mkdir -p "$T/www" "$T/logs" "$T/tmp"
# Run as root, nginx hands requests to an unprivileged worker: let it read.
chmod 755 "$T" "$T/www"
feed 1 5 >"$T/www/alerts.xml"
rss >"$T/www/news.rss"
chmod 644 "$T/www/"*

# A free loopback port: bind port 0 and read what the kernel chose.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cat >"$T/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $T/nginx.pid;
error_log $T/logs/error.log;
events { worker_connections 64; }
http {
  access_log $T/logs/access.log;
  client_body_temp_path $T/tmp/body;
  proxy_temp_path $T/tmp/proxy;
  fastcgi_temp_path $T/tmp/fastcgi;
  uwsgi_temp_path $T/tmp/uwsgi;
  scgi_temp_path $T/tmp/scgi;
  types { application/atom+xml xml; application/rss+xml rss; text/html html; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$PORT;
    root $T/www;
    # Last-Modified alone, for the If-Modified-Since path.
    location /lm/ { alias $T/www/; etag off; }
    # A service that wants a token in a header of its own.
    location /private/ {
      alias $T/www/;
      if (\$http_osdi_api_token != "tok-9f8e7d") { return 401; }
    }
  }
}
CONF

"$NGINX" -p "$T" -c "$T/nginx.conf" -e "$T/logs/error.log" &
NGINX_PID=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  sleep 0.1
done
if ! kill -0 "$NGINX_PID" 2>/dev/null; then
  echo "Bail out! nginx did not start:"; cat "$T/logs/error.log"
  exit 1
fi

BASE="http://127.0.0.1:$PORT"
C="$T/c.undersigned"
"$CLI" new "$C" --title "Hospitals" >/dev/null
"$CLI" sources add "$C" "$BASE/alerts.xml" --id alerts >"$T/out"; rc=$?
check "sources add --kind auto detects an Atom feed served by nginx" \
  "[ $rc -eq 0 ] && grep -q \$'^alerts\tincidents\t' '$T/out'"
"$CLI" sources add "$C" "$BASE/lm/news.rss" --kind incidents --id news >/dev/null
"$CLI" sources add "$C" "$BASE/gone.xml" --kind incidents --id gone >/dev/null

"$CLI" fetch "$C" --source alerts --source news >"$T/out" 2>&1; rc=$?
check "first fetch: exit 0" "[ $rc -eq 0 ]"
check "first fetch: alerts: 5 new" "grep -qx 'alerts: 5 new' '$T/out'"
check "first fetch: news (RSS): 3 new" "grep -qx 'news: 3 new' '$T/out'"

"$CLI" fetch "$C" --source alerts --source news >"$T/out" 2>&1; rc=$?
check "second fetch: alerts unchanged (ETag)" "[ $rc -eq 0 ] && grep -qx 'alerts: unchanged' '$T/out'"
check "second fetch: news unchanged (Last-Modified)" "grep -qx 'news: unchanged' '$T/out'"
check "nginx answered 304 twice" "[ \$(grep -c '\" 304 ' '$T/logs/access.log') -eq 2 ]"
check "the user agent is Undersigned/VERSION" "grep -q '\"Undersigned/[0-9.]*\"\$' '$T/logs/access.log'"

# The feed changes: two new entries, three old ones (already in the inbox).
sleep 1  # Last-Modified has one-second precision
feed 3 5 >"$T/www/alerts.xml"
"$CLI" fetch "$C" >"$T/out" 2>&1; rc=$?
check "after a change: alerts: 2 new" "grep -qx 'alerts: 2 new' '$T/out'"
check "a 404 from nginx is reported per source, exit 3" \
  "[ $rc -eq 3 ] && grep -qx 'gone: error: HTTP 404 Not Found' '$T/out' && grep -qx 'news: unchanged' '$T/out'"
"$CLI" inbox "$C" >"$T/inbox"
check "inbox lists 10 new candidates" "[ \$(wc -l <'$T/inbox') -eq 10 ]"
"$CLI" stats "$C" >"$T/stats"
check "stats: inbox: 10" "grep -qx 'inbox: 10' '$T/stats'"

# A token from the environment, sent in the header the user named.
"$CLI" sources add "$C" "$BASE/private/alerts.xml" --kind incidents --id private --token-header OSDI-API-Token >/dev/null
"$CLI" fetch "$C" --source private >"$T/out" 2>&1; rc=$?
check "without the token: HTTP 401 and a hint, exit 3" \
  "[ $rc -eq 3 ] && grep -qx 'private: error: HTTP 401 Unauthorized: check the token sent in OSDI-API-Token' '$T/out'"
US_TEST_TOKEN=tok-9f8e7d "$CLI" fetch "$C" --source private --token-env US_TEST_TOKEN >"$T/out" 2>&1; rc=$?
check "with --token-env: 5 new" "[ $rc -eq 0 ] && grep -qx 'private: 5 new' '$T/out'"
check "the token is in neither the campaign nor its backup" "! grep -q 'tok-9f8e7d' '$C' '$C~'"

echo "1..$n"
[ $fails -eq 0 ]
