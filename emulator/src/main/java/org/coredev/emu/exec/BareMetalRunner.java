package org.coredev.emu.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.coredev.emu.EmulatorException;
import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;
import org.coredev.emu.cpu.TrapCause;
import org.coredev.emu.cpu.rv32.Rv32Cpu;

/**
 * Runs a static bare-metal program: RAM covering its segments plus a stack, the pc at the entry
 * point, and the two conventions that let the same ELF run under qemu-riscv32 too: Linux
 * {@code write} (a7 = 64) and {@code exit} (a7 = 93, 94) system calls through ecall, and the
 * ISA-suite {@code tohost} word (1 = pass, odd = fail test value >> 1).
 */
public final class BareMetalRunner {
    /** Stack reserved above the highest segment. */
    public static final int STACK_BYTES = 8 << 20;
    private static final int SYS_WRITE = 64, SYS_EXIT = 93, SYS_EXIT_GROUP = 94;
    private static final int EBADF = 9, ENOSYS = 38, EFAULT = 14;
    /** Cycles run between checks of the overall budget; large, so the hot loop rarely exits. */
    private static final long SLICE = 1L << 30;

    private final BareMetalImage image;
    private final Rv32Cpu cpu;
    private final OutputStream stdout, stderr;

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
        cpu = new Rv32Cpu(variant, bus, ram);
        cpu.setPc(image.entry());
        cpu.setX(2, (int) ((low + size - 16) & ~15L));  // sp at the top of RAM
        image.symbols().address("tohost").ifPresent(cpu::watchStores);
    }

    public Rv32Cpu cpu() { return cpu; }

    /** Runs until the program ends or {@code maxCycles} cycles have passed. */
    public ExecOutcome run(long maxCycles) {
        long deadline = maxCycles;
        while (true) {
            long left = deadline - cpu.cycles();
            if (left <= 0) return new ExecOutcome.Timeout(cpu.cycles(), image.symbols().format(cpu.pc()));
            StopReason stop = cpu.run(Math.min(left, SLICE));
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
                    cpu.setPc(t.pc() + 4);
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
        int number = cpu.x(17), a0 = cpu.x(10), a1 = cpu.x(11), a2 = cpu.x(12);
        switch (number) {
            case SYS_EXIT, SYS_EXIT_GROUP -> {
                flush();
                return new ExecOutcome.Exited(a0);
            }
            case SYS_WRITE -> {
                OutputStream out = a0 == 1 ? stdout : a0 == 2 ? stderr : null;
                if (out == null) {
                    cpu.setX(10, -EBADF);
                } else {
                    try {
                        out.write(cpu.bus().read(a1, a2));
                        cpu.setX(10, a2);
                    } catch (BusFault | NegativeArraySizeException e) {
                        cpu.setX(10, -EFAULT);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            default -> cpu.setX(10, -ENOSYS);
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
