#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Make the VM test initramfs.
#
#   scripts/vm/mkinitramfs.sh [-k BZIMAGE] OUT.cpio.gz [SRC[:DEST]...]
#
# Contents: busybox-static, /usr/sbin/kexec and the libraries it needs,
# /init (scripts/vm/init), /lib/vmtest.sh (scripts/vm/vmtest-lib.sh), the
# kernel BZIMAGE as /boot/bzImage, and every extra SRC at DEST (default
# /bin/NAME); dynamic executables bring their libraries along. /init runs
# the test entry point /test/run STAGE. Boot with "retain_initrd": /init then
# finds this very initramfs at /boot/initrd for the next kexec.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

kernel=
while getopts k: opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	*) die "usage: $0 [-k BZIMAGE] OUT.cpio.gz [SRC[:DEST]...]" ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || die "usage: $0 [-k BZIMAGE] OUT.cpio.gz [SRC[:DEST]...]"
out=$1
shift

root=$(mktemp -d "${TMPDIR:-/tmp}/vm-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT

# put SRC DEST: copy a file into the image; for a dynamic ELF executable
# also the shared libraries ldd reports (at the paths ldd shows).
put() {
	local src=$1 dst=$2 lib
	[ -f "$src" ] || die "no such file: $src"
	mkdir -p "$root$(dirname "$dst")"
	cp -L "$src" "$root$dst"
	if [ -x "$src" ] && ldd "$src" >/dev/null 2>&1; then
		for lib in $(ldd "$src" | grep -oE '/[^ ]+'); do
			[ -e "$root$lib" ] && continue
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
	fi
}

mkdir -p "$root"/{bin,sbin,dev,proc,sys,tmp,boot,test}
put /bin/busybox /bin/busybox
put /usr/sbin/kexec /usr/sbin/kexec
put "$TOP/scripts/vm/init" /init
put "$TOP/scripts/vm/vmtest-lib.sh" /lib/vmtest.sh
chmod 0755 "$root/init"
if [ -n "$kernel" ]; then
	put "$kernel" /boot/bzImage
fi
for arg in "$@"; do
	src=${arg%%:*}
	dst=/bin/$(basename "$src")
	case "$arg" in *:*) dst=${arg#*:} ;; esac
	put "$src" "$dst"
done
# The kernel opens /dev/console for /init before devtmpfs is mounted.
if [ "$(id -u)" = 0 ]; then
	mknod -m 0600 "$root/dev/console" c 5 1
fi

mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -6 >"$out.tmp"
mv "$out.tmp" "$out"
msg "wrote $out ($(du -k "$out" | cut -f1) KiB)"
