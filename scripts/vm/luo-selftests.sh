#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LUO's own VM tests, on a kernel with the series:
#
#   luo-selftests.sh [-k OUT] TREE [TEST...]
#
# For each TEST (default: the kexec tests run-vmtests.sh lists) this runs
# upstream's tools/testing/selftests/liveupdate/vmtest.sh of TREE. With -k,
# vmtest.sh's own steps run on the guest kernel already built in OUT by the
# series' vmtest.sh (whose config has every option upstream's vmtest.sh
# needs): its mkinitrd and run_qemu functions, unchanged, build the same
# initramfs (nolibc test, init) and boot it the same way (QEMU under TCG,
# 30 s, "TEST PASSED" in the serial log). Without -k, vmtest.sh runs whole
# and first builds a kernel of its own config, x86_64 defaults plus its
# fragment (about 1,500 objects: far longer than CI's budget on 2 cores),
# kept in build/vm/luo-vmtest. Records luo-vmtest:TEST.
#
# With -k, each TEST also runs on aarch64 (QEMU virt), on the arm64 guest
# kernel the series' vmtest.sh built beside OUT (OUT-arm64), as
# luo-vmtest:TEST@aarch64.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

kout=
usage() { die "usage: $0 [-k OUT] TREE [TEST...]"; }
while getopts k: opt; do
	case $opt in
	k) kout=$(realpath "$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
tree=$(realpath "$1")
shift
require_tree "$tree"
tests=("$@")
[ ${#tests[@]} -gt 0 ] ||
	tests=(luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions)
vmtest=$tree/tools/testing/selftests/liveupdate/vmtest.sh
out=${kout:-$BUILD/vm/luo-vmtest}
mkdir -p "$out.luo"

# run_one TEST WORKSPACE ARCH: vmtest.sh's steps, on the guest kernel of
# ARCH (x86_64 or aarch64) the series' vmtest.sh built ($kout, or
# $kout-arm64).
run_one() {
	local t=$1 arch=$3 k=$kout image
	(
		# vmtest.sh ends in 'main "$@"': take its functions only. It
		# finds its directory (and kselftest's KTAP helpers) from $0.
		BASH_ARGV0=$vmtest
		# shellcheck disable=SC1090
		source <(sed '$d' "$vmtest")
		workspace_dir=$2
		headers_dir=$kout/usr
		initrd=$workspace_dir/initrd.cpio
		if [ "$arch" = x86_64 ]; then
			CROSS_COMPILE=
			get_arch_conf x86
			image=$k/arch/x86/boot/bzImage
		else
			k=$kout-arm64
			headers_dir=$k/usr
			CROSS_COMPILE=aarch64-linux-gnu-
			get_arch_conf arm64
			# GICv3 with its ITS, as the series' guests; QEMU's
			# architected pointer authentication is too slow under
			# TCG for the 30 s the guest gets.
			QEMU_CMD="qemu-system-aarch64 -M virt,gic-version=3 -cpu max,pauth-impdef=on"
			image=$k/arch/arm64/boot/Image
		fi
		# The kexec'd kernel needs KHO scratch sized as the series'
		# vmtest.sh does.
		mkinitrd "$k" "$image" "$t"
		run_qemu "$QEMU_CMD" "$KERNEL_CMDLINE kho_scratch=32M,256M,128M" \
			"$image"
		echo "ok 1 $t"
	)
}

# run TEST ARCH NAME: run TEST and record it as NAME.
run() {
	local t=$1 arch=$2 name=$3 log ws

	log=$out.luo/$name.log
	ws=$out.luo/$name
	rm -rf "$ws"
	mkdir -p "$ws"
	msg "luo-vmtest: $name (log: ${log#"$BUILD"/})"
	if [ -n "$kout" ]; then
		# run_qemu gives the guest 30 s: no kernel build (make check's
		# warnings and bisect gates) shares the CPUs with it.
		exec 9>"$KBUILD_LOCK"
		flock 9
		run_one "$t" "$ws" "$arch" >"$log" 2>&1 9>&- || :
		flock -u 9
		exec 9>&-
	else
		# vmtest.sh builds (incrementally after the first test).
		with_build_lock "$vmtest" -d "$out" -j "$(nproc)" -t x86_64 \
			-T "$t" -w "$ws" -k >"$log" 2>&1 || :
	fi
	if grep -q "^ok 1 " "$log" && grep -q "TEST PASSED" "$ws/qemu.serial"; then
		record PASS "luo-vmtest:$name"
	else
		tail -n 20 "$log" >&2
		# What the guest said last: why it failed, or where it stopped.
		[ -f "$ws/qemu.serial" ] && tail -n 40 "$ws/qemu.serial" >&2
		record FAIL "luo-vmtest:$name" "log: ${log#"$BUILD"/}"
	fi
}

for t in "${tests[@]}"; do
	run "$t" x86_64 "$t"
done
if [ -n "$kout" ]; then
	for t in "${tests[@]}"; do
		run "$t" aarch64 "$t@aarch64"
	done
fi
