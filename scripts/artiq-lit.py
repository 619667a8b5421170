#!/usr/bin/env python3
"""Runs ARTIQ's compiler test programs that ARTIQ runs with its JIT testbench
(artiq/test/lit, RUN lines with artiq.compiler.testbench.jit) under `coredev run --artiq
--testbench`: ARTIQ's compiler builds each program for the core device, coredev's emulated device
runs it, and uncaught exceptions are reported as the testbench reports them. Each program runs
from a copy named input.py, as the testbench names its input.

    . shared/artiq-host/env.sh ARTIQ_DIR
    scripts/artiq-lit.py [--own] ARTIQ_DIR [TIMEOUT_SECONDS]

With --own, coredev's own compiler builds each program instead, run as `coredev run --testbench`
(the testbench's core, ref_period 1e-6, its `#ARTIQ#` lines uncommented, print formatted in the
kernel and uncaught exceptions reported as the testbench does); ARTIQ's sources are then only
read for the programs.

A program behaves when its exit status is the one its RUN line expects (non-zero under %not)
and its output passes the program's CHECK-L / CHECK-NEXT-L / CHECK-NOT-L lines, read as
OutputCheck reads them (literal text, in order; ${LINE}, ${LINE:+N} for the directive's line).
Prints one line per program and the counts. Written for coredev (no ARTIQ or OutputCheck code)."""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRECTIVE = re.compile(r"#\s*(CHECK-L|CHECK-NEXT-L|CHECK-NOT-L):\s?(.*)$")
LINE_VAR = re.compile(r"\$\{LINE(?::([+-]\d+))?\}")


def directives(source_lines):
    out = []
    for number, text in enumerate(source_lines, 1):
        m = DIRECTIVE.search(text)
        if m:
            literal = LINE_VAR.sub(lambda v: str(number + int(v.group(1) or 0)), m.group(2).rstrip())
            out.append((m.group(1), literal, number))
    return out


def check(output, checks):
    """None if the output passes, else why not."""
    lines = output.splitlines()
    position = 0          # the first line a CHECK-L may match
    last = None           # the line the previous positive check matched
    pending_not = []
    for kind, literal, number in checks:
        if kind == "CHECK-NOT-L":
            pending_not.append((literal, number))
            continue
        if kind == "CHECK-NEXT-L":
            if last is None or last + 1 >= len(lines) or literal not in lines[last + 1]:
                return "line %d: CHECK-NEXT-L %r not on the next line" % (number, literal)
            found = last + 1
        else:
            found = next((i for i in range(position, len(lines)) if literal in lines[i]), None)
            if found is None:
                return "line %d: CHECK-L %r not found" % (number, literal)
        for text, not_number in pending_not:
            if any(text in l for l in lines[position:found]):
                return "line %d: CHECK-NOT-L %r found" % (not_number, text)
        pending_not = []
        last, position = found, found + 1
    for text, not_number in pending_not:
        if any(text in l for l in lines[position:]):
            return "line %d: CHECK-NOT-L %r found" % (not_number, text)
    return None


def main():
    args = sys.argv[1:]
    own = "--own" in args
    args = [a for a in args if a != "--own"]
    artiq = os.path.abspath(args[0])
    limit = float(args[1]) if len(args) > 1 else 60
    command = [os.path.join(ROOT, "coredev"), "run"]
    command += ["--testbench"] if own else ["--artiq", "--testbench"]
    lit = os.path.join(artiq, "artiq", "test", "lit")
    programs = []
    for folder, _, files in sorted(os.walk(lit)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.endswith(".py") and "testbench.jit" in open(path, encoding="utf-8").read():
                programs.append(path)
    behaved = 0
    scratch = tempfile.mkdtemp(prefix="coredev-lit-")
    for path in sorted(programs):
        source = open(path, encoding="utf-8").read().splitlines()
        runs = [l for l in source if "RUN:" in l and "testbench.jit" in l]
        expect_failure = any("%not" in l for l in runs)
        try:
            run_path = path
            # The JIT testbench reads its program as input.py.
            folder = os.path.join(scratch, str(len(os.listdir(scratch))))
            os.mkdir(folder)
            run_path = os.path.join(folder, "input.py")
            with open(run_path, "w", encoding="utf-8") as f:
                f.write("\n".join(source) + "\n")
            r = subprocess.run(command + [run_path], capture_output=True,
                               text=True, timeout=limit, stdin=subprocess.DEVNULL)
            status, output, errors = r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired:
            status, output, errors = None, "", "timed out after %g s" % limit
        name = os.path.relpath(path, lit)
        why = None
        if status is None:
            why = errors
        elif (status != 0) != expect_failure:
            last = [l for l in (errors or output).splitlines() if l.strip()]
            why = "exit status %d%s: %s" % (status, " (expected non-zero)" if expect_failure else "",
                                            last[-1][:150] if last else "")
        else:
            why = check(output + errors if expect_failure else output, directives(source))
        if why is None:
            behaved += 1
            print("OK    %s" % name)
        else:
            print("FAIL  %s  %s" % (name, why))
        sys.stdout.flush()
    print("programs: %d  behaved: %d  failed: %d" % (len(programs), behaved, len(programs) - behaved))


if __name__ == "__main__":
    main()
