#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# LUO's own VM tests, through upstream's harness, on a tree with the series:
#
#   scripts/vm/run-luo-selftests.sh [-r RESULTS] SRC [TEST...]
#
# runs tools/testing/selftests/liveupdate/vmtest.sh of SRC for each TEST
# (default: the kexec tests that run-vmtests.sh lists), with the build kept
# in build/vm/luo-vmtest. vmtest.sh builds the kernel with its own config
# (x86_64 defaults plus its fragments) and boots it under QEMU with TCG
# first. Appends "PASS|FAIL luo-vmtest:TEST" to RESULTS.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

results=/dev/null
while getopts r: opt; do
	case $opt in
	r) results=$OPTARG ;;
	*) die "usage: $0 [-r RESULTS] SRC [TEST...]" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || die "usage: $0 [-r RESULTS] SRC [TEST...]"
src=$(realpath "$1")
shift
tests=("${@:-luo_kexec_simple luo_multi_session luo_stress_files luo_stress_sessions}")
# shellcheck disable=SC2206 # the default is a word list
tests=(${tests[*]})
out=$BUILD/vm/luo-vmtest
mkdir -p "$out" "$out.run"

rc=0
for t in "${tests[@]}"; do
	log=$out.run/$t.log
	msg "luo-vmtest: $t (log: build/${log#"$BUILD"/})"
	# vmtest.sh builds (incrementally after the first test): take the lock.
	if with_build_lock "$src/tools/testing/selftests/liveupdate/vmtest.sh" \
		-d "$out" -j "$(nproc)" -t x86_64 -T "$t" -w "$out.run/$t" \
		>"$log" 2>&1 && grep -q "^ok 1 " "$log"; then
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
