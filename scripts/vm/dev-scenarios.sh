#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dev-scenarios.sh TREE [SCENARIO...]: make vm-test. The series' VM tests on
# a developer's tree (build/linux), guest kernels in build/vm/kdev, runs in
# build/vm/kdev.run; prints vmtest.sh's KTAP.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath -m "${1:?usage: dev-scenarios.sh TREE [SCENARIO...]}")
shift
require_tree "$tree"
args=(-d "$BUILD/vm/kdev" -w "$BUILD/vm/kdev.run" -k)
[ $# -eq 0 ] || args+=(-T "$(IFS=,; echo "$*")")
export_arm64_root
BASE_TREE=$BASE_SRC VMTEST_MAKE="flock $KBUILD_LOCK make" exec "$tree/$SELFTEST/vmtest.sh" "${args[@]}"
