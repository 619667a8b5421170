/* rv32ui loads and stores: lb/lbu at every byte offset of two words
 * (sign and zero extension), lh/lhu at every halfword offset, lw, the
 * extreme 12-bit offsets +2047/-2048, rd == rs1, loads into x0; sb/sh/sw at
 * every naturally aligned offset with the neighbouring bytes checked, store
 * then load back with extension, rs2 == rs1. All accesses are naturally
 * aligned (misaligned accesses are implementation-defined and not tested). */
#include "test.h"

/* Fill sbuf with 0xaaaaaaaa, store `value` with `sop` at sbuf+off, then
 * check both words of sbuf. */
.macro t_st sop, value, off, w0, w1
  next_test
  la x1, sbuf
  li x2, 0xaaaaaaaa
  sw x2, 0(x1)
  sw x2, 4(x1)
  li x2, \value
  \sop x2, \off(x1)
  lw x14, 0(x1)
  check x14, \w0
  lw x14, 4(x1)
  check x14, \w1
.endm

  TEST_BEGIN

  /* ldata bytes: 01 82 7f ff | 80 00 34 12 */
  t_ld lb, 0x00000001, ldata, 0
  t_ld lb, 0xffffff82, ldata, 1
  t_ld lb, 0x0000007f, ldata, 2
  t_ld lb, 0xffffffff, ldata, 3
  t_ld lb, 0xffffff80, ldata, 4
  t_ld lb, 0x00000000, ldata, 5
  t_ld lb, 0x00000034, ldata, 6
  t_ld lb, 0x00000012, ldata, 7

  t_ld lbu, 0x01, ldata, 0
  t_ld lbu, 0x82, ldata, 1
  t_ld lbu, 0x7f, ldata, 2
  t_ld lbu, 0xff, ldata, 3
  t_ld lbu, 0x80, ldata, 4
  t_ld lbu, 0x00, ldata, 5
  t_ld lbu, 0x34, ldata, 6
  t_ld lbu, 0x12, ldata, 7

  t_ld lh, 0xffff8201, ldata, 0
  t_ld lh, 0xffffff7f, ldata, 2
  t_ld lh, 0x00000080, ldata, 4
  t_ld lh, 0x00001234, ldata, 6
  t_ld lh, 0x00007fff, hdata, 0
  t_ld lh, 0xffff8000, hdata, 2

  t_ld lhu, 0x8201, ldata, 0
  t_ld lhu, 0xff7f, ldata, 2
  t_ld lhu, 0x0080, ldata, 4
  t_ld lhu, 0x1234, ldata, 6
  t_ld lhu, 0x7fff, hdata, 0
  t_ld lhu, 0x8000, hdata, 2

  t_ld lw, 0xff7f8201, ldata, 0
  t_ld lw, 0x12340080, ldata, 4
  t_ld lw, 0x80007fff, hdata, 0

  /* negative offsets from a base past the data */
  next_test
  la x1, ldata + 8
  lb x14, -7(x1)
  check x14, 0xffffff82
  lhu x14, -6(x1)
  check x14, 0xff7f
  lw x14, -8(x1)
  check x14, 0xff7f8201

  /* extreme offsets */
  next_test
  la x1, ldata - 2047
  lbu x14, 2047(x1)
  check x14, 0x01
  next_test
  la x1, ldata + 2048
  lw x14, -2048(x1)
  check x14, 0xff7f8201
  next_test
  la x1, ldata + 2048 + 4
  lh x14, -2048(x1)
  check x14, 0x80

  /* rd == rs1 */
  next_test
  la x1, ldata
  lw x1, 4(x1)
  check x1, 0x12340080
  next_test
  la x1, ldata
  lb x1, 1(x1)
  check x1, 0xffffff82

  /* load into x0 is discarded */
  next_test
  la x1, ldata
  lw x0, 0(x1)
  lbu x0, 3(x1)
  check x0, 0

  /* ---- stores ---- */
  t_st sb, 0x123456ef, 0, 0xaaaaaaef, 0xaaaaaaaa
  t_st sb, 0x123456ef, 1, 0xaaaaefaa, 0xaaaaaaaa
  t_st sb, 0x123456ef, 2, 0xaaefaaaa, 0xaaaaaaaa
  t_st sb, 0x123456ef, 3, 0xefaaaaaa, 0xaaaaaaaa
  t_st sb, 0x00000000, 4, 0xaaaaaaaa, 0xaaaaaa00
  t_st sb, 0xffffff01, 5, 0xaaaaaaaa, 0xaaaa01aa
  t_st sb, 0x7f, 6, 0xaaaaaaaa, 0xaa7faaaa
  t_st sb, 0x80, 7, 0xaaaaaaaa, 0x80aaaaaa

  t_st sh, 0xdead5678, 0, 0xaaaa5678, 0xaaaaaaaa
  t_st sh, 0xdead5678, 2, 0x5678aaaa, 0xaaaaaaaa
  t_st sh, 0x0000ffff, 4, 0xaaaaaaaa, 0xaaaaffff
  t_st sh, 0xffff8000, 6, 0xaaaaaaaa, 0x8000aaaa

  t_st sw, 0x12345678, 0, 0x12345678, 0xaaaaaaaa
  t_st sw, 0x80000001, 4, 0xaaaaaaaa, 0x80000001
  t_st sw, 0x00000000, 0, 0x00000000, 0xaaaaaaaa
  t_st sw, 0xffffffff, 4, 0xaaaaaaaa, 0xffffffff

  /* store with negative offset */
  next_test
  la x1, sbuf + 8
  li x2, 0x55
  sw x0, -8(x1)
  sb x2, -6(x1)
  lw x14, -8(x1)
  check x14, 0x00550000
  li x2, 0xbeef
  sh x2, -8(x1)
  lw x14, -8(x1)
  check x14, 0x0055beef

  /* store x0 */
  next_test
  la x1, sbuf
  li x2, -1
  sw x2, 0(x1)
  sh x0, 2(x1)
  lw x14, 0(x1)
  check x14, 0x0000ffff

  /* store then load back with extension */
  next_test
  la x1, sbuf
  li x2, 0x1280
  sb x2, 1(x1)
  lb x14, 1(x1)
  check x14, 0xffffff80
  lbu x14, 1(x1)
  check x14, 0x80
  next_test
  li x2, 0x18001
  sh x2, 2(x1)
  lh x14, 2(x1)
  check x14, 0xffff8001
  lhu x14, 2(x1)
  check x14, 0x8001

  /* rs2 == rs1: the address itself is stored */
  next_test
  la x1, sbuf
  sw x1, 0(x1)
  lw x14, 0(x1)
  check_eq x14, x1

  /* extreme store offsets */
  next_test
  la x1, sbuf
  sw x0, 0(x1)
  la x1, sbuf - 2047
  li x2, 0x3c
  sb x2, 2047(x1)
  la x1, sbuf + 2048
  li x2, 0x6789
  sh x2, -2046(x1)
  la x1, sbuf
  lw x14, 0(x1)
  check x14, 0x6789003c

  TEST_END

  .data
  .balign 4
ldata:
  .byte 0x01, 0x82, 0x7f, 0xff, 0x80, 0x00, 0x34, 0x12
hdata:
  .half 0x7fff, 0x8000
  .balign 4
sbuf:
  .word 0, 0, 0, 0
