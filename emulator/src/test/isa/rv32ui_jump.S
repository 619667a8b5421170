/* rv32ui control transfer: every conditional branch (beq bne blt bge bltu
 * bgeu) taken and not taken around the signed and unsigned boundaries, the
 * same register on both sides, backward branches and a counted loop; jal
 * (link value, rd = x0 / x5, backward, a target more than 4 KiB away); jalr
 * (link value, positive/negative offsets, bit 0 of the target cleared, rd ==
 * rs1, ret through x0), and a nested call using the stack. */
#include "test.h"

.macro t_br_taken op, a, b
  next_test
  li x1, \a
  li x2, \b
  \op x1, x2, .Lt\@
  fail_here
.Lt\@:
.endm

.macro t_br_not op, a, b
  next_test
  li x1, \a
  li x2, \b
  \op x1, x2, .Lbad\@
  j .Lok\@
.Lbad\@:
  fail_here
.Lok\@:
.endm

  TEST_BEGIN

  t_br_taken beq, 0, 0
  t_br_taken beq, 1, 1
  t_br_taken beq, -1, -1
  t_br_taken beq, 0x80000000, 0x80000000
  t_br_not   beq, 0, 1
  t_br_not   beq, 1, 0
  t_br_not   beq, -1, 1
  t_br_not   beq, 0x80000000, 0

  t_br_taken bne, 0, 1
  t_br_taken bne, 1, 0
  t_br_taken bne, -1, 1
  t_br_taken bne, 0x80000000, 0
  t_br_not   bne, 0, 0
  t_br_not   bne, -1, -1
  t_br_not   bne, 0x7fffffff, 0x7fffffff

  t_br_taken blt, 0, 1
  t_br_taken blt, -1, 1
  t_br_taken blt, -2, -1
  t_br_taken blt, -1, 0
  t_br_taken blt, 0x80000000, 0x7fffffff
  t_br_taken blt, 0x80000000, 0
  t_br_not   blt, 1, 0
  t_br_not   blt, 1, -1
  t_br_not   blt, 0x7fffffff, 0x80000000
  t_br_not   blt, 5, 5
  t_br_not   blt, -1, -1

  t_br_taken bge, 0, 0
  t_br_taken bge, 1, 0
  t_br_taken bge, 1, -1
  t_br_taken bge, -1, -1
  t_br_taken bge, 0x7fffffff, 0x80000000
  t_br_taken bge, 0, 0x80000000
  t_br_not   bge, 0, 1
  t_br_not   bge, -1, 0
  t_br_not   bge, -2, -1
  t_br_not   bge, 0x80000000, 0x7fffffff

  t_br_taken bltu, 0, 1
  t_br_taken bltu, 1, 0xffffffff
  t_br_taken bltu, 0x7fffffff, 0x80000000
  t_br_taken bltu, 0xfffffffe, 0xffffffff
  t_br_taken bltu, 0, 0x80000000
  t_br_not   bltu, 0xffffffff, 0
  t_br_not   bltu, 0x80000000, 0x7fffffff
  t_br_not   bltu, 3, 3
  t_br_not   bltu, 0xffffffff, 0xfffffffe

  t_br_taken bgeu, 0, 0
  t_br_taken bgeu, 0xffffffff, 0
  t_br_taken bgeu, 0x80000000, 0x7fffffff
  t_br_taken bgeu, 0xffffffff, 0xffffffff
  t_br_taken bgeu, 1, 0
  t_br_not   bgeu, 0, 1
  t_br_not   bgeu, 0x7fffffff, 0x80000000
  t_br_not   bgeu, 0xfffffffe, 0xffffffff
  t_br_not   bgeu, 0, 0xffffffff

  /* the same register on both sides */
  next_test
  li x1, -7
  beq x1, x1, 1f
  fail_here
1:
  bne x1, x1, 2f
  blt x1, x1, 2f
  bltu x1, x1, 2f
  bge x1, x1, 3f
2:
  fail_here
3:
  bgeu x1, x1, 4f
  fail_here
4:
  /* x0 operands */
  next_test
  li x1, 1
  beq x0, x0, 1f
  fail_here
1:
  bltu x0, x1, 2f
  fail_here
2:
  blt x1, x0, 3f
  bge x1, x0, 4f
3:
  fail_here
4:

  /* backward taken branch */
  next_test
  li x1, 0
  j 2f
1:
  addi x1, x1, 1
  j 3f
2:
  beq x0, x0, 1b
  fail_here
3:
  check x1, 1

  /* counted loop: bne backward ten times */
  next_test
  li x1, 10
  li x2, 0
1:
  addi x2, x2, 3
  addi x1, x1, -1
  bnez x1, 1b
  check x2, 30
  check x1, 0

  /* ---- jal ---- */
  next_test
  li x1, 0
  jal x1, .Ljal1_target
.Ljal1_ret:
  fail_here
.Ljal1_target:
  la x2, .Ljal1_ret
  check_eq x1, x2

  next_test                       /* alternate link register */
  jal x5, .Ljal2_target
.Ljal2_ret:
  fail_here
.Ljal2_target:
  la x2, .Ljal2_ret
  check_eq x5, x2

  next_test                       /* rd = x0: plain jump, x0 stays zero */
  jal x0, .Ljal3_target
  fail_here
.Ljal3_target:
  check x0, 0

  next_test                       /* backward jal */
  li x7, 0
  j .Ljal4_fwd
.Ljal4_back:
  addi x7, x7, 1
  j .Ljal4_done
.Ljal4_fwd:
  jal x1, .Ljal4_back
  fail_here
.Ljal4_done:
  check x7, 1

  next_test                       /* target more than 4 KiB away (never a branch) */
  jal x1, .Ljal5_far
.Ljal5_ret:
  fail_here
  .skip 0x2400                    /* never executed */
.Ljal5_far:
  la x2, .Ljal5_ret
  check_eq x1, x2

  /* ---- jalr ---- */
  next_test
  la x2, .Ljalr1_target
  jalr x1, 0(x2)
.Ljalr1_ret:
  fail_here
.Ljalr1_target:
  la x4, .Ljalr1_ret
  check_eq x1, x4

  next_test                       /* positive offset */
  la x2, .Ljalr2_target - 16
  jalr x1, 16(x2)
  fail_here
.Ljalr2_target:
  check x0, 0

  next_test                       /* negative offset */
  la x2, .Ljalr3_target + 2000
  jalr x1, -2000(x2)
  fail_here
.Ljalr3_target:
  check x0, 0

  next_test                       /* bit 0 of rs1 + imm is cleared */
  la x2, .Ljalr4_target
  addi x2, x2, 1
  jalr x1, 0(x2)
.Ljalr4_ret:
  fail_here
.Ljalr4_target:
  la x4, .Ljalr4_ret
  check_eq x1, x4

  next_test                       /* odd immediate, even base: bit 0 cleared */
  la x2, .Ljalr5_target
  jalr x1, 1(x2)
  fail_here
.Ljalr5_target:
  check x0, 0

  next_test                       /* odd base and odd immediate: sum even */
  la x2, .Ljalr6_target - 1
  jalr x1, 1(x2)
  fail_here
.Ljalr6_target:
  check x0, 0

  next_test                       /* rd == rs1: target uses the old value */
  la x1, .Ljalr7_target
  jalr x1, 0(x1)
.Ljalr7_ret:
  fail_here
.Ljalr7_target:
  la x4, .Ljalr7_ret
  check_eq x1, x4

  next_test                       /* rd == rs1 with offset and bit-0 clearing */
  la x6, .Ljalr8_target - 3
  jalr x6, 3(x6)
.Ljalr8_ret:
  fail_here
.Ljalr8_target:
  la x4, .Ljalr8_ret
  check_eq x6, x4

  next_test                       /* rd = x0 (ret) */
  la x1, .Ljalr9_target
  jalr x0, 0(x1)
  fail_here
.Ljalr9_target:
  check x0, 0
  la x4, .Ljalr9_target
  check_eq x1, x4

  /* ---- nested calls through the stack ---- */
  next_test
  la sp, __stack_top              /* the tests above used x2 as a plain register */
  li a0, 5
  call fact
  check a0, 120

  TEST_END

  .text
/* a0 = a0! recursively, saving ra on the stack */
fact:
  li t0, 1
  bgt a0, t0, 1f
  li a0, 1
  ret
1:
  addi sp, sp, -16
  sw ra, 12(sp)
  sw a0, 8(sp)
  addi a0, a0, -1
  call fact
  lw t0, 8(sp)
  mul a0, a0, t0
  lw ra, 12(sp)
  addi sp, sp, 16
  ret
