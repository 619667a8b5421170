#!/usr/bin/env bash
# Rebuilds the RPC fixtures with the board's toolchain flags
# (artiq/compiler/targets.py: triple riscv32-unknown-linux, PIC, ld.lld -shared --eh-frame-hdr -m elf32lriscv -x).
#   ./build.sh          rebuild the committed files here
#   ./build.sh --check  rebuild into a temporary directory and compare byte for byte (exit 1 on difference)
# Needs the Debian packages clang and lld (the committed files came from Debian clang/LLD 14.0.6).
#   rpc-rv32g.elf    rpc.c for rv32imafd, ilp32d (Kasli 2.x)
#   rpc-rv32ima.elf  rpc.c for rv32ima, ilp32 (Kasli 1.x)
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

common=(--target=riscv32-unknown-linux -fPIC -O2 -ffreestanding -fno-builtin -nostdlib)

# build SUFFIX MARCH MABI
build() {
    local suffix="$1" march="$2" mabi="$3"
    # A relative path only, so nothing about this checkout ends up in the output.
    (cd "$here" && clang "${common[@]}" -march="$march" -mabi="$mabi" -c rpc.c -o "$work/rpc-$suffix.o")
    ld.lld -shared --eh-frame-hdr -m elf32lriscv -x "$work/rpc-$suffix.o" -o "$out/rpc-$suffix.elf"
}

build rv32ima rv32ima ilp32
build rv32g rv32imafd ilp32d

if [[ "$mode" == --check ]]; then
    status=0
    for f in "$out"/*; do
        name="$(basename "$f")"
        if ! cmp -s "$f" "$here/$name"; then
            echo "build.sh --check: $name differs from the committed file" >&2
            status=1
        fi
    done
    [[ $status == 0 ]] && echo "build.sh --check: all fixtures reproduce byte for byte"
    exit $status
fi
