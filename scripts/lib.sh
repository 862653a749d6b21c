# SPDX-License-Identifier: GPL-2.0
# Shared settings for the project's scripts. Sourced, not run.

# Debian's tools first: the kernel's Python scripts (spdxcheck.py, kunit.py)
# want Debian's python3 and its modules (python3-ply, python3-git).
export PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
# shellcheck source=../base.conf
. "$TOP/base.conf"

# The single project identity (README.md): author, Signed-off-by, MAINTAINERS.
PROJECT_NAME="PCI Live Update Team"
PROJECT_EMAIL="pci-liveupdate@example.org"
PROJECT_IDENT="$PROJECT_NAME <$PROJECT_EMAIL>"

# Fixed dates make the base commit identical on every machine.
BASE_DATE="2026-11-15T22:30:00Z"

BASE_SRC=$BUILD/src/linux-${BASE_DEB_VERSION}
TREE=$BUILD/linux

msg()  { printf '==> %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a kernel build step with the machine-wide build lock held, so that two
# kernel builds never run at once (2 cores).
KBUILD_LOCK=${KBUILD_LOCK:-/tmp/pci-liveupdate-kbuild.lock}
with_build_lock() { flock "$KBUILD_LOCK" "$@"; }

# ccache: used only when its cache already exists and holds something. A
# cold cache makes a cold build 50-85 % slower here; the O= build directories
# are kept, so warm builds are incremental without it.
CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/pci-liveupdate-ccache}
# Paths below the project are hashed relative to it, so that a fresh clone
# elsewhere (CI) hits what an earlier clone put in the cache.
CCACHE_BASEDIR=$TOP
CCACHE_NOHASHDIR=true
export CCACHE_DIR CCACHE_BASEDIR CCACHE_NOHASHDIR
kbuild_cc() {
	if [ "${USE_CCACHE:-auto}" = no ]; then echo gcc; return; fi
	if [ "${USE_CCACHE:-auto}" = yes ] ||
	   { command -v ccache >/dev/null &&
	     [ -n "$(find "$CCACHE_DIR" -name '*R' -type f -print -quit 2>/dev/null)" ]; }; then
		echo "ccache gcc"
	else
		echo gcc
	fi
}

# The base repository: the pristine source as one commit, tagged "base".
# $1: directory to create.
init_base_repo() {
	local dir=$1
	"$TOP/scripts/fetch-base.sh"
	msg "creating $dir from the pristine base"
	rm -rf "$dir.tmp"
	mkdir -p "$(dirname "$dir")"
	cp -a "$BASE_SRC" "$dir.tmp"
	(
		cd "$dir.tmp"
		git init -q -b base-branch .
		git config user.name "$PROJECT_NAME"
		git config user.email "$PROJECT_EMAIL"
		git config core.abbrev 12
		git config gc.auto 0
		git add -A -f .
		GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
			git commit -q -m "Linux $(make -s kernelversion) (Debian $BASE_PACKAGE $BASE_DEB_VERSION)"
		git tag base
	)
	mv "$dir.tmp" "$dir"
}
