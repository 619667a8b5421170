package org.coredev.python.eval;

import org.coredev.python.ast.Span;

/**
 * A Python exception in flight inside the evaluator (what {@code raise} throws and
 * {@code except} catches). It never leaves the evaluator: at the top it becomes a
 * {@link org.coredev.python.ParseException} naming the place where it was raised.
 */
public final class PyRaise extends RuntimeException {
    /** The exception instance (an instance of a subclass of BaseException). */
    public final PyInstance exception;
    /** Where it was raised; filled in by the innermost expression or statement that saw it. */
    Span span;
    /** The file of {@link #span}. */
    org.coredev.python.lexer.Source source;

    public PyRaise(PyInstance exception) {
        super(null, null, false, false);
        this.exception = exception;
    }

    /** Makes an exception of a built-in class with a message. */
    public static PyRaise of(PyClass cls, String message) {
        PyInstance e = new PyInstance(cls);
        e.attrs.put("args", message == null ? PyTuple.EMPTY : PyTuple.of(message));
        return new PyRaise(e);
    }

    /** Replaces the exception's args with one value (KeyError carries the missing key). */
    public PyRaise withArg(Object arg) {
        exception.attrs.put("args", PyTuple.of(arg));
        return this;
    }

    /** TypeError with a message. */
    public static PyRaise typeError(String m) { return of(Types.TYPE_ERROR, m); }

    /** ValueError with a message. */
    public static PyRaise valueError(String m) { return of(Types.VALUE_ERROR, m); }

    /** "ExcName: message" as Python prints the last line of a traceback. */
    @Override public String getMessage() {
        Object args = exception.attrs.get("args");
        String msg = "";
        if (args instanceof PyTuple t && t.items().size() == 1) {
            msg = exception.cls.isSubclassOf(Types.KEY_ERROR) ? Py.repr(t.items().get(0)) : Py.str(t.items().get(0));
        } else if (args instanceof PyTuple t && !t.items().isEmpty()) {
            msg = Py.repr(t);
        }
        return exception.cls.name + (msg.isEmpty() ? "" : ": " + msg);
    }
}
