#!/usr/bin/env bash
# Builds coredev's OpenRISC (OR1K) test programs:
#   emulator/src/test/isa-or1k/*.S, *.c   -> *.elf beside each source
# Usage: build.sh          rebuild and overwrite the committed ELFs
#        build.sh --check  rebuild into a temporary directory and compare
#                          byte-for-byte with the committed ELFs (exit 1 and
#                          name the files that differ).
# Needs Debian package gcc-or1k-elf (with binutils-or1k-elf).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
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

OUT="$DIR"
if [[ $CHECK == 1 ]]; then
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
  OUT="$TMP"
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

if [[ $CHECK == 0 ]]; then
  echo "built ${#built[@]} ELFs"
  exit 0
fi

status=0
for elf in "${built[@]}"; do
  if [[ ! -f "$DIR/$elf" ]]; then
    echo "missing: emulator/src/test/isa-or1k/$elf"; status=1
  elif ! cmp -s "$TMP/$elf" "$DIR/$elf"; then
    echo "differs: emulator/src/test/isa-or1k/$elf"; status=1
  fi
done
for old in "$DIR"/*.elf; do
  [[ -e "$old" ]] || continue
  printf '%s\n' "${built[@]}" | grep -qxF "$(basename "$old")" || { echo "stale: emulator/src/test/isa-or1k/$(basename "$old")"; status=1; }
done
if [[ $status == 0 ]]; then echo "all ${#built[@]} ELFs identical"; fi
exit $status
