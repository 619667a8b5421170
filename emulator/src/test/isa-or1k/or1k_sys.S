/* System calls through l.sys: write to stdout and stderr returns the count
 * in r11 and preserves the other registers, a bad descriptor gives -EBADF,
 * an unknown call -ENOSYS; exit ends the program. */
#include "test.h"
TEST_BEGIN
  l.addi r20, r0, 77           /* callee registers survive the call */
  LI(r4, out_msg)
  l.addi r5, r0, out_end - out_msg
  l.addi r3, r0, 1
  l.addi r11, r0, SYS_write
  l.sys 1
  l.nop
  l.sfeq r11, r5               /* the count written */
  l.bnf fail
  l.addi r30, r0, 1
  CHECK(2, r20, 77)
  CHECK(3, r4, out_msg)
  LI(r4, err_msg)
  l.addi r5, r0, err_end - err_msg
  l.addi r3, r0, 2
  l.addi r11, r0, SYS_write
  l.sys 1
  l.nop
  l.sfeq r11, r5
  l.bnf fail
  l.addi r30, r0, 4
  LI(r4, out_msg)
  l.addi r5, r0, 1
  l.addi r3, r0, 99            /* not open */
  l.addi r11, r0, SYS_write
  l.sys 1
  l.nop
  CHECK(5, r11, -9)
  l.addi r11, r0, 4000         /* no such call */
  l.sys 1
  l.nop
  CHECK(6, r11, -38)
  l.addi r4, r0, 0             /* zero-length write */
  l.addi r5, r0, 0
  l.addi r3, r0, 1
  l.addi r11, r0, SYS_write
  l.sys 1
  l.nop
  CHECK(7, r11, 0)
TEST_END("or1k_sys")
  .section .rodata
out_msg: .ascii "to stdout through l.sys\n"
out_end:
err_msg: .ascii "to stderr through l.sys\n"
err_end:
