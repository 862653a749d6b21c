#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LUO's own VM tests, on a kernel with the series:
#
#   scripts/vm/run-luo-selftests.sh [-r RESULTS] [-k OUT] SRC [TEST...]
#
# For each TEST (default: the kexec tests run-vmtests.sh lists) this runs
# upstream's tools/testing/selftests/liveupdate/vmtest.sh of SRC. With -k,
# vmtest.sh's own steps run on the guest kernel already built in OUT (by
# run-scenarios.sh: the series, LIVEUPDATE_TEST and every option of
# vmtest.sh's config): its mkinitrd and run_qemu functions, unchanged,
# build the same initramfs (nolibc test, init) and boot it the same way
# (QEMU under TCG, 30 s, "TEST PASSED" in the serial log). Without -k,
# vmtest.sh runs whole and first builds a kernel of its own config, x86_64
# defaults plus its fragment (about 1,500 objects: far longer than CI's
# budget on 2 cores), kept in build/vm/luo-vmtest.
# Appends "PASS|FAIL luo-vmtest:TEST" to RESULTS.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

results=/dev/null kout=
usage() { die "usage: $0 [-r RESULTS] [-k OUT] SRC [TEST...]"; }
while getopts r:k: opt; do
	case $opt in
	r) results=$OPTARG ;;
	k) kout=$(realpath "$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
src=$(realpath "$1")
shift
tests=("$@")
[ ${#tests[@]} -gt 0 ] ||
	tests=(luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions)
results=$(realpath -m "$results")
vmtest=$src/tools/testing/selftests/liveupdate/vmtest.sh
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
		headers_dir=$kout/hdr
		initrd=$workspace_dir/initrd.cpio
		CROSS_COMPILE=
		get_arch_conf x86
		# The guest needs LUO switched on (as in run_qemu) and, for
		# the kexec'd kernel, KHO scratch sized as run-scenarios.sh
		# does.
		mkinitrd "$kout" "$kout/arch/x86/boot/bzImage" "$t"
		run_qemu "$QEMU_CMD" "$KERNEL_CMDLINE kho_scratch=32M,256M,128M" \
			"$kout/arch/x86/boot/bzImage"
		echo "ok 1 $t"
	)
}

rc=0
for t in "${tests[@]}"; do
	log=$out.luo/$t.log
	ws=$out.luo/$t
	rm -rf "$ws"
	mkdir -p "$ws"
	msg "luo-vmtest: $t (log: build/${log#"$BUILD"/})"
	if [ -n "$kout" ]; then
		run_one "$t" "$ws" >"$log" 2>&1 || :
	else
		# vmtest.sh builds (incrementally after the first test).
		with_build_lock "$vmtest" -d "$out" -j "$(nproc)" -t x86_64 \
			-T "$t" -w "$ws" -k >"$log" 2>&1 || :
	fi
	if grep -q "^ok 1 " "$log" && grep -q "TEST PASSED" "$ws/qemu.serial"; then
		echo "PASS luo-vmtest:$t" >>"$results"
		msg "luo-vmtest:$t: PASS"
	else
		tail -n 20 "$log" >&2
		echo "FAIL luo-vmtest:$t" >>"$results"
		msg "luo-vmtest:$t: FAIL"
		rc=1
	fi
done
exit $rc
