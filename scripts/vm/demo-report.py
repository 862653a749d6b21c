#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Print the make demo report of one VM scenario run.

    demo-report.py RUN_DIR

RUN_DIR holds serial.log (scripts/vm/tests/pci-liveupdate.sh output) and
disruptive.txt (count-disruptive-writes.py output). Prints the PCI tree
before and after the update with the PCI core's records, each preserved
device's BDF and Bus Master before and after, whether the DMA landed, the
disruptive-write count, and PASS or FAIL; exits 1 on FAIL.
"""

import re
import sys

TREE = re.compile(r"^vmtest-tree: (.*)$")
NODE = re.compile(r"^( *)(\S+) (\S+) class=(\S+) cmd=(\S+)(?: bus=(\S+))?"
                  r"(?: bctl=\S+)?(?: driver=(\S+))?(?: \[outgoing=(\d+) "
                  r"incoming=(\d+)\])?$")


def read_trees(log):
    trees, cur = {}, None
    for line in log:
        m = TREE.match(line)
        if not m:
            continue
        text = m.group(1)
        n = NODE.match(text)
        if not n:
            cur = trees.setdefault(text, [])
            continue
        indent, bdf, ids, cls, cmd, bus, drv, out, inc = n.groups()
        cur.append(dict(depth=len(indent) // 2, bdf=bdf, ids=ids,
                        cmd=int(cmd, 16), bus=bus, driver=drv,
                        out=int(out or 0), inc=int(inc or 0)))
    return trees


def draw(nodes, which):
    """The tree in the spirit of lspci -t, preserved nodes marked."""
    lines = []
    for i, n in enumerate(nodes):
        # Is there a later sibling (same depth before a shallower node)?
        sibling = False
        for m in nodes[i + 1:]:
            if m["depth"] < n["depth"]:
                break
            if m["depth"] == n["depth"]:
                sibling = True
                break
        prefix = ""
        for d in range(n["depth"]):
            # Does the ancestor at depth d have a later sibling?
            more = False
            for m in nodes[i + 1:]:
                if m["depth"] < d:
                    break
                if m["depth"] == d:
                    more = True
                    break
            prefix += "|   " if more else "    "
        ref = n[which]
        mark = "  <== preserved, refcount %d" % ref if ref else ""
        bus = " [bus %s]" % n["bus"].replace("0x", "") if n["bus"] else ""
        lines.append("%s%s %s %s%s%s" % (prefix, "+-" if sibling else "\\-",
                                          n["bdf"], n["ids"], bus, mark))
    return lines


def main():
    run = sys.argv[1]
    with open(run + "/serial.log", errors="replace") as f:
        log = [l.rstrip("\r\n") for l in f]
    try:
        with open(run + "/disruptive.txt") as f:
            disruptive = f.read().splitlines()
    except OSError:
        disruptive = []
    trees = read_trees(log)
    before = trees.get("before the kexec", [])
    after = trees.get("after the kexec", [])
    ok = True

    print("PCI tree before the kexec (outgoing records):")
    print("\n".join("  " + l for l in draw(before, "out")) or "  (missing)")
    print("\nPCI tree after the kexec, before finish (incoming records):")
    print("\n".join("  " + l for l in draw(after, "inc")) or "  (missing)")

    print("\nPreserved devices:")
    eps = [n for n in before if n["out"] and n["bus"] is None]
    if not eps:
        ok = False
        print("  none found")
    for n in eps:
        a = next((m for m in after if m["bdf"] == n["bdf"]), None)
        bm_before = "on" if n["cmd"] & 4 else "off"
        bm_after = ("on" if a["cmd"] & 4 else "off") if a else "device gone"
        same = a is not None and a["inc"] > 0
        print("  %s  Bus Master before: %s, after: %s, incoming at the same "
              "BDF: %s" % (n["bdf"], bm_before, bm_after,
                           "yes" if same else "NO"))
        ok &= same and bm_before == "on" and bm_after == "on"

    landed = [l for l in log if re.match(r"^(not )?ok \d+ DMA ", l)]
    if landed:
        good = landed[0].startswith("ok")
        print("\nDMA in flight across the kexec: %s" %
              ("landed in the preserved memfd" if good else "LOST"))
        ok &= good
    else:
        print("\nDMA in flight across the kexec: no result")
        ok = False

    count = next((l.split(": ")[1] for l in disruptive
                  if l.startswith("disruptive writes: ")), None)
    print("Disruptive config writes to the preserved path, kexec to finish: %s"
          % (count if count is not None else "not measured"))
    sizing = next((l.split(": ")[1] for l in disruptive
                   if l.startswith("of which sizing: ")), None)
    if sizing and sizing != "0":
        print("  of which %s from the new kernel sizing BARs and probing "
              "bridge windows during enumeration" % sizing)
    shown = [l for l in disruptive if l.startswith("disruptive: ")]
    for l in shown[:8]:
        print("  " + l)
    if len(shown) > 8:
        print("  ... (%d more in %s/disruptive.txt)" % (len(shown) - 8, run))
    ok &= count == "0"

    failed = [l for l in log if l.startswith("not ok ")]
    if failed:
        ok = False
        print("\nFailed selftest checks:")
        print("\n".join("  " + l for l in failed))
    print("\n%s" % ("PASS" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
