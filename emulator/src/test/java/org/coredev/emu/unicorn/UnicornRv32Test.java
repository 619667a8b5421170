package org.coredev.emu.unicorn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Instruction words are hand-assembled (checked with riscv64-unknown-elf-as -march=rv32imafd). */
class UnicornRv32Test {

    private static final int RAM = 0x4000_0000;
    private static final int DATA = RAM + 0x1000;

    private static final int ADDI_X1_X0_5 = 0x0050_0093;     // addi x1, x0, 5
    private static final int ADDI_X2_X0_M3 = 0xffd0_0113;    // addi x2, x0, -3
    private static final int ADDI_X1_X1_1 = 0x0010_8093;     // addi x1, x1, 1
    private static final int ADD_X3_X1_X2 = 0x0020_81b3;     // add x3, x1, x2
    private static final int SUB_X4_X1_X2 = 0x4020_8233;     // sub x4, x1, x2
    private static final int SW_X1_8_X5 = 0x0012_a423;       // sw x1, 8(x5)
    private static final int LW_X6_8_X5 = 0x0082_a303;       // lw x6, 8(x5)
    private static final int LW_X6_1_X5 = 0x0012_a303;       // lw x6, 1(x5)
    private static final int SB_X2_0_X5 = 0x0022_8023;       // sb x2, 0(x5)
    private static final int LW_X6_0_X11 = 0x0005_a303;      // lw x6, 0(x11)
    private static final int SW_X1_0_X11 = 0x0015_a023;      // sw x1, 0(x11)
    private static final int JALR_X0_0_X11 = 0x0005_8067;    // jalr x0, 0(x11)
    private static final int JAL_X0_M4 = 0xffdf_f06f;        // jal x0, -4
    private static final int MUL_X7_X1_X2 = 0x0220_83b3;     // mul x7, x1, x2
    private static final int MULH_X10_X1_X2 = 0x0220_9533;   // mulh x10, x1, x2
    private static final int DIV_X8_X2_X1 = 0x0211_4433;     // div x8, x2, x1
    private static final int REM_X9_X2_X1 = 0x0211_64b3;     // rem x9, x2, x1
    private static final int DIV_X8_X1_X0 = 0x0200_c433;     // div x8, x1, x0
    private static final int DIVU_X8_X2_X1 = 0x0211_5433;    // divu x8, x2, x1
    private static final int FADD_S_F3_F1_F2 = 0x0020_f1d3;  // fadd.s f3, f1, f2 (rm = dyn)
    private static final int FADD_D_F3_F1_F2 = 0x0220_f1d3;  // fadd.d f3, f1, f2 (rm = dyn)
    private static final int FLW_F5_16_X5 = 0x0102_a287;     // flw f5, 16(x5)
    private static final int FSD_F3_16_X5 = 0x0032_b827;     // fsd f3, 16(x5)
    private static final int AMOADD_W_X10_X1_X5 = 0x0012_a52f; // amoadd.w x10, x1, (x5)
    private static final int AMOADD_W_X10_X1_X6 = 0x0013_252f; // amoadd.w x10, x1, (x6)
    private static final int LR_W_X12_X5 = 0x1002_a62f;      // lr.w x12, (x5)
    private static final int SC_W_X13_X1_X5 = 0x1812_a6af;   // sc.w x13, x1, (x5)
    private static final int CSRRC_X0_MSTATUS_X7 = 0x3003_b073; // csrrc x0, mstatus, x7
    private static final int CSRRS_X14_MISA_X0 = 0x3010_2773;   // csrr x14, misa
    private static final int ECALL = 0x0000_0073;
    private static final int EBREAK = 0x0010_0073;

    private static final long ONE_POINT_FIVE_F_BOXED = 0xffff_ffff_3fc0_0000L;
    private static final long POINT_ONE_F_BOXED = 0xffff_ffff_3dcc_cccdL;
    private static final int FFLAGS_NX = 1;

    private UnicornRv32 hart;

    @BeforeEach
    void openHart() {
        hart = new UnicornRv32();
        hart.mapRam(RAM, 0x10_0000);
        hart.setX(5, DATA);
    }

    @AfterEach
    void closeHart() {
        hart.close();
    }

    private StepResult run(int... words) {
        hart.writeWords(RAM, words);
        hart.setPc(RAM);
        StepResult last = null;
        for (int i = 0; i < words.length; i++) {
            last = hart.step();
        }
        return last;
    }

    @Test
    void addiWritesImmediateAndAdvancesPc() {
        StepResult result = run(ADDI_X1_X0_5);
        assertEquals(new StepResult.Retired(List.of()), result);
        assertEquals(5, hart.x(1));
        assertEquals(RAM + 4, hart.pc());
    }

    @Test
    void addiSignExtendsNegativeImmediate() {
        run(ADDI_X2_X0_M3);
        assertEquals(-3, hart.x(2));
    }

    @Test
    void addAndSubCombineRegisters() {
        run(ADDI_X1_X0_5, ADDI_X2_X0_M3, ADD_X3_X1_X2, SUB_X4_X1_X2);
        assertEquals(2, hart.x(3));
        assertEquals(8, hart.x(4));
    }

    @Test
    void stepExecutesExactlyOneInstruction() {
        hart.writeWords(RAM, ADDI_X1_X0_5, ADDI_X2_X0_M3);
        hart.setPc(RAM);
        hart.step();
        assertEquals(5, hart.x(1));
        assertEquals(0, hart.x(2));
        assertEquals(RAM + 4, hart.pc());
    }

    @Test
    void rewrittenInstructionTakesEffect() {
        run(ADDI_X1_X0_5);
        run(ADDI_X2_X0_M3);
        assertEquals(-3, hart.x(2));
    }

    @Test
    void writeToX0IsDiscarded() {
        hart.setX(0, 7);
        assertEquals(0, hart.x(0));
    }

    @Test
    void allIntegerRegistersAreReadInOneCall() {
        for (int i = 1; i < 32; i++) {
            hart.setX(i, 1000 + i);
        }
        int[] expected = new int[32];
        for (int i = 1; i < 32; i++) {
            expected[i] = 1000 + i;
        }
        assertArrayEquals(expected, hart.xs());
    }

    @Test
    void storeIsReportedAndLoadReadsItBack() {
        hart.setX(1, 0x1234_5678);
        hart.writeWords(RAM, SW_X1_8_X5, LW_X6_8_X5);
        hart.setPc(RAM);
        StepResult store = hart.step();
        assertEquals(List.of(new MemoryWrite(DATA + 8, 4, 0x1234_5678)), store.writes());
        assertArrayEquals(new byte[] {0x78, 0x56, 0x34, 0x12}, hart.read(DATA + 8, 4));
        StepResult load = hart.step();
        assertEquals(List.of(), load.writes());
        assertEquals(0x1234_5678, hart.x(6));
    }

    @Test
    void storedByteIsReportedZeroExtended() {
        hart.setX(2, -3);
        StepResult result = run(SB_X2_0_X5);
        assertEquals(List.of(new MemoryWrite(DATA, 1, 0xfd)), result.writes());
    }

    @Test
    void mulAndDivFollowRv32m() {
        run(ADDI_X1_X0_5, ADDI_X2_X0_M3, MUL_X7_X1_X2, MULH_X10_X1_X2, DIV_X8_X2_X1, REM_X9_X2_X1);
        assertEquals(-15, hart.x(7));
        assertEquals(-1, hart.x(10), "upper half of -15");
        assertEquals(0, hart.x(8), "div rounds toward zero");
        assertEquals(-3, hart.x(9));
    }

    @Test
    void divisionByZeroGivesAllOnes() {
        run(ADDI_X1_X0_5, DIV_X8_X1_X0);
        assertEquals(-1, hart.x(8));
    }

    @Test
    void divuTreatsOperandsAsUnsigned() {
        run(ADDI_X1_X0_5, ADDI_X2_X0_M3, DIVU_X8_X2_X1);
        assertEquals(Integer.divideUnsigned(-3, 5), hart.x(8));
    }

    @Test
    void faddSingleOfNanBoxedInputsSetsInexact() {
        hart.setF(1, ONE_POINT_FIVE_F_BOXED);
        hart.setF(2, POINT_ONE_F_BOXED);
        StepResult result = run(FADD_S_F3_F1_F2);
        assertInstanceOf(StepResult.Retired.class, result);
        assertEquals(Float.floatToRawIntBits(1.5f + 0.1f), (int) hart.f(3));
        assertEquals(FFLAGS_NX, hart.fflags());
    }

    @Test
    void singlePrecisionResultIsNotNanBoxedByUnicorn201() {
        hart.setF(1, ONE_POINT_FIVE_F_BOXED);
        hart.setF(2, POINT_ONE_F_BOXED);
        run(FADD_S_F3_F1_F2);
        assertEquals(0, hart.f(3) >>> 32, "upper half of f3 (a NaN-boxing hart would give 0xffffffff)");
    }

    @Test
    void flwNanBoxesTheLoadedValue() {
        hart.write(DATA + 16, new byte[] {0, 0, (byte) 0xc0, 0x3f});
        run(FLW_F5_16_X5);
        assertEquals(ONE_POINT_FIVE_F_BOXED, hart.f(5));
    }

    @Test
    void faddDoubleRoundsToNearestAndSetsInexact() {
        hart.setF(1, Double.doubleToRawLongBits(1.5));
        hart.setF(2, Double.doubleToRawLongBits(0.1));
        run(FADD_D_F3_F1_F2);
        assertEquals(Double.doubleToRawLongBits(1.5 + 0.1), hart.f(3));
        assertEquals(FFLAGS_NX, hart.fcsr());
    }

    @Test
    void fRegistersKeepAll64Bits() {
        hart.setF(7, 0x0123_4567_89ab_cdefL);
        hart.setF(31, -2L);
        assertEquals(0x0123_4567_89ab_cdefL, hart.f(7));
        long[] all = hart.fs();
        assertEquals(0x0123_4567_89ab_cdefL, all[7]);
        assertEquals(-2L, all[31]);
        assertEquals(0L, all[0]);
    }

    @Test
    void fRegisterAccessLeavesPcAndWriteLogAlone() {
        hart.writeWords(RAM, ADDI_X1_X0_5);
        hart.setPc(RAM);
        hart.setF(3, 42);
        hart.f(3);
        hart.fs();
        assertEquals(RAM, hart.pc());
        assertEquals(new StepResult.Retired(List.of()), hart.step());
        assertEquals(5, hart.x(1));
    }

    @Test
    void fsdReportsAnEightByteWrite() {
        hart.setF(3, 0x0123_4567_89ab_cdefL);
        StepResult result = run(FSD_F3_16_X5);
        assertEquals(List.of(new MemoryWrite(DATA + 16, 8, 0x0123_4567_89ab_cdefL)), result.writes());
    }

    @Test
    void fcsrRoundTripsRoundingModeAndFlags() {
        hart.setFcsr(0b001_00001);
        assertEquals(0b001_00001, hart.fcsr());
        assertEquals(1, hart.frm());
        assertEquals(FFLAGS_NX, hart.fflags());
    }

    @Test
    void floatingPointIsIllegalOnceMstatusFsIsCleared() {
        hart.setX(7, 3 << 13);
        StepResult result = run(CSRRC_X0_MSTATUS_X7, FADD_S_F3_F1_F2);
        assertEquals(new StepResult.Trap(RAM + 4, StepResult.Trap.ILLEGAL_INSTRUCTION, List.of()), result);
    }

    @Test
    void amoaddReturnsOldValueAndReportsTheStore() {
        hart.writeWords(DATA, 10);
        hart.setX(1, 5);
        StepResult result = run(AMOADD_W_X10_X1_X5);
        assertEquals(10, hart.x(10));
        assertEquals(List.of(new MemoryWrite(DATA, 4, 15)), result.writes());
        assertArrayEquals(new byte[] {15, 0, 0, 0}, hart.read(DATA, 4));
    }

    @Test
    void storeConditionalAfterLoadReservedSucceeds() {
        hart.writeWords(DATA, 10);
        hart.setX(1, 7);
        hart.setX(13, -1);
        StepResult result = run(LR_W_X12_X5, SC_W_X13_X1_X5);
        assertEquals(10, hart.x(12));
        assertEquals(0, hart.x(13), "sc.w success code");
        assertEquals(List.of(new MemoryWrite(DATA, 4, 7)), result.writes());
    }

    @Test
    void misalignedAmoTrapsAsLoadAddressMisaligned() {
        hart.setX(6, DATA + 1);
        StepResult result = run(AMOADD_W_X10_X1_X6);
        assertEquals(new StepResult.Trap(RAM, 4, List.of()), result);
        assertEquals(RAM, hart.pc());
    }

    @Test
    void misalignedLoadIsPerformedWithoutTrap() {
        hart.write(DATA, new byte[] {1, 2, 3, 4, 5, 6});
        StepResult result = run(LW_X6_1_X5);
        assertInstanceOf(StepResult.Retired.class, result);
        assertEquals(0x0504_0302, hart.x(6));
    }

    @Test
    void ecallIsReportedAsTrapAndLeavesPcOnIt() {
        hart.writeWords(RAM, ECALL, ADDI_X1_X0_5);
        hart.setPc(RAM);
        StepResult result = hart.step();
        assertEquals(new StepResult.Trap(RAM, StepResult.Trap.ECALL, List.of()), result);
        assertEquals(RAM, hart.pc());
        assertEquals(0, hart.x(1), "the instruction after ecall did not run");
    }

    @Test
    void ebreakIsReportedAsBreakpoint() {
        StepResult result = run(EBREAK);
        assertEquals(new StepResult.Trap(RAM, StepResult.Trap.BREAKPOINT, List.of()), result);
        assertEquals(RAM, hart.pc());
    }

    @Test
    void illegalInstructionIsReportedWithCauseTwo() {
        StepResult result = run(0x0000_0000);
        assertEquals(new StepResult.Trap(RAM, StepResult.Trap.ILLEGAL_INSTRUCTION, List.of()), result);
    }

    @Test
    void loadFromUnmappedMemoryIsAFaultThatKeepsTheDestination() {
        hart.setX(6, 77);
        hart.setX(11, 0x1000_0010);
        StepResult result = run(LW_X6_0_X11);
        assertEquals(new StepResult.Fault(RAM, StepResult.Access.READ, 0x1000_0010, Unicorn.UC_ERR_READ_UNMAPPED,
                List.of()), result);
        assertEquals(77, hart.x(6));
        assertEquals(RAM, hart.pc());
    }

    @Test
    void storeToUnmappedMemoryIsAFaultWithoutAReportedWrite() {
        hart.setX(11, 0x1000_0010);
        StepResult result = run(SW_X1_0_X11);
        assertEquals(new StepResult.Fault(RAM, StepResult.Access.WRITE, 0x1000_0010, Unicorn.UC_ERR_WRITE_UNMAPPED,
                List.of()), result);
    }

    @Test
    void jumpToUnmappedMemoryRetiresThenTheFetchFaults() {
        hart.setX(11, 0x2000_0000);
        assertEquals(new StepResult.Retired(List.of()), run(JALR_X0_0_X11));
        assertEquals(0x2000_0000, hart.pc());
        StepResult fetch = hart.step();
        assertEquals(new StepResult.Fault(0x2000_0000, StepResult.Access.FETCH, 0x2000_0000,
                Unicorn.UC_ERR_FETCH_UNMAPPED, List.of()), fetch);
    }

    @Test
    void hartRunsInMachineModeWithImafd() {
        StepResult result = run(CSRRS_X14_MISA_X0);
        assertInstanceOf(StepResult.Retired.class, result, "misa is readable only in M-mode");
        int misa = hart.x(14);
        assertEquals(1, misa >>> 30, "MXL = 32");
        for (char extension : "IMAFD".toCharArray()) {
            assertEquals(1, (misa >>> (extension - 'A')) & 1, "misa." + extension);
        }
    }

    @Test
    void runStopsWhenTheBudgetIsSpent() {
        hart.writeWords(RAM, ADDI_X1_X1_1, JAL_X0_M4);
        hart.setPc(RAM);
        assertEquals(new StepResult.Retired(List.of()), hart.run(1001));
        assertEquals(501, hart.x(1));
        assertEquals(RAM + 4, hart.pc());
    }

    @Test
    void runStopsAtEcallWithItsPc() {
        hart.writeWords(RAM, ADDI_X1_X1_1, ADDI_X1_X1_1, ECALL, ADDI_X1_X1_1);
        hart.setPc(RAM);
        assertEquals(new StepResult.Trap(RAM + 8, StepResult.Trap.ECALL, List.of()), hart.run(100));
        assertEquals(2, hart.x(1));
        assertEquals(RAM + 8, hart.pc());
    }

    @Test
    void runStopsAtAnUnmappedLoadWithItsPc() {
        hart.setX(11, 0x1000_0000);
        hart.writeWords(RAM, ADDI_X1_X1_1, ADDI_X1_X1_1, LW_X6_0_X11, ADDI_X1_X1_1);
        hart.setPc(RAM);
        assertEquals(new StepResult.Fault(RAM + 8, StepResult.Access.READ, 0x1000_0000, Unicorn.UC_ERR_READ_UNMAPPED,
                List.of()), hart.run(100));
        assertEquals(2, hart.x(1));
    }

    @Test
    void hundredThousandSingleStepsRunTheLoopExactly() {
        hart.writeWords(RAM, ADDI_X1_X1_1, SW_X1_8_X5, 0xff9f_f06f); // ...; jal x0, -8
        hart.setPc(RAM);
        StepResult last = null;
        for (int i = 0; i < 100_000; i++) {
            last = hart.step();
        }
        // 100000 = 33333 loops of 3 instructions + the addi of loop 33334
        assertEquals(33_334, hart.x(1));
        assertEquals(RAM + 4, hart.pc());
        assertEquals(new StepResult.Retired(List.of()), last);
        assertArrayEquals(new byte[] {0x35, (byte) 0x82, 0, 0}, hart.read(DATA + 8, 4), "33333 stored last");
    }

    @Test
    void registerIndexOutsideTheFileIsRejected() {
        UnicornException e = assertThrows(UnicornException.class, () -> hart.x(32));
        assertEquals("register index 32 out of range 0..31", e.getMessage());
    }
}
