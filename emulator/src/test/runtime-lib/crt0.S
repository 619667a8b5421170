/* Start-up code for the runtime-lib test programs: sets sp and gp, clears
 * .bss, calls main() and passes its return value to the Linux exit system
 * call (a7 = 93). Unlike ../isa/crt0.S it defines no memcpy/memset/memmove,
 * so the programs link picolibc's, whose cost calib_libc.c measures. */
  .file "crt0.S"

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, __stack_top
  la t0, __bss_start
  la t1, __bss_end
1:
  bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:
  li a0, 0
  li a1, 0
  call main
  li a7, 93
  ecall
3:
  j 3b

  .section .tohost, "aw", @progbits
  .balign 8
  .globl tohost
tohost:
  .word 0
  .word 0
