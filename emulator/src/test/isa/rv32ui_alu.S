/* rv32ui ALU: lui, auipc, every register-register and register-immediate
 * ALU instruction (add sub sll srl sra slt sltu xor or and, addi slti sltiu
 * xori ori andi slli srli srai), shift amounts 0/31/>=32 (only the low five
 * bits of rs2 count), signed/unsigned comparisons around 0 and INT_MIN/MAX,
 * rd == rs1 / rd == rs2 / rs1 == rs2 aliasing, and writes to x0 discarded.
 * Each t_rr is 3 numbered tests (rd distinct, rd == rs1, rd == rs2), each
 * t_ri is 2 (rd distinct, rd == rs1). */
#include "test.h"

  TEST_BEGIN

  /* ---- lui ---- */
  next_test
  lui x1, 0
  check x1, 0
  next_test
  lui x1, 0xfffff
  check x1, 0xfffff000
  next_test
  lui x1, 0x80000
  check x1, 0x80000000
  next_test
  lui x1, 0x7ffff
  check x1, 0x7ffff000
  next_test
  lui x1, 0x12345
  addi x1, x1, 0x678
  check x1, 0x12345678
  next_test                     /* lui then addi with negative low part */
  lui x1, 0x12346
  addi x1, x1, -0x800
  check x1, 0x12345800
  next_test
  lui x0, 0x12345
  check x0, 0

  /* ---- auipc ---- */
  next_test
.Lauipc0:
  auipc x1, 0
  la x2, .Lauipc0
  check_eq x1, x2
  next_test
.Lauipc1:
  auipc x1, 1
  la x2, .Lauipc1
  sub x1, x1, x2
  check x1, 0x1000
  next_test
.Lauipc2:
  auipc x1, 0xfffff
  la x2, .Lauipc2
  sub x1, x1, x2
  check x1, 0xfffff000
  next_test                     /* auipc + addi builds a pc-relative address */
.Lauipc3:
  auipc x1, 0
  addi x1, x1, -8
  la x2, .Lauipc3 - 8
  check_eq x1, x2
  next_test
  auipc x0, 0x12345
  check x0, 0

  /* BEGIN TABLE: gen/int_tables.py alu (generated; edit the generator and run gen/regen.py) */
  /* ---- register-register ALU ---- */
  t_rr add, 0x00000000, 0x00000000, 0x00000000
  t_rr add, 0x00000002, 0x00000001, 0x00000001
  t_rr add, 0x0000000a, 0x00000003, 0x00000007
  t_rr add, 0x80000000, 0x7fffffff, 0x00000001
  t_rr add, 0x00000000, 0xffffffff, 0x00000001
  t_rr add, 0x00000000, 0x80000000, 0x80000000
  t_rr add, 0xfffffffe, 0xffffffff, 0xffffffff
  t_rr add, 0x7fffffff, 0x80000000, 0xffffffff
  t_rr add, 0x22222221, 0x12345678, 0x0fedcba9
  t_rr sub, 0x00000000, 0x00000000, 0x00000000
  t_rr sub, 0x00000000, 0x00000001, 0x00000001
  t_rr sub, 0xfffffffc, 0x00000003, 0x00000007
  t_rr sub, 0x7fffffff, 0x80000000, 0x00000001
  t_rr sub, 0x80000000, 0x00000000, 0x80000000
  t_rr sub, 0x00000000, 0xffffffff, 0xffffffff
  t_rr sub, 0xffffffff, 0x00000000, 0x00000001
  t_rr sub, 0x80000000, 0x7fffffff, 0xffffffff
  t_rr sll, 0x00000001, 0x00000001, 0x00000000
  t_rr sll, 0x00000002, 0x00000001, 0x00000001
  t_rr sll, 0x80000000, 0x00000001, 0x0000001f
  t_rr sll, 0x00000001, 0x00000001, 0x00000020
  t_rr sll, 0x00000002, 0x00000001, 0x00000021
  t_rr sll, 0xfffffffe, 0xffffffff, 0xffffffe1
  t_rr sll, 0x48484000, 0x21212121, 0x0000000e
  t_rr sll, 0x80000000, 0x21212121, 0x0000001f
  t_rr sll, 0x90909080, 0x21212121, 0xffffffe7
  t_rr srl, 0x80000000, 0x80000000, 0x00000000
  t_rr srl, 0x40000000, 0x80000000, 0x00000001
  t_rr srl, 0x00000001, 0x80000000, 0x0000001f
  t_rr srl, 0x80000000, 0x80000000, 0x00000020
  t_rr srl, 0x0fffffff, 0xffffffff, 0xffffffe4
  t_rr srl, 0x00008484, 0x21212121, 0x0000000e
  t_rr srl, 0x00000001, 0xffffffff, 0x0000001f
  t_rr srl, 0x01030303, 0x81818181, 0xffffffc7
  t_rr sra, 0x80000000, 0x80000000, 0x00000000
  t_rr sra, 0xc0000000, 0x80000000, 0x00000001
  t_rr sra, 0xffffffff, 0x80000000, 0x0000001f
  t_rr sra, 0x00000000, 0x7fffffff, 0x0000001f
  t_rr sra, 0x80000000, 0x80000000, 0x00000020
  t_rr sra, 0xff030303, 0x81818181, 0xffffffc7
  t_rr sra, 0xffffffff, 0x81818181, 0x0000001f
  t_rr sra, 0x0fefefef, 0x7f7f7f7f, 0x00000003
  t_rr sra, 0xffffffff, 0xffffffff, 0xffffffff
  t_rr slt, 0x00000000, 0x00000000, 0x00000000
  t_rr slt, 0x00000001, 0xffffffff, 0x00000000
  t_rr slt, 0x00000000, 0x00000000, 0xffffffff
  t_rr slt, 0x00000001, 0x80000000, 0x7fffffff
  t_rr slt, 0x00000000, 0x7fffffff, 0x80000000
  t_rr slt, 0x00000000, 0x00000001, 0x00000001
  t_rr slt, 0x00000001, 0xfffffffe, 0xffffffff
  t_rr slt, 0x00000000, 0xffffffff, 0xfffffffe
  t_rr slt, 0x00000001, 0x80000000, 0x00000000
  t_rr sltu, 0x00000001, 0x00000000, 0xffffffff
  t_rr sltu, 0x00000000, 0xffffffff, 0x00000000
  t_rr sltu, 0x00000000, 0x80000000, 0x7fffffff
  t_rr sltu, 0x00000001, 0x7fffffff, 0x80000000
  t_rr sltu, 0x00000000, 0x00000005, 0x00000005
  t_rr sltu, 0x00000001, 0x00000000, 0x00000001
  t_rr sltu, 0x00000000, 0xffffffff, 0xffffffff
  t_rr sltu, 0x00000001, 0xfffffffe, 0xffffffff
  t_rr xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
  t_rr xor, 0xf00ff00f, 0x00ff00ff, 0xf0f0f0f0
  t_rr xor, 0x00000000, 0xffffffff, 0xffffffff
  t_rr xor, 0xffffffff, 0x00000000, 0xffffffff
  t_rr or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
  t_rr or, 0xf0fff0ff, 0x00ff00ff, 0xf0f0f0f0
  t_rr or, 0x00000000, 0x00000000, 0x00000000
  t_rr or, 0x80000001, 0x80000000, 0x00000001
  t_rr and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
  t_rr and, 0x00f000f0, 0x00ff00ff, 0xf0f0f0f0
  t_rr and, 0xffffffff, 0xffffffff, 0xffffffff
  t_rr and, 0x00000000, 0xffffffff, 0x00000000
  t_rr_same add, 0x80000002, 0x40000001
  t_rr_same sub, 0x00000000, 0x00001234
  t_rr_same sll, 0x00000018, 0x00000003
  t_rr_same srl, 0x40000000, 0x80000001
  t_rr_same sra, 0xfc000000, 0x80000005
  t_rr_same slt, 0x00000000, 0xffffffff
  t_rr_same sltu, 0x00000000, 0x00000007
  t_rr_same xor, 0x00000000, 0x5a5a5a5a
  t_rr_same or, 0x5a5a5a5a, 0x5a5a5a5a
  t_rr_same and, 0x5a5a5a5a, 0x5a5a5a5a
  /* ---- register-immediate ALU ---- */
  t_ri addi, 0x00000000, 0x00000000, 0
  t_ri addi, 0x00000002, 0x00000001, 1
  t_ri addi, 0x80000000, 0x7fffffff, 1
  t_ri addi, 0xfffff800, 0x00000000, -2048
  t_ri addi, 0x000007ff, 0x00000000, 2047
  t_ri addi, 0x7fffffff, 0x80000000, -1
  t_ri addi, 0x00000000, 0xffffffff, 1
  t_ri addi, 0x7fffffff, 0x7ffff800, 2047
  t_ri addi, 0x00000000, 0x00000005, -5
  t_ri slti, 0x00000000, 0x00000000, 0
  t_ri slti, 0x00000001, 0xffffffff, 0
  t_ri slti, 0x00000000, 0x00000000, -1
  t_ri slti, 0x00000001, 0x80000000, 2047
  t_ri slti, 0x00000000, 0x7fffffff, -2048
  t_ri slti, 0x00000001, 0xfffff7ff, -2048
  t_ri slti, 0x00000000, 0xfffff800, -2048
  t_ri slti, 0x00000001, 0x00000001, 2
  t_ri sltiu, 0x00000001, 0x00000005, -1
  t_ri sltiu, 0x00000000, 0xffffffff, -1
  t_ri sltiu, 0x00000001, 0x00000000, 1
  t_ri sltiu, 0x00000000, 0x00000001, 1
  t_ri sltiu, 0x00000000, 0x80000000, 2047
  t_ri sltiu, 0x00000001, 0x000007ff, -2048
  t_ri sltiu, 0x00000000, 0xfffff800, -2048
  t_ri sltiu, 0x00000001, 0xfffff7ff, -2048
  t_ri xori, 0xff00f00f, 0x00ff0f00, -241
  t_ri xori, 0x00ff0ff0, 0x00ff08ff, 1807
  t_ri xori, 0xedcba987, 0x12345678, -1
  t_ri xori, 0xf00ff00f, 0xf00ff00f, 0
  t_ri ori, 0xffffff0f, 0xff00ff00, -241
  t_ri ori, 0x00ff07ff, 0x00ff00ff, 1807
  t_ri ori, 0xffffffff, 0x00000000, -1
  t_ri ori, 0x80000000, 0x80000000, 0
  t_ri andi, 0xff00ff00, 0xff00ff00, -256
  t_ri andi, 0x0000000f, 0x00ff00ff, 1807
  t_ri andi, 0xfffff800, 0xffffffff, -2048
  t_ri andi, 0x00000000, 0x12345678, 0
  t_ri slli, 0x00000001, 0x00000001, 0
  t_ri slli, 0x00000002, 0x00000001, 1
  t_ri slli, 0x80000000, 0x00000001, 31
  t_ri slli, 0xffffff80, 0xffffffff, 7
  t_ri slli, 0x12100000, 0x21212121, 20
  t_ri slli, 0x80000000, 0x21212121, 31
  t_ri srli, 0x80000000, 0x80000000, 0
  t_ri srli, 0x40000000, 0x80000000, 1
  t_ri srli, 0x00000001, 0x80000000, 31
  t_ri srli, 0x01ffffff, 0xffffffff, 7
  t_ri srli, 0x00000212, 0x21212121, 20
  t_ri srli, 0x00000001, 0x81818181, 31
  t_ri srai, 0x80000000, 0x80000000, 0
  t_ri srai, 0xc0000000, 0x80000000, 1
  t_ri srai, 0xffffffff, 0x80000000, 31
  t_ri srai, 0x00000000, 0x7fffffff, 31
  t_ri srai, 0xff030303, 0x81818181, 7
  t_ri srai, 0x00000001, 0x7f7f7f7f, 30
  t_ri srai, 0xffffffff, 0xffffffff, 31
  /* END TABLE */

  /* ---- x0: writes discarded, reads as zero ---- */
  t_rr_x0 add, 5, 7
  t_rr_x0 sub, 5, 7
  t_rr_x0 sll, 1, 3
  t_rr_x0 or, 0xffffffff, 0
  next_test
  addi x0, x0, 5
  check x0, 0
  next_test
  li x1, 0x5a5a5a5a
  xori x0, x1, -1
  slli x0, x1, 3
  check x0, 0
  next_test
  li x1, 1234
  add x14, x0, x1
  check x14, 1234
  next_test
  li x1, 1234
  sub x14, x0, x1
  check x14, -1234
  next_test
  li x1, 1234
  sltu x14, x0, x1              /* snez */
  check x14, 1
  next_test
  sltu x14, x0, x0
  check x14, 0

  /* ---- every register can be written and read back ---- */
  next_test
  li x1, 0x101
  li x2, 0x102
  li x4, 0x104
  li x5, 0x105
  li x6, 0x106
  li x7, 0x107
  li x8, 0x108
  li x9, 0x109
  li x10, 0x10a
  li x11, 0x10b
  li x12, 0x10c
  li x13, 0x10d
  li x14, 0x10e
  li x15, 0x10f
  li x16, 0x110
  li x17, 0x111
  li x18, 0x112
  li x19, 0x113
  li x20, 0x114
  li x21, 0x115
  li x22, 0x116
  li x23, 0x117
  li x24, 0x118
  li x25, 0x119
  li x26, 0x11a
  li x27, 0x11b
  li x28, 0x11c
  li x29, 0x11d
  li x30, 0x11e
  add x30, x30, x1
  add x30, x30, x2
  add x30, x30, x4
  add x30, x30, x5
  add x30, x30, x6
  add x30, x30, x7
  add x30, x30, x8
  add x30, x30, x9
  add x30, x30, x10
  add x30, x30, x11
  add x30, x30, x12
  add x30, x30, x13
  add x30, x30, x14
  add x30, x30, x15
  add x30, x30, x16
  add x30, x30, x17
  add x30, x30, x18
  add x30, x30, x19
  add x30, x30, x20
  add x30, x30, x21
  add x30, x30, x22
  add x30, x30, x23
  add x30, x30, x24
  add x30, x30, x25
  add x30, x30, x26
  add x30, x30, x27
  add x30, x30, x28
  add x30, x30, x29
  /* sum of 0x101..0x11e except 0x103 (gp) */
  check x30, 0x1ece

  TEST_END
