#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-style.sh TREE RESULTS: the style gates on the series.
#  - checkpatch: scripts/checkpatch.pl --strict on every patch in patches/,
#    0 errors and 0 warnings (and no checks), but for the types listed in
#    checkpatch.ignore.
#  - kernel-doc: scripts/kernel-doc -Wall on every file the series touches:
#    no warning in a file it adds, none that the base did not have in a
#    file it changes. TREE must hold the series applied on tag "base".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

tree=$(realpath "${1:?usage: check-style.sh TREE RESULTS}")
results=$(realpath -m "${2:?}")
cd "$tree" || exit 1
status=0

ignore=$(grep -v '^#' "$TOP/checkpatch.ignore" | awk 'NF { print $1 }' | paste -sd,)
for p in "$TOP"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
	name=$(basename "$p")
	case $name in 0000-*) continue ;; esac
	out=$(scripts/checkpatch.pl --strict --no-tree --root="$tree" \
		${ignore:+--ignore "$ignore"} --summary-file "$p" 2>&1)
	if echo "$out" | grep -q 'total: 0 errors, 0 warnings, 0 checks'; then
		echo "PASS checkpatch:${name%%-*}" >>"$results"
	else
		echo "FAIL checkpatch:${name%%-*} ($name)" >>"$results"
		scripts/checkpatch.pl --strict --no-tree ${ignore:+--ignore "$ignore"} "$p" >&2
		status=1
	fi
done

# kernel-doc warnings of FILE at REV, without line numbers.
kdoc() {
	local rev=$1 file=$2 tmp
	tmp=$(mktemp --suffix=".${file##*.}")
	git show "$rev:$file" >"$tmp" 2>/dev/null || { rm -f "$tmp"; return 0; }
	scripts/kernel-doc -Wall -none "$tmp" 2>&1 |
		sed -e "s|$tmp|$file|g" -e 's/:[0-9]\+ / /' | sort
	rm -f "$tmp"
}

mapfile -t files < <(git diff --name-only --diff-filter=AM base HEAD -- '*.c' '*.h')
for f in "${files[@]}"; do
	new=$(comm -13 <(kdoc base "$f") <(kdoc HEAD "$f"))
	if [ -z "$new" ]; then
		echo "PASS kernel-doc:$f" >>"$results"
	else
		echo "FAIL kernel-doc:$f" >>"$results"
		printf '%s\n' "$new" >&2
		status=1
	fi
done
exit $status
