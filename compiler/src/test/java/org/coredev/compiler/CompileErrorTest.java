package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad kernel source ends in a CompileException that names the place and what is wrong. */
class CompileErrorTest {
    private static CompileException error(String source) {
        return assertThrows(CompileException.class, () -> Compiler.compileProgram("bad.py", source, Target.RV32G));
    }

    @Test
    void mixingInt32AndInt64NamesBothTypes() {
        CompileException e = error("x = int64(1)\ny = int32(2)\nz = x + y\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("bad.py:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("int64") && e.getMessage().contains("int32"), e.getMessage());
    }

    @Test
    void reassigningAVariableWithAnotherTypeNamesBothTypes() {
        CompileException e = error("x = 1\nx = 2.5\n");
        assertTrue(e.getMessage().matches("bad\\.py:2:\\d+: .*'x'.*int.*float"), e.getMessage());
    }

    @Test
    void callWithWrongArgumentTypeNamesTheParameter() {
        CompileException e = error("def f(a):\n    return a\nf(1)\nf(True)\n");
        assertTrue(e.getMessage().startsWith("bad.py:4:3:") && e.getMessage().contains("'a'")
                && e.getMessage().contains("bool"), e.getMessage());
    }

    @Test
    void undefinedNameIsReported() {
        CompileException e = error("print(y)\n");
        assertEquals("bad.py:1:7: name 'y' is not defined", e.getMessage());
    }

    @Test
    void syntaxErrorBecomesCompileException() {
        CompileException e = error("x = (1,\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().startsWith("bad.py:1:"), e.getMessage());
    }

    @Test
    void unsupportedStatementIsNamed() {
        CompileException e = error("with x:\n    pass\n");
        assertEquals("bad.py:1:1: with is not supported in kernels yet", e.getMessage());
    }

    @Test
    void nestedTupleTargetIsRefusedNotCrashing() {
        CompileException e = error("(a, b), c = (1, 2), 3\n");
        assertEquals("bad.py:1:1: only simple variables can be assigned to yet (not a tuple)", e.getMessage());
    }

    @Test
    void exceptClauseNamingAnUnknownExceptionIsRefused() {
        CompileException e = error("try:\n    pass\nexcept KeyboardInterrupt:\n    pass\n");
        assertTrue(e.getMessage().startsWith("bad.py:3:8:") && e.getMessage().contains("RTIOUnderflow"), e.getMessage());
    }

    @Test
    void parameterUsedAsANumberButCalledWithAStringIsRefused() {
        CompileException e = error("def neg(x):\n    return -x\nneg(\"s\")\n");
        assertTrue(e.getMessage().startsWith("bad.py:2:12:") && e.getMessage().contains("str"), e.getMessage());
    }
}
