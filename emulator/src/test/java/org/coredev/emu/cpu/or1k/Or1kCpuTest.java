package org.coredev.emu.cpu.or1k;

import static org.junit.jupiter.api.Assertions.*;

import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.junit.jupiter.api.Test;

/** Or1kCpu on hand-assembled words: delay slots, flags, SPRs, exceptions and their vectors, byte order. */
class Or1kCpuTest {
    static final int CODE = 0x1000, DATA = 0x8000;

    private final Bus bus = new Bus();
    private final Ram ram = bus.addRam("ram", 0, 0x10000);
    private final Or1kCpu cpu = new Or1kCpu(bus, ram);

    // Encoders for the few formats the tests need (fields as in Or1kIsa's table).
    static int addi(int d, int a, int imm) { return 0x9c00_0000 | d << 21 | a << 16 | (imm & 0xffff); }
    static int ori(int d, int a, int k) { return 0xa800_0000 | d << 21 | a << 16 | (k & 0xffff); }
    static int movhi(int d, int k) { return 0x1800_0000 | d << 21 | (k & 0xffff); }
    static int add(int d, int a, int b) { return 0xe000_0000 | d << 21 | a << 16 | b << 11; }
    static int sfeq(int a, int b) { return 0xe400_0000 | a << 16 | b << 11; }
    static int bf(int words) { return 0x1000_0000 | (words & 0x03ff_ffff); }
    static int j(int words) { return words & 0x03ff_ffff; }
    static int jal(int words) { return 0x0400_0000 | (words & 0x03ff_ffff); }
    static int lwz(int d, int a, int imm) { return 0x8400_0000 | d << 21 | a << 16 | (imm & 0xffff); }
    static int lbz(int d, int a, int imm) { return 0x8c00_0000 | d << 21 | a << 16 | (imm & 0xffff); }
    static int sw(int a, int b, int imm) { return 0xd400_0000 | (imm & 0xf800) << 10 | a << 16 | b << 11 | (imm & 0x7ff); }
    static int mfspr(int d, int a, int k) { return 0xb400_0000 | d << 21 | a << 16 | (k & 0xffff); }
    static int mtspr(int a, int b, int k) { return 0xc000_0000 | (k & 0xf800) << 10 | a << 16 | b << 11 | (k & 0x7ff); }
    static final int NOP = 0x1500_0000, SYS = 0x2000_0001, TRAP = 0x2100_0001, RFE = 0x2400_0000;

    private void load(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            int o = address + 4 * i;
            ram.bytes()[o] = (byte) (words[i] >>> 24);
            ram.bytes()[o + 1] = (byte) (words[i] >>> 16);
            ram.bytes()[o + 2] = (byte) (words[i] >>> 8);
            ram.bytes()[o + 3] = (byte) words[i];
        }
        cpu.flushDecodeCache();  // written behind the CPU's back
    }

    /** Loads the words at CODE and runs them one by one. */
    private void run(int steps, int... words) {
        load(CODE, words);
        cpu.setPc(CODE);
        for (int i = 0; i < steps; i++) {
            StopReason s = cpu.run(1);
            assertInstanceOf(StopReason.Budget.class, s);
        }
    }

    @Test
    void invalidateDecodedForgetsOnlyThePagesItTouches() {
        run(1, addi(3, 0, 1));
        int far = CODE + 0x4000;   // another page, decoded too
        load(far, addi(4, 0, 1));
        cpu.setPc(far);
        cpu.run(1);
        // Rewritten behind the core's back, without load()'s flush.
        for (int at : new int[] {CODE, far}) {
            ram.bytes()[at + 3] = 2;   // the immediates become 2
        }
        cpu.invalidateDecoded(CODE, 4);
        cpu.setPc(CODE);
        cpu.run(1);
        assertEquals(2, cpu.x(3), "the invalidated page is decoded again");
        cpu.setPc(far);
        cpu.run(1);
        assertEquals(1, cpu.x(4), "a page outside the range keeps its decoded instruction");
        cpu.invalidateDecoded(far - 2, 4);   // straddles into that page
        cpu.setPc(far);
        cpu.run(1);
        assertEquals(2, cpu.x(4));
        cpu.invalidateDecoded(0xffff_fff0, 0x20);   // outside the RAM: nothing to forget, no failure
    }

    @Test
    void delaySlotRunsBeforeTheTakenBranchTarget() {
        run(4, sfeq(0, 0), bf(3), addi(3, 0, 1), addi(3, 3, 100), addi(4, 3, 0));
        assertEquals(1, cpu.x(3));
        assertEquals(1, cpu.x(4));
        assertEquals(CODE + 20, cpu.pc());
    }

    @Test
    void untakenBranchStillRunsItsDelaySlot() {
        cpu.setX(1, 1);
        run(4, sfeq(0, 1), bf(3), addi(3, 0, 1), addi(3, 3, 100), NOP);
        assertEquals(101, cpu.x(3));
    }

    @Test
    void jalLinksToTheInstructionAfterTheDelaySlot() {
        run(2, jal(4), addi(3, 0, 7));
        assertEquals(CODE + 8, cpu.x(9));
        assertEquals(7, cpu.x(3));
        assertEquals(CODE + 16, cpu.pc());
    }

    @Test
    void writesToR0AreDiscarded() {
        run(1, addi(0, 0, 5));
        assertEquals(0, cpu.x(0));
    }

    @Test
    void addSetsCarryAndOverflow() {
        cpu.setX(4, 0x7fff_ffff);
        cpu.setX(5, 1);
        run(1, add(3, 4, 5));
        assertEquals(0x8000_0000, cpu.x(3));
        assertEquals(Or1kCpu.SR_OV, cpu.sr() & (Or1kCpu.SR_OV | Or1kCpu.SR_CY));
        cpu.setX(4, -1);
        run(1, add(3, 4, 5));
        assertEquals(Or1kCpu.SR_CY, cpu.sr() & (Or1kCpu.SR_OV | Or1kCpu.SR_CY));
    }

    @Test
    void storesAreBigEndian() {
        cpu.setX(4, DATA);
        cpu.setX(5, 0x1122_3344);
        run(2, sw(4, 5, 0), lbz(6, 4, 0));
        assertEquals(0x11, ram.bytes()[DATA]);
        assertEquals(0x44, ram.bytes()[DATA + 3]);
        assertEquals(0x11, cpu.x(6));
    }

    @Test
    void resetStartsInSupervisorModeAtTheResetVector() {
        cpu.reset();
        assertEquals(0x100, cpu.pc());
        assertEquals(Or1kCpu.SR_SM | Or1kCpu.SR_FO, cpu.sr());
    }

    @Test
    void illegalInstructionVectorsTo0x700() {
        int sr = cpu.sr();
        run(1, 0xffff_ffff);
        assertEquals(Or1kCpu.VECTOR_ILLEGAL, cpu.pc());
        assertEquals(CODE, cpu.epcr());
        assertEquals(CODE, cpu.eear());
        assertEquals(sr, cpu.esr());
        assertEquals(0, cpu.instret());
    }

    @Test
    void exceptionInADelaySlotSetsDsxAndSavesTheBranch() {
        run(2, j(4), 0xffff_ffff);
        assertEquals(Or1kCpu.VECTOR_ILLEGAL, cpu.pc());
        assertEquals(CODE, cpu.epcr());
        assertEquals(CODE + 4, cpu.eear());
        assertNotEquals(0, cpu.sr() & Or1kCpu.SR_DSX);
    }

    @Test
    void misalignedLoadVectorsTo0x600WithTheAddressInEear() {
        cpu.setX(4, DATA + 2);
        run(1, lwz(3, 4, 0));
        assertEquals(Or1kCpu.VECTOR_ALIGNMENT, cpu.pc());
        assertEquals(DATA + 2, cpu.eear());
        assertEquals(CODE, cpu.epcr());
    }

    @Test
    void loadFromNothingVectorsTo0x200() {
        cpu.setX(4, 0x2000_0000);
        run(1, lwz(3, 4, 0));
        assertEquals(Or1kCpu.VECTOR_BUS_ERROR, cpu.pc());
        assertEquals(0x2000_0000, cpu.eear());
    }

    @Test
    void jumpToAnUnalignedAddressFaultsAtTheFetch() {
        cpu.setX(4, CODE + 0x102);
        run(2, 0x4400_0000 | 4 << 11, NOP);  // l.jr r4
        cpu.run(1);
        assertEquals(Or1kCpu.VECTOR_ALIGNMENT, cpu.pc());
        assertEquals(CODE + 0x102, cpu.eear());
    }

    @Test
    void fetchFromNothingVectorsTo0x200() {
        cpu.setX(4, 0x2000_0000);
        run(2, 0x4400_0000 | 4 << 11, NOP);  // l.jr r4
        cpu.run(1);
        assertEquals(Or1kCpu.VECTOR_BUS_ERROR, cpu.pc());
        assertEquals(0x2000_0000, cpu.eear());
    }

    @Test
    void syscallVectorsTo0xc00AndRfeResumesAfterIt() {
        load(Or1kCpu.VECTOR_SYSCALL, addi(11, 0, 42), RFE);
        run(4, SYS, addi(3, 11, 1));
        assertEquals(43, cpu.x(3));
        assertEquals(CODE + 4, cpu.epcr());
        assertEquals(CODE + 8, cpu.pc());
        assertEquals(Or1kCpu.SR_SM | Or1kCpu.SR_FO, cpu.sr());
    }

    @Test
    void exceptionEntryClearsInterruptEnablesAndRfeRestoresThem() {
        cpu.setSr(Or1kCpu.SR_SM | Or1kCpu.SR_IEE | Or1kCpu.SR_TEE);
        load(Or1kCpu.VECTOR_TRAP, mfspr(5, 0, Or1kCpu.SPR_SR), mfspr(6, 0, Or1kCpu.SPR_EPCR0), addi(6, 6, 4),
                mtspr(0, 6, Or1kCpu.SPR_EPCR0), RFE);
        run(6, TRAP);
        assertEquals(0, cpu.x(5) & (Or1kCpu.SR_IEE | Or1kCpu.SR_TEE));
        assertEquals(CODE + 4, cpu.x(6));  // l.trap's EPCR0 is the l.trap itself; the handler skips it
        assertEquals(CODE + 4, cpu.pc());
        assertEquals(Or1kCpu.SR_SM | Or1kCpu.SR_IEE | Or1kCpu.SR_TEE | Or1kCpu.SR_FO, cpu.sr());
    }

    @Test
    void evbarMovesTheVectors() {
        cpu.setX(4, 0x4000);
        run(2, mtspr(0, 4, Or1kCpu.SPR_EVBAR), 0xffff_ffff);
        assertEquals(0x4000 + Or1kCpu.VECTOR_ILLEGAL, cpu.pc());
    }

    @Test
    void overflowWithOveRaisesTheRangeException() {
        cpu.setSr(Or1kCpu.SR_SM | Or1kCpu.SR_OVE);
        cpu.setX(4, 0x7fff_ffff);
        run(1, addi(3, 4, 1));
        assertEquals(Or1kCpu.VECTOR_RANGE, cpu.pc());
        assertEquals(0x8000_0000, cpu.x(3));
        assertEquals(CODE, cpu.epcr());
    }

    @Test
    void sprsAreSupervisorOnly() {
        cpu.setSr(0);
        run(1, mfspr(3, 0, Or1kCpu.SPR_SR));
        assertEquals(Or1kCpu.VECTOR_ILLEGAL, cpu.pc());
        assertNotEquals(0, cpu.sr() & Or1kCpu.SR_SM);
    }

    @Test
    void theTickTimerCountsCyclesWhileItsModeIsSet() {
        // r4 = 0xc0000000 (continuous mode); TTCR = 0; five 1-cycle ALU instructions; read TTCR.
        run(9, movhi(4, 0xc000), mtspr(0, 0, Or1kCpu.SPR_TTCR), mtspr(0, 4, Or1kCpu.SPR_TTMR),
                addi(5, 0, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), mfspr(3, 0, Or1kCpu.SPR_TTCR));
        long fiveAluAndTheRead = cpu.cycles();
        assertEquals(5 + 1, cpu.x(3), "cycles from the TTMR write to the read: " + fiveAluAndTheRead);
        // Mode 0 stops it: the count stays.
        run(3, mtspr(0, 0, Or1kCpu.SPR_TTMR), addi(5, 5, 1), mfspr(6, 0, Or1kCpu.SPR_TTCR));
        int stopped = cpu.x(6);
        run(2, addi(5, 5, 1), mfspr(7, 0, Or1kCpu.SPR_TTCR));
        assertEquals(stopped, cpu.x(7));
        run(1, mfspr(8, 0, Or1kCpu.SPR_UPR));
        assertEquals(1 << 10, cpu.x(8) & 1 << 10, "UPR[TTP]: a tick timer is present");
    }

    @Test
    void npcAndPpcReadAsSprs() {
        run(2, NOP, mfspr(3, 0, Or1kCpu.SPR_NPC));
        assertEquals(CODE + 8, cpu.x(3));
        run(2, NOP, mfspr(3, 0, Or1kCpu.SPR_PPC));
        assertEquals(CODE, cpu.x(3));
    }

    @Test
    void hostTrapsStopOnSyscallAlreadyPastIt() {
        cpu.setHostTraps(true);
        load(CODE, SYS, NOP);
        cpu.setPc(CODE);
        StopReason s = cpu.run(100);
        assertEquals(new StopReason.Trap(TrapCause.ECALL_FROM_M, CODE, 0), s);
        assertEquals(CODE + 4, cpu.pc());
    }

    @Test
    void hostTrapsStopOnIllegalAtTheInstruction() {
        cpu.setHostTraps(true);
        load(CODE, 0xffff_ffff);
        cpu.setPc(CODE);
        assertEquals(new StopReason.Trap(TrapCause.ILLEGAL_INSTRUCTION, CODE, 0xffff_ffff), cpu.run(100));
        assertEquals(CODE, cpu.pc());
    }

    @Test
    void storeIntoDecodedCodeIsSeen() {
        // The first pass decodes the addi at CODE + 12; the store then rewrites it before the second pass.
        cpu.setX(4, CODE + 12);
        cpu.setX(5, addi(3, 0, 9));
        load(CODE, sw(4, 5, 0), NOP, NOP, addi(3, 0, 1));
        cpu.setPc(CODE + 12);
        cpu.run(1);
        assertEquals(1, cpu.x(3));
        cpu.setPc(CODE);
        cpu.run(4);
        assertEquals(9, cpu.x(3));
    }

    @Test
    void cycleModelChargesTheDividerAndTakenBranches() {
        assertEquals(34, Mor1kxCycleModel.cost(Or1kIsa.Unit.DIV));
        long before = cpu.cycles();
        run(2, j(2), NOP);
        assertEquals(1 + Mor1kxCycleModel.TAKEN_BRANCH_PENALTY + 1, cpu.cycles() - before);
    }
}
