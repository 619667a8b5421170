/* coredev ISA test harness: assembler macros shared by every *.S test here.
 *
 * Conventions (see README.md):
 *  - gp (x3) holds the current test number; numbers start at 2 and go up by one
 *    with every `next_test` (the macros below call it), so a failure report
 *    points at the n-th test in the file.
 *  - t6 (x31) is the harness's scratch register for expected values; tests
 *    must not rely on it surviving a check.
 *  - Pass: tohost = 1, exit(0). Fail: print "FAIL <n>\n" to stdout,
 *    tohost = n << 1 | 1, exit(n). The exit status is computed from the
 *    value read back from tohost (tohost >> 1).
 *  - Only user-mode Linux syscalls via ecall: a7 = 64 write, a7 = 93 exit.
 *
 * The symbols __test_count and __check_count (absolute, see `nm`) give the
 * number of test numbers and of individual comparisons in the program.
 */

/* Name the STT_FILE symbol after the test source, not gcc's temporary file,
 * so that builds are reproducible. */
.file __BASE_FILE__

/* gp is the test number, never the global pointer: no linker relaxation. */
.option norelax

#define SYS_write 64
#define SYS_exit  93

/* fflags bits */
#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* rounding modes (frm / rm field) */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4

.set testnum, 1
.set checknum, 0

/* Start a new numbered test. */
.macro next_test
  .set testnum, testnum + 1
  li gp, testnum
.endm

/* Fail the current test unless register `reg` equals the constant `expected`. */
.macro check reg, expected
  .set checknum, checknum + 1
  li t6, \expected
  beq \reg, t6, .Lok\@
  j fail
.Lok\@:
.endm

/* Fail the current test unless registers `ra_` and `rb_` are equal. */
.macro check_eq ra_, rb_
  .set checknum, checknum + 1
  beq \ra_, \rb_, .Lok\@
  j fail
.Lok\@:
.endm

/* Fail the current test unless register `reg` is not zero. */
.macro check_nonzero reg
  .set checknum, checknum + 1
  bnez \reg, .Lok\@
  j fail
.Lok\@:
.endm

/* Unconditional failure of the current test (used on paths that must not run). */
.macro fail_here
  .set checknum, checknum + 1
  j fail
.endm

/* Program entry: own stack, clean test number. */
.macro TEST_BEGIN
  .section .text.init, "ax", @progbits
  .globl _start
_start:
  la sp, __stack_top
  li gp, 0
.endm

/* Pass/fail epilogue, `tohost` and the count symbols. */
.macro TEST_END
pass:
  li t0, 1
  la t1, tohost
  sw t0, 0(t1)
  j exit_from_tohost

  .globl fail
fail:
  /* Print "FAIL <gp>\n": digits are built backwards in a small buffer. */
  la t0, fail_msg_end
  li t1, 10
  addi t0, t0, -1
  sb t1, 0(t0)
  mv t2, gp
2:
  remu t3, t2, t1
  addi t3, t3, '0'
  addi t0, t0, -1
  sb t3, 0(t0)
  divu t2, t2, t1
  bnez t2, 2b
  li t3, ' '
  addi t0, t0, -1
  sb t3, 0(t0)
  li t3, 'L'
  addi t0, t0, -1
  sb t3, 0(t0)
  li t3, 'I'
  addi t0, t0, -1
  sb t3, 0(t0)
  li t3, 'A'
  addi t0, t0, -1
  sb t3, 0(t0)
  li t3, 'F'
  addi t0, t0, -1
  sb t3, 0(t0)
  li a0, 1
  mv a1, t0
  la a2, fail_msg_end
  sub a2, a2, t0
  li a7, SYS_write
  ecall
  slli t0, gp, 1
  ori t0, t0, 1
  la t1, tohost
  sw t0, 0(t1)
  /* fall through */

  /* The exit status is read back from tohost (status = tohost >> 1), so
   * under qemu-riscv32, where tohost cannot be inspected, the exit status
   * still proves what tohost held: 0 <=> tohost == 1. */
exit_from_tohost:
  la t1, tohost
  lw a0, 0(t1)
  srli a0, a0, 1
  li a7, SYS_exit
  ecall
3: j 3b

  .section .tohost, "aw", @progbits
  .balign 8
  .globl tohost
tohost: .word 0
  .word 0

  .section .bss
  .balign 4
fail_msg: .skip 24
fail_msg_end:

  .globl __test_count
  .globl __check_count
  .set __test_count, testnum - 1
  .set __check_count, checknum
.endm

/* ---------- integer helpers ---------- */

/* rd = op(a, b) with rd distinct, rd == rs1 and rd == rs2; sources preserved. */
.macro t_rr op, expect, a, b
  next_test
  li x1, \a
  li x2, \b
  \op x14, x1, x2
  check x14, \expect
  check x1, \a
  check x2, \b
  next_test
  li x1, \a
  li x2, \b
  \op x1, x1, x2
  check x1, \expect
  next_test
  li x1, \a
  li x2, \b
  \op x2, x1, x2
  check x2, \expect
.endm

/* rd = op(a, a) with rs1 == rs2 == rd. */
.macro t_rr_same op, expect, a
  next_test
  li x5, \a
  \op x5, x5, x5
  check x5, \expect
.endm

/* op with rd = x0: result discarded, x0 stays 0. */
.macro t_rr_x0 op, a, b
  next_test
  li x1, \a
  li x2, \b
  \op x0, x1, x2
  check x0, 0
.endm

/* rd = op(a, imm) with rd distinct and rd == rs1. */
.macro t_ri op, expect, a, imm
  next_test
  li x1, \a
  \op x14, x1, \imm
  check x14, \expect
  check x1, \a
  next_test
  li x1, \a
  \op x1, x1, \imm
  check x1, \expect
.endm

/* Load from symbol+off. */
.macro t_ld op, expect, sym, off
  next_test
  la x1, \sym
  \op x14, \off(x1)
  check x14, \expect
.endm

/* ---------- floating-point helpers ---------- */

/* Clear fflags. */
.macro clear_flags
  fsflags x0
.endm

/* Check fflags equal `flags`. */
.macro check_flags flags
  frflags t5
  check t5, \flags
.endm

/* Single: f3 = op(f1 = a, f2 = b); compare bits and fflags. */
.macro t_s2 op, expect, flags, a, b
  next_test
  li t0, \a
  fmv.w.x f1, t0
  li t0, \b
  fmv.w.x f2, t0
  clear_flags
  \op f3, f1, f2
  fmv.x.w t1, f3
  check t1, \expect
  check_flags \flags
.endm

/* Single, one source: f3 = op(f1 = a). */
.macro t_s1 op, expect, flags, a
  next_test
  li t0, \a
  fmv.w.x f1, t0
  clear_flags
  \op f3, f1
  fmv.x.w t1, f3
  check t1, \expect
  check_flags \flags
.endm

/* Single with static rounding mode: f3 = op(f1, f2, rm). */
.macro t_s2_rm op, rm, expect, flags, a, b
  next_test
  li t0, \a
  fmv.w.x f1, t0
  li t0, \b
  fmv.w.x f2, t0
  clear_flags
  \op f3, f1, f2, \rm
  fmv.x.w t1, f3
  check t1, \expect
  check_flags \flags
.endm

/* Single fused: f4 = op(f1 = a, f2 = b, f3 = c). */
.macro t_s3 op, expect, flags, a, b, c
  next_test
  li t0, \a
  fmv.w.x f1, t0
  li t0, \b
  fmv.w.x f2, t0
  li t0, \c
  fmv.w.x f3, t0
  clear_flags
  \op f4, f1, f2, f3
  fmv.x.w t1, f4
  check t1, \expect
  check_flags \flags
.endm

/* Single compare: x14 = op(f1 = a, f2 = b). */
.macro t_scmp op, expect, flags, a, b
  next_test
  li t0, \a
  fmv.w.x f1, t0
  li t0, \b
  fmv.w.x f2, t0
  clear_flags
  \op x14, f1, f2
  check x14, \expect
  check_flags \flags
.endm

/* Single -> integer: x14 = op(f1 = a, rm). */
.macro t_s2i op, rm, expect, flags, a
  next_test
  li t0, \a
  fmv.w.x f1, t0
  clear_flags
  \op x14, f1, \rm
  check x14, \expect
  check_flags \flags
.endm

/* Integer -> single: f3 = op(x = a, rm). */
.macro t_i2s op, rm, expect, flags, a
  next_test
  li t0, \a
  clear_flags
  \op f3, t0, \rm
  fmv.x.w t1, f3
  check t1, \expect
  check_flags \flags
.endm

/* Double values live in memory (rv32 has no fmv.d.x). A record of 4 dwords:
 * a, b, c, result slot. `check_d` compares the result slot with `expect`. */
.macro d_data a, b, c
  .pushsection .data
  .balign 8
.Ldd\@:
  .quad \a, \b, \c, 0
  .popsection
  la s0, .Ldd\@
.endm

/* Compare the double in freg with a 64-bit constant (via the record at s0). */
.macro check_d freg, expect
  fsd \freg, 24(s0)
  lw t1, 24(s0)
  check t1, (\expect) & 0xffffffff
  lw t1, 28(s0)
  check t1, ((\expect) >> 32) & 0xffffffff
.endm

/* Double: f3 = op(f1 = a, f2 = b). */
.macro t_d2 op, expect, flags, a, b
  next_test
  d_data \a, \b, 0
  fld f1, 0(s0)
  fld f2, 8(s0)
  clear_flags
  \op f3, f1, f2
  check_d f3, \expect
  check_flags \flags
.endm

/* Double with static rounding mode. */
.macro t_d2_rm op, rm, expect, flags, a, b
  next_test
  d_data \a, \b, 0
  fld f1, 0(s0)
  fld f2, 8(s0)
  clear_flags
  \op f3, f1, f2, \rm
  check_d f3, \expect
  check_flags \flags
.endm

/* Double, one source. */
.macro t_d1 op, expect, flags, a
  next_test
  d_data \a, 0, 0
  fld f1, 0(s0)
  clear_flags
  \op f3, f1
  check_d f3, \expect
  check_flags \flags
.endm

/* Double fused: f4 = op(f1, f2, f3). */
.macro t_d3 op, expect, flags, a, b, c
  next_test
  d_data \a, \b, \c
  fld f1, 0(s0)
  fld f2, 8(s0)
  fld f3, 16(s0)
  clear_flags
  \op f4, f1, f2, f3
  check_d f4, \expect
  check_flags \flags
.endm

/* Double compare: x14 = op(f1, f2). */
.macro t_dcmp op, expect, flags, a, b
  next_test
  d_data \a, \b, 0
  fld f1, 0(s0)
  fld f2, 8(s0)
  clear_flags
  \op x14, f1, f2
  check x14, \expect
  check_flags \flags
.endm

/* Double -> integer with rounding mode. */
.macro t_d2i op, rm, expect, flags, a
  next_test
  d_data \a, 0, 0
  fld f1, 0(s0)
  clear_flags
  \op x14, f1, \rm
  check x14, \expect
  check_flags \flags
.endm

/* Integer -> double (the rm operand is accepted by the assembler for
 * symmetry; conversions from 32-bit integers are always exact). */
.macro t_i2d op, expect, a
  next_test
  d_data 0, 0, 0
  li t0, \a
  clear_flags
  \op f3, t0
  check_d f3, \expect
  check_flags 0
.endm

/* fclass.s x14, f1 = a (no flags). */
.macro t_fclass_s expect, a
  next_test
  li t0, \a
  fmv.w.x f1, t0
  clear_flags
  fclass.s x14, f1
  check x14, \expect
  check_flags 0
.endm

/* fclass.d x14, f1 = a (no flags). */
.macro t_fclass_d expect, a
  next_test
  d_data \a, 0, 0
  fld f1, 0(s0)
  clear_flags
  fclass.d x14, f1
  check x14, \expect
  check_flags 0
.endm

/* fcvt.s.d with rounding mode: double a -> single bits. */
.macro t_ds rm, expect, flags, a
  next_test
  d_data \a, 0, 0
  fld f1, 0(s0)
  clear_flags
  fcvt.s.d f3, f1, \rm
  fmv.x.w t1, f3
  check t1, \expect
  check_flags \flags
.endm

/* fcvt.d.s: single bits a -> double. */
.macro t_sd expect, flags, a
  next_test
  d_data 0, 0, 0
  li t0, \a
  fmv.w.x f1, t0
  clear_flags
  fcvt.d.s f3, f1
  check_d f3, \expect
  check_flags \flags
.endm
