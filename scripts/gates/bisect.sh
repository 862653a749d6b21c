#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bisect.sh TREE: apply patches/ one by one on the pristine base and, after
# each, compile every .c file the series has touched so far with
# CONFIG_PCI_LIVEUPDATE=y and with =n, on the VM guest's small config
# (tinyconfig + the selftest's config.x86_64 and config, read from TREE,
# the whole series applied). Records bisect:NNNN-y and bisect:NNNN-n.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: bisect.sh TREE}")
frags=("$tree/$SELFTEST/config.x86_64" "$tree/$SELFTEST/config")
src=$BUILD/ci/bisect-src
[ -d "$src/.git" ] || init_base_repo "$src"
cd "$src"
git checkout -q -f --detach base
git clean -q -fdx

kmake() { # kmake OUT ARGS...
	local out=$1; shift
	with_build_lock make -s O="$out" ARCH=x86_64 CC="$(kbuild_cc)" \
		-j"$(nproc)" "$@"
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
		echo "$key" >"$out/.fragment.sha"
	fi
done

# A step whose inputs (the patches up to it, the base config, the compiler)
# already compiled cleanly is not compiled again: a stamp names them.
prefix=$(gcc --version | head -n1 | sha256sum | cut -c1-16)

for p in $(series_patches); do
	name=$(basename "$p")
	n=${name%%-*}
	if ! git apply --index "$p"; then
		record FAIL "bisect:$n-y" "does not apply: $name"
		record FAIL "bisect:$n-n" "does not apply: $name"
		continue
	fi
	mapfile -t files < <(git diff --cached --name-only --diff-filter=AM base -- '*.c' |
		grep -v -e '_test\.c$' -e '^tools/' || :)
	prefix=$(cat - "$p" <<<"$prefix" | sha256sum | cut -c1-16)
	for v in y n; do
		out=$BUILD/ci/bisect-$v
		stamp=$out/ok-$n-$(cat "$out/.config.base" - <<<"$prefix" | sha256sum | cut -c1-16)
		if [ -f "$stamp" ]; then
			record PASS "bisect:$n-$v"
			continue
		fi
		objs=()
		for f in "${files[@]}"; do
			[ "$v" = n ] && case $f in
				drivers/pci/liveupdate*.c|*/vfio_pci_liveupdate.c) true ;;
				*) false ;;
				esac && continue
			objs+=("${f%.c}.o")
		done
		cp "$out/.config.base" "$out/.config"
		# The base knows none of the series' options: add them.
		if [ "$v" = y ]; then
			grep -hE '^CONFIG_(VFIO_)?PCI_LIVEUPDATE' "${frags[@]}" \
				>>"$out/.config"
		else
			echo "CONFIG_PCI_LIVEUPDATE=n" >>"$out/.config"
		fi
		log=$out/bisect-$n.log
		if kmake "$out" olddefconfig >"$log" 2>&1 &&
		   { [ "$v" = n ] || grep -q '^CONFIG_PCI_LIVEUPDATE=y' "$out/.config"; } &&
		   { [ ${#objs[@]} -eq 0 ] || kmake "$out" "${objs[@]}" >>"$log" 2>&1; } &&
		   ! grep -q 'warning:' "$log"; then
			record PASS "bisect:$n-$v"
			touch "$stamp"
		else
			grep -E 'error|warning' "$log" | head -n 10 >&2 || :
			record FAIL "bisect:$n-$v" "$name, log: ${log#"$BUILD"/}"
		fi
	done
done
