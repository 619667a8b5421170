/* int64.elf: 64-bit integer workload in the style of ARTIQ kernels'
 * timestamp arithmetic (rv32: every operation is a multi-word sequence or a
 * libgcc call). Each round advances a timeline in machine units (int64 add,
 * compare, shift), converts seconds/nanoseconds to mu with multiplication and
 * division by constants (gcc calls libgcc's __divdi3/__udivdi3/__moddi3),
 * and divides with a hand-written shift-subtract 64-bit division that is
 * cross-checked against the compiler's. Prints one checksum line, exits 0.
 * `rounds` is volatile; build with -DROUNDS=n for shorter variants. */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 600000
#endif

volatile uint32_t rounds = ROUNDS;

/* 1 mu = 1 ns; a coarse RTIO cycle is 8 mu (Kasli at 125 MHz). */
#define REF_PERIOD_PS 1000
#define COARSE_MU 8

static uint64_t udiv64(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1u);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    *rem = r;
    return q;
}

static int64_t ps_to_mu(int64_t ps)
{
    return ps / REF_PERIOD_PS;
}

static int64_t align_to_coarse(int64_t t)
{
    return (t + COARSE_MU - 1) & ~(int64_t)(COARSE_MU - 1);
}

int main(void)
{
    uint32_t n = rounds;
    int64_t now_mu = 1000000000LL;          /* timeline cursor */
    int64_t last = now_mu;
    uint64_t check = 0x9e3779b97f4a7c15ull;
    uint64_t lcg = 88172645463325252ull;
    uint32_t underflows = 0;

    for (uint32_t r = 0; r < n; r++) {
        lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
        int64_t delay_ps = (int64_t)(lcg >> 24) % 5000000000LL;   /* up to 5 ms */
        int64_t delay_mu = ps_to_mu(delay_ps);
        now_mu += delay_mu;
        now_mu = align_to_coarse(now_mu);
        if (now_mu < last) underflows++;
        int64_t dt = now_mu - last;
        last = now_mu;

        /* seconds and remainder, microseconds, as a host would display */
        int64_t secs = now_mu / 1000000000LL;
        int64_t frac = now_mu % 1000000000LL;
        int64_t us = dt / 1000;
        check ^= (uint64_t)secs * 0x100000001b3ull;
        check += (uint64_t)frac ^ ((uint64_t)us << 17);
        check = (check << 7) | (check >> 57);

        /* slack: a signed difference that can be negative */
        int64_t slack = (int64_t)(lcg >> 40) - (int64_t)(1 << 23);
        if (slack < 0) check -= (uint64_t)(-slack) >> 3;
        else check += (uint64_t)slack >> (r & 15);

        /* hand-written division, checked against the compiler's */
        uint64_t d = ((lcg >> 33) | 1u) + (r & 0xff);
        uint64_t rem;
        uint64_t q = udiv64(check, d, &rem);
        if (q != check / d || rem != check % d) {
            put_str(1, "int64: division mismatch\n");
            return 1;
        }
        check ^= q + rem * 31u;
        check *= 0x2545f4914f6cdd1dull;
    }
    put_str(1, "int64: rounds ");
    put_u64(1, n);
    put_str(1, " now_mu ");
    put_i64(1, now_mu);
    put_str(1, " underflows ");
    put_u64(1, underflows);
    put_str(1, " checksum ");
    put_hex(1, check, 16);
    put_str(1, "\n");
    return 0;
}
