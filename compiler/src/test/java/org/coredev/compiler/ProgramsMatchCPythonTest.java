package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every program under src/test/resources/programs, compiled for rv32g and rv32ima and run on the
 * emulated core device, prints what CPython prints and ends the same way (finished, or the same
 * uncaught exception).
 */
class ProgramsMatchCPythonTest {
    static Stream<Arguments> programs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/programs"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".py")).sorted().toList())
                for (Target t : Target.values()) out.add(Arguments.of(p.getFileName().toString(), t));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("programs")
    void kernelPrintsAndEndsAsCPythonDoes(String name, Target target) throws Exception {
        Path file = Path.of("src/test/resources/programs", name);
        KernelRunner.Result expected = KernelRunner.runCPython(file);
        byte[] elf = Compiler.compileProgram(name, KernelRunner.read(file), target);
        KernelRunner.Result actual = KernelRunner.runOnDevice(name, elf, target);
        assertEquals(expected.stdout(), actual.stdout(), () -> "stdout of " + name + "\n" + actual.detail());
        assertEquals(expected.outcome(), actual.outcome(), () -> "outcome of " + name + "\n" + actual.detail());
    }
}
