package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Unwinds stacks that the fixture frames.c builds when it runs on coredev's CPU. */
class BacktraceTest {
    private static final int[] CALLEE_SAVED = {2, 8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};
    private static final int[] FP_CALLEE_SAVED = {8, 9, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27};

    private static EhMachine stoppedInProbe(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = new EhMachine(variant);
        m.export("probe", "i(i)", a -> 0);
        m.load(variant == Rv32Cpu.Variant.RV32G ? "frames-rv32g.elf" : "frames-rv32ima.elf");
        m.call("entry", 5);
        assertEquals(m.runtime.resolve("probe").getAsInt(), m.runToCall());
        return m;
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void backtraceFromARuntimeCallNamesTheCallChain(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = stoppedInProbe(variant);
        List<Unwinder.Frame> frames = Unwinder.backtrace(RegisterState.callerOf(m.cpu), m.memory, m.tables);
        List<String> names = frames.stream().map(f -> m.symbolize(f.pc())).toList();
        assertEquals(List.of("leaf", "framed", "big_frame", "middle", "entry"), names.subList(0, 5));
        assertEquals(6, frames.size(), "the walk ends at the return into the caller outside the image: " + names);
        assertEquals(EhMachine.EXIT, frames.get(5).pc());
        assertEquals(EhMachine.STACK_TOP, frames.get(5).sp());
        for (int k = 1; k < frames.size(); k++) {
            assertTrue(Integer.compareUnsigned(frames.get(k).sp(), frames.get(k - 1).sp()) > 0, "sp grows outwards: " + frames);
        }
        // big_frame's 6 KiB of locals lie between framed's sp and middle's.
        assertTrue(frames.get(3).sp() - frames.get(2).sp() >= 6000, frames.toString());
    }

    /**
     * The registers the CFI restores for each frame are those the CPU really has when the call
     * returns into that frame: run on from the probe and compare at each return.
     */
    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void unwoundCalleeSavedRegistersMatchTheCpuWhenEachCallReturns(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = stoppedInProbe(variant);
        List<RegisterState> states = new ArrayList<>();
        Optional<RegisterState> s = Optional.of(RegisterState.callerOf(m.cpu));
        while (s.isPresent()) {
            states.add(s.get());
            s = Unwinder.unwind(s.get(), m.memory, m.tables);
        }
        assertEquals(6, states.size());
        m.cpu.setX(10, 0);
        m.cpu.setPc(m.cpu.x(1));  // probe returns 0
        int next = 0;
        for (int step = 0; step < 200_000 && next < states.size(); step++) {
            RegisterState expected = states.get(next);
            if (m.cpu.pc() == expected.pc() && m.cpu.x(2) == expected.sp()) {
                for (int reg : CALLEE_SAVED) {
                    assertEquals(m.cpu.x(reg), expected.x(reg), "x%d on return into frame %d (%s)".formatted(reg, next, m.symbolize(expected.pc())));
                }
                if (variant == Rv32Cpu.Variant.RV32G) {
                    for (int reg : FP_CALLEE_SAVED) assertEquals(m.cpu.f(reg), expected.f(reg), "f%d in frame %d".formatted(reg, next));
                }
                next++;
                if (next == states.size()) break;
            }
            m.cpu.run(1);
        }
        assertEquals(states.size(), next, "returned into every unwound frame");
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void depthLimitCutsTheBacktrace(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = stoppedInProbe(variant);
        assertEquals(3, Unwinder.backtrace(RegisterState.callerOf(m.cpu), m.memory, m.tables, 3).size());
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void aStackWhoseSavedReturnAddressesPointBackIntoTheChainEndsAtTheDepthLimit(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = stoppedInProbe(variant);
        // Make every word of the stack above sp the return address into leaf: each frame "returns"
        // into leaf again, with a growing sp, until the stack runs out or the limit is reached.
        int ra = m.cpu.x(1);
        for (int a = m.cpu.x(2); a < EhMachine.STACK_TOP; a += 4) m.memory.store32(a, ra);
        List<Unwinder.Frame> frames = Unwinder.backtrace(RegisterState.callerOf(m.cpu), m.memory, m.tables, 50);
        assertTrue(frames.size() <= 50, "bounded: " + frames.size());
        assertTrue(frames.size() > 2, "walks through the corrupt frames: " + frames);
    }

    @ParameterizedTest
    @EnumSource(Rv32Cpu.Variant.class)
    void aZeroReturnAddressEndsTheStack(Rv32Cpu.Variant variant) throws IOException {
        EhMachine m = stoppedInProbe(variant);
        RegisterState leaf = RegisterState.callerOf(m.cpu);
        // leaf saved ra at CFA-4 (its FDE says so): zero it.
        EhFrame.Fde fde = m.tables.find(leaf.lookupPc()).orElseThrow();
        Cfi.Row row = Cfi.rowFor(m.memory, fde, leaf.lookupPc());
        Cfi.RegisterOffset cfa = (Cfi.RegisterOffset) row.cfa();
        int slot = leaf.x(cfa.register()) + cfa.offset() + ((Cfi.Offset) row.rule(1)).offset();
        m.memory.store32(slot, 0);
        assertEquals(1, Unwinder.backtrace(leaf, m.memory, m.tables).size());
    }
}
