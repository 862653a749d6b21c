#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: one live update, end to end, in QEMU. Applies the series to the
# pinned base, builds the guest kernel and the selftest (cached under
# build/), boots topology (a) (root port, switch, two edu endpoints) under
# TCG, preserves edu 0000:03:00.0 while it has a DMA in flight, kexecs with
# kexec-tools, verifies and finishes in the new kernel, and prints a report:
# the PCI tree before and after with the preserved nodes and refcounts, Bus
# Master of the preserved device, whether the DMA landed, the count of
# disruptive config writes QEMU saw, and PASS or FAIL.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/install-deps.sh" || exit
"$TOP/scripts/fetch-base.sh" || exit
"$TOP/scripts/apply-series.sh" "$BUILD/ci/linux" || exit
msg "building the guest kernel and running the demo scenario (a cold build takes ~12 min here)"
"$TOP/scripts/vm/run-scenarios.sh" -o "$BUILD/vm/kbuild" "$BUILD/ci/linux" dma
echo
echo "==================== PCI Live Update demo ===================="
python3 "$TOP/scripts/vm/demo-report.py" "$BUILD/vm/kbuild.run/dma"
