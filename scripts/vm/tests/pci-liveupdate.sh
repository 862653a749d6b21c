#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# Guest side of the PCI Live Update VM scenarios, installed as /test/run
# ($1 is the stage, or "window-open" for the hook run before a kexec). The scenario comes from the command line, which every
# kexec keeps: vmtest.scenario=NAME, vmtest.cookie=HEX (DMA pattern).
#
#   one, topo-c  preserve 03:00.0; kexec; verify and finish
#   both         preserve 03:00.0 and 04:00.0 (shared bridges: refcount 2)
#   cancel       preserve 03:00.0, close the session; kexec; not kept
#   again        preserve; kexec; verify, preserve again, finish; kexec;
#                verify and finish
#   dma          preserve 03:00.0, which DMAs into a preserved memfd
#                during the kexec; the data must land
#   dma-control  the same with the device not preserved: the DMA is lost
#   kunit        run the KUnit suite (at boot), then a kmemleak scan
#
# The selftest (tools/testing/selftests/pci_liveupdate) does the work and
# prints KTAP. This script adds what the host needs: the PCI tree with the
# PCI core's records ("vmtest-tree:" lines), the path's config offsets
# ("vmtest-path:"), and one-byte writes to the Interrupt Line register of
# the host bridge (00:00.0, a scratch register) that bracket the window of
# the config write trace: 0xa5 before the kexec, 0x5a after the finish.
. /lib/vmtest.sh

test=/test/pci_liveupdate_test
ep1=0000:03:00.0
ep2=0000:04:00.0

arg() { # arg NAME: value of NAME=... on the kernel command line
	local a
	# shellcheck disable=SC2013 # words, not lines
	for a in $(cat /proc/cmdline); do
		case "$a" in "$1="*) echo "${a#*=}" ;; esac
	done
}

marker() { # marker BYTE(octal)
	printf "\\$1" | dd of=/sys/bus/pci/devices/0000:00:00.0/config \
		bs=1 seek=60 conv=notrunc 2>/dev/null
}

# The PCI tree, each node marked with the records the PCI core holds.
tree() { # tree TITLE
	local records
	records=$(cat /dev/pci_liveupdate_test)
	echo "vmtest-tree: $1"
	pci_tree | sed 's/^# //' | while IFS= read -r line; do
		bdf=$(echo "$line" | awk '{ print $1 }')
		rec=$(echo "$records" | awk -v d="$bdf" '$1 == d {
			sub(/^[^ ]* /, ""); print }')
		echo "vmtest-tree: $line${rec:+ [$rec]}"
	done
}

scenario=$(arg vmtest.scenario)
cookie=$(arg vmtest.cookie)
case $scenario in
one|topo-c|again) devs=$ep1 opts= ;;
both) devs="$ep1 $ep2" opts= ;;
cancel) devs=$ep1 opts=--cancel ;;
dma) devs=$ep1 opts="--dma $cookie" ;;
dma-control) devs=$ep1 opts="--control --dma $cookie" ;;
kunit)
	# The suite ran at boot (kunit.enable=1); leaks show after a scan.
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	leaks=$(grep -c '^unreferenced object' /sys/kernel/debug/kmemleak)
	cat /sys/kernel/debug/kmemleak
	echo "vmtest: kmemleak: $leaks leaks"
	exit 0 ;;
*) echo "vmtest: unknown scenario '$scenario'"; exit 1 ;;
esac

# Run by pci_liveupdate.sh once a stage passed, right before its kexec.
hook="/test/run window-open"
case "$1" in
window-open)
	tree "before the kexec"
	marker 245
	echo "vmtest: window open"
	;;
1)
	# shellcheck disable=SC2086 # word lists
	$test path $devs | sed 's/^/vmtest-path: /'
	# shellcheck disable=SC2086
	/test/pci_liveupdate.sh -k /boot/bzImage -i /boot/initrd \
		-a vmtest.stage=2 -x "$hook" preserve $opts $devs
	echo "vmtest: stage 1 failed"
	;;
2|3)
	tree "after the kexec"
	if [ "$scenario" = again ] && [ "$1" = 2 ]; then
		/test/pci_liveupdate.sh -k /boot/bzImage -i /boot/initrd \
			-a vmtest.stage=3 -x "$hook" verify --again
		echo "vmtest: stage 2 failed"
		exit 1
	fi
	$test verify
	rc=$?
	marker 132
	echo "vmtest: window closed"
	tree "after finish"
	echo "vmtest: verify rc=$rc"
	;;
esac
