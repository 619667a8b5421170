package org.coredev.emu.cpu.rv32;

import static org.coredev.emu.cpu.rv32.Asm.*;
import static org.junit.jupiter.api.Assertions.*;

import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.junit.jupiter.api.Test;

class Rv32CpuTest {
    private static final int DATA = Machine.DATA;

    /** lui x5, DATA: points x5 at the data area. */
    private static int dataBase(int reg) { return u("lui", reg, DATA >>> 12); }

    @Test
    void writeToX0IsDiscarded() {
        Machine m = new Machine(i("addi", 0, 0, 7), i("addi", 1, 0, 0));
        m.steps(2);
        assertEquals(0, m.cpu.x(0));
        assertEquals(0, m.cpu.x(1));
    }

    @Test
    void addiSignExtendsNegativeImmediate() {
        Machine m = new Machine(i("addi", 1, 0, -2048));
        m.steps(1);
        assertEquals(-2048, m.cpu.x(1));
    }

    @Test
    void shiftsUseOnlyTheLowFiveBitsOfTheAmount() {
        Machine m = new Machine(i("addi", 1, 0, -1), i("addi", 2, 0, 33), r("srl", 3, 1, 2), r("sra", 4, 1, 2),
                shift("srli", 5, 1, 31), shift("slli", 6, 1, 31));
        m.steps(6);
        assertEquals(0x7fff_ffff, m.cpu.x(3));
        assertEquals(-1, m.cpu.x(4));
        assertEquals(1, m.cpu.x(5));
        assertEquals(0x8000_0000, m.cpu.x(6));
    }

    @Test
    void divisionByZeroAndOverflowFollowTheSpec() {
        Machine m = new Machine(
                i("addi", 1, 0, 7), r("div", 2, 1, 0), r("divu", 3, 1, 0), r("rem", 4, 1, 0), r("remu", 5, 1, 0),
                u("lui", 6, 0x80000), i("addi", 7, 0, -1), r("div", 8, 6, 7), r("rem", 9, 6, 7));
        m.steps(9);
        assertEquals(-1, m.cpu.x(2));
        assertEquals(-1, m.cpu.x(3));
        assertEquals(7, m.cpu.x(4));
        assertEquals(7, m.cpu.x(5));
        assertEquals(Integer.MIN_VALUE, m.cpu.x(8));
        assertEquals(0, m.cpu.x(9));
    }

    @Test
    void mulhVariantsGiveTheHighWord() {
        Machine m = new Machine(i("addi", 1, 0, -1), i("addi", 2, 0, 2),
                r("mulh", 3, 1, 2), r("mulhu", 4, 1, 2), r("mulhsu", 5, 1, 2), r("mulhsu", 6, 2, 1));
        m.steps(6);
        assertEquals(-1, m.cpu.x(3));   // -1 * 2 = -2: high word all ones
        assertEquals(1, m.cpu.x(4));    // 0xffffffff * 2 = 0x1_fffffffe
        assertEquals(-1, m.cpu.x(5));   // signed -1 * unsigned 2
        assertEquals(1, m.cpu.x(6));    // signed 2 * unsigned 0xffffffff
    }

    @Test
    void loadsSignAndZeroExtend() {
        Machine m = new Machine(dataBase(5), i("lb", 1, 5, 0), i("lbu", 2, 5, 0), i("lh", 3, 5, 2), i("lhu", 4, 5, 2));
        m.poke(DATA, 0x8081_7f80);
        m.steps(5);
        assertEquals(0xffff_ff80, m.cpu.x(1));
        assertEquals(0x80, m.cpu.x(2));
        assertEquals(0xffff_8081, m.cpu.x(3));
        assertEquals(0x8081, m.cpu.x(4));
    }

    @Test
    void storesOfEachWidthWriteLittleEndian() {
        Machine m = new Machine(dataBase(5), i("addi", 1, 0, 0x123), s("sb", 5, 1, 0), s("sh", 5, 1, 2), s("sw", 5, 1, 4));
        m.steps(5);
        assertEquals(0x0123_0023, m.peek(DATA));
        assertEquals(0x123, m.peek(DATA + 4));
    }

    @Test
    void branchesCompareSignedAndUnsigned() {
        // x1 = -1; bltu x0, x1 is taken (0 < 0xffffffff), blt x0, x1 is not.
        Machine m = new Machine(i("addi", 1, 0, -1), b("blt", 0, 1, 8), i("addi", 2, 0, 1), b("bltu", 0, 1, 8),
                i("addi", 3, 0, 1), i("addi", 4, 0, 1));
        m.steps(5);
        assertEquals(1, m.cpu.x(2));
        assertEquals(0, m.cpu.x(3));
        assertEquals(1, m.cpu.x(4));
    }

    @Test
    void jalrClearsTheLowBitAndLinksBeforeJumping() {
        // jalr x1, 9(x1) with x1 = base: target = base + 9 & ~1 = base + 8, x1 = pc + 4.
        Machine m = new Machine(u("auipc", 1, 0), i("jalr", 1, 1, 13), i("addi", 2, 0, 1), i("addi", 3, 0, 1));
        m.steps(3);
        assertEquals(Machine.RAM + 8, m.cpu.x(1));
        assertEquals(0, m.cpu.x(2));
        assertEquals(1, m.cpu.x(3));
    }

    @Test
    void misalignedLoadWithoutHandlerStopsWithTrap() {
        Machine m = new Machine(dataBase(5), i("lw", 1, 5, 2));
        StopReason stop = m.steps(2);
        assertEquals(new StopReason.Trap(TrapCause.LOAD_MISALIGNED, Machine.RAM + 4, DATA + 2), stop);
        assertEquals(Machine.RAM + 4, m.cpu.pc());
        assertEquals(1, m.cpu.instret());
    }

    @Test
    void misalignedLoadTrapsToMtvecWithCauseAndValue() {
        int handler = Machine.RAM + 0x100;
        Machine m = new Machine(u("lui", 6, handler >>> 12), i("addi", 6, 6, 0x100), csr("csrrw", 0, 6, 0x305),
                dataBase(5), i("lw", 1, 5, 2));
        StopReason stop = m.steps(5);
        assertInstanceOf(StopReason.Budget.class, stop);
        assertEquals(handler, m.cpu.pc());
        assertEquals(Machine.RAM + 16, m.cpu.mepc());
        assertEquals(4, m.cpu.mcause());
        assertEquals(DATA + 2, m.cpu.mtval());
    }

    @Test
    void mretReturnsToMepcAndRestoresInterruptEnable() {
        int handler = Machine.RAM + 0x100;
        Machine m = new Machine(u("lui", 6, handler >>> 12), i("addi", 6, 6, 0x100), csr("csrrw", 0, 6, 0x305),
                csr("csrrsi", 0, 8, 0x300), sys("ecall"), i("addi", 7, 0, 42));
        // handler: mepc += 4; mret
        m.load(handler, csr("csrrs", 8, 0, 0x341), i("addi", 8, 8, 4), csr("csrrw", 0, 8, 0x341), sys("mret"));
        m.steps(5);
        assertEquals(11, m.cpu.mcause());
        assertEquals(0, m.cpu.mstatus() & 8, "MIE cleared in the handler");
        assertEquals(0x80, m.cpu.mstatus() & 0x80, "MPIE holds the old MIE");
        m.steps(5);
        assertEquals(42, m.cpu.x(7));
        assertEquals(8, m.cpu.mstatus() & 8, "mret restores MIE");
    }

    @Test
    void illegalInstructionReportsItsWord() {
        Machine m = new Machine(0xffff_ffff);
        assertEquals(new StopReason.Trap(TrapCause.ILLEGAL_INSTRUCTION, Machine.RAM, 0xffff_ffff), m.steps(1));
    }

    @Test
    void ecallAndEbreakStopWithoutHandler() {
        assertEquals(new StopReason.Trap(TrapCause.ECALL_FROM_M, Machine.RAM, 0), new Machine(sys("ecall")).steps(1));
        assertEquals(new StopReason.Trap(TrapCause.BREAKPOINT, Machine.RAM, Machine.RAM), new Machine(sys("ebreak")).steps(1));
    }

    @Test
    void fetchOutsideRamIsAnAccessFault() {
        Machine m = new Machine(i("jalr", 0, 0, 0x100));
        assertEquals(new StopReason.Trap(TrapCause.INSTRUCTION_ACCESS_FAULT, 0x100, 0x100), m.steps(2));
    }

    @Test
    void jumpToMisalignedTargetTrapsOnTheJump() {
        Machine m = new Machine(j("jal", 1, 6));
        assertEquals(new StopReason.Trap(TrapCause.INSTRUCTION_MISALIGNED, Machine.RAM, Machine.RAM + 6), m.steps(1));
        assertEquals(0, m.cpu.x(1), "the jump did not link");
    }

    @Test
    void cycleAndInstretCsrsCountRetiredWork() {
        Machine m = new Machine(i("addi", 1, 0, 1), i("addi", 1, 0, 1), csr("csrrs", 2, 0, 0xc02), csr("csrrs", 3, 0, 0xb00));
        m.steps(4);
        assertEquals(2, m.cpu.x(2));
        assertEquals(3, m.cpu.x(3), "two addi and one csr at one cycle each");
    }

    @Test
    void writeToReadOnlyCsrIsIllegal() {
        Machine m = new Machine(csr("csrrw", 0, 1, 0xc00));
        StopReason stop = m.steps(1);
        assertInstanceOf(StopReason.Trap.class, stop);
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, ((StopReason.Trap) stop).cause());
    }

    @Test
    void fpuStartsEnabledWithZeroFcsr() {
        Machine m = new Machine(csr("csrrs", 1, 0, 0x003), csr("csrrs", 2, 0, 0x300));
        m.steps(2);
        assertEquals(0, m.cpu.x(1));
        assertNotEquals(0, m.cpu.x(2) & (3 << 13), "mstatus.FS is not Off");
    }

    @Test
    void rv32imaCoreTrapsOnFloatingPoint() {
        Machine m = new Machine(Rv32Cpu.Variant.RV32IMA, fr("fadd.d", 1, 2, 3, 0));
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, ((StopReason.Trap) m.steps(1)).cause());
        Machine m2 = new Machine(Rv32Cpu.Variant.RV32IMA, csr("csrrs", 1, 0, 0x003));
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, ((StopReason.Trap) m2.steps(1)).cause());
    }

    @Test
    void selfModifyingCodeSeesNewInstructionAfterFenceI() {
        // Run addi x1,x0,1 at +12 once, overwrite it with addi x1,x0,2, fence.i, run it again.
        int target = Machine.RAM + 0x20;
        Machine m = new Machine(
                u("lui", 5, Machine.RAM >>> 12),
                i("addi", 6, 0, 0),
                j("jal", 7, 0x20 - 8),     // call target (at +0x20), return to +12
                i("lw", 8, 5, 0x40),       // new instruction word
                s("sw", 5, 8, 0x20),
                sys("fence.i"),
                j("jal", 7, 0x20 - 24));  // call target again
        m.load(target, i("addi", 1, 0, 1), i("jalr", 0, 7, 0));
        m.poke(Machine.RAM + 0x40, i("addi", 1, 0, 2));
        m.steps(5);
        assertEquals(1, m.cpu.x(1));
        m.steps(5);
        assertEquals(2, m.cpu.x(1));
    }

    @Test
    void storeIntoDecodedCodeIsSeenEvenWithoutFenceI() {
        Machine m = new Machine(u("lui", 5, Machine.RAM >>> 12), i("lw", 8, 5, 0x40), i("addi", 1, 0, 1),
                s("sw", 5, 8, 8), j("jal", 0, -8));
        m.poke(Machine.RAM + 0x40, i("addi", 1, 0, 9));
        m.steps(3);
        assertEquals(1, m.cpu.x(1));
        m.steps(3);
        assertEquals(9, m.cpu.x(1));
    }

    @Test
    void lrScPairSucceedsOnceAndScWithoutReservationFails() {
        Machine m = new Machine(dataBase(5), i("addi", 2, 0, 5), r("lr.w", 1, 5, 0), r("sc.w", 3, 5, 2), r("sc.w", 4, 5, 2));
        m.poke(DATA, 77);
        m.steps(5);
        assertEquals(77, m.cpu.x(1));
        assertEquals(0, m.cpu.x(3), "first sc succeeds");
        assertEquals(1, m.cpu.x(4), "second sc has no reservation");
        assertEquals(5, m.peek(DATA));
    }

    @Test
    void amosReturnOldValueAndStoreResult() {
        Machine m = new Machine(dataBase(5), i("addi", 2, 0, -3), r("amoadd.w", 1, 5, 2), r("amomaxu.w", 3, 5, 2),
                r("amomin.w", 4, 5, 0));
        m.poke(DATA, 10);
        m.steps(5);
        assertEquals(10, m.cpu.x(1));
        assertEquals(7, m.cpu.x(3));
        assertEquals(-3, m.cpu.x(4));
        assertEquals(-3, m.peek(DATA));
    }

    @Test
    void amoOnUnmappedAddressIsAStoreAccessFault() {
        Machine m = new Machine(r("amoadd.w", 1, 0, 0));
        assertEquals(new StopReason.Trap(TrapCause.STORE_ACCESS_FAULT, Machine.RAM, 0), m.steps(1));
    }

    @Test
    void watchedStoreStopsAfterTheStore() {
        Machine m = new Machine(dataBase(5), i("addi", 1, 0, 3), s("sw", 5, 1, 8), i("addi", 2, 0, 1));
        m.cpu.watchStores(DATA + 8);
        StopReason stop = m.cpu.run(100);
        assertEquals(new StopReason.Watch(DATA + 8, 3), stop);
        assertEquals(Machine.RAM + 12, m.cpu.pc());
        assertEquals(0, m.cpu.x(2));
    }

    @Test
    void jumpIntoTrapRangeIsARuntimeCall() {
        Machine m = new Machine(u("lui", 1, (Machine.RAM + 0x4000) >>> 12), i("jalr", 1, 1, 0x10));
        m.cpu.setTrapRange(Machine.RAM + 0x4000, 0x1000);
        assertEquals(new StopReason.RuntimeCall(Machine.RAM + 0x4010), m.cpu.run(100));
        assertEquals(Machine.RAM + 8, m.cpu.x(1));
    }

    @Test
    void budgetStopsARunawayLoop() {
        Machine m = new Machine(j("jal", 0, 0));
        assertInstanceOf(StopReason.Budget.class, m.cpu.run(1000));
        assertTrue(m.cpu.cycles() >= 1000);
        assertEquals(Machine.RAM, m.cpu.pc());
    }

    @Test
    void divisionCostsMoreCyclesThanAddition() {
        Machine add = new Machine(r("add", 1, 2, 3));
        Machine div = new Machine(r("div", 1, 2, 3));
        add.steps(1);
        div.steps(1);
        assertEquals(1, add.cpu.cycles());
        assertEquals(34, div.cpu.cycles());
    }

    @Test
    void doubleLoadStoreRoundTripsNegativeZero() {
        Machine m = new Machine(dataBase(5), i("fld", 1, 5, 0), s("fsd", 5, 1, 8));
        m.poke(DATA, 0);
        m.poke(DATA + 4, 0x8000_0000);
        m.steps(3);
        assertEquals(0x8000_0000_0000_0000L, m.cpu.f(1));
        assertEquals(0x8000_0000, m.peek(DATA + 12));
    }

    @Test
    void singleOperandNotNanBoxedReadsAsCanonicalNan() {
        Machine m = new Machine(fr("fadd.s", 3, 1, 2, 0));
        m.cpu.setF(1, 0x0000_0000_3f80_0000L);           // 1.0f without the box
        m.cpu.setF(2, 0xffff_ffff_3f80_0000L);           // 1.0f boxed
        m.steps(1);
        assertEquals(0xffff_ffff_7fc0_0000L, m.cpu.f(3));
    }

    @Test
    void dynamicRoundingModeComesFromFrm() {
        // 1/3 in double: rounding down and up differ in the last bit.
        Machine m = new Machine(csr("csrrwi", 0, SoftFloat.RUP, 0x002), fr("fdiv.d", 3, 1, 2, 7),
                csr("csrrwi", 0, SoftFloat.RDN, 0x002), fr("fdiv.d", 4, 1, 2, 7));
        m.cpu.setF(1, Double.doubleToRawLongBits(1.0));
        m.cpu.setF(2, Double.doubleToRawLongBits(3.0));
        m.steps(4);
        assertEquals(m.cpu.f(4) + 1, m.cpu.f(3));
        assertEquals(SoftFloat.NX, m.cpu.fcsr() & 31);
    }

    @Test
    void invalidDynamicRoundingModeIsIllegal() {
        Machine m = new Machine(csr("csrrwi", 0, 5, 0x002), fr("fadd.d", 3, 1, 2, 7));
        StopReason stop = m.steps(2);
        assertEquals(TrapCause.ILLEGAL_INSTRUCTION, ((StopReason.Trap) stop).cause());
    }
}
