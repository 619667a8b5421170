"""Prints ast.dump(stmt, include_attributes=True) of every top-level statement of each file.

Usage: python3 dump_positions.py FILE...   Output: "# python X.Y.Z", then for each file
"FILE <path>" and one line per statement.
Positions of f-string parts (the values of a JoinedStr and a FormattedValue's format_spec)
are removed first: CPython 3.11 gives them the whole string's span, 3.12 their own, so they
are not compared. Used by PositionComparisonTest.
"""
import ast
import sys
import warnings

warnings.simplefilter("ignore")
ATTRS = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def strip(node):
    for a in ATTRS:
        if hasattr(node, a):
            delattr(node, a)


print("# python %d.%d.%d" % sys.version_info[:3])
for path in sys.argv[1:]:
    with open(path, "rb") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            for v in node.values:
                strip(v)
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            strip(node.format_spec)
    print("FILE " + path)
    for stmt in tree.body:
        print(ast.dump(stmt, include_attributes=True))
