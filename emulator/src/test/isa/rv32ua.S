/* rv32ua: lr.w/sc.w (success with rd = 0 and the store done; failure with
 * rd != 0 and memory untouched when no reservation is held, after an
 * intervening sc.w, and on a second sc.w; an lr/sc increment loop), and
 * every AMO (amoswap amoadd amoxor amoand amoor amomin amomax amominu
 * amomaxu .w) with signed/unsigned boundary values: rd gets the old memory
 * word, memory gets op(old, rs2), rs2 is preserved; then the same with
 * rd == rs2 (each t_amo is 2 numbered tests). Also rd = x0, rd == rs1, and
 * the .aq/.rl/.aqrl ordering variants. */
#include "test.h"

.macro t_amo op, mem0, src, expect_mem
  next_test
  la x1, amobuf
  li x2, \mem0
  sw x2, 0(x1)
  li x2, \src
  \op x14, x2, (x1)
  check x14, \mem0
  lw x15, 0(x1)
  check x15, \expect_mem
  check x2, \src
  next_test                       /* rd == rs2 */
  li x2, \mem0
  sw x2, 0(x1)
  li x2, \src
  \op x2, x2, (x1)
  check x2, \mem0
  lw x15, 0(x1)
  check x15, \expect_mem
.endm

  TEST_BEGIN

  /* ---- lr/sc ---- */
  next_test                       /* sc without any reservation fails */
  la x1, amobuf
  li x2, 0x1111
  sw x2, 0(x1)
  li x4, 0x2222
  sc.w x14, x4, (x1)
  check_nonzero x14
  lw x15, 0(x1)
  check x15, 0x1111

  next_test                       /* lr then sc succeeds */
  la x1, amobuf
  lr.w x14, (x1)
  check x14, 0x1111
  li x4, 0x3333
  sc.w x15, x4, (x1)
  check x15, 0
  lw x16, 0(x1)
  check x16, 0x3333

  next_test                       /* a second sc after a successful one fails */
  li x4, 0x4444
  sc.w x15, x4, (x1)
  check_nonzero x15
  lw x16, 0(x1)
  check x16, 0x3333

  next_test                       /* lr, an intervening sc (clears it), then sc fails */
  la x1, amobuf
  la x2, amobuf2
  sw x0, 0(x2)
  lr.w x14, (x1)
  check x14, 0x3333
  li x4, 0x5555
  sc.w x15, x4, (x2)              /* any sc ends the reservation */
  li x4, 0x6666
  sc.w x16, x4, (x1)
  check_nonzero x16
  lw x17, 0(x1)
  check x17, 0x3333

  next_test                       /* lr/sc with ordering bits */
  la x1, amobuf
  lr.w.aq x14, (x1)
  addi x14, x14, 1
  sc.w.rl x15, x14, (x1)
  check x15, 0
  lr.w.aqrl x14, (x1)
  addi x14, x14, 1
  sc.w.aqrl x15, x14, (x1)
  check x15, 0
  lw x16, 0(x1)
  check x16, 0x3335

  next_test                       /* atomic increment loop, 100 times */
  la x1, amobuf
  sw x0, 0(x1)
  li x5, 100
1:
  lr.w x14, (x1)
  addi x14, x14, 3
  sc.w x15, x14, (x1)
  bnez x15, 1b
  addi x5, x5, -1
  bnez x5, 1b
  lw x16, 0(x1)
  check x16, 300

  next_test                       /* sc.w rd == rs2: success writes the stored value, rd = 0 */
  la x1, amobuf
  lr.w x14, (x1)
  li x4, 0x7777
  sc.w x4, x4, (x1)
  check x4, 0
  lw x16, 0(x1)
  check x16, 0x7777

  /* ---- AMOs ---- */
  /* BEGIN TABLE: gen/int_tables.py a (generated; edit the generator and run gen/regen.py) */
  /* amoswap.w */
  t_amo amoswap.w, 0x12345678, 0x9abcdef0, 0x9abcdef0
  t_amo amoswap.w, 0x00000000, 0xffffffff, 0xffffffff
  t_amo amoswap.w, 0x80000000, 0x00000000, 0x00000000
  /* amoadd.w */
  t_amo amoadd.w, 0x00000001, 0x00000002, 0x00000003
  t_amo amoadd.w, 0x7fffffff, 0x00000001, 0x80000000
  t_amo amoadd.w, 0xffffffff, 0x00000001, 0x00000000
  t_amo amoadd.w, 0x80000000, 0xffffffff, 0x7fffffff
  t_amo amoadd.w, 0x12345678, 0x9abcdef0, 0xacf13568
  /* amoxor.w */
  t_amo amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
  t_amo amoxor.w, 0xffffffff, 0xffffffff, 0x00000000
  t_amo amoxor.w, 0x00000000, 0x5a5a5a5a, 0x5a5a5a5a
  /* amoand.w */
  t_amo amoand.w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00
  t_amo amoand.w, 0xffffffff, 0x5a5a5a5a, 0x5a5a5a5a
  t_amo amoand.w, 0x5a5a5a5a, 0x00000000, 0x00000000
  /* amoor.w */
  t_amo amoor.w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0
  t_amo amoor.w, 0x00000000, 0x5a5a5a5a, 0x5a5a5a5a
  t_amo amoor.w, 0x80000000, 0x00000001, 0x80000001
  /* amomin.w */
  t_amo amomin.w, 0x80000000, 0x7fffffff, 0x80000000
  t_amo amomin.w, 0x7fffffff, 0x80000000, 0x80000000
  t_amo amomin.w, 0xffffffff, 0x00000000, 0xffffffff
  t_amo amomin.w, 0x00000000, 0xffffffff, 0xffffffff
  t_amo amomin.w, 0xffffffff, 0x00000001, 0xffffffff
  t_amo amomin.w, 0x00000005, 0x00000005, 0x00000005
  t_amo amomin.w, 0xfffffffe, 0xffffffff, 0xfffffffe
  /* amomax.w */
  t_amo amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff
  t_amo amomax.w, 0x7fffffff, 0x80000000, 0x7fffffff
  t_amo amomax.w, 0xffffffff, 0x00000000, 0x00000000
  t_amo amomax.w, 0x00000000, 0xffffffff, 0x00000000
  t_amo amomax.w, 0xffffffff, 0x00000001, 0x00000001
  t_amo amomax.w, 0x00000005, 0x00000005, 0x00000005
  t_amo amomax.w, 0xfffffffe, 0xffffffff, 0xffffffff
  /* amominu.w */
  t_amo amominu.w, 0x80000000, 0x7fffffff, 0x7fffffff
  t_amo amominu.w, 0x7fffffff, 0x80000000, 0x7fffffff
  t_amo amominu.w, 0xffffffff, 0x00000000, 0x00000000
  t_amo amominu.w, 0x00000000, 0xffffffff, 0x00000000
  t_amo amominu.w, 0xffffffff, 0x00000001, 0x00000001
  t_amo amominu.w, 0x00000005, 0x00000005, 0x00000005
  t_amo amominu.w, 0xfffffffe, 0xffffffff, 0xfffffffe
  /* amomaxu.w */
  t_amo amomaxu.w, 0x80000000, 0x7fffffff, 0x80000000
  t_amo amomaxu.w, 0x7fffffff, 0x80000000, 0x80000000
  t_amo amomaxu.w, 0xffffffff, 0x00000000, 0xffffffff
  t_amo amomaxu.w, 0x00000000, 0xffffffff, 0xffffffff
  t_amo amomaxu.w, 0xffffffff, 0x00000001, 0xffffffff
  t_amo amomaxu.w, 0x00000005, 0x00000005, 0x00000005
  t_amo amomaxu.w, 0xfffffffe, 0xffffffff, 0xffffffff
  /* END TABLE */

  next_test                       /* rd = x0: memory updated, x0 stays 0 */
  la x1, amobuf
  li x2, 40
  sw x2, 0(x1)
  li x2, 2
  amoadd.w x0, x2, (x1)
  check x0, 0
  lw x15, 0(x1)
  check x15, 42

  next_test                       /* rd == rs1: the address register gets the old value */
  la x1, amobuf
  li x2, 0x1234
  sw x2, 0(x1)
  li x2, 0x10
  amoor.w x1, x2, (x1)
  check x1, 0x1234
  la x1, amobuf
  lw x15, 0(x1)
  check x15, 0x1234 | 0x10

  next_test                       /* ordering variants behave like the plain ones */
  la x1, amobuf
  sw x0, 0(x1)
  li x2, 1
  amoadd.w.aq x14, x2, (x1)
  amoadd.w.rl x14, x2, (x1)
  amoadd.w.aqrl x14, x2, (x1)
  amoswap.w.aqrl x14, x2, (x1)
  check x14, 3
  amomaxu.w.aq x14, x0, (x1)
  check x14, 1
  lw x15, 0(x1)
  check x15, 1

  next_test                       /* AMO on the second word of a pair leaves the first */
  la x1, amobuf
  li x2, 0xabcdef01
  sw x2, 0(x1)
  la x4, amobuf2
  sw x0, 0(x4)
  li x2, -1
  amoxor.w x14, x2, (x4)
  lw x15, 0(x1)
  check x15, 0xabcdef01
  lw x15, 0(x4)
  check x15, 0xffffffff

  TEST_END

  .data
  .balign 8
amobuf:
  .word 0
amobuf2:
  .word 0
