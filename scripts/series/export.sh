#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make export: write patches/ from branch "series" of build/linux with
# git format-patch, one folder per posting. In build/linux each posting
# starts with an empty commit, "Cover-letter: NN-NAME", whose message after
# that line is the posting's cover letter (subject, blank line, text); its
# patches follow, up to the next such commit. Deterministic: commit hashes
# are zeroed, no signature, each cover letter dated like the newest patch,
# and files are only rewritten when their bytes change.
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
first=$(git rev-list --reverse base..HEAD | sed -n 1p)
case $(git log -1 --format=%s "$first") in
"Cover-letter: "*) ;;
*) die "the first commit on base is not a posting's 'Cover-letter: NN-NAME' commit" ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# export_posting COVER LAST: the posting from commit COVER to LAST.
export_posting() {
	local cover=$1 last=$2 name out newest

	name=$(git log -1 --format=%s "$cover" | sed 's/^Cover-letter: //')
	case $name in
	[0-9][0-9]-*) ;;
	*) die "commit $cover: '$name' is no NN-NAME" ;;
	esac
	[ "$(git rev-list --count "$cover..$last")" -gt 0 ] ||
		die "posting $name has no patches"
	out=$tmp/$name
	newest=$(git log --format=%ad --date=raw "$cover..$last" | sort -n | tail -n1)
	GIT_COMMITTER_NAME=$PROJECT_NAME GIT_COMMITTER_EMAIL=$PROJECT_EMAIL \
	GIT_COMMITTER_DATE=$newest \
		git -c core.abbrev=12 -c diff.noprefix=false -c format.signOff=false \
		    -c diff.algorithm=myers -c diff.renames=true \
		    format-patch -q --zero-commit --no-signature --cover-letter \
		    --base=base -o "$out" "$cover..$last"
	# The cover letter's subject and text, from the posting's first commit.
	git log -1 --format=%b "$cover" >"$tmp/text"
	python3 - "$out/0000-cover-letter.patch" "$tmp/text" <<-'EOF'
	import sys
	path, text = sys.argv[1], open(sys.argv[2]).read().strip("\n")
	subject, _, body = text.partition("\n")
	letter = open(path).read()
	for hole, fill in (("*** SUBJECT HERE ***", subject.strip()),
	                   ("*** BLURB HERE ***", body.strip("\n"))):
	    if letter.count(hole) != 1:
	        sys.exit(f"{path}: no single {hole!r}")
	    letter = letter.replace(hole, fill)
	open(path, "w").write(letter)
	EOF
}

cover=
last=
while read -r c s; do
	case $s in
	"Cover-letter: "*)
		[ -z "$cover" ] || export_posting "$cover" "$last"
		cover=$c
		;;
	esac
	last=$c
done < <(git log --reverse --format='%H %s' base..HEAD)
export_posting "$cover" "$last"

mkdir -p "$TOP/patches"
changed=0
# What patches/ holds that the export does not: gone.
while read -r f; do
	rel=${f#"$TOP/patches/"}
	if [ ! -e "$tmp/$rel" ]; then
		rm -f "$f"
		changed=$((changed + 1))
	fi
done < <(find "$TOP/patches" -name '*.patch')
find "$TOP/patches" -mindepth 1 -type d -empty -delete
for f in "$tmp"/*/*.patch; do
	rel=${f#"$tmp/"}
	dst=$TOP/patches/$rel
	mkdir -p "$(dirname "$dst")"
	if ! cmp -s "$f" "$dst"; then
		cp "$f" "$dst"
		changed=$((changed + 1))
	fi
done

# The tree now matches patches/: let 'make tree' know it is safe.
echo "$(git rev-parse HEAD) $(patches_digest)" > .git/pcilu-applied
msg "exported $(series_patches | wc -l) patches in $(series_dirs | wc -l) postings to patches/ ($changed files changed)"
