#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The make bench report: one table, also as CSV and a small SVG plot.

    report.py OUT_DIR KUNIT_LOG RUN_DIR...

KUNIT_LOG holds the "pci_lu_bench: KEY k=v ..." lines of the benchmark
suite (P1, P1b, P2, P3), each a median measured in one run. Each RUN_DIR is
one round of the kexec timing (P5): a vmtest.sh -S workspace holding the
scenarios one (a device preserved), kexec-on (nothing preserved) and
kexec-off (the series built out), each with serial.times, the serial log
stamped with the host's monotonic clock. From those: blackout = from the
"pci_lu: window open" line printed right before kexec -e to the new
kernel's first line, boot = from there to "pci_lu: stage 2" (its init).
Writes OUT_DIR/bench.csv and OUT_DIR/bench.svg and prints the table with
each ratio and its goal. Ratios are reported, never judged: wall time
under TCG on a shared machine is no gate.
"""

import os
import re
import statistics
import sys

RUNS = (('one', 'one device preserved'), ('kexec-on', 'nothing preserved'),
        ('kexec-off', 'series built out'))
BENCH = re.compile(r'pci_lu_bench: (\S+)((?: \S+=\S+)+)')


def kexec_times(path):
    """(blackout, boot) in seconds of one stamped serial log, or None."""
    try:
        with open(path, errors='replace') as f:
            lines = [l.rstrip('\r\n').split(' ', 1) for l in f]
    except OSError:
        return None
    t_kexec = t_first = None
    for stamp, text in (l for l in lines if len(l) == 2):
        if t_kexec is None and text.strip() == 'pci_lu: window open':
            t_kexec = float(stamp)
        elif t_kexec is not None and t_first is None and \
                re.match(r'\[\s*0\.000000\]', text):
            t_first = float(stamp)
        elif t_first is not None and text.strip() == 'pci_lu: stage 2':
            return t_first - t_kexec, float(stamp) - t_first
    return None


def read_bench(path):
    """[(key, {field: value})] of the benchmark lines."""
    out = []
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = BENCH.search(line)
                if m:
                    out.append((m.group(1), dict(kv.split('=', 1) for kv in
                                                 m.group(2).split())))
    except OSError:
        pass
    return out


def svg(points, path):
    """A small line plot of P1: ns per pair against records held."""
    if len(points) < 2:
        return
    w, h, pad = 420, 220, 40
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs), max(xs)
    y1 = max(ys) * 1.2 or 1

    def px(x):
        return pad + (w - 2 * pad) * (xs.index(x)) / (len(xs) - 1)

    def py(y):
        return h - pad - (h - 2 * pad) * y / y1
    dots = ' '.join('%.1f,%.1f' % (px(x), py(y)) for x, y in points)
    labels = ''.join('<text x="%.1f" y="%d" font-size="10" '
                     'text-anchor="middle">%d</text>' % (px(x), h - pad + 14, x)
                     for x in xs)
    with open(path, 'w') as f:
        f.write('<svg xmlns="http://www.w3.org/2000/svg" width="%d" '
                'height="%d"><rect width="100%%" height="100%%" fill="white"/>'
                '<polyline fill="none" stroke="black" points="%s"/>%s'
                '<text x="%d" y="16" font-size="12">P1: ns per preserve + '
                'unpreserve pair, by records held (max %d ns)</text></svg>\n'
                % (w, h, dots, labels, pad, max(ys)))


def main():
    out_dir, kunit_log, runs = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    rows = []  # (measure, value, unit, ratio text, goal)
    bench = read_bench(kunit_log)
    for key, f in bench:
        rows.append((key, ' '.join('%s=%s' % kv for kv in f.items()), '',
                     f.get('ratio', ''), f.get('goal', '')))
    p1 = [(int(f['n']), int(f['ns'])) for k, f in bench
          if k == 'P1' and 'n' in f and 'ns' in f]
    svg(p1, os.path.join(out_dir, 'bench.svg'))

    times = {name: [] for name, _ in RUNS}
    for run in runs:
        for name, _ in RUNS:
            t = kexec_times(os.path.join(run, name, 'serial.times'))
            if t:
                times[name].append(t)
    med = {name: (statistics.median(b for b, _ in t),
                  statistics.median(s for _, s in t)) if t else None
           for name, t in times.items()}
    off = med.get('kexec-off')
    for name, title in RUNS:
        m = med[name]
        if not m:
            rows.append(('P5 ' + name, 'no run completed', '', '', ''))
            continue
        for i, what in enumerate(('blackout', 'boot to init')):
            ratio = '%.3f' % (m[i] / off[i]) if off and off[i] else ''
            rows.append(('P5 %s: %s' % (what, title),
                         '%.3f s (median of %d)' % (m[i], len(times[name])),
                         's', ratio + (' vs built out' if ratio else ''),
                         '<= 1.02'))
    with open(os.path.join(out_dir, 'bench.csv'), 'w') as f:
        f.write('measure,value,ratio,goal\n')
        for r in rows:
            f.write('"%s","%s","%s","%s"\n' % (r[0], r[1], r[3], r[4]))
    width = max(len(r[0]) for r in rows) if rows else 10
    print('%-*s  %-40s  %-18s  %s' % (width, 'measure', 'value', 'ratio',
                                      'goal'))
    for r in rows:
        print('%-*s  %-40s  %-18s  %s' % (width, r[0], r[1], r[3], r[4]))
    print('\n(%s/bench.csv, %s/bench.svg)' % (out_dir, out_dir))
    return 0


if __name__ == '__main__':
    sys.exit(main())
