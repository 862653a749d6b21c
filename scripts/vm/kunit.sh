#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit.sh TREE OUT [ARCH]: make kunit. Build TREE into OUT and run the
# series' KUnit suites with kunit.py (kernel/liveupdate and
# drivers/pci/liveupdate .kunitconfig) under QEMU with TCG only, for ARCH
# (x86_64, the default, or arm64, cross-compiled with Debian's
# gcc-aarch64-linux-gnu; scripts/qemu-tcg drops QEMU's KVM flags on
# x86_64); then the kernel log must hold no problem report (the patterns
# of the selftest's vm_check.py).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: kunit.sh TREE OUT [ARCH]}")
out=$(realpath -m "${2:?usage: kunit.sh TREE OUT [ARCH]}")
arch=${3:-x86_64}
require_tree "$tree"
mkdir -p "$out"

export PATH=$TOP/scripts/qemu-tcg:$PATH
cd "$tree"
kunit=(python3 tools/testing/kunit/kunit.py)
common=(--arch="$arch" --build_dir="$out"
	--kunitconfig=kernel/liveupdate --kunitconfig=drivers/pci/liveupdate)
cc=$(kbuild_cc "$arch")
case $arch in
x86_64) ;;
arm64)
	# QEMU's architected pointer authentication (QARMA) makes every
	# function return of an arm64 kernel slow under TCG: about 100 times
	# for the suites' drill. The implementation-defined one is cheap.
	common+=(--cross_compile=aarch64-linux-gnu-
		--qemu_args="-cpu max,pauth-impdef=on") ;;
*) die "kunit.sh: no such architecture here: $arch (x86_64 or arm64)" ;;
esac
rc=0
# The build takes the build lock; the run in QEMU does not.
with_build_lock "${kunit[@]}" build "${common[@]}" --jobs="$(nproc)" \
	--make_options "CC=$cc" &&
"${kunit[@]}" exec "${common[@]}" --timeout="${KUNIT_TIMEOUT:-300}" || rc=$?
if ! "$tree/$SELFTEST/vm_check.py" reports "$out/test.log"; then
	echo "the kernel log ($out/test.log) has problem reports" >&2
	rc=1
fi
exit "$rc"
