#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The manifest and the verdict of `make check`: the one place that decides.

    results.py manifest MANIFEST PATCH...
                                        print every declared result name
    results.py verdict MANIFEST RESULTS print the summary; exit 1 on a failure
    results.py selftest                 feed the verdict broken inputs

MANIFEST (default: the project's `manifest`) names each result `make check`
reports, one per line, `#` comments. Braces expand as in bash (`a{,:b}` is
`a` and `a:b`), and two words expand from patches/: `{patch}`, each patch's
number (0001, ...), and `{file}`, each .c or .h file the series adds or
changes, of the patches given (check.sh passes patches/ as series_patches
lists it). check.sh writes the expansion before any step runs.

RESULTS has one line per result, written by `record` (scripts/lib.sh):
`PASS NAME` or `FAIL NAME # WHY`. The verdict: a declared result is PASS
when it was reported PASS and never FAIL; reported FAIL, or not reported at
all, is FAIL with its name. A reported result the manifest does not declare
fails `harness:manifest`. So the summary's passed + failed is always the
manifest's size, and a step that crashes before reporting is red by name.
The last line is "N passed, M failed".
"""

import itertools
import os
import re
import sys
import tempfile

MANIFEST_RESULT = "harness:manifest"


def expand_braces(word):
    """Bash-style brace expansion of one word (no nesting needed)."""
    parts = re.split(r"(\{[^{}]*\})", word)
    choices = [p[1:-1].split(",") if p.startswith("{") and "," in p
               else [p] for p in parts]
    return ["".join(c) for c in itertools.product(*choices)]


def series(patches):
    """Numbers of the patches and the .c/.h files they add or change."""
    numbers, files = [], set()
    for path in patches:
        numbers.append(os.path.basename(path)[:4])
        current = None
        with open(path, errors="replace") as f:
            for line in f:
                m = re.match(r"diff --git a/(\S+) b/(\S+)$", line)
                if m:
                    current = m.group(2)
                    if current.endswith((".c", ".h")):
                        files.add(current)
                elif line.startswith("deleted file mode") and current:
                    files.discard(current)
    return numbers, sorted(files)


def manifest(path, patches):
    """The declared result names, in order, without duplicates."""
    numbers, files = series(patches)
    names = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            for word in expand_braces(line):
                if "{patch}" in word:
                    names += [word.replace("{patch}", n) for n in numbers]
                elif "{file}" in word:
                    names += [word.replace("{file}", n) for n in files]
                else:
                    names.append(word)
    seen = set()
    return [n for n in names if not (n in seen or seen.add(n))]


def read_results(path):
    """NAME -> (status, why) with FAIL winning over PASS."""
    results = {}
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        m = re.match(r"(PASS|FAIL) (\S+)(?: # (.*))?$", line)
        if not m:
            continue
        status, name, why = m.groups()
        if results.get(name, ("PASS",))[0] != "FAIL":
            results[name] = (status, why or "")
    return results


def verdict(names, results):
    """The summary lines and whether everything passed."""
    undeclared = sorted(set(results) - set(names))
    lines, passed, failed = [], 0, 0
    for name in names:
        if name == MANIFEST_RESULT:
            status = "FAIL" if undeclared else "PASS"
            why = ("reported but not declared: " + ", ".join(undeclared)
                   if undeclared else "")
        else:
            status, why = results.get(name, ("FAIL", "no result"))
        if status == "PASS":
            passed += 1
        else:
            failed += 1
            lines.append("  FAIL %s%s" % (name, " (%s)" % why if why else ""))
    if undeclared and MANIFEST_RESULT not in names:
        lines.append("  FAIL %s (not declared either; reported but not "
                     "declared: %s)" % (MANIFEST_RESULT, ", ".join(undeclared)))
        failed += 1
    lines.append("%d passed, %d failed" % (passed, failed))
    return lines, failed == 0 and passed > 0


def cmd_verdict(manifest_path, results_path):
    with open(manifest_path) as f:
        names = [n for n in f.read().split("\n") if n]
    lines, ok = verdict(names, read_results(results_path))
    print("\n".join(lines))
    return 0 if ok else 1


def selftest():
    """Broken inputs must each give a FAIL, named."""
    names = ["fetch-base", "vm:one", "vm:one:writes", MANIFEST_RESULT]
    cases = [
        ("all reported", "PASS fetch-base\nPASS vm:one\nPASS vm:one:writes\n",
         True, None),
        ("a result missing (its step crashed)",
         "PASS fetch-base\nPASS vm:one\n", False, "FAIL vm:one:writes"),
        ("a result reported FAIL after PASS",
         "PASS fetch-base\nPASS vm:one\nPASS vm:one:writes\n"
         "FAIL vm:one:writes # 2 disruptive writes\n", False,
         "FAIL vm:one:writes (2 disruptive writes)"),
        ("an undeclared result",
         "PASS fetch-base\nPASS vm:one\nPASS vm:one:writes\nPASS vm:two\n",
         False, "FAIL harness:manifest"),
        ("no results at all", "", False, "1 passed, 3 failed"),
        ("a garbled line", "PASS fetch-base\nPASS vm:one\nPAS vm:one:writes\n",
         False, "FAIL vm:one:writes (no result)"),
    ]
    bad = 0
    for title, text, want_ok, want_line in cases:
        with tempfile.NamedTemporaryFile("w", delete=False) as f:
            f.write(text)
        lines, ok = verdict(names, read_results(f.name))
        os.unlink(f.name)
        good = ok == want_ok and (want_line is None or
                                  any(l.strip().startswith(want_line)
                                      for l in lines))
        good &= int(lines[-1].split()[0]) + int(lines[-1].split()[2]) == \
            len(names)
        print("%s %s" % ("ok" if good else "not ok", title))
        if not good:
            print("\n".join("#   " + l for l in lines))
        bad += not good
    names = manifest_from_text("a{,:b}\ncheckpatch:{patch}\nkernel-doc:{file}\n")
    good = names == ["a", "a:b", "checkpatch:0001",
                     "kernel-doc:drivers/pci/x.c"]
    print("%s manifest expansion" % ("ok" if good else "not ok"))
    bad += not good
    return 1 if bad else 0


def manifest_from_text(text):
    with tempfile.NamedTemporaryFile("w", suffix=".manifest",
                                     delete=False) as f:
        f.write(text)
    with tempfile.NamedTemporaryFile("w", prefix="0001-",
                                     suffix=".patch", delete=False) as p:
        p.write("diff --git a/drivers/pci/x.c b/drivers/pci/x.c\n")
    try:
        return manifest(f.name, [p.name])
    finally:
        os.unlink(f.name)
        os.unlink(p.name)


def main(argv):
    if len(argv) >= 3 and argv[1] == "manifest":
        print("\n".join(manifest(argv[2], argv[3:])))
        return 0
    if len(argv) == 4 and argv[1] == "verdict":
        return cmd_verdict(argv[2], argv[3])
    if len(argv) == 2 and argv[1] == "selftest":
        return selftest()
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
