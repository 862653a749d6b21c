#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything CI runs. Fetch the pinned base (cached), apply
# patches/ to it, run the gates and the VM tests, and print a summary
# whose last line is "N passed, N failed" (", N skipped" when any).
# Exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

CI_DIR=$BUILD/ci
results=$CI_DIR/results
mkdir -p "$CI_DIR"
: >"$results"
start=$SECONDS

step() { # step NAME CMD...: run a gate; record PASS/FAIL under NAME
	local name=$1; shift
	local t=$SECONDS
	if "$@"; then
		echo "PASS $name" >>"$results"
		msg "$name: PASS ($((SECONDS - t)) s)"
	else
		echo "FAIL $name" >>"$results"
		msg "$name: FAIL ($((SECONDS - t)) s)"
		return 1
	fi
}

summary() {
	local p f s
	echo
	echo "==================== summary ($((SECONDS - start)) s) ===================="
	sed -n 's/^FAIL /  FAIL /p; s/^SKIP /  SKIP /p' "$results"
	p=$(grep -c '^PASS ' "$results")
	f=$(grep -c '^FAIL ' "$results")
	s=$(grep -c '^SKIP ' "$results")
	if [ "$s" -gt 0 ]; then
		echo "$p passed, $f failed, $s skipped"
	else
		echo "$p passed, $f failed"
	fi
	[ "$f" -eq 0 ] && [ "$p" -gt 0 ]
}

"$TOP/scripts/install-deps.sh" || { echo "FAIL install-deps" >>"$results"; summary; exit 1; }
step fetch-base "$TOP/scripts/fetch-base.sh" || { summary; exit 1; }
step apply-series "$TOP/scripts/apply-series.sh" "$CI_DIR/linux" || { summary; exit 1; }

# Style gates: checkpatch on every patch, kernel-doc on every touched file.
"$TOP/scripts/check-style.sh" "$CI_DIR/linux" "$results"

# The documentation builds cleanly (kernel-doc + docutils) and is linked.
"$TOP/scripts/check-docs.sh" "$CI_DIR/linux" "$results"

# No new W=1 or sparse warning in drivers/pci/ compared with the base.
"$TOP/scripts/check-warnings.sh" "$CI_DIR/linux" "$results"

# Every patch in turn compiles with CONFIG_PCI_LIVEUPDATE=y and =n.
"$TOP/scripts/check-bisect.sh" "$results"

# The VM tests on two guest kernels with the series and its test file
# handler: the scenarios across real kexecs; and, on the debug guest (KUnit,
# KASAN, UBSAN, lockdep, kmemleak), the KUnit suite at boot (read by
# kunit.py) and one scenario.
"$TOP/scripts/vm/run-scenarios.sh" -o "$BUILD/vm/kbuild" -r "$results" \
	"$CI_DIR/linux" || :

# LUO's own VM tests (the steps of upstream's vmtest.sh) still pass on
# the series kernel.
"$TOP/scripts/vm/run-luo-selftests.sh" -r "$results" -k "$BUILD/vm/kbuild" \
	"$CI_DIR/linux" || :

summary
