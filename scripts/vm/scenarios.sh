#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scenarios.sh TREE [SCENARIO...]: the series' VM tests, run from the kernel
# tree as a reviewer would (tools/testing/selftests/pci_liveupdate/vmtest.sh)
# with the guest kernels kept in build/vm/kbuild and build/vm/kbuild-debug
# and the runs in build/vm/run. Records each KTAP result of vmtest.sh as
# vm:RESULT, and each KUnit case the debug guest ran at boot (scenario
# "kunit") as kunit-debug:CASE, and the aarch64 guest (scenario
# "kunit-plain@aarch64") as kunit-arm64:CASE.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: scenarios.sh TREE [SCENARIO...]}")
shift
run=$BUILD/vm/run
args=(-d "$BUILD/vm/kbuild" -w "$run" -k -j "$(nproc)")
[ $# -eq 0 ] || args+=(-T "$(IFS=,; echo "$*")")
mkdir -p "$run"
log=$BUILD/vm/vmtest.log

export_arm64_root

msg "vm: $SELFTEST/vmtest.sh ${args[*]} (log: ${log#"$BUILD"/})"
# Its kernel builds take the build lock; QEMU runs without it.
rc=0
BASE_TREE=$BASE_SRC VMTEST_MAKE="flock $KBUILD_LOCK make" "$tree/$SELFTEST/vmtest.sh" "${args[@]}" 2>&1 |
	tee "$log" | grep -E '^(not )?ok |^# [a-z-]+: |^Bail out' >&2 || rc=$?
record_ktap vm: <"$log"
if [ -f "$run/kunit/serial.log" ]; then
	record_kunit kunit-debug: "$run/kunit/serial.log" "$tree"
fi
if [ -f "$run/kunit-plain@aarch64/serial.log" ]; then
	record_kunit kunit-arm64: "$run/kunit-plain@aarch64/serial.log" "$tree"
fi
exit "$rc"
