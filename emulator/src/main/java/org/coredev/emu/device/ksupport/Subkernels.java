package org.coredev.emu.device.ksupport;

import org.coredev.emu.device.KernelRaiser;
import org.coredev.emu.runtime.Runtime;
import org.coredev.emu.runtime.RuntimeExport;

/**
 * The subkernel exports of ksupport/lib.rs ({@code subkernel_load_run}, {@code
 * subkernel_send_message}, {@code subkernel_await_message}, {@code subkernel_await_finish}).
 * Subkernels run on DRTIO satellites, which coredev does not model: every call raises
 * SubkernelError "no subkernels in coredev". (A standalone board's comms CPU does not handle
 * these requests at all and ends the session.) Cost: a mailbox round trip, 500 cycles.
 */
public final class Subkernels {
    public static final int CALL_CYCLES = 500;
    static final String MESSAGE = "no subkernels in coredev";

    private Subkernels() {}

    public static void register(Runtime runtime, KernelRaiser raiser) {
        NrtBuses.RuntimeExportFailing none = a -> raiser.raise("SubkernelError", MESSAGE, 0, 0, 0);
        // subkernel_load_run(u32 id, u8 destination, bool run)
        runtime.register(RuntimeExport.of("subkernel_load_run", "v(iii)", CALL_CYCLES, none::fail));
        // subkernel_send_message(u32 id, bool is_return, u8 destination, u8 count, &CSlice<u8> tag, *const *const () data)
        runtime.register(RuntimeExport.of("subkernel_send_message", "v(iiiipp)", CALL_CYCLES, none::fail));
        // subkernel_await_message(i32 id, i64 timeout, &CSlice<u8> tags, u8 min, u8 max) -> u8
        runtime.register(RuntimeExport.of("subkernel_await_message", "i(ilpii)", CALL_CYCLES, none::fail));
        // subkernel_await_finish(u32 id, i64 timeout)
        runtime.register(RuntimeExport.of("subkernel_await_finish", "v(il)", CALL_CYCLES, none::fail));
    }
}
