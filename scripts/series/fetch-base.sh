#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the pinned linux-source-7.3 package with a private apt configuration
# under build/apt (the machine's apt sources are read for the mirror, never
# changed), verify its sha256 against base.conf and extract it once into
# build/src/.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

stamp=$BASE_SRC.extracted
if [ -f "$stamp" ]; then
	msg "base $BASE_PACKAGE $BASE_DEB_VERSION already extracted (build/src)"
	exit 0
fi

APT=$BUILD/apt
mkdir -p "$APT/debs"

verify() {
	local f=$1 sum
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	if [ "$sum" != "$BASE_DEB_SHA256" ]; then
		printf 'error: checksum mismatch for %s\n  expected %s\n  got      %s\n' \
			"$(basename "$f")" "$BASE_DEB_SHA256" "$sum" >&2
		return 1
	fi
	msg "sha256 verified: $sum  $(basename "$f")"
}

found=$(find "$APT/debs" -name "${BASE_PACKAGE}_*_all.deb" | head -n1)
if [ -z "$found" ]; then
	mirror=$(debian_mirror)
	msg "downloading $BASE_PACKAGE=$BASE_DEB_VERSION from Debian $BASE_SUITE (private apt config in build/apt)"
	echo "deb $mirror $BASE_SUITE main" >"$APT/sources.list"
	apt_private "$APT" apt-get update >/dev/null
	if ! (cd "$APT/debs" && apt_private "$APT" apt-get download \
			"$BASE_PACKAGE=$BASE_DEB_VERSION" >/dev/null 2>"$APT/download.err"); then
		cat "$APT/download.err" >&2
		printf 'error: %s %s is no longer in the archive.\n' "$BASE_PACKAGE" "$BASE_DEB_VERSION" >&2
		printf 'Versions of %s the archive offers:\n' "$BASE_PACKAGE" >&2
		for s in $BASE_OTHER_SUITES; do
			echo "deb $mirror $s main" >"$APT/sources.list"
			apt_private "$APT" apt-get update >/dev/null 2>&1 || continue
			apt_private "$APT" apt-cache madison "$BASE_PACKAGE" 2>/dev/null |
				awk -v s="$s" '{ print "  " $3 "  (" s ")" }' >&2
		done
		printf 'To move the pin, change BASE_DEB_VERSION (and BASE_DEB_SHA256) in base.conf.\n' >&2
		exit 1
	fi
	found=$(find "$APT/debs" -name "${BASE_PACKAGE}_*_all.deb" | head -n1)
fi

verify "$found"

msg "extracting $(basename "$found") into build/src"
rm -rf "$BASE_SRC.tmp"
mkdir -p "$BASE_SRC.tmp"
dpkg-deb --fsys-tarfile "$found" |
	tar -xO "./usr/src/$BASE_PACKAGE.tar.xz" |
	tar -xJ -C "$BASE_SRC.tmp" --strip-components=1
rm -rf "$BASE_SRC"
mv "$BASE_SRC.tmp" "$BASE_SRC"
touch "$stamp"
msg "base extracted: Linux $(make -s -C "$BASE_SRC" kernelversion)"
