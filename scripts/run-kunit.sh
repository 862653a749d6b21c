#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run-kunit.sh SRC OUT RESULTS [kunit.py args...]
# Build SRC into OUT and run the series' KUnit suite (drivers/pci/.kunitconfig)
# under QEMU x86_64 with TCG only. Each KUnit case is appended to RESULTS as
# "PASS kunit:<case>" or "FAIL kunit:<case>"; the full log is OUT.log.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

src=$(realpath "${1:?}"); out=$(realpath -m "${2:?}"); results=$(realpath -m "${3:?}"); shift 3
log=$out.log
mkdir -p "$out"

# The wrapper directory drops "-accel kvm" (see scripts/qemu-tcg/).
export PATH=$TOP/scripts/qemu-tcg:$PATH
cc=$(kbuild_cc)
msg "KUnit: building and running drivers/pci/.kunitconfig (O=build/${out#"$BUILD"/}, CC=$cc)"
start=$SECONDS
(cd "$src" && with_build_lock python3 tools/testing/kunit/kunit.py run \
	--arch=x86_64 --build_dir="$out" --kunitconfig=drivers/pci \
	--jobs="$(nproc)" --timeout="${KUNIT_TIMEOUT:-300}" \
	--make_options "CC=$cc" "$@") >"$log" 2>&1
rc=$?
msg "KUnit: kunit.py exited $rc after $((SECONDS - start)) s (log: build/${log#"$BUILD"/})"

# Case lines look like "[hh:mm:ss] [PASSED] name"; suite lines are framed
# by "=" and are not counted.
sed -n 's/^\[[0-9:]*\] \[\(PASSED\|FAILED\|SKIPPED\|CRASHED\)\] \([^ =].*\)$/\1 \2/p' "$log" |
while read -r st name; do
	case $st in
	PASSED) echo "PASS kunit:$name" ;;
	SKIPPED) echo "SKIP kunit:$name" ;;
	*) echo "FAIL kunit:$name" ;;
	esac
done >>"$results"

grep -E '^\[[0-9:]*\] (Testing complete|.*\[(FAILED|CRASHED)\])' "$log" >&2 || true

# The kernel's own log (kunit.py keeps it in OUT/test.log) must be clean:
# a WARN, BUG, lockdep or sleep-in-atomic report fails the run even when
# every case passed.
reports=$(grep -E 'WARNING:|BUG:|Oops|Call Trace|possible (recursive|circular) locking|inconsistent lock state|sleeping function called|kmemleak:.*unreferenced|UBSAN:|KASAN:' \
	"$out/test.log" 2>/dev/null | head -n 20)
if [ -n "$reports" ]; then
	printf '%s\n' "$reports" >&2
	echo "FAIL kunit:kernel-log-clean" >>"$results"
	exit 1
fi
echo "PASS kunit:kernel-log-clean" >>"$results"

if [ $rc -ne 0 ] || ! grep -q '^\[[0-9:]*\] \[PASSED\]' "$log"; then
	tail -n 40 "$log" >&2
	echo "FAIL kunit:run (kunit.py exit $rc)" >>"$results"
	exit 1
fi
exit 0
