#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# warnings.sh TREE: no new compiler (W=1) or sparse (C=2) warning in
# drivers/pci/ compared with the base.
#
# Builds drivers/pci/ of the pristine base and of TREE with the same small
# config (the VM guest's: tinyconfig + the selftest's config.x86_64 and
# config, and the KUnit suite), with W=1 and sparse (build/tools/sparse,
# sid's 0.6.5~rc1: Debian 12's 0.6.4 is too old and the kernel would skip
# the check). Every drivers/pci/ object is rebuilt so that its warnings
# show each time; the base's warnings are cached. Warnings are compared
# without line numbers. Records w1:drivers/pci and sparse:drivers/pci.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: warnings.sh TREE}")
dir=$BUILD/ci/warnings
mkdir -p "$dir"
frags=("$tree/$SELFTEST/config.x86_64" "$tree/$SELFTEST/config" "$dir/kunit.config")
printf 'CONFIG_KUNIT=y\nCONFIG_PCI_LIVEUPDATE_KUNIT_TEST=y\n' >"$dir/kunit.config"

fail_both() {
	record FAIL w1:drivers/pci "$1"
	record FAIL sparse:drivers/pci "$1"
	exit 1
}

sparse=$("$TOP/scripts/gates/fetch-sparse.sh") || fail_both "no sparse"
[ "$("$tree/scripts/checker-valid.sh" "$sparse")" = 1 ] ||
	fail_both "$sparse cannot check Linux 7.3"

# build SRC OUT LOG: configure once, then rebuild drivers/pci/ with W=1 C=2.
build() {
	local src=$1 out=$2 log=$3
	if [ ! -f "$out/.config" ]; then
		kconfig_small "$src" "$out" "${frags[@]}" >/dev/null || return 1
	fi
	with_build_lock make -s -C "$src" O="$out" ARCH=x86_64 prepare \
		>/dev/null 2>&1 || return 1
	find "$out/drivers/pci" -name '*.o' -delete 2>/dev/null || :
	with_build_lock make -C "$src" O="$out" ARCH=x86_64 CC="$(kbuild_cc)" \
		-j"$(nproc)" W=1 C=2 CHECK="$sparse" drivers/pci/ >"$log" 2>&1
}

# Warnings as "file: message", without paths of the trees and line numbers.
warnings() {
	grep -E '(warning|error):' "$1" |
		awk -v a="$tree/" -v b="$BASE_SRC/" -v c="$dir/base/" -v d="$dir/series/" '{
			n = split(a "\n" b "\n" c "\n" d, p, "\n")
			for (i = 1; i <= n; i++)
				if (index($0, p[i]) == 1)
					$0 = substr($0, length(p[i]) + 1)
			print }' |
		sed -E 's#^([^:]+):[0-9]+(:[0-9]+)?:#\1:#' | LC_ALL=C sort -u
}

msg "warnings: building drivers/pci/ of the base with W=1 and sparse (cached)"
base_log=$dir/base.log
stamp=$dir/base.stamp
key=$(cat "${frags[@]}" <(echo "$BASE_DEB_VERSION $sparse $(gcc --version | head -n1)") |
	sha256sum)
if [ "$(cat "$stamp" 2>/dev/null)" != "$key" ]; then
	rm -rf "$dir/base"
	build "$BASE_SRC" "$dir/base" "$base_log" || fail_both "base build failed: $base_log"
	echo "$key" >"$stamp"
fi
msg "warnings: building drivers/pci/ of the series with W=1 and sparse"
series_log=$dir/series.log
if [ "$(cat "$dir/series.stamp" 2>/dev/null)" != "$key" ]; then
	rm -rf "$dir/series"
fi
build "$tree" "$dir/series" "$series_log" || {
	grep -E 'error' "$series_log" | head >&2
	fail_both "series build failed: ${series_log#"$BUILD"/}"
}
echo "$key" >"$dir/series.stamp"

for log in "$base_log" "$series_log"; do
	if grep -q 'not available or not up to date' "$log" ||
	   ! grep -q '^  CHECK ' "$log"; then
		fail_both "sparse did not run (see ${log#"$BUILD"/})"
	fi
done
msg "warnings: sparse checked $(grep -c '^  CHECK ' "$series_log") files of the series"
new=$(comm -13 <(warnings "$base_log") <(warnings "$series_log"))
new_w1=$(grep -F '[-W' <<<"$new" || :)
new_sparse=$(grep -vF '[-W' <<<"$new" || :)
if [ -z "$new_w1" ]; then
	record PASS w1:drivers/pci
else
	printf 'new W=1 warning: %s\n' "$new_w1" >&2
	record FAIL w1:drivers/pci "$(wc -l <<<"$new_w1") new warnings"
fi
if [ -z "$new_sparse" ]; then
	record PASS sparse:drivers/pci
else
	printf 'new sparse warning: %s\n' "$new_sparse" >&2
	record FAIL sparse:drivers/pci "$(wc -l <<<"$new_sparse") new warnings"
fi
