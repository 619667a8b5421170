#!/usr/bin/env bash
# Regenerates the libm golden files from the board's own libm:
#   fdlibm_rv32g.txt.gz    fdlibm 5.3 built for rv32imafd/ilp32d (hard doubles)
#   fdlibm_rv32ima.txt.gz  the same built for rv32ima/ilp32 (libgcc soft float)
# Usage: fdlibm-vectors.sh MISOC_DIR
#   MISOC_DIR is a checkout of m-labs/misoc; its misoc/software/libm/*.c and
#   misoc/software/include/fdlibm/fdlibm.h are compiled as ARTIQ's build does
#   (-D_IEEE_LIBM), with fdlibm_vectors.c as the driver, and run under
#   qemu-riscv32. -ffp-contract=off: gcc must not fuse a*b+c into fmadd.d,
#   so the hard-float results are fdlibm's IEEE-operation results.
# Needs Debian packages gcc-riscv64-unknown-elf and qemu-user.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MISOC="${1:?usage: fdlibm-vectors.sh MISOC_DIR}"
LIBM="$MISOC/misoc/software/libm"
[[ -f "$LIBM/e_j0.c" ]] || { echo "fdlibm-vectors.sh: no fdlibm sources in $LIBM" >&2; exit 2; }
CC=riscv64-unknown-elf-gcc
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
mkdir "$TMP/inc"
# The few libc headers fdlibm includes, reduced to what it uses.
printf 'extern int errno;\n#define EDOM 33\n#define ERANGE 34\n' > "$TMP/inc/errno.h"
printf 'int puts(const char *);\n' > "$TMP/inc/stdio.h"
printf 'int write(int, const void *, unsigned);\n' > "$TMP/inc/unistd.h"
FLAGS=(-O2 -ffreestanding -ffp-contract=off -fno-builtin -fno-strict-aliasing -D_IEEE_LIBM -w
       -I "$MISOC/misoc/software/include/fdlibm" -I "$TMP/inc" -I "$DIR"
       -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -T "$DIR/../isa/link.ld")
run() {  # run NAME ARCH ABI LIBGCC-MULTILIB ROUNDS
  local libgcc
  libgcc="$($CC -march="$4" -mabi="$3" -print-libgcc-file-name)"
  "$CC" -march="$2" -mabi="$3" "${FLAGS[@]}" -DROUNDS="$5" -o "$TMP/$1.elf" \
    "$DIR/crt0.S" "$DIR/fdlibm_vectors.c" "$LIBM"/[ekws]_*.c "$libgcc"
  qemu-riscv32 "$TMP/$1.elf" | gzip -9 -n > "$DIR/$1.txt.gz"
  echo "$1.txt.gz: $(zcat "$DIR/$1.txt.gz" | wc -l) lines"
}
run fdlibm_rv32g rv32imafd_zicsr ilp32d rv32imfd 1000
run fdlibm_rv32ima rv32ima_zicsr ilp32 rv32im 500
