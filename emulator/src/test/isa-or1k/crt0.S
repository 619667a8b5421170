/* Start-up code for the C test programs (no libc): _start sets the stack
 * pointer r1, clears .bss, calls main() and passes its return value to
 * _exit(), the Linux exit system call through l.sys (r11 = 93), as
 * qemu-or1k user mode provides it. memset and memcpy exist because gcc may
 * emit calls to them even in freestanding code. */
#define SYS_exit 93

  .file "crt0.S"

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  l.movhi r1, hi(__stack_top)
  l.ori r1, r1, lo(__stack_top)
  l.movhi r3, hi(__bss_start)
  l.ori r3, r3, lo(__bss_start)
  l.movhi r4, hi(__bss_end)
  l.ori r4, r4, lo(__bss_end)
1:
  l.sfltu r3, r4
  l.bnf 2f
  l.nop
  l.sw 0(r3), r0
  l.j 1b
  l.addi r3, r3, 4
2:
  l.jal main
  l.nop
  l.j _exit
  l.or r3, r11, r0                /* main's result (r11) is exit's argument */

  .text
  .globl _exit
_exit:
  l.addi r11, r0, SYS_exit
  l.sys 1
  l.nop
3:
  l.j 3b
  l.nop

  .globl memset
memset:                           /* r3 = dst, r4 = byte, r5 = n; returns dst */
  l.or r11, r3, r0
  l.add r6, r3, r5
1:
  l.sfltu r3, r6
  l.bnf 2f
  l.nop
  l.sb 0(r3), r4
  l.j 1b
  l.addi r3, r3, 1
2:
  l.jr r9
  l.nop

  .globl memcpy
memcpy:                           /* r3 = dst, r4 = src, r5 = n; returns dst */
  l.or r11, r3, r0
  l.add r6, r3, r5
1:
  l.sfltu r3, r6
  l.bnf 2f
  l.nop
  l.lbz r7, 0(r4)
  l.sb 0(r3), r7
  l.addi r4, r4, 1
  l.j 1b
  l.addi r3, r3, 1
2:
  l.jr r9
  l.nop
