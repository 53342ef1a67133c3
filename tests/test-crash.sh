#!/bin/bash
# test-crash.sh: kill undersigned-cli with SIGKILL at random moments while
# it saves; the file must always be the old or the new complete document.
# TRIALS (default 150) bounds the work; the whole run stops after 120 s.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${US_CLI:?}
TRIALS=${TRIALS:-150}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

make_campaign () {  # make_campaign FILE N TITLE
  awk -v n="$2" -v title="$3" 'BEGIN {
    print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    print "<campaign xmlns=\"https://undersigned.github.io/ns/campaign/1\" version=\"1.0\" created=\"2020-05-20T00:00:00Z\" modified=\"2020-05-26T00:00:00Z\">"
    print "<title>" title "</title><letter/><incidents/><signatories>"
    for (i = 1; i <= n; i++)
      printf "<signatory id=\"%d\" name=\"Signatory %d\" country=\"FR\" email=\"s%d@example.org\" status=\"verified\"/>\n", i, i, i
    print "</signatories><sources/></campaign>"
  }' >"$1.in"
  "$CLI" convert "$1.in" "$1" || exit 1
  rm -f "$1.in"
}

make_campaign "$T/old.undersigned" 30000 Old
make_campaign "$T/new.undersigned" 30000 New
cp "$T/old.undersigned" "$T/target.undersigned"

start=$SECONDS
old=0 new=0 bad=0 n=0
for ((i = 0; i < TRIALS && SECONDS - start < 120; i++)); do
  "$CLI" convert "$T/new.undersigned" "$T/target.undersigned" 2>/dev/null &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 200)))"
  kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null
  n=$((n + 1))
  if cmp -s "$T/target.undersigned" "$T/old.undersigned"; then
    old=$((old + 1))
  elif cmp -s "$T/target.undersigned" "$T/new.undersigned"; then
    new=$((new + 1))
    cp "$T/old.undersigned" "$T/target.undersigned"   # start from the old one again
  else
    bad=$((bad + 1))
    echo "not ok: trial $i left a file that is neither document" >&2
    cp "$T/old.undersigned" "$T/target.undersigned"
  fi
done
# Killed saves leave their temporaries (.target.undersigned.PID.XXXXXX)
# beside the document, hidden; the next save removes them, and nothing
# else in the folder.
shopt -s nullglob dotglob
left=("$T"/.target.undersigned.*)
echo "# $n trials: old intact $old, new complete $new, damaged $bad; ${#left[@]} temporaries left"
touch "$T/.target.undersigned.notes" "$T/notes.txt"
true & dead=$!; wait $dead                 # one more, of a writer surely gone
echo '<half' >"$T/.target.undersigned.$dead.Zz9Zz9"
"$CLI" convert "$T/new.undersigned" "$T/target.undersigned" || bad=$((bad + 1))
cmp -s "$T/target.undersigned" "$T/new.undersigned" || bad=$((bad + 1))
after=("$T"/.target.undersigned.*)
if [ ${#after[@]} -ne 1 ] || [ ! -e "$T/.target.undersigned.notes" ] || [ ! -e "$T/notes.txt" ]; then
  echo "not ok: after the next save the folder holds: $(ls -A "$T" | tr '\n' ' ')" >&2
  bad=$((bad + 1))
fi
"$CLI" validate "$T/target.undersigned" || bad=$((bad + 1))
[ $bad -eq 0 ] && [ $n -ge 20 ]
