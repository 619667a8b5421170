/* Deliberately failing program: test 2 passes, test 3 fails. Expected
 * behaviour of a correct emulator (and of qemu-riscv32): stdout "FAIL 3\n",
 * tohost = 7 (3 << 1 | 1), exit status 3. It exists so that a test runner's
 * failure path (reading tohost, reporting the test number) is exercised;
 * run-qemu.sh expects it to fail exactly this way. */
#include "test.h"

  TEST_BEGIN

  next_test                       /* 2: passes */
  li x5, 2
  check x5, 2

  next_test                       /* 3: fails on purpose */
  li x5, 2
  check x5, 3

  next_test                       /* 4: never reached */
  li x5, 4
  check x5, 4

  TEST_END
