#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: how the series scales and what it costs, in one run. Applies
# the series to the pinned base (build/ci/linux), then
#  - runs the series' benchmark KUnit suite (pci_liveupdate_bench: P1, P1b,
#    P2, P3) with kunit.py under QEMU (TCG), without lockdep;
#  - times kexecs in the VM (P5), ROUNDS rounds (default 5) of the
#    scenarios one, kexec-on and kexec-off, interleaved, with the serial
#    lines stamped by the host (vmtest.sh -S);
# and prints one table, also as build/bench/bench.csv and bench.svg.
# Ratios are reported, never judged: no gate on wall time.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$BUILD/ci/linux
out=$BUILD/bench
rounds=${ROUNDS:-5}

"$TOP/scripts/install-deps.sh"
"$TOP/scripts/series/fetch-base.sh"
"$TOP/scripts/series/apply-series.sh" "$tree"
rm -rf "$out"
mkdir -p "$out"

msg "bench: the benchmark suite with kunit.py (log: build/bench/kunit.log)"
kunit=(env PATH="$TOP/scripts/qemu-tcg:$PATH" python3 tools/testing/kunit/kunit.py)
common=(--arch=x86_64 --build_dir="$BUILD/bench-kunit"
	--kunitconfig=drivers/pci/liveupdate_bench.kunitconfig)
# The build takes the build lock; the run in QEMU (TCG only) does not.
(cd "$tree" &&
 with_build_lock "${kunit[@]}" build "${common[@]}" --jobs="$(nproc)" &&
 "${kunit[@]}" exec "${common[@]}" --timeout=900 --raw_output=all \
	pci_liveupdate_bench) >"$out/kunit.log" 2>&1 ||
	msg "bench: kunit.py failed (see build/bench/kunit.log)"

vmtest=(env BASE_TREE="$BASE_SRC" VMTEST_MAKE="flock $KBUILD_LOCK make"
	"$tree/$SELFTEST/vmtest.sh" -d "$BUILD/vm/kbuild")
msg "bench: building the guest kernels (plain and built out)"
"${vmtest[@]}" -w "$out/build-run" -T one,kexec-off >"$out/build.log" 2>&1 ||
	msg "bench: the first runs failed (see build/bench/build.log)"
runs=()
for i in $(seq "$rounds"); do
	msg "bench: kexec timing, round $i of $rounds"
	"${vmtest[@]}" -n -S -k -w "$out/p5-$i" -T one,kexec-on,kexec-off \
		>"$out/p5-$i.log" 2>&1 || msg "bench: round $i had failures"
	runs+=("$out/p5-$i")
done
echo
echo "==================== PCI Live Update benchmarks ===================="
python3 "$TOP/scripts/bench/report.py" "$out" "$out/kunit.log" "${runs[@]}"
