#!/usr/bin/env bash
# Builds coredev's OpenRISC (OR1K) test programs and the OR1K builds of the
# bare-metal workloads:
#   emulator/src/test/isa-or1k/*.S, *.c   -> *.elf beside each source
#   emulator/src/test/isa-or1k/abi/abi.c  -> abi/abi.elf (for Or1kAbiTest)
#   examples/bare-metal/*.c               -> examples/bare-metal/or1k/*.elf
#     (the same sources as the RV32 ELFs beside them, with this folder's rt.h,
#     crt0.S and link.ld, and examples/bare-metal/or1k/sqrt.c)
# Usage: build.sh          rebuild and overwrite the committed ELFs
#        build.sh --check  rebuild into a temporary directory and compare
#                          byte-for-byte with the committed ELFs (exit 1 and
#                          name the files that differ).
# Needs Debian package gcc-or1k-elf (with binutils-or1k-elf).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BM_DIR="$(cd "$DIR/../../../../examples/bare-metal" && pwd)"
CC=or1k-elf-gcc
if ! command -v "$CC" >/dev/null; then
  echo "build.sh: $CC not found (install Debian package gcc-or1k-elf)" >&2
  exit 2
fi

# The features ARTIQ's or1k target enabled (mul, div, ffl1, cmov, addc) plus
# the immediate forms gcc can use; soft float in C, as ARTIQ's kernels.
ARCH=(-mhard-mul -mhard-div -mcmov -mror -mrori -msext -msfimm -mshftimm)
# The driver passes --entry=0x100 (the mor1kx reset vector); our programs
# start at _start. No build id, so the bytes depend on the sources only.
LDFLAGS=(-nostdlib -nostartfiles -static -Wl,--entry=_start -Wl,--build-id=none -Wl,--no-warn-rwx-segments)
CFLAGS=(-O2 -ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns
        -fno-asynchronous-unwind-tables -fno-ident -Wall -Wextra -Werror)
LIBGCC="$($CC -print-libgcc-file-name)"

CHECK=0
if [[ "${1:-}" == "--check" ]]; then CHECK=1; elif [[ $# -gt 0 ]]; then
  echo "usage: build.sh [--check]" >&2; exit 2
fi

OUT="$DIR"; OUT_BM="$BM_DIR/or1k"
if [[ $CHECK == 1 ]]; then
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
  mkdir -p "$TMP/bm"; OUT="$TMP"; OUT_BM="$TMP/bm"
fi

built=()
# Sources are named relative to the current directory so that no absolute
# path reaches the ELF (symbol table file names); no -g.
cd "$DIR"
for src in *.S; do
  name="${src%.S}"
  case "$name" in crt0) continue ;; esac
  "$CC" "${ARCH[@]}" "${LDFLAGS[@]}" -T link.ld -o "$OUT/$name.elf" "$src"
  built+=("$name.elf")
done
for src in *.c; do
  name="${src%.c}"
  "$CC" "${ARCH[@]}" "${CFLAGS[@]}" "${LDFLAGS[@]}" -T link.ld \
    -o "$OUT/$name.elf" crt0.S "$src" "$LIBGCC"
  built+=("$name.elf")
done

# The calling-convention program (a folder of its own: it calls into a runtime
# that only emulator's Or1kAbiTest provides, so it is not one of the programs
# run under qemu-or1k).
mkdir -p "$OUT/abi"
"$CC" "${ARCH[@]}" "${CFLAGS[@]}" "${LDFLAGS[@]}" -T link.ld \
  -o "$OUT/abi/abi.elf" crt0.S abi/abi.c "$LIBGCC"
built+=("abi/abi.elf")

# The workloads: soft float has no square-root instruction and there is no
# libm, so or1k/sqrt.c provides the sqrt that gcc calls for __builtin_sqrt.
cd "$BM_DIR"
for src in *.c; do
  name="${src%.c}"
  "$CC" "${ARCH[@]}" "${CFLAGS[@]}" -I ../../emulator/src/test/isa-or1k "${LDFLAGS[@]}" \
    -T ../../emulator/src/test/isa-or1k/link.ld \
    -o "$OUT_BM/$name.elf" ../../emulator/src/test/isa-or1k/crt0.S "$src" or1k/sqrt.c "$LIBGCC"
  built+=("bare-metal/$name.elf")
done

if [[ $CHECK == 0 ]]; then
  echo "built ${#built[@]} ELFs"
  exit 0
fi

# Entries of built: "foo.elf" (this folder) or "bare-metal/foo.elf" (the
# workloads in examples/bare-metal/or1k).
status=0
for elf in "${built[@]}"; do
  case "$elf" in
    bare-metal/*) new="$TMP/bm/${elf#bare-metal/}"; old="$BM_DIR/or1k/${elf#bare-metal/}"
                  rel="examples/bare-metal/or1k/${elf#bare-metal/}" ;;
    *)            new="$TMP/$elf"; old="$DIR/$elf"; rel="emulator/src/test/isa-or1k/$elf" ;;
  esac
  if [[ ! -f "$old" ]]; then
    echo "missing: $rel"; status=1
  elif ! cmp -s "$new" "$old"; then
    echo "differs: $rel"; status=1
  fi
done
# Committed ELFs without a source any more.
for old in "$DIR"/*.elf; do
  [[ -e "$old" ]] || continue
  printf '%s\n' "${built[@]}" | grep -qxF "$(basename "$old")" || { echo "stale: emulator/src/test/isa-or1k/$(basename "$old")"; status=1; }
done
for old in "$BM_DIR"/or1k/*.elf; do
  [[ -e "$old" ]] || continue
  printf '%s\n' "${built[@]}" | grep -qxF "bare-metal/$(basename "$old")" || { echo "stale: examples/bare-metal/or1k/$(basename "$old")"; status=1; }
done
if [[ $status == 0 ]]; then echo "all ${#built[@]} ELFs identical"; fi
exit $status
