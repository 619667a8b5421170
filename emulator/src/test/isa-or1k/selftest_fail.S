/* Must fail: test 3 compares wrongly, so the program prints FAIL and exits
 * with status 3. Proves that a failing check is noticed. */
#include "test.h"
TEST_BEGIN
  l.addi r4, r0, 1
  CHECK(1, r4, 1)
  CHECK(2, r4, 1)
  CHECK(3, r4, 2)
  CHECK(4, r4, 1)
TEST_END("selftest_fail")
