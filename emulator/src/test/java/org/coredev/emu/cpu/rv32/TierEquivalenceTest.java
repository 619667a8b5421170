package org.coredev.emu.cpu.rv32;

import static org.coredev.emu.cpu.rv32.Asm.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.MmioDevice;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.junit.jupiter.api.Test;

/**
 * The translating tier against the interpreter (the reference) on random looping programs: after
 * every run of a random budget (so blocks start and stop at every kind of boundary), both cores
 * must agree on the stop reason, pc, every register, fcsr, mstatus, cycles, instret and memory.
 * The programs mix ALU and M ops, loads and stores (RAM, the secondary RAM, a device, now and then
 * a misaligned address that traps into a handler), double-precision arithmetic, calls and
 * returns, forward branches, loops, and stores that rewrite the loop's own code (constant words,
 * and bytes, halves and words made from the loop counter: new code at every iteration).
 */
class TierEquivalenceTest {
    static final int CODE = 0x4000_0000, DATA = 0x4000_8000, STACK = 0x5000_0000, DEVICE = 0x6000_0000;
    static final int HANDLER = CODE + 0x4000;
    /** Data between the program and its trap handler: inside the range of code words once the handler ran. */
    static final int NEAR_CODE = CODE + 0x2000;

    /**
     * A device whose reads count up: a load reaching it must happen exactly once per execution. It
     * folds the core's cycles and instret at every access into {@code seen} (both tiers must show
     * it the same time) and takes wait states on every third read (simulated time a device adds).
     */
    static final class Counter implements MmioDevice {
        int reads, last;
        long seen;
        Rv32Cpu cpu;
        @Override public int length() { return 0x100; }
        @Override public int load(int offset, int size) {
            see();
            if (++reads % 3 == 0) cpu.addCycles(5);
            int v = reads * 0x01010107 + offset;
            return size == 4 ? v : v & (size == 2 ? 0xffff : 0xff);
        }
        @Override public void store(int offset, int value, int size) {
            see();
            last = value ^ offset;
        }
        private void see() { seen = seen * 31 + (cpu.cycles() ^ cpu.instret() << 40); }
    }

    static final class Core {
        final Bus bus = new Bus();
        final Ram ram = bus.addRam("ram", CODE, 64 << 10);
        final Ram stack = bus.addRam("stack", STACK, 4 << 10);
        final Counter device = new Counter();
        final Rv32Cpu cpu;

        Core(boolean translating, int[] code, long seed) {
            bus.addDevice("counter", DEVICE, device);
            cpu = new Rv32Cpu(Rv32Cpu.Variant.RV32G, bus, ram);
            cpu.setSecondaryRam(stack);
            cpu.setTranslation(translating);
            device.cpu = cpu;
            try {
                for (int k = 0; k < code.length; k++) bus.store(CODE + 4 * k, code[k], 4);
                // The trap handler skips the trapping instruction: mepc += 4, mret.
                int[] handler = {csr("csrrs", 5, 0, 0x341), i("addi", 5, 5, 4), csr("csrrw", 0, 5, 0x341), sys("mret")};
                for (int k = 0; k < handler.length; k++) bus.store(HANDLER + 4 * k, handler[k], 4);
                SplittableRandom r = new SplittableRandom(seed);
                for (int a = DATA; a < DATA + 0x1000; a += 4) bus.store(a, r.nextInt(), 4);
                for (int a = STACK; a < STACK + 0x1000; a += 4) bus.store(a, r.nextInt(), 4);
            } catch (BusFault e) {
                throw new AssertionError(e);
            }
            cpu.setPc(CODE);
            cpu.setX(20, DATA);
            cpu.setX(21, STACK);
            cpu.setX(22, DEVICE);
            cpu.setX(23, CODE);
            cpu.setX(26, NEAR_CODE);
        }

        byte[] memory() throws BusFault {
            byte[] all = new byte[0x9000 + 0x1000];
            System.arraycopy(bus.read(CODE, 0x9000), 0, all, 0, 0x9000);
            System.arraycopy(bus.read(STACK, 0x1000), 0, all, 0x9000, 0x1000);
            return all;
        }
    }

    /** A random program: setup, a loop of random instruction groups run {@code iterations} times, ecall. */
    static int[] program(SplittableRandom r, int iterations) {
        List<Integer> p = new ArrayList<>();
        p.add(u("lui", 5, HANDLER >>> 12));
        p.add(csr("csrrw", 0, 5, 0x305));              // mtvec = HANDLER
        p.add(i("addi", 31, 0, iterations));
        for (int f = 0; f < 8; f++) p.add(i("fld", f, 20, 8 * f));
        int loop = p.size();
        // Groups of the loop body; branches skip whole groups, rewrites target a later one-word ALU group.
        int groups = 40 + r.nextInt(80);
        List<int[]> body = new ArrayList<>();
        int[] branchSkip = new int[groups], rewriteTarget = new int[groups];
        boolean[] plainAlu = new boolean[groups];
        int[] partialRewrite = new int[groups];   // a rewrite with the loop counter: its store's width (sb, sh, sw); 0: a constant word
        boolean call = false;
        for (int g = 0; g < groups; g++) {
            int rd = 1 + r.nextInt(15), rs1 = r.nextInt(16), rs2 = r.nextInt(16);
            int choice = r.nextInt(100);
            int left = groups - g - 1;
            if (choice < 40) {
                String[] ops = {"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
                        "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
                body.add(new int[] {r(ops[r.nextInt(ops.length)], rd, rs1, rs2)});
                plainAlu[g] = true;
            } else if (choice < 55) {
                String[] ops = {"addi", "slti", "sltiu", "xori", "ori", "andi"};
                body.add(new int[] {i(ops[r.nextInt(ops.length)], rd, rs1, r.nextInt(4096) - 2048)});
            } else if (choice < 60) {
                String[] ops = {"slli", "srli", "srai"};
                body.add(new int[] {shift(ops[r.nextInt(ops.length)], rd, rs1, r.nextInt(32))});
            } else if (choice < 62) {
                body.add(new int[] {r.nextBoolean() ? u("lui", rd, r.nextInt(1 << 20)) : u("auipc", rd, r.nextInt(1 << 20))});
            } else if (choice < 72) {
                // Loads and stores through the data, stack and near-code bases, now and then misaligned (a trap).
                int base = new int[] {20, 21, 26}[r.nextInt(3)];
                int size = 1 << r.nextInt(3);
                int offset = (r.nextInt(1024) & ~(size - 1)) + (size > 1 && r.nextInt(40) == 0 ? 1 : 0);
                String[] loads = size == 4 ? new String[] {"lw"} : size == 2 ? new String[] {"lh", "lhu"} : new String[] {"lb", "lbu"};
                String store = size == 4 ? "sw" : size == 2 ? "sh" : "sb";
                body.add(new int[] {r.nextBoolean() ? i(loads[r.nextInt(loads.length)], rd, base, offset) : s(store, base, rs2, offset)});
            } else if (choice < 74) {
                // The device, in every width (and 1 in 20 misaligned, or past its window: a trap).
                String[] ops = {"lw", "lw", "lh", "lhu", "lb", "lbu", "sw", "sw", "sh", "sb"};
                String op = ops[r.nextInt(ops.length)];
                int size = op.endsWith("w") ? 4 : op.startsWith("lh") || op.equals("sh") ? 2 : 1;
                int offset = r.nextInt(20) == 0 ? (r.nextBoolean() ? 0x100 : 4 * r.nextInt(8) + 1) : size * r.nextInt(32 / size);
                body.add(new int[] {op.startsWith("l") ? i(op, rd, 22, offset) : s(op, 22, rs2, offset)});
            } else if (choice < 82) {
                // Double precision on f0-f7, loads and stores of doubles.
                int fd = r.nextInt(8), fa = r.nextInt(8), fb = r.nextInt(8);
                body.add(new int[] {switch (r.nextInt(9)) {
                    case 8 -> fr("fcvt.w.d", rd, fa, 0, 1);
                    case 0 -> fr("fadd.d", fd, fa, fb, 7);
                    case 1 -> fr("fmul.d", fd, fa, fb, 7);
                    case 2 -> fr("fsub.d", fd, fa, fb, 0);
                    case 3 -> r4("fmadd.d", fd, fa, fb, r.nextInt(8), 7);
                    case 4 -> fr("flt.d", rd, fa, fb, 1);
                    case 5 -> i("fld", fd, 20 + r.nextInt(2), 8 * r.nextInt(64));
                    case 6 -> s("fsd", 20 + r.nextInt(2), fb, 8 * r.nextInt(64));
                    default -> fr("fcvt.d.w", fd, rs1, 0, 7);
                }});
            } else if (choice < 86 && left > 0) {
                String[] ops = {"beq", "bne", "blt", "bge", "bltu", "bgeu"};
                branchSkip[g] = 1 + r.nextInt(Math.min(4, left));
                body.add(new int[] {b(ops[r.nextInt(ops.length)], rs1, rs2, 0)});   // offset patched below
            } else if (choice < 88 && !call) {
                call = true;
                body.add(new int[] {0});                              // jal ra, subroutine (patched below)
                branchSkip[g] = -1;
            } else if (choice < 91 && left > 0) {
                // Rewrite a later ALU group with another ALU op (self-modifying code).
                rewriteTarget[g] = g + 1 + r.nextInt(Math.min(6, left));
                int word = r("xor", rd, rs1, rs2);
                body.add(new int[] {u("lui", 24, (word + 0x800) >>> 12), i("addi", 24, 24, (word << 20) >> 20), 0});
            } else if (choice < 97 && left > 0) {
                // Rewrite the top byte, the top half or the funct7 of a later ALU group with the loop
                // counter: new code at every iteration, stored by translated code (funct7, rs2 and
                // rs1 change: an M op, another ALU op, or an illegal word that traps into the handler).
                rewriteTarget[g] = g + 1 + r.nextInt(Math.min(6, left));
                partialRewrite[g] = new int[] {1, 2, 4}[r.nextInt(3)];
                if (partialRewrite[g] < 4) body.add(new int[] {shift("slli", 24, 31, 1 + r.nextInt(8)), 0});
                else {
                    int word = r(new String[] {"add", "sll", "slt", "xor", "or"}[r.nextInt(5)], rd, rs1, rs2);   // funct7 0
                    body.add(new int[] {u("lui", 25, (word + 0x800) >>> 12), i("addi", 25, 25, (word << 20) >> 20),
                            shift("slli", 24, 31, 25), r("xor", 24, 24, 25), 0});
                }
            } else {
                body.add(new int[] {csr("csrrs", rd, 0, 0xb00)});      // mcycle: the cores' cycle counts
            }
        }
        int[] at = new int[groups + 1];
        for (int g = 0, a = loop; g <= groups; g++) {
            at[g] = a;
            if (g < groups) a += body.get(g).length;
        }
        for (int g = 0; g < groups; g++) {
            int[] words = body.get(g);
            if (branchSkip[g] > 0) words[0] |= b("beq", 0, 0, 4 * (at[g + 1 + branchSkip[g]] - at[g])) & 0xfe000f80;
            if (rewriteTarget[g] > 0) {
                int target = rewriteTarget[g];
                // Only a one-word ALU group may be rewritten; otherwise the store goes to the data instead.
                int last = words.length - 1;
                if (partialRewrite[g] == 0) words[last] = plainAlu[target] ? s("sw", 23, 24, 4 * at[target]) : s("sw", 20, 24, 4 * (g % 256));
                else {
                    String op = partialRewrite[g] == 1 ? "sb" : partialRewrite[g] == 2 ? "sh" : "sw";
                    words[last] = plainAlu[target] ? s(op, 23, 24, 4 * at[target] + 4 - partialRewrite[g]) : s(op, 26, 24, 4 * (g % 256));
                }
            }
            for (int w : words) p.add(w);
        }
        p.add(i("addi", 31, 31, -1));
        p.add(b("bne", 31, 0, 4 * (loop - p.size())));
        p.add(csr("csrrw", 0, 0, 0x305));              // mtvec = 0: the ecall stops the core
        p.add(sys("ecall"));
        int subroutine = p.size();
        for (int k = 0; k < 6; k++) p.add(r("add", 2 + r.nextInt(14), r.nextInt(16), r.nextInt(16)));
        p.add(i("jalr", 0, 1, 0));
        for (int g = 0; g < groups; g++) {
            if (branchSkip[g] == -1) p.set(at[g], j("jal", 1, 4 * (subroutine - at[g])));
        }
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void translatedBlocksMatchTheInterpreterAfterEveryRun() throws Exception {
        long compared = 0, translatedBlocks = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] code = program(r, 100 + r.nextInt(200));
            Core reference = new Core(false, code, seed), translated = new Core(true, code, seed);
            for (int run = 0; ; run++) {
                long budget = 1 + r.nextInt(r.nextBoolean() ? 8 : 400);
                StopReason a = reference.cpu.run(budget), b = translated.cpu.run(budget);
                String where = "seed %d, run %d (budget %d), pc 0x%08x".formatted(seed, run, budget, reference.cpu.pc());
                assertEquals(a, b, where);
                assertSameState(reference, translated, where);
                compared++;
                if (!(a instanceof StopReason.Budget)) {
                    assertInstanceOf(StopReason.Trap.class, a, where);   // the final ecall
                    break;
                }
                assertTrue(run < 1_000_000, "the program ends: " + where);
            }
            translatedBlocks += translated.cpu.translatedBlocks();
        }
        assertTrue(translatedBlocks > 200, "the translating tier translated blocks: " + translatedBlocks);
        assertTrue(compared > 10_000, "runs compared: " + compared);
    }

    @Test
    void oneLongRunGivesTheSameCyclesOnBothTiers() throws Exception {
        for (long seed = 100; seed < 110; seed++) {
            int[] code = program(new SplittableRandom(seed), 2000);
            Core reference = new Core(false, code, seed), translated = new Core(true, code, seed);
            StopReason a = reference.cpu.run(Long.MAX_VALUE), b = translated.cpu.run(Long.MAX_VALUE);
            assertEquals(a, b, "seed " + seed);
            assertSameState(reference, translated, "seed " + seed);
            assertTrue(translated.cpu.translatedBlocks() > 0, "seed " + seed);
        }
    }

    @Test
    void interpreterIsChosenBySetTranslation() {
        Core core = new Core(false, program(new SplittableRandom(7), 500), 7);
        core.cpu.run(Long.MAX_VALUE);
        assertEquals(0, core.cpu.translatedBlocks());
        assertFalse(core.cpu.translation());
    }

    static void assertSameState(Core a, Core b, String where) throws BusFault {
        assertSameCpuState(a.cpu, b.cpu, where);
        assertEquals(a.device.reads, b.device.reads, "device reads " + where);
        assertEquals(a.device.last, b.device.last, "device store " + where);
        assertEquals(a.device.seen, b.device.seen, "the time devices saw " + where);
        assertArrayEquals(a.memory(), b.memory(), "memory " + where);
    }

    /** The architectural state and counts two cores must share: pc, x and f registers, fcsr, mstatus, mepc, mcause, cycles, instret. */
    static void assertSameCpuState(Rv32Cpu a, Rv32Cpu b, String where) {
        assertEquals(Integer.toHexString(a.pc()), Integer.toHexString(b.pc()), "pc " + where);
        for (int reg = 0; reg < 32; reg++) {
            int r = reg;
            assertEquals(a.x(reg), b.x(reg), () -> "x" + r + " " + where);
            assertEquals(a.f(reg), b.f(reg), () -> "f" + r + " " + where);
        }
        assertEquals(a.fcsr(), b.fcsr(), "fcsr " + where);
        assertEquals(a.mstatus(), b.mstatus(), "mstatus " + where);
        assertEquals(a.mepc(), b.mepc(), "mepc " + where);
        assertEquals(a.mcause(), b.mcause(), "mcause " + where);
        assertEquals(a.cycles(), b.cycles(), "cycles " + where);
        assertEquals(a.instret(), b.instret(), "instret " + where);
    }
}
