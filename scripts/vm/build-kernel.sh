#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the VM test guest kernel out of tree.
#
#   scripts/vm/build-kernel.sh SRC OUT [FRAGMENT...]
#
# SRC is a kernel tree (only read), OUT the build directory, kept for
# incremental rebuilds. The config is BASE_CONFIG (default tinyconfig) plus
# scripts/vm/kconfig.fragment and then each FRAGMENT; the script fails
# naming every fragment line that did not take effect. Result: OUT/arch/x86/boot/bzImage.
# Every make runs under the project's kernel build lock (scripts/lib.sh).
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

[ $# -ge 2 ] || die "usage: $0 SRC OUT [FRAGMENT...]"
src=$(realpath "$1")
mkdir -p "$2"
out=$(realpath "$2")
shift 2
fragment=$(mktemp)
trap 'rm -f "$fragment"' EXIT
cat "$TOP/scripts/vm/kconfig.fragment" "$@" >"$fragment"
base_config=${BASE_CONFIG:-tinyconfig}
[ -f "$src/Makefile" ] || die "$src is not a kernel tree"

kmake() {
	with_build_lock make -s -C "$src" O="$out" ARCH=x86_64 \
		CC="$(kbuild_cc)" -j"${JOBS:-2}" "$@"
}

# Print the fragment lines missing from .config; a "# ... is not set" line
# holds when the symbol is not set to y or m.
check_config() {
	local line sym
	grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$fragment" | while read -r line; do
		case "$line" in
		"# CONFIG_"*)
			sym=${line#"# "}; sym=${sym%% *}
			! grep -qE "^$sym=[ym]\$" "$out/.config" || echo "$line" ;;
		*)
			grep -qxF "$line" "$out/.config" || echo "$line" ;;
		esac
	done
}

start=$SECONDS
# Configure only when the inputs changed (configuring takes ~30 s here);
# otherwise make's syncconfig follows Kconfig changes in SRC by itself.
stamp=$out/.vm-config-stamp
if ! { echo "$base_config $src"; cat "$fragment"; } | cmp -s - "$stamp" ||
   [ ! -f "$out/.config" ]; then
	msg "configuring $out ($base_config + kconfig.fragment)"
	rm -f "$stamp"
	kmake "$base_config" >/dev/null
	# Drop the fragment's symbols from the base, then append the fragment.
	syms=$(sed -nE 's/^(# )?(CONFIG_[A-Za-z0-9_]+)[= ].*/\2/p' "$fragment" | paste -sd'|')
	{ grep -vwE "$syms" "$out/.config" || :; cat "$fragment"; } >"$out/.config.new"
	mv "$out/.config.new" "$out/.config"
	kmake olddefconfig >/dev/null
	{ echo "$base_config $src"; cat "$fragment"; } >"$stamp"
fi
missing=$(check_config)
[ -z "$missing" ] || die "options that did not take effect in $out/.config:
$missing"

msg "building bzImage in $out"
kmake bzImage
msg "built $out/arch/x86/boot/bzImage in $((SECONDS - start)) s"
