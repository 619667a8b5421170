package org.coredev.compiler.ir;

import java.util.BitSet;
import java.util.List;

/**
 * The IR's instructions: three-address code over virtual registers, already lowered to 32-bit
 * words (an int64 is a pair of words, low first; a float on rv32ima too). Terminators end a block.
 */
public sealed interface Insn {
    /** Word operations (RV32IM semantics: division by zero is checked before, by the front end). */
    enum Op { ADD, SUB, MUL, MULH, MULHU, DIV, REM, AND, OR, XOR, SLL, SRL, SRA, SLT, SLTU }

    /** Double operations and comparisons (rv32g). */
    enum FOp { FADD, FSUB, FMUL, FDIV }
    enum FCmpOp { FEQ, FLT, FLE }
    enum Conv { W_TO_D, D_TO_W, D_NEG }
    enum Width { BYTE, WORD, DOUBLE }

    record Const(VReg dst, int value) implements Insn { }
    record Move(VReg dst, VReg src) implements Insn { }
    record Bin(Op op, VReg dst, VReg a, VReg b) implements Insn { }
    record FBin(FOp op, VReg dst, VReg a, VReg b) implements Insn { }
    record FCmp(FCmpOp op, VReg dst, VReg a, VReg b) implements Insn { }
    record Convert(Conv conv, VReg dst, VReg src) implements Insn { }
    /** Address of a data object or function of this image. */
    record AddrOf(VReg dst, String symbol) implements Insn { }
    /** Address of an imported data symbol (through its GOT slot), e.g. {@code now}. */
    record ImportAddr(VReg dst, String symbol) implements Insn { }
    /**
     * {@code dst} = the address of {@code size} bytes (rounded up to 16) of new stack space that
     * lives until the function returns: what an RPC's return value asks for (rpc_recv's slot
     * protocol). A function with one addresses its frame through a frame pointer.
     */
    record Alloca(VReg dst, VReg size) implements Insn { }
    /** {@code dst} = the stack pointer, to give back later what Allocas take (llvm.stacksave). */
    record SaveStack(VReg dst) implements Insn { }
    /** Gives back the stack Allocas took since {@code saved} was saved (llvm.stackrestore). */
    record RestoreStack(VReg saved) implements Insn { }
    /** Address of a stack slot of the current function. */
    record SlotAddr(VReg dst, int slot) implements Insn { }
    record Load(Width width, VReg dst, VReg base, int offset) implements Insn { }
    record Store(Width width, VReg src, VReg base, int offset) implements Insn { }
    /**
     * A call: arguments as the RISC-V psABI passes them (ilp32/ilp32d): words in a0-a7, doubles
     * in fa0-fa7 (rv32g), the rest on the stack; results come back in a0, a1 / fa0.
     * {@code pairs} marks the arguments that start a two-word scalar (an int64, or a float on
     * rv32ima): such a pair may be split between a7 and the stack, and is 8-byte aligned when
     * wholly on the stack. {@code imported} calls go through the GOT to the runtime.
     */
    record Call(String callee, boolean imported, List<VReg> args, List<VReg> results, Block landingPad, BitSet pairs) implements Insn {
        public Call(String callee, boolean imported, List<VReg> args, List<VReg> results) {
            this(callee, imported, args, results, null, new BitSet());
        }
        public Call(String callee, boolean imported, List<VReg> args, List<VReg> results, BitSet pairs) {
            this(callee, imported, args, results, null, pairs);
        }
    }
    /**
     * First instruction of a landing pad (a {@code try}'s handler entry): the runtime's unwinder
     * jumps here with the ARTIQ exception object in a1 (eh_artiq.rs, UNWIND_DATA_REG).
     * {@code catches}: the data symbols of its catch clauses' type infos, in order (ARTIQ 6's
     * name slices, an empty one catching everything); none makes it a cleanup (action 0).
     */
    record LandingPad(VReg exception, List<String> catches) implements Insn {
        public LandingPad(VReg exception) { this(exception, List.of()); }
        public LandingPad { catches = List.copyOf(catches); }
    }

    sealed interface Terminator extends Insn { }
    record Jump(Block target) implements Terminator { }
    /** Goes to {@code ifTrue} when {@code cond} is not zero. */
    record Branch(VReg cond, Block ifTrue, Block ifFalse) implements Terminator { }
    record Return(List<VReg> values) implements Terminator { }
    /** After a call that never returns ({@code __artiq_raise}). */
    record Unreachable() implements Terminator { }

    /** Registers this instruction reads. */
    default List<VReg> uses() {
        return switch (this) {
            case Const c -> List.of();
            case Move m -> List.of(m.src());
            case Bin b -> List.of(b.a(), b.b());
            case FBin b -> List.of(b.a(), b.b());
            case FCmp b -> List.of(b.a(), b.b());
            case Convert c -> List.of(c.src());
            case AddrOf a -> List.of();
            case ImportAddr a -> List.of();
            case SlotAddr a -> List.of();
            case Alloca a -> List.of(a.size());
            case SaveStack a -> List.of();
            case RestoreStack a -> List.of(a.saved());
            case Load l -> List.of(l.base());
            case Store s -> List.of(s.src(), s.base());
            case Call c -> c.args();
            case LandingPad l -> List.of();
            case Jump j -> List.of();
            case Branch b -> List.of(b.cond());
            case Return r -> r.values();
            case Unreachable u -> List.of();
        };
    }

    /** Registers this instruction writes. */
    default List<VReg> defs() {
        return switch (this) {
            case Const c -> List.of(c.dst());
            case Move m -> List.of(m.dst());
            case Bin b -> List.of(b.dst());
            case FBin b -> List.of(b.dst());
            case FCmp b -> List.of(b.dst());
            case Convert c -> List.of(c.dst());
            case AddrOf a -> List.of(a.dst());
            case ImportAddr a -> List.of(a.dst());
            case SlotAddr a -> List.of(a.dst());
            case Alloca a -> List.of(a.dst());
            case SaveStack a -> List.of(a.dst());
            case RestoreStack a -> List.of();
            case Load l -> List.of(l.dst());
            case Store s -> List.of();
            case Call c -> c.results();
            case LandingPad l -> List.of(l.exception());
            case Jump j -> List.of();
            case Branch b -> List.of();
            case Return r -> List.of();
            case Unreachable u -> List.of();
        };
    }
}
