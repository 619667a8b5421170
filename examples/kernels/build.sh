#!/usr/bin/env bash
# Builds the example kernels with the board's toolchain flags (artiq/compiler/targets.py:
# riscv32-unknown-linux, PIC, ld.lld -shared --eh-frame-hdr -m elf32lriscv), for rv32g (Kasli 2.x).
#   ./build.sh          rebuild the committed *.elf files here
#   ./build.sh --check  rebuild into a temporary directory and compare byte for byte (exit 1 on difference)
# Needs the Debian packages clang and lld.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-build}"
for tool in clang:clang ld.lld:lld; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || { echo "build.sh: ${tool%%:*} not found: install the Debian package ${tool#*:}" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$mode" == --check ]]; then out="$work/out"; mkdir -p "$out"; else out="$here"; fi
for source in "$here"/*.c; do
    name="$(basename "$source" .c)"
    (cd "$here" && clang --target=riscv32-unknown-linux -march=rv32imafd -mabi=ilp32d -fPIC -O2 \
        -ffreestanding -fno-builtin -funwind-tables -c "$name.c" -o "$work/$name.o")
    ld.lld -shared --eh-frame-hdr -m elf32lriscv -x "$work/$name.o" -o "$out/$name.elf"
done
if [[ "$mode" == --check ]]; then
    status=0
    for f in "$out"/*.elf; do
        cmp -s "$f" "$here/$(basename "$f")" || { echo "differs: examples/kernels/$(basename "$f")" >&2; status=1; }
    done
    for f in "$here"/*.elf; do
        [[ -f "$out/$(basename "$f")" ]] || { echo "stale: examples/kernels/$(basename "$f")" >&2; status=1; }
    done
    [[ $status == 0 ]] && echo "all example kernels reproduce byte for byte"
    exit $status
fi
