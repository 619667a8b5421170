package org.coredev.emu.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.coredev.emu.cpu.or1k.Or1kCpu;
import org.coredev.emu.cpu.rv32.Rv32Cpu;

/**
 * Runs a static bare-metal program: RAM covering its segments plus a stack, the pc at the entry
 * point, and the two conventions that let the same ELF run under qemu-riscv32 too: Linux
 * {@code write} (a7 = 64) and {@code exit} (a7 = 93, 94) system calls through ecall, and the
 * ISA-suite {@code tohost} word (1 = pass, odd = fail test value >> 1).
 *
 * <p>OpenRISC programs ({@link Or1kCpu}, big-endian) use qemu-or1k's conventions instead: l.sys
 * with the Linux number in r11, arguments in r3..r5, the result in r11; the stack pointer is r1.
 * Other exceptions end the run as faults, as qemu-or1k's signals end the process.
 */
public final class BareMetalRunner {
    /** Stack reserved above the highest segment. */
    public static final int STACK_BYTES = 8 << 20;
    private static final int SYS_WRITE = 64, SYS_EXIT = 93, SYS_EXIT_GROUP = 94;
    private static final int EBADF = 9, ENOSYS = 38, EFAULT = 14;

    private final BareMetalImage image;
    private final Rv32Cpu cpu;
    private final Or1kCpu or1k;
    private final Cpu core;
    /** Registers of the system call convention: number, three arguments, result. */
    private final int regNumber, regArg0, regArg1, regArg2, regResult;
    private final OutputStream stdout, stderr;

    /** Runs the image on the CPU its ELF machine names; {@code variant} picks the RV32 flavour. */
    public BareMetalRunner(BareMetalImage image, Rv32Cpu.Variant variant, OutputStream stdout, OutputStream stderr)
            throws EmulatorException {
        this.image = image;
        this.stdout = stdout;
        this.stderr = stderr;
        long low = image.lowest() & ~0xfffL;
        long high = (image.highest() + 0xfff) & ~0xfffL;
        long size = high - low + STACK_BYTES;
        if (low + size > 0x1_0000_0000L) size = 0x1_0000_0000L - low;
        if (size > 1L << 30)
            throw new EmulatorException("%s: segments span 0x%x bytes from 0x%x; at most 1 GiB is supported".formatted(image.file(), size, low));
        Bus bus = new Bus();
        Ram ram = bus.addRam("ram", (int) low, (int) size);
        try {
            for (BareMetalImage.Segment s : image.segments()) bus.write(s.address(), s.data());
        } catch (BusFault e) {
            throw new EmulatorException(image.file() + ": " + e.getMessage());
        }
        int sp = (int) ((low + size - 16) & ~15L);  // sp at the top of RAM
        if (image.isOr1k()) {
            cpu = null;
            or1k = new Or1kCpu(bus, ram);
            or1k.setHostTraps(true);
            or1k.setPc(image.entry());
            or1k.setX(1, sp);
            image.symbols().address("tohost").ifPresent(or1k::watchStores);
            core = or1k;
            regNumber = 11; regArg0 = 3; regArg1 = 4; regArg2 = 5; regResult = 11;
        } else {
            or1k = null;
            cpu = new Rv32Cpu(variant, bus, ram);
            cpu.setPc(image.entry());
            cpu.setX(2, sp);
            image.symbols().address("tohost").ifPresent(cpu::watchStores);
            core = cpu;
            regNumber = 17; regArg0 = 10; regArg1 = 11; regArg2 = 12; regResult = 10;
        }
    }

    /** The RV32 core, or null when the image is an OpenRISC one. */
    public Rv32Cpu cpu() { return cpu; }

    /** The core running the image, whichever it is. */
    public Cpu core() { return core; }

    private Bus bus() { return cpu != null ? cpu.bus() : or1k.bus(); }

    /** Runs until the program ends or {@code maxCycles} cycles have passed. */
    public ExecOutcome run(long maxCycles) {
        long deadline = maxCycles;
        while (true) {
            long left = deadline - core.cycles();
            if (left <= 0) return new ExecOutcome.Timeout(core.cycles(), image.symbols().format(core.pc()));
            // The whole budget at once: a translated block that reaches the budget's end mid-run
            // costs HotSpot a recompilation (its budget check had never been taken).
            StopReason stop = core.run(left);
            switch (stop) {
                case StopReason.Budget b -> { }
                case StopReason.Watch w -> {
                    int v = w.value();
                    if (v == 1) return new ExecOutcome.Passed();
                    if ((v & 1) != 0) return new ExecOutcome.Failed(v >>> 1);
                }
                case StopReason.Trap t when t.cause() == TrapCause.ECALL_FROM_M -> {
                    ExecOutcome end = syscall();
                    if (end != null) return end;
                    // The OR1K core has stepped past l.sys already (its next pc may be a branch target).
                    if (cpu != null) cpu.setPc(t.pc() + 4);
                }
                case StopReason.Trap t -> {
                    return new ExecOutcome.Fault(t.cause(), t.pc(), t.tval(), image.symbols().format(t.pc()));
                }
                case StopReason.RuntimeCall r -> {
                    return new ExecOutcome.Fault(TrapCause.INSTRUCTION_ACCESS_FAULT, r.pc(), r.pc(), image.symbols().format(r.pc()));
                }
            }
        }
    }

    /** Serves a Linux system call; returns the outcome if the program ended. */
    private ExecOutcome syscall() {
        Cpu cpu = core;
        int number = cpu.x(regNumber), a0 = cpu.x(regArg0), a1 = cpu.x(regArg1), a2 = cpu.x(regArg2);
        switch (number) {
            case SYS_EXIT, SYS_EXIT_GROUP -> {
                flush();
                return new ExecOutcome.Exited(a0);
            }
            case SYS_WRITE -> {
                OutputStream out = a0 == 1 ? stdout : a0 == 2 ? stderr : null;
                if (out == null) {
                    cpu.setX(regResult, -EBADF);
                } else {
                    try {
                        out.write(bus().read(a1, a2));
                        cpu.setX(regResult, a2);
                    } catch (BusFault | NegativeArraySizeException e) {
                        cpu.setX(regResult, -EFAULT);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            default -> cpu.setX(regResult, -ENOSYS);
        }
        return null;
    }

    private void flush() {
        try {
            stdout.flush();
            stderr.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
