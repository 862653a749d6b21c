#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bisect.sh TREE: apply patches/ one by one on the pristine base and, after
# each, compile every .c file the series has touched so far with
# CONFIG_PCI_LIVEUPDATE=y and with =n, for x86_64 and for arm64
# (cross-compiled), each on its VM guest's small config (tinyconfig + the
# selftest's config.ARCH and config, read from TREE, the whole series
# applied). A file that builds for another architecture only is named and
# left out. Records bisect:NNNN-y and bisect:NNNN-n (x86_64), and
# bisect:NNNN-arm64-y and bisect:NNNN-arm64-n.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: bisect.sh TREE}")
# The variants: NAME -> the architecture and the option's value. x86_64's
# keep the names they had before arm64 was added.
variants=(y n arm64-y arm64-n)
declare -A v_arch=([y]=x86_64 [n]=x86_64 [arm64-y]=arm64 [arm64-n]=arm64)
declare -A v_opt=([y]=y [n]=n [arm64-y]=y [arm64-n]=n)
# frags ARCH: the guest's config fragments for ARCH.
frags() {
	case $1 in
	x86_64) echo "$tree/$SELFTEST/config.x86_64" "$tree/$SELFTEST/config" ;;
	arm64) echo "$tree/$SELFTEST/config.aarch64" "$tree/$SELFTEST/config" ;;
	esac
}
src=$BUILD/ci/bisect-src
# The base's objects are TREE's already (it is a base repository).
if [ ! -d "$src/.git" ]; then
	rm -rf "$src"
	git clone -q --shared --no-checkout "$tree" "$src"
fi
cd "$src"
git checkout -q -f --detach base
git clean -q -fdx

# The variants build side by side, each a make with little to do in
# most steps (kbuild's own bookkeeping, one core): take the build lock once
# for all of them.
exec 9>>"$KBUILD_LOCK"
flock 9
with_build_lock() { "$@"; }

kmake() { # kmake OUT ARCH ARGS...
	local out=$1 arch=$2 cc
	shift 2
	cc=$(kbuild_cc "$arch")
	case $arch in
	x86_64) make -s O="$out" ARCH=x86_64 CC="$cc" -j"$(nproc)" "$@" ;;
	arm64) make -s O="$out" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		CC="$cc" -j"$(nproc)" "$@" ;;
	esac
}

# One base config per variant, made once and kept.
for v in "${variants[@]}"; do
	out=$BUILD/ci/bisect-$v
	read -r -a frag <<<"$(frags "${v_arch[$v]}")"
	key=$(cat "${frag[@]}" | sha256sum)
	if [ ! -f "$out/.config.base" ] ||
	   [ "$(cat "$out/.fragment.sha" 2>/dev/null)" != "$key" ]; then
		msg "bisect: configuring $out"
		cross=
		[ "${v_arch[$v]}" = x86_64 ] || cross=aarch64-linux-gnu-
		ARCH=${v_arch[$v]} CROSS_COMPILE=$cross \
			kconfig_small "$src" "$out" "${frag[@]}" \
			>"$out.config.log" 2>&1
		cp "$out/.config" "$out/.config.base"
		rm -f "$out/.kconfig.sha"
		echo "$key" >"$out/.fragment.sha"
	fi
done

# variant N V: compile the files of FILES for variant V (y, n, arm64-y,
# arm64-n) after patch N; the verdict in OUT/result-N: PASS, or FAIL and
# why. The config is made again only when the series' Kconfig changed
# (KCONF, the digest of its changes so far).
variant() {
	local n=$1 v=$2 out=$BUILD/ci/bisect-$2 objs=() f log
	local stamp arch=${v_arch[$2]} opt=${v_opt[$2]} frag

	read -r -a frag <<<"$(frags "$arch")"

	stamp=$out/ok-$n-$(cat "$out/.config.base" - <<<"$prefix" | sha256sum | cut -c1-16)
	if [ -f "$stamp" ]; then
		echo PASS >"$out/result-$n"
		return
	fi
	for f in "${files[@]}"; do
		[ -z "${left_out[$arch:$f]:-}" ] || continue
		[ "$opt" = n ] && case $f in
			drivers/pci/liveupdate*.c|*/vfio_pci_liveupdate.c) true ;;
			*) false ;;
			esac && continue
		objs+=("${f%.c}.o")
	done
	log=$out/bisect-$n.log
	: >"$log"
	if [ "$(cat "$out/.kconfig.sha" 2>/dev/null)" != "$kconf" ]; then
		rm -f "$out/.kconfig.sha"
		cp "$out/.config.base" "$out/.config"
		# The base knows none of the series' options: add them.
		if [ "$opt" = y ]; then
			grep -hE '^CONFIG_(VFIO_)?PCI_LIVEUPDATE' "${frag[@]}" \
				>>"$out/.config"
		else
			echo "CONFIG_PCI_LIVEUPDATE=n" >>"$out/.config"
		fi
		kmake "$out" "$arch" olddefconfig >>"$log" 2>&1 &&
			echo "$kconf" >"$out/.kconfig.sha"
	fi
	# Variant y has the option on once the series has defined it (a
	# patch before that, e.g. to LUO, builds as the base config does).
	if [ -f "$out/.kconfig.sha" ] &&
	   { [ "$opt" = n ] || ! grep -q '^config PCI_LIVEUPDATE$' drivers/pci/Kconfig ||
	     grep -q '^CONFIG_PCI_LIVEUPDATE=y' "$out/.config"; } &&
	   { [ ${#objs[@]} -eq 0 ] || kmake "$out" "$arch" "${objs[@]}" >>"$log" 2>&1; } &&
	   ! grep -q 'warning:' "$log"; then
		echo PASS >"$out/result-$n"
		touch "$stamp"
	else
		grep -E 'error|warning' "$log" | head -n 10 >&2 || :
		echo "FAIL ${log#"$BUILD"/}" >"$out/result-$n"
	fi
}

# The series' files a variant's architecture cannot compile, and the
# architecture each needs (no COMPILE_TEST in its Kconfig): left out, and
# named. Keyed ARCH:FILE.
declare -A left_out=(
	[x86_64:drivers/vfio/pci/ism/main.c]="s390 (ISM_VFIO_PCI depends on S390)"
	[arm64:drivers/vfio/pci/ism/main.c]="s390 (ISM_VFIO_PCI depends on S390)"
)

# A step whose inputs (the patches up to it, the base config, the
# compilers) already compiled cleanly is not compiled again: a stamp names
# them.
prefix=$({ gcc --version; aarch64-linux-gnu-gcc --version; } 2>&1 |
	sha256sum | cut -c1-16)

for p in $(series_patches); do
	name=$(patch_id "$p")
	n=${name//\//-}
	if ! git apply --index "$p"; then
		for v in "${variants[@]}"; do
			record FAIL "bisect:$name-$v" "does not apply: $name"
		done
		continue
	fi
	mapfile -t files < <(git diff --cached --name-only --diff-filter=AM base -- '*.c' |
		grep -v -e '_test\.c$' -e '/tests/' -e '^tools/' || :)
	for key in "${!left_out[@]}"; do
		for f in "${files[@]}"; do
			[ "$f" = "${key#*:}" ] || continue
			msg "bisect: $name: not compiling $f for ${key%%:*}: it builds for ${left_out[$key]} only"
		done
	done
	prefix=$(cat - "$p" <<<"$prefix" | sha256sum | cut -c1-16)
	kconf=$(git diff --cached base -- '*Kconfig*' | sha256sum)
	for v in "${variants[@]}"; do
		rm -f "$BUILD/ci/bisect-$v/result-$n"
		variant "$n" "$v" &
	done
	wait
	for v in "${variants[@]}"; do
		read -r verdict why <"$BUILD/ci/bisect-$v/result-$n" ||
			verdict=FAIL why="no result"
		if [ "$verdict" = PASS ]; then
			record PASS "bisect:$name-$v"
		else
			record FAIL "bisect:$name-$v" "$name, log: $why"
		fi
	done
done
