/* Call chain for unwinder tests: entry -> middle -> big_frame -> framed -> leaf -> probe (a runtime
 * import the test binds to a trap address). Each level keeps values live across its call so the
 * compiler saves callee-saved registers (s*, and fs* under ilp32d) and describes them in .eh_frame. */
extern int probe(int depth);

__attribute__((noinline)) int leaf(int a, int b) {
    int r = probe(a + b);
    return r + a * b;
}

/* A variable-length array forces a frame pointer: the CFA is s0-based. */
__attribute__((noinline)) int framed(int n, int seed) {
    volatile int vla[n + 4];
    for (int k = 0; k < n + 4; k++) vla[k] = seed + k;
    int s1 = seed * 3, s2 = seed * 5;
    int r = leaf(s1, s2);
    return r + vla[n] + s1 + s2;
}

/* More than 2 KiB of locals: the stack adjustment needs several instructions. */
__attribute__((noinline)) int big_frame(int seed) {
    volatile char buffer[6000];
    unsigned index = (unsigned) seed % 6000u;
    buffer[index] = (char) seed;
    int a = seed + 1, b = seed + 2, c = seed + 3;
    int r = framed(3, seed);
    return r + buffer[(index * 7u) % 6000u] + a * b * c;
}

#ifdef HARD_FLOAT
__attribute__((noinline)) double middle(double x, int seed) {
    double y = x * 1.5, z = x + 2.25;
    int r = big_frame(seed);
    return y * z + r;
}
int entry(int seed) { return (int) middle(seed * 0.5, seed); }
#else
__attribute__((noinline)) int middle(int x, int seed) {
    int y = x * 7, z = x + 11;
    int r = big_frame(seed);
    return y * z + r;
}
int entry(int seed) { return middle(seed * 2, seed) + 1; }
#endif
