/* Start-up code and tiny runtime for the C test programs and workloads
 * (no libc). _start sets sp and gp, clears .bss, calls main() and passes
 * its return value to _exit(). _exit(status) is the plain Linux exit
 * syscall (a7 = 93): C programs report through stdout and their exit
 * status, which `coredev exec` and qemu-riscv32 must give identically;
 * only the assembler tests use the tohost pass/fail word.
 * memcpy/memset/memmove exist because gcc may emit calls to them even in
 * freestanding code. */
#define SYS_exit 93

  .file "crt0.S"                 /* not gcc's temporary file name */

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
  tail _exit

  .text
  .globl _exit
_exit:
  li a7, SYS_exit
  ecall
2:
  j 2b

  .globl memset
memset:                           /* a0 = dst, a1 = byte, a2 = n; returns dst */
  mv t0, a0
  add t1, a0, a2
1:
  bgeu t0, t1, 2f
  sb a1, 0(t0)
  addi t0, t0, 1
  j 1b
2:
  ret

  .globl memcpy
memcpy:                           /* a0 = dst, a1 = src, a2 = n; returns dst */
  mv t0, a0
  add t1, a0, a2
1:
  bgeu t0, t1, 2f
  lbu t2, 0(a1)
  sb t2, 0(t0)
  addi t0, t0, 1
  addi a1, a1, 1
  j 1b
2:
  ret

  .globl memmove
memmove:                          /* overlapping copies: backwards when dst > src */
  bleu a0, a1, memcpy
  add t0, a0, a2
  add a1, a1, a2
1:
  bleu t0, a0, 2f
  addi t0, t0, -1
  addi a1, a1, -1
  lbu t2, 0(a1)
  sb t2, 0(t0)
  j 1b
2:
  ret

  .section .tohost, "aw", @progbits
  .balign 8
  .globl tohost
tohost:
  .word 0
  .word 0
