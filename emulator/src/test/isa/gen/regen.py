#!/usr/bin/env python3
"""Regenerates the table sections of the ISA tests: the lines between
"/* BEGIN TABLE: gen/<script> <arg> ..." and "/* END TABLE */" in each .S
file are replaced by the output of that script. Then rebuild with
../build.sh and check with ../run-qemu.sh."""
import os, pathlib, re, subprocess, sys

HERE = pathlib.Path(__file__).resolve().parent
ISA = HERE.parent
BEGIN = re.compile(r'^  /\* BEGIN TABLE: gen/(\S+) (\S+) ')
END = '  /* END TABLE */\n'

def regen(path):
    lines = path.read_text().splitlines(keepends=True)
    out, i = [], 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        out.append(lines[i])
        i += 1
        if not m:
            continue
        end = lines.index(END, i)
        table = subprocess.run([sys.executable, str(HERE / m.group(1)), m.group(2)],
                               check=True, capture_output=True, text=True, cwd=HERE,
                               env={**os.environ, 'PYTHONDONTWRITEBYTECODE': '1'}).stdout
        out.append(table)
        i = end
    new = ''.join(out)
    if new != path.read_text():
        path.write_text(new)
        print(f'updated {path.name}')

for src in sorted(ISA.glob('*.S')):
    regen(src)
