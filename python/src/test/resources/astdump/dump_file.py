"""Prints "# python X.Y.Z" and then ast.dump of each top-level statement of the file given.

Used by AstDumpComparisonTest when a sampled standard-library file differs from the one the
committed dump was made from (another Python version on the machine).
"""
import ast
import sys
import warnings

warnings.simplefilter("ignore")
print("# python %d.%d.%d" % sys.version_info[:3])
with open(sys.argv[1], "rb") as fh:
    tree = ast.parse(fh.read())
for stmt in tree.body:
    print(ast.dump(stmt))
