/* Cycle measurement for the runtime-lib calibration programs. Each export
 * is called N times in a loop between two rdcycle reads, its arguments
 * loaded from volatile tables of 8 typical values; the same loop calling an
 * empty function of the same signature (noipa: the compiler may not look
 * inside) is the baseline. A call's cost is
 *     (loop - baseline) / N + RET
 * where RET is the empty function's own cost (its `ret`), measured as the
 * empty-call loop minus a loop without a call, minus the CALL_CYCLES of the
 * call instruction (out.h: `jal` on VexRiscv 1, `l.jal` on mor1kx 2) that
 * the CPU charges before the runtime takes over. Output: one line
 * "name cycles" per export. */
#ifndef RUNTIME_LIB_CALIB_H
#define RUNTIME_LIB_CALIB_H

#include "out.h"

#define N 256u

#define MEASURE(sink, call) __extension__({                 \
        uint32_t t0_ = rdcycle();                          \
        for (unsigned i_ = 0; i_ < N; i_++) {              \
            unsigned k __attribute__((unused)) = i_ & 7u;  \
            sink = (call);                                 \
        }                                                  \
        rdcycle() - t0_; })

static int32_t ret_cycles;

static void report(const char *name, uint32_t loop, uint32_t baseline)
{
    int32_t delta = (int32_t)(loop - baseline);
    int32_t per_call = (delta + (int32_t)(N / 2)) / (int32_t)N + ret_cycles;
    out_str(name);
    out_char(' ');
    out_u32((uint32_t)(per_call < 1 ? 1 : per_call));
    out_char('\n');
}

#endif
