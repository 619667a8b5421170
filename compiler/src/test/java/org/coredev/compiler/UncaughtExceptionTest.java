package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.coredev.emu.device.KernelOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A raised exception reaches the host as the board reports it: name, message from the exception
 * object, and a backtrace the runtime's unwinder walks through every frame with the CFI of the
 * image's .eh_frame.
 */
class UncaughtExceptionTest {
    @ParameterizedTest
    @EnumSource(Target.class)
    void backtraceWalksEveryKernelFrame(Target target) throws Exception {
        Path file = Path.of("src/test/resources/programs/deep_raise.py");
        byte[] elf = Compiler.compileProgram("deep_raise.py", Files.readString(file), target);
        var run = new java.util.concurrent.atomic.AtomicReference<KernelOutcome>();
        KernelRunner.Result r = KernelRunner.runOnDevice("deep_raise.py", elf, target, run::set);
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run.get(), r.detail());
        assertEquals("AssertionError", u.name());
        assertEquals("k too large", u.message());
        List<String> functions = u.backtrace().stream().map(f -> f.replaceAll(".*<([^+>]*).*", "$1")).toList();
        assertEquals(List.of("inner", "middle", "outer", "__modinit__"), functions, u.backtrace().toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void zeroDivisionCarriesArtiqsMessage(Target target) throws Exception {
        byte[] elf = Compiler.compileProgram("z.py", "a = 5\nb = a - 5\nprint(a % b)\n", target);
        var run = new java.util.concurrent.atomic.AtomicReference<KernelOutcome>();
        KernelRunner.runOnDevice("z.py", elf, target, run::set);
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run.get());
        assertEquals("ZeroDivisionError", u.name());
        assertEquals("cannot divide by zero", u.message());
        assertTrue(u.backtrace().getFirst().contains("__modinit__"), u.backtrace().toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void raiseOfACaughtExceptionMovesItsLocationABareRaiseKeepsIt(Target target) throws Exception {
        String source = "def f():\n    1 // 0\ndef g(again):\n    try:\n        f()\n    except ZeroDivisionError as e:\n"
                + "        if again:\n            raise e\n        raise\ng(%s)\n";
        for (String again : List.of("True", "False")) {
            byte[] elf = Compiler.compileProgram("r.py", source.formatted(again), target);
            var run = new java.util.concurrent.atomic.AtomicReference<KernelOutcome>();
            KernelRunner.Result r = KernelRunner.runOnDevice("r.py", elf, target, run::set);
            KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run.get(), r.detail());
            assertEquals("cannot divide by zero", u.message());
            var raised = u.report().exception();
            assertEquals(again.equals("True") ? 8 : 2, raised.line(), again);   // ARTIQ's reraise_update.py and reraise.py
            assertEquals(again.equals("True") ? "g" : "f", raised.function(), again);
        }
    }
}
