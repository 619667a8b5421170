package org.coredev.emu.runtime.lib;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.Abi;
import org.junit.jupiter.api.Test;

/**
 * The registered cycle costs are what the calibration programs of src/test/runtime-lib measure on
 * coredev's VexRiscv model (and calib_rt_or1k on the mor1kx model), within 25%, and the committed
 * ELFs are what their sources build to.
 */
class RuntimeLibCalibrationTest {
    private static Map<String, Integer> measure(String program, Rv32Cpu.Variant variant) throws Exception {
        Map<String, Integer> figures = new LinkedHashMap<>();
        for (String line : TestPrograms.run(program, variant).split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] p = line.split(" ");
            figures.put(p[0], Integer.parseInt(p[1]));
        }
        return figures;
    }

    private static void within25Percent(List<String> errors, String name, long registered, long measured) {
        if (Math.abs(registered - measured) > 0.25 * measured) {
            errors.add("%s: registered %d cycles, measured %d".formatted(name, registered, measured));
        }
    }

    @Test
    void compilerRtCostsMatchCalibRt() throws Exception {
        Map<String, Integer> measured = measure("calib_rt", Rv32Cpu.Variant.RV32IMA);
        assertEquals(RuntimeLibRegistrationTest.API_RS.keySet().stream().filter(n -> n.startsWith("__")).count(), measured.size());
        List<String> errors = new ArrayList<>();
        measured.forEach((name, cycles) -> within25Percent(errors, name, CycleCosts.COMPILER_RT.cycles(name, Abi.ILP32), cycles));
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void libmCostsMatchCalibLibmOnBothTargets() throws Exception {
        List<String> errors = new ArrayList<>();
        for (Abi abi : new Abi[] {Abi.ILP32, Abi.ILP32D}) {
            String program = abi == Abi.ILP32 ? "calib_libm" : "calib_libm_hard";
            Map<String, Integer> measured = measure(program, abi == Abi.ILP32 ? Rv32Cpu.Variant.RV32IMA : Rv32Cpu.Variant.RV32G);
            assertEquals(40, measured.size(), program + ": 39 libm functions and __powidf2");
            measured.forEach((name, cycles) -> {
                CycleCosts table = name.startsWith("__") ? CycleCosts.COMPILER_RT : CycleCosts.LIBM;
                within25Percent(errors, program + " " + name, table.cycles(name, abi), cycles);
            });
        }
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void libcCostsMatchCalibLibcAtBothLengths() throws Exception {
        Map<String, Integer> measured = measure("calib_libc", Rv32Cpu.Variant.RV32IMA);
        assertEquals(12, measured.size());
        List<String> errors = new ArrayList<>();
        measured.forEach((key, cycles) -> {
            String name = key.substring(0, key.indexOf('@'));
            int bytes = Integer.parseInt(key.substring(key.indexOf('@') + 1));
            long registered = CycleCosts.LIBC.cycles(name, Abi.ILP32) + CycleCosts.perByteCycles(name, bytes);
            within25Percent(errors, key, registered, cycles);
        });
        assertTrue(errors.isEmpty(), String.join("\n", errors));
    }

    @Test
    void or1kCompilerRtCostsMatchCalibRtOnTheMor1kxModel() throws Exception {
        Map<String, Integer> measured = measure("calib_rt_or1k", Rv32Cpu.Variant.RV32IMA);   // the ELF picks the OR1K core
        assertEquals(measure("calib_rt", Rv32Cpu.Variant.RV32IMA).keySet(), measured.keySet());
        List<String> errors = new ArrayList<>();
        measured.forEach((name, cycles) -> within25Percent(errors, name, CycleCosts.COMPILER_RT.cycles(name, Abi.OR1K), cycles));
        assertEquals(List.of(), errors);
        // Not rv32ima's figures: a measurably different CPU.
        assertNotEquals(CycleCosts.COMPILER_RT.cycles("__muldi3", Abi.ILP32), CycleCosts.COMPILER_RT.cycles("__muldi3", Abi.OR1K));
    }

    @Test
    void committedElfsRebuildIdentically() throws Exception {
        TestPrograms.ToolRun run = TestPrograms.tool("gcc-riscv64-unknown-elf, picolibc-riscv64-unknown-elf and gcc-or1k-elf",
                List.of("bash", TestPrograms.DIR.resolve("build.sh").toString(), "--check"));
        assertEquals(0, run.exitStatus(), run.output());
    }
}
