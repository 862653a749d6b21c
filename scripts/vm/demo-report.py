#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the `make demo` report of one VM scenario run.

    demo-report.py RUN_DIR CHECKER

RUN_DIR is the scenario's directory of this run (serial.log,
pci-cfg-write.trace and check.ktap, vm_check.py's verdict); CHECKER is the
tree's vm_check.py. Prints the PCI tree before and after the update with
the PCI core's records, each preserved device's BDF and Bus Master before
and after, whether the DMA landed, the disruptive config writes QEMU saw,
and PASS only when every result of the run passed; exits 1 otherwise.
"""

import os
import re
import subprocess
import sys

NODE = re.compile(r"^( *)(\S+) (\S+) class=(\S+) cmd=(\S+)(?: bus=(\S+))?$")
RECORD = re.compile(r"^(\S+) (\S+) refcount=(\d+)")


def read_log(path):
    try:
        with open(path, errors="replace") as f:
            return [l.rstrip("\r\n") for l in f]
    except OSError:
        return []


def trees(log):
    """Title -> the nodes of each "pci_lu-tree:" block."""
    out, cur = {}, None
    for line in log:
        if not line.startswith("pci_lu-tree: "):
            continue
        text = line[len("pci_lu-tree: "):]
        m = NODE.match(text)
        if not m:
            cur = out.setdefault(text, [])
        elif cur is not None:
            indent, bdf, ids, _, cmd, bus = m.groups()
            cur.append(dict(depth=len(indent) // 2, bdf=bdf, ids=ids,
                            cmd=int(cmd, 16), bus=bus))
    return out


def records(log, stage, point, state):
    """BDF -> refcount of the snapshot (stage, point) lines in state."""
    out, inside = {}, False
    for line in log:
        if line == "pci_lu-records-begin: %d %s" % (stage, point):
            inside = True
        elif line.startswith("pci_lu-records-end: "):
            inside = False
        elif inside and line.startswith("pci_lu-records: "):
            m = RECORD.match(line[len("pci_lu-records: "):])
            if m and m.group(2) == state:
                out[m.group(1)] = int(m.group(3))
    return out


def draw(nodes, refs):
    """The tree in the spirit of lspci -t, preserved nodes marked."""
    lines = []
    for i, n in enumerate(nodes):
        later = [m["depth"] for m in nodes[i + 1:]]

        def more(depth):
            for d in later:
                if d < depth:
                    return False
                if d == depth:
                    return True
            return False
        prefix = "".join("|   " if more(d) else "    "
                         for d in range(n["depth"]))
        ref = refs.get(n["bdf"])
        mark = "  <== preserved, refcount %d" % ref if ref else ""
        bus = " [bus %s]" % n["bus"] if n["bus"] else ""
        lines.append("  %s%s %s %s%s%s" % (prefix, "+-" if more(n["depth"])
                                          else "\\-", n["bdf"], n["ids"],
                                          bus, mark))
    return lines or ["  (missing)"]


def main():
    run, checker = sys.argv[1], sys.argv[2]
    log = read_log(os.path.join(run, "serial.log"))
    t = trees(log)
    before = t.get("before the kexec", [])
    after = t.get("after the kexec", [])
    out = records(log, 1, "preserved", "outgoing")
    inc = records(log, 2, "incoming", "incoming")

    print("PCI tree before the kexec (outgoing records):")
    print("\n".join(draw(before, out)))
    print("\nPCI tree after the kexec, before finish (incoming records):")
    print("\n".join(draw(after, inc)))

    print("\nPreserved devices:")
    eps = [n for n in before if out.get(n["bdf"]) and not n["bus"]]
    for n in eps:
        a = next((m for m in after if m["bdf"] == n["bdf"]), None)
        print("  %s  Bus Master before: %s, after: %s, incoming at the "
              "same BDF: %s" % (
                  n["bdf"], "on" if n["cmd"] & 4 else "off",
                  ("on" if a["cmd"] & 4 else "off") if a else "device gone",
                  "yes" if n["bdf"] in inc else "NO"))
    if not eps:
        print("  none")

    dma = [l for l in log if re.match(r"^(not )?ok \d+ DMA ", l)]
    if dma:
        print("\nDMA in flight across the kexec: %s" %
              ("landed in the preserved memfd" if dma[0].startswith("ok")
               else "LOST"))

    count = subprocess.run([checker, "count", os.path.join(run, "serial.log"),
                            os.path.join(run, "pci-cfg-write.trace")],
                           capture_output=True, text=True)
    print("\nConfig writes that disturb the preserved path, kexec to finish "
          "(QEMU's trace):")
    print("\n".join("  " + l for l in count.stdout.splitlines()[-12:]) or
          "  not measured: " + count.stderr.strip())

    verdict = read_log(os.path.join(run, "check.ktap"))
    failed = [l for l in verdict if l.startswith("not ok")]
    print("\nResults of this run (vm_check.py):")
    print("\n".join("  " + l for l in verdict if re.match(r"(not )?ok ", l))
          or "  none: the run did not complete")
    failed += [l for l in log if l.startswith("not ok ")]
    ok = bool(verdict) and not failed
    print("\n%s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
