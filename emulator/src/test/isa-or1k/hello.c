/* A C program on OR1K: printing through write, integer arithmetic the
 * compiler lowers to l.mul / l.div / l.cmov / l.ff1, 64-bit arithmetic
 * through libgcc, a table and a loop; exits with a status computed from the
 * results (0 when they are all as expected). */
#include "rt.h"

static const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
static int counts[16];

static int gcd(int a, int b)
{
    while (b != 0) { int t = a % b; a = b; b = t; }
    return a;
}

static unsigned collatz_steps(unsigned n)
{
    unsigned steps = 0;
    while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; steps++; }
    return steps;
}

static int max_of(int a, int b) { return a > b ? a : b; }

int main(void)
{
    int bad = 0;
    put_str(1, "hello from or1k\n");
    int sum = 0;
    for (unsigned i = 0; i < sizeof primes / sizeof primes[0]; i++) sum += primes[i] * primes[i];
    put_str(1, "sum of squares of the first ten primes: "); put_dec(1, sum); put_str(1, "\n");
    bad |= sum != 2397;
    put_str(1, "gcd(1071, 462) = "); put_dec(1, gcd(1071, 462)); put_str(1, "\n");
    bad |= gcd(1071, 462) != 21;
    put_str(1, "collatz(27) = "); put_dec(1, collatz_steps(27)); put_str(1, "\n");
    bad |= collatz_steps(27) != 111;
    long long big = 1;
    for (int i = 0; i < 20; i++) big *= 7;
    put_str(1, "7^20 = "); put_dec(1, big); put_str(1, "\n");
    bad |= big != 79792266297612001LL;
    put_str(1, "-1234567 / 89 = "); put_dec(1, -1234567 / 89);
    put_str(1, ", remainder "); put_dec(1, -1234567 % 89); put_str(1, "\n");
    for (unsigned i = 0; i < 1000; i++) counts[(i * 2654435761u) >> 28]++;
    int most = 0;
    for (int i = 0; i < 16; i++) most = max_of(most, counts[i]);
    put_str(1, "largest bucket: "); put_dec(1, most); put_str(1, "\n");
    put_str(1, "hex: "); put_hex(1, 0xdeadbeef); put_str(1, "\n");
    put_str(2, "this line goes to stderr\n");
    put_str(1, bad ? "FAIL\n" : "bye\n");
    return bad;
}
