/* calib_libc.elf: cycles per call of the libc exports of ARTIQ's
 * ksupport/api.rs (picolibc's implementations, rv32ima), each at 16 and at
 * 256 bytes, from which the runtime takes a fixed part and a part per byte.
 * Copies do not overlap; memcmp and bcmp compare equal buffers (all n bytes
 * read), strlen scans a string of n characters.
 * See calib.h for the method; output "name@bytes cycles" per line. */
#include "calib.h"

typedef unsigned size_t;
void *memcpy(void *, const void *, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);
int bcmp(const void *, const void *, size_t);
size_t strlen(const char *);

#define NOIPA __attribute__((noipa))
NOIPA static void *e_p_ppi(void *a, const void *b, size_t n) { (void)b; (void)n; return a; }
NOIPA static int e_i_ppi(const void *a, const void *b, size_t n) { (void)a; (void)b; (void)n; return 0; }
NOIPA static size_t e_i_p(const char *a) { (void)a; return 0; }
NOIPA static int e_i_ii(int a, int b) { (void)b; return a; }

static char src[512] __attribute__((aligned(4)));
static char dst[512] __attribute__((aligned(4)));
static char str16[17], str256[257];
static volatile size_t sizes[2] = { 16, 256 };
static volatile int vi[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static void *volatile sp;
static volatile int si;

static void measure(size_t n, const char *s)
{
    static char name[24];
    uint32_t b, t;
    const char *names[6] = { "memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen" };
    for (int f = 0; f < 6; f++) {
        switch (f) {
        case 0: b = MEASURE(sp, e_p_ppi(dst, src, n)); t = MEASURE(sp, memcpy(dst, src, n)); break;
        case 1: b = MEASURE(sp, e_p_ppi(dst, src, n)); t = MEASURE(sp, memmove(dst, src, n)); break;
        case 2: b = MEASURE(sp, e_p_ppi(dst, (void *)(long)k, n)); t = MEASURE(sp, memset(dst, (int)k, n)); break;
        case 3:
            for (unsigned i = 0; i < sizeof dst; i++) dst[i] = src[i];  /* equal: compare all n bytes */
            b = MEASURE(si, e_i_ppi(dst, src, n)); t = MEASURE(si, memcmp(dst, src, n)); break;
        case 4: b = MEASURE(si, e_i_ppi(dst, src, n)); t = MEASURE(si, bcmp(dst, src, n)); break;
        default: b = MEASURE(si, (int)e_i_p(s)); t = MEASURE(si, (int)strlen(s)); break;
        }
        unsigned len = 0;
        for (const char *p = names[f]; *p; p++) name[len++] = *p;
        name[len++] = '@';
        name[len] = 0;
        out_str(name);
        out_u32(n);
        report("", t, b);
    }
}

int main(void)
{
    for (int i = 0; i < 512; i++) src[i] = (char)(i * 7 + 1);
    for (int i = 0; i < 16; i++) str16[i] = 'a';
    for (int i = 0; i < 256; i++) str256[i] = 'b';
    uint32_t nocall = MEASURE(si, vi[k] ^ vi[7 - k]);
    uint32_t empty = MEASURE(si, e_i_ii(vi[k], vi[7 - k]));
    ret_cycles = (int32_t)((empty - nocall + N / 2) / N) - CALL_CYCLES;
    out_str("# ret ");
    out_u32((uint32_t)ret_cycles);
    out_char('\n');
    measure(sizes[0], str16);
    measure(sizes[1], str256);
    out_flush();
    return 0;
}
