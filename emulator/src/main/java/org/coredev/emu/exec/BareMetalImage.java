package org.coredev.emu.exec;

import java.util.ArrayList;
import java.util.List;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSegment;
import net.fornwall.jelf.ElfSymbol;
import net.fornwall.jelf.ElfSymbolTableSection;
import org.coredev.emu.EmulatorException;

/**
 * A static ELF executable (ET_EXEC) to be loaded at its own addresses: the loadable segments, the
 * entry point, the symbol table and the machine: little-endian RISC-V (EM_RISCV) or big-endian
 * OpenRISC 1000 (EM_OPENRISC).
 */
public record BareMetalImage(String file, int entry, List<Segment> segments, SymbolTable symbols, int machine) {
    public static final int EM_RISCV = 243, EM_OPENRISC = 92;

    public boolean isOr1k() { return machine == EM_OPENRISC; }

    /** One PT_LOAD segment: file bytes, then zeros up to memSize. */
    public record Segment(int address, byte[] data, int memSize) {
        public long end() { return Integer.toUnsignedLong(address) + memSize; }
    }

    public static BareMetalImage parse(String file, byte[] bytes) throws EmulatorException {
        if (bytes.length < 52 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F')
            throw new EmulatorException(file + ": not an ELF file");
        if (bytes[4] != ElfFile.CLASS_32) throw new EmulatorException(file + ": not a 32-bit ELF (ELFCLASS " + bytes[4] + ")");
        try {
            ElfFile elf = ElfFile.from(bytes);
            int machine = elf.e_machine & 0xffff;
            if (machine != EM_RISCV && machine != EM_OPENRISC)
                throw new EmulatorException("%s: machine %d is neither RISC-V (%d) nor OpenRISC (%d)".formatted(file, machine, EM_RISCV, EM_OPENRISC));
            if (machine == EM_RISCV && bytes[5] != ElfFile.DATA_LSB)
                throw new EmulatorException(file + ": not little-endian; RISC-V images are");
            if (machine == EM_OPENRISC && bytes[5] != ElfFile.DATA_MSB)
                throw new EmulatorException(file + ": not big-endian; OpenRISC images are");
            if (elf.e_type != ElfFile.ET_EXEC)
                throw new EmulatorException("%s: ELF type %d is not an executable (ET_EXEC); kernels (ET_DYN) run with 'coredev run'"
                        .formatted(file, elf.e_type));
            List<Segment> segments = new ArrayList<>();
            for (int i = 0; i < elf.e_phnum; i++) {
                ElfSegment ph = elf.getProgramHeader(i);
                if (ph.p_type != ElfSegment.PT_LOAD || ph.p_memsz == 0) continue;
                if (ph.p_filesz > ph.p_memsz)
                    throw new EmulatorException("%s: segment %d has file size 0x%x above its memory size 0x%x".formatted(file, i, ph.p_filesz, ph.p_memsz));
                if (ph.p_offset < 0 || ph.p_offset + ph.p_filesz > bytes.length)
                    throw new EmulatorException("%s: segment %d (offset 0x%x, size 0x%x) passes the end of the file (0x%x bytes)"
                            .formatted(file, i, ph.p_offset, ph.p_filesz, bytes.length));
                if (ph.p_vaddr + ph.p_memsz > 0x1_0000_0000L)
                    throw new EmulatorException("%s: segment %d at 0x%x passes the end of the 32-bit address space".formatted(file, i, ph.p_vaddr));
                byte[] data = java.util.Arrays.copyOfRange(bytes, (int) ph.p_offset, (int) (ph.p_offset + ph.p_filesz));
                segments.add(new Segment((int) ph.p_vaddr, data, (int) ph.p_memsz));
            }
            if (segments.isEmpty()) throw new EmulatorException(file + ": no loadable segment");
            SymbolTable symbols = new SymbolTable();
            ElfSymbolTableSection table = elf.getSymbolTableSection();
            if (table != null) {
                for (ElfSymbol s : table.symbols) {
                    int type = s.getType();
                    if (s.st_shndx == 0 || type == ElfSymbol.STT_SECTION || type == ElfSymbol.STT_FILE) continue;
                    String name = s.getName();
                    // Mapping symbols ($x, $d, $xrv32i2p1...) and assembler locals name no code.
                    if (name == null || name.startsWith("$") || name.startsWith(".L")) continue;
                    symbols.add(name, (int) s.st_value);
                }
            }
            return new BareMetalImage(file, (int) elf.e_entry, List.copyOf(segments), symbols, machine);
        } catch (EmulatorException e) {
            throw e;
        } catch (RuntimeException e) {
            // jelf reports malformed tables with various unchecked exceptions.
            throw new EmulatorException(file + ": malformed ELF: " + e.getMessage(), e);
        }
    }

    /** Lowest and highest (exclusive) addresses the segments occupy. */
    public long lowest() { return segments.stream().mapToLong(s -> Integer.toUnsignedLong(s.address())).min().orElseThrow(); }
    public long highest() { return segments.stream().mapToLong(Segment::end).max().orElseThrow(); }
}
