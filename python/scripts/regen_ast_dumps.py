#!/usr/bin/env python3
"""Regenerates the expected ast.dump files that AstDumpComparisonTest compares against.

Run from the repository root:  python3 python/scripts/regen_ast_dumps.py
For every own case (python/src/test/resources/astdump/cases/*.py) and every standard-library
file listed in stdlib-sample.txt, writes python/src/test/resources/astdump/expected/<name>.dump:
  line 1: "# python X.Y.Z sha256=<hex of the source bytes> source=<cases/NAME or stdlib/PATH>"
  then ast.dump(ast.parse(source)) (include_attributes=False), one top-level statement a line.
The Python version is recorded because ast.dump's format and the standard library change
between versions; the test checks the hash and regenerates a stale stdlib entry with the
machine's python3 instead of comparing against a dump of a different file.
"""
import ast
import hashlib
import os
import sys
import sysconfig
import warnings

warnings.simplefilter("ignore")
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "astdump")


def dump_lines(src):
    tree = ast.parse(src)
    return [ast.dump(stmt) for stmt in tree.body]


def write(name, label, src):
    version = "%d.%d.%d" % sys.version_info[:3]
    digest = hashlib.sha256(src).hexdigest()
    lines = ["# python %s sha256=%s source=%s" % (version, digest, label)] + dump_lines(src)
    with open(os.path.join(HERE, "expected", name + ".dump"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def main():
    cases = os.path.join(HERE, "cases")
    for f in sorted(os.listdir(cases)):
        if f.endswith(".py"):
            with open(os.path.join(cases, f), "rb") as fh:
                write("case_" + f[:-3], "cases/" + f, fh.read())
    stdlib = sysconfig.get_paths()["stdlib"]
    with open(os.path.join(HERE, "stdlib-sample.txt"), encoding="utf-8") as fh:
        for line in fh:
            rel = line.strip()
            if not rel or rel.startswith("#"):
                continue
            with open(os.path.join(stdlib, rel), "rb") as src:
                write("stdlib_" + rel.replace("/", "_")[:-3], "stdlib/" + rel, src.read())


if __name__ == "__main__":
    main()
