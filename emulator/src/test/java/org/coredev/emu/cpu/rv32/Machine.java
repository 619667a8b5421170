package org.coredev.emu.cpu.rv32;

import org.coredev.emu.bus.Bus;
import org.coredev.emu.bus.BusFault;
import org.coredev.emu.bus.Ram;
import org.coredev.emu.cpu.StopReason;

/** A test machine: 64 KiB of RAM at 0x40000000, code at its start, data at +0x8000. */
final class Machine {
    static final int RAM = 0x4000_0000, DATA = RAM + 0x8000;
    final Bus bus = new Bus();
    final Ram ram = bus.addRam("ram", RAM, 64 << 10);
    final Rv32Cpu cpu;

    Machine(Rv32Cpu.Variant variant, int... code) {
        cpu = new Rv32Cpu(variant, bus, ram);
        load(RAM, code);
        cpu.setPc(RAM);
    }

    Machine(int... code) { this(Rv32Cpu.Variant.RV32G, code); }

    void load(int address, int... words) {
        for (int k = 0; k < words.length; k++) poke(address + 4 * k, words[k]);
    }

    void poke(int address, int word) {
        try {
            bus.store(address, word, 4);
        } catch (BusFault e) {
            throw new AssertionError(e);
        }
    }

    int peek(int address) {
        try {
            return bus.load(address, 4);
        } catch (BusFault e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code n} instructions, one at a time; returns the last stop reason. */
    StopReason steps(int n) {
        StopReason last = null;
        for (int k = 0; k < n; k++) {
            last = cpu.run(1);
            if (!(last instanceof StopReason.Budget)) return last;
        }
        return last;
    }
}
