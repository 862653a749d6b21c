#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bisect.sh TREE: apply patches/ one by one on the pristine base and, after
# each, compile every .c file the series has touched so far with
# CONFIG_PCI_LIVEUPDATE=y and with =n, on the VM guest's small config
# (tinyconfig + the selftest's config.x86_64 and config, read from TREE,
# the whole series applied). A file that builds for another architecture
# only is named and left out. Records bisect:NNNN-y and bisect:NNNN-n.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: bisect.sh TREE}")
frags=("$tree/$SELFTEST/config.x86_64" "$tree/$SELFTEST/config")
src=$BUILD/ci/bisect-src
# The base's objects are TREE's already (it is a base repository).
if [ ! -d "$src/.git" ]; then
	rm -rf "$src"
	git clone -q --shared --no-checkout "$tree" "$src"
fi
cd "$src"
git checkout -q -f --detach base
git clean -q -fdx

# The two variants build side by side, each a make with little to do in
# most steps (kbuild's own bookkeeping, one core): take the build lock once
# for all of them.
exec 9>>"$KBUILD_LOCK"
flock 9
with_build_lock() { "$@"; }

kmake() { # kmake OUT ARGS...
	local out=$1; shift
	make -s O="$out" ARCH=x86_64 CC="$(kbuild_cc)" -j"$(nproc)" "$@"
}

# One base config per variant, made once and kept.
key=$(cat "${frags[@]}" | sha256sum)
for v in y n; do
	out=$BUILD/ci/bisect-$v
	if [ ! -f "$out/.config.base" ] ||
	   [ "$(cat "$out/.fragment.sha" 2>/dev/null)" != "$key" ]; then
		msg "bisect: configuring $out"
		kconfig_small "$src" "$out" "${frags[@]}" >"$out.config.log" 2>&1
		cp "$out/.config" "$out/.config.base"
		rm -f "$out/.kconfig.sha"
		echo "$key" >"$out/.fragment.sha"
	fi
done

# variant N V: compile the files of FILES for variant V (y or n) after
# patch N; the verdict in OUT/result-N: PASS, or FAIL and why. The config
# is made again only when the series' Kconfig changed (KCONF, the digest of
# its changes so far).
variant() {
	local n=$1 v=$2 out=$BUILD/ci/bisect-$2 objs=() f log
	local stamp

	stamp=$out/ok-$n-$(cat "$out/.config.base" - <<<"$prefix" | sha256sum | cut -c1-16)
	if [ -f "$stamp" ]; then
		echo PASS >"$out/result-$n"
		return
	fi
	for f in "${files[@]}"; do
		[ "$v" = n ] && case $f in
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
		if [ "$v" = y ]; then
			grep -hE '^CONFIG_(VFIO_)?PCI_LIVEUPDATE' "${frags[@]}" \
				>>"$out/.config"
		else
			echo "CONFIG_PCI_LIVEUPDATE=n" >>"$out/.config"
		fi
		kmake "$out" olddefconfig >>"$log" 2>&1 &&
			echo "$kconf" >"$out/.kconfig.sha"
	fi
	# Variant y has the option on once the series has defined it (a
	# patch before that, e.g. to LUO, builds as the base config does).
	if [ -f "$out/.kconfig.sha" ] &&
	   { [ "$v" = n ] || ! grep -q '^config PCI_LIVEUPDATE$' drivers/pci/Kconfig ||
	     grep -q '^CONFIG_PCI_LIVEUPDATE=y' "$out/.config"; } &&
	   { [ ${#objs[@]} -eq 0 ] || kmake "$out" "${objs[@]}" >>"$log" 2>&1; } &&
	   ! grep -q 'warning:' "$log"; then
		echo PASS >"$out/result-$n"
		touch "$stamp"
	else
		grep -E 'error|warning' "$log" | head -n 10 >&2 || :
		echo "FAIL ${log#"$BUILD"/}" >"$out/result-$n"
	fi
}

# The series' files this x86_64 gate cannot compile, and the architecture
# each needs (no COMPILE_TEST in its Kconfig): left out, and named.
declare -A other_arch=(
	[drivers/vfio/pci/ism/main.c]="s390 (ISM_VFIO_PCI depends on S390)"
)

# A step whose inputs (the patches up to it, the base config, the compiler)
# already compiled cleanly is not compiled again: a stamp names them.
prefix=$(gcc --version | head -n1 | sha256sum | cut -c1-16)

for p in $(series_patches); do
	name=$(patch_id "$p")
	n=${name//\//-}
	if ! git apply --index "$p"; then
		record FAIL "bisect:$name-y" "does not apply: $name"
		record FAIL "bisect:$name-n" "does not apply: $name"
		continue
	fi
	mapfile -t files < <(git diff --cached --name-only --diff-filter=AM base -- '*.c' |
		grep -v -e '_test\.c$' -e '/tests/' -e '^tools/' || :)
	for f in "${!files[@]}"; do
		[ -n "${other_arch[${files[$f]}]:-}" ] || continue
		msg "bisect: $name: not compiling ${files[$f]}: it builds for ${other_arch[${files[$f]}]} only"
		unset "files[$f]"
	done
	files=("${files[@]}")
	prefix=$(cat - "$p" <<<"$prefix" | sha256sum | cut -c1-16)
	kconf=$(git diff --cached base -- '*Kconfig*' | sha256sum)
	rm -f "$BUILD"/ci/bisect-{y,n}/result-"$n"
	variant "$n" y &
	variant "$n" n &
	wait
	for v in y n; do
		read -r verdict why <"$BUILD/ci/bisect-$v/result-$n" ||
			verdict=FAIL why="no result"
		if [ "$verdict" = PASS ]; then
			record PASS "bisect:$name-$v"
		else
			record FAIL "bisect:$name-$v" "$name, log: $why"
		fi
	done
done
