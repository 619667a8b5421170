package org.coredev.emu.cpu.rv32;

import java.util.ArrayList;
import java.util.List;

/**
 * The RV32IMAFD + Zicsr + Zifencei encodings as data: one row per instruction, fixed bits plus a
 * format, in the order of the ISA manual's opcode tables (unprivileged spec, chapter 34 "RV32/64G
 * Instruction Set Listings"; mret and wfi from the privileged spec). The decoder and the
 * op numbers used by the dispatch loop are both derived from this one list.
 */
public final class Rv32Isa {
    private Rv32Isa() {}

    /** Which fields an instruction uses, hence how the decoder extracts them. */
    public enum Format { R, I, S, B, U, J, SHIFT, CSR, CSRI, R4, FR, FR1, NONE }

    /** ISA extensions; a core built without F and D rejects their rows as illegal. */
    public enum Extension { I, M, A, F, D, ZICSR, ZIFENCEI }

    /** The functional unit an instruction occupies; the cycle model prices units, not mnemonics. */
    public enum Unit { ALU, LOAD, STORE, BRANCH, JUMP, MUL, DIV, ATOMIC, CSR, SYSTEM, FENCE_I,
        FP_ADD, FP_MUL, FP_FMA, FP_DIV_S, FP_DIV_D, FP_SQRT_S, FP_SQRT_D, FP_CVT, FP_MOVE, FP_CMP, FP_LOAD, FP_STORE }

    /** One encoding: {@code (word & mask) == match}. */
    public record Pattern(String mnemonic, int mask, int match, Format format, Extension extension, Unit unit, int op) {
        public boolean matches(int word) { return (word & mask) == match; }
    }

    // Op numbers are compile-time constants so the dispatch loop can switch on them; each is
    // declared right above its table row, and the rows must number 2, 3, 4... in order (checked
    // when the class loads), so constants and table cannot drift apart.
    // 0 means "not decoded yet" in the decode cache.
    public static final int ILLEGAL = 1;
    private static final int FIRST_OP = 2;
    private static final List<Pattern> TABLE = new ArrayList<>();
    private static final List<String> NAMES = new ArrayList<>(List.of("<undecoded>", "<illegal>"));

    private static void row(int op, String mnemonic, int mask, int match, Format f, Extension e, Unit u) {
        if (op != FIRST_OP + TABLE.size()) throw new ExceptionInInitializerError(mnemonic + ": op number " + op + " out of sequence");
        TABLE.add(new Pattern(mnemonic, mask, match, f, e, u, op));
        NAMES.add(mnemonic);
    }

    private static final int OPC = 0x0000_007f, F3 = 0x0000_707f, F7F3 = 0xfe00_707f, ALL = 0xffff_ffff;
    private static final int F7 = 0xfe00_007f, F7RS2 = 0xfff0_007f, F7RS2F3 = 0xfff0_707f, FMT2 = 0x0600_007f;

    // RV32I
    public static final int LUI = 2;
    static { row(LUI, "lui", OPC, 0x37, Format.U, Extension.I, Unit.ALU); }
    public static final int AUIPC = 3;
    static { row(AUIPC, "auipc", OPC, 0x17, Format.U, Extension.I, Unit.ALU); }
    public static final int JAL = 4;
    static { row(JAL, "jal", OPC, 0x6f, Format.J, Extension.I, Unit.JUMP); }
    public static final int JALR = 5;
    static { row(JALR, "jalr", F3, 0x67, Format.I, Extension.I, Unit.JUMP); }
    public static final int BEQ = 6;
    static { row(BEQ, "beq", F3, 0x0063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int BNE = 7;
    static { row(BNE, "bne", F3, 0x1063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int BLT = 8;
    static { row(BLT, "blt", F3, 0x4063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int BGE = 9;
    static { row(BGE, "bge", F3, 0x5063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int BLTU = 10;
    static { row(BLTU, "bltu", F3, 0x6063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int BGEU = 11;
    static { row(BGEU, "bgeu", F3, 0x7063, Format.B, Extension.I, Unit.BRANCH); }
    public static final int LB = 12;
    static { row(LB, "lb", F3, 0x0003, Format.I, Extension.I, Unit.LOAD); }
    public static final int LH = 13;
    static { row(LH, "lh", F3, 0x1003, Format.I, Extension.I, Unit.LOAD); }
    public static final int LW = 14;
    static { row(LW, "lw", F3, 0x2003, Format.I, Extension.I, Unit.LOAD); }
    public static final int LBU = 15;
    static { row(LBU, "lbu", F3, 0x4003, Format.I, Extension.I, Unit.LOAD); }
    public static final int LHU = 16;
    static { row(LHU, "lhu", F3, 0x5003, Format.I, Extension.I, Unit.LOAD); }
    public static final int SB = 17;
    static { row(SB, "sb", F3, 0x0023, Format.S, Extension.I, Unit.STORE); }
    public static final int SH = 18;
    static { row(SH, "sh", F3, 0x1023, Format.S, Extension.I, Unit.STORE); }
    public static final int SW = 19;
    static { row(SW, "sw", F3, 0x2023, Format.S, Extension.I, Unit.STORE); }
    public static final int ADDI = 20;
    static { row(ADDI, "addi", F3, 0x0013, Format.I, Extension.I, Unit.ALU); }
    public static final int SLTI = 21;
    static { row(SLTI, "slti", F3, 0x2013, Format.I, Extension.I, Unit.ALU); }
    public static final int SLTIU = 22;
    static { row(SLTIU, "sltiu", F3, 0x3013, Format.I, Extension.I, Unit.ALU); }
    public static final int XORI = 23;
    static { row(XORI, "xori", F3, 0x4013, Format.I, Extension.I, Unit.ALU); }
    public static final int ORI = 24;
    static { row(ORI, "ori", F3, 0x6013, Format.I, Extension.I, Unit.ALU); }
    public static final int ANDI = 25;
    static { row(ANDI, "andi", F3, 0x7013, Format.I, Extension.I, Unit.ALU); }
    public static final int SLLI = 26;
    static { row(SLLI, "slli", F7F3, 0x1013, Format.SHIFT, Extension.I, Unit.ALU); }
    public static final int SRLI = 27;
    static { row(SRLI, "srli", F7F3, 0x5013, Format.SHIFT, Extension.I, Unit.ALU); }
    public static final int SRAI = 28;
    static { row(SRAI, "srai", F7F3, 0x4000_5013, Format.SHIFT, Extension.I, Unit.ALU); }
    public static final int ADD = 29;
    static { row(ADD, "add", F7F3, 0x0033, Format.R, Extension.I, Unit.ALU); }
    public static final int SUB = 30;
    static { row(SUB, "sub", F7F3, 0x4000_0033, Format.R, Extension.I, Unit.ALU); }
    public static final int SLL = 31;
    static { row(SLL, "sll", F7F3, 0x1033, Format.R, Extension.I, Unit.ALU); }
    public static final int SLT = 32;
    static { row(SLT, "slt", F7F3, 0x2033, Format.R, Extension.I, Unit.ALU); }
    public static final int SLTU = 33;
    static { row(SLTU, "sltu", F7F3, 0x3033, Format.R, Extension.I, Unit.ALU); }
    public static final int XOR = 34;
    static { row(XOR, "xor", F7F3, 0x4033, Format.R, Extension.I, Unit.ALU); }
    public static final int SRL = 35;
    static { row(SRL, "srl", F7F3, 0x5033, Format.R, Extension.I, Unit.ALU); }
    public static final int SRA = 36;
    static { row(SRA, "sra", F7F3, 0x4000_5033, Format.R, Extension.I, Unit.ALU); }
    public static final int OR = 37;
    static { row(OR, "or", F7F3, 0x6033, Format.R, Extension.I, Unit.ALU); }
    public static final int AND = 38;
    static { row(AND, "and", F7F3, 0x7033, Format.R, Extension.I, Unit.ALU); }
    // fence ignores its fm/pred/succ/rs1/rd fields, as the base ISA allows.
    public static final int FENCE = 39;
    static { row(FENCE, "fence", F3, 0x000f, Format.NONE, Extension.I, Unit.ALU); }
    public static final int ECALL = 40;
    static { row(ECALL, "ecall", ALL, 0x0000_0073, Format.NONE, Extension.I, Unit.SYSTEM); }
    public static final int EBREAK = 41;
    static { row(EBREAK, "ebreak", ALL, 0x0010_0073, Format.NONE, Extension.I, Unit.SYSTEM); }
    public static final int MRET = 42;
    static { row(MRET, "mret", ALL, 0x3020_0073, Format.NONE, Extension.I, Unit.SYSTEM); }
    public static final int WFI = 43;
    static { row(WFI, "wfi", ALL, 0x1050_0073, Format.NONE, Extension.I, Unit.SYSTEM); }
    // Zifencei, Zicsr
    public static final int FENCE_I = 44;
    static { row(FENCE_I, "fence.i", F3, 0x100f, Format.NONE, Extension.ZIFENCEI, Unit.FENCE_I); }
    public static final int CSRRW = 45;
    static { row(CSRRW, "csrrw", F3, 0x1073, Format.CSR, Extension.ZICSR, Unit.CSR); }
    public static final int CSRRS = 46;
    static { row(CSRRS, "csrrs", F3, 0x2073, Format.CSR, Extension.ZICSR, Unit.CSR); }
    public static final int CSRRC = 47;
    static { row(CSRRC, "csrrc", F3, 0x3073, Format.CSR, Extension.ZICSR, Unit.CSR); }
    public static final int CSRRWI = 48;
    static { row(CSRRWI, "csrrwi", F3, 0x5073, Format.CSRI, Extension.ZICSR, Unit.CSR); }
    public static final int CSRRSI = 49;
    static { row(CSRRSI, "csrrsi", F3, 0x6073, Format.CSRI, Extension.ZICSR, Unit.CSR); }
    public static final int CSRRCI = 50;
    static { row(CSRRCI, "csrrci", F3, 0x7073, Format.CSRI, Extension.ZICSR, Unit.CSR); }
    // M
    public static final int MUL = 51;
    static { row(MUL, "mul", F7F3, 0x0200_0033, Format.R, Extension.M, Unit.MUL); }
    public static final int MULH = 52;
    static { row(MULH, "mulh", F7F3, 0x0200_1033, Format.R, Extension.M, Unit.MUL); }
    public static final int MULHSU = 53;
    static { row(MULHSU, "mulhsu", F7F3, 0x0200_2033, Format.R, Extension.M, Unit.MUL); }
    public static final int MULHU = 54;
    static { row(MULHU, "mulhu", F7F3, 0x0200_3033, Format.R, Extension.M, Unit.MUL); }
    public static final int DIV = 55;
    static { row(DIV, "div", F7F3, 0x0200_4033, Format.R, Extension.M, Unit.DIV); }
    public static final int DIVU = 56;
    static { row(DIVU, "divu", F7F3, 0x0200_5033, Format.R, Extension.M, Unit.DIV); }
    public static final int REM = 57;
    static { row(REM, "rem", F7F3, 0x0200_6033, Format.R, Extension.M, Unit.DIV); }
    public static final int REMU = 58;
    static { row(REMU, "remu", F7F3, 0x0200_7033, Format.R, Extension.M, Unit.DIV); }
    // A: aq/rl (bits 25-26) carry no meaning on a single hart; lr.w requires rs2 = 0.
    private static final int AMO = 0xf800_707f;
    public static final int LR_W = 59;
    static { row(LR_W, "lr.w", 0xf9f0_707f, 0x1000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int SC_W = 60;
    static { row(SC_W, "sc.w", AMO, 0x1800_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOSWAP_W = 61;
    static { row(AMOSWAP_W, "amoswap.w", AMO, 0x0800_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOADD_W = 62;
    static { row(AMOADD_W, "amoadd.w", AMO, 0x0000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOXOR_W = 63;
    static { row(AMOXOR_W, "amoxor.w", AMO, 0x2000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOAND_W = 64;
    static { row(AMOAND_W, "amoand.w", AMO, 0x6000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOOR_W = 65;
    static { row(AMOOR_W, "amoor.w", AMO, 0x4000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOMIN_W = 66;
    static { row(AMOMIN_W, "amomin.w", AMO, 0x8000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOMAX_W = 67;
    static { row(AMOMAX_W, "amomax.w", AMO, 0xa000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOMINU_W = 68;
    static { row(AMOMINU_W, "amominu.w", AMO, 0xc000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    public static final int AMOMAXU_W = 69;
    static { row(AMOMAXU_W, "amomaxu.w", AMO, 0xe000_202f, Format.R, Extension.A, Unit.ATOMIC); }
    // F
    public static final int FLW = 70;
    static { row(FLW, "flw", F3, 0x2007, Format.I, Extension.F, Unit.FP_LOAD); }
    public static final int FSW = 71;
    static { row(FSW, "fsw", F3, 0x2027, Format.S, Extension.F, Unit.FP_STORE); }
    public static final int FMADD_S = 72;
    static { row(FMADD_S, "fmadd.s", FMT2, 0x43, Format.R4, Extension.F, Unit.FP_FMA); }
    public static final int FMSUB_S = 73;
    static { row(FMSUB_S, "fmsub.s", FMT2, 0x47, Format.R4, Extension.F, Unit.FP_FMA); }
    public static final int FNMSUB_S = 74;
    static { row(FNMSUB_S, "fnmsub.s", FMT2, 0x4b, Format.R4, Extension.F, Unit.FP_FMA); }
    public static final int FNMADD_S = 75;
    static { row(FNMADD_S, "fnmadd.s", FMT2, 0x4f, Format.R4, Extension.F, Unit.FP_FMA); }
    public static final int FADD_S = 76;
    static { row(FADD_S, "fadd.s", F7, 0x0000_0053, Format.FR, Extension.F, Unit.FP_ADD); }
    public static final int FSUB_S = 77;
    static { row(FSUB_S, "fsub.s", F7, 0x0800_0053, Format.FR, Extension.F, Unit.FP_ADD); }
    public static final int FMUL_S = 78;
    static { row(FMUL_S, "fmul.s", F7, 0x1000_0053, Format.FR, Extension.F, Unit.FP_MUL); }
    public static final int FDIV_S = 79;
    static { row(FDIV_S, "fdiv.s", F7, 0x1800_0053, Format.FR, Extension.F, Unit.FP_DIV_S); }
    public static final int FSQRT_S = 80;
    static { row(FSQRT_S, "fsqrt.s", F7RS2, 0x5800_0053, Format.FR1, Extension.F, Unit.FP_SQRT_S); }
    public static final int FSGNJ_S = 81;
    static { row(FSGNJ_S, "fsgnj.s", F7F3, 0x2000_0053, Format.R, Extension.F, Unit.FP_MOVE); }
    public static final int FSGNJN_S = 82;
    static { row(FSGNJN_S, "fsgnjn.s", F7F3, 0x2000_1053, Format.R, Extension.F, Unit.FP_MOVE); }
    public static final int FSGNJX_S = 83;
    static { row(FSGNJX_S, "fsgnjx.s", F7F3, 0x2000_2053, Format.R, Extension.F, Unit.FP_MOVE); }
    public static final int FMIN_S = 84;
    static { row(FMIN_S, "fmin.s", F7F3, 0x2800_0053, Format.R, Extension.F, Unit.FP_CMP); }
    public static final int FMAX_S = 85;
    static { row(FMAX_S, "fmax.s", F7F3, 0x2800_1053, Format.R, Extension.F, Unit.FP_CMP); }
    public static final int FCVT_W_S = 86;
    static { row(FCVT_W_S, "fcvt.w.s", F7RS2, 0xc000_0053, Format.FR1, Extension.F, Unit.FP_CVT); }
    public static final int FCVT_WU_S = 87;
    static { row(FCVT_WU_S, "fcvt.wu.s", F7RS2, 0xc010_0053, Format.FR1, Extension.F, Unit.FP_CVT); }
    public static final int FMV_X_W = 88;
    static { row(FMV_X_W, "fmv.x.w", F7RS2F3, 0xe000_0053, Format.R, Extension.F, Unit.FP_MOVE); }
    public static final int FEQ_S = 89;
    static { row(FEQ_S, "feq.s", F7F3, 0xa000_2053, Format.R, Extension.F, Unit.FP_CMP); }
    public static final int FLT_S = 90;
    static { row(FLT_S, "flt.s", F7F3, 0xa000_1053, Format.R, Extension.F, Unit.FP_CMP); }
    public static final int FLE_S = 91;
    static { row(FLE_S, "fle.s", F7F3, 0xa000_0053, Format.R, Extension.F, Unit.FP_CMP); }
    public static final int FCLASS_S = 92;
    static { row(FCLASS_S, "fclass.s", F7RS2F3, 0xe000_1053, Format.R, Extension.F, Unit.FP_MOVE); }
    public static final int FCVT_S_W = 93;
    static { row(FCVT_S_W, "fcvt.s.w", F7RS2, 0xd000_0053, Format.FR1, Extension.F, Unit.FP_CVT); }
    public static final int FCVT_S_WU = 94;
    static { row(FCVT_S_WU, "fcvt.s.wu", F7RS2, 0xd010_0053, Format.FR1, Extension.F, Unit.FP_CVT); }
    public static final int FMV_W_X = 95;
    static { row(FMV_W_X, "fmv.w.x", F7RS2F3, 0xf000_0053, Format.R, Extension.F, Unit.FP_MOVE); }
    // D
    public static final int FLD = 96;
    static { row(FLD, "fld", F3, 0x3007, Format.I, Extension.D, Unit.FP_LOAD); }
    public static final int FSD = 97;
    static { row(FSD, "fsd", F3, 0x3027, Format.S, Extension.D, Unit.FP_STORE); }
    public static final int FMADD_D = 98;
    static { row(FMADD_D, "fmadd.d", FMT2, 0x0200_0043, Format.R4, Extension.D, Unit.FP_FMA); }
    public static final int FMSUB_D = 99;
    static { row(FMSUB_D, "fmsub.d", FMT2, 0x0200_0047, Format.R4, Extension.D, Unit.FP_FMA); }
    public static final int FNMSUB_D = 100;
    static { row(FNMSUB_D, "fnmsub.d", FMT2, 0x0200_004b, Format.R4, Extension.D, Unit.FP_FMA); }
    public static final int FNMADD_D = 101;
    static { row(FNMADD_D, "fnmadd.d", FMT2, 0x0200_004f, Format.R4, Extension.D, Unit.FP_FMA); }
    public static final int FADD_D = 102;
    static { row(FADD_D, "fadd.d", F7, 0x0200_0053, Format.FR, Extension.D, Unit.FP_ADD); }
    public static final int FSUB_D = 103;
    static { row(FSUB_D, "fsub.d", F7, 0x0a00_0053, Format.FR, Extension.D, Unit.FP_ADD); }
    public static final int FMUL_D = 104;
    static { row(FMUL_D, "fmul.d", F7, 0x1200_0053, Format.FR, Extension.D, Unit.FP_MUL); }
    public static final int FDIV_D = 105;
    static { row(FDIV_D, "fdiv.d", F7, 0x1a00_0053, Format.FR, Extension.D, Unit.FP_DIV_D); }
    public static final int FSQRT_D = 106;
    static { row(FSQRT_D, "fsqrt.d", F7RS2, 0x5a00_0053, Format.FR1, Extension.D, Unit.FP_SQRT_D); }
    public static final int FSGNJ_D = 107;
    static { row(FSGNJ_D, "fsgnj.d", F7F3, 0x2200_0053, Format.R, Extension.D, Unit.FP_MOVE); }
    public static final int FSGNJN_D = 108;
    static { row(FSGNJN_D, "fsgnjn.d", F7F3, 0x2200_1053, Format.R, Extension.D, Unit.FP_MOVE); }
    public static final int FSGNJX_D = 109;
    static { row(FSGNJX_D, "fsgnjx.d", F7F3, 0x2200_2053, Format.R, Extension.D, Unit.FP_MOVE); }
    public static final int FMIN_D = 110;
    static { row(FMIN_D, "fmin.d", F7F3, 0x2a00_0053, Format.R, Extension.D, Unit.FP_CMP); }
    public static final int FMAX_D = 111;
    static { row(FMAX_D, "fmax.d", F7F3, 0x2a00_1053, Format.R, Extension.D, Unit.FP_CMP); }
    public static final int FCVT_S_D = 112;
    static { row(FCVT_S_D, "fcvt.s.d", F7RS2, 0x4010_0053, Format.FR1, Extension.D, Unit.FP_CVT); }
    public static final int FCVT_D_S = 113;
    static { row(FCVT_D_S, "fcvt.d.s", F7RS2, 0x4200_0053, Format.FR1, Extension.D, Unit.FP_CVT); }
    public static final int FEQ_D = 114;
    static { row(FEQ_D, "feq.d", F7F3, 0xa200_2053, Format.R, Extension.D, Unit.FP_CMP); }
    public static final int FLT_D = 115;
    static { row(FLT_D, "flt.d", F7F3, 0xa200_1053, Format.R, Extension.D, Unit.FP_CMP); }
    public static final int FLE_D = 116;
    static { row(FLE_D, "fle.d", F7F3, 0xa200_0053, Format.R, Extension.D, Unit.FP_CMP); }
    public static final int FCLASS_D = 117;
    static { row(FCLASS_D, "fclass.d", F7RS2F3, 0xe200_1053, Format.R, Extension.D, Unit.FP_MOVE); }
    public static final int FCVT_W_D = 118;
    static { row(FCVT_W_D, "fcvt.w.d", F7RS2, 0xc200_0053, Format.FR1, Extension.D, Unit.FP_CVT); }
    public static final int FCVT_WU_D = 119;
    static { row(FCVT_WU_D, "fcvt.wu.d", F7RS2, 0xc210_0053, Format.FR1, Extension.D, Unit.FP_CVT); }
    public static final int FCVT_D_W = 120;
    static { row(FCVT_D_W, "fcvt.d.w", F7RS2, 0xd200_0053, Format.FR1, Extension.D, Unit.FP_CVT); }
    public static final int FCVT_D_WU = 121;
    static { row(FCVT_D_WU, "fcvt.d.wu", F7RS2, 0xd210_0053, Format.FR1, Extension.D, Unit.FP_CVT); }

    /** Number of op numbers in use, including 0 (undecoded) and {@link #ILLEGAL}. */
    public static final int OP_COUNT = FIRST_OP + TABLE.size();

    /** All encodings, in table order. */
    public static List<Pattern> patterns() { return List.copyOf(TABLE); }

    /** The pattern for an op number. */
    public static Pattern pattern(int op) { return TABLE.get(op - FIRST_OP); }

    /** Mnemonic of an op number, for traces and error messages. */
    public static String name(int op) { return NAMES.get(op); }

    /** Pairs of patterns that some word matches both of: the table must have none. */
    public static List<String> overlaps() { return overlaps(TABLE); }

    static List<String> overlaps(List<Pattern> table) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            for (int j = i + 1; j < table.size(); j++) {
                Pattern a = table.get(i), b = table.get(j);
                // Both match some word iff they agree on every bit both of them fix.
                if (((a.match() ^ b.match()) & a.mask() & b.mask()) == 0) out.add(a.mnemonic() + " / " + b.mnemonic());
            }
        }
        return out;
    }

    static {
        List<String> clash = overlaps();
        if (!clash.isEmpty()) throw new ExceptionInInitializerError("overlapping RV32 encodings: " + clash);
    }
}
