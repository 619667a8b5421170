package org.coredev.emu.device;

import java.nio.ByteOrder;
import org.coredev.emu.runtime.Runtime;
import org.coredev.loader.Linker;
import org.coredev.loader.Target;

/**
 * Where a board's kernel CPU finds its memory and devices, for each kernel CPU target.
 *
 * <p>RISC-V boards (ARTIQ 7 and later; artiq/firmware/ksupport/ksupport.ld and misoc's memory map):
 * ksupport's region at 0x45000000 holds the runtime entry points, kernels load from 0x45060000,
 * the RTIO CSR bank is at the start of CSR space, 0x60000000, on a 64-bit CSR bus on rv32g boards
 * (Kasli 2.x) and a 32-bit one on rv32ima (Kasli 1.x).
 *
 * <p>OR1K boards (ARTIQ 6 and older; ksupport.ld and glue.c of that tree, before commit 61b0170a1
 * "firmware: purge or1k"): ksupport at 0x40800000, kernels from 0x40860000 (KERNELCPU_PAYLOAD_ADDRESS),
 * the RTIO CSRs at 0xa0000000 (mem_map "rtio" 0x20000000 with the uncached bit 0x80000000) on a
 * 32-bit CSR bus, big-endian, the stack from {@code _fstack} = end of main RAM - 4.
 *
 * @param ksupportBase where the runtime's entry points live (the CPU stops on a fetch there)
 * @param payloadBase  where the first kernel image is placed
 * @param mainRamEnd   the end of main RAM (512 MiB from 0x40000000); the kernel stack lies below it
 * @param stackTop     the kernel's initial stack pointer
 * @param csrBase      the RTIO CSR bank (KernelInitiator)
 * @param csrStride    bytes between CSR registers: 8 on a 64-bit CSR bus, 4 on a 32-bit one
 */
public record BoardMemoryMap(int ksupportBase, int payloadBase, int mainRamEnd, int stackTop, int csrBase, int csrStride,
                             ByteOrder byteOrder) {
    public static final int MAIN_RAM_END = 0x6000_0000;

    public static BoardMemoryMap of(Target target) {
        return switch (target) {
            case RV32G -> new BoardMemoryMap(Runtime.ENTRY_BASE, Linker.DEFAULT_PAYLOAD_ADDRESS, MAIN_RAM_END, MAIN_RAM_END - 16,
                    0x6000_0000, 8, ByteOrder.LITTLE_ENDIAN);
            case RV32IMA -> new BoardMemoryMap(Runtime.ENTRY_BASE, Linker.DEFAULT_PAYLOAD_ADDRESS, MAIN_RAM_END, MAIN_RAM_END - 16,
                    0x6000_0000, 4, ByteOrder.LITTLE_ENDIAN);
            case OR1K -> new BoardMemoryMap(Runtime.ARTIQ6_ENTRY_BASE, Runtime.ARTIQ6_ENTRY_BASE + 0x6_0000, MAIN_RAM_END,
                    MAIN_RAM_END - 4, 0xa000_0000, 4, ByteOrder.BIG_ENDIAN);
        };
    }

    /** Where the runtime keeps exceptions in flight: inside ksupport's region, past the entry points. */
    public int exceptionScratch() { return ksupportBase + 0x5_0000; }
}
