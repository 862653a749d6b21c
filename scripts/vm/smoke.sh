#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# End-to-end check of the VM harness on a kernel tree (default: the pristine
# base): build it with kconfig.fragment, boot topology TOPO (default a),
# print the PCI tree, kexec into the same kernel and initramfs, and expect
# "ok 1 kexec reached stage 2".
#
#   scripts/vm/smoke.sh [SRC [OUT [TOPO]]]
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

src=${1:-$BASE_SRC}
out=${2:-$BUILD/vm/kbuild-base}
topo=${3:-a}
run=$BUILD/vm/run-smoke-$topo

"$TOP/scripts/vm/build-kernel.sh" "$src" "$out"
"$TOP/scripts/vm/mkinitramfs.sh" -k "$out/arch/x86/boot/bzImage" \
	"$run/initrd.cpio.gz" "$TOP/scripts/vm/tests/smoke.sh:/test/run"
"$TOP/scripts/vm/run-vm.sh" -t "$topo" -o "$run/serial.log" \
	-r "$run/pci-cfg-write.trace" \
	-e "vmtest: stage 1" -e "vmtest: kexec" -e "vmtest: stage 2" \
	-e "ok 1 kexec reached stage 2" \
	"$out/arch/x86/boot/bzImage" "$run/initrd.cpio.gz"
