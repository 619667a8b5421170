#!/usr/bin/env bash
# Rebuilds the ksupport fixtures with the board's toolchain flags (artiq/compiler/targets.py:
# triple riscv32-unknown-linux, PIC, ld.lld -shared --eh-frame-hdr -m elf32lriscv -x).
#   ./build.sh          rebuild the committed files here
#   ./build.sh --check  rebuild into a temporary directory and compare byte for byte (exit 1 on difference)
# Needs the Debian packages clang and lld (the committed files came from Debian clang/LLD 14.0.6).
#   NAME-rv32g.elf    NAME.c for rv32imafd, ilp32d (Kasli 2.x), every source
#   NAME-rv32ima.elf  NAME.c for rv32ima, ilp32 (Kasli 1.x), core_log.c only (varargs under ilp32)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-build}"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "build.sh: '$1' not found: install the Debian package $2" >&2; exit 2; }
}
need clang clang
need ld.lld lld

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$mode" == --check ]]; then out="$work/out"; mkdir -p "$out"; else out="$here"; fi

common=(--target=riscv32-unknown-linux -fPIC -O2 -ffreestanding -fno-builtin -nostdlib -funwind-tables)

# build NAME SUFFIX MARCH MABI
build() {
    local name="$1" suffix="$2" march="$3" mabi="$4"
    # A relative path only, so nothing about this checkout ends up in the output.
    (cd "$here" && clang "${common[@]}" -march="$march" -mabi="$mabi" -c "$name.c" -o "$work/$name-$suffix.o")
    ld.lld -shared --eh-frame-hdr -m elf32lriscv -x "$work/$name-$suffix.o" -o "$out/$name-$suffix.elf"
}

for source in "$here"/*.c; do
    build "$(basename "$source" .c)" rv32g rv32imafd ilp32d
done
build core_log rv32ima rv32ima ilp32

if [[ "$mode" == --check ]]; then
    status=0
    for f in "$out"/*; do
        name="$(basename "$f")"
        if ! cmp -s "$f" "$here/$name"; then
            echo "build.sh --check: $name differs from the committed file" >&2
            status=1
        fi
    done
    for f in "$here"/*.elf; do
        [[ -f "$out/$(basename "$f")" ]] || { echo "build.sh --check: stale $(basename "$f")" >&2; status=1; }
    done
    [[ $status == 0 ]] && echo "build.sh --check: all fixtures reproduce byte for byte"
    exit $status
fi
