/* exitcode.elf: prints one line, then exits with status 7 through
 * _exit (tohost = 15). For checking that an emulator reports a program's
 * exit status as qemu-riscv32 does. */
#include "rt.h"

int main(void)
{
    put_str(1, "exiting with status 7\n");
    _exit(7);
}
