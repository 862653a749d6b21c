#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: how the series scales and what it costs, in one run. Applies
# the series to the pinned base (build/ci/linux), and the series then
# scripts/bench/kunit-bench.patch to a tree of its own (build/bench/linux),
# then
#  - runs the benchmark KUnit suite that patch adds (pci_liveupdate_bench:
#    P1, P1b, P2, P3; no part of the series) with kunit.py under QEMU
#    (TCG), without lockdep;
#  - runs its P1b sweep again before the fix of the cliff it measures:
#    the spare block of patches/01-pci/0001, whose hunks of kho_block.c
#    and kho_block.h are reversed in build/bench/linux for that run only;
#  - times kexecs in the VM (P5), ROUNDS rounds (default 5) of the
#    scenarios one, kexec-on and kexec-base, and of scale-none, scale-1,
#    scale-8 and scale-32 where the tree's table has them, interleaved,
#    with the serial lines stamped by the host (vmtest.sh -S);
# and prints one table, also as build/bench/bench.csv, with its plots in
# build/bench/bench.png and bench.svg. Ratios are reported, never judged:
# no gate on wall time.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$BUILD/ci/linux
out=$BUILD/bench
# The series with the benchmark suite, and its kunit.py build directory:
# kept in $out from one run to the next, so that builds stay warm.
bench_tree=$out/linux
bench_kbuild=$out/kbuild
rounds=${ROUNDS:-5}

"$TOP/scripts/install-deps.sh" bench
"$TOP/scripts/series/fetch-base.sh"
"$TOP/scripts/series/apply-series.sh" "$tree"
mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 ! -name linux ! -name kbuild \
	-exec rm -rf {} +

# kunit-bench.patch goes after the series as one more posting of a copy of
# patches/, applied by apply-series.sh: a patch that does not apply is
# named, and only the files that changed since the last run are rewritten.
patches=$(mktemp -d)
trap 'rm -rf "$patches"' EXIT
cp -r "${PATCHES:-$TOP/patches}/." "$patches/"
mkdir "$patches/99-bench"
cp "$TOP/scripts/bench/kunit-bench.patch" "$patches/99-bench/0001-kunit-bench.patch"
msg "bench: the benchmark suite with kunit.py (log: build/bench/kunit.log)"
kunit=(env PATH="$TOP/scripts/qemu-tcg:$PATH" python3 tools/testing/kunit/kunit.py)
common=(--arch=x86_64 --build_dir="$bench_kbuild"
	--kunitconfig=drivers/pci/liveupdate/bench.kunitconfig)

# kunit_run LOG FILTER: build the bench tree and run the cases FILTER (a
# kunit.py filter glob) of the benchmark suite, the output added to LOG.
# The build takes the build lock; the run in QEMU (TCG only) does not.
kunit_run() {
	(cd "$bench_tree" &&
	 with_build_lock "${kunit[@]}" build "${common[@]}" --jobs="$(nproc)" \
		--make_options "CC=$(kbuild_cc)" &&
	 "${kunit[@]}" exec "${common[@]}" --timeout=900 --raw_output=all \
		"$2") >>"$1" 2>&1
}

# The fix of the P1b cliff, and those of its files that the "before" run
# reverses (not its KUnit tests, which the bench config leaves out).
fix=01-pci/0001-liveupdate-Keep-a-spare-block-when-a-block-set-shrin.patch
fix_files=(kernel/liveupdate/kho_block.c include/linux/kho_block.h)

# The P1b sweep before the fix, in build/bench/kunit-before.log: the fix's
# hunks of fix_files reversed in the bench tree, built incrementally in the
# same build directory, and the files checked out again (were this
# interrupted, the next apply-series.sh would check them out).
before_fix() {
	local log=$out/kunit-before.log include=() f rc=0

	for f in "${fix_files[@]}"; do
		include+=(--include="$f")
	done
	msg "bench: the P1b sweep before $fix (log: build/bench/kunit-before.log)"
	if ! git -C "$bench_tree" apply -R "${include[@]}" "$patches/$fix" \
		>"$log" 2>&1; then
		msg "bench: $fix does not reverse-apply to the bench tree (see build/bench/kunit-before.log): no before run"
		return
	fi
	kunit_run "$log" pci_liveupdate_bench.pci_lu_bench_sweep || rc=$?
	git -C "$bench_tree" checkout -q -- "${fix_files[@]}"
	[ "$rc" -eq 0 ] ||
		msg "bench: kunit.py failed before the fix (see build/bench/kunit-before.log)"
}

if PATCHES=$patches "$TOP/scripts/series/apply-series.sh" "$bench_tree" \
	2>"$out/kunit.log"; then
	if kunit_run "$out/kunit.log" pci_liveupdate_bench; then
		before_fix
	else
		msg "bench: kunit.py failed (see build/bench/kunit.log): no before run"
	fi
else
	msg "bench: scripts/bench/kunit-bench.patch does not apply after the series (see build/bench/kunit.log): no P1-P3"
fi

vmtest=(env BASE_TREE="$BASE_SRC" VMTEST_MAKE="flock $KBUILD_LOCK make"
	"$tree/$SELFTEST/vmtest.sh" -d "$BUILD/vm/kbuild")
msg "bench: building the guest kernels (plain and base)"
"${vmtest[@]}" -w "$out/build-run" -T one,kexec-base >"$out/build.log" 2>&1 ||
	msg "bench: the first runs failed (see build/bench/build.log)"
# The scale rows report.py reads, those of them the tree's table has.
scale=$(awk '$1 ~ /^scale-(none|1|8|32)$/ { printf ",%s", $1 }' \
	"$tree/$SELFTEST/scenarios")
runs=()
for i in $(seq "$rounds"); do
	msg "bench: kexec timing, round $i of $rounds"
	"${vmtest[@]}" -n -S -k -w "$out/p5-$i" \
		-T "one,kexec-on,kexec-base$scale" >"$out/p5-$i.log" 2>&1 ||
		msg "bench: round $i had failures"
	runs+=("$out/p5-$i")
done
echo
echo "==================== PCI Live Update benchmarks ===================="
python3 "$TOP/scripts/bench/report.py" --before "$out/kunit-before.log" \
	"$out" "$out/kunit.log" "${runs[@]}"
