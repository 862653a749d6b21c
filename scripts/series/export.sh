#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make export: write patches/ from branch "series" of build/linux with
# git format-patch, cover letter included. Deterministic: commit hashes are
# zeroed, no signature, the cover letter dated like the newest patch, and
# files are only rewritten when their bytes change.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

[ -d "$TREE/.git" ] || die "no build/linux; run 'make tree' first"
cd "$TREE"
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	msg "warning: build/linux has uncommitted edits; they are not exported"
fi
# Debian's .gitignore ignores every new top-level path; new files need
# "git add -f". Name the ones that would be left behind.
ignored=$(git status --porcelain --ignored=matching -uall -- \
	drivers include Documentation tools/testing kernel lib arch MAINTAINERS |
	sed -n 's/^!! //p' | grep -v '/__pycache__/\|\.pyc$' || true)
if [ -n "$ignored" ]; then
	msg "warning: new files not in any commit (git add -f them):"
	printf '    %s\n' $ignored >&2
fi
branch=$(git symbolic-ref --short HEAD 2>/dev/null || true)
[ "$branch" = series ] || die "build/linux is not on branch series (on '${branch:-detached}')"
if [ -d .git/rebase-merge ] || [ -d .git/rebase-apply ]; then
	die "a rebase or am is in progress in build/linux"
fi

n=$(git rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

newest=$(git log --format=%ad --date=raw base..HEAD | sort -n | tail -n1)
GIT_COMMITTER_NAME=$PROJECT_NAME GIT_COMMITTER_EMAIL=$PROJECT_EMAIL \
GIT_COMMITTER_DATE=$newest \
	git -c core.abbrev=12 -c diff.noprefix=false -c format.signOff=false \
	    -c diff.algorithm=myers -c diff.renames=true \
	    format-patch -q --zero-commit --no-signature --cover-letter \
	    --cover-from-description=subject --base=base \
	    -o "$tmp" base..HEAD

mkdir -p "$TOP/patches"
changed=0
for f in "$TOP"/patches/0000-cover-letter.patch $(series_patches); do
	[ -e "$f" ] || continue
	if [ ! -e "$tmp/$(basename "$f")" ]; then
		rm -f "$f"
		changed=$((changed + 1))
	fi
done
for f in "$tmp"/*.patch; do
	dst=$TOP/patches/$(basename "$f")
	if ! cmp -s "$f" "$dst"; then
		cp "$f" "$dst"
		changed=$((changed + 1))
	fi
done

# The tree now matches patches/: let 'make tree' know it is safe.
echo "$(git rev-parse HEAD) $(patches_digest)" > .git/pcilu-applied
msg "exported $n patches + cover letter to patches/ ($changed files changed)"
