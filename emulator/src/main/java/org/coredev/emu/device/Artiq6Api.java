package org.coredev.emu.device;

import java.util.Set;

/**
 * The runtime exports of ARTIQ 6 firmware, the OR1K boards' (release-6 artiq/firmware/ksupport/api.rs,
 * the entries not commented out there): compiler-rt, memcmp, the libm it had, the exception API
 * ({@code __artiq_raise}, {@code __artiq_reraise}, {@code _Unwind_Resume}, {@code __artiq_personality}),
 * core_log, {@code now}, RPC, the cache, mfspr/mtspr, RTIO, DMA, I2C and SPI. An OR1K core device
 * exports these and no others, so an image that needs a later firmware's symbol (memcpy,
 * subkernels, {@code __artiq_resume}) fails to link as it would on the board.
 */
public final class Artiq6Api {
    private Artiq6Api() {}

    public static final Set<String> EXPORTS = Set.of(
            "_Unwind_Resume", "__adddf3", "__addsf3", "__artiq_personality", "__artiq_raise",
            "__artiq_reraise", "__ashldi3", "__ashrdi3", "__divdf3", "__divdi3", "__divsf3", "__divsi3",
            "__eqdf2", "__fixdfdi", "__fixdfsi", "__fixsfsi", "__fixunsdfsi", "__fixunssfsi",
            "__floatdidf", "__floatsidf", "__floatsisf", "__floatunsidf", "__floatunsisf", "__gedf2",
            "__gtdf2", "__ledf2", "__lshrdi3", "__ltdf2", "__moddi3", "__modsi3", "__muldf3", "__muldi3",
            "__mulsf3", "__nedf2", "__powidf2", "__subdf3", "__subsf3", "__udivdi3", "__udivmoddi4",
            "__umoddi3", "__unorddf2", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh",
            "cache_get", "cache_put", "cbrt", "ceil", "copysign", "core_log", "cos", "cosh", "dma_erase",
            "dma_playback", "dma_record_start", "dma_record_stop", "dma_retrieve", "erf", "erfc", "exp",
            "expm1", "fabs", "floor", "fmod", "hypot", "i2c_read", "i2c_restart", "i2c_start", "i2c_stop",
            "i2c_write", "j0", "j1", "jn", "lgamma", "log", "log10", "memcmp", "mfspr", "mtspr",
            "nextafter", "now", "pow", "round", "rpc_recv", "rpc_send", "rpc_send_async",
            "rtio_get_counter", "rtio_get_destination_status", "rtio_init", "rtio_input_data",
            "rtio_input_timestamp", "rtio_input_timestamped_data", "rtio_log", "rtio_output",
            "rtio_output_wide", "sin", "sinh", "spi_read", "spi_set_config", "spi_write", "sqrt", "tan",
            "tanh", "y0", "y1", "yn");
}
