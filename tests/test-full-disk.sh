#!/bin/bash
# test-full-disk.sh: save onto a disk that really is full (a 512 KiB tmpfs
# in a private mount namespace, so nothing outside the test sees it).
# Every save that cannot fit must fail with a message naming the file and
# the lack of space, and leave the old file byte for byte as it was, with
# no temporary left beside it.  The injected-error tests in test-save.c
# cover the same promise where no tmpfs can be mounted.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
CLI=${US_CLI:?}

# Into a mount namespace of our own: as root directly, otherwise as a
# user namespace's root.  Where neither is allowed, skip.
if [ -z "${US_FULL_DISK_INSIDE:-}" ]; then
  export US_FULL_DISK_INSIDE=1
  if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    exec unshare -m "$0" "$@"
  elif unshare -rm true 2>/dev/null; then
    exec unshare -rm "$0" "$@"
  fi
  echo "SKIP: cannot create a mount namespace here (no tmpfs to fill)"
  exit 77
fi

T=$(mktemp -d)
DISK=$T/disk
mkdir -p "$DISK"
trap 'umount "$DISK" 2>/dev/null; rm -rf "$T"' EXIT
if ! mount -t tmpfs -o size=512k,mode=0700 tmpfs "$DISK"; then
  echo "SKIP: cannot mount a tmpfs in the private namespace"
  exit 77
fi

fail=0
check () {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok - $1"; else echo "not ok - $1"; fail=1; fi
}

# A campaign that fits, and a signature list that will not.
"$CLI" new "$DISK/c.undersigned" --title "Full disk" >/dev/null || exit 1
cp "$DISK/c.undersigned" "$T/before"
awk 'BEGIN { print "name,email,country"
             for (i = 1; i <= 20000; i++) printf "Signatory %d,s%d@example.org,FR\n", i, i }' >"$T/people.csv"

"$CLI" import "$DISK/c.undersigned" "$T/people.csv" >"$T/out" 2>"$T/err"
rc=$?
echo "import: exit $rc: $(cat "$T/err")"
check "import onto a full disk fails" test "$rc" -ne 0
check "the error names the file" grep -q "c.undersigned" "$T/err"
check "the error says the disk is full" grep -qi "space" "$T/err"
check "the old file is byte for byte intact" cmp -s "$T/before" "$DISK/c.undersigned"
check "the old file still loads" "$CLI" validate "$DISK/c.undersigned"
leftover=$(find "$DISK" -name '.c.undersigned.*' -o -name 'c.undersigned.??????' | head -1)
check "no temporary is left beside it" test -z "$leftover"

# The same with the disk filled to the last byte by another file: even a
# save of the same size cannot be written.
dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
"$CLI" convert "$DISK/c.undersigned" "$DISK/c.undersigned" >"$T/out" 2>"$T/err"
rc=$?
echo "convert: exit $rc: $(cat "$T/err")"
check "re-saving onto a disk with no byte free fails" test "$rc" -ne 0
check "the error says the disk is full" grep -qi "space" "$T/err"
check "the old file is still intact" cmp -s "$T/before" "$DISK/c.undersigned"

# Room again: the same import now succeeds, so the failures above were
# the disk's and not the input's.
rm -f "$DISK/filler" "$DISK"/c.undersigned~
head -n 200 "$T/people.csv" >"$T/some.csv"
"$CLI" import "$DISK/c.undersigned" "$T/some.csv" >"$T/out" 2>"$T/err"
rc=$?
check "with room, the import succeeds" test "$rc" -eq 0 || cat "$T/err"
check "and the file holds the new signatories" grep -q "Signatory 199" "$DISK/c.undersigned"

exit $fail
