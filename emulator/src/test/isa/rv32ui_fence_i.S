/* rv32ui fence and Zifencei: fence with several predecessor/successor sets,
 * fence.tso and the pause hint (both FENCE encodings) execute as no-ops;
 * fence.i after self-modifying code: a function in the writable and
 * executable .smc section (RWX segment, see link-smc.ld) is run, its
 * instruction words are replaced (whole-word, halfword and byte stores),
 * fence.i is executed, and the new instructions must take effect. The
 * replacement words are assembled into .rodata as templates, so no
 * encodings are written by hand. Built with link-smc.ld. */
#include "test.h"

  TEST_BEGIN

  /* ---- fence variants are no-ops for a single hart ---- */
  next_test
  li x5, 11
  fence
  fence rw, rw
  fence r, r
  fence w, w
  fence iorw, iorw
  fence i, o
  fence.tso
  .word 0x0100000f                /* pause (fence w, 0): Zihintpause hint */
  addi x5, x5, 1
  check x5, 12

  /* a store before a fence is visible to a load after it */
  next_test
  la x1, scratch
  li x2, 0x13579bdf
  sw x2, 0(x1)
  fence w, r
  lw x14, 0(x1)
  check x14, 0x13579bdf

  /* ---- fence.i alone ---- */
  next_test
  fence.i
  li x5, 3
  check x5, 3

  /* ---- self-modifying code ---- */
  next_test                       /* original code: a0 = 1 */
  call smc_func
  check a0, 1

  next_test                       /* replace the first word: a0 = 2 */
  la x1, smc_func
  la x2, tmpl_li2
  lw x4, 0(x2)
  sw x4, 0(x1)
  fence.i
  call smc_func
  check a0, 2

  next_test                       /* run it twice: the new code stays */
  call smc_func
  check a0, 2

  next_test                       /* replace with halfword stores: a0 = -5 */
  la x1, smc_func
  la x2, tmpl_lim5
  lhu x4, 0(x2)
  sh x4, 0(x1)
  lhu x4, 2(x2)
  sh x4, 2(x1)
  fence.i
  call smc_func
  check a0, -5

  next_test                       /* replace with byte stores: a0 = 0x7ff */
  la x1, smc_func
  la x2, tmpl_li7ff
  lbu x4, 0(x2)
  sb x4, 0(x1)
  lbu x4, 1(x2)
  sb x4, 1(x1)
  lbu x4, 2(x2)
  sb x4, 2(x1)
  lbu x4, 3(x2)
  sb x4, 3(x1)
  fence.i
  call smc_func
  check a0, 0x7ff

  next_test                       /* patch the second instruction too */
  la x1, smc_func
  la x2, tmpl_pair
  lw x4, 0(x2)
  sw x4, 0(x1)
  lw x4, 4(x2)
  sw x4, 4(x1)
  fence.i
  li a0, 0
  call smc_func
  check a0, 100
  check a1, 100 + 23

  next_test                       /* a loop that already ran, then patched */
  li s1, 0
  li s2, 3
1:
  call smc_loop_body              /* adds 1, 1, then 10 after the patch */
  addi s2, s2, -1
  li t0, 1
  bne s2, t0, 2f
  la x1, smc_loop_body
  la x2, tmpl_add10
  lw x4, 0(x2)
  sw x4, 0(x1)
  fence.i
2:
  bnez s2, 1b
  check s1, 12

  TEST_END

  .section .smc, "awx", @progbits
  .balign 4
smc_func:
  li a0, 1
  addi a1, a0, 0
  ret

smc_loop_body:
  addi s1, s1, 1
  ret

  .section .rodata
  .balign 4
tmpl_li2:
  li a0, 2
tmpl_lim5:
  li a0, -5
tmpl_li7ff:
  li a0, 0x7ff
tmpl_pair:
  li a0, 100
  addi a1, a0, 23
tmpl_add10:
  addi s1, s1, 10

  .data
  .balign 4
scratch:
  .word 0
