#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: everything CI runs. Declare every result (the manifest), then
# fetch the pinned base, apply patches/ to it and run the gates and the VM
# tests, each reporting its results with `record`; scripts/results.py then
# gives the verdict: a declared result that never came is a FAIL with its
# name, and the last line is "N passed, N failed" where N + N is the
# manifest's size. Exits non-zero on any failure.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

CI=$BUILD/ci
tree=$CI/linux
export RESULTS=$CI/results
mkdir -p "$CI"
: >"$RESULTS"
start=$SECONDS

# Every step works from this copy of patches/, taken once.
rm -rf "$CI/patches"
cp -r "$TOP/patches" "$CI/patches"
export PATCHES=$CI/patches
mapfile -t patches < <(series_patches)
python3 "$TOP/scripts/results.py" manifest "$TOP/manifest" "${patches[@]}" \
	>"$CI/manifest" || die "cannot read the manifest"
msg "declared $(wc -l <"$CI/manifest") results ($CI/manifest)"

# step NAME CMD...: run a step; the results it records are its verdict. A
# step that exits non-zero is named, and its missing results fail.
step() {
	local name=$1 t=$SECONDS rc=0
	shift
	msg "step $name"
	"$@" || rc=$?
	msg "step $name: exit $rc after $((SECONDS - t)) s"
	return "$rc"
}

# result NAME CMD...: a step that is itself one result.
result() {
	local name=$1
	shift
	if step "$name" "$@"; then
		record PASS "$name"
	else
		record FAIL "$name"
		return 1
	fi
}

verdict() {
	echo
	echo "==================== summary ($((SECONDS - start)) s) ===================="
	python3 "$TOP/scripts/results.py" verdict "$CI/manifest" "$RESULTS"
	exit
}

result install-deps "$TOP/scripts/install-deps.sh" || verdict
result fetch-base "$TOP/scripts/series/fetch-base.sh" || verdict
result apply-series "$TOP/scripts/series/apply-series.sh" "$tree" || verdict

# The harness must be able to fail: its verdicts fed broken inputs.
result harness:verdict python3 "$TOP/scripts/results.py" selftest
result harness:vm_check python3 "$tree/$SELFTEST/vm_check_test.py"

# The VM tests (the series', then LUO's own) run alongside the static
# gates: a guest under TCG keeps about one core busy, checkpatch and
# kernel-doc one, and every kernel build (the gates' and the guests')
# takes the build lock, so that two never run at once. Their lines
# interleave; each result is recorded as it comes.
#
# The gates that build (warnings, bisect) start once the guest kernels are
# built: every VM row waits for its kernel, and a gate holding the build
# lock for minutes would hold all of them up. vmtest.sh writes
# build-KERNEL.rc in its workspace when a guest kernel is done.
rm -f "$BUILD"/vm/run/build-*.rc
nkernels=$(python3 "$tree/$SELFTEST/vm_check.py" table |
	sed -n 's/^kernels=(\(.*\))$/\1/p' | wc -w)
{
	step vm "$TOP/scripts/vm/scenarios.sh" "$tree"
	step luo-vmtest "$TOP/scripts/vm/luo-selftests.sh" -k "$BUILD/vm/kbuild" "$tree"
} &
vm=$!
step style "$TOP/scripts/gates/style.sh" "$tree"
step docs "$TOP/scripts/gates/docs.sh" "$tree"
t=$SECONDS
while kill -0 "$vm" 2>/dev/null &&
      [ "$(find "$BUILD/vm/run" -maxdepth 1 -name 'build-*.rc' 2>/dev/null |
	   wc -l)" -lt "$nkernels" ]; do
	sleep 5
done
msg "the $nkernels guest kernels are built: the building gates start (waited $((SECONDS - t)) s)"
step warnings "$TOP/scripts/gates/warnings.sh" "$tree"
step bisect "$TOP/scripts/gates/bisect.sh" "$tree"
wait "$vm"

verdict
