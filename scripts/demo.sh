#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo [S=SCENARIO]: one live update, end to end, in QEMU. Applies the
# series to the pinned base, builds the guest kernel (kept in build/vm),
# runs one scenario of the series' VM tests (default dma: edu 0000:03:00.0
# behind a root port and a switch is preserved while a DMA it started is in
# flight, the guest kexecs, verifies and finishes in the new kernel), and
# prints a report of this run only: the PCI tree before and after with the
# preserved nodes and refcounts, Bus Master of the preserved device, whether
# the DMA landed, the config writes QEMU saw disturb the preserved path,
# and PASS or FAIL. Exits non-zero on FAIL, a kernel problem report
# included.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scenario=${1:-dma}
tree=$BUILD/ci/linux
run=$BUILD/demo

"$TOP/scripts/install-deps.sh"
"$TOP/scripts/series/fetch-base.sh"
"$TOP/scripts/series/apply-series.sh" "$tree"
msg "building the guest kernel and running scenario $scenario (a cold build takes ~5 min here)"
rm -rf "$run"
rc=0
BASE_TREE=$BASE_SRC VMTEST_MAKE="flock $KBUILD_LOCK make" "$tree/$SELFTEST/vmtest.sh" \
	-d "$BUILD/vm/kbuild" -w "$run" -k -T "$scenario" >"$run.log" 2>&1 || rc=$?
grep -E '^(not )?ok |^Bail out' "$run.log" >&2 || :
echo
echo "==================== PCI Live Update demo: $scenario ===================="
python3 "$TOP/scripts/vm/demo-report.py" "$run/$scenario" \
	"$tree/$SELFTEST/vm_check.py" || rc=1
exit "$rc"
