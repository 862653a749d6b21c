#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build sparse 0.6.5~rc1 from Debian sid's source package into
# build/tools/sparse (cached). Debian 12's sparse 0.6.4 is too old for
# Linux 7.3, whose build then skips the check. The source comes through a
# private apt configuration (build/apt-sparse: its own deb-src sources.list,
# lists and cache; the mirror is taken from the machine's apt sources,
# which are not changed). Prints the path of the sparse binary.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

SPARSE_VERSION=${SPARSE_VERSION:-0.6.5~rc1}
SPARSE_DEB_VERSION=${SPARSE_DEB_VERSION:-$SPARSE_VERSION-2}
out=$BUILD/tools/sparse
bin=$out/sparse-$SPARSE_VERSION/sparse
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

APT=$BUILD/apt-sparse
mkdir -p "$APT" "$out"
mirror=$(debian_mirror)
echo "deb-src $mirror sid main" >"$APT/sources.list"
msg "fetching sparse $SPARSE_VERSION source from Debian sid (private apt config in build/apt-sparse)"
apt_private "$APT" apt-get update >/dev/null
(cd "$out" && apt_private "$APT" apt-get source --download-only "sparse=$SPARSE_DEB_VERSION" >&2)
orig=$(ls "$out"/sparse_"${SPARSE_VERSION}".orig.tar.*)
rm -rf "$out/sparse-$SPARSE_VERSION"
mkdir -p "$out/sparse-$SPARSE_VERSION"
tar -xf "$orig" -C "$out/sparse-$SPARSE_VERSION" --strip-components=1
msg "building sparse"
make -s -C "$out/sparse-$SPARSE_VERSION" -j"$(nproc)" sparse HAVE_LLVM=no \
	HAVE_GTK=no HAVE_LIBXML=no >&2
"$bin" --version >&2
echo "$bin"
