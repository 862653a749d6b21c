#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a VM test guest: QEMU q35 under TCG (never KVM: it hangs guests here).
#
#   scripts/vm/run-vm.sh [options] BZIMAGE INITRD
#
#   -t TOPO    PCI topology a, b or c (default a), see topology() below
#   -e LINE    a line the serial log must contain (repeatable)
#   -o LOG     serial log (default build/vm/run/serial.log)
#   -r FILE    also write QEMU's pci_cfg_write trace to FILE
#   -a ARGS    extra kernel command line
#   -T SECS    time limit (default 300), -m MEM (default 1G), -s CPUS (2)
#
# Fails on timeout, on a missing -e line, or on a kernel problem report in
# the serial log. Prints the host time at which each "vmtest: " line showed.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

topo=a log=$BUILD/vm/run/serial.log trace='' append='' timeout=300 mem=1G cpus=2
expect=()
usage() { die "usage: $0 [-t a|b|c] [-e LINE]... [-o LOG] [-r TRACE] [-a ARGS] [-T SECS] [-m MEM] [-s CPUS] BZIMAGE INITRD"; }
while getopts t:e:o:r:a:T:m:s: opt; do
	case $opt in
	t) topo=$OPTARG ;;
	e) expect+=("$OPTARG") ;;
	o) log=$OPTARG ;;
	r) trace=$OPTARG ;;
	a) append=$OPTARG ;;
	T) timeout=$OPTARG ;;
	m) mem=$OPTARG ;;
	s) cpus=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
kernel=$1 initrd=$2
case $topo in a|b|c) ;; *) die "unknown topology: $topo" ;; esac

# Fixed ids, addresses, chassis/slot pairs and port numbers: stable BDFs.
#   (a), (b): 00:04.0 root port rp1 -> 01:00.0 switch upstream port sw1
#             -> 02:00.0 downstream sw1p1 -> 03:00.0 edu1
#             -> 02:01.0 downstream sw1p2 -> 04:00.0 edu2
#   (c):      (a) + 00:05.0 root port rp2 -> 05:00.0 edu3
edu=edu,dma_mask=0xffffffffffffffff
topology() {
	case $1 in
	a|b|c)
		echo "-device pcie-root-port,id=rp1,bus=pcie.0,addr=0x4,chassis=1,slot=1,port=1"
		echo "-device x3130-upstream,id=sw1,bus=rp1,addr=0x0"
		echo "-device xio3130-downstream,id=sw1p1,bus=sw1,addr=0x0,chassis=2,slot=1,port=1"
		echo "-device xio3130-downstream,id=sw1p2,bus=sw1,addr=0x1,chassis=2,slot=2,port=2"
		echo "-device $edu,id=edu1,bus=sw1p1,addr=0x0"
		echo "-device $edu,id=edu2,bus=sw1p2,addr=0x0" ;;&
	c)
		echo "-device pcie-root-port,id=rp2,bus=pcie.0,addr=0x5,chassis=3,slot=1,port=2"
		echo "-device $edu,id=edu3,bus=rp2,addr=0x0" ;;
	esac
}

# shellcheck disable=SC2207
cmd=(/usr/bin/qemu-system-x86_64 -machine q35 -accel tcg -m "$mem" -smp "$cpus"
	-nodefaults -nographic -no-reboot -monitor none
	-serial "file:$log" -kernel "$kernel" -initrd "$initrd"
	-append "console=ttyS0 retain_initrd panic=-1${append:+ $append}"
	$(topology "$topo"))
[ -z "$trace" ] || cmd+=(-trace "pci_cfg_write,file=$trace")

mkdir -p "$(dirname "$log")"
rm -f "$log" ${trace:+"$trace"}
msg "${cmd[*]}"
start=$EPOCHREALTIME
"${cmd[@]}" </dev/null &
qemu=$!
trap 'kill "$qemu" 2>/dev/null || :' EXIT

# Wait for QEMU; report "vmtest: " lines as they complete, with host time.
seen=0 timed_out=
elapsed() { echo "$EPOCHREALTIME $start" | awk '{ printf "%.1f", $1 - $2 }'; }
report() {
	local lines
	mapfile -t lines < <(grep -a 'vmtest: .*'$'\r''$' "$log" 2>/dev/null | tr -d '\r')
	while [ "$seen" -lt "${#lines[@]}" ]; do
		msg "[$(elapsed) s] ${lines[$seen]}"
		seen=$((seen + 1))
	done
}
while kill -0 "$qemu" 2>/dev/null; do
	report
	if [ "$(elapsed | tr -d .)" -ge $((timeout * 10)) ]; then
		timed_out=1
		kill "$qemu"
		break
	fi
	sleep 0.2
done
rc=0
wait "$qemu" || rc=$?
trap - EXIT
report
msg "QEMU exited ($rc) after $(elapsed) s; serial log: $log"

errors=()
[ -z "$timed_out" ] || errors+=("timed out after $timeout s")
[ "$rc" = 0 ] || [ -n "$timed_out" ] || errors+=("QEMU exit status $rc")
for pat in "WARNING:" "BUG:" "Oops" "Kernel panic" "Call Trace" "UBSAN:" \
	"suspected memory leak" "inconsistent lock state"; do
	if grep -aqF "$pat" "$log"; then
		errors+=("serial log has \"$pat\": $(grep -aF -m1 "$pat" "$log" | tr -d '\r')")
	fi
done
for line in "${expect[@]}"; do
	# Not grep -q: it would stop reading early, and under pipefail the
	# SIGPIPE of tr would count as a missing line.
	tr -d '\r' <"$log" | grep -axF -- "$line" >/dev/null ||
		errors+=("missing line: $line")
done
if [ ${#errors[@]} -gt 0 ]; then
	printf 'FAIL: %s\n' "${errors[@]}" >&2
	exit 1
fi
msg "PASS (topology $topo)"
