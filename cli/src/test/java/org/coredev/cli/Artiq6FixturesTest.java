package org.coredev.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.coredev.compiler.Compiler;
import org.coredev.compiler.Target;
import org.coredev.emu.device.DeviceDbFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed or1k images of the emulator's ARTIQ 6 session fixtures are what coredev's compiler
 * makes of their sources today, as fixtures/build-or1k.sh compiles them (`coredev compile --target
 * or1k` with the bare file name, the built-in database).
 */
class Artiq6FixturesTest {
    static final Path FIXTURES = Path.of("../emulator/src/test/java/org/coredev/emu/server/fixtures");

    @ParameterizedTest
    @ValueSource(strings = {"artiq6_raise", "artiq6_host_exception"})
    void committedImageIsRebuiltByteForByte(String name) throws Exception {
        String file = name + ".py", source = Files.readString(FIXTURES.resolve(file));
        var db = DeviceDbFile.builtIn().rawDb();
        byte[] elf = Compiler.isExperiment(file, source)
                ? Compiler.compileExperiment(file, source, Target.OR1K, db, s -> { })
                : Compiler.compileProgram(file, source, Target.OR1K, db);
        assertArrayEquals(Files.readAllBytes(FIXTURES.resolve(name + "-or1k.elf")), elf,
                name + "-or1k.elf is stale: run emulator/src/test/java/org/coredev/emu/server/fixtures/build-or1k.sh");
    }
}
