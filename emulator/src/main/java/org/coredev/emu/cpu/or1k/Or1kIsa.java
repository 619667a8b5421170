package org.coredev.emu.cpu.or1k;

import java.util.ArrayList;
import java.util.List;

/**
 * The ORBIS32 and ORFPX32 encodings as data: one row per instruction, fixed bits plus a format,
 * in the order of the OpenRISC 1000 Architecture Manual (chapter 17 "ORBIS32/64", chapter 18
 * "ORFPX32/64"; the unordered float compares are from architecture revision 1.3). Words are the
 * big-endian 32-bit values; the major opcode is bits 31..26. The decoder and the op numbers of the
 * dispatch loop both come from this one list. Every row was checked against or1k-elf-as output
 * (Or1kDecoderTest).
 */
public final class Or1kIsa {
    private Or1kIsa() {}

    /**
     * Which fields an instruction uses, hence how the decoder extracts them. D = rD (25..21),
     * A = rA (20..16), B = rB (15..11), I = 16-bit immediate sign-extended, K = zero-extended,
     * split = the store / l.mtspr immediate in bits 25..21 and 10..0.
     */
    public enum Format {
        /** rD, rA, rB */ DAB,
        /** rD, rA */ DA,
        /** rD, rA, I */ DAI,
        /** rD, rA, K */ DAK,
        /** rD, rA, shift amount (bits 5..0) */ DAL,
        /** rA, rB (set-flag) */ AB,
        /** rA, I (set-flag immediate) */ AI,
        /** rA, rB, split I (stores) */ STORE,
        /** rA, rB, split K (l.mtspr) */ MTSPR,
        /** rD, K (l.movhi) */ DK,
        /** 26-bit word offset, sign-extended, times 4 */ N,
        /** rB (l.jr, l.jalr) */ B,
        /** K only (l.nop, l.sys, l.trap) */ K,
        NONE
    }

    /** The functional unit an instruction occupies; {@link Mor1kxCycleModel} prices units. */
    public enum Unit { ALU, MUL, DIV, LOAD, STORE, BRANCH, JUMP, JUMP_REG, SPR, SYSTEM, RFE, SYNC,
        FP_ADD, FP_MUL, FP_DIV, FP_CVT, FP_CMP, FP_MADD }

    /** One encoding: {@code (word & mask) == match}. */
    public record Pattern(String mnemonic, int mask, int match, Format format, Unit unit, int op) {
        public boolean matches(int word) { return (word & mask) == match; }
    }

    // Op numbers are constants declared above their rows; rows must number 2, 3, 4... in order
    // (checked as the class loads). 0 is "not decoded yet" in the decode cache, 1 illegal.
    public static final int ILLEGAL = 1;
    private static final int FIRST_OP = 2;
    private static final List<Pattern> TABLE = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>(List.of("<undecoded>", "<illegal>"));

    private static void row(int op, String mnemonic, int mask, int match, Format f, Unit u) {
        if (op != FIRST_OP + TABLE.size()) throw new ExceptionInInitializerError(mnemonic + ": op number " + op + " out of sequence");
        TABLE.add(new Pattern(mnemonic, mask, match, f, u, op));
        NAMES.add(mnemonic);
    }

    /** Major opcode only. */
    private static final int OPC = 0xfc00_0000;
    /** Opcode plus the K field fixed to zero where the manual reserves it. */
    private static final int OPC8 = 0xff00_0000;
    /** Register-register ALU: opcode, bits 9..8 and 3..0 (bits 10 and 7..4 reserved or sub-op). */
    private static final int ALU = 0xfc00_030f;
    /** Register-register ALU with the sub-op in bits 7..6 (shifts). */
    private static final int ALU_SUB = 0xfc00_03cf;
    /** Extend and find-first: rB unused, sub-op in bits 9..6. */
    private static final int EXT = 0xfc00_03cf;
    /** Set-flag: opcode plus condition (bits 25..21). */
    private static final int SF = 0xffe0_0000;
    /** Shift immediate: opcode plus bits 7..6. */
    private static final int SHI = 0xfc00_00c0;
    /** ORFPX32: opcode plus bits 7..0. */
    private static final int FP = 0xfc00_00ff;
    /** ORFPX32 compares: also rD = 0. */
    private static final int FPC = 0xffe0_00ff;

    // ORBIS32 control transfer
    public static final int J = 2;
    static { row(J, "l.j", OPC, 0x0000_0000, Format.N, Unit.JUMP); }
    public static final int JAL = 3;
    static { row(JAL, "l.jal", OPC, 0x0400_0000, Format.N, Unit.JUMP); }
    public static final int BNF = 4;
    static { row(BNF, "l.bnf", OPC, 0x0c00_0000, Format.N, Unit.BRANCH); }
    public static final int BF = 5;
    static { row(BF, "l.bf", OPC, 0x1000_0000, Format.N, Unit.BRANCH); }
    public static final int NOP = 6;
    static { row(NOP, "l.nop", OPC8, 0x1500_0000, Format.K, Unit.ALU); }
    public static final int MOVHI = 7;
    static { row(MOVHI, "l.movhi", 0xfc01_0000, 0x1800_0000, Format.DK, Unit.ALU); }
    public static final int SYS = 8;
    static { row(SYS, "l.sys", 0xffff_0000, 0x2000_0000, Format.K, Unit.SYSTEM); }
    public static final int TRAP = 9;
    static { row(TRAP, "l.trap", 0xffff_0000, 0x2100_0000, Format.K, Unit.SYSTEM); }
    public static final int MSYNC = 10;
    static { row(MSYNC, "l.msync", 0xffff_ffff, 0x2200_0000, Format.NONE, Unit.SYNC); }
    public static final int PSYNC = 11;
    static { row(PSYNC, "l.psync", 0xffff_ffff, 0x2280_0000, Format.NONE, Unit.SYNC); }
    public static final int CSYNC = 12;
    static { row(CSYNC, "l.csync", 0xffff_ffff, 0x2300_0000, Format.NONE, Unit.SYNC); }
    public static final int RFE = 13;
    static { row(RFE, "l.rfe", 0xffff_ffff, 0x2400_0000, Format.NONE, Unit.RFE); }
    public static final int JR = 14;
    static { row(JR, "l.jr", 0xffff_07ff, 0x4400_0000, Format.B, Unit.JUMP_REG); }
    public static final int JALR = 15;
    static { row(JALR, "l.jalr", 0xffff_07ff, 0x4800_0000, Format.B, Unit.JUMP_REG); }

    // Loads: rD, I(rA)
    public static final int LWZ = 16;
    static { row(LWZ, "l.lwz", OPC, 0x8400_0000, Format.DAI, Unit.LOAD); }
    public static final int LWS = 17;
    static { row(LWS, "l.lws", OPC, 0x8800_0000, Format.DAI, Unit.LOAD); }
    public static final int LBZ = 18;
    static { row(LBZ, "l.lbz", OPC, 0x8c00_0000, Format.DAI, Unit.LOAD); }
    public static final int LBS = 19;
    static { row(LBS, "l.lbs", OPC, 0x9000_0000, Format.DAI, Unit.LOAD); }
    public static final int LHZ = 20;
    static { row(LHZ, "l.lhz", OPC, 0x9400_0000, Format.DAI, Unit.LOAD); }
    public static final int LHS = 21;
    static { row(LHS, "l.lhs", OPC, 0x9800_0000, Format.DAI, Unit.LOAD); }

    // Immediate ALU
    public static final int ADDI = 22;
    static { row(ADDI, "l.addi", OPC, 0x9c00_0000, Format.DAI, Unit.ALU); }
    public static final int ADDIC = 23;
    static { row(ADDIC, "l.addic", OPC, 0xa000_0000, Format.DAI, Unit.ALU); }
    public static final int ANDI = 24;
    static { row(ANDI, "l.andi", OPC, 0xa400_0000, Format.DAK, Unit.ALU); }
    public static final int ORI = 25;
    static { row(ORI, "l.ori", OPC, 0xa800_0000, Format.DAK, Unit.ALU); }
    public static final int XORI = 26;
    static { row(XORI, "l.xori", OPC, 0xac00_0000, Format.DAI, Unit.ALU); }
    public static final int MULI = 27;
    static { row(MULI, "l.muli", OPC, 0xb000_0000, Format.DAI, Unit.MUL); }
    public static final int MFSPR = 28;
    static { row(MFSPR, "l.mfspr", OPC, 0xb400_0000, Format.DAK, Unit.SPR); }
    public static final int SLLI = 29;
    static { row(SLLI, "l.slli", SHI, 0xb800_0000, Format.DAL, Unit.ALU); }
    public static final int SRLI = 30;
    static { row(SRLI, "l.srli", SHI, 0xb800_0040, Format.DAL, Unit.ALU); }
    public static final int SRAI = 31;
    static { row(SRAI, "l.srai", SHI, 0xb800_0080, Format.DAL, Unit.ALU); }
    public static final int RORI = 32;
    static { row(RORI, "l.rori", SHI, 0xb800_00c0, Format.DAL, Unit.ALU); }

    // Set flag, immediate (condition in bits 25..21)
    public static final int SFEQI = 33;
    static { row(SFEQI, "l.sfeqi", SF, 0xbc00_0000, Format.AI, Unit.ALU); }
    public static final int SFNEI = 34;
    static { row(SFNEI, "l.sfnei", SF, 0xbc20_0000, Format.AI, Unit.ALU); }
    public static final int SFGTUI = 35;
    static { row(SFGTUI, "l.sfgtui", SF, 0xbc40_0000, Format.AI, Unit.ALU); }
    public static final int SFGEUI = 36;
    static { row(SFGEUI, "l.sfgeui", SF, 0xbc60_0000, Format.AI, Unit.ALU); }
    public static final int SFLTUI = 37;
    static { row(SFLTUI, "l.sfltui", SF, 0xbc80_0000, Format.AI, Unit.ALU); }
    public static final int SFLEUI = 38;
    static { row(SFLEUI, "l.sfleui", SF, 0xbca0_0000, Format.AI, Unit.ALU); }
    public static final int SFGTSI = 39;
    static { row(SFGTSI, "l.sfgtsi", SF, 0xbd40_0000, Format.AI, Unit.ALU); }
    public static final int SFGESI = 40;
    static { row(SFGESI, "l.sfgesi", SF, 0xbd60_0000, Format.AI, Unit.ALU); }
    public static final int SFLTSI = 41;
    static { row(SFLTSI, "l.sfltsi", SF, 0xbd80_0000, Format.AI, Unit.ALU); }
    public static final int SFLESI = 42;
    static { row(SFLESI, "l.sflesi", SF, 0xbda0_0000, Format.AI, Unit.ALU); }

    public static final int MTSPR = 43;
    static { row(MTSPR, "l.mtspr", OPC, 0xc000_0000, Format.MTSPR, Unit.SPR); }

    // ORFPX32 (single precision in general registers)
    public static final int LF_ADD_S = 44;
    static { row(LF_ADD_S, "lf.add.s", FP, 0xc800_0000, Format.DAB, Unit.FP_ADD); }
    public static final int LF_SUB_S = 45;
    static { row(LF_SUB_S, "lf.sub.s", FP, 0xc800_0001, Format.DAB, Unit.FP_ADD); }
    public static final int LF_MUL_S = 46;
    static { row(LF_MUL_S, "lf.mul.s", FP, 0xc800_0002, Format.DAB, Unit.FP_MUL); }
    public static final int LF_DIV_S = 47;
    static { row(LF_DIV_S, "lf.div.s", FP, 0xc800_0003, Format.DAB, Unit.FP_DIV); }
    public static final int LF_ITOF_S = 48;
    static { row(LF_ITOF_S, "lf.itof.s", 0xfc00_f8ff, 0xc800_0004, Format.DA, Unit.FP_CVT); }
    public static final int LF_FTOI_S = 49;
    static { row(LF_FTOI_S, "lf.ftoi.s", 0xfc00_f8ff, 0xc800_0005, Format.DA, Unit.FP_CVT); }
    public static final int LF_REM_S = 50;
    static { row(LF_REM_S, "lf.rem.s", FP, 0xc800_0006, Format.DAB, Unit.FP_DIV); }
    public static final int LF_MADD_S = 51;
    static { row(LF_MADD_S, "lf.madd.s", FP, 0xc800_0007, Format.DAB, Unit.FP_MADD); }
    public static final int LF_SFEQ_S = 52;
    static { row(LF_SFEQ_S, "lf.sfeq.s", FPC, 0xc800_0008, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFNE_S = 53;
    static { row(LF_SFNE_S, "lf.sfne.s", FPC, 0xc800_0009, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFGT_S = 54;
    static { row(LF_SFGT_S, "lf.sfgt.s", FPC, 0xc800_000a, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFGE_S = 55;
    static { row(LF_SFGE_S, "lf.sfge.s", FPC, 0xc800_000b, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFLT_S = 56;
    static { row(LF_SFLT_S, "lf.sflt.s", FPC, 0xc800_000c, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFLE_S = 57;
    static { row(LF_SFLE_S, "lf.sfle.s", FPC, 0xc800_000d, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFUEQ_S = 58;
    static { row(LF_SFUEQ_S, "lf.sfueq.s", FPC, 0xc800_0028, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFUNE_S = 59;
    static { row(LF_SFUNE_S, "lf.sfune.s", FPC, 0xc800_0029, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFUGT_S = 60;
    static { row(LF_SFUGT_S, "lf.sfugt.s", FPC, 0xc800_002a, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFUGE_S = 61;
    static { row(LF_SFUGE_S, "lf.sfuge.s", FPC, 0xc800_002b, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFULT_S = 62;
    static { row(LF_SFULT_S, "lf.sfult.s", FPC, 0xc800_002c, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFULE_S = 63;
    static { row(LF_SFULE_S, "lf.sfule.s", FPC, 0xc800_002d, Format.AB, Unit.FP_CMP); }
    public static final int LF_SFUN_S = 64;
    static { row(LF_SFUN_S, "lf.sfun.s", FPC, 0xc800_002e, Format.AB, Unit.FP_CMP); }

    // Stores: I(rA), rB
    public static final int SW = 65;
    static { row(SW, "l.sw", OPC, 0xd400_0000, Format.STORE, Unit.STORE); }
    public static final int SB = 66;
    static { row(SB, "l.sb", OPC, 0xd800_0000, Format.STORE, Unit.STORE); }
    public static final int SH = 67;
    static { row(SH, "l.sh", OPC, 0xdc00_0000, Format.STORE, Unit.STORE); }

    // Register-register ALU (opcode 0x38)
    public static final int ADD = 68;
    static { row(ADD, "l.add", ALU, 0xe000_0000, Format.DAB, Unit.ALU); }
    public static final int ADDC = 69;
    static { row(ADDC, "l.addc", ALU, 0xe000_0001, Format.DAB, Unit.ALU); }
    public static final int SUB = 70;
    static { row(SUB, "l.sub", ALU, 0xe000_0002, Format.DAB, Unit.ALU); }
    public static final int AND = 71;
    static { row(AND, "l.and", ALU, 0xe000_0003, Format.DAB, Unit.ALU); }
    public static final int OR = 72;
    static { row(OR, "l.or", ALU, 0xe000_0004, Format.DAB, Unit.ALU); }
    public static final int XOR = 73;
    static { row(XOR, "l.xor", ALU, 0xe000_0005, Format.DAB, Unit.ALU); }
    public static final int MUL = 74;
    static { row(MUL, "l.mul", ALU, 0xe000_0306, Format.DAB, Unit.MUL); }
    public static final int SLL = 75;
    static { row(SLL, "l.sll", ALU_SUB, 0xe000_0008, Format.DAB, Unit.ALU); }
    public static final int SRL = 76;
    static { row(SRL, "l.srl", ALU_SUB, 0xe000_0048, Format.DAB, Unit.ALU); }
    public static final int SRA = 77;
    static { row(SRA, "l.sra", ALU_SUB, 0xe000_0088, Format.DAB, Unit.ALU); }
    public static final int ROR = 78;
    static { row(ROR, "l.ror", ALU_SUB, 0xe000_00c8, Format.DAB, Unit.ALU); }
    public static final int DIV = 79;
    static { row(DIV, "l.div", ALU, 0xe000_0309, Format.DAB, Unit.DIV); }
    public static final int DIVU = 80;
    static { row(DIVU, "l.divu", ALU, 0xe000_030a, Format.DAB, Unit.DIV); }
    public static final int MULU = 81;
    static { row(MULU, "l.mulu", ALU, 0xe000_030b, Format.DAB, Unit.MUL); }
    public static final int EXTHS = 82;
    static { row(EXTHS, "l.exths", EXT, 0xe000_000c, Format.DA, Unit.ALU); }
    public static final int EXTBS = 83;
    static { row(EXTBS, "l.extbs", EXT, 0xe000_004c, Format.DA, Unit.ALU); }
    public static final int EXTHZ = 84;
    static { row(EXTHZ, "l.exthz", EXT, 0xe000_008c, Format.DA, Unit.ALU); }
    public static final int EXTBZ = 85;
    static { row(EXTBZ, "l.extbz", EXT, 0xe000_00cc, Format.DA, Unit.ALU); }
    public static final int EXTWS = 86;
    static { row(EXTWS, "l.extws", EXT, 0xe000_000d, Format.DA, Unit.ALU); }
    public static final int EXTWZ = 87;
    static { row(EXTWZ, "l.extwz", EXT, 0xe000_004d, Format.DA, Unit.ALU); }
    public static final int CMOV = 88;
    static { row(CMOV, "l.cmov", ALU, 0xe000_000e, Format.DAB, Unit.ALU); }
    public static final int FF1 = 89;
    static { row(FF1, "l.ff1", ALU, 0xe000_000f, Format.DA, Unit.ALU); }
    public static final int FL1 = 90;
    static { row(FL1, "l.fl1", ALU, 0xe000_010f, Format.DA, Unit.ALU); }

    // Set flag, register (opcode 0x39)
    public static final int SFEQ = 91;
    static { row(SFEQ, "l.sfeq", SF, 0xe400_0000, Format.AB, Unit.ALU); }
    public static final int SFNE = 92;
    static { row(SFNE, "l.sfne", SF, 0xe420_0000, Format.AB, Unit.ALU); }
    public static final int SFGTU = 93;
    static { row(SFGTU, "l.sfgtu", SF, 0xe440_0000, Format.AB, Unit.ALU); }
    public static final int SFGEU = 94;
    static { row(SFGEU, "l.sfgeu", SF, 0xe460_0000, Format.AB, Unit.ALU); }
    public static final int SFLTU = 95;
    static { row(SFLTU, "l.sfltu", SF, 0xe480_0000, Format.AB, Unit.ALU); }
    public static final int SFLEU = 96;
    static { row(SFLEU, "l.sfleu", SF, 0xe4a0_0000, Format.AB, Unit.ALU); }
    public static final int SFGTS = 97;
    static { row(SFGTS, "l.sfgts", SF, 0xe540_0000, Format.AB, Unit.ALU); }
    public static final int SFGES = 98;
    static { row(SFGES, "l.sfges", SF, 0xe560_0000, Format.AB, Unit.ALU); }
    public static final int SFLTS = 99;
    static { row(SFLTS, "l.sflts", SF, 0xe580_0000, Format.AB, Unit.ALU); }
    public static final int SFLES = 100;
    static { row(SFLES, "l.sfles", SF, 0xe5a0_0000, Format.AB, Unit.ALU); }

    /** One more than the largest op number: the size of per-op tables. */
    public static final int OP_COUNT = FIRST_OP + 99;

    static {
        if (OP_COUNT != FIRST_OP + TABLE.size()) throw new ExceptionInInitializerError("OP_COUNT is stale");
    }

    /** All encodings, in table order. */
    public static List<Pattern> patterns() { return List.copyOf(TABLE); }

    /** Mnemonic of an op number, for traces and error messages. */
    public static String name(int op) { return NAMES.get(op); }

    /** Pairs of patterns that some word matches both of: the table must have none. */
    public static List<String> overlaps() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            for (int j = i + 1; j < TABLE.size(); j++) {
                Pattern a = TABLE.get(i), b = TABLE.get(j);
                if (((a.match() ^ b.match()) & a.mask() & b.mask()) == 0) out.add(a.mnemonic() + " / " + b.mnemonic());
            }
        }
        return out;
    }

    static {
        List<String> clash = overlaps();
        if (!clash.isEmpty()) throw new ExceptionInInitializerError("overlapping OR1K encodings: " + clash);
    }
}
