#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build sparse 0.6.5~rc1 from Debian sid's source package into
# build/tools/sparse (cached). Debian 12's sparse 0.6.4 is too old for
# Linux 7.3, whose build then skips the check. The source comes through a
# private apt configuration (build/apt-sparse: its own deb-src sources.list,
# lists and cache); the machine's apt sources are not touched. Prints the
# path of the sparse binary.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SPARSE_VERSION=${SPARSE_VERSION:-0.6.5~rc1}
SPARSE_DEB_VERSION=${SPARSE_DEB_VERSION:-$SPARSE_VERSION-2}
out=$BUILD/tools/sparse
bin=$out/sparse-$SPARSE_VERSION/sparse
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi

APT=$BUILD/apt-sparse
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$out"
echo "deb-src http://deb.debian.org/debian sid main" >"$APT/sources.list"
apt_private() {
	local cmd=$1; shift
	"$cmd" -q -o Dir::Etc::SourceList="$APT/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT/lists" \
		-o Dir::Cache="$APT/cache" \
		-o Dir::State::status=/dev/null \
		-o APT::Sandbox::User=root \
		-o Debug::NoLocking=1 "$@"
}
msg "fetching sparse $SPARSE_VERSION source from Debian sid (private apt config in build/apt-sparse)"
apt_private apt-get update >/dev/null
(cd "$out" && apt_private apt-get source --download-only "sparse=$SPARSE_DEB_VERSION" >&2)
orig=$(ls "$out"/sparse_"${SPARSE_VERSION}".orig.tar.*)
rm -rf "$out/sparse-$SPARSE_VERSION"
mkdir -p "$out/sparse-$SPARSE_VERSION"
tar -xf "$orig" -C "$out/sparse-$SPARSE_VERSION" --strip-components=1
msg "building sparse"
make -s -C "$out/sparse-$SPARSE_VERSION" -j"$(nproc)" sparse HAVE_LLVM=no \
	HAVE_GTK=no HAVE_LIBXML=no >&2
"$bin" --version >&2
echo "$bin"
