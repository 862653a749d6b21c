# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# Helpers for VM tests, installed as /lib/vmtest.sh in the initramfs and
# sourced by /init and by test scripts (busybox sh).

# The boot's stage: "vmtest.stage=N" on the command line wins (last one);
# otherwise 2 if this kernel was started by kexec with KHO (it then has an
# incoming KHO tree), else 1.
vm_stage() {
	local arg stage=
	# shellcheck disable=SC2013 # words, not lines
	for arg in $(cat /proc/cmdline); do
		case "$arg" in vmtest.stage=*) stage=${arg#vmtest.stage=} ;; esac
	done
	if [ -z "$stage" ]; then
		stage=1
		[ -d /sys/kernel/debug/kho/in ] && stage=2
	fi
	echo "$stage"
}

# Load this kernel and this initramfs again, keep the command line, and
# kexec into them. Extra arguments go to "kexec -l" (e.g.
# --append=vmtest.stage=3). Returns only on failure.
vm_kexec() {
	kexec -s -l /boot/bzImage --initrd=/boot/initrd --reuse-cmdline "$@" ||
		return 1
	echo "vmtest: kexec"
	kexec -e
	echo "vmtest: kexec -e failed"
	return 1
}

# Leave QEMU (run with -no-reboot).
vm_poweroff() {
	sync
	reboot -f
	sleep 10
}

# Config space of PCI device $1 (e.g. 0000:00:04.0): $2 bytes at offset $3,
# as a hex number (little endian, 1/2/4 bytes).
pci_cfg() {
	local v
	v=$(od -An -tx"$2" -j "$3" -N "$2" "/sys/bus/pci/devices/$1/config")
	echo "0x${v# }"
}

# Print the PCI tree from sysfs, one device a line, indented by depth:
# BDF, vendor:device, class, command register, driver; for bridges the
# primary/secondary/subordinate bus numbers and the bridge control register.
pci_tree() {
	local dev path bdf line hdr indent
	for dev in /sys/bus/pci/devices/*; do
		path=$(readlink -f "$dev")
		echo "${path#*/devices/pci*/}"
	done | sort | while read -r path; do
		bdf=${path##*/}
		indent=$(echo "${path%"$bdf"}" | sed 's|[^/]*/|  |g')
		line=$(printf '%s%s %s:%s class=%s cmd=%s' "$indent" \
			"$bdf" "$(cut -c3- "/sys/bus/pci/devices/$bdf/vendor")" \
			"$(cut -c3- "/sys/bus/pci/devices/$bdf/device")" \
			"$(cat "/sys/bus/pci/devices/$bdf/class")" \
			"$(pci_cfg "$bdf" 2 4)")
		hdr=$(( $(pci_cfg "$bdf" 1 14) & 0x7f ))
		if [ "$hdr" = 1 ]; then
			line="$line bus=$(pci_cfg "$bdf" 1 24)/$(pci_cfg "$bdf" 1 25)/$(pci_cfg "$bdf" 1 26) bctl=$(pci_cfg "$bdf" 2 62)"
		fi
		if [ -e "/sys/bus/pci/devices/$bdf/driver" ]; then
			line="$line driver=$(basename "$(readlink "/sys/bus/pci/devices/$bdf/driver")")"
		fi
		echo "# $line"
	done
}
