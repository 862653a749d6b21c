#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the pinned linux-source-7.3 package with a private apt configuration
# under build/apt (the machine's apt sources are never touched), verify its
# sha256 against base.conf and extract it once into build/src/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

stamp=$BASE_SRC.extracted
if [ -f "$stamp" ]; then
	msg "base $BASE_PACKAGE $BASE_DEB_VERSION already extracted (build/src)"
	exit 0
fi

APT=$BUILD/apt
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/debs"

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

deb=$APT/debs/${BASE_PACKAGE}_${BASE_DEB_VERSION/\~/%7e}_all.deb
deb_plain=$APT/debs/${BASE_PACKAGE}_${BASE_DEB_VERSION}_all.deb

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

found=
for f in "$deb" "$deb_plain"; do
	[ -f "$f" ] && found=$f
done

if [ -z "$found" ]; then
	msg "downloading $BASE_PACKAGE=$BASE_DEB_VERSION from Debian $BASE_SUITE (private apt config in build/apt)"
	echo "deb $BASE_MIRROR $BASE_SUITE main" > "$APT/sources.list"
	apt_private apt-get update >/dev/null
	if ! (cd "$APT/debs" && apt_private apt-get download \
			"$BASE_PACKAGE=$BASE_DEB_VERSION" >/dev/null 2>"$APT/download.err"); then
		cat "$APT/download.err" >&2
		printf 'error: %s %s is no longer in the archive.\n' "$BASE_PACKAGE" "$BASE_DEB_VERSION" >&2
		printf 'Versions of %s the archive offers:\n' "$BASE_PACKAGE" >&2
		for s in $BASE_OTHER_SUITES; do
			echo "deb $BASE_MIRROR $s main" > "$APT/sources.list"
			apt_private apt-get update >/dev/null 2>&1 || continue
			apt_private apt-cache madison "$BASE_PACKAGE" 2>/dev/null |
				awk -v s="$s" '{ print "  " $3 "  (" s ")" }' >&2
		done
		printf 'To move the pin, change BASE_DEB_VERSION (and BASE_DEB_SHA256) in base.conf.\n' >&2
		exit 1
	fi
	for f in "$deb" "$deb_plain"; do
		[ -f "$f" ] && found=$f
	done
	[ -n "$found" ] || found=$(ls "$APT"/debs/"${BASE_PACKAGE}"_*.deb | head -n1)
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
