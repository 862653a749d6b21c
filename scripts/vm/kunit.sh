#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh TREE OUT: make kunit. Build TREE into OUT and run the series'
# KUnit suites with kunit.py (drivers/pci/liveupdate/.kunitconfig) under QEMU x86_64 with TCG
# only (scripts/qemu-tcg drops the KVM flags); then the kernel log must hold
# no problem report (the patterns of the selftest's vm_check.py).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: kunit.sh TREE OUT}")
out=$(realpath -m "${2:?usage: kunit.sh TREE OUT}")
require_tree "$tree"
mkdir -p "$out"

export PATH=$TOP/scripts/qemu-tcg:$PATH
cd "$tree"
kunit=(python3 tools/testing/kunit/kunit.py)
common=(--arch=x86_64 --build_dir="$out"
	--kunitconfig=kernel/liveupdate --kunitconfig=drivers/pci/liveupdate)
rc=0
# The build takes the build lock; the run in QEMU does not.
with_build_lock "${kunit[@]}" build "${common[@]}" --jobs="$(nproc)" \
	--make_options "CC=$(kbuild_cc)" &&
"${kunit[@]}" exec "${common[@]}" --timeout="${KUNIT_TIMEOUT:-300}" || rc=$?
if ! "$tree/$SELFTEST/vm_check.py" reports "$out/test.log"; then
	echo "the kernel log ($out/test.log) has problem reports" >&2
	rc=1
fi
exit "$rc"
