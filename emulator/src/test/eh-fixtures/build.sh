#!/usr/bin/env bash
# Rebuilds the unwinder/exception fixtures with the board's toolchain flags
# (artiq/compiler/targets.py: triple riscv32-unknown-linux, PIC, ld.lld -shared --eh-frame-hdr -m elf32lriscv -x).
#   ./build.sh          rebuild the committed files here
#   ./build.sh --check  rebuild into a temporary directory and compare byte for byte (exit 1 on difference)
# Needs the Debian packages clang and lld (the committed files came from Debian clang/LLD 14.0.6).
#   frames-*.elf  C call chain with saved registers, a frame-pointer frame and a 6 KiB frame (frames.c)
#   catch-*.elf   C++ cleanup and catch clauses: real .gcc_except_table LSDAs (catch.cpp, typeinfo.c)
#   catch-named-rv32ima.elf  the same with ARTIQ 6's type infos, name slices (typeinfo_named.c)
#   catch-rv32g.s the compiler's annotated assembly of catch.cpp: the LSDA tables as clang describes them
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-build}"

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "build.sh: '$1' not found: install the Debian package $2" >&2; exit 2; }
}
need clang clang
need clang++ clang
need ld.lld lld

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$mode" == --check ]]; then out="$work/out"; mkdir -p "$out"; else out="$here"; fi

common=(--target=riscv32-unknown-linux -fPIC -O2 -ffreestanding -fno-builtin -fexceptions -funwind-tables)
link() { ld.lld -shared --eh-frame-hdr -m elf32lriscv -x "$@"; }

# build SUFFIX MARCH MABI [DEFINES...]
build() {
    local suffix="$1" march="$2" mabi="$3"; shift 3
    local arch=(-march="$march" -mabi="$mabi")
    # Relative paths only, so nothing about this checkout ends up in the output.
    (cd "$here" && clang "${common[@]}" "${arch[@]}" "$@" -c frames.c -o "$work/frames.o" \
        && clang++ "${common[@]}" "${arch[@]}" -c catch.cpp -o "$work/catch.o" \
        && clang "${common[@]}" "${arch[@]}" -c typeinfo.c -o "$work/typeinfo.o")
    link "$work/frames.o" -o "$out/frames-$suffix.elf"
    link "$work/catch.o" "$work/typeinfo.o" -o "$out/catch-$suffix.elf"
    if [[ "$suffix" == rv32ima ]]; then
        (cd "$here" && clang "${common[@]}" "${arch[@]}" -c typeinfo_named.c -o "$work/typeinfo_named.o")
        link "$work/catch.o" "$work/typeinfo_named.o" -o "$out/catch-named-$suffix.elf"
    fi
}

build rv32ima rv32ima ilp32
build rv32g rv32imafd ilp32d -DHARD_FLOAT
(cd "$here" && clang++ "${common[@]}" -march=rv32imafd -mabi=ilp32d -S catch.cpp -o "$out/catch-rv32g.s")

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
