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

# run_one TEST WORKSPACE: vmtest.sh's steps, on the kernel in $kout.
run_one() {
	local t=$1
	(
		# vmtest.sh ends in 'main "$@"': take its functions only. It
		# finds its directory (and kselftest's KTAP helpers) from $0.
		BASH_ARGV0=$vmtest
		# shellcheck disable=SC1090
		source <(sed '$d' "$vmtest")
		workspace_dir=$2
		headers_dir=$kout/usr
		initrd=$workspace_dir/initrd.cpio
		CROSS_COMPILE=
		get_arch_conf x86
		# The kexec'd kernel needs KHO scratch sized as the series'
		# vmtest.sh does.
		mkinitrd "$kout" "$kout/arch/x86/boot/bzImage" "$t"
		run_qemu "$QEMU_CMD" "$KERNEL_CMDLINE kho_scratch=32M,256M,128M" \
			"$kout/arch/x86/boot/bzImage"
		echo "ok 1 $t"
	)
}

for t in "${tests[@]}"; do
	log=$out.luo/$t.log
	ws=$out.luo/$t
	rm -rf "$ws"
	mkdir -p "$ws"
	msg "luo-vmtest: $t (log: ${log#"$BUILD"/})"
	if [ -n "$kout" ]; then
		# run_qemu gives the guest 30 s: no kernel build (make check's
		# warnings and bisect gates) shares the CPUs with it.
		exec 9>"$KBUILD_LOCK"
		flock 9
		run_one "$t" "$ws" >"$log" 2>&1 9>&- || :
		flock -u 9
		exec 9>&-
	else
		# vmtest.sh builds (incrementally after the first test).
		with_build_lock "$vmtest" -d "$out" -j "$(nproc)" -t x86_64 \
			-T "$t" -w "$ws" -k >"$log" 2>&1 || :
	fi
	if grep -q "^ok 1 " "$log" && grep -q "TEST PASSED" "$ws/qemu.serial"; then
		record PASS "luo-vmtest:$t"
	else
		tail -n 20 "$log" >&2
		# What the guest said last: why it failed, or where it stopped.
		[ -f "$ws/qemu.serial" ] && tail -n 40 "$ws/qemu.serial" >&2
		record FAIL "luo-vmtest:$t" "log: ${log#"$BUILD"/}"
	fi
done
