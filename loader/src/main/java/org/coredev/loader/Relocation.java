package org.coredev.loader;

/**
 * One {@code Elf32_Rela} entry of an image, already checked: its type is one the board's dynamic linker
 * applies, its symbol index is inside the symbol table and its target lies inside the image.
 *
 * @param table       ".rela.dyn" (DT_RELA) or ".rela.plt" (DT_JMPREL), for messages
 * @param offset      r_offset: image-relative address of the patched word
 * @param type        the raw relocation type number
 * @param kind        what the board does for that type
 * @param symbolIndex index into the dynamic symbol table (0: none)
 * @param addend      r_addend
 */
record Relocation(String table, int offset, int type, Kind kind, int symbolIndex, int addend) {

    /** The operations of ARTIQ's libdyld (artiq/firmware/libdyld/lib.rs, update_rela / resolve_rela). */
    enum Kind {
        /** Nothing is written. */
        NONE(0, false),
        /** word = base + addend. */
        RELATIVE(4, false),
        /** word = symbol. libdyld ignores the addend for R_RISCV_32, JUMP_SLOT and OR1K 32/GLOB_DAT/JMP_SLOT. */
        ABSOLUTE(4, true),
        /** auipc+jalr pair = symbol + addend - place. */
        CALL_PLT(8, true),
        /** auipc = symbol + addend - place (the symbol's own address, not a GOT entry). */
        GOT_HI20(4, true),
        /** The paired lo12 instruction, rewritten to an addi (see {@link Relocator}). */
        PCREL_LO12_I(4, true);

        final int width;
        final boolean needsSymbol;

        Kind(int width, boolean needsSymbol) {
            this.width = width;
            this.needsSymbol = needsSymbol;
        }
    }

    /** The board's operation for a relocation type, or null when the board rejects the type. */
    static Kind kindOf(Target.Machine machine, int type) {
        return switch (machine) {
            case RISCV -> switch (type) {
                case 0 -> Kind.NONE;
                case 1, 5 -> Kind.ABSOLUTE;      // R_RISCV_32, R_RISCV_JUMP_SLOT
                case 3 -> Kind.RELATIVE;
                case 19 -> Kind.CALL_PLT;
                case 20 -> Kind.GOT_HI20;
                case 24 -> Kind.PCREL_LO12_I;
                default -> null;
            };
            case OR1K -> switch (type) {
                case 0 -> Kind.NONE;
                case 1, 19, 20 -> Kind.ABSOLUTE; // R_OR1K_32, R_OR1K_GLOB_DAT, R_OR1K_JMP_SLOT
                case 21 -> Kind.RELATIVE;
                default -> null;
            };
        };
    }

    /** The psABI name of a relocation type, e.g. "R_RISCV_JUMP_SLOT", or "R_RISCV_<n>" for others. */
    static String typeName(Target.Machine machine, int type) {
        String name = switch (machine) {
            case RISCV -> switch (type) {
                case 0 -> "NONE";
                case 1 -> "32";
                case 2 -> "64";
                case 3 -> "RELATIVE";
                case 4 -> "COPY";
                case 5 -> "JUMP_SLOT";
                case 6 -> "TLS_DTPMOD32";
                case 8 -> "TLS_DTPREL32";
                case 10 -> "TLS_TPREL32";
                case 19 -> "CALL_PLT";
                case 20 -> "GOT_HI20";
                case 23 -> "PCREL_HI20";
                case 24 -> "PCREL_LO12_I";
                case 58 -> "IRELATIVE";
                default -> Integer.toString(type);
            };
            case OR1K -> switch (type) {
                case 0 -> "NONE";
                case 1 -> "32";
                case 18 -> "COPY";
                case 19 -> "GLOB_DAT";
                case 20 -> "JMP_SLOT";
                case 21 -> "RELATIVE";
                default -> Integer.toString(type);
            };
        };
        return (machine == Target.Machine.RISCV ? "R_RISCV_" : "R_OR1K_") + name;
    }
}
