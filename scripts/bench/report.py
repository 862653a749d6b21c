#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The make bench report: one table, also as CSV and a small SVG plot.

    report.py [--checker VM_CHECK] OUT_DIR KUNIT_LOG RUN_DIR...

KUNIT_LOG holds the "pci_lu_bench: KEY k=v ..." lines of the benchmark
suite (P1, P1b, P2, P3), each a median measured in one run. Each RUN_DIR is
one round of the kexec timing (P5): a vmtest.sh -S workspace holding the
scenarios one (a device preserved), kexec-on (nothing preserved) and
kexec-base (the base kernel, without the series), each with
serial.times, the serial log stamped with the host's monotonic clock,
which the tree's vm_check.py reads ("parse --stamped"; VM_CHECK, default
that of the tree make bench applied, build/ci/linux). From those:
blackout = from the "pci_lu: window open" line printed right before
kexec -e to the new kernel's first line, boot = from there to
"pci_lu: stage 2" (its init).
Writes OUT_DIR/bench.csv and OUT_DIR/bench.svg and prints the table with
each ratio and its goal. Ratios are reported, never judged: wall time
under TCG on a shared machine is no gate.
"""

import json
import os
import re
import statistics
import subprocess
import sys

RUNS = (('one', 'one device preserved'), ('kexec-on', 'nothing preserved'),
        ('kexec-base', 'base kernel, no series'))
BENCH = re.compile(r'pci_lu_bench: (\S+)((?: \S+)*)')
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CHECKER = os.path.join(os.environ.get('BUILD', os.path.join(TOP, 'build')),
                       'ci', 'linux', 'tools', 'testing', 'selftests',
                       'pci_liveupdate', 'vm_check.py')


def kexec_times(checker, path):
    """(blackout, boot) in seconds of one stamped serial log, or None."""
    if not os.path.exists(path):
        return None
    try:
        run = subprocess.run([checker, 'parse', '--stamped', path],
                             capture_output=True, text=True)
    except OSError as err:
        print('vm_check.py: %s' % err, file=sys.stderr)
        return None
    if run.returncode:
        print('vm_check.py parse: %s' % run.stderr.strip(), file=sys.stderr)
        return None
    t = json.loads(run.stdout)['kexec']
    return (t['boot'] - t['kexec'], t['init'] - t['boot']) if t else None


def read_bench(path):
    """[(key, label, {field: value})] of the benchmark lines: "P1 ratio
    n=16384/64 x1000=1527" is ('P1', 'ratio', {'n': '16384/64', ...})."""
    out = []
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = BENCH.search(line)
                if not m:
                    continue
                words = m.group(2).split()
                label = ' '.join(w for w in words if '=' not in w)
                fields = dict(w.split('=', 1) for w in words if '=' in w)
                out.append((m.group(1), label, fields))
    except OSError:
        pass
    return out


def x1000(value):
    return '%.3f' % (int(value) / 1000)


def goal(fields):
    """The goal of a benchmark line ("goal<=1500": 1.5)."""
    return '%g' % (int(fields.get('goal<', '1500')) / 1000)


def goal_text(ratio, goal):
    """'<= 1.5: met' or '<= 1.5: not met' for ratio (a float)."""
    limit = float(goal)
    return '<= %g: %s' % (limit, 'met' if ratio <= limit else 'NOT met')


def bench_rows(bench):
    """The table's rows (measure, value, ratio, goal) of the KUnit suite."""
    rows = []

    def one(key, label):
        return [f for k, l, f in bench if k == key and l == label]

    for f in one('P1', ''):
        rows.append(('P1 preserve + unpreserve, %s records held' % f['n'],
                     '%s ns (min %s)' % (f['ns'], f['min']), '', ''))
    for f in one('P1', 'ratio'):
        r = int(f['x1000']) / 1000
        rows.append(('P1 cost(%s) / cost(%s)' % tuple(f['n'].split('/')),
                     'of medians (of minima %s)' % x1000(f['min_x1000']),
                     '%.3f' % r, goal_text(r, goal(f))))
    for f in one('P1b', 'summary'):
        r = int(f['ratio_x1000']) / 1000
        rows.append(('P1b worst pair / median, N = %s' % f['n'],
                     'worst %s ns at N=%s, median %s ns' %
                     (f['worst_ns'], f['worst_n'], f['median_ns']),
                     '%.3f' % r, goal_text(r, goal(f))))
    for f in one('P2', ''):
        if 'lookup_ns' in f:
            rows.append(('P2 incoming lookup, %s incoming records' % f['n'],
                         '%s ns' % f['lookup_ns'], '', ''))
    for f in one('P2', 'ratio'):
        r = int(f['x1000']) / 1000
        rows.append(('P2 lookup(%s) / lookup(%s)' % tuple(f['n'].split('/')),
                     'of medians', '%.3f' % r, goal_text(r, goal(f))))
    for f in one('P2', 'none'):
        e, c = int(f['early_return_ns']), int(f['empty_call_ns'])
        rows.append(('P2 no incoming state / empty call',
                     '%d ns / %d ns' % (e, c), '%.3f' % (e / c), ''))
    for f in one('P3', ''):
        rows.append(('P3 KHO bytes per record, %s records' % f['n'],
                     'records %s, BAR sizes %s' %
                     (x1000(f['records_per_rec_x1000']),
                      x1000(f['bars_per_rec_x1000'])), '', ''))
    for f in one('P3', 'asymptote'):
        r = int(f['records_per_rec_x1000']) / 1000
        rows.append(('P3 bytes per record, full blocks',
                     'records %.3f, BAR sizes %s' %
                     (r, x1000(f['bars_per_rec_x1000'])), '',
                     '<= 8.04: %s' % ('met' if r <= 8.04 else 'NOT met')))
    return rows


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
    args, checker = sys.argv[1:], CHECKER
    if args[:1] == ['--checker']:
        checker, args = args[1], args[2:]
    out_dir, kunit_log, runs = args[0], args[1], args[2:]
    os.makedirs(out_dir, exist_ok=True)
    bench = read_bench(kunit_log)
    rows = bench_rows(bench)  # (measure, value, ratio, goal)
    if not bench:
        rows.append(('P1-P3', 'no benchmark line (see %s)' % kunit_log, '',
                     ''))
    p1 = [(int(f['n']), int(f['ns'])) for k, l, f in bench
          if k == 'P1' and not l]
    svg(p1, os.path.join(out_dir, 'bench.svg'))

    times = {name: [] for name, _ in RUNS}
    for run in runs:
        for name, _ in RUNS:
            t = kexec_times(checker, os.path.join(run, name, 'serial.times'))
            if t:
                times[name].append(t)
    med = {name: (statistics.median(b for b, _ in t),
                  statistics.median(s for _, s in t)) if t else None
           for name, t in times.items()}
    low = {name: (min(b for b, _ in t), min(s for _, s in t)) if t else None
           for name, t in times.items()}
    base, base_low = med.get('kexec-base'), low.get('kexec-base')
    for name, title in RUNS:
        m = med[name]
        if not m:
            rows.append(('P5 ' + name, 'no run completed', '', ''))
            continue
        for i, what in enumerate(('blackout', 'boot to init')):
            spread = [t[i] for t in times[name]]
            value = '%.3f s median of %d (%.3f-%.3f)' % (
                m[i], len(spread), min(spread), max(spread))
            if name == 'kexec-base' or not base:
                rows.append(('P5 %s: %s' % (what, title), value, '', ''))
                continue
            r = m[i] / base[i]
            rows.append(('P5 %s: %s' % (what, title), value,
                         '%.3f (of minima %.3f)' % (r, low[name][i] /
                                                    base_low[i]),
                         goal_text(r, '1.02')))
    with open(os.path.join(out_dir, 'bench.csv'), 'w') as f:
        f.write('measure,value,ratio,goal\n')
        for r in rows:
            f.write('"%s","%s","%s","%s"\n' % r)
        for k, l, fields in bench:
            if k == 'P1b' and not l:
                f.write('"P1b pair, %s records held","%s ns","%s","%s"\n' %
                        (fields['n'], fields['ns'],
                         x1000(fields['local_x1000']), fields['boundary']))
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    rwidth = max([len(r[2]) for r in rows] + [5])
    print('%-*s  %-*s  %-*s  %s' % (width, 'measure', vwidth, 'value',
                                    rwidth, 'ratio', 'goal'))
    for r in rows:
        print('%-*s  %-*s  %-*s  %s' % (width, r[0], vwidth, r[1], rwidth,
                                        r[2], r[3]))
    print('\n(%s/bench.csv, %s/bench.svg)' % (out_dir, out_dir))
    return 0


if __name__ == '__main__':
    sys.exit(main())
