#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Harness smoke test (no PCI Live Update needed): stage 1 prints the PCI
# tree and kexecs into the same kernel and initramfs; stage 2 reports.
# Installed as /test/run; $1 is the stage.
. /lib/vmtest.sh

case "$1" in
1)
	echo "KTAP version 1"
	echo "1..1"
	pci_tree
	vm_kexec
	echo "not ok 1 kexec reached stage 2 # kexec failed"
	;;
2)
	pci_tree
	echo "ok 1 kexec reached stage 2"
	;;
*)
	echo "not ok 1 kexec reached stage 2 # unexpected stage $1"
	;;
esac
