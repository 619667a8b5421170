package org.coredev.emu.cpu.rv32;

import static java.lang.constant.ConstantDescs.*;
import static org.coredev.emu.cpu.rv32.Rv32Isa.*;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translates a region of RV32IMFD code into a JVM class ({@code java.lang.classfile}, loaded as
 * a hidden class), for the translating tier of {@link Rv32Cpu}: superblocks (segments) linked by
 * their static exits inside one method (see {@link #translate}).
 *
 * <p>A block starts at a hot address and runs straight on, through conditional branches (their
 * taken side leaves the block; a superblock), to its first jump (included),
 * to the first instruction it does not translate (excluded: CSRs, system, atomics,
 * fence.i, illegal words; floating point runs through {@link Rv32Cpu#floatInBlock}), to the end of its 4 KiB page, or to {@link #MAX_LENGTH} instructions.
 * Loads and stores go to {@link BlockMemory}; an access it cannot serve goes to the bus (a device
 * such as the RTIO CSRs a kernel's {@code now} lives in, with the core's cycles and instret
 * stored first, so the device sees the interpreter's time; a device that takes wait states ends
 * the block after its access). An access that would trap or writes into code ends the block
 * before it, as does a jalr to a misaligned target, so the interpreter executes every
 * instruction that traps or invalidates code. The cycle model is the interpreter's table, summed per
 * prefix of the block ({@link Block#cost}), plus the misprediction penalty of its final branch.
 */
final class BlockTranslator {
    static final int MAX_LENGTH = 64;
    /** A region's instructions and segments at most. */
    static final int MAX_REGION = 256, MAX_SEGMENTS = 24;
    /** A region's bytecode at most: bigger methods cost the JIT more (compiles, OSR entries at each loop) than they save. */
    static final int MAX_REGION_BYTES = 2000;

    /** A translated block: its code and the region's first segment, where it is entered. */
    record Block(TranslatedBlock code, Segment first) {
        /** Cycles charged before the first segment's last instruction: the block may start if the budget reaches past that. */
        int costBeforeLast() { return first.costBeforeLast(); }
    }

    /** Where the translator reads the guest's instructions: the interpreter's decode cache. */
    interface Code {
        /** The packed decoded instruction at {@code pc} (see {@link Decoded#packed()}). */
        int packed(int pc);
        int imm(int pc);
        /** Whether execution has reached {@code pc} as a block start: a region takes in only code that ran. */
        boolean reached(int pc);
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final ClassDesc CD_BLOCK = ClassDesc.of(TranslatedBlock.class.getName());
    private static final ClassDesc CD_MEMORY = ClassDesc.of(BlockMemory.class.getName());
    private static final ClassDesc CD_SELF = ClassDesc.of(BlockTranslator.class.getName());
    private static final ClassDesc CD_CPU = ClassDesc.of(Rv32Cpu.class.getName());
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_int, CD_int.arrayType(), CD_MEMORY, CD_CPU, CD_long);
    private static final MethodTypeDesc MTD_FLOAT = MethodTypeDesc.of(CD_boolean, CD_int, CD_int);
    private static final MethodTypeDesc MTD_LOAD = MethodTypeDesc.of(CD_long, CD_int);
    private static final MethodTypeDesc MTD_STORE = MethodTypeDesc.of(CD_boolean, CD_int, CD_int);
    private static final MethodTypeDesc MTD_BINARY = MethodTypeDesc.of(CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_RAM_LOAD = MethodTypeDesc.of(CD_long, CD_byte.arrayType(), CD_int, CD_int);
    private static final MethodTypeDesc MTD_RAM_STORE = MethodTypeDesc.of(CD_boolean, CD_byte.arrayType(), CD_int, CD_int, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_BUS_LOAD = MethodTypeDesc.of(CD_long, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc MTD_BUS_STORE = MethodTypeDesc.of(CD_boolean, CD_int, CD_int, CD_int, CD_int);
    private static final int X = 1, MEMORY = 2, CPU = 3;   // the arguments of run

    /** Floating-point ops: run by {@link Rv32Cpu#floatInBlock} when they cannot trap. */
    private static final boolean[] FLOAT = new boolean[OP_COUNT];
    /** Floating-point ops whose result goes to an integer register. */
    private static final boolean[] FLOAT_TO_X = new boolean[OP_COUNT];
    static {
        for (Rv32Isa.Pattern p : Rv32Isa.patterns()) {
            FLOAT[p.op()] = p.unit().name().startsWith("FP_");
            String m = p.mnemonic();
            FLOAT_TO_X[p.op()] = m.startsWith("feq") || m.startsWith("flt") || m.startsWith("fle")
                    || m.startsWith("fclass") || m.startsWith("fcvt.w") || m.startsWith("fmv.x");
        }
    }

    private final int[] costTable;
    private int translated;

    BlockTranslator(int[] costTable) {
        this.costTable = costTable;
    }

    /** How many blocks this core has translated (or reused from another core's translation). */
    int translated() { return translated; }

    /** Whether the block translator handles {@code op} inside a block. */
    static boolean translatable(int op) {
        return switch (op) {
            case LUI, AUIPC, JAL, JALR, BEQ, BNE, BLT, BGE, BLTU, BGEU, LB, LH, LW, LBU, LHU, SB, SH, SW,
                 ADDI, SLTI, SLTIU, XORI, ORI, ANDI, SLLI, SRLI, SRAI, ADD, SUB, SLL, SLT, SLTU, XOR, SRL, SRA, OR, AND,
                 MUL, MULH, MULHSU, MULHU, DIV, DIVU, REM, REMU, FENCE, WFI -> true;
            default -> FLOAT[op];
        };
    }

    /**
     * One stretch of straight-line code in a region: a superblock from {@code start}, with the
     * cycles of its first k instructions along its fall-through path ({@code cost[k]}: each
     * conditional branch not taken, with the misprediction penalty of a backward one).
     */
    record Segment(int start, int length, int[] cost) {
        int costBeforeLast() { return cost[length - 1]; }
    }

    /**
     * The block at {@code start}, or null if its first instruction is not translatable. The block
     * is a region: its first segment, and the segments its static exits (branch targets,
     * fall-through, jal targets) reach on the same page where execution has already been,
     * breadth first, up to {@link #MAX_REGION} instructions and {@link #MAX_REGION_BYTES} of
     * bytecode (halved until it fits); an exit to one of them jumps there inside the JVM method
     * (when the budget reaches past that segment's last instruction) instead of returning to the
     * driver. The region ends at its page, so the page's invalidation covers it.
     */
    Block translate(Code code, int start) {
        Segment first = segment(code, start);
        if (first == null) return null;
        translated++;
        List<Segment> region = region(code, first);
        // The key: every segment's start, decoded instructions and costs (the cost table is the core's).
        int size = 0;
        for (Segment g : region) size += 3 + 3 * g.length();
        int[] words = new int[size];
        int at = 0;
        for (Segment g : region) {
            words[at++] = g.start();
            words[at++] = g.length();
            for (int i = 0; i < g.length(); i++) {
                words[at++] = code.packed(g.start() + 4 * i);
                words[at++] = code.imm(g.start() + 4 * i);
            }
            System.arraycopy(g.cost(), 0, words, at, g.length() + 1);
            at += g.length() + 1;
        }
        Key key = new Key(start, words);
        Block known = MADE.get(key);
        if (known != null) return known;
        byte[] bytes = classBytes(code, start, region);
        while (methodTooBig(bytes) && region.size() > 1) {
            region = region.subList(0, region.size() / 2);   // the JIT would not compile it: the nearer half
            bytes = classBytes(code, start, region);
        }
        Block made = new Block(define(start, bytes), first);
        if (MADE.size() < MAX_KEPT) MADE.putIfAbsent(key, made);
        return made;
    }

    /** The superblock at {@code start} (see the class comment), or null if its first instruction is not translatable. */
    private Segment segment(Code code, int start) {
        int pageEnd = (start & ~0xfff) + 0x1000;
        int length = 0;
        int pc = start;
        while (length < MAX_LENGTH && pc != pageEnd) {
            int op = code.packed(pc) & Decoded.OP_MASK;
            if (!translatable(op) || !staticTargetAligned(op, pc, code.imm(pc))) break;
            length++;
            pc += 4;
            if (op == JAL || op == JALR) break;   // a conditional branch goes on: its taken side leaves the block
        }
        return length == 0 ? null : new Segment(start, length, cost(code, start, length));
    }

    private List<Segment> region(Code code, Segment first) {
        List<Segment> region = new ArrayList<>(List.of(first));
        java.util.Set<Integer> starts = new java.util.HashSet<>(List.of(first.start()));
        int total = first.length(), page = first.start() & ~0xfff;
        for (int k = 0; k < region.size() && region.size() < MAX_SEGMENTS; k++) {
            for (int target : staticExits(code, region.get(k))) {
                if ((target & ~0xfff) != page || !code.reached(target) || !starts.add(target)) continue;
                Segment g = segment(code, target);
                if (g == null || total + g.length() > MAX_REGION || region.size() == MAX_SEGMENTS) continue;
                region.add(g);
                total += g.length();
            }
        }
        return region;
    }

    /** Where a segment goes, when known before it runs: its taken branches, then its end. */
    private static List<Integer> staticExits(Code code, Segment g) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < g.length(); i++) {
            int pc = g.start() + 4 * i, op = code.packed(pc) & Decoded.OP_MASK;
            if (conditional(op) || op == JAL) out.add(pc + code.imm(pc));
        }
        int lastPc = g.start() + 4 * (g.length() - 1), last = code.packed(lastPc) & Decoded.OP_MASK;
        if (last != JAL && last != JALR) out.add(lastPc + 4);
        return out;
    }

    /** Whether the block's method passes {@link #MAX_REGION_BYTES} (HotSpot leaves methods above 8000 bytes to its interpreter). */
    private static boolean methodTooBig(byte[] classBytes) {
        var model = ClassFile.of().parse(classBytes);
        for (var m : model.methods()) {
            var body = m.findAttribute(java.lang.classfile.Attributes.code());
            if (m.methodName().equalsString("run") && body.isPresent() && body.get().codeLength() > MAX_REGION_BYTES) return true;
        }
        return false;
    }

    private int[] cost(Code code, int start, int length) {
        int[] cost = new int[length + 1];
        for (int i = 0; i < length; i++) {
            int pc = start + 4 * i, op = code.packed(pc) & Decoded.OP_MASK;
            boolean mispredictedFallThrough = conditional(op) && code.imm(pc) < 0;
            cost[i + 1] = cost[i] + costTable[op] + (mispredictedFallThrough ? VexRiscvCycleModel.BRANCH_MISPREDICT_PENALTY : 0);
        }
        return cost;
    }

    private static boolean conditional(int op) {
        return switch (op) {
            case BEQ, BNE, BLT, BGE, BLTU, BGEU -> true;
            default -> false;
        };
    }

    /**
     * Blocks made so far, by address and decoded instructions, shared by every core in the JVM: a
     * kernel loaded again at the same address (each run of a regression suite, each call of a
     * served kernel) reuses its classes. Translated code holds no state, so sharing is safe.
     */
    private static final Map<Key, Block> MADE = new ConcurrentHashMap<>();
    private static final int MAX_KEPT = 1 << 14;

    private record Key(int start, int[] words) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.start == start && Arrays.equals(k.words, words);
        }
        @Override public int hashCode() { return 31 * start + Arrays.hashCode(words); }
    }

    /** A jal or branch whose target is misaligned traps when taken: the interpreter takes it. */
    private static boolean staticTargetAligned(int op, int pc, int imm) {
        return !(op == JAL || conditional(op)) || ((pc + imm) & 3) == 0;
    }

    private static TranslatedBlock define(int start, byte[] bytes) {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            return (TranslatedBlock) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("translated block at 0x%08x does not load".formatted(start), e);
        }
    }

    private byte[] classBytes(Code code, int start, List<Segment> region) {
        ClassDesc name = ClassDesc.of(BlockTranslator.class.getPackageName() + ".Block_" + Integer.toHexString(start));
        return ClassFile.of().build(name, cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withSuperclass(CD_BLOCK);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    c -> c.aload(0).invokespecial(CD_BLOCK, INIT_NAME, MTD_void).return_());
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    c -> new Emitter(c, code, region, costTable).block());
        });
    }

    /**
     * The code of one block. The guest registers it uses live in JVM locals (loaded at entry,
     * stored back at every exit), so the JIT can keep them in host registers; cycles and instret
     * are counted in locals too and stored into the core at each exit. A block whose last branch
     * or jump goes back to its own start loops inside, as long as the budget reaches past its
     * last instruction.
     */
    private static final class Emitter {
        // Locals: this, x, memory, cpu, limit (long), cycles (long), instret (long), a long and an int temporary, then x1..x31.
        private static final int LIMIT = 4, CYCLES = 6, INSTRET = 8, LONG_TEMP = 10, INT_TEMP = 12, REGS = 12;
        /** The next pc, for the one exit every way out of the method jumps to (so each exit is small). */
        private static final int NEXT = REGS + 32;
        /** The primary RAM, its base and size and the range its code words lie in, from {@link BlockMemory} at entry. */
        private static final int MEM = NEXT + 1, MEM_BASE = NEXT + 2, MEM_SIZE = NEXT + 3, CODE_LOW = NEXT + 4, CODE_SPAN = NEXT + 5;

        private final CodeBuilder c;
        private final Code code;
        private final List<Segment> region;
        private final Map<Integer, Segment> segmentAt = new HashMap<>();
        private final Map<Integer, Label> labelAt = new HashMap<>();
        private final int[] costTable;
        private final boolean[] used = new boolean[32], written = new boolean[32];
        private boolean accessesMemory;
        private Label leave;
        // The segment being emitted.
        private int start, length;
        private int[] cost;

        Emitter(CodeBuilder c, Code code, List<Segment> region, int[] costTable) {
            this.c = c;
            this.costTable = costTable;
            this.code = code;
            this.region = region;
            for (Segment g : region) {
                segmentAt.put(g.start(), g);
                for (int i = 0; i < g.length(); i++) {
                    int w = code.packed(g.start() + 4 * i), op = w & Decoded.OP_MASK;
                    int rd = (w >>> 8) & 31, rs1 = (w >>> 13) & 31, rs2 = (w >>> 18) & 31;
                    if (FLOAT[op]) {
                        used[rs1] = true;                          // an address or an integer operand, maybe
                        if (FLOAT_TO_X[op]) used[rd] = written[rd] = true;
                    } else {
                        used[rs1] = used[rs2] = true;
                        if (writesRd(op)) used[rd] = written[rd] = true;
                        if (op >= LB && op <= SW) accessesMemory = true;   // the loads and stores are contiguous
                    }
                }
            }
            used[0] = written[0] = false;
        }

        private static boolean writesRd(int op) {
            return switch (op) {
                case BEQ, BNE, BLT, BGE, BLTU, BGEU, SB, SH, SW, FENCE, WFI -> false;
                default -> true;
            };
        }

        void block() {
            c.aload(CPU).getfield(CD_CPU, "cycles", CD_long).lstore(CYCLES);
            c.aload(CPU).getfield(CD_CPU, "instret", CD_long).lstore(INSTRET);
            if (accessesMemory) {
                c.aload(MEMORY).getfield(CD_MEMORY, "mem", CD_byte.arrayType()).astore(MEM);
                c.aload(MEMORY).getfield(CD_MEMORY, "memBase", CD_int).istore(MEM_BASE);
                c.aload(MEMORY).getfield(CD_MEMORY, "memSize", CD_int).istore(MEM_SIZE);
                c.aload(MEMORY).getfield(CD_MEMORY, "codeLow", CD_int).istore(CODE_LOW);
                c.aload(MEMORY).getfield(CD_MEMORY, "codeSpan", CD_int).istore(CODE_SPAN);
            }
            for (int r = 1; r < 32; r++) {
                if (used[r]) c.aload(X).loadConstant(r).iaload().istore(slot(r));
            }
            for (Segment g : region) labelAt.put(g.start(), c.newLabel());
            leave = c.newLabel();
            for (Segment g : region) {
                start = g.start();
                length = g.length();
                cost = g.cost();
                c.labelBinding(labelAt.get(start));
                for (int i = 0; i < length; i++) {
                    int pc = start + 4 * i;
                    instruction(code.packed(pc), code.imm(pc), pc, i);
                }
                int last = code.packed(start + 4 * (length - 1)) & Decoded.OP_MASK;
                if (last != JAL && last != JALR) exit(start + 4 * length, length, cost[length]);
            }
            // The way out: registers, cycles and instret back into the core, the next pc returned.
            c.labelBinding(leave);
            store();
            c.iload(NEXT).ireturn();
        }

        /** Leaves the method for {@code nextPc}, the counts in the locals. */
        private void leave(int nextPc) {
            c.loadConstant(nextPc).istore(NEXT).goto_(leave);
        }

        private static int slot(int reg) { return REGS + reg; }

        private int costOf(int op) { return costTable[op]; }

        private static Opcode negate(Opcode branch) {
            return switch (branch) {
                case IF_ICMPEQ -> Opcode.IF_ICMPNE;
                case IF_ICMPNE -> Opcode.IF_ICMPEQ;
                case IF_ICMPLT -> Opcode.IF_ICMPGE;
                default -> Opcode.IF_ICMPLT;   // of IF_ICMPGE
            };
        }

        private void get(int reg) {
            if (reg == 0) c.iconst_0();
            else c.iload(slot(reg));
        }

        private void set(int rd) { c.istore(slot(rd)); }   // value on the stack; never rd 0

        private void writeBack() {
            for (int r = 1; r < 32; r++) {
                if (written[r]) c.aload(X).loadConstant(r).iload(slot(r)).iastore();
            }
        }

        /**
         * Goes on to the static pc {@code nextPc} after {@code retired} instructions of the
         * current segment that cost {@code cycles}: to the region's segment there if there is one
         * and the budget reaches past its last instruction, else back to the driver.
         */
        private void exit(int nextPc, int retired, int cycles) {
            count(retired, cycles);
            Segment target = segmentAt.get(nextPc);
            if (target != null) {
                Label out = c.newLabel();
                c.lload(CYCLES).loadConstant((long) target.costBeforeLast()).ladd().lload(LIMIT).lcmp().ifge(out);
                c.goto_(labelAt.get(nextPc));
                c.labelBinding(out);
            }
            leave(nextPc);
        }

        /** Leaves the block before the instruction at {@code pc} (index {@code index}), which the interpreter executes. */
        private void sideExit(int pc, int index) {
            count(index, cost[index]);
            leave(pc);
        }

        /** Cycles and instret through instruction {@code index} into the core, as the interpreter has them at a bus access. */
        private void syncForBus(int index) {
            c.aload(CPU).lload(CYCLES).loadConstant((long) cost[index + 1]).ladd().putfield(CD_CPU, "cycles", CD_long);
            c.aload(CPU).lload(INSTRET).loadConstant((long) index + 1).ladd().putfield(CD_CPU, "instret", CD_long);
        }

        /**
         * A device that took simulated time (wait states) ends the block after its access, with the
         * core's own count: the interpreter might stop at the budget before the next instruction.
         */
        private void leaveIfTheBusTookTime(int pc, int index) {
            Label same = c.newLabel();
            c.aload(CPU).getfield(CD_CPU, "cycles", CD_long).lload(CYCLES).loadConstant((long) cost[index + 1]).ladd().lcmp().ifeq(same);
            c.aload(CPU).getfield(CD_CPU, "cycles", CD_long).lstore(CYCLES);     // the core's count, device time included
            c.aload(CPU).getfield(CD_CPU, "instret", CD_long).lstore(INSTRET);
            leave(pc + 4);
            c.labelBinding(same);
        }

        private void count(int retired, int cycles) {
            if (retired == 0) return;
            c.lload(CYCLES).loadConstant((long) cycles).ladd().lstore(CYCLES);
            c.lload(INSTRET).loadConstant((long) retired).ladd().lstore(INSTRET);
        }

        private void store() {
            writeBack();
            c.aload(CPU).lload(CYCLES).putfield(CD_CPU, "cycles", CD_long);
            c.aload(CPU).lload(INSTRET).putfield(CD_CPU, "instret", CD_long);
        }

        private void instruction(int w, int imm, int pc, int index) {
            int op = w & Decoded.OP_MASK;
            int rd = (w >>> 8) & 31, rs1 = (w >>> 13) & 31, rs2 = (w >>> 18) & 31;
            int retired = index + 1;
            switch (op) {
                case LUI -> { if (rd != 0) { c.loadConstant(imm); set(rd); } }
                case AUIPC -> { if (rd != 0) { c.loadConstant(pc + imm); set(rd); } }
                case JAL -> {
                    if (rd != 0) { c.loadConstant(pc + 4); set(rd); }
                    exit(pc + imm, retired, cost[retired]);
                }
                case JALR -> {
                    // The target is computed before rd is written (rd may be rs1).
                    Label aligned = c.newLabel();
                    get(rs1);
                    c.loadConstant(imm).iadd().loadConstant(~1).iand().istore(INT_TEMP);
                    c.iload(INT_TEMP).loadConstant(3).iand().ifeq(aligned);
                    sideExit(pc, index);
                    c.labelBinding(aligned);
                    if (rd != 0) { c.loadConstant(pc + 4); set(rd); }
                    count(retired, cost[retired] + VexRiscvCycleModel.BRANCH_MISPREDICT_PENALTY);
                    c.iload(INT_TEMP).istore(NEXT).goto_(leave);
                }
                case BEQ, BNE, BLT, BGE, BLTU, BGEU -> {
                    boolean unsigned = op == BLTU || op == BGEU;
                    get(rs1);
                    if (unsigned) c.loadConstant(Integer.MIN_VALUE).ixor();
                    get(rs2);
                    if (unsigned) c.loadConstant(Integer.MIN_VALUE).ixor();
                    Opcode taken = switch (op) {
                        case BEQ -> Opcode.IF_ICMPEQ;
                        case BNE -> Opcode.IF_ICMPNE;
                        case BLT, BLTU -> Opcode.IF_ICMPLT;
                        default -> Opcode.IF_ICMPGE;
                    };
                    // Backward-taken and forward-not-taken are predicted (VexRiscvCycleModel); the
                    // fall-through side's penalty is in cost[retired] already.
                    int takenCycles = cost[index] + costOf(op) + (imm >= 0 ? VexRiscvCycleModel.BRANCH_MISPREDICT_PENALTY : 0);
                    Label fallThrough = c.newLabel();
                    c.branch(negate(taken), fallThrough);
                    exit(pc + imm, retired, takenCycles);
                    c.labelBinding(fallThrough);
                    if (retired == length) exit(pc + 4, retired, cost[retired]);
                }
                case LB, LH, LW, LBU, LHU -> {
                    Label hit = c.newLabel(), done = c.newLabel();
                    get(rs1);
                    c.loadConstant(imm).iadd().istore(INT_TEMP);
                    String method = switch (op) {
                        case LB -> "lb";
                        case LH -> "lh";
                        case LW -> "lw";
                        case LBU -> "lbu";
                        default -> "lhu";
                    };
                    c.aload(MEM).iload(MEM_SIZE).iload(INT_TEMP).iload(MEM_BASE).isub()
                            .invokestatic(CD_MEMORY, "ramL" + method.substring(1), MTD_RAM_LOAD).lstore(LONG_TEMP);
                    c.lload(LONG_TEMP).loadConstant(BlockMemory.MISS).lcmp().ifne(hit);
                    c.aload(MEMORY).iload(INT_TEMP).invokevirtual(CD_MEMORY, method, MTD_LOAD).lstore(LONG_TEMP);
                    c.lload(LONG_TEMP).loadConstant(BlockMemory.MISS).lcmp().ifne(hit);
                    // Not RAM the block reaches: the bus (a device), at the interpreter's time, or the interpreter.
                    Label onBus = c.newLabel();
                    int kind = switch (op) {
                        case LB -> 1 | 8;
                        case LH -> 2 | 8;
                        case LW -> 4;
                        case LBU -> 1;
                        default -> 2;
                    };
                    syncForBus(index);
                    c.aload(CPU).iload(INT_TEMP).loadConstant(kind).loadConstant(pc).invokevirtual(CD_CPU, "busLoadInBlock", MTD_BUS_LOAD)
                            .lstore(LONG_TEMP);
                    c.lload(LONG_TEMP).loadConstant(BlockMemory.MISS).lcmp().ifne(onBus);
                    sideExit(pc, index);
                    c.labelBinding(onBus);
                    if (rd != 0) { c.lload(LONG_TEMP).l2i(); set(rd); }
                    leaveIfTheBusTookTime(pc, index);
                    c.goto_(done);
                    c.labelBinding(hit);
                    if (rd != 0) { c.lload(LONG_TEMP).l2i(); set(rd); }
                    c.labelBinding(done);
                }
                case SB, SH, SW -> {
                    Label done = c.newLabel(), onBus = c.newLabel();
                    int size = op == SW ? 4 : op == SH ? 2 : 1;
                    get(rs1);
                    c.loadConstant(imm).iadd().istore(INT_TEMP);
                    String method = op == SW ? "sw" : op == SH ? "sh" : "sb";
                    c.aload(MEM).iload(MEM_SIZE).iload(CODE_LOW).iload(CODE_SPAN).iload(INT_TEMP).iload(MEM_BASE).isub();
                    get(rs2);
                    c.invokestatic(CD_MEMORY, "ramS" + method.substring(1), MTD_RAM_STORE).ifne(done);
                    c.aload(MEMORY).iload(INT_TEMP);
                    get(rs2);
                    c.invokevirtual(CD_MEMORY, method, MTD_STORE);
                    c.ifne(done);
                    syncForBus(index);
                    c.aload(CPU).iload(INT_TEMP);
                    get(rs2);
                    c.loadConstant(size).loadConstant(pc).invokevirtual(CD_CPU, "busStoreInBlock", MTD_BUS_STORE);
                    c.ifne(onBus);
                    sideExit(pc, index);
                    c.labelBinding(onBus);
                    leaveIfTheBusTookTime(pc, index);
                    c.labelBinding(done);
                }
                case FENCE, WFI -> { }
                default -> {
                    if (FLOAT[op]) floating(w, imm, pc, index, rd, rs1);
                    else if (rd != 0) alu(op, rd, rs1, rs2, imm);
                }
            }
        }

        /** The core runs it on x[] and f[]: rs1 goes there first, rd comes back. */
        private void floating(int w, int imm, int pc, int index, int rd, int rs1) {
            Label done = c.newLabel();
            if (rs1 != 0) c.aload(X).loadConstant(rs1).iload(slot(rs1)).iastore();
            c.aload(CPU).loadConstant(w).loadConstant(imm).invokevirtual(CD_CPU, "floatInBlock", MTD_FLOAT);
            c.ifne(done);
            sideExit(pc, index);
            c.labelBinding(done);
            if (rd != 0 && FLOAT_TO_X[w & Decoded.OP_MASK]) c.aload(X).loadConstant(rd).iaload().istore(slot(rd));
        }

        private void alu(int op, int rd, int rs1, int rs2, int imm) {
            get(rs1);
            switch (op) {
                case ADDI -> c.loadConstant(imm).iadd();
                case XORI -> c.loadConstant(imm).ixor();
                case ORI -> c.loadConstant(imm).ior();
                case ANDI -> c.loadConstant(imm).iand();
                case SLLI -> c.loadConstant(imm).ishl();
                case SRLI -> c.loadConstant(imm).iushr();
                case SRAI -> c.loadConstant(imm).ishr();
                case SLTI -> c.loadConstant(imm).invokestatic(CD_SELF, "slt", MTD_BINARY);
                case SLTIU -> c.loadConstant(imm).invokestatic(CD_SELF, "sltu", MTD_BINARY);
                default -> {
                    get(rs2);
                    switch (op) {
                        case ADD -> c.iadd();
                        case SUB -> c.isub();
                        case SLL -> c.ishl();   // the JVM masks int shifts to 5 bits, as RV32 does
                        case SRL -> c.iushr();
                        case SRA -> c.ishr();
                        case XOR -> c.ixor();
                        case OR -> c.ior();
                        case AND -> c.iand();
                        case MUL -> c.imul();
                        case SLT -> c.invokestatic(CD_SELF, "slt", MTD_BINARY);
                        case SLTU -> c.invokestatic(CD_SELF, "sltu", MTD_BINARY);
                        case MULH -> c.invokestatic(CD_SELF, "mulh", MTD_BINARY);
                        case MULHSU -> c.invokestatic(CD_SELF, "mulhsu", MTD_BINARY);
                        case MULHU -> c.invokestatic(CD_SELF, "mulhu", MTD_BINARY);
                        case DIV -> c.invokestatic(CD_CPU, "div", MTD_BINARY);
                        case DIVU -> c.invokestatic(CD_SELF, "divu", MTD_BINARY);
                        case REM -> c.invokestatic(CD_CPU, "rem", MTD_BINARY);
                        case REMU -> c.invokestatic(CD_SELF, "remu", MTD_BINARY);
                        default -> throw new IllegalArgumentException("not an ALU op: " + Rv32Isa.name(op));
                    }
                }
            }
            set(rd);
        }
    }

    // ------------------------------------------------------------------ what translated code calls

    static int slt(int a, int b) { return a < b ? 1 : 0; }
    static int sltu(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? 1 : 0; }
    static int mulh(int a, int b) { return (int) (((long) a * (long) b) >> 32); }
    static int mulhsu(int a, int b) { return (int) (((long) a * Integer.toUnsignedLong(b)) >> 32); }
    static int mulhu(int a, int b) { return (int) ((Integer.toUnsignedLong(a) * Integer.toUnsignedLong(b)) >>> 32); }

    static int divu(int a, int b) { return b == 0 ? -1 : Integer.divideUnsigned(a, b); }

    static int remu(int a, int b) { return b == 0 ? a : Integer.remainderUnsigned(a, b); }
}
