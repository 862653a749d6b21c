#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cover-letter.sh extract FILE: print the hand-written part of a cover letter
# made by 'git format-patch --cover-from-description=subject' (its subject,
# a blank line, then its text up to the generated shortlog), so that
# 'make tree' can put it back as the branch description.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

[ "${1:-}" = extract ] && [ -f "${2:-}" ] || die "usage: $0 extract COVER-LETTER"

awk -v shortlog="^$PROJECT_NAME \\\\([0-9]+\\\\):\$" '
	!hdr && /^Subject: / {
		sub(/^Subject: (\[[^]]*\] )?/, ""); subject = $0; insubj = 1; next
	}
	!hdr && insubj && /^ / { subject = subject $0; next }
	!hdr && /^$/ { hdr = 1; insubj = 0; print subject; print ""; skip = 1; next }
	!hdr { insubj = 0; next }
	$0 ~ shortlog { exit }
	skip && /^$/ { next }
	{ skip = 0; body[++n] = $0 }
	END {
		while (n > 0 && body[n] == "") n--
		for (i = 1; i <= n; i++) print body[i]
	}
' "$2"
