#!/usr/bin/env bash
# Builds coredev's RISC-V test programs and bare-metal workloads:
#   emulator/src/test/isa/*.S, *.c   -> *.elf beside each source
#   examples/bare-metal/*.c          -> *.elf beside each source
# Usage: build.sh          rebuild and overwrite the committed ELFs
#        build.sh --check  rebuild into a temporary directory and compare
#                          byte-for-byte with the committed ELFs (exit 1 and
#                          name the files that differ).
# Needs Debian package gcc-riscv64-unknown-elf.
set -euo pipefail

ISA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BM_DIR="$(cd "$ISA_DIR/../../../../examples/bare-metal" && pwd)"
CC=riscv64-unknown-elf-gcc
if ! command -v "$CC" >/dev/null; then
  echo "build.sh: $CC not found (install Debian package gcc-riscv64-unknown-elf)" >&2
  exit 2
fi

ARCH=(-march=rv32imafd_zicsr_zifencei -mabi=ilp32d)
LDFLAGS=(-nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wl,--build-id=none)
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns
        -fno-asynchronous-unwind-tables -fno-ident -fno-math-errno -Wall -Wextra -Werror)
# The rv32imfd/ilp32d multilib of libgcc (no compressed instructions) for
# __divdi3 and friends; the -march spelling with _zicsr_zifencei does not
# select a multilib by itself.
LIBGCC="$($CC -march=rv32imfd -mabi=ilp32d -print-libgcc-file-name)"
case "$LIBGCC" in
  */rv32imfd/ilp32d/libgcc.a) ;;
  *) echo "build.sh: unexpected libgcc multilib: $LIBGCC" >&2; exit 2 ;;
esac

# Tests that rewrite their own code need the RWX segment of link-smc.ld.
SMC_TESTS=" rv32ui_fence_i "

CHECK=0
if [[ "${1:-}" == "--check" ]]; then CHECK=1; elif [[ $# -gt 0 ]]; then
  echo "usage: build.sh [--check]" >&2; exit 2
fi

OUT_ISA="$ISA_DIR"; OUT_BM="$BM_DIR"
if [[ $CHECK == 1 ]]; then
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
  mkdir -p "$TMP/isa" "$TMP/bm"; OUT_ISA="$TMP/isa"; OUT_BM="$TMP/bm"
fi

built=()
# Sources are named relative to the current directory so that no absolute
# path reaches the ELF (symbol table file names); no -g, no build id.
cd "$ISA_DIR"
for src in *.S; do
  name="${src%.S}"
  case "$name" in crt0) continue ;; esac
  script=link.ld
  [[ "$SMC_TESTS" == *" $name "* ]] && script=link-smc.ld
  "$CC" "${ARCH[@]}" "${LDFLAGS[@]}" -T "$script" -o "$OUT_ISA/$name.elf" "$src"
  built+=("emulator/src/test/isa/$name.elf")
done
for src in *.c; do
  name="${src%.c}"
  "$CC" "${ARCH[@]}" "${CFLAGS[@]}" "${LDFLAGS[@]}" -T link.ld \
    -o "$OUT_ISA/$name.elf" crt0.S "$src" "$LIBGCC"
  built+=("emulator/src/test/isa/$name.elf")
done

cd "$BM_DIR"
for src in *.c; do
  name="${src%.c}"
  "$CC" "${ARCH[@]}" "${CFLAGS[@]}" -I ../../emulator/src/test/isa "${LDFLAGS[@]}" \
    -T ../../emulator/src/test/isa/link.ld \
    -o "$OUT_BM/$name.elf" ../../emulator/src/test/isa/crt0.S "$src" "$LIBGCC"
  built+=("examples/bare-metal/$name.elf")
done

if [[ $CHECK == 0 ]]; then
  echo "built ${#built[@]} ELFs"
  exit 0
fi

status=0
for rel in "${built[@]}"; do
  base="$(basename "$rel")"
  case "$rel" in
    emulator/*) new="$TMP/isa/$base"; old="$ISA_DIR/$base" ;;
    *)          new="$TMP/bm/$base";  old="$BM_DIR/$base" ;;
  esac
  if [[ ! -f "$old" ]]; then
    echo "missing: $rel"; status=1
  elif ! cmp -s "$new" "$old"; then
    echo "differs: $rel"; status=1
  fi
done
# Committed ELFs without a source any more.
for old in "$ISA_DIR"/*.elf "$BM_DIR"/*.elf; do
  [[ -e "$old" ]] || continue
  case "$old" in
    "$ISA_DIR"/*) rel="emulator/src/test/isa/$(basename "$old")" ;;
    *)            rel="examples/bare-metal/$(basename "$old")" ;;
  esac
  printf '%s\n' "${built[@]}" | grep -qxF "$rel" || { echo "stale: $rel"; status=1; }
done
if [[ $status == 0 ]]; then echo "all ${#built[@]} ELFs identical"; fi
exit $status
