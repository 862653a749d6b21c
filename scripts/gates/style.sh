#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# style.sh TREE: the style gates on the series, recorded with `record`.
#  - checkpatch:NNNN: scripts/checkpatch.pl --strict on every patch of
#    patches/: 0 errors, 0 warnings and 0 checks, but for the types listed
#    in checkpatch.ignore.
#  - kernel-doc:FILE: scripts/kernel-doc -Wall on every .c/.h file the series
#    adds or changes: no warning in a file it adds, none that the base did
#    not have in a file it changes. TREE holds the series applied on tag
#    "base".
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: style.sh TREE}")
cd "$tree"

# Is every file PATCH adds maintained, by the series' own MAINTAINERS entry
# or by the existing entry of its subsystem (LUO's kernel/liveupdate/, for
# one)? Then checkpatch's "does MAINTAINERS need updating?" is answered.
# The catch-all entry (THE REST, Linus Torvalds) does not count.
maintained() {
	local f
	for f in $(awk '/^diff --git / { f = $4; sub(/^b\//, "", f) }
			/^new file mode/ { print f }' "$1"); do
		scripts/get_maintainer.pl --no-git --no-rolestats --no-l --no-r \
			-f "$f" 2>/dev/null |
			grep -vqF torvalds@linux-foundation.org || return 1
	done
}

ignore=$(grep -v '^#' "$TOP/checkpatch.ignore" | awk 'NF { print $1 }' | paste -sd,) || :
for p in $(series_patches); do
	name=$(patch_id "$p")
	types=$ignore
	if maintained "$p"; then
		types=${types:+$types,}FILE_PATH_CHANGES
	fi
	out=$(scripts/checkpatch.pl --strict --no-tree ${types:+--ignore "$types"} \
		--summary-file "$p" 2>&1) || :
	if grep -q 'total: 0 errors, 0 warnings, 0 checks' <<<"$out"; then
		record PASS "checkpatch:$name"
	else
		scripts/checkpatch.pl --strict --no-tree ${types:+--ignore "$types"} \
			"$p" >&2 || :
		record FAIL "checkpatch:$name" "$(grep '^total:' <<<"$out")"
	fi
done

# kernel-doc warnings of FILE at REV, without line numbers.
kdoc() {
	local rev=$1 file=$2 tmp
	tmp=$(mktemp --suffix=".${file##*.}")
	if git show "$rev:$file" >"$tmp" 2>/dev/null; then
		scripts/kernel-doc -Wall -none "$tmp" 2>&1 |
			sed -e "s|$tmp|$file|g" -e 's/:[0-9]\+ / /' | sort
	fi
	rm -f "$tmp"
}

mapfile -t files < <(git diff --name-only --diff-filter=AM base HEAD -- '*.c' '*.h')
for f in "${files[@]}"; do
	new=$(comm -13 <(kdoc base "$f") <(kdoc HEAD "$f"))
	if [ -z "$new" ]; then
		record PASS "kernel-doc:$f"
	else
		printf '%s\n' "$new" >&2
		record FAIL "kernel-doc:$f" "$(wc -l <<<"$new") new warnings"
	fi
done
