#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The manifest and the verdict of `make check`: the one place that decides.

    results.py manifest MANIFEST PATCH...
                                        print every declared result name
    results.py verdict MANIFEST RESULTS print the summary; exit 1 on a failure
    results.py selftest                 feed the verdict broken inputs

MANIFEST (default: the project's `manifest`) names each result `make check`
reports, one per line, `#` comments. Braces expand as in bash (`a{,:b}` is
`a` and `a:b`), and three words expand from patches/: `{patch}`, each
patch's posting and number (01-pci/0001, ...), `{file}`, each .c or .h file the series adds or
changes, and `{scenario}`, each result of each VM scenario of the series
(NAME, NAME:kernel-log, ...), as `vm_check.py plan` lists them: the
selftest directory alone (every file there is the series') is rebuilt from
the patches in a scratch directory and its checker asked, since nothing is
applied yet. Of the patches given (check.sh passes patches/ as
series_patches lists it). check.sh writes the expansion before any step
runs. A word that cannot be expanded declares nothing, and the expansion
then declares `harness:manifest # WHY`: the verdict fails it with WHY.

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
import subprocess
import sys
import tempfile

MANIFEST_RESULT = "harness:manifest"
# The series' VM tests: their checker knows every scenario's results.
SELFTEST = "tools/testing/selftests/pci_liveupdate"


class Unexpanded(Exception):
    """A manifest word that cannot be expanded."""


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
        numbers.append(os.path.basename(os.path.dirname(path)) + "/" +
                       os.path.basename(path)[:4])
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


def scenario_results(patches):
    """Every result of the series' VM scenarios: `vm_check.py plan` of the
    selftest directory as the patches leave it, built alone in a scratch
    directory. Raises Unexpanded saying why it cannot."""
    with tempfile.TemporaryDirectory(prefix="pci-lu-plan.") as scratch:
        def run(what, cmd, **kwargs):
            try:
                return subprocess.run(cmd, check=True, capture_output=True,
                                      text=True, **kwargs).stdout
            except subprocess.CalledProcessError as err:
                why = (err.stderr.strip().splitlines() or
                       ["exit status %d" % err.returncode])[-1]
                raise Unexpanded("%s: %s" % (what, why)) from err
            except OSError as err:
                raise Unexpanded("%s: %s" % (what, err)) from err
        run("git init", ["git", "init", "-q", scratch])
        for path in patches:
            run("applying %s of %s" % (SELFTEST, os.path.basename(path)),
                ["git", "apply", "--include=%s/*" % SELFTEST,
                 os.path.abspath(path)], cwd=scratch)
        checker = os.path.join(scratch, SELFTEST, "vm_check.py")
        if not os.path.exists(checker):
            raise Unexpanded("the patches hold no %s/vm_check.py" % SELFTEST)
        names = run("vm_check.py plan",
                    [sys.executable, checker, "plan"]).split()
    if not names:
        raise Unexpanded("vm_check.py plan lists no result")
    return names


def manifest(path, patches):
    """The declared result names, in order, without duplicates; a word
    that cannot be expanded makes it declare `harness:manifest # WHY`."""
    numbers, files = series(patches)
    names, broken, scenarios = [], [], None
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
                elif "{scenario}" in word:
                    try:
                        if scenarios is None:
                            scenarios = scenario_results(patches)
                        names += [word.replace("{scenario}", n)
                                  for n in scenarios]
                    except Unexpanded as err:
                        broken.append("cannot expand %s: %s" % (word, err))
                else:
                    names.append(word)
    seen = set()
    names = [n for n in names if not (n in seen or seen.add(n))]
    if broken:
        why = "; ".join(broken)
        if MANIFEST_RESULT not in names:
            names.append(MANIFEST_RESULT)
        names[names.index(MANIFEST_RESULT)] += " # " + why
    return names


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


def verdict(declared, results):
    """The summary lines and whether everything passed. declared: the
    lines of an expanded manifest ("NAME", or "harness:manifest # WHY"
    when the manifest could not be expanded)."""
    names, broken = [], ""
    for line in declared:
        name, _, why = line.partition(" # ")
        names.append(name)
        if name == MANIFEST_RESULT:
            broken = why
    undeclared = sorted(set(results) - set(names))
    lines, passed, failed = [], 0, 0
    for name in names:
        if name == MANIFEST_RESULT:
            whys = [broken] if broken else []
            if undeclared:
                whys.append("reported but not declared: "
                            + ", ".join(undeclared))
            status = "FAIL" if whys else "PASS"
            why = "; ".join(whys)
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
    good = names == ["a", "a:b", "checkpatch:01-x/0001",
                     "kernel-doc:drivers/pci/x.c"]
    print("%s manifest expansion" % ("ok" if good else "not ok"))
    bad += not good
    for title, patches, want in SCENARIO_CASES:
        names = manifest_from_text("a\nvm:{scenario}\n" + MANIFEST_RESULT
                                   + "\n", patches)
        lines, ok = verdict(names, read_results_text(
            "".join("PASS %s\n" % n.partition(" # ")[0] for n in names)))
        if want is None:    # nothing of vm:, and harness:manifest fails
            good = (names[0] == "a" and len(names) == 2 and not ok and
                    lines[0].startswith("  FAIL %s (cannot expand "
                                        "vm:{scenario}: " % MANIFEST_RESULT))
        else:
            good = names == want and ok
        print("%s %s" % ("ok" if good else "not ok", title))
        if not good:
            print("\n".join("#   " + l for l in names + lines))
        bad += not good
    return 1 if bad else 0


def new_file(path, text, mode="100644"):
    """A patch that creates path holding text."""
    lines = text.splitlines()
    return ("diff --git a/{0} b/{0}\nnew file mode {1}\n--- /dev/null\n"
            "+++ b/{0}\n@@ -0,0 +1,{2} @@\n{3}".format(
                path, mode, len(lines), "".join("+%s\n" % l for l in lines)))


# The {scenario} expansion: a selftest whose vm_check.py plans two results
# for each line of its table, made by two patches among changes to other
# files (of the base, absent from the scratch directory: left out).
PLAN = ("import os, sys\n"
        "here = os.path.dirname(os.path.abspath(__file__))\n"
        "assert sys.argv[1:] == ['plan']\n"
        "for name in open(os.path.join(here, 'scenarios')).read().split():\n"
        "    print(name + '\\n' + name + ':writes')\n")
OTHER = ("diff --git a/drivers/pci/x.c b/drivers/pci/x.c\n--- a/drivers/pci/"
         "x.c\n+++ b/drivers/pci/x.c\n@@ -1 +1 @@\n-a\n+b\n")
GROW = ("diff --git a/{0}/scenarios b/{0}/scenarios\n--- a/{0}/scenarios\n"
        "+++ b/{0}/scenarios\n@@ -1 +1,2 @@\n one\n+two\n".format(SELFTEST))
SCENARIO_CASES = (
    ("{scenario}: vm_check.py plan of the patches' selftest",
     [OTHER + new_file(SELFTEST + "/vm_check.py", PLAN, "100755")
      + new_file(SELFTEST + "/scenarios", "one\n"), OTHER + GROW],
     ["a", "vm:one", "vm:one:writes", "vm:two", "vm:two:writes",
      MANIFEST_RESULT]),
    ("{scenario}: a checker that fails fails harness:manifest",
     [new_file(SELFTEST + "/vm_check.py", "import sys\nsys.exit(2)\n"),
      new_file(SELFTEST + "/scenarios", "one\n")], None),
    ("{scenario}: no checker in the patches fails harness:manifest",
     [OTHER], None),
    ("{scenario}: a patch that does not apply fails harness:manifest",
     [GROW], None),
)


def read_results_text(text):
    """read_results() of a text."""
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write(text)
    try:
        return read_results(f.name)
    finally:
        os.unlink(f.name)


def manifest_from_text(text, patches=None):
    """manifest() of a text, with patches (texts; default: one that changes
    drivers/pci/x.c) as 01-x/0001-..., 01-x/0002-..."""
    if patches is None:
        patches = ["diff --git a/drivers/pci/x.c b/drivers/pci/x.c\n"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "manifest")
        with open(path, "w") as f:
            f.write(text)
        paths = []
        os.mkdir(os.path.join(tmp, "01-x"))
        for num, patch in enumerate(patches, 1):
            paths.append(os.path.join(tmp, "01-x", "%04d-x.patch" % num))
            with open(paths[-1], "w") as f:
                f.write(patch)
        return manifest(path, paths)


def main(argv):
    if len(argv) >= 3 and argv[1] == "manifest":
        names = manifest(argv[2], argv[3:])
        print("\n".join(names))
        for name in names:
            if name.startswith(MANIFEST_RESULT + " # "):
                print("results.py: " + name, file=sys.stderr)
        return 0
    if len(argv) == 4 and argv[1] == "verdict":
        return cmd_verdict(argv[2], argv[3])
    if len(argv) == 2 and argv[1] == "selftest":
        return selftest()
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
