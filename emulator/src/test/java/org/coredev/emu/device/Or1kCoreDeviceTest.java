package org.coredev.emu.device;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.cpu.or1k.Or1kCpu;
import org.coredev.loader.ElfBuilder;
import org.coredev.loader.Target;
import org.coredev.rtio.trace.RtioEvent;
import org.junit.jupiter.api.Test;

/**
 * The core device of an ARTIQ 6 board: a big-endian OR1K kernel CPU with that era's memory map
 * (ksupport at 0x40800000, kernels from 0x40860000, the RTIO CSRs at 0xa0000000 on a 32-bit bus).
 * The kernels are OR1K shared objects written word by word (no installed linker makes OR1K
 * shared objects): position-independent code that finds its GOT with {@code l.jal}, calls the
 * runtime through it and stores the timeline cursor to {@code now} high word first.
 */
class Or1kCoreDeviceTest {
    static final int NOP = 0x1500_0000;

    static int addi(int d, int a, int imm) { return 0x9c00_0000 | d << 21 | a << 16 | (imm & 0xffff); }
    static int ori(int d, int a, int k) { return 0xa800_0000 | d << 21 | a << 16 | (k & 0xffff); }
    static int movhi(int d, int k) { return 0x1800_0000 | d << 21 | (k & 0xffff); }
    static int add(int d, int a, int b) { return 0xe000_0000 | d << 21 | a << 16 | b << 11; }
    static int lwz(int d, int a, int imm) { return 0x8400_0000 | d << 21 | a << 16 | (imm & 0xffff); }
    static int sw(int a, int b, int imm) { return 0xd400_0000 | (imm & 0xf800) << 10 | a << 16 | b << 11 | (imm & 0x7ff); }
    static int jal(int words) { return 0x0400_0000 | (words & 0x03ff_ffff); }
    static int jr(int b) { return 0x4400_0000 | b << 11; }
    static int jalr(int b) { return 0x4800_0000 | b << 11; }

    /**
     * An OR1K kernel: {@code __modinit__} runs {@code body} between a prologue that saves r9 and
     * puts the address of its fifth word in r14 ({@code l.jal} over its delay slot), and an
     * epilogue that returns; a GOT word per import (R_OR1K_32) follows the code.
     */
    static final class Kernel {
        final List<Integer> body = new ArrayList<>();
        final List<String> imports = new ArrayList<>();

        Kernel add(int... words) {
            for (int w : words) body.add(w);
            return this;
        }

        /** Index of an import in the GOT (added on first use). */
        int importIndex(String symbol) {
            if (!imports.contains(symbol)) imports.add(symbol);
            return imports.indexOf(symbol);
        }

        static final int EPILOGUE = 4;

        byte[] build() {
            List<Integer> words = new ArrayList<>(List.of(addi(1, 1, -8), sw(1, 9, 0), jal(2), NOP, ori(14, 9, 0)));
            words.addAll(body);
            words.addAll(List.of(lwz(9, 1, 0), addi(1, 1, 8), jr(9), NOP));
            ElfBuilder elf = ElfBuilder.or1k();
            int gotAt = words.size();
            for (int k = 0; k < imports.size(); k++) {
                int sym = elf.undefined(imports.get(k));
                elf.rela(ElfBuilder.DATA + 4 * (gotAt + k), 1, sym, 0);   // R_OR1K_32
                words.add(0);
            }
            for (int i = 0; i < words.size(); i++) elf.word(i, words.get(i));
            elf.defined("__modinit__", ElfBuilder.DATA);
            return elf.build();
        }
    }

    /**
     * Loads GOT word {@code symbol} into register {@code d}. The body is emitted in one go, so
     * the GOT's place is known only at the end: the loads are patched there.
     */
    static final class Body {
        final Kernel kernel = new Kernel();
        final List<int[]> gotLoads = new ArrayList<>();   // {body index, register, import index}

        Body load(int d, String symbol) {
            gotLoads.add(new int[] {kernel.body.size(), d, kernel.importIndex(symbol)});
            kernel.add(0);
            return this;
        }

        Body add(int... words) {
            kernel.add(words);
            return this;
        }

        byte[] build() {
            // r14 holds the address of word 4; the GOT starts after 5 + body + epilogue words.
            int gotWord = 5 + kernel.body.size() + Kernel.EPILOGUE;
            for (int[] l : gotLoads) kernel.body.set(l[0], lwz(l[1], 14, 4 * (gotWord + l[2] - 4)));
            return kernel.build();
        }
    }

    static CoreDevice device() throws EmulatorException {
        return new CoreDevice(DeviceConfig.fromDb("artiq6_device_db.py", TestDeviceDb.db("or1k")));
    }

    /** now = rtio_get_counter() + 125000 (break_realtime), then ttl3 high, 1000 mu later low. */
    static byte[] pulse() {
        int target = 3 << 8;
        return new Body()
                .load(16, "now").load(18, "rtio_output").load(15, "rtio_get_counter")
                .add(jalr(15), NOP)                                    // r11:r12 = the counter, high word first
                .add(movhi(17, 125_000 >>> 16), ori(17, 17, 125_000 & 0xffff), add(22, 12, 17))
                .add(sw(16, 11, 0), sw(16, 22, 4))                    // now: high word, then low (a counter far below 2^32 here)
                .add(ori(3, 0, target), ori(4, 0, 1), jalr(18), NOP)
                .add(addi(22, 22, 1000), sw(16, 22, 4))
                .add(ori(3, 0, target), ori(4, 0, 0), jalr(18), NOP)
                .build();
    }

    @Test
    void anArtiq6DeviceHasTheOr1kCoreAndItsMemoryMap() throws Exception {
        CoreDevice device = device();
        assertEquals(Target.OR1K, device.config().target());
        assertInstanceOf(Or1kCpu.class, device.cpu());
        assertEquals(0x4080_0000, device.memoryMap().ksupportBase());
        assertEquals(0x4086_0000, device.memoryMap().payloadBase());
        assertEquals(0xa000_0000, device.memoryMap().csrBase());
        assertEquals(4, device.memoryMap().csrStride());
        assertEquals(0xa000_0000 + 4 * org.coredev.rtio.KernelInitiator.NOW_HI, device.runtime().resolve("now").orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class, device::rv32);
        assertTrue(e.getMessage().contains("OR1K"), e.getMessage());
    }

    @Test
    void anOr1kKernelPulsesATtlOnTheTimelineItSets() throws Exception {
        CoreDevice device = device();
        KernelRun run = device.run("pulse.elf", pulse());
        assertEquals(new KernelOutcome.Finished(), run.outcome(), run.format());
        assertEquals(0x4086_0000, device.lastImage().orElseThrow().base(), "the kernel loads at KERNELCPU_PAYLOAD_ADDRESS");
        List<RtioEvent> ttl = run.events("ttl3");
        assertEquals(2, ttl.size(), run.format());
        assertEquals(1, ttl.get(0).data());
        assertEquals(0, ttl.get(1).data());
        assertEquals(1000, ttl.get(1).timestampMu() - ttl.get(0).timestampMu());
        long lead = ttl.get(0).timestampMu() - run.startMu();
        assertTrue(lead >= 125_000 && lead < 126_000, "the first edge 125000 mu after the counter read: " + lead);
        // Run again on the same device: the counter has moved on, the timeline with it.
        KernelRun again = device.run("pulse.elf", pulse());
        assertEquals(new KernelOutcome.Finished(), again.outcome(), again.format());
        assertTrue(again.events("ttl3").get(0).timestampMu() > ttl.get(1).timestampMu());
    }

    @Test
    void anUnderflowInAKernelWithoutUnwindTablesEndsUncaughtWithoutABacktrace() throws Exception {
        // now = 0: behind the counter once the kernel runs.
        byte[] late = new Body().load(16, "now").load(18, "rtio_output")
                .add(sw(16, 0, 0), sw(16, 0, 4), ori(3, 0, 3 << 8), ori(4, 0, 1), jalr(18), NOP).build();
        KernelRun run = device().run("late.elf", late);
        KernelOutcome.Uncaught u = assertInstanceOf(KernelOutcome.Uncaught.class, run.outcome(), run.outcome().describe());
        assertEquals("RTIOUnderflow", u.name());
        assertTrue(u.message().contains("channel"), u.message());
        assertEquals(List.of(), u.backtrace());
        assertTrue(run.events("ttl3").isEmpty());
    }

    @Test
    void anArtiq6DeviceExportsExactlyArtiq6sApi() throws Exception {
        CoreDevice device = device();
        java.util.Set<String> exported = new java.util.TreeSet<>(device.runtime().exports().keySet());
        exported.removeIf(n -> n.startsWith("__coredev_"));
        assertEquals(new java.util.TreeSet<>(Artiq6Api.EXPORTS), exported);
        assertTrue(device.runtime().resolve("memcpy").isEmpty(), "ARTIQ 6 had no memcpy export");
        // mfspr(SPR_VR) and a tick-timer write through mtspr, as board_misoc::spr does them.
        byte[] spr = new Body().load(15, "mfspr").load(16, "mtspr")
                .add(ori(3, 0, 0x0000), jalr(15), NOP, ori(22, 11, 0))          // r22 = VR
                .add(movhi(3, 0), ori(3, 3, Or1kCpu.SPR_TTMR), movhi(4, 0x4000), jalr(16), NOP)   // TTMR: restart mode
                .build();
        Or1kCpu cpu = (Or1kCpu) device.cpu();
        assertInstanceOf(KernelOutcome.Finished.class, device.run("spr.elf", spr).outcome());
        assertEquals(0x1200_0001, cpu.x(22));
        assertEquals(0x4000_0000, cpu.mfspr(Or1kCpu.SPR_TTMR));
    }

    /** ARTIQ 6's ksupport exports __artiq_reraise, not today's __artiq_resume and __artiq_end_catch. */
    @Test
    void anImageOfTodaysExceptionSchemeDoesNotLinkOnAnArtiq6Device() throws Exception {
        byte[] today = new Body().load(15, "__artiq_resume").load(16, "__artiq_end_catch").build();
        EmulatorException e = assertThrows(EmulatorException.class, () -> device().run("today.elf", today));
        assertTrue(e.getMessage().contains("unresolved imports") && e.getMessage().contains("__artiq_resume")
                && e.getMessage().contains("__artiq_end_catch"), e.getMessage());
        byte[] artiq6 = new Body().load(15, "__artiq_reraise").load(16, "_Unwind_Resume").load(17, "__artiq_raise").build();
        assertInstanceOf(KernelOutcome.Finished.class, device().run("artiq6.elf", artiq6).outcome());
    }

    @Test
    void aBadPointerInARuntimeCallEndsTheKernelWithAFaultAtTheCall() throws Exception {
        // core_log(NULL): the runtime reads the format at address 0.
        byte[] logging = new Body().load(15, "core_log").add(ori(3, 0, 0), jalr(15), NOP).build();
        CoreDevice device = device();
        KernelRun run = device.run("log.elf", logging);
        KernelOutcome.Fault f = assertInstanceOf(KernelOutcome.Fault.class, run.outcome(), run.outcome().describe());
        assertTrue(f.what().startsWith("core_log: bad memory access"), f.what());
        // The call is word 7 of the code: the prologue's five, the GOT load, the argument.
        int base = device.lastImage().orElseThrow().base() + ElfBuilder.DATA;
        assertEquals(base + 4 * 7, f.pc(), "the l.jalr, as r9 - 8: " + f.where());
        assertTrue(f.where().contains("__modinit__"), f.where());
    }

    @Test
    void aDeviceDbNamesOr1kAndOnlyKnownTargets() throws Exception {
        assertEquals(Target.OR1K, DeviceConfig.fromDb("db.py", TestDeviceDb.db("or1k")).target());
        EmulatorException e = assertThrows(EmulatorException.class, () -> DeviceConfig.fromDb("db.py", TestDeviceDb.db("cortexa9")));
        assertTrue(e.getMessage().contains("target 'cortexa9' is not supported (rv32g, rv32ima, or1k)"), e.getMessage());
        EmulatorException v = assertThrows(EmulatorException.class, () -> DeviceConfig.fromDb("db.py", TestDeviceDb.db("or1k")).rv32Variant());
        assertTrue(v.getMessage().contains("or1k"), v.getMessage());
    }
}
