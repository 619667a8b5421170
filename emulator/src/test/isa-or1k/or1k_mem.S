/* Loads and stores of every width, big-endian byte order, zero and sign
 * extension, negative offsets. */
#include "test.h"
TEST_BEGIN
  LI(r10, data)
  l.lbz r4, 0(r10)
  CHECK(1, r4, 0x80)
  l.lbs r4, 0(r10)
  CHECK(2, r4, 0xffffff80)
  l.lbs r4, 1(r10)
  CHECK(3, r4, 0x7f)
  l.lhz r4, 4(r10)
  CHECK(4, r4, 0x8001)
  l.lhs r4, 4(r10)
  CHECK(5, r4, 0xffff8001)
  l.lhs r4, 6(r10)
  CHECK(6, r4, 0x7ffe)
  l.lwz r4, 8(r10)
  CHECK(7, r4, 0xdeadbeef)
  l.lws r4, 8(r10)
  CHECK(8, r4, 0xdeadbeef)
  l.lwz r4, 0(r10)             /* big-endian: first byte is the top one */
  CHECK(9, r4, 0x807f1234)
  l.lhz r4, 2(r10)
  CHECK(10, r4, 0x1234)
  l.addi r11, r10, 12
  l.lwz r4, -4(r11)
  CHECK(11, r4, 0xdeadbeef)
  l.lbz r4, -10(r11)
  CHECK(12, r4, 0x12)
  /* stores */
  LI(r12, buf)
  LI(r5, 0x11223344)
  l.sw 0(r12), r5
  l.lbz r4, 0(r12)
  CHECK(13, r4, 0x11)
  l.lbz r4, 3(r12)
  CHECK(14, r4, 0x44)
  l.lhz r4, 2(r12)
  CHECK(15, r4, 0x3344)
  LI(r5, 0xaabbccdd)
  l.sb 1(r12), r5
  l.lwz r4, 0(r12)
  CHECK(16, r4, 0x11dd3344)
  l.sh 2(r12), r5
  l.lwz r4, 0(r12)
  CHECK(17, r4, 0x11ddccdd)
  l.addi r13, r12, 8
  l.sw -4(r13), r5
  l.lwz r4, 4(r12)
  CHECK(18, r4, 0xaabbccdd)
  l.sh -2(r13), r0
  l.lwz r4, 4(r12)
  CHECK(19, r4, 0xaabb0000)
  l.sb -4(r13), r0
  l.lws r4, 4(r12)
  CHECK(20, r4, 0x00bb0000)
  /* a load into the register that forms its own address */
  LI(r14, data + 8)
  l.lwz r14, 0(r14)
  CHECK(21, r14, 0xdeadbeef)
  /* a store in a delay slot */
  l.addi r5, r0, 0x5a
  l.j 1f
  l.sb 8(r12), r5
1:
  l.lbz r4, 8(r12)
  CHECK(22, r4, 0x5a)
TEST_END("or1k_mem")

  .data
  .balign 4
data:
  .byte 0x80, 0x7f, 0x12, 0x34
  .short 0x8001, 0x7ffe
  .word 0xdeadbeef
  .bss
  .balign 4
buf:
  .space 16
