/* ORFPX32 single precision in general registers: arithmetic (round to
 * nearest, the reset rounding mode), conversions, fused multiply-add,
 * remainder, ordered and unordered compares with a NaN. */
#include "test.h"
#define ONE   0x3f800000
#define TWO   0x40000000
#define THREE 0x40400000
#define QNAN  0x7fc00000
TEST_BEGIN
  LI(r4, 0x3fc00000)           /* 1.5 */
  LI(r5, 0x40100000)           /* 2.25 */
  lf.add.s r6, r4, r5
  CHECK(1, r6, 0x40700000)     /* 3.75 */
  LI(r4, ONE)
  LI(r5, THREE)
  lf.sub.s r6, r4, r5
  CHECK(2, r6, 0xc0000000)     /* -2 */
  LI(r4, 0x3f000000)           /* 0.5 */
  lf.mul.s r6, r5, r4
  CHECK(3, r6, 0x3fc00000)     /* 1.5 */
  LI(r4, ONE)
  lf.div.s r6, r4, r5
  CHECK(4, r6, 0x3eaaaaab)     /* 1/3 rounded to nearest */
  LI(r4, 0x3dcccccd)           /* 0.1 */
  LI(r5, 0x3e4ccccd)           /* 0.2 */
  lf.add.s r6, r4, r5
  CHECK(5, r6, 0x3e99999a)     /* 0.3 (rounded) */
  l.addi r4, r0, -7
  lf.itof.s r6, r4
  CHECK(6, r6, 0xc0e00000)
  LI(r4, 16777217)             /* 2^24 + 1 rounds to even */
  lf.itof.s r6, r4
  CHECK(7, r6, 0x4b800000)
  LI(r4, 0x40300000)           /* 2.75 */
  lf.ftoi.s r6, r4
  CHECK(8, r6, 2)
  LI(r4, 0xc0300000)           /* -2.75 */
  lf.ftoi.s r6, r4
  CHECK(9, r6, -2)
  LI(r6, ONE)
  LI(r4, TWO)
  LI(r5, THREE)
  lf.madd.s r6, r4, r5         /* 1 + 2 * 3 */
  CHECK(10, r6, 0x40e00000)
  LI(r4, 0x40e00000)           /* 7 */
  LI(r5, TWO)
  lf.rem.s r6, r4, r5          /* IEEE remainder: 7 - 4 * 2 */
  CHECK(11, r6, 0xbf800000)
  /* compares */
  LI(r4, ONE)
  LI(r5, TWO)
  lf.sflt.s r4, r5
  CHECK_F(12)
  lf.sfgt.s r4, r5
  CHECK_NF(13)
  lf.sfle.s r4, r4
  CHECK_F(14)
  lf.sfge.s r5, r4
  CHECK_F(15)
  lf.sfeq.s r4, r5
  CHECK_NF(16)
  lf.sfne.s r4, r5
  CHECK_F(17)
  LI(r6, 0x80000000)           /* -0 == +0 */
  lf.sfeq.s r6, r0
  CHECK_F(18)
  LI(r7, QNAN)
  lf.sfeq.s r7, r7
  CHECK_NF(19)
  lf.sflt.s r7, r4
  CHECK_NF(20)
  lf.sfge.s r7, r4
  CHECK_NF(21)
  lf.sfun.s r7, r4
  CHECK_F(22)
  lf.sfun.s r4, r5
  CHECK_NF(23)
  lf.sfueq.s r7, r4
  CHECK_F(24)
  lf.sfueq.s r4, r5
  CHECK_NF(25)
  lf.sfult.s r4, r5
  CHECK_F(26)
  lf.sfugt.s r4, r5
  CHECK_NF(27)
  lf.sfuge.s r7, r5
  CHECK_F(28)
  lf.sfule.s r5, r4
  CHECK_NF(29)
  /* lf.sfune.s (test 30) is not checked: qemu-or1k 7.2 does not decode it. */
  /* overflow to infinity */
  LI(r4, 0x7f7fffff)
  lf.add.s r6, r4, r4
  CHECK(31, r6, 0x7f800000)
TEST_END("or1k_float")
