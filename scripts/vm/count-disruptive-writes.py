#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Count the config writes that disturb the preserved path of a VM run.

    count-disruptive-writes.py SERIAL_LOG TRACE

SERIAL_LOG has the guest's "vmtest-path: path BDF hdr=.. cmd=.. acs=..
pcie=.. devctl2=.." lines (scripts/vm/tests/pci-liveupdate.sh): the
preserved endpoints and every bridge above them. TRACE is QEMU's
pci_cfg_write trace ("pci_cfg_write TYPE BB:SS.F @0xOFF <- 0xVAL"), which
has no access width. The window runs from the guest's write of 0xa5 to the
host bridge's Interrupt Line (00:00.0 @0x3c) before the kexec to its write
of 0x5a after the finish.

In the window, a write to a node of the path is disruptive when it
  - clears Memory Space or Bus Master (command register, @0x4) that the
    last write (or the guest's reading) had set;
  - changes a BAR, the expansion ROM BAR, the bus numbers or a bridge
    window, i.e. writes a value other than the last one written to that
    offset (firmware included; no earlier write counts as a change);
  - changes ACS Control (ACS capability + 4 as a dword, or + 6);
  - flips ARI Forwarding Enable (PCIe capability + 0x28, bit 5).
Prints each disruptive write and "disruptive writes: N", then "of which
sizing: M": the writes of the kernel's BAR and window sizing, i.e. an
all-ones probe, the write that restores the register after it, and a
command write that clears only Memory Space (decode is turned off around
BAR sizing). Exit status 0.
"""

import re
import sys

WRITE = re.compile(r"pci_cfg_write \S+ ([0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) "
                   r"@0x([0-9a-f]+) <- 0x([0-9a-f]+)")
PATH = re.compile(r"vmtest-path: path [0-9a-f]{4}:(\S+) hdr=(\d+) cmd=(\S+) "
                  r"acs=(\S+) pcie=(\S+) devctl2=(\S+)")

CMD_MEM_MASTER = 0x6
PROBES = {0xffffffff, 0xfffff800, 0xfffffffe, 0xffff, 0xfff0fff0, 0xffe0fff0,
          0xe0f0}
ARI_FWD = 0x20


def routing_offsets(hdr):
    """Offsets of BARs, ROM BAR, bus numbers and windows of a header type."""
    if hdr == 1:
        return set(range(0x10, 0x18)) | set(range(0x18, 0x1c)) | \
            {0x1c, 0x1d} | set(range(0x20, 0x34)) | set(range(0x38, 0x3c))
    return set(range(0x10, 0x28)) | set(range(0x30, 0x34))


def main():
    log, trace = sys.argv[1], sys.argv[2]
    nodes = {}
    with open(log, errors="replace") as f:
        for line in f:
            m = PATH.search(line)
            if m:
                bdf, hdr, cmd, acs, pcie, devctl2 = m.groups()
                nodes[bdf] = dict(hdr=int(hdr), cmd=int(cmd, 16),
                                  acs=int(acs, 16), pcie=int(pcie, 16),
                                  devctl2=int(devctl2, 16))
    if not nodes:
        sys.exit("no vmtest-path lines in " + log)

    last = {}      # (bdf, offset) -> last value written
    window = None  # None: before, True: in, False: after
    bad = []
    sizing = 0
    probed = set()  # (bdf, offset) of an all-ones probe awaiting restore
    with open(trace, errors="replace") as f:
        for line in f:
            m = WRITE.search(line)
            if not m:
                continue
            bdf, off, val = m.group(1), int(m.group(2), 16), int(m.group(3), 16)
            if bdf == "00:00.0" and off == 0x3c:
                if val == 0xa5 and window is None:
                    window = True
                elif val == 0x5a and window:
                    window = False
                continue
            node = nodes.get(bdf)
            if node is None:
                continue
            prev = last.get((bdf, off))
            last[(bdf, off)] = val
            if not window:
                continue
            why = None
            if off == 0x4:
                before = node["cmd"] if prev is None else prev
                cleared = before & CMD_MEM_MASTER & ~val
                if cleared:
                    why = "clears %s" % " and ".join(
                        n for b, n in ((2, "Memory Space"), (4, "Bus Master"))
                        if cleared & b)
            elif off in routing_offsets(node["hdr"]):
                if prev != val:
                    why = "changes BAR/bus/window register"
            elif node["acs"] and off in (node["acs"] + 4, node["acs"] + 6):
                if prev != val:
                    why = "changes ACS Control"
            elif node["pcie"] and off == node["pcie"] + 0x28:
                before = node["devctl2"] if prev is None else prev
                if (before ^ val) & ARI_FWD:
                    why = "flips ARI Forwarding Enable"
            if not why:
                continue
            size = False
            if off == 0x4:
                size = not (before & ~val & 0x4)
            elif (bdf, off) in probed:
                probed.discard((bdf, off))
                size = True
            elif val in PROBES:
                probed.add((bdf, off))
                size = True
            sizing += size
            bad.append("%s @0x%x <- 0x%x: %s%s" % (bdf, off, val, why,
                                                  " (sizing)" if size else ""))

    if window is None:
        sys.exit("no window-open marker in " + trace)
    if window:
        sys.exit("no window-close marker in " + trace)
    for b in bad:
        print("disruptive: " + b)
    print("disruptive writes: %d" % len(bad))
    print("of which sizing: %d" % sizing)


if __name__ == "__main__":
    main()
