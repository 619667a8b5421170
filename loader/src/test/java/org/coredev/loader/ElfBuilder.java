package org.coredev.loader;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes minimal ELF32 shared objects for tests: one PT_LOAD segment from file offset 0, a PT_DYNAMIC
 * and optionally a PT_GNU_EH_FRAME, with .dynstr, .dynsym, .hash, .rela.dyn and .rela.plt tables.
 * Code and data words live at {@link #DATA} and following, so relocation offsets and symbol values
 * are {@code DATA + 4 * i}.
 *
 * <p>Needed because no installed toolchain links OR1K shared objects (or1k-elf-ld: "-shared not
 * supported"), and because lld never leaves CALL_PLT / GOT_HI20 / PCREL_LO12_I as dynamic relocations
 * although the board's libdyld applies them.
 */
public final class ElfBuilder {
    public static final int DATA = 0x1000;
    public static final int EM_RISCV = 243;
    public static final int EM_OPENRISC = 92;

    private record Sym(int nameOffset, int value, int size, int info, int shndx) {
    }

    private record Rela(int offset, int info, int addend) {
    }

    private final int machine;
    private final boolean bigEndian;
    private final int flags;
    private final ByteArrayOutputStream strtab = new ByteArrayOutputStream();
    private final List<Sym> symbols = new ArrayList<>();
    private final List<Rela> rela = new ArrayList<>();
    private final List<Rela> plt = new ArrayList<>();
    private final List<Integer> words = new ArrayList<>();
    private int bss;
    private boolean ehFrameHdr;

    public ElfBuilder(int machine, boolean bigEndian, int flags) {
        this.machine = machine;
        this.bigEndian = bigEndian;
        this.flags = flags;
        strtab.write(0);
        symbols.add(new Sym(0, 0, 0, 0, 0));
    }

    /** A little-endian RISC-V rv32ima (soft-float) image. */
    public static ElfBuilder riscv() {
        return new ElfBuilder(EM_RISCV, false, 0);
    }

    /** A big-endian OR1K image. */
    public static ElfBuilder or1k() {
        return new ElfBuilder(EM_OPENRISC, true, 0);
    }

    /** Sets data word {@code index} (at DATA + 4 * index). */
    public ElfBuilder word(int index, int value) {
        while (words.size() <= index) {
            words.add(0);
        }
        words.set(index, value);
        return this;
    }

    /** Adds a symbol and returns its index. */
    public int symbol(String name, int value, int size, int info, int shndx) {
        int nameOffset = strtab.size();
        strtab.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        strtab.write(0);
        symbols.add(new Sym(nameOffset, value, size, info, shndx));
        return symbols.size() - 1;
    }

    /** A global function defined at {@code value}. */
    public int defined(String name, int value) {
        return symbol(name, value, 4, 0x12, 1);
    }

    /** A global symbol the image imports. */
    public int undefined(String name) {
        return symbol(name, 0, 0, 0x10, 0);
    }

    public ElfBuilder rela(int offset, int type, int symbol, int addend) {
        rela.add(new Rela(offset, symbol << 8 | type, addend));
        return this;
    }

    public ElfBuilder plt(int offset, int type, int symbol, int addend) {
        plt.add(new Rela(offset, symbol << 8 | type, addend));
        return this;
    }

    public ElfBuilder bss(int bytes) {
        this.bss = bytes;
        return this;
    }

    /** Adds a PT_GNU_EH_FRAME with a header whose eh_frame_ptr (pcrel sdata4) points at DATA. */
    public ElfBuilder ehFrameHdr() {
        this.ehFrameHdr = true;
        return this;
    }

    public byte[] build() {
        int phnum = ehFrameHdr ? 3 : 2;
        int at = 52 + 32 * phnum;
        byte[] strings = strtab.toByteArray();
        int strtabAt = at;
        at = align(at + strings.length);
        int symtabAt = at;
        at += 16 * symbols.size();
        int hashAt = at;
        at += 4 * (2 + 1 + symbols.size());
        int relaAt = at;
        at += 12 * rela.size();
        int pltAt = at;
        at += 12 * plt.size();
        int dynamicAt = at;
        int[][] dynamic = {
                {5, strtabAt}, {10, strings.length}, {6, symtabAt}, {11, 16}, {4, hashAt},
                {7, relaAt}, {8, 12 * rela.size()}, {9, 12}, {23, pltAt}, {2, 12 * plt.size()}, {0, 0}};
        at += 8 * dynamic.length;
        int ehAt = at;
        at += 8;
        if (at > DATA) {
            throw new IllegalStateException("tables do not fit below DATA");
        }
        int fileSize = DATA + 4 * words.size();
        byte[] out = new byte[fileSize];

        out[0] = 0x7f;
        out[1] = 'E';
        out[2] = 'L';
        out[3] = 'F';
        out[4] = 1;
        out[5] = (byte) (bigEndian ? 2 : 1);
        out[6] = 1;
        put16(out, 16, 3);          // ET_DYN
        put16(out, 18, machine);
        put32(out, 20, 1);
        put32(out, 28, 52);         // e_phoff
        put32(out, 36, flags);
        put16(out, 40, 52);
        put16(out, 42, 32);
        put16(out, 44, phnum);
        put16(out, 46, 40);

        phdr(out, 0, 1, 0, fileSize, fileSize + bss, 0x1000, 7);
        phdr(out, 1, 2, dynamicAt, 8 * dynamic.length, 8 * dynamic.length, 4, 6);
        if (ehFrameHdr) {
            phdr(out, 2, 0x6474e550, ehAt, 8, 8, 4, 4);
            out[ehAt] = 1;
            out[ehAt + 1] = 0x1b;
            out[ehAt + 2] = (byte) 0xff;
            out[ehAt + 3] = (byte) 0xff;
            put32(out, ehAt + 4, DATA - (ehAt + 4));
        }

        System.arraycopy(strings, 0, out, strtabAt, strings.length);
        for (int i = 0; i < symbols.size(); i++) {
            Sym s = symbols.get(i);
            int p = symtabAt + 16 * i;
            put32(out, p, s.nameOffset());
            put32(out, p + 4, s.value());
            put32(out, p + 8, s.size());
            out[p + 12] = (byte) s.info();
            put16(out, p + 14, s.shndx());
        }
        // One bucket holding the last symbol, each chain entry pointing at the previous symbol.
        put32(out, hashAt, 1);
        put32(out, hashAt + 4, symbols.size());
        put32(out, hashAt + 8, symbols.size() - 1);
        for (int i = 1; i < symbols.size(); i++) {
            put32(out, hashAt + 12 + 4 * i, i - 1);
        }
        writeRelas(out, relaAt, rela);
        writeRelas(out, pltAt, plt);
        for (int i = 0; i < dynamic.length; i++) {
            put32(out, dynamicAt + 8 * i, dynamic[i][0]);
            put32(out, dynamicAt + 8 * i + 4, dynamic[i][1]);
        }
        for (int i = 0; i < words.size(); i++) {
            put32(out, DATA + 4 * i, words.get(i));
        }
        return out;
    }

    private void writeRelas(byte[] out, int at, List<Rela> relas) {
        for (int i = 0; i < relas.size(); i++) {
            put32(out, at + 12 * i, relas.get(i).offset());
            put32(out, at + 12 * i + 4, relas.get(i).info());
            put32(out, at + 12 * i + 8, relas.get(i).addend());
        }
    }

    private void phdr(byte[] out, int index, int type, int offset, int filesz, int memsz, int align, int pflags) {
        int p = 52 + 32 * index;
        put32(out, p, type);
        put32(out, p + 4, offset);
        put32(out, p + 8, offset);   // p_vaddr = p_offset: one segment from 0
        put32(out, p + 12, offset);
        put32(out, p + 16, filesz);
        put32(out, p + 20, memsz);
        put32(out, p + 24, pflags);
        put32(out, p + 28, align);
    }

    private static int align(int value) {
        return (value + 3) & ~3;
    }

    private void put16(byte[] out, int at, int value) {
        if (bigEndian) {
            out[at] = (byte) (value >>> 8);
            out[at + 1] = (byte) value;
        } else {
            out[at] = (byte) value;
            out[at + 1] = (byte) (value >>> 8);
        }
    }

    private void put32(byte[] out, int at, int value) {
        for (int k = 0; k < 4; k++) {
            out[at + k] = (byte) (value >>> (bigEndian ? 24 - 8 * k : 8 * k));
        }
    }
}
