package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Errors of the slice 2 constructs (lists, tuples, keywords, defaults, globals, raise) name the
 * place and both types; an integer literal's width not fixed yet shows as int.
 */
class LanguageErrorTest {
    private static String error(String source) {
        return assertThrows(CompileException.class, () -> Compiler.compileProgram("bad.py", source, Target.RV32G)).getMessage();
    }

    @Test
    void strOfANumberIsRefusedNamingItsType() {
        assertEquals("bad.py:1:11: str() of float: only of strings and of caught exceptions ('except X as e') yet", error("print(str(1.5))\n"));
    }

    @Test
    void exceptAsNameHoldsAnExceptionNotANumber() {
        assertEquals("bad.py:4:9: type mismatch in 'e': int vs Exception",
                error("try:\n    pass\nexcept ValueError as e:\n    e = 1\n"));
    }

    @Test
    void sequenceOperatorsNeedMatchingOperands() {
        assertEquals("bad.py:1:5: a list is repeated by an int32 count, not float",
                error("x = [0] * 1.5\n"));
        assertEquals("bad.py:1:7: unsupported operand types for *: str and int", error("print(\"ab\" * 3)\n"));
        assertEquals("bad.py:1:7: unsupported operand types for +: list(elt=int) and (int,)", error("print([1] + (2,))\n"));
        assertEquals("bad.py:1:7: type mismatch in operands of +: list(elt=int) vs list(elt=float)", error("print([1] + [2.5])\n"));
        assertEquals("bad.py:1:13: ordering lists or tuples is not supported yet (list(elt=int) < list(elt=int))", error("print([1] < [2])\n"));
    }

    @Test
    void aStrBuiltInAFunctionDoesNotLeaveItsFrame() {
        assertEquals("bad.py:3:12: a str built in f() cannot be returned: its bytes live in that function's frame, gone when it returns",
                error("def f(a):\n    t = (1, a + \"!\")\n    return t\nprint(f(\"x\"))\n"));
        assertEquals("bad.py:4:9: a str built in f() cannot be stored in module variable 'g': its bytes live in that function's "
                + "frame, gone when it returns", error("g = \"\"\ndef f(a):\n    global g\n    g = a + \"!\"\nf(\"x\")\n"));
        assertEquals("bad.py:2:16: a str built in f() cannot be stored in a list from outside it: its bytes live in that "
                + "function's frame, gone when it returns", error("def f(names, a):\n    names[0] = a + a\nf([\"x\"], \"y\")\n"));
    }

    @Test
    void kernelClassesHoldNoDataOfTheirOwn() {
        assertEquals("bad.py:2:5: __init__ in a kernel class is not supported yet: its instances hold no data of their own",
                error("class C:\n    def __init__(self):\n        pass\nC()\n"));
        assertEquals("bad.py:3:7: an instance of C cannot be printed or passed to the host", error("class C:\n    a = 1\nprint(C())\n"));
        assertEquals("bad.py:3:14: 'is' on instances of kernel classes is not supported (they hold no data to tell them apart)",
                error("class C:\n    a = 1\nprint(C() is C())\n"));
        assertEquals("bad.py:3:7: class C has no attribute 'b'", error("class C:\n    a = 1\nprint(C.b)\n"));
        assertEquals("bad.py:3:7: class C has no method 'm'", error("class C:\n    a = 1\nprint(C().m())\n"));
        assertEquals("bad.py:2:9: a kernel class attribute is a constant here (a number, bool, str, None or a tuple of them)",
                error("class C:\n    a = [1]\n"));
        assertEquals("bad.py:4:5: a method of C is called, not used as a value: C.m(...)",
                error("class C:\n    def m(self):\n        return 1\nx = C.m\n"));
        assertEquals("bad.py:4:5: an __exit__ that returns a value (to swallow the exception) is not supported",
                error("class C:\n    def __enter__(self):\n        pass\n    def __exit__(self, a, b, c):\n        return True\nwith C():\n    pass\n"));
    }

    @Test
    void unsupportedConstructsAreNamedAsPythonNamesThem() {
        assertEquals("bad.py:1:6: a set comprehension is not supported in kernels yet", error("xs = {i for i in range(3)}\n"));
        assertEquals("bad.py:1:7: a lambda is supported only assigned to a name yet, as a statement of a function or the module: "
                + "f = lambda x: x + 1", error("print(lambda x: x)\n"));
        assertEquals("bad.py:1:1: with is not supported in kernels yet", error("with open('f') as f:\n    pass\n"));
    }

    @Test
    void aListBuiltInAFunctionCannotBeStoredInAModuleVariable() {
        assertEquals("bad.py:4:9: a list built in f() cannot be stored in module variable 'g': its elements live in that "
                + "function's frame, gone when it returns (ARTIQ refuses it too)",
                error("g = [0]\ndef f():\n    global g\n    g = [1, 2]\nf()\n"));
        assertEquals("bad.py:4:9: a list built in f() cannot be stored in module variable 'g': its elements live in that "
                + "function's frame, gone when it returns (ARTIQ refuses it too)",
                error("g = ([0], 1)\ndef f(x):\n    global g\n    g = (x, 2)\nf([5])\n"), "a tuple holding a list parameter");
        assertEquals("bad.py:3:12: a list built in f() cannot be stored in an element of 'r', a list from outside it: its "
                + "elements live in that function's frame, gone when it returns (ARTIQ refuses it too)",
                error("rows = [[0], [1]]\ndef f(r):\n    r[0] = [7]\nf(rows)\n"));
    }

    @Test
    void lenOfANumberIsRefused() {
        assertEquals("bad.py:1:9: len() of float (lists, tuples, strings, ranges and arrays have a length)", error("n = len(1.5)\n"));
    }

    @Test
    void aLambdaIsAssignedToANameAsAStatement() {
        String message = "a lambda is supported only assigned to a name yet, as a statement of a function or the module: f = lambda x: x + 1";
        assertEquals("bad.py:3:10: " + message, error("def ap(x):\n    return x\nprint(ap(lambda y: y))\n"));
        assertEquals("bad.py:3:9: " + message, error("f = 1\nif f:\n    g = lambda x: x\n"), "inside an if");
    }

    @Test
    void slicesAreOfListsWithAnInt32Step() {
        assertEquals("bad.py:2:9: type mismatch in slice step: float vs int32", error("a = [1, 2, 3]\nb = a[::1.5]\n"));
        assertEquals("bad.py:2:9: slice step cannot be zero", error("a = [1, 2, 3]\nb = a[::0]\n"));
        assertEquals("bad.py:2:5: only lists can be sliced yet, not (int, int)", error("t = (1, 2)\nu = t[1:]\n"));
        assertEquals("bad.py:2:9: type mismatch in list element: list(elt=int) vs list(elt=float)",
                error("a = [1, 2, 3]\na[1:] = [5.5, 6.5]\n"));
    }

    @Test
    void listComprehensionsTakeOneFor() {
        assertEquals("bad.py:1:6: a list comprehension takes one 'for' yet", error("xs = [i for i in range(3) for j in range(2)]\n"));
        assertEquals("bad.py:1:18: for loops go over range(...), a list or an array, not int", error("xs = [i for i in 5]\n"));
    }

    @Test
    void stringsCompareForEqualityButNotForOrder() {
        assertEquals("bad.py:1:13: '<' not supported between str and str", error("print(\"a\" < \"b\")\n"));
    }

    @Test
    void listElementsOfTwoTypesNameBoth() {
        assertEquals("bad.py:1:9: type mismatch in list elements: int vs float", error("x = [1, 2.5]\n"));
    }

    @Test
    void assigningAListOfAnotherElementTypeNamesBothListTypes() {
        assertEquals("bad.py:2:5: type mismatch in 'x': list(elt=int) vs list(elt=float)", error("x = [1]\nx = [2.5]\n"));
    }

    @Test
    void indexingAnIntIsRefused() {
        assertEquals("bad.py:2:7: int is not subscriptable (lists and tuples are)", error("x = 3\nprint(x[0])\n"));
    }

    @Test
    void tupleIndexOutOfRangeIsACompileError() {
        assertEquals("bad.py:2:9: tuple index 2 out of range for (int, float)", error("t = (1, 2.0)\nprint(t[2])\n"));
    }

    @Test
    void unpackingATupleIntoTheWrongCountIsRefused() {
        assertEquals("bad.py:2:11: cannot unpack (int, int) into 3 variables", error("t = (1, 2)\na, b, c = t\n"));
    }

    @Test
    void returningAListIsRefused() {
        assertEquals("bad.py:2:12: a list cannot be returned: its elements live in the frame of the function that built it "
                + "(a module variable's list can be)", error("def f():\n    return [1, 2]\nf()\n"));
    }

    @Test
    void emptyListWhoseTypeIsNeverKnownIsReported() {
        assertEquals("bad.py:1:1: cannot infer the type of 'x'", error("x = []\n"));
    }

    @Test
    void unknownKeywordArgumentIsNamed() {
        assertEquals("bad.py:3:6: f() got an unexpected keyword argument 'c'", error("def f(a, b=1):\n    pass\nf(1, c=2)\n"));
    }

    @Test
    void missingArgumentWithoutDefaultIsNamed() {
        assertEquals("bad.py:3:1: f() missing required argument 'a'", error("def f(a, b=1):\n    pass\nf(b=2)\n"));
    }

    @Test
    void nonConstantDefaultIsRefused() {
        assertEquals("bad.py:2:12: a parameter's default must be a constant expression", error("y = 1\ndef f(a, b=y):\n    pass\nf(1)\n"));
    }

    @Test
    void bareRaiseOutsideAnExceptClauseIsRefused() {
        assertEquals("bad.py:1:1: a bare 'raise' re-raises only inside an except clause", error("raise\n"));
    }

    @Test
    void globalOfANameTheModuleNeverAssignsIsRefused() {
        assertEquals("bad.py:2:5: 'global z': the module assigns no variable 'z'", error("def f():\n    global z\n    z = 1\nf()\n"));
    }

    @Test
    void readingAnUndefinedNameInAFunctionSaysItIsNoModuleVariable() {
        assertEquals("bad.py:2:12: name 'q' is not defined in f() (nor a module variable)", error("def f():\n    return q\nf()\n"));
    }

    @Test
    void roundOfAStringIsRefused() {
        assertEquals("bad.py:1:7: round() argument must be a number, not str", error("round(\"x\")\n"));
    }

    @Test
    void aClassWithABaseThatIsNotAnExceptionIsRefused() {
        assertEquals("bad.py:3:1: a class in kernels is an exception class, 'class Point(Exception): pass', or a class without "
                + "bases holding constant attributes and methods", error("class Base:\n    x = 1\nclass Point(Base):\n    x = 1\n"));
    }

    @Test
    void anExceptionClassNameCannotBeDefinedTwice() {
        assertEquals("bad.py:3:1: class name 'E' is taken", error("class E(Exception):\n    pass\nclass E(E):\n    pass\n"));
    }

    @Test
    void exceptNamesAnExceptionClass() {
        assertEquals("bad.py:3:8: except catches exception classes only (built-in ones, e.g. AssertionError, AttributeError, "
                        + "CacheError, DMAError, I2CError, IOError, IndexError, KeyError, NotImplementedError, OverflowError, "
                        + "RTIODestinationUnreachable, RTIOOverflow, RTIOUnderflow, RuntimeError, SPIError, SubkernelError, "
                        + "TimeoutError, TypeError, ValueError, ZeroDivisionError, or the program's own)",
                error("try:\n    pass\nexcept Missing:\n    pass\n"));
    }

    @Test
    void nonlocalInANestedFunctionIsRefused() {
        assertEquals("bad.py:4:9: nonlocal is not supported (an inner function reads the enclosing variables only)",
                error("def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n    g()\nf()\n"));
    }

    @Test
    void aNestedFunctionUsedAsAValueIsRefused() {
        assertEquals("bad.py:4:9: name 'g' is not defined in f() (nor a module variable)", error("def f():\n    def g():\n        return 1\n    h = g\n    return h()\nprint(f())\n"));
    }

    @Test
    void arraysRefuseWhatNumpyOrArtiqWouldNotDo() {
        assertEquals("bad.py:2:4: an array has no truth value (test len(a) or its elements)", error("a = array([1, 2])\nif a:\n    pass\n"));
        assertEquals("bad.py:2:12: arrays cannot be compared with == (numpy would give an array of bools; compare elements)",
                error("a = array([1, 2])\nprint(a == a)\n"));
        assertEquals("bad.py:3:7: operands could not be broadcast together: numpy.array(elt=int, num_dims=1) and "
                + "numpy.array(elt=int, num_dims=2) (one shape, or an array and a number)", error("a = array([1, 2])\nb = array([[1], [2]])\nprint(a + b)\n"));
        assertEquals("bad.py:2:13: arrays are sliced with step 1 only (a[lo:hi]), as ARTIQ's kernels", error("a = array([1, 2])\nprint(a[0:2:2])\n"));
        assertEquals("bad.py:2:9: too many indices for numpy.array(elt=int, num_dims=2): 3", error("a = array([[1, 2]])\nprint(a[0, 0, 0])\n"));
        assertEquals("bad.py:2:1: only single elements of an array can be assigned to (a[i] = v with one index per dimension), not a part "
                + "of numpy.array(elt=int, num_dims=2)", error("a = array([[1, 2]])\na[0] = 3\n"));
        assertEquals("bad.py:2:1: type mismatch in augmented assignment to 'a': numpy.array(elt=int, num_dims=1) vs "
                + "numpy.array(elt=float, num_dims=1)", error("a = array([1, 2])\na /= 2\n"));
        assertEquals("bad.py:2:12: an array cannot be returned: its elements live in the frame of the function that built it "
                + "(a module variable's array can be)", error("def f():\n    return array([1])\nprint(f())\n"));
        assertEquals("bad.py:1:13: array() takes a list (of numbers, or of lists or arrays for more dimensions) or an array, not str",
                error("print(array(\"ab\"))\n"));
        assertEquals("bad.py:2:7: unsupported operand types for @: numpy.array(elt=float, num_dims=1) and int (@ takes two arrays of 1 "
                + "or 2 dimensions)", error("a = array([1.5])\nprint(a @ 2)\n"));
    }

    @Test
    void comprehensionVariablesHaveTheirOwnScope() {
        // Python 3 scoping: x is an int in one comprehension and a list in the other; messages show the name as written.
        assertEquals("bad.py:2:7: name 'x' is not defined", error("print([x for x in [1]])\nprint(x)\n"));
    }

    @Test
    void aCaughtExceptionDoesNotLeaveItsFrame() {
        assertEquals("bad.py:5:16: a caught exception built in f() cannot be returned: its bytes live in that function's frame, gone "
                + "when it returns", error("def f(x):\n    try:\n        x = 1 // x\n    except ZeroDivisionError as e:\n        return e\n"
                + "    raise ValueError(\"no\")\nprint(f(0))\n"));
    }

    @Test
    void aLambdaPassedAsAnArgumentReadsNoLocalsOfItsFunction() {
        assertEquals("bad.py:4:18: a lambda passed as an argument reads 'k', a local of the function it is in: it may read its parameters "
                + "and module variables only", error("def apply(f):\n    return f()\ndef g(k):\n    return apply(lambda: k + 1)\nprint(g(2))\n"));
    }
}
