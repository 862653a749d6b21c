#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# docs.sh TREE: the series' documentation builds cleanly.
#
# Sphinx (Debian 12's 5.3) would need the whole core-api book built to
# resolve the cross-references, which costs more than CI's budget allows;
# so the check is kernel-doc plus docutils (rst-check.py, beside this): every
# kernel-doc directive of Documentation/PCI/liveupdate.rst is expanded as
# Sphinx would expand it, with no kernel-doc warning, and the result parses
# with no docutils warning. Also checks that the document is linked from
# the PCI index and from the LUO document. Records docs:FILE and docs:links.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

tree=$(realpath "${1:?usage: docs.sh TREE}")
doc=Documentation/PCI/liveupdate.rst

if [ ! -f "$tree/$doc" ]; then
	record FAIL "docs:$doc" "missing"
elif out=$(python3 "$TOP/scripts/gates/rst-check.py" "$tree" "$doc" 2>&1); then
	record PASS "docs:$doc"
else
	printf '%s\n' "$out" >&2
	record FAIL "docs:$doc" "$(tail -n1 <<<"$out")"
fi

if grep -qxE '   liveupdate' "$tree/Documentation/PCI/index.rst" &&
   grep -q ':ref:`[^`]*<pci_liveupdate>`' "$tree/Documentation/core-api/liveupdate.rst" &&
   grep -qx '.. _luo:' "$tree/Documentation/core-api/liveupdate.rst"; then
	record PASS docs:links
else
	record FAIL docs:links "not linked from the PCI index and core-api/liveupdate.rst"
fi
