#!/usr/bin/env bash
# Builds the runtime-lib test programs (emulator/src/test/runtime-lib/*.c ->
# *.elf beside each source):
#   softfloat_diff.elf   libgcc soft-float/integer helpers on test vectors (rv32ima, ilp32)
#   calib_rt.elf         cycles per compiler-rt helper (rv32ima, ilp32, libgcc)
#   calib_libc.elf       cycles of memcpy ... strlen (rv32ima, ilp32, picolibc)
#   calib_libm.elf       cycles per libm function, soft float (rv32ima, ilp32, picolibc)
#   calib_libm_hard.elf  the same source with hard doubles (rv32imafd, ilp32d)
#   calib_rt_or1k.elf    calib_rt.c for OR1K (or1k-elf-gcc's libgcc, ../isa-or1k's
#                        crt0.S and link.ld and gcc flags: ARTIQ's or1k features)
# Usage: build.sh          rebuild and overwrite the committed ELFs
#        build.sh --check  rebuild into a temporary directory and compare
#                          byte for byte (exit 1 naming the files that differ)
# Needs Debian packages gcc-riscv64-unknown-elf, picolibc-riscv64-unknown-elf and gcc-or1k-elf.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CC=riscv64-unknown-elf-gcc
PICOLIBC=/usr/lib/picolibc/riscv64-unknown-elf/lib/release
if ! command -v "$CC" >/dev/null; then
  echo "build.sh: $CC not found (install Debian package gcc-riscv64-unknown-elf)" >&2; exit 2
fi
if [[ ! -f "$PICOLIBC/rv32im/ilp32/libc.a" ]]; then
  echo "build.sh: $PICOLIBC/rv32im/ilp32/libc.a not found (install Debian package picolibc-riscv64-unknown-elf)" >&2; exit 2
fi

SOFT=(-march=rv32ima_zicsr -mabi=ilp32)
HARD=(-march=rv32imafd_zicsr -mabi=ilp32d)
# Multilibs without compressed instructions (the board's CPU has none).
LIBGCC_SOFT="$($CC -march=rv32im -mabi=ilp32 -print-libgcc-file-name)"
LIBGCC_HARD="$($CC -march=rv32imfd -mabi=ilp32d -print-libgcc-file-name)"
case "$LIBGCC_SOFT$LIBGCC_HARD" in
  */rv32im/ilp32/libgcc.a*/rv32imfd/ilp32d/libgcc.a) ;;
  *) echo "build.sh: unexpected libgcc multilibs: $LIBGCC_SOFT $LIBGCC_HARD" >&2; exit 2 ;;
esac
LDFLAGS=(-nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wl,--build-id=none -T ../isa/link.ld)
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns
        -fno-asynchronous-unwind-tables -fno-ident -Wall -Wextra -Werror)

OUT="$DIR"
CHECK=0
if [[ "${1:-}" == "--check" ]]; then
  CHECK=1; OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
elif [[ $# -gt 0 ]]; then
  echo "usage: build.sh [--check]" >&2; exit 2
fi

cd "$DIR"   # relative source names: no absolute path reaches the ELFs
build() {   # build NAME ARCH-FLAGS... -- LIBS...
  local name="$1"; shift
  local flags=() libs=()
  while [[ "$1" != "--" ]]; do flags+=("$1"); shift; done; shift
  libs=("$@")
  "$CC" "${flags[@]}" "${CFLAGS[@]}" "${LDFLAGS[@]}" -o "$OUT/$name.elf" crt0.S "${SRC}" "${libs[@]}"
}
SRC=softfloat_diff.c build softfloat_diff "${SOFT[@]}" -- "$LIBGCC_SOFT"
SRC=calib_rt.c build calib_rt "${SOFT[@]}" -- "$LIBGCC_SOFT"
SRC=calib_libc.c build calib_libc "${SOFT[@]}" -- "$PICOLIBC/rv32im/ilp32/libc.a" "$LIBGCC_SOFT"
SRC=calib_libm.c build calib_libm "${SOFT[@]}" -- "$PICOLIBC/rv32im/ilp32/libc.a" "$LIBGCC_SOFT"
SRC=calib_libm.c build calib_libm_hard "${HARD[@]}" -- "$PICOLIBC/rv32imfd/ilp32d/libc.a" "$LIBGCC_HARD"
OR1K_CC=or1k-elf-gcc
if ! command -v "$OR1K_CC" >/dev/null; then
  echo "build.sh: $OR1K_CC not found (install Debian package gcc-or1k-elf)" >&2; exit 2
fi
OR1K_ARCH=(-mhard-mul -mhard-div -mcmov -mror -mrori -msext -msfimm -mshftimm)
OR1K_LDFLAGS=(-nostdlib -nostartfiles -static -Wl,--entry=_start -Wl,--build-id=none -Wl,--no-warn-rwx-segments)
(cd ../isa-or1k && "$OR1K_CC" "${OR1K_ARCH[@]}" "${CFLAGS[@]}" "${OR1K_LDFLAGS[@]}" -T link.ld -I ../runtime-lib \
  -o "$OUT/calib_rt_or1k.elf" crt0.S ../runtime-lib/calib_rt.c "$("$OR1K_CC" -print-libgcc-file-name)")
ELFS=(softfloat_diff calib_rt calib_libc calib_libm calib_libm_hard calib_rt_or1k)

if [[ $CHECK == 0 ]]; then echo "built ${#ELFS[@]} ELFs"; exit 0; fi
status=0
for name in "${ELFS[@]}"; do
  if [[ ! -f "$DIR/$name.elf" ]]; then echo "missing: $name.elf"; status=1
  elif ! cmp -s "$OUT/$name.elf" "$DIR/$name.elf"; then echo "differs: $name.elf"; status=1; fi
done
for old in "$DIR"/*.elf; do
  base="$(basename "$old" .elf)"
  printf '%s\n' "${ELFS[@]}" | grep -qxF "$base" || { echo "stale: $base.elf"; status=1; }
done
[[ $status == 0 ]] && echo "all ${#ELFS[@]} ELFs identical"
exit $status
