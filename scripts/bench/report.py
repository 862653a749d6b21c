#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The make bench report: one table, also as CSV, and its plots.

    report.py [--checker VM_CHECK] [--before KUNIT_LOG] OUT_DIR KUNIT_LOG
              RUN_DIR...

KUNIT_LOG holds the "pci_lu_bench: KEY k=v ..." lines of the benchmark
suite (P1, P1b, P2, P3), each a median measured in one run; --before, those
of a run of the P1b sweep on the series without its spare block (the
kho_block hunks of patches/01-pci/0001 reversed).

Each RUN_DIR is one round of the kexec timing (P5): a vmtest.sh -S
workspace holding the scenarios one (a device preserved), kexec-on
(nothing preserved) and kexec-base (the base kernel, without the series),
and scale-none, scale-1, scale-8 and scale-32 (none, 1, 8 or 32 devices
preserved of a topology of 32 endpoints) where the table has them, each
with serial.times, the serial log stamped with the host's monotonic clock,
which the tree's vm_check.py reads ("parse --stamped"; VM_CHECK, default
that of the tree make bench applied, build/ci/linux). From those:
blackout = from the "pci_lu: window open" line printed right before
kexec -e to the new kernel's first line, boot = from there to
"pci_lu: stage 2" (its init). A guest kernel built with
CONFIG_PCI_LIVEUPDATE_TIMING=y also prints the series' own time there:
"PCI: liveupdate: time: shutdown|enumeration NS ns in CALLS calls", the
old kernel's shutdown, then the new kernel's enumeration.

Writes OUT_DIR/bench.csv, OUT_DIR/bench.png and OUT_DIR/bench.svg and
prints the table with each ratio and its goal, met or not, and the paths.
Ratios are reported, never judged: wall time under TCG on a shared
machine is no gate.
"""

import argparse
import collections
import csv
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# The P5 scenarios: those of the host-clock ratios, then the scale rows.
RUNS = (('one', 'one device preserved'), ('kexec-on', 'nothing preserved'),
        ('kexec-base', 'base kernel, no series'))
SCALE = (('scale-none', 0), ('scale-1', 1), ('scale-8', 8), ('scale-32', 32))
SCENARIOS = [name for name, _ in RUNS] + [name for name, _ in SCALE]
BASE = 'kexec-base'
BENCH = re.compile(r'pci_lu_bench: (\S+)((?: \S+)*)')
TIME = re.compile(r'PCI: liveupdate: time: (enumeration|shutdown) (\d+) ns '
                  r'in (\d+) calls')
TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CHECKER = os.path.join(os.environ.get('BUILD', os.path.join(TOP, 'build')),
                       'ci', 'linux', 'tools', 'testing', 'selftests',
                       'pci_liveupdate', 'vm_check.py')
# P5's host-clock goal, and the width its 95% interval must stay within.
P5_GOAL = 1.02
P5_HALF_WIDTH = 0.02
# The series' own time at N = 32 against the blackout, and linear growth.
SHARE_GOAL = 0.01
LINEAR_GOAL = 1.5
BOOTSTRAP_DRAWS = 2000

# One completed run of a scenario: blackout and boot in seconds; series,
# (shutdown, enumeration) in ns, or None without the timing lines.
Run = collections.namedtuple('Run', 'blackout boot series')


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


def series_time(path):
    """(shutdown, enumeration) in ns of the live update of a serial log:
    the old kernel's shutdown line and the first enumeration line after
    it, the new kernel's; None unless both are there."""
    shutdown = None
    with open(path, errors='replace') as f:
        for line in f:
            m = TIME.search(line)
            if not m:
                continue
            if m.group(1) == 'shutdown' and shutdown is None:
                shutdown = int(m.group(2))
            elif m.group(1) == 'enumeration' and shutdown is not None:
                return shutdown, int(m.group(2))
    return None


def read_runs(checker, run_dirs):
    """{scenario: [Run or None, one per round]} of the scenarios any round
    ran."""
    runs = {}
    for i, run_dir in enumerate(run_dirs):
        for name in SCENARIOS:
            path = os.path.join(run_dir, name, 'serial.times')
            if not os.path.exists(path):
                continue
            t = kexec_times(checker, path)
            rounds = runs.setdefault(name, [None] * len(run_dirs))
            rounds[i] = Run(t[0], t[1], series_time(path)) if t else None
    return runs


def done(runs, name):
    """The completed runs of scenario name."""
    return [r for r in runs.get(name, []) if r]


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


def lines_of(bench, key, label=''):
    """The fields of the benchmark lines KEY LABEL."""
    return [f for k, l, f in bench if k == key and l == label]


def x1000(value):
    return '%.3f' % (int(value) / 1000)


def goal(fields):
    """The goal of a benchmark line ("goal<=1500": 1.5)."""
    return '%g' % (int(fields.get('goal<', '1500')) / 1000)


def met(ok):
    """How the table says whether a goal is met."""
    return 'met' if ok else 'NOT met'


def goal_text(ratio, goal):
    """'<= 1.5: met' or '<= 1.5: NOT met' for ratio (a float)."""
    limit = float(goal)
    return '<= %g: %s' % (limit, met(ratio <= limit))


def sweep(bench):
    """The P1b sweep of a KUnit log, its passes combined: (lines, summary,
    passes). The suite sweeps the same N in several passes (field "pass"),
    each a fresh set of records; a pair's cost at N is the least of its
    passes' medians, since other load on the host only ever adds time and
    seldom in every pass at the same N, while a cliff the pair pays shows
    in all of them. The summary is that of the first pass with its worst
    and median taken over the combined N. ([], None, 0) without a sweep."""
    summaries = lines_of(bench, 'P1b', 'summary')
    if not summaries:
        return [], None, 0
    by_n = {}
    for p in lines_of(bench, 'P1b'):
        best = by_n.get(p['n'])
        least = dict(p)
        if best and int(best['ns']) <= int(p['ns']):
            least = dict(best)
        if best and 'min' in p:
            least['min'] = str(min(int(p['min']), int(best['min'])))
        by_n[p['n']] = least
    lines = sorted(by_n.values(), key=lambda p: int(p['n']))
    if not lines:
        return [], None, 0
    summary = dict(summaries[0])
    median = statistics.median_low(int(p['ns']) for p in lines)
    worst = max(lines, key=lambda p: int(p['ns']))
    summary.update(worst_ns=worst['ns'], worst_n=worst['n'],
                   median_ns=str(median),
                   ratio_x1000=str(round(1000 * int(worst['ns']) / median)))
    if all('min' in p for p in lines):
        median_min = statistics.median_low(int(p['min']) for p in lines)
        worst_min = max(lines, key=lambda p: int(p['min']))
        summary.update(worst_min_n=worst_min['n'], min_x1000=str(round(
            1000 * int(worst_min['min']) / median_min)))
    return lines, summary, len(summaries)


def sweep_rows(bench, when):
    """The P1b goal row of one sweep (when: 'after' or 'before' the fix)."""
    title = 'P1b worst pair / median, %s the fix' % when
    lines, f, passes = sweep(bench)
    if not f:
        return [(title, 'no %s run' % when, '', '<= 1.5: NOT met (no data)')]
    r = int(f['ratio_x1000']) / 1000
    minima = ''
    if 'min_x1000' in f:
        minima = ' (of minima %s, worst at N=%s)' % (
            x1000(f['min_x1000']), f['worst_min_n'])
    of = ', each N the least of %d passes' % passes if passes > 1 else ''
    return [('%s, N = %s' % (title, f['n']),
             'worst %s ns at N=%s, median %s ns%s%s' %
             (f['worst_ns'], f['worst_n'], f['median_ns'], minima, of),
             '%.3f' % r, goal_text(r, goal(f))),
            boundary_row(lines, when, int(f['median_ns']))]


def boundary_row(lines, when, median):
    """The worst pair of the sweep (its lines, passes combined) at an N
    whose slots start a block of records or of BAR sizes, against the
    median of all N: the cliff itself, apart from what the rest of the
    sweep shows."""
    at = [(int(p['ns']), p['n']) for p in lines
          if 'records' in p['boundary'] or 'bars' in p['boundary']]
    measure = 'P1b worst pair at a block boundary / median, %s the fix' % when
    if not at or not median:
        return (measure, 'no boundary in the sweep', '', '')
    ns, n = max(at)
    return (measure,
            'worst %d ns at N=%s, of %d boundary N' % (ns, n, len(at)),
            '%.3f' % (ns / median), '')


def bench_rows(bench, before):
    """The table's rows (measure, value, ratio, goal) of the KUnit suite,
    with the P1b sweep before the fix."""
    rows = []
    for f in lines_of(bench, 'P1'):
        rows.append(('P1 preserve + unpreserve, %s records held' % f['n'],
                     '%s ns (min %s)' % (f['ns'], f['min']), '', ''))
    for f in lines_of(bench, 'P1', 'ratio'):
        r = int(f['x1000']) / 1000
        rows.append(('P1 cost(%s) / cost(%s)' % tuple(f['n'].split('/')),
                     'of medians (of minima %s)' % x1000(f['min_x1000']),
                     '%.3f' % r, goal_text(r, goal(f))))
    rows += sweep_rows(bench, 'after') + sweep_rows(before, 'before')
    for f in lines_of(bench, 'P2'):
        if 'lookup_ns' in f:
            rows.append(('P2 incoming lookup, %s incoming records' % f['n'],
                         '%s ns' % f['lookup_ns'], '', ''))
    for f in lines_of(bench, 'P2', 'ratio'):
        r = int(f['x1000']) / 1000
        rows.append(('P2 lookup(%s) / lookup(%s)' % tuple(f['n'].split('/')),
                     'of medians', '%.3f' % r, goal_text(r, goal(f))))
    for f in lines_of(bench, 'P2', 'none'):
        e, c = int(f['early_return_ns']), int(f['empty_call_ns'])
        rows.append(('P2 no incoming state / empty call',
                     '%d ns / %d ns' % (e, c), '%.3f' % (e / c), ''))
    for f in lines_of(bench, 'P3'):
        rows.append(('P3 KHO bytes per record, %s records' % f['n'],
                     'records %s, BAR sizes %s' %
                     (x1000(f['records_per_rec_x1000']),
                      x1000(f['bars_per_rec_x1000'])), '', ''))
    for f in lines_of(bench, 'P3', 'asymptote'):
        r = int(f['records_per_rec_x1000']) / 1000
        rows.append(('P3 bytes per record, full blocks',
                     'records %.3f, BAR sizes %s' %
                     (r, x1000(f['bars_per_rec_x1000'])), '',
                     goal_text(r, '8.04')))
    return rows


def own_ns(run):
    """The series' own time of a run's live update, in ns."""
    return sum(run.series)


def timed(runs, name):
    """The completed runs of scenario name that print the series' time."""
    return [r for r in done(runs, name) if r.series]


def us(ns):
    """ns as microseconds, for the table."""
    return '%.1f us' % (ns / 1000)


def series_row(runs, name, title):
    """The series' own time of scenario name, and its share of the
    blackout, medians over rounds."""
    measure = "series' own time: %s" % title
    if not done(runs, name):
        return (measure, 'no run', '', '')
    t = timed(runs, name)
    if not t:
        return (measure, 'no timing lines (CONFIG_PCI_LIVEUPDATE_TIMING=n?)',
                '', '')
    return (measure, 'shutdown %s + enumeration %s = %s, median of %d' %
            (us(statistics.median(r.series[0] for r in t)),
             us(statistics.median(r.series[1] for r in t)),
             us(statistics.median(own_ns(r) for r in t)), len(t)),
            '%.4f%% of shutdown to init' % (100 * share(t)), '')


def outage(r):
    """The whole outage of run r in seconds: from the old kernel's
    shutdown (the window open line) to the new kernel's init."""
    return r.blackout + r.boot


def share(runs):
    """The median over runs of the series' own time / the whole outage
    (the series works in the old kernel's shutdown and in the new kernel's
    enumeration, before its init)."""
    return statistics.median(own_ns(r) / (outage(r) * 1e9) for r in runs)


def per_device(runs):
    """{N: ns of the series' own time per preserved device, median over
    rounds} of the scale scenarios that print it."""
    return {n: statistics.median(own_ns(r) for r in timed(runs, name)) / n
            for name, n in SCALE if n and timed(runs, name)}


def scale_rows(runs):
    """Item 3: the time per preserved device at N = 1, 8, 32, whether it
    grows linearly, its share of the blackout at N = 32, and the blackout
    ratio preserved / not preserved."""
    dev = per_device(runs)
    rows = [("series' own time per preserved device, N = %d" % n,
             us(dev[n]) if n in dev else 'no data', '', '')
            for name, n in SCALE if n]
    measure = "series' own time per device, N = 32 / N = 1"
    what = '<= %g (linear or better)' % LINEAR_GOAL
    if 1 in dev and 32 in dev:
        r = dev[32] / dev[1]
        rows.append((measure, '%s / %s' % (us(dev[32]), us(dev[1])),
                     '%.3f' % r, '%s: %s' % (what, met(r <= LINEAR_GOAL))))
    else:
        rows.append((measure, 'no data', '', '%s: NOT met (no data)' % what))
    measure = "series' own time / shutdown to init, N = 32"
    what = '<= %g%%' % (100 * SHARE_GOAL)
    t = timed(runs, 'scale-32')
    if t:
        s = share(t)
        rows.append((measure, 'median of %d' % len(t), '%.4f%%' % (100 * s),
                     '%s: %s' % (what, met(s <= SHARE_GOAL))))
    else:
        rows.append((measure, 'no data', '', '%s: NOT met (no data)' % what))
    b32, b0 = done(runs, 'scale-32'), done(runs, 'scale-none')
    if b32 and b0:
        m32 = statistics.median(outage(r) for r in b32)
        m0 = statistics.median(outage(r) for r in b0)
        rows.append(('P5 shutdown to init: 32 preserved / none (scale)',
                     '%.3f s / %.3f s' % (m32, m0), '%.3f' % (m32 / m0), ''))
    else:
        rows.append(('P5 shutdown to init: 32 preserved / none (scale)',
                     'no run',
                     '', ''))
    return rows


def ratio_interval(pairs, seed=1):
    """The 95% interval of the ratio of medians of (x, y) pairs, by a
    bootstrap over the pairs (the rounds: a pair is the two runs of one
    round), with a fixed seed: (low, high)."""
    rnd = random.Random(seed)
    ratios = sorted(
        statistics.median(x for x, _ in s) / statistics.median(y for _, y in s)
        for s in (rnd.choices(pairs, k=len(pairs))
                  for _ in range(BOOTSTRAP_DRAWS)))
    return (ratios[int(BOOTSTRAP_DRAWS * 0.025)],
            ratios[int(BOOTSTRAP_DRAWS * 0.975) - 1])


def interval_row(runs, name, i, what):
    """Item 4: the 95% interval of P5's ratio of medians name / base of
    measure i (0 blackout, 1 boot to init), and whether it is narrower
    than +-2%, with the rounds it took (or would take, about: the width
    shrinks as the square root of the rounds)."""
    pairs = [(r[i], b[i]) for r, b in zip(runs.get(name, []),
                                           runs.get(BASE, [])) if r and b]
    measure = 'P5 %s: %s / base, 95%% interval' % (what, name)
    want = 'narrower than +-%g%%' % (100 * P5_HALF_WIDTH)
    if len(pairs) < 2:
        return (measure, 'no interval of %d round(s)' % len(pairs), '',
                '%s: NOT met, %d round(s)' % (want, len(pairs)))
    low, high = ratio_interval(pairs)
    ratio = (statistics.median(x for x, _ in pairs) /
             statistics.median(y for _, y in pairs))
    half = (high - low) / 2 / ratio
    ok = half < P5_HALF_WIDTH
    need = '' if ok else ' (about %d needed)' % math.ceil(
        len(pairs) * (half / P5_HALF_WIDTH) ** 2)
    return (measure, '%.3f-%.3f, bootstrap of %d rounds' %
            (low, high, len(pairs)), '+-%.1f%%' % (100 * half),
            '%s: %s, %d rounds%s' % (want, met(ok), len(pairs), need))


def p5_rows(runs):
    """The host-clock rows of P5: each scenario's blackout and boot to
    init, their ratios of medians to the base kernel, and the 95%
    interval of one's."""
    rows = [('P5 measured by', 'the in-kernel time above (primary); the '
             'host clock (context)', '', '')]
    base = done(runs, BASE)
    for name, title in RUNS:
        t = done(runs, name)
        if not t:
            rows.append(('P5 ' + name, 'no run completed', '', ''))
            continue
        for i, what in enumerate(('blackout', 'boot to init')):
            spread = [r[i] for r in t]
            m = statistics.median(spread)
            value = '%.3f s median of %d (%.3f-%.3f)' % (
                m, len(spread), min(spread), max(spread))
            if name == BASE or not base:
                rows.append(('P5 %s: %s' % (what, title), value, '', ''))
                continue
            b = [r[i] for r in base]
            ratio = m / statistics.median(b)
            rows.append(('P5 %s: %s' % (what, title), value,
                         '%.3f (of minima %.3f)' % (ratio,
                                                    min(spread) / min(b)),
                         goal_text(ratio, P5_GOAL)))
            if name == 'one':
                rows.append(interval_row(runs, name, i, what))
    return rows


def write_csv(path, rows, bench, before, runs):
    """The table's rows, then every N of the P1b sweeps and every round of
    P5, as CSV (measure, value, ratio, goal)."""
    with open(path, 'w', newline='') as f:
        out = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator='\n')
        out.writerow(('measure', 'value', 'ratio', 'goal'))
        out.writerows(rows)
        for lines, when in ((bench, ''), (before, ' before the fix')):
            for p in sweep(lines)[0]:
                out.writerow(('P1b pair%s, %s records held' % (when, p['n']),
                              '%s ns' % p['ns'] + (' (min %s)' % p['min']
                                                   if 'min' in p else ''),
                              x1000(p['local_x1000']), p['boundary']))
        for name in SCENARIOS:
            for i, r in enumerate(runs.get(name, []), 1):
                value = ('blackout %.3f s, boot %.3f s' % r[:2] if r else
                         'not completed')
                if r and r.series:
                    value += ', series shutdown %d ns + enumeration %d ns' % \
                        r.series
                out.writerow(('P5 round %d, %s' % (i, name), value, '', ''))


def print_table(rows):
    """The rows, in aligned columns under a header."""
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    rwidth = max([len(r[2]) for r in rows] + [5])
    print('%-*s  %-*s  %-*s  %s' % (width, 'measure', vwidth, 'value',
                                    rwidth, 'ratio', 'goal'))
    for r in rows:
        print('%-*s  %-*s  %-*s  %s' % (width, r[0], vwidth, r[1], rwidth,
                                        r[2], r[3]))


def no_data(ax, why):
    """Say in an empty panel why it is empty."""
    ax.text(0.5, 0.5, why, ha='center', va='center', transform=ax.transAxes,
            color='grey')
    ax.set_xticks([])


def plot_p1(ax, bench):
    """P1: ns per pair by records held, the median and the minimum."""
    p1 = lines_of(bench, 'P1')
    ax.set(title='P1: preserve + unpreserve pair by records held',
           xlabel='records held', ylabel='ns per pair')
    if not p1:
        return no_data(ax, 'no data')
    n = [int(f['n']) for f in p1]
    ax.plot(n, [int(f['ns']) for f in p1], 'o-', label='median')
    ax.plot(n, [int(f['min']) for f in p1], '.--', label='minimum')
    ax.set_xscale('log', base=2)
    ax.set_xticks(n, [str(x) for x in n])
    ax.set_ylim(bottom=0)
    ax.legend()


def plot_sweep(ax, bench, when):
    """P1b: ns per pair at every N of the sweep, the block boundaries of
    the records and of the BAR sizes as vertical lines."""
    ax.set_title('P1b sweep, %s the fix' % when)
    ax.set_xlabel('records held (N)')
    p1b, summary, passes = sweep(bench)
    if not summary:
        return no_data(ax, 'no %s run' % when)
    if passes > 1:
        ax.set_title('P1b sweep, %s the fix (least of %d passes)' %
                     (when, passes))
    n = [int(f['n']) for f in p1b]
    ax.plot(n, [int(f['ns']) for f in p1b], lw=0.7, color='C0',
            label='pair, median')
    if all('min' in f for f in p1b):
        ax.plot(n, [int(f['min']) for f in p1b], lw=0.5, color='C1',
                label='pair, minimum')
    median = int(summary['median_ns'])
    ax.axhline(median * 1.5, color='C2', ls='--', lw=1,
               label='goal: 1.5 x median')
    for key, style, what in (('records_per_block', '-', 'records'),
                             ('bars_per_block', ':', 'BAR sizes')):
        per = int(summary[key])
        # Slots k * per - 1 and k * per: the pairs there cross block k.
        for i, k in enumerate(range(-(-n[0] // per) * per, n[-1] + 1, per)):
            ax.axvline(k - 0.5, color='C3', ls=style, lw=0.8, zorder=0,
                       label='block of %s (%d)' % (what, per) if not i
                       else None)
    ax.legend(loc='lower right', fontsize='small')


def plot_p2(ax, bench):
    """P2: ns per lookup by incoming records."""
    p2 = [f for f in lines_of(bench, 'P2') if 'lookup_ns' in f]
    ax.set(title='P2: incoming lookup by incoming records',
           xlabel='incoming records', ylabel='ns per lookup')
    if not p2:
        return no_data(ax, 'no data')
    n = [int(f['n']) for f in p2]
    ax.plot(n, [int(f['lookup_ns']) for f in p2], 'o-')
    ax.set_xscale('symlog', linthresh=1, base=2)
    ax.set_xticks(n, [str(x) for x in n])
    ax.set_ylim(bottom=0)


def plot_per_device(ax, runs):
    """The series' own time per preserved device by N, with the goal of
    linear growth."""
    dev = per_device(runs)
    ax.set(title="Series' own time per preserved device (32 endpoints)",
           xlabel='devices preserved (N)', ylabel='us per preserved device')
    if not dev:
        return no_data(ax, 'no data')
    n = sorted(dev)
    ax.plot(n, [dev[x] / 1000 for x in n], 'o-', label='shutdown + '
            'enumeration / N')
    if 1 in dev:
        ax.axhline(dev[1] * LINEAR_GOAL / 1000, color='C2', ls='--', lw=1,
                   label='goal: 1.5 x N = 1 (linear)')
    ax.set_xticks(n)
    ax.set_ylim(bottom=0)
    ax.legend()


def plot_rounds(ax, runs):
    """P5: the blackout of each round, one line per scenario."""
    ax.set(title='P5: blackout per round (host clock)',
           xlabel='round', ylabel='blackout (s)')
    rounds = 0
    for name in SCENARIOS:
        points = [(i, r.blackout) for i, r in
                  enumerate(runs.get(name, []), 1) if r]
        if points:
            ax.plot(*zip(*points), 'o-', label=name)
            rounds = len(runs[name])
    if not rounds:
        return no_data(ax, 'no data')
    ax.set_xticks(range(1, rounds + 1))
    ax.legend(fontsize='small')


def plot(paths, bench, before, runs):
    """One figure of six panels, written to each of paths (PNG, SVG)."""
    fig = Figure(figsize=(14, 15), layout='constrained')
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(3, 2)
    plot_p1(fig.add_subplot(grid[0, 0]), bench)
    plot_p2(fig.add_subplot(grid[0, 1]), bench)
    ax = fig.add_subplot(grid[1, 0])
    plot_sweep(ax, before, 'before')
    plot_sweep(fig.add_subplot(grid[1, 1], sharey=ax), bench, 'after')
    ax.set_ylabel('ns per pair')
    ax.set_ylim(bottom=0)  # of both: they share the axis
    plot_per_device(fig.add_subplot(grid[2, 0]), runs)
    plot_rounds(fig.add_subplot(grid[2, 1]), runs)
    fig.suptitle('PCI Live Update benchmarks (make bench)')
    for path in paths:
        fig.savefig(path, dpi=100)


def parse_args(argv):
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description='The make bench report.')
    parser.add_argument('--checker', default=CHECKER,
                        help="the tree's vm_check.py")
    parser.add_argument('--before', help='the KUnit log of the P1b sweep '
                        'before the fix')
    parser.add_argument('out_dir')
    parser.add_argument('kunit_log')
    parser.add_argument('runs', nargs='*', metavar='run_dir')
    return parser.parse_args(argv)


def main(argv):
    opts = parse_args(argv)
    os.makedirs(opts.out_dir, exist_ok=True)
    bench = read_bench(opts.kunit_log)
    before = read_bench(opts.before) if opts.before else []
    runs = read_runs(opts.checker, opts.runs)
    rows = bench_rows(bench, before)  # (measure, value, ratio, goal)
    if not bench:
        rows.append(('P1-P3', 'no benchmark line (see %s)' % opts.kunit_log,
                     '', ''))
    rows += [series_row(runs, name, title) for name, title in RUNS
             if name != BASE]
    rows += [series_row(runs, name, '%s of 32 endpoints preserved' %
                        (n or 'none')) for name, n in SCALE]
    rows += scale_rows(runs) + p5_rows(runs)
    paths = [os.path.join(opts.out_dir, 'bench.' + ext)
             for ext in ('csv', 'png', 'svg')]
    write_csv(paths[0], rows, bench, before, runs)
    plot(paths[1:], bench, before, runs)
    print_table(rows)
    print()
    for path in paths:
        print(path)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
