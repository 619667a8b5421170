package org.coredev.compiler.experiment;

import java.util.List;
import java.util.Map;
import org.coredev.python.ParseException;
import org.coredev.python.eval.Interpreter;
import org.coredev.python.eval.PyInstance;

/**
 * The experiment object build() created, living in its host evaluator: the kernel's RPCs call
 * its methods ({@link ExperimentHost}), attribute writeback sets its attributes, and the caller
 * may read them or call a host method (e.g. {@code analyze}) after the kernel.
 */
public final class ExperimentInstance {
    private final Interpreter interpreter;
    private final PyInstance instance;

    ExperimentInstance(Interpreter interpreter, PyInstance instance) {
        this.interpreter = interpreter;
        this.instance = instance;
    }

    /** The evaluator the host code runs on. */
    public Interpreter interpreter() { return interpreter; }

    /** The experiment instance. */
    public PyInstance instance() { return instance; }

    /**
     * An attribute of the instance as an evaluator value (Long, Double, Boolean, String, PyList,
     * PyTuple, PyNone ...); a missing attribute is a ParseException naming it.
     */
    public Object attribute(String name) {
        try {
            return interpreter.getAttr(instance, name);
        } catch (ParseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ParseException("<host>", 0, 0, null, "AttributeError: experiment has no attribute '%s'".formatted(name));
        }
    }

    /** Calls a method of the experiment without arguments (e.g. analyze); Python errors are ParseExceptions. */
    public Object callMethod(String name) {
        return interpreter.callFromHost(attribute(name), List.of(), Map.of());
    }

    /** Python's repr() of a value of this evaluator. */
    public String repr(Object value) { return interpreter.repr(value); }
}
