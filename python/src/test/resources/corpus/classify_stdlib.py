"""Lists every .py file under a directory with CPython's verdict on it.

Usage: python3 classify_stdlib.py DIR
Prints one line per file, sorted: "OK <path>" if ast.parse accepts the file's bytes,
"BAD <path>" if it raises SyntaxError (or ValueError for undecodable source).
The first line is "PYTHON <major>.<minor>.<micro>". Used by StdlibCorpusTest.
"""
import ast
import os
import sys
import warnings

warnings.simplefilter("ignore")
root = sys.argv[1]
print("PYTHON %d.%d.%d" % sys.version_info[:3])
paths = []
for d, dirs, files in os.walk(root):
    dirs.sort()
    for f in files:
        if f.endswith(".py"):
            paths.append(os.path.join(d, f))
paths.sort()
out = []
for path in paths:
    try:
        with open(path, "rb") as fh:
            src = fh.read()
        ast.parse(src, path)
        out.append("OK " + path)
    except (SyntaxError, ValueError, UnicodeError):
        out.append("BAD " + path)
sys.stdout.write("\n".join(out) + "\n")
