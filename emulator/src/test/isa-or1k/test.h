/* Macros for coredev's OR1K assembler tests (run under qemu-or1k and
 * `coredev exec`). A test compares a register with a constant; on a mismatch
 * the program prints "FAIL" and exits with the test number. r30 holds the
 * number of the test being checked (set in the delay slot of the branch to
 * fail), r31 is scratch. At the end the program prints "PASS <name>" and
 * exits with 0. System calls are qemu-or1k's Linux ones: l.sys with the
 * number in r11, arguments in r3.., the result in r11. */
#define SYS_write 64
#define SYS_exit 93

#define LI(rd, v) l.movhi rd, hi(v); l.ori rd, rd, lo(v)

/* reg == v, else fail with test n */
#define CHECK(n, reg, v) LI(r31, v); l.sfeq reg, r31; l.bnf fail; l.addi r30, r0, n
/* the flag is set / clear, else fail with test n */
#define CHECK_F(n) l.bnf fail; l.addi r30, r0, n
#define CHECK_NF(n) l.bf fail; l.addi r30, r0, n
/* SR[CY] as a value: r31 = 0 + 0 + CY. Must come before any CHECK, whose
 * l.addi rewrites CY. */
#define CHECK_CY(n, v) l.addc r31, r0, r0; l.sfeqi r31, v; l.bnf fail; l.addi r30, r0, n

#define TEST_BEGIN  .file __FILE__; .text; .globl _start; _start:

#define TEST_END(name)                                                    \
  LI(r4, pass_msg); l.addi r5, r0, pass_end - pass_msg; l.addi r3, r0, 1;  \
  l.addi r11, r0, SYS_write; l.sys 1; l.nop;                              \
  l.j exit; l.addi r3, r0, 0;                                             \
fail:                                                                     \
  LI(r4, fail_msg); l.addi r5, r0, 5; l.addi r3, r0, 1;                   \
  l.addi r11, r0, SYS_write; l.sys 1; l.nop;                              \
  l.or r3, r30, r0;                                                       \
exit:                                                                     \
  l.addi r11, r0, SYS_exit; l.sys 1; l.nop;                               \
  .section .rodata;                                                       \
pass_msg: .ascii "PASS " name "\n";                                       \
pass_end:                                                                 \
fail_msg: .ascii "FAIL\n"
