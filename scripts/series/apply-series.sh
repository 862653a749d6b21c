#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# apply-series.sh DIR: make DIR (a base repository, created when missing)
# hold the pristine base with patches/ applied, and print nothing else.
# The series is applied patch by patch into a private index, so a patch that
# does not apply is named; then DIR is checked out to the result, which only
# rewrites files that changed since the previous run: the O= build
# directories stay warm.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

dir=$(realpath -m "${1:?usage: apply-series.sh DIR}")
[ -d "$dir/.git" ] || init_base_repo "$dir"
cd "$dir"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_INDEX_FILE=$tmp/index
git read-tree base
n=0
for p in $(series_patches); do
	if ! git apply --cached "$p" 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		die "patch $(basename "$p") does not apply to the base"
	fi
	n=$((n + 1))
done
tree=$(git write-tree)
unset GIT_INDEX_FILE
commit=$(GIT_AUTHOR_DATE=$BASE_DATE GIT_COMMITTER_DATE=$BASE_DATE \
	git commit-tree "$tree" -p base -m "series: $n patches")
git checkout -q -f --detach "$commit"
msg "series applied: $n patches on Linux $(make -s kernelversion) (build/${dir#"$BUILD"/})"
