#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Tests of report.py on tiny fake logs in a temporary directory: the
series' timing lines, the goal texts, and a whole report with its plots.

    scripts/bench/report_test.py
"""

import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ beside report.py
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

# A live update as vmtest.sh -S stamps it: the old kernel enumerates,
# preserves and shuts down, the new one boots and enumerates.
SERIAL = """\
100.000000 [    0.000000] Linux version 7.3.4
100.500000 [    1.000000] PCI: liveupdate: time: enumeration 9000 ns in 30 calls
101.000000 pci_lu: stage 1
102.000000 pci_lu: window open
102.100000 [    9.000000] PCI: liveupdate: time: shutdown %d ns in 3 calls\r
103.000000 [    0.000000] Linux version 7.3.4
103.400000 [    1.100000] PCI: liveupdate: time: enumeration %d ns in 31 calls\r
104.000000 pci_lu: stage 2
"""

# What vm_check.py parse --stamped answers: the stamps of SERIAL.
CHECKER = """#!/bin/sh
echo '{"kexec": {"kexec": 102.0, "boot": 103.0, "init": 104.0}}'
"""

KUNIT = """\
[ 1.0] pci_lu_bench: P1 n=64 ns=1000 min=900 max=1100 reps=31 pairs=64 boundary=owners,
[ 1.0] pci_lu_bench: P1 n=16384 ns=1100 min=950 max=1200 reps=31 pairs=64 boundary=none
[ 1.0] pci_lu_bench: P1 ratio n=16384/64 x1000=1100 min_x1000=1055 goal<=1500
[ 1.0] pci_lu_bench: P1b n=1019 ns=1000 local_x1000=1000 boundary=records,
[ 1.0] pci_lu_bench: P1b n=1020 ns=%d local_x1000=1000 boundary=records,
[ 1.0] pci_lu_bench: P1b n=1021 ns=1000 local_x1000=1000 boundary=none
[ 1.0] pci_lu_bench: P1b summary n=1019..1021 records_per_block=510 bars_per_block=113 worst_n=1020 worst_ns=%d median_ns=1000 ratio_x1000=%d worst_local_n=1020 worst_local_x1000=1000 goal<=1500
[ 1.0] pci_lu_bench: P2 n=0 lookup_ns=50
[ 1.0] pci_lu_bench: P2 n=1024 lookup_ns=60
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(text)


def kunit_log(worst_ns):
    return KUNIT % (worst_ns, worst_ns, worst_ns)


def run(blackout, series):
    """A completed run: blackout in s, series (shutdown, enumeration)."""
    return report.Run(blackout, 1.0, series)


class Tmp(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def path(self, *names):
        return os.path.join(self.dir, *names)


class SeriesTime(Tmp):
    def test_shutdown_and_the_next_enumeration(self):
        write(self.path('serial.times'), SERIAL % (2000, 7000))
        self.assertEqual(report.series_time(self.path('serial.times')),
                         (2000, 7000))

    def test_no_enumeration_after_the_shutdown(self):
        text = SERIAL.split('103.000000')[0]
        write(self.path('serial.times'), text % 2000)
        self.assertIsNone(report.series_time(self.path('serial.times')))

    def test_no_timing_lines(self):
        write(self.path('serial.times'), '1.0 pci_lu: window open\n')
        self.assertIsNone(report.series_time(self.path('serial.times')))


def scale_runs(per_device_ns, blackout=2.0):
    """The scale scenarios, 3 rounds each, the series' time per preserved
    device at N = 1, 8, 32 as given, half shutdown, half enumeration."""
    runs = {'scale-none': [run(blackout, (500, 500))] * 3}
    for (name, n), ns in zip(report.SCALE[1:], per_device_ns):
        runs[name] = [run(blackout, (ns * n // 2, ns * n // 2))] * 3
    return runs


def goals(rows):
    return {r[0]: r[3] for r in rows}


class Goals(unittest.TestCase):
    def test_scale_goals_met(self):
        g = goals(report.scale_rows(scale_runs((10000, 9000, 8000))))
        self.assertEqual(g["series' own time per device, N = 32 / N = 1"],
                         '<= 1.5 (linear or better): met')
        self.assertEqual(g["series' own time / shutdown to init, N = 32"],
                         '<= 1%: met')

    def test_scale_goals_not_met(self):
        # 32 x 1 ms of a 2 s blackout: 1.6 %; 1 ms / 0.5 ms per device.
        g = goals(report.scale_rows(scale_runs((500000, 700000, 1000000))))
        self.assertEqual(g["series' own time per device, N = 32 / N = 1"],
                         '<= 1.5 (linear or better): NOT met')
        self.assertEqual(g["series' own time / shutdown to init, N = 32"],
                         '<= 1%: NOT met')

    def test_scale_no_run(self):
        rows = report.scale_rows({})
        self.assertEqual(goals(rows)["series' own time / shutdown to init, N = 32"],
                         '<= 1%: NOT met (no data)')
        self.assertIn(('P5 shutdown to init: 32 preserved / none (scale)',
                       'no run', '', ''), rows)

    def test_series_row(self):
        runs = {'one': [run(1.0, (2000, 8000)), None]}
        self.assertEqual(report.series_row(runs, 'one', 'x'),
                         ("series' own time: x", 'shutdown 2.0 us + '
                          'enumeration 8.0 us = 10.0 us, median of 1',
                          '0.0005% of shutdown to init', ''))
        self.assertEqual(report.series_row({}, 'scale-8', 'x')[1], 'no run')

    def test_p5_interval(self):
        # The ratio one / base is 1.1 in every round: no width at all.
        runs = {'one': [run(1.1, None), run(2.2, None), run(3.3, None)],
                'kexec-base': [run(1.0, None), run(2.0, None),
                               run(3.0, None)]}
        row = report.interval_row(runs, 'one', 0, 'blackout')
        self.assertEqual(row[2], '+-0.0%')
        self.assertEqual(row[3], 'narrower than +-2%: met, 3 rounds')

    def test_p5_interval_too_wide(self):
        runs = {'one': [run(x, None) for x in (1.0, 1.3, 1.0, 1.3)],
                'kexec-base': [run(1.0, None)] * 4}
        row = report.interval_row(runs, 'one', 0, 'blackout')
        self.assertRegex(row[3], r'^narrower than \+-2%: NOT met, 4 rounds '
                         r'\(about \d+ needed\)$')
        one = report.interval_row({'one': runs['one'][:1],
                                   'kexec-base': runs['kexec-base'][:1]},
                                  'one', 0, 'blackout')
        self.assertEqual(one[3], 'narrower than +-2%: NOT met, 1 round(s)')

class Sweep(Tmp):
    def test_before_and_after(self):
        write(self.path('kunit.log'), kunit_log(1100))
        write(self.path('kunit-before.log'), kunit_log(2840))
        g = goals(report.bench_rows(
            report.read_bench(self.path('kunit.log')),
            report.read_bench(self.path('kunit-before.log'))))
        self.assertEqual(g['P1b worst pair / median, after the fix, '
                           'N = 1019..1021'], '<= 1.5: met')
        self.assertEqual(g['P1b worst pair / median, before the fix, '
                           'N = 1019..1021'], '<= 1.5: NOT met')

    def test_boundary_row(self):
        """The worst N whose slots start a block, of records or of BAR
        sizes, against the median of all N; other N do not count."""
        lines = [{'n': '1016', 'ns': '1500', 'boundary': 'bars,'},
                 {'n': '1017', 'ns': '9000', 'boundary': 'none'},
                 {'n': '1020', 'ns': '1200', 'boundary': 'records,'},
                 {'n': '1024', 'ns': '3000', 'boundary': 'owners,'}]
        self.assertEqual(report.boundary_row(lines, 'after', 1000),
                         ('P1b worst pair at a block boundary / median, '
                          'after the fix', 'worst 1500 ns at N=1016, of 2 '
                          'boundary N', '1.500', ''))

    def test_passes(self):
        """Each N is the least of its passes' medians: a slow stretch of
        one pass (N=1021 in pass 1) is not a cliff, a cliff every pass
        pays (N=1020) is, and the minima are the least of all."""
        def line(n, ns, p, boundary='none'):
            return ('P1b', '', {'n': str(n), 'ns': str(ns), 'min': str(ns - 10),
                                'pass': str(p), 'boundary': boundary})
        summary = {'n': '1019..1022', 'records_per_block': '510',
                   'bars_per_block': '113', 'goal<': '1500'}
        bench = [line(1019, 1000, 1), line(1020, 1400, 1, 'records,'),
                 line(1021, 5000, 1), line(1022, 1000, 1),
                 ('P1b', 'summary', dict(summary, ratio_x1000='5000')),
                 line(1019, 1010, 2), line(1020, 1450, 2, 'records,'),
                 line(1021, 1005, 2), line(1022, 990, 2),
                 ('P1b', 'summary', dict(summary, ratio_x1000='1450'))]
        lines, f, passes = report.sweep(bench)
        self.assertEqual(passes, 2)
        self.assertEqual([(p['n'], p['ns'], p['min']) for p in lines],
                         [('1019', '1000', '990'), ('1020', '1400', '1390'),
                          ('1021', '1005', '995'), ('1022', '990', '980')])
        self.assertEqual((f['worst_n'], f['median_ns'], f['ratio_x1000']),
                         ('1020', '1000', '1400'))
        rows = report.sweep_rows(bench, 'after')
        self.assertEqual(rows[0][2:], ('1.400', '<= 1.5: met'))
        self.assertIn('each N the least of 2 passes', rows[0][1])

    def test_no_before_run(self):
        g = goals(report.bench_rows(
            report.read_bench(self.path('kunit.log')), []))
        self.assertEqual(g['P1b worst pair / median, before the fix'],
                         '<= 1.5: NOT met (no data)')


class Report(Tmp):
    def test_whole_report(self):
        write(self.path('kunit.log'), kunit_log(1100))
        write(self.path('kunit-before.log'), kunit_log(2840))
        checker = self.path('vm_check.py')
        write(checker, CHECKER)
        os.chmod(checker, 0o755)
        runs = [self.path('p5-%d' % i) for i in (1, 2)]
        for r in runs:
            for name, n in (('one', 1), ('kexec-on', 0), ('scale-32', 32)):
                write(os.path.join(r, name, 'serial.times'),
                      SERIAL % (1000 * n, 2000 * n))
            write(os.path.join(r, 'kexec-base', 'serial.times'),
                  '102.0 pci_lu: window open\n')
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            report.main(['--checker', checker, '--before',
                         self.path('kunit-before.log'), self.path('out'),
                         self.path('kunit.log')] + runs)
        text = out.getvalue()
        self.assertIn('shutdown 32.0 us + enumeration 64.0 us = 96.0 us, '
                      'median of 2', text)
        self.assertIn('<= 1%: met', text)
        self.assertIn('narrower than +-2%: met, 2 rounds', text)
        self.assertRegex(text, r'P5 shutdown to init: 32 preserved / none \(scale\) '
                         r' +no run')
        for ext in ('csv', 'png', 'svg'):
            path = self.path('out', 'bench.' + ext)
            self.assertIn(path, text.splitlines())
            self.assertGreater(os.path.getsize(path), 1000)
        with open(self.path('out', 'bench.csv')) as f:
            csv = f.read()
        self.assertIn('"P1b pair before the fix, 1020 records held",'
                      '"2840 ns"', csv)
        self.assertIn('"P5 round 2, scale-32","blackout 1.000 s, boot '
                      '1.000 s, series shutdown 32000 ns + enumeration '
                      '64000 ns"', csv)


if __name__ == '__main__':
    unittest.main()
