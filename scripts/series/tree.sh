#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make tree: build/linux becomes a git repository whose first commit is the
# pristine base (tag "base"), followed by patches/ applied with git am on
# branch "series". Idempotent. Refuses to replace a tree that holds commits
# or edits that are not in patches/, unless FORCE=1.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

applied_mark=.git/pcilu-applied

if [ -d "$TREE/.git" ]; then
	cd "$TREE"
	dirty=$(git status --porcelain --untracked-files=no)
	head=$(git rev-parse HEAD)
	recorded=$(cat "$applied_mark" 2>/dev/null || true)
	if [ "${FORCE:-0}" != 1 ]; then
		if [ -n "$dirty" ]; then
			die "build/linux has uncommitted edits; commit and 'make export', or FORCE=1 to discard"
		fi
		if [ "$head" != "${recorded%% *}" ]; then
			die "build/linux holds commits not in patches/ (HEAD is not what 'make tree' applied); 'make export' them, or FORCE=1 to discard"
		fi
		if [ "${recorded#* }" = "$(patches_digest)" ]; then
			msg "build/linux is up to date with patches/ (branch series, $(git rev-list --count base..HEAD) commits on base)"
			exit 0
		fi
	fi
	msg "resetting build/linux to base"
	git am --abort >/dev/null 2>&1 || true
	git checkout -q -f -B series base
else
	init_base_repo "$TREE"
	cd "$TREE"
	git checkout -q -b series base
fi

# The cover letter's subject and text travel as the branch description.
cover=$TOP/patches/0000-cover-letter.patch
if [ -f "$cover" ]; then
	"$TOP/scripts/series/cover-letter.sh" extract "$cover" > .git/pcilu-cover
	git config branch.series.description "$(cat .git/pcilu-cover)"
fi

n=0
while read -r p; do
	if ! git am -q --keep-cr "$p" 2>.git/pcilu-am.err; then
		cat .git/pcilu-am.err >&2
		git am --abort >/dev/null 2>&1 || true
		die "patch $(basename "$p") does not apply"
	fi
	n=$((n + 1))
done < <(series_patches)

echo "$(git rev-parse HEAD) $(patches_digest)" > "$applied_mark"
msg "build/linux: base + $n patches on branch series"
