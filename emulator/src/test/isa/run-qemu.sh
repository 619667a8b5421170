#!/usr/bin/env bash
# Runs every ISA test program (emulator/src/test/isa/*.elf) under
# qemu-riscv32 and prints one PASS/FAIL line per file. Expectations:
#   rv32*.elf          exit status 0, nothing on stdout (a failing test
#                      prints "FAIL <n>" and exits with n & 0xff)
#   selftest_fail.elf  must fail test 3: stdout "FAIL 3", exit status 3
#   hello.elf          exit 0, the stdout/stderr lines below
#   exitcode.elf       exit 7, stdout "exiting with status 7"
# With --bench also runs examples/bare-metal/*.elf (exit 0, one line each).
# Exit status: 0 when every line is PASS, 1 otherwise.
# Needs Debian package qemu-user (qemu-riscv32).
set -uo pipefail

ISA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BM_DIR="$(cd "$ISA_DIR/../../../../examples/bare-metal" && pwd)"
QEMU=qemu-riscv32
if ! command -v "$QEMU" >/dev/null; then
  echo "run-qemu.sh: $QEMU not found (install Debian package qemu-user)" >&2
  exit 2
fi

HELLO_OUT=$'hello, world\nfrom rv32imafd\nanswer 42, negative -1234567890123, hex 0xdeadbeef\nbye'
HELLO_ERR='this line goes to stderr'

ERR_FILE="$(mktemp)"
trap 'rm -f "$ERR_FILE"' EXIT
failures=0
report() {   # report NAME OK DETAIL
  if [[ $2 == 1 ]]; then echo "PASS $1"; else echo "FAIL $1 ($3)"; failures=$((failures + 1)); fi
}

for elf in "$ISA_DIR"/*.elf; do
  name="$(basename "$elf")"
  out="$("$QEMU" "$elf" 2>"$ERR_FILE")"; rc=$?
  err="$(cat "$ERR_FILE")"
  detail="exit $rc, stdout '${out//$'\n'/|}'"
  case "$name" in
    selftest_fail.elf)
      ok=0; [[ $rc == 3 && "$out" == "FAIL 3" ]] && ok=1
      report "$name (expected failure of test 3)" $ok "$detail" ;;
    hello.elf)
      ok=0; [[ $rc == 0 && "$out" == "$HELLO_OUT" && "$err" == "$HELLO_ERR" ]] && ok=1
      report "$name" $ok "$detail, stderr '$err'" ;;
    exitcode.elf)
      ok=0; [[ $rc == 7 && "$out" == "exiting with status 7" ]] && ok=1
      report "$name" $ok "$detail" ;;
    *)
      ok=0; [[ $rc == 0 && -z "$out" ]] && ok=1
      report "$name" $ok "$detail" ;;
  esac
done

if [[ "${1:-}" == "--bench" ]]; then
  for elf in "$BM_DIR"/*.elf; do
    name="$(basename "$elf")"
    out="$("$QEMU" "$elf")"; rc=$?
    ok=0; [[ $rc == 0 && "$out" == *checksum* ]] && ok=1
    report "$name: $out" $ok "exit $rc"
  done
fi

[[ $failures == 0 ]]
