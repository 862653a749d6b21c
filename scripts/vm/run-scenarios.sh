#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The PCI Live Update VM tests: build the guest kernel (the series with its
# test file handler, KUnit suite and debug options) and the selftest, then
# run scenarios in QEMU q35 under TCG, each across real kexecs.
#
#   scripts/vm/run-scenarios.sh [-o OUT] [-r RESULTS] SRC [SCENARIO...]
#
# SRC is the kernel tree with the series applied; OUT (default
# build/vm/kbuild) keeps the build. Scenarios (default: all), see
# scripts/vm/tests/pci-liveupdate.sh for what the guest does:
#
#   kunit        KUnit suite at boot, then kmemleak scans: 0 reports
#   one          topology a, one endpoint preserved
#   both         topology b, both endpoints (shared bridges at refcount 2)
#   topo-c       topology c, an endpoint on a second root port not preserved
#   cancel       session closed before the kexec: records freed, Bus
#                Master cleared by the kexec
#   again        two live updates in a row
#   dma          DMA in flight across the kexec lands in a preserved memfd
#   dma-control  the same without preserving the device: the DMA is lost
#
# For each run: the guest's KTAP must have no "not ok" and every expected
# line must show; the serial log must have no WARN/BUG/Oops/panic, KASAN,
# UBSAN or lockdep report; and the pci_cfg_write trace from the kexec to
# the finish must show 0 disruptive writes to the preserved path,
# BAR and window sizing included (for cancel and dma-control, which
# preserve nothing, more than 0: the counter is shown to count). Appends
# "PASS|FAIL vm:SCENARIO[:what]" to RESULTS.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

out=$BUILD/vm/kbuild results=/dev/null
while getopts o:r: opt; do
	case $opt in
	o) out=$OPTARG ;;
	r) results=$OPTARG ;;
	*) die "usage: $0 [-o OUT] [-r RESULTS] SRC [SCENARIO...]" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || die "usage: $0 [-o OUT] [-r RESULTS] SRC [SCENARIO...]"
src=$(realpath "$1")
shift
all=(kunit debug-again one both topo-c cancel again dma dma-control)
scenarios=("${@:-${all[@]}}")
mkdir -p "$out"
out=$(realpath "$out")
results=$(realpath -m "$results")

# KHO sizes its scratch area (where the kexec'd kernel boots) at twice the
# kernel's early allocations, which KASAN's shadow inflates beyond what is
# free: give it fixed sizes (low memory, global, per node).
MEM=${MEM:-1G}
SCRATCH="kho_scratch=32M,256M,128M liveupdate=on"

record() { echo "$1 vm:$2" >>"$results"; msg "vm:$2: $1"; }
trap 'record FAIL "setup (build or initramfs, line $LINENO)"' ERR

# Guest kernels: $out for the scenarios, $out-debug (KUnit, KASAN, UBSAN,
# lockdep, kmemleak) for the KUnit suite and the debug-* scenarios. Each
# gets an initramfs with the selftest and itself for the kexec.
st=$src/tools/testing/selftests
build_guest() { # build_guest OUT FRAGMENT...
	local o=$1
	shift
	"$TOP/scripts/vm/build-kernel.sh" "$src" "$o" "$@"
	with_build_lock make -s -C "$src" O="$o" ARCH=x86_64 headers_install \
		INSTALL_HDR_PATH="$o/hdr"
	mkdir -p "$o.run"
	gcc -static -O2 -Wall -Werror -isystem "$o/hdr/include" \
		-I "$st/liveupdate/lib/include" -o "$o.run/pci_liveupdate_test" \
		"$st/pci_liveupdate/pci_liveupdate_test.c" "$st/liveupdate/lib/lu_utils.c"
	"$TOP/scripts/vm/mkinitramfs.sh" -k "$o/arch/x86/boot/bzImage" \
		"$o.run/initrd.cpio.gz" \
		"$TOP/scripts/vm/tests/pci-liveupdate.sh:/test/run" \
		"$o.run/pci_liveupdate_test:/test/pci_liveupdate_test" \
		"$st/pci_liveupdate/pci_liveupdate.sh:/test/pci_liveupdate.sh"
}
need_fast= need_debug=
for s in "${scenarios[@]}"; do
	case $s in kunit|debug-*) need_debug=1 ;; *) need_fast=1 ;; esac
done
[ -z "$need_fast" ] || build_guest "$out" "$TOP/scripts/vm/kconfig.series"
[ -z "$need_debug" ] || build_guest "$out-debug" \
	"$TOP/scripts/vm/kconfig.series" "$TOP/scripts/vm/kconfig.debug"

# ktap_check LOG: every KTAP result line of the guest is "ok"; prints the
# number of results.
ktap_check() {
	local n
	n=$(tr -d '\r' <"$1" | grep -cE '^(not )?ok [0-9]+ ') || :
	if tr -d '\r' <"$1" | grep -E '^not ok [0-9]+ '; then
		return 1
	fi
	echo "$n"
}

run_kunit() {
	local dir=$out-debug.run/kunit log
	mkdir -p "$dir"
	log=$dir/serial.log
	if ! "$TOP/scripts/vm/run-vm.sh" -t a -o "$log" -T 600 -m "$MEM" \
		-a "$SCRATCH kunit.enable=1 vmtest.scenario=kunit" \
		-e "vmtest: kmemleak: 0 leaks" "$out-debug/arch/x86/boot/bzImage" \
		"$out-debug.run/initrd.cpio.gz"; then
		record FAIL kunit
		return 1
	fi
	# One result per case, as kunit.py reads the log.
	tr -d '\r' <"$log" | python3 "$src/tools/testing/kunit/kunit.py" parse \
		>"$dir/kunit.txt" 2>&1 || :
	sed -n 's/^\[[0-9:]*\] \[\(PASSED\|FAILED\|SKIPPED\|CRASHED\)\] \([^ =].*\)$/\1 \2/p' \
		"$dir/kunit.txt" | while read -r s name; do
		case $s in
		PASSED) echo "PASS kunit-debug:$name" ;;
		SKIPPED) echo "SKIP kunit-debug:$name" ;;
		*) echo "FAIL kunit-debug:$name" ;;
		esac
	done >>"$results"
	grep -E 'Testing complete' "$dir/kunit.txt" >&2 || :
	if grep -qE '\[(FAILED|CRASHED)\]' "$dir/kunit.txt" ||
	   ! grep -qE '\[PASSED\]' "$dir/kunit.txt"; then
		record FAIL kunit
		return 1
	fi
	record PASS "kunit (KASAN, UBSAN, lockdep, kmemleak: 0 reports)"
}

run_scenario() {
	local s=${1#debug-} o=$out topo=a dir log trace n count sizing expect
	[ "$s" = "$1" ] || o=$out-debug
	case $s in
	both) topo=b ;;
	topo-c) topo=c ;;
	esac
	dir=$o.run/$s
	mkdir -p "$dir"
	log=$dir/serial.log trace=$dir/pci-cfg-write.trace
	expect=(-e "vmtest: stage 1" -e "vmtest: window open" -e "vmtest: stage 2"
		-e "vmtest: window closed" -e "vmtest: verify rc=0")
	[ "$s" != again ] || expect+=(-e "vmtest: stage 3")
	if ! "$TOP/scripts/vm/run-vm.sh" -t "$topo" -o "$log" -r "$trace" -m "$MEM" \
		-a "$SCRATCH vmtest.scenario=$s vmtest.cookie=$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')" \
		"${expect[@]}" "$o/arch/x86/boot/bzImage" "$o.run/initrd.cpio.gz"; then
		record FAIL "$1"
		return 1
	fi
	if ! n=$(ktap_check "$log"); then
		record FAIL "$1 (KTAP)"
		return 1
	fi
	record PASS "$1 ($n KTAP results ok, topology $topo)"

	"$TOP/scripts/vm/count-disruptive-writes.py" "$log" "$trace" >"$dir/disruptive.txt" ||
		{ record FAIL "$1:disruptive-writes (no count)"; return 1; }
	cat "$dir/disruptive.txt" >&2
	count=$(sed -n 's/^disruptive writes: //p' "$dir/disruptive.txt")
	sizing=$(sed -n 's/^of which sizing: //p' "$dir/disruptive.txt")
	case $s in
	cancel|dma-control)
		# Nothing preserved: the kexec clears Bus Master, and the
		# counter must see it.
		if [ "$count" -gt "$sizing" ]; then
			record PASS "$1:disruptive-writes-counted=$count (want >0)"
		else
			record FAIL "$1:disruptive-writes-counted=$count (want >0)"
			return 1
		fi ;;
	*)
		if [ "$count" -eq 0 ]; then
			record PASS "$1:disruptive-writes=0"
		else
			record FAIL "$1:disruptive-writes=$count (of which BAR or window sizing: $sizing)"
			return 1
		fi ;;
	esac
}

rc=0
for s in "${scenarios[@]}"; do
	case $s in
	kunit) run_kunit || rc=1 ;;
	one|both|topo-c|cancel|again|dma|dma-control|debug-*) run_scenario "$s" || rc=1 ;;
	*) die "unknown scenario: $s" ;;
	esac
done
exit $rc
