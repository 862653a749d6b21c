#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check-docs.sh TREE RESULTS: the series' documentation builds cleanly.
#
# Sphinx (Debian 12's 5.3) would need the whole core-api book built to
# resolve the cross-references, which costs more than CI's budget allows;
# so the check is kernel-doc plus docutils (scripts/rst-check.py): every
# kernel-doc directive of Documentation/PCI/liveupdate.rst is expanded as
# Sphinx would expand it, with no kernel-doc warning, and the result parses
# with no docutils warning. Also checks that the document is linked from
# the PCI index and from the LUO document. Records "PASS|FAIL docs:...".
set -uo pipefail
. "$(dirname "$0")/lib.sh"

tree=$(realpath "${1:?}") results=$(realpath -m "${2:?}")
doc=Documentation/PCI/liveupdate.rst
status=0
record() { echo "$1 docs:$2" >>"$results"; [ "$1" = PASS ] || status=1; }

if [ ! -f "$tree/$doc" ]; then
	record FAIL "$doc (missing)"
elif out=$(python3 "$TOP/scripts/rst-check.py" "$tree" "$doc" 2>&1); then
	record PASS "$doc"
else
	printf '%s\n' "$out" >&2
	record FAIL "$doc"
fi

if grep -qxE '   liveupdate' "$tree/Documentation/PCI/index.rst" &&
   grep -q ':ref:`[^`]*<pci_liveupdate>`' "$tree/Documentation/core-api/liveupdate.rst" &&
   grep -qx '.. _luo:' "$tree/Documentation/core-api/liveupdate.rst"; then
	record PASS "links (PCI index, core-api/liveupdate.rst)"
else
	record FAIL "links (PCI index, core-api/liveupdate.rst)"
fi
msg "docs: $(grep -c '^PASS docs:' "$results") passed"
exit $status
