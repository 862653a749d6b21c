#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Expand a kernel .rst's kernel-doc directives and validate it with docutils.

    rst-check.py TREE DOC.rst

Each ".. kernel-doc:: FILE" directive (options :doc:, :export:,
:internal:, :identifiers:, as Documentation/sphinx/kerneldoc.py maps them)
is replaced by the output of "scripts/kernel-doc -rst" of TREE (as Sphinx
runs it; the style gate runs -Wall on every touched file); any
kernel-doc warning is an error. The expanded text is then parsed by docutils
with warnings as errors. Sphinx's own roles and directives (ref, doc, c:*,
toctree, ...) are unknown to docutils: they are accepted as they are, not
checked; Sphinx resolves them in a full "make htmldocs".
Prints the problems found; exit status 1 if any.
"""

import collections
import re
import subprocess
import sys

from docutils import nodes, utils
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles

DIRECTIVE = re.compile(r"^\.\. kernel-doc:: (\S+)\s*$")
OPTION = re.compile(r"^\s+:(\w+):\s*(.*)$")


class Opaque(Directive):
    """A Sphinx directive: keep its text, check nothing."""
    required_arguments = 0
    optional_arguments = 100
    final_argument_whitespace = True
    has_content = True
    option_spec = collections.defaultdict(lambda: directives.unchanged)

    def run(self):
        return [nodes.literal_block("\n".join(self.content),
                                    "\n".join(self.content))]


def opaque_role(name, rawtext, text, lineno, inliner, options=None,
                content=None):
    return [nodes.literal(rawtext, utils.unescape(text))], []


for d in ("toctree", "c:function", "c:struct", "c:union", "c:enum",
          "c:macro", "c:type", "c:var", "c:member", "c:namespace",
          "c:namespace-push", "c:namespace-pop", "kernel-feat", "only"):
    directives.register_directive(d, Opaque)
for r in ("ref", "doc", "c:func", "c:type", "c:macro", "c:struct", "c:data",
          "c:expr", "c:member", "c:enum", "c:union", "c:var", "c:texpr",
          "c:enumerator"):
    roles.register_local_role(r, opaque_role)


def kernel_doc(tree, path, options, problems):
    cmd = [sys.executable, tree + "/scripts/kernel-doc", "-rst"]
    for key, val in options:
        if key == "doc":
            cmd += ["-function", val]
        elif key == "export":
            cmd += ["-export"]
        elif key == "internal":
            cmd += ["-internal"]
        elif key in ("identifiers", "functions"):
            for ident in val.split():
                cmd += ["-function", ident]
        else:
            problems.append("unknown kernel-doc option :%s:" % key)
    cmd.append(tree + "/" + path)
    res = subprocess.run(cmd, capture_output=True, text=True)
    for line in res.stderr.splitlines():
        problems.append("kernel-doc %s: %s" % (path, line))
    if res.returncode:
        problems.append("kernel-doc %s exited %d" % (path, res.returncode))
    if not res.stdout.strip():
        problems.append("kernel-doc %s %s: no output" % (path, options))
    return res.stdout


def main():
    tree, doc = sys.argv[1], sys.argv[2]
    problems = []
    out = []
    with open(tree + "/" + doc) as f:
        lines = f.read().splitlines()
    i = 0
    while i < len(lines):
        m = DIRECTIVE.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        opts = []
        i += 1
        while i < len(lines) and OPTION.match(lines[i]):
            o = OPTION.match(lines[i])
            opts.append((o.group(1), o.group(2)))
            i += 1
        out.extend(kernel_doc(tree, m.group(1), opts, problems).splitlines())
    text = "\n".join(out) + "\n"
    try:
        publish_doctree(text, source_path=doc, settings_overrides={
            "report_level": 2, "halt_level": 2, "warning_stream": sys.stderr})
    except Exception as e:  # docutils raises SystemMessage at halt_level
        problems.append("docutils: %s" % e)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
