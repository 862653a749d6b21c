#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-arm64-guest.sh: the arm64 programs of the aarch64 VM guests
# (static busybox, kexec and the libraries kexec links) from Debian
# bookworm's arm64 packages, extracted into build/vm/arm64-root, which
# vmtest.sh takes as VMTEST_ARM64_ROOT. The host's own busybox and kexec
# are x86 binaries. The packages come through a private apt configuration
# (build/apt-arm64: its own sources.list, lists and cache; the mirror is
# taken from the machine's apt sources, which are not changed).
# Idempotent: nothing is fetched when the root already holds them. Prints
# the root's path.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

root=$BUILD/vm/arm64-root

# needed ROOT ELF: fail naming each library that ELF needs, directly or
# through another one, and that ROOT lacks.
needed() {
	local root=$1 todo=("$2") seen=() file lib path

	while [ ${#todo[@]} -gt 0 ]; do
		file=${todo[0]}
		todo=("${todo[@]:1}")
		for lib in $(aarch64-linux-gnu-readelf -d "$file" |
			     sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
			case " ${seen[*]} " in *" $lib "*) continue ;; esac
			seen+=("$lib")
			path=$(find "$root" -name "$lib" -print -quit)
			[ -n "$path" ] || die "kexec needs $lib, which none of ${pkgs[*]} has"
			todo+=("$(realpath "$path")")
		done
	done
}

# The packages of every library kexec loads, directly or through another
# one (aarch64-linux-gnu-readelf -d, checked below): Debian's arm64 kexec
# links libxenctrl (libxenmisc4.17), which links the Xen libraries. libc6
# also brings the dynamic loader.
pkgs=(busybox-static kexec-tools libc6 zlib1g libxenmisc4.17 libxencall1
	libxendevicemodel1 libxenevtchn1 libxenforeignmemory1 libxengnttab1
	libxentoolcore1 libxentoollog1)
if [ -x "$root/bin/busybox" ] && [ -x "$root/sbin/kexec" ] &&
   [ -f "$root/.complete" ]; then
	echo "$root"
	exit 0
fi

APT=$BUILD/apt-arm64
mkdir -p "$APT/debs"
echo "deb [arch=arm64] $(debian_mirror) bookworm main" >"$APT/sources.list"
arch=(-o APT::Architecture=arm64 -o APT::Architectures=arm64)
msg "fetching ${pkgs[*]} (arm64) from Debian bookworm (private apt config in build/apt-arm64)"
apt_private "$APT" apt-get "${arch[@]}" update >/dev/null
# Each name with its architecture: apt does not find libxenmisc4.17 by its
# bare name.
(cd "$APT/debs" && rm -f ./*.deb &&
 apt_private "$APT" apt-get "${arch[@]}" download "${pkgs[@]/%/:arm64}" >&2)
rm -rf "$root.tmp"
mkdir -p "$root.tmp"
for deb in "$APT"/debs/*.deb; do
	dpkg-deb -x "$deb" "$root.tmp"
done
# What kexec loads must be there: a library missing from the list above
# would only show in the guest, as a kexec that cannot start.
needed "$root.tmp" "$root.tmp/sbin/kexec"
touch "$root.tmp/.complete"
rm -rf "$root"
mv "$root.tmp" "$root"
echo "$root"
