/* hello.elf: a few lines on stdout, one on stderr, exit status 0.
 * For comparing an emulator's stdout/stderr/exit status with
 * qemu-riscv32's. Exercises the C start-up code (crt0.S), .data/.bss,
 * the write syscall on fds 1 and 2, and the number printers of rt.h. */
#include "rt.h"

static const char *const greetings[] = { "hello, world", "from rv32imafd" };
static int counter;                   /* .bss: must start at zero */
static int initialised = 41;          /* .data */

int main(void)
{
    for (unsigned i = 0; i < sizeof greetings / sizeof greetings[0]; i++) {
        put_str(1, greetings[i]);
        put_str(1, "\n");
    }
    counter++;
    initialised += counter;
    put_str(1, "answer ");
    put_i64(1, initialised);
    put_str(1, ", negative ");
    put_i64(1, -1234567890123LL);
    put_str(1, ", hex ");
    put_hex(1, 0xdeadbeefu, 8);
    put_str(1, "\n");
    put_str(2, "this line goes to stderr\n");
    put_str(1, "bye\n");
    return 0;
}
