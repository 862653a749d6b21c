#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the `make demo` report of one VM scenario run.

    demo-report.py RUN_DIR CHECKER

RUN_DIR is the scenario's directory of this run (serial.log,
pci-cfg-write.trace and check.ktap, vm_check.py's verdict); CHECKER is the
tree's vm_check.py, which reads the serial log for this report ("parse")
and counts the disruptive writes ("count"). Prints the PCI tree before and
after the update with the PCI core's records, each preserved device's BDF
and Bus Master before and after, whether the DMA landed, the disruptive
config writes QEMU saw, and PASS only when every result of the run passed;
exits 1 otherwise.
"""

import json
import os
import re
import subprocess
import sys


def read_log(path):
    try:
        with open(path, errors="replace") as f:
            return [l.rstrip("\r\n") for l in f]
    except OSError:
        return []


def parse(checker, path):
    """vm_check.py parse of the serial log; None when it cannot read it."""
    run = subprocess.run([checker, "parse", path], capture_output=True,
                         text=True)
    if run.returncode:
        print("vm_check.py parse: %s" % run.stderr.strip(), file=sys.stderr)
        return None
    return json.loads(run.stdout)


def records(log, snapshot, state):
    """BDF -> refcount of the records in state of a snapshot."""
    return {r["bdf"]: r["refcount"]
            for r in log["records"].get(snapshot, []) if r["state"] == state}


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
    log = parse(checker, os.path.join(run, "serial.log")) or {
        "trees": {}, "records": {}, "ktap": [], "failed": []}
    before = log["trees"].get("1 before the kexec", [])
    after = log["trees"].get("2 after the kexec", [])
    out = records(log, "1 preserved", "outgoing")
    inc = records(log, "2 incoming", "incoming")

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

    dma = [t["ok"] for t in log["ktap"] if t["desc"].startswith("DMA ")]
    if dma:
        print("\nDMA in flight across the kexec: %s" %
              ("landed in the preserved memfd" if dma[0] else "LOST"))

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
    failed += log["failed"]
    ok = bool(verdict) and not failed
    print("\n%s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
