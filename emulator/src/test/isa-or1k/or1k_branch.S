/* Branches and jumps with their delay slots: the slot always executes,
 * l.jal / l.jalr link to the instruction after the slot, l.bf / l.bnf follow
 * the flag, backward loops. */
#include "test.h"
TEST_BEGIN
  /* taken l.bf: the slot runs, the fall-through does not */
  l.sfeq r0, r0
  l.addi r4, r0, 0
  l.bf 1f
  l.addi r4, r4, 1
  l.addi r4, r4, 100
1:
  CHECK(1, r4, 1)
  /* not-taken l.bf: slot and fall-through both run */
  l.sfne r0, r0
  l.addi r4, r0, 0
  l.bf 1f
  l.addi r4, r4, 1
  l.addi r4, r4, 100
1:
  CHECK(2, r4, 101)
  /* l.bnf taken and not taken */
  l.sfne r0, r0
  l.addi r4, r0, 0
  l.bnf 1f
  l.addi r4, r4, 2
  l.addi r4, r4, 100
1:
  CHECK(3, r4, 2)
  l.sfeq r0, r0
  l.bnf fail
  l.addi r30, r0, 4
  /* l.j: slot runs */
  l.addi r4, r0, 0
  l.j 1f
  l.addi r4, r4, 3
  l.addi r4, r4, 100
1:
  CHECK(5, r4, 3)
  /* l.jal links past the slot; the callee returns with l.jr r9 */
  l.addi r4, r0, 0
  l.jal callee
  l.addi r4, r4, 10            /* slot: before the callee runs */
after_jal:
  CHECK(6, r4, 11)
  CHECK(7, r5, after_jal)
  /* l.jalr through a register */
  LI(r6, callee)
  l.addi r4, r0, 0
  l.jalr r6
  l.addi r4, r4, 20
after_jalr:
  CHECK(8, r4, 21)
  CHECK(9, r5, after_jalr)
  /* l.jr */
  LI(r6, 1f)
  l.addi r4, r0, 0
  l.jr r6
  l.addi r4, r4, 5
  l.addi r4, r4, 100
1:
  CHECK(10, r4, 5)
  /* backward loop: sum 1..10, the add in the delay slot */
  l.addi r4, r0, 0
  l.addi r5, r0, 10
2:
  l.sfgtsi r5, 1
  l.add r4, r4, r5
  l.bf 2b
  l.addi r5, r5, -1
  CHECK(11, r4, 55)
  CHECK(12, r5, 0)
  /* the slot sees the flag the branch used, and a compare in the slot
     does not change where the branch goes */
  l.sfeq r0, r0
  l.bf 1f
  l.sfne r0, r0
  l.j fail
  l.addi r30, r0, 13
1:
  CHECK_NF(14)
  /* a branch to the next-but-one instruction */
  l.addi r4, r0, 0
  l.bnf 1f
  l.addi r4, r4, 1
1:
  l.addi r4, r4, 1
  CHECK(15, r4, 2)
  l.j done
  l.nop
callee:
  l.or r5, r9, r0
  l.jr r9
  l.addi r4, r4, 1             /* slot of the return */
done:
TEST_END("or1k_branch")
