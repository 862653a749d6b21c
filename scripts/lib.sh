# SPDX-License-Identifier: GPL-2.0
# Shared settings and helpers of the project's scripts. Sourced, not run.

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

# Fixed dates make the base commit identical on every machine.
BASE_DATE="2026-11-15T22:30:00Z"

BASE_SRC=$BUILD/src/linux-${BASE_DEB_VERSION}
TREE=$BUILD/linux
# The VM tests of the series, in the kernel tree.
SELFTEST=tools/testing/selftests/pci_liveupdate

msg()  { printf '==> %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# record PASS|FAIL NAME [WHY]: one result of make check, in $RESULTS. The
# format ("PASS NAME" or "FAIL NAME # WHY") is read by scripts/results.py.
record() {
	[ -n "${RESULTS:-}" ] || return 0
	printf '%s %s%s\n' "$1" "$2" "${3:+ # $3}" >>"$RESULTS"
	msg "$2: $1${3:+ ($3)}"
}

# record_ktap PREFIX <KTAP: a result for each top-level "ok"/"not ok" line,
# named PREFIX + the line's description.
record_ktap() {
	local prefix=$1 line desc why

	while IFS= read -r line; do
		case $line in
		"ok "*|"not ok "*) ;;
		*) continue ;;
		esac
		desc=${line#*ok [0-9]* }
		why=
		case $desc in *" # "*) why=${desc#* # } ;; esac
		case $line in
		*" # SKIP"*) record FAIL "$prefix${desc%% *}" "skipped${why#SKIP}" ;;
		"ok "*) record PASS "$prefix${desc%% *}" ;;
		*) record FAIL "$prefix${desc%% *}" "${why:-failed}" ;;
		esac
	done
}

# record_kunit PREFIX LOG SRC: a result per KUnit case (KUNIT_CASE) of the
# kernel log LOG, as SRC's kunit.py parses it; a parameterized case is one
# result, which fails naming the parameters that failed.
record_kunit() {
	local prefix=$1 log=$2 src=$3 st name why

	tr -d '\r' <"$log" | python3 "$src/tools/testing/kunit/kunit.py" parse \
		>"$log.kunit" 2>&1 || :
	awk '
		{ sub(/^\[[0-9:]*\] /, "") }
		/^=+ [^[].* =+$/ { depth++; failed = ""; next }
		/^=+ \[[A-Z]+\] .* =+$/ {
			depth--
			if (depth == 1) print $3, $2, failed
			next
		}
		/^\[[A-Z]+\] / && depth == 1 { print $2, $1; next }
		/^\[[A-Z]+\] / && depth == 2 && $1 != "[PASSED]" {
			line = $0; sub(/^\[[A-Z]+\] /, "", line)
			failed = failed (failed ? "; " : "") line
		}' "$log.kunit" | while read -r name st why; do
		case $st in
		"[PASSED]") record PASS "$prefix$name" ;;
		*) record FAIL "$prefix$name" "${st//[][]/}${why:+: $why}" ;;
		esac
	done
}

# The postings, in the order they apply: the folders of patches/ (or of
# the copy make check works from, $PATCHES), each a series with its cover
# letter, named NN-NAME.
series_dirs() {
	find "${PATCHES:-$TOP/patches}" -mindepth 1 -maxdepth 1 -type d \
		-name '[0-9][0-9]-*' | LC_ALL=C sort
}

# The patches of every posting, in order, without the cover letters.
series_patches() {
	find "${PATCHES:-$TOP/patches}" -mindepth 2 -maxdepth 2 \
		-name '[0-9][0-9][0-9][0-9]-*.patch' ! -name '0000-*' | LC_ALL=C sort
}

# patch_id PATCH: how results name a patch, its posting and number
# ("01-pci/0003").
patch_id() {
	local name

	name=$(basename "$1")
	echo "$(basename "$(dirname "$1")")/${name%%-*}"
}

# What 'make tree' applied and 'make export' wrote: a digest of patches/.
patches_digest() {
	find "${PATCHES:-$TOP/patches}" -mindepth 2 -maxdepth 2 -name '*.patch' |
		LC_ALL=C sort | xargs -r cat | sha256sum | cut -d' ' -f1
}

# A kernel tree must exist before a developer target uses it.
require_tree() {
	[ -f "$1/Makefile" ] ||
		die "no kernel tree in ${1#"$TOP"/}: run 'make tree' first"
}

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
# kbuild_cc [ARCH]: the CC= of a kernel build for ARCH (x86_64, the
# default, or arm64: Debian's cross-compiler), with ccache or without.
kbuild_cc() {
	local gcc=gcc

	[ "${1:-x86_64}" != arm64 ] || gcc=aarch64-linux-gnu-gcc
	if [ "${USE_CCACHE:-auto}" = no ]; then echo "$gcc"; return; fi
	if [ "${USE_CCACHE:-auto}" = yes ] ||
	   { command -v ccache >/dev/null &&
	     [ -n "$(find "$CCACHE_DIR" -name '*R' -type f -print -quit 2>/dev/null)" ]; }; then
		echo "ccache $gcc"
	else
		echo "$gcc"
	fi
}

# kconfig_small SRC OUT FRAGMENT...: OUT/.config of the tree SRC with the
# guest's fragments (the static gates build with the guest's options), made
# by the selftest's own helper, kconfig.sh beside the first FRAGMENT: every
# option must take effect, as in vmtest.sh. The one exception: the options
# of symbols SRC does not define (the series' own, when SRC is the base the
# gates compare with) are left out, each named.
kconfig_small() {
	local src=$1 out=$2 helper frag kept=()
	shift 2
	helper=$(dirname "$1")/kconfig.sh
	[ -f "$helper" ] || { msg "no $helper"; return 1; }
	mkdir -p "$out"
	grep -rhoE --include='Kconfig*' \
		'^[[:space:]]*(menu)?config[[:space:]]+[A-Za-z0-9_]+' "$src" |
		awk '{ print "CONFIG_" $2 }' | LC_ALL=C sort -u >"$out/.kconfig-symbols"
	for frag; do
		kept+=("$out/.fragment-${#kept[@]}")
		awk -v src="$src" '
			FNR == NR { known[$0] = 1; next }
			{ s = $0; sub(/^# /, "", s); sub(/[= ].*/, "", s) }
			s !~ /^CONFIG_/ || (s in known) { print; next }
			{ out = out " " s }
			END { if (out) printf "==> not in %s, left out:%s\n", src,
				out > "/dev/stderr" }' \
			"$out/.kconfig-symbols" "$frag" >"${kept[-1]}" || return 1
	done
	(
		# shellcheck source=/dev/null
		. "$helper"
		# shellcheck disable=SC2034 # read by kconfig()
		MAKE_CMD=(with_build_lock make)
		kconfig "$src" "$out" "${kept[@]}"
	)
}

# The Debian archive the machine's own apt sources use (never a host name
# written in this repository): the URI of the first "deb" entry for a
# release suite (no -security or -updates) in /etc/apt/sources.list or
# /etc/apt/sources.list.d/*.sources. DEBIAN_MIRROR overrides it.
debian_mirror() {
	local uri

	if [ -n "${DEBIAN_MIRROR:-}" ]; then
		echo "$DEBIAN_MIRROR"
		return
	fi
	uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '
		/^[ \t]*$/ { flush(); next }
		{ k = tolower($1); sub(/:$/, "", k); $1 = ""; sub(/^ /, ""); f[k] = $0 }
		END { flush() }
		function flush() {
			if (!done && f["types"] ~ /(^| )deb( |$)/ &&
			    f["enabled"] != "no" && f["suites"] ~ /(^| )[a-z]+( |$)/ &&
			    f["uris"] !~ /security/) {
				split(f["uris"], u, " "); print u[1]; done = 1
			}
			delete f
		}')
	[ -n "$uri" ] || uri=$(sed -n -E \
		's/^deb[ \t]+(\[[^]]*\][ \t]+)?([^ \t]+)[ \t]+[a-z]+[ \t].*/\2/p' \
		/etc/apt/sources.list 2>/dev/null | grep -v security | head -n1)
	[ -n "$uri" ] || die "no Debian archive in this machine's apt sources (/etc/apt/sources.list, /etc/apt/sources.list.d/*.sources): configure one, or set DEBIAN_MIRROR"
	echo "${uri%/}"
}

# apt_private DIR CMD ARGS...: run apt-get/apt-cache with a private apt
# configuration under DIR (its own sources.list, lists and cache), so the
# machine's apt state is never touched. DIR/sources.list must exist.
apt_private() {
	local dir=$1 cmd=$2
	shift 2
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
	"$cmd" -q -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::Cache="$dir/cache" \
		-o Dir::State::status=/dev/null \
		-o APT::Sandbox::User=root \
		-o Debug::NoLocking=1 "$@"
}

# export_arm64_root: VMTEST_ARM64_ROOT, the aarch64 guests' programs
# (fetch-arm64-guest.sh), for vmtest.sh; without them it skips the aarch64
# scenarios, saying why.
export_arm64_root() {
	VMTEST_ARM64_ROOT=$("$TOP/scripts/vm/fetch-arm64-guest.sh") ||
		msg "no arm64 guest programs: the aarch64 scenarios are skipped"
	export VMTEST_ARM64_ROOT
}

# The base repository: the pristine source as one commit, tagged "base".
# $1: directory to create.
init_base_repo() {
	local dir=$1
	"$TOP/scripts/series/fetch-base.sh"
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
