/* Zicntr user-level counters (qemu-riscv32 allows them in user mode):
 * rdcycle/rdcycleh, rdinstret/rdinstreth, rdtime/rdtimeh read as 64-bit
 * values with the high-low-high retry sequence. Values are never printed
 * (they differ between runs under qemu); only their ordering is checked:
 * cycle and instret strictly increase across a 200-iteration loop, time
 * never decreases; csrr by CSR name reads the same counters. */
#include "test.h"

/* hi:lo of a 64-bit counter, re-reading when the high half changed. */
.macro read64 lo, hi, rdlo, rdhi
.Lr\@:
  \rdhi \hi
  \rdlo \lo
  \rdhi t4
  bne \hi, t4, .Lr\@
.endm

/* Fail unless hi1:lo1 > hi0:lo0 (strict) or >= (strict = 0), unsigned 64-bit. */
.macro check_later lo0, hi0, lo1, hi1, strict
  .set checknum, checknum + 1
  bltu \hi0, \hi1, .Lok\@
  bne \hi0, \hi1, .Lbad\@
  .if \strict
  bltu \lo0, \lo1, .Lok\@
  .else
  bgeu \lo1, \lo0, .Lok\@
  .endif
.Lbad\@:
  j fail
.Lok\@:
.endm

.macro spin n
  li t0, \n
.Lspin\@:
  addi t0, t0, -1
  bnez t0, .Lspin\@
.endm

  TEST_BEGIN

  next_test
  read64 s0, s1, rdcycle, rdcycleh
  spin 200
  read64 s2, s3, rdcycle, rdcycleh
  check_later s0, s1, s2, s3, 1

  next_test
  read64 s0, s1, rdinstret, rdinstreth
  spin 200
  read64 s2, s3, rdinstret, rdinstreth
  check_later s0, s1, s2, s3, 1

  next_test
  read64 s0, s1, rdtime, rdtimeh
  spin 200
  read64 s2, s3, rdtime, rdtimeh
  check_later s0, s1, s2, s3, 0

  next_test                       /* csrr with the CSR names */
  read64 s0, s1, rdinstret, rdinstreth
  csrr s2, instret
  csrr s3, instreth
  check_later s0, s1, s2, s3, 1

  TEST_END
