"""What scripts/artiq-experiments.sh needs to know of an experiment file, read from its syntax tree.

    python3 experiment_classes.py classes FILE public|private
        the file's experiment classes as ARTIQ's master finds them: classes deriving from an
        Experiment, directly or through another class of the file. "public" gives those the
        master lists (not starting with "_"), "private" the others (test fixtures, payloads).
    python3 experiment_classes.py users FILE
        for each experiment class a unittest test of the file uses, one line
        "CLASS TEST_ID...": the test methods that name it, themselves, in their test case's
        setUp or through the helper methods of their test case they call, or through a class
        of the file that builds it as a child (then that class's tests), with ids as unittest gives them
        (module.TestCase.test_x).
"""
import ast
import os
import sys


def base_name(node):
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def experiment_classes(tree):
    experiments = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
                base_name(b) in ("EnvExperiment", "Experiment") or base_name(b) in experiments for b in node.bases):
            experiments.append(node.name)
    return experiments


def users(tree, module):
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def lineage(c):   # the class and its bases defined in the file
        out, todo = [], [c]
        while todo:
            c = todo.pop()
            out.append(c)
            todo += [classes[base_name(b)] for b in c.bases if base_name(b) in classes]
        return out

    def is_case(c):
        return any(base_name(b) in ("TestCase", "ExperimentCase") for k in lineage(c) for b in k.bases)

    experiments = set(experiment_classes(tree))
    found = {}
    for case in (c for c in classes.values() if is_case(c)):
        methods = {m.name: m for k in reversed(lineage(case)) for m in k.body if isinstance(m, ast.FunctionDef)}
        for test in sorted(m for m in methods if m.startswith("test")):
            seen, todo, names = set(), [test, "setUp"], set()   # setUp makes what tests use too
            while todo:
                m = todo.pop()
                if m in seen or m not in methods:
                    continue
                seen.add(m)
                for node in ast.walk(methods[m]):
                    if isinstance(node, ast.Name):
                        names.add(node.id)
                    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                        todo.append(node.attr)
            for name in sorted(names & experiments):
                found.setdefault(name, []).append("%s.%s.%s" % (module, case.name, test))
    # A class another experiment class names (a child it builds, as _Pulses builds _PulseLogger)
    # is used by that class's tests too.
    for name in sorted(experiments - found.keys()):
        for parent in sorted(found):
            if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(classes[parent])):
                found.setdefault(name, []).extend(t for t in found[parent] if t not in found.get(name, []))
    return found


def main():
    command, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    if command == "classes":
        private = sys.argv[3] == "private"
        for name in experiment_classes(tree):
            if name.startswith("_") == private:
                print(name)
    elif command == "users":
        module = os.path.splitext(os.path.basename(path))[0]
        for name, tests in sorted(users(tree, module).items()):
            print(name, *tests)
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
