package org.coredev.emu.runtime.rpc;

import org.coredev.emu.cpu.Cpu;
import org.coredev.emu.runtime.GuestMemory;

/**
 * Attribute writeback after {@code __modinit__} returns, as ksupport's {@code attribute_writeback}
 * does for images that export {@code typeinfo} (ARTIQ's compiler emits it): a null-terminated
 * array of types, each {@code {Attr **attributes; void **objects}} with both arrays
 * null-terminated, and each attribute {@code {usize offset; CSlice tag; CSlice name}}. For every
 * object and every attribute with a non-empty tag, one asynchronous RPC to service 0 carries the
 * object, the attribute's name and the value at {@code object + offset}: the host's setattr.
 *
 * <p>The walk reads guest memory only; a corrupt table ends in a {@link org.coredev.emu.runtime.GuestFault}
 * or, past {@link #MAX_ENTRIES} entries in one array, an {@link RpcException} naming the array.
 */
public final class AttributeWriteback {
    /** Bound on each null-terminated array, so a table without its terminator cannot run forever. */
    static final int MAX_ENTRIES = 1 << 20;

    private AttributeWriteback() {}

    /**
     * Sends the writeback RPCs of the table at {@code typeinfo}. {@code scratch} is 16 bytes of
     * guest memory the runtime may use (the argument array the board builds on its stack).
     * Returns the number of RPCs sent.
     */
    public static int run(Rpc rpc, Cpu cpu, GuestMemory memory, int typeinfo, int scratch) {
        int objectSlot = scratch, argv = scratch + 4, sent = 0;
        for (int t = 0; ; t++) {
            int type = entry(memory, typeinfo, t, "typeinfo");
            if (type == 0) return sent;
            int attributes = memory.load32(type), objects = memory.load32(type + 4);
            for (int o = 0; ; o++) {
                int object = entry(memory, objects, o, "typeinfo objects");
                if (object == 0) break;
                for (int a = 0; ; a++) {
                    int attribute = entry(memory, attributes, a, "typeinfo attributes");
                    if (attribute == 0) break;
                    int tag = attribute + 4, tagLength = memory.load32(attribute + 8), name = attribute + 12;
                    if (tagLength == 0) continue;   // an attribute the kernel never writes
                    memory.store32(objectSlot, object);
                    memory.store32(argv, objectSlot);
                    memory.store32(argv + 4, name);
                    memory.store32(argv + 8, object + memory.load32(attribute));
                    cpu.addCycles(rpc.timing().asyncSendCycles());
                    rpc.send(cpu, 0, tag, argv, true);
                    sent++;
                }
            }
        }
    }

    private static int entry(GuestMemory memory, int array, int index, String what) {
        if (index >= MAX_ENTRIES)
            throw RpcException.abort("attribute writeback: %s array at 0x%08x has no null terminator in %d entries"
                    .formatted(what, array, MAX_ENTRIES));
        return memory.load32(array + 4 * index);
    }
}
