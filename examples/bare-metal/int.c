/* int.elf: 32-bit integer workload for coredev's emulator benchmarks.
 * Each round: xorshift32 PRNG fills an array, insertion sort over it, a
 * bitwise (table-free) CRC-32 of the sorted bytes, a sieve of Eratosthenes
 * with a round-dependent limit, and a mix of mul/div/rem. Prints one
 * checksum line and exits 0. `rounds` is volatile so shorter variants can be
 * built with -DROUNDS=n (default about 1 billion guest instructions). */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 4000
#endif

volatile uint32_t rounds = ROUNDS;

#define N_SORT 256
#define N_SIEVE 8192

static uint32_t rng_state = 2463534242u;
static uint32_t data[N_SORT];
static uint8_t composite[N_SIEVE];

static uint32_t xorshift32(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

static void insertion_sort(uint32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        uint32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static uint32_t sieve(int limit)
{
    uint32_t count = 0, sum = 0;
    for (int i = 0; i < limit; i++) composite[i] = 0;
    for (int i = 2; i < limit; i++) {
        if (composite[i]) continue;
        count++;
        sum += (uint32_t)i;
        for (int j = i * i; j < limit; j += i) composite[j] = 1;
    }
    return count * 2654435761u ^ sum;
}

static uint32_t arith_mix(uint32_t seed)
{
    uint32_t acc = seed | 1u;
    int32_t s = (int32_t)seed;
    for (int i = 1; i <= 512; i++) {
        acc = acc * 1664525u + 1013904223u;
        acc ^= acc / (uint32_t)(i + 7);
        acc += acc % (uint32_t)(i * 3 + 1);
        s = s / 3 - (int32_t)(acc >> 7) % 1000 + (s >> 2);
        acc = (acc << 3) | (acc >> 29);
    }
    return acc ^ (uint32_t)s;
}

int main(void)
{
    uint32_t check = 0;
    uint32_t n = rounds;
    for (uint32_t r = 0; r < n; r++) {
        for (int i = 0; i < N_SORT; i++) data[i] = xorshift32();
        insertion_sort(data, N_SORT);
        for (int i = 1; i < N_SORT; i++)
            if (data[i - 1] > data[i]) { put_str(1, "int: sort failed\n"); return 1; }
        check = crc32_bitwise(check, (const uint8_t *)data, sizeof data);
        check ^= sieve(N_SIEVE - (int)(r % 64) * 16);
        check += arith_mix(check ^ r);
    }
    put_str(1, "int: rounds ");
    put_u64(1, n);
    put_str(1, " checksum ");
    put_hex(1, check, 8);
    put_str(1, "\n");
    return 0;
}
