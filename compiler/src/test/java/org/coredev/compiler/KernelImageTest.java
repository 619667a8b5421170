package org.coredev.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coredev.loader.ByteArrayMemory;
import org.coredev.loader.LoadedImage;
import org.coredev.loader.Linker;
import org.coredev.loader.SymbolResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The images the ELF writer produces are what binutils and the board's linker accept. */
class KernelImageTest {
    private static final String PROGRAM = """
            def f(x):
                return x * 2.5
            n = now_mu()
            at_mu(n + 100)
            print("value", f(4.0), 7 // 2)
            """;

    @TempDir Path dir;

    /** binutils for the target: Debian's riscv64-unknown-elf (any RV32 too) or or1k-elf (from gcc-or1k-elf). */
    private static String tool(Target target, String name) {
        return (target == Target.OR1K ? "or1k-elf-" : "riscv64-unknown-elf-") + name;
    }

    private static String[] run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " not found: install the Debian packages gcc-riscv64-unknown-elf and gcc-or1k-elf", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String[] {new String(out, StandardCharsets.UTF_8), err, Integer.toString(p.exitValue())};
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void readelfReadsTheImageWithoutWarnings(Target target) throws Exception {
        Path elf = dir.resolve("k.elf");
        Files.write(elf, Compiler.compileProgram("k.py", PROGRAM, target));
        String[] r = run(tool(target, "readelf"), "-a", "-W", elf.toString());
        assertEquals("", r[1], "readelf stderr");
        assertEquals("0", r[2]);
        assertTrue(r[0].contains("DYN (Shared object file)"), r[0]);
        assertTrue(r[0].contains("GNU_EH_FRAME"), r[0]);
        String relocations = target == Target.OR1K ? "R_OR1K_" : "R_RISCV_";
        assertTrue(r[0].contains(relocations + "RELATIVE") && r[0].contains(relocations + "32 "), r[0]);
        assertTrue(r[0].contains(target == Target.OR1K ? "big endian" : "little endian"), r[0]);
        assertTrue(r[0].contains("__modinit__"), r[0]);
        assertTrue(r[0].contains(target.hardFloat ? "Flags:                             0x4, double-float ABI"
                : "Flags:                             0x0"), r[0]);
        String[] frames = run(tool(target, "readelf"), "--debug-dump=frames", "-W", elf.toString());
        assertEquals("", frames[1], "readelf --debug-dump=frames stderr");
        assertTrue(frames[0].contains("DW_CFA_def_cfa_offset"), frames[0]);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyTestProgramsImageReadsWithoutWarnings(Target target) throws Exception {
        List<Path> programs;
        try (var files = Files.list(Path.of("src/test/resources/programs"))) {
            programs = files.filter(f -> f.toString().endsWith(".py")).sorted().toList();
        }
        for (Path program : programs) {
            Path elf = dir.resolve(program.getFileName() + ".elf");
            Files.write(elf, Compiler.compileProgram(program.getFileName().toString(), Files.readString(program), target));
            String[] r = run(tool(target, "readelf"), "-a", "-W", "--debug-dump=frames", elf.toString());
            assertEquals("", r[1], program + ": readelf stderr");
            assertEquals("0", r[2], program.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void objdumpDisassemblesTheFunctions(Target target) throws Exception {
        Path elf = dir.resolve("k.elf");
        Files.write(elf, Compiler.compileProgram("k.py", PROGRAM, target));
        String[] r = run(tool(target, "objdump"), "-d", elf.toString());
        assertEquals("0", r[2], r[1]);
        assertTrue(r[0].contains("<__modinit__>:") && r[0].contains("<f>:"), r[0]);
        assertTrue(!r[0].contains("unknown") && !r[0].contains(".word"), "undecodable words:\n" + r[0]);
        assertEquals(target.hardFloat, r[0].contains("fmul.d"), r[0]);
        if (target == Target.OR1K) {
            // Every call and its pc-relative address loads as the back end writes them, delay slots filled.
            assertTrue(r[0].contains("l.jalr") && r[0].contains("l.movhi") && r[0].contains("l.nop"), r[0]);
            assertTrue(!r[0].contains("illegal"), r[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void boardLinkerLoadsTheImageAndBindsItsImports(Target target) throws Exception {
        byte[] elf = Compiler.compileProgram("k.py", PROGRAM, target);
        Map<String, Integer> runtime = new java.util.TreeMap<>(Map.of("now", 0x6000_0000, "rpc_send_async", 0x4500_0100,
                "__artiq_raise", 0x4500_0200, "__muldf3", 0x4500_0300, "__floatsidf", 0x4500_0400));
        org.coredev.loader.Target lt = target.loaderTarget();
        ByteArrayMemory ram = new ByteArrayMemory(0x4506_0000, 1 << 20);
        LoadedImage image = new Linker(lt, ram, SymbolResolver.of(runtime)).load("k.elf", elf);
        assertTrue(image.modinit() >= 0x4506_0000);
        assertTrue(image.ehFrameHdr().isPresent());
        List<String> imported = image.imports().stream().map(i -> i.name()).sorted().toList();
        assertTrue(imported.containsAll(List.of("now", "rpc_send_async", "__artiq_raise")), imported.toString());
        assertEquals(!target.hardFloat, imported.contains("__muldf3"), imported.toString());
        for (var i : image.imports()) {
            byte[] slot = ram.read(i.slot(), 4);
            int value = target.bigEndian()
                    ? (slot[3] & 0xff) | (slot[2] & 0xff) << 8 | (slot[1] & 0xff) << 16 | (slot[0] & 0xff) << 24
                    : (slot[0] & 0xff) | (slot[1] & 0xff) << 8 | (slot[2] & 0xff) << 16 | (slot[3] & 0xff) << 24;
            assertEquals((int) runtime.get(i.name()), value, i.name());
        }
        // Kernel functions are local symbols: named in backtraces, never interposing on imports.
        assertTrue(image.symbol("f").isEmpty());
        int f = image.symbols().stream().filter(s -> s.name().equals("f")).findFirst().orElseThrow().address();
        assertEquals("f+0x4", image.symbolize(f + 4));
    }

    /**
     * try/except/finally imports each firmware's exception API: today's __artiq_resume and
     * __artiq_end_catch on RISC-V; ARTIQ 6's __artiq_reraise (and neither of those, which its
     * ksupport does not export) on or1k.
     */
    @ParameterizedTest
    @EnumSource(Target.class)
    void exceptionHandlingImportsItsFirmwaresApi(Target target) throws Exception {
        String program = """
                def f(x):
                    if x > 2:
                        raise ValueError("big")
                    return x
                try:
                    try:
                        f(3)
                    except KeyError:
                        print("no")
                    finally:
                        print("finally")
                except ValueError as e:
                    print("caught", e)
                """;
        byte[] elf = Compiler.compileProgram("k.py", program, target);
        ByteArrayMemory ram = new ByteArrayMemory(0x4506_0000, 1 << 20);
        SymbolResolver anything = name -> java.util.OptionalInt.of(0x4500_0000 + (name.hashCode() & 0xfff0));
        LoadedImage image = new Linker(target.loaderTarget(), ram, anything).load("k.elf", elf);
        List<String> imported = image.imports().stream().map(i -> i.name()).sorted().toList();
        assertTrue(imported.containsAll(List.of("__artiq_raise", "__artiq_personality")), imported.toString());
        assertEquals(target.namedExceptions(), imported.contains("__artiq_reraise"), imported.toString());
        assertEquals(!target.namedExceptions(), imported.contains("__artiq_resume"), imported.toString());
        assertEquals(!target.namedExceptions(), imported.contains("__artiq_end_catch"), imported.toString());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void imageRecordsThePrintService(Target target) {
        byte[] elf = Compiler.compileProgram("k.py", PROGRAM, target);
        assertEquals(Map.of(1, "print"), Compiler.rpcServices(elf));
    }
}
