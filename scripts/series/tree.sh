#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make tree: build/linux becomes a git repository whose first commit is the
# pristine base (tag "base"), followed by the postings of patches/ applied
# with git am on branch "series", each after an empty commit that holds its
# cover letter (see export.sh). Idempotent. Refuses to replace a tree that holds commits
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

# Each posting: an empty commit "Cover-letter: NN-NAME" whose message holds
# the cover letter's subject and text, then its patches (see export.sh).
n=0
while read -r dir; do
	name=$(basename "$dir")
	cover=$dir/0000-cover-letter.patch
	[ -f "$cover" ] || die "posting $name has no cover letter"
	{
		printf 'Cover-letter: %s\n\n' "$name"
		"$TOP/scripts/series/cover-letter.sh" extract "$cover"
	} >.git/pcilu-cover
	GIT_AUTHOR_NAME=$PROJECT_NAME GIT_AUTHOR_EMAIL=$PROJECT_EMAIL \
	GIT_COMMITTER_NAME=$PROJECT_NAME GIT_COMMITTER_EMAIL=$PROJECT_EMAIL \
	GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
		git commit -q --allow-empty --cleanup=verbatim -F .git/pcilu-cover
	for p in "$dir"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-*) continue ;; esac
		if ! git am -q --keep-cr "$p" 2>.git/pcilu-am.err; then
			cat .git/pcilu-am.err >&2
			git am --abort >/dev/null 2>&1 || true
			die "patch $name/$(basename "$p") does not apply"
		fi
		n=$((n + 1))
	done
done < <(series_dirs)

echo "$(git rev-parse HEAD) $(patches_digest)" > "$applied_mark"
msg "build/linux: base + $n patches in $(series_dirs | wc -l) postings on branch series"
