/* ALU, carry, multiply and divide, shifts, extensions, compares and the
 * flag, l.cmov, l.ff1 / l.fl1, l.movhi. */
#include "test.h"
TEST_BEGIN
  /* add and carry */
  l.addi r4, r0, 5
  l.addi r5, r0, 7
  l.add r6, r4, r5
  CHECK(1, r6, 12)
  LI(r4, 0xffffffff)
  l.addi r5, r0, 1
  l.add r6, r4, r5
  CHECK_CY(3, 1)              /* before CHECK: its l.addi rewrites CY */
  CHECK(2, r6, 0)
  l.add r6, r5, r5
  CHECK_CY(4, 0)
  l.addi r5, r0, 2
  l.add r6, r4, r5            /* CY = 1 */
  l.ori r7, r0, 10            /* l.ori keeps CY, l.addi would not */
  l.ori r8, r0, 20
  l.addc r6, r7, r8
  CHECK(5, r6, 31)
  l.addi r6, r4, -2
  CHECK(6, r6, 0xfffffffd)
  l.add r6, r4, r4            /* CY = 1 */
  l.addic r6, r0, 5
  CHECK(7, r6, 6)
  l.addic r6, r0, 5           /* CY cleared by CHECK's l.addi */
  CHECK(8, r6, 5)
  LI(r4, 0x7fffffff)
  l.addi r6, r4, 1
  CHECK_CY(10, 0)
  CHECK(9, r6, 0x80000000)
  /* sub and borrow */
  l.addi r4, r0, 3
  l.addi r5, r0, 5
  l.sub r6, r4, r5
  CHECK_CY(12, 1)
  CHECK(11, r6, -2)
  l.sub r6, r5, r4
  CHECK_CY(14, 0)
  CHECK(13, r6, 2)
  /* logic */
  LI(r4, 0x12345678)
  LI(r5, 0x0f0f0f0f)
  l.and r6, r4, r5
  CHECK(15, r6, 0x02040608)
  l.or r6, r4, r5
  CHECK(16, r6, 0x1f3f5f7f)
  l.xor r6, r4, r5
  CHECK(17, r6, 0x1d3b5977)
  l.andi r6, r4, 0xf0f0
  CHECK(18, r6, 0x00005070)
  l.ori r6, r0, 0xffff        /* zero-extended */
  CHECK(19, r6, 0x0000ffff)
  l.xori r6, r4, -1           /* sign-extended */
  CHECK(20, r6, 0xedcba987)
  l.movhi r6, 0xabcd
  CHECK(21, r6, 0xabcd0000)
  /* multiply */
  l.addi r4, r0, -3
  l.addi r5, r0, 7
  l.mul r6, r4, r5
  CHECK(22, r6, -21)
  l.muli r6, r5, -1000
  CHECK(23, r6, -7000)
  LI(r4, 0x10001)
  l.mul r6, r4, r4
  CHECK(24, r6, 0x00020001)
  LI(r4, 0xffffffff)
  l.mulu r6, r4, r4
  /* Architecture 1.3 says an unsigned overflow of l.mulu sets CY, but
     Debian qemu-or1k 7.2 leaves it clear: not checked here (test 26). */
  CHECK(25, r6, 1)
  l.addi r5, r0, 3
  l.mulu r6, r5, r5
  CHECK_CY(28, 0)
  CHECK(27, r6, 9)
  /* divide */
  l.addi r4, r0, -21
  l.addi r5, r0, 4
  l.div r6, r4, r5
  CHECK(29, r6, -5)
  LI(r4, 0xfffffff0)
  l.addi r5, r0, 16
  l.divu r6, r4, r5
  CHECK_CY(31, 0)
  CHECK(30, r6, 0x0fffffff)
  l.divu r6, r4, r0           /* by zero: CY set */
  CHECK_CY(32, 1)
  LI(r4, 1000000007)
  l.addi r5, r0, 1000
  l.div r6, r4, r5
  CHECK(33, r6, 1000000)
  /* shifts and rotates */
  l.addi r4, r0, 1
  l.addi r5, r0, 31
  l.sll r6, r4, r5
  CHECK(34, r6, 0x80000000)
  l.srl r7, r6, r5
  CHECK(35, r7, 1)
  l.addi r5, r0, 4
  l.sra r7, r6, r5
  CHECK(36, r7, 0xf8000000)
  l.addi r5, r0, 33           /* only the low five bits count */
  l.sll r7, r4, r5
  CHECK(37, r7, 2)
  LI(r4, 0x12345678)
  l.addi r5, r0, 8
  l.ror r6, r4, r5
  CHECK(38, r6, 0x78123456)
  l.slli r6, r4, 4
  CHECK(39, r6, 0x23456780)
  l.srli r6, r4, 28
  CHECK(40, r6, 1)
  LI(r7, 0x87654321)
  l.srai r6, r7, 28
  CHECK(41, r6, 0xfffffff8)
  l.rori r6, r4, 4
  CHECK(42, r6, 0x81234567)
  /* sign and zero extension */
  LI(r4, 0x12348765)
  l.exths r6, r4
  CHECK(43, r6, 0xffff8765)
  l.exthz r6, r4
  CHECK(44, r6, 0x00008765)
  l.extbs r6, r4
  CHECK(45, r6, 0x00000065)
  LI(r4, 0x123456f0)
  l.extbs r6, r4
  CHECK(46, r6, 0xfffffff0)
  l.extbz r6, r4
  CHECK(47, r6, 0x000000f0)
  /* l.extws / l.extwz (tests 48, 49) are not checked: qemu-or1k 7.2 does
     not decode them (on a 32-bit core they are plain moves). */
  /* compares */
  l.addi r4, r0, -1
  l.addi r5, r0, 1
  l.sfeq r4, r4
  CHECK_F(50)
  l.sfeq r4, r5
  CHECK_NF(51)
  l.sfne r4, r5
  CHECK_F(52)
  l.sfgtu r4, r5
  CHECK_F(53)
  l.sfgts r4, r5
  CHECK_NF(54)
  l.sfgeu r5, r5
  CHECK_F(55)
  l.sfges r4, r5
  CHECK_NF(56)
  l.sfltu r5, r4
  CHECK_F(57)
  l.sflts r4, r5
  CHECK_F(58)
  l.sfleu r4, r5
  CHECK_NF(59)
  l.sfles r4, r4
  CHECK_F(60)
  l.sfeqi r4, -1
  CHECK_F(61)
  l.sfnei r4, -1
  CHECK_NF(62)
  l.sfltui r5, -1             /* 1 < 0xffffffff unsigned */
  CHECK_F(63)
  l.sfgtui r4, 5
  CHECK_F(64)
  l.sfgeui r5, 2
  CHECK_NF(65)
  l.sfleui r5, 1
  CHECK_F(66)
  l.sfgtsi r5, -1
  CHECK_F(67)
  l.sfgesi r4, 0
  CHECK_NF(68)
  l.sfltsi r4, 0
  CHECK_F(69)
  l.sflesi r5, 0
  CHECK_NF(70)
  /* cmov */
  l.addi r4, r0, 11
  l.addi r5, r0, 22
  l.sfeq r0, r0
  l.cmov r6, r4, r5
  CHECK(71, r6, 11)
  l.sfne r0, r0
  l.cmov r6, r4, r5
  CHECK(72, r6, 22)
  /* find first / last one */
  LI(r4, 0x00010100)
  l.ff1 r6, r4
  CHECK(73, r6, 9)
  l.fl1 r6, r4
  CHECK(74, r6, 17)
  l.ff1 r6, r0
  CHECK(75, r6, 0)
  l.fl1 r6, r0
  CHECK(76, r6, 0)
  LI(r4, 0x80000000)
  l.ff1 r6, r4
  CHECK(77, r6, 32)
  l.fl1 r6, r4
  CHECK(78, r6, 32)
  l.addi r4, r0, 1
  l.ff1 r6, r4
  CHECK(79, r6, 1)
TEST_END("or1k_alu")
