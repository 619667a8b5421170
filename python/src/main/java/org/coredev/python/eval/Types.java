package org.coredev.python.eval;

import java.util.List;


/** The built-in types and exception classes as {@link PyClass} objects. */
public final class Types {
    private Types() { }

    private static PyClass type(String name, PyClass base, PyBuiltin.Fn ctor) {
        return new PyClass(name, base == null ? List.of() : List.of(base), null, ctor);
    }

    private static PyClass exc(String name, PyClass base) {
        return new PyClass(name, List.of(base), null, null);
    }

    public static final PyClass OBJECT = type("object", null, (in, a, k) -> new PyInstance(Types.OBJECT));
    public static final PyClass TYPE = type("type", OBJECT, (in, a, k) -> {
        if (a.size() != 1) throw PyRaise.typeError("type() takes 1 argument");
        return Py.typeOf(a.get(0));
    });
    public static final PyClass INT = type("int", OBJECT, Constructors::toInt);
    public static final PyClass BOOL = type("bool", INT, (in, a, k) -> !a.isEmpty() && in.truthy(a.get(0)));
    public static final PyClass FLOAT = type("float", OBJECT, Constructors::toFloat);
    public static final PyClass STR = type("str", OBJECT, (in, a, k) -> a.isEmpty() ? "" : in.str(a.get(0)));
    public static final PyClass LIST = type("list", OBJECT, (in, a, k) -> a.isEmpty() ? new PyList() : new PyList(in.toList(a.get(0))));
    public static final PyClass TUPLE = type("tuple", OBJECT, (in, a, k) -> a.isEmpty() ? PyTuple.EMPTY : new PyTuple(in.toList(a.get(0))));
    public static final PyClass DICT = type("dict", OBJECT, Constructors::toDict);
    public static final PyClass SET = type("set", OBJECT, (in, a, k) -> Constructors.toSet(in, a, false));
    public static final PyClass FROZENSET = type("frozenset", OBJECT, (in, a, k) -> Constructors.toSet(in, a, true));
    public static final PyClass RANGE = type("range", OBJECT, Constructors::toRange);
    public static final PyClass SLICE = type("slice", OBJECT, (in, a, k) -> switch (a.size()) {
        case 1 -> new PySlice(PyNone.NONE, a.get(0), PyNone.NONE);
        case 2 -> new PySlice(a.get(0), a.get(1), PyNone.NONE);
        case 3 -> new PySlice(a.get(0), a.get(1), a.get(2));
        default -> throw PyRaise.typeError("slice expected 1 to 3 arguments");
    });
    public static final PyClass NONE_TYPE = type("NoneType", OBJECT, null);
    public static final PyClass FUNCTION = type("function", OBJECT, null);
    public static final PyClass BUILTIN_FUNCTION = type("builtin_function_or_method", OBJECT, null);
    public static final PyClass METHOD = type("method", OBJECT, null);
    public static final PyClass MODULE = type("module", OBJECT, null);
    public static final PyClass ITERATOR = type("iterator", OBJECT, null);
    public static final PyClass STATICMETHOD = type("staticmethod", OBJECT, (in, a, k) -> new PyDescriptor.StaticMethod(a.get(0)));
    public static final PyClass CLASSMETHOD = type("classmethod", OBJECT, (in, a, k) -> new PyDescriptor.ClassMethod(a.get(0)));
    public static final PyClass PROPERTY = type("property", OBJECT,
            (in, a, k) -> new PyDescriptor.Property(a.isEmpty() ? PyNone.NONE : a.get(0), a.size() > 1 ? a.get(1) : PyNone.NONE));

    public static final PyClass BASE_EXCEPTION = type("BaseException", OBJECT, null);
    public static final PyClass EXCEPTION = exc("Exception", BASE_EXCEPTION);
    public static final PyClass ARITHMETIC_ERROR = exc("ArithmeticError", EXCEPTION);
    public static final PyClass ZERO_DIVISION_ERROR = exc("ZeroDivisionError", ARITHMETIC_ERROR);
    public static final PyClass OVERFLOW_ERROR = exc("OverflowError", ARITHMETIC_ERROR);
    public static final PyClass LOOKUP_ERROR = exc("LookupError", EXCEPTION);
    public static final PyClass KEY_ERROR = exc("KeyError", LOOKUP_ERROR);
    public static final PyClass INDEX_ERROR = exc("IndexError", LOOKUP_ERROR);
    public static final PyClass VALUE_ERROR = exc("ValueError", EXCEPTION);
    public static final PyClass TYPE_ERROR = exc("TypeError", EXCEPTION);
    public static final PyClass NAME_ERROR = exc("NameError", EXCEPTION);
    public static final PyClass ATTRIBUTE_ERROR = exc("AttributeError", EXCEPTION);
    public static final PyClass RUNTIME_ERROR = exc("RuntimeError", EXCEPTION);
    public static final PyClass NOT_IMPLEMENTED_ERROR = exc("NotImplementedError", RUNTIME_ERROR);
    public static final PyClass RECURSION_ERROR = exc("RecursionError", RUNTIME_ERROR);
    public static final PyClass IMPORT_ERROR = exc("ImportError", EXCEPTION);
    public static final PyClass MODULE_NOT_FOUND_ERROR = exc("ModuleNotFoundError", IMPORT_ERROR);
    public static final PyClass ASSERTION_ERROR = exc("AssertionError", EXCEPTION);
    public static final PyClass STOP_ITERATION = exc("StopIteration", EXCEPTION);
    public static final PyClass MEMORY_ERROR = exc("MemoryError", EXCEPTION);
    public static final PyClass UNBOUND_LOCAL_ERROR = exc("UnboundLocalError", NAME_ERROR);

    /** Every built-in class by name, for the builtins namespace. */
    public static final List<PyClass> ALL = List.of(OBJECT, TYPE, INT, BOOL, FLOAT, STR, LIST, TUPLE, DICT, SET,
            FROZENSET, RANGE, SLICE, STATICMETHOD, CLASSMETHOD, PROPERTY, BASE_EXCEPTION, EXCEPTION, ARITHMETIC_ERROR,
            ZERO_DIVISION_ERROR, OVERFLOW_ERROR, LOOKUP_ERROR, KEY_ERROR, INDEX_ERROR, VALUE_ERROR, TYPE_ERROR,
            NAME_ERROR, ATTRIBUTE_ERROR, RUNTIME_ERROR, NOT_IMPLEMENTED_ERROR, RECURSION_ERROR, IMPORT_ERROR,
            MODULE_NOT_FOUND_ERROR, ASSERTION_ERROR, STOP_ITERATION, MEMORY_ERROR, UNBOUND_LOCAL_ERROR);

}
