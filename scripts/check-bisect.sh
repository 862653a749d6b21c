#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-bisect.sh RESULTS: apply patches/ one by one on the pristine base
# and, after each, compile every .c file the series has touched so far with
# CONFIG_PCI_LIVEUPDATE=y and with =n, on the VM's small config (tinyconfig
# + scripts/vm/kconfig.fragment). Records "PASS|FAIL bisect:NNNN-y|n".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

results=$(realpath -m "${1:?usage: check-bisect.sh RESULTS}")
src=$BUILD/ci/bisect-src
[ -d "$src/.git" ] || init_base_repo "$src" || exit 1
cd "$src" || exit 1
git checkout -q -f --detach base
git clean -q -fdx

kmake() { # kmake OUT ARGS...
	local out=$1; shift
	with_build_lock make -s O="$out" ARCH=x86_64 CC="$(kbuild_cc)" \
		-j"$(nproc)" "$@"
}

# One base config per variant, made once and kept.
for v in y n; do
	out=$BUILD/ci/bisect-$v
	frag=$(sha256sum <"$TOP/scripts/vm/kconfig.fragment")
	if [ ! -f "$out/.config.base" ] ||
	   [ "$(cat "$out/.fragment.sha" 2>/dev/null)" != "$frag" ]; then
		msg "bisect: configuring $out"
		mkdir -p "$out"
		kmake "$out" tinyconfig >"$out/config.log" 2>&1 &&
		cat "$TOP/scripts/vm/kconfig.fragment" >>"$out/.config" &&
		kmake "$out" olddefconfig >>"$out/config.log" 2>&1 &&
		cp "$out/.config" "$out/.config.base" || exit 1
		echo "$frag" >"$out/.fragment.sha"
	fi
done

# A step whose inputs (the patches up to it, the base config, the compiler)
# already compiled cleanly is not compiled again: a stamp names them.
cc_id=$(gcc --version | head -n1)
prefix=$(printf '%s\n' "$cc_id" | sha256sum | cut -c1-16)

status=0
for p in "$TOP"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
	name=$(basename "$p")
	case $name in 0000-*) continue ;; esac
	n=${name%%-*}
	if ! git apply --index "$p"; then
		echo "FAIL bisect:$n (does not apply: $name)" >>"$results"
		exit 1
	fi
	mapfile -t files < <(git diff --cached --name-only --diff-filter=AM base -- '*.c' |
		grep -v -e '_test\.c$' -e '^tools/')
	prefix=$(cat - "$p" <<<"$prefix" | sha256sum | cut -c1-16)
	for v in y n; do
		out=$BUILD/ci/bisect-$v
		stamp=$out/ok-$n-$(cat "$out/.config.base" - <<<"$prefix" | sha256sum | cut -c1-16)
		if [ -f "$stamp" ]; then
			echo "PASS bisect:$n-$v" >>"$results"
			continue
		fi
		objs=()
		for f in "${files[@]}"; do
			[ "$v" = n ] && case $f in drivers/pci/liveupdate*.c) true ;; *) false ;; esac && continue
			objs+=("${f%.c}.o")
		done
		cp "$out/.config.base" "$out/.config"
		echo "CONFIG_PCI_LIVEUPDATE=$v" >>"$out/.config"
		[ "$v" = n ] || echo "CONFIG_PCI_LIVEUPDATE_TEST_HANDLER=y" >>"$out/.config"
		log=$out/bisect-$n.log
		if kmake "$out" olddefconfig >"$log" 2>&1 &&
		   { [ "$v" = n ] || grep -q '^CONFIG_PCI_LIVEUPDATE=y' "$out/.config"; } &&
		   { [ ${#objs[@]} -eq 0 ] || kmake "$out" "${objs[@]}" >>"$log" 2>&1; } &&
		   ! grep -q 'warning:' "$log"; then
			echo "PASS bisect:$n-$v" >>"$results"
			touch "$stamp"
		else
			echo "FAIL bisect:$n-$v ($name, log: ${log#"$BUILD"/})" >>"$results"
			grep -E 'error|warning' "$log" | head -n 10 >&2
			status=1
		fi
	done
	msg "bisect: $name compiled with PCI_LIVEUPDATE=y and =n"
done
exit $status
