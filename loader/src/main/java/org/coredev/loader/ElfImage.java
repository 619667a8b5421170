package org.coredev.loader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A kernel image read and checked, independent of where it will be placed: ELF header, loadable
 * segments, and the dynamic information (symbols, relocations, unwind table location) the board's
 * dynamic linker uses. Every size and offset is bounds-checked; any defect ends in a
 * {@link LoaderException} naming the file.
 *
 * <p>Like ARTIQ's libdyld, the dynamic tables are read through the program headers and the
 * {@code PT_DYNAMIC} segment of the laid-out image, never through section headers (a kernel image may
 * lack them). Image-relative addresses ("vaddr") become absolute when the {@link Linker} adds a base.
 *
 * <p>The bytes are read here rather than with jelf (which the tests use as an independent reader to
 * cross-check this one): jelf's {@code ElfFile} refuses an image without section headers
 * ({@code e_shnum} 0, "not supported yet") and fails with a NegativeArraySizeException for
 * {@code e_shnum} of 0x8000 or more, although the board never looks at section headers; jelf finds
 * the dynamic tables through section headers where the board uses {@code PT_DYNAMIC}; and it does
 * not bound its reads against hostile offsets, sizes and indexes.
 */
public final class ElfImage {
    /** The board's image slice: KERNELCPU_LAST_ADDRESS - KERNELCPU_PAYLOAD_ADDRESS (libproto_artiq/kernel_proto.rs). */
    public static final long DEFAULT_MAX_SIZE = 0x4fffffffL - 0x45060000L;

    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;
    private static final int DYN_SIZE = 8;
    private static final int SYM_SIZE = 16;
    private static final int RELA_SIZE = 12;
    private static final int ET_DYN = 3;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_GNU_EH_FRAME = 0x6474e550;
    private static final int DT_NULL = 0;
    private static final int DT_PLTRELSZ = 2;
    private static final int DT_HASH = 4;
    private static final int DT_STRTAB = 5;
    private static final int DT_SYMTAB = 6;
    private static final int DT_RELA = 7;
    private static final int DT_RELASZ = 8;
    private static final int DT_RELAENT = 9;
    private static final int DT_STRSZ = 10;
    private static final int DT_SYMENT = 11;
    private static final int DT_REL = 17;
    private static final int DT_JMPREL = 23;
    private static final long MAX_ALIGNMENT = 1 << 20;
    /** Longer names are refused so that a hostile string table cannot make name decoding quadratic. */
    private static final int MAX_NAME_LENGTH = 4096;

    /**
     * A {@code PT_LOAD} program header.
     *
     * @param fileOffset p_offset
     * @param vaddr      p_vaddr, image-relative
     * @param fileSize   p_filesz: bytes copied from the file
     * @param memSize    p_memsz: bytes occupied, the rest zero-filled (.bss)
     * @param alignment  p_align
     * @param flags      p_flags (PF_X 1, PF_W 2, PF_R 4)
     */
    public record Segment(int fileOffset, int vaddr, int fileSize, int memSize, int alignment, int flags) {
    }

    /** An image-relative address range. */
    public record Region(int vaddr, int size) {
    }

    /** An entry of the dynamic symbol table. */
    record DynamicSymbol(String name, int value, int size, int bind, int type, int sectionIndex) {
        static final int SHN_UNDEF = 0;
        static final int SHN_ABS = 0xfff1;

        boolean defined() {
            return sectionIndex != SHN_UNDEF;
        }

        /** libdyld's lookup exports a symbol whose binding has the STB_GLOBAL bit (so not STB_WEAK). */
        boolean exported() {
            return defined() && (bind & 1) != 0 && !name.isEmpty();
        }
    }

    private final String fileName;
    private final Target.Machine machine;
    private final boolean bigEndian;
    private final int flags;
    private final List<Segment> segments;
    private final int alignment;
    private final byte[] memoryImage;
    private final List<DynamicSymbol> symbols;
    private final List<Relocation> rela;
    private final List<Relocation> pltRela;
    private final Optional<Region> ehFrameHdr;
    private final OptionalInt ehFrame;

    /** Reads an image allowed to occupy up to {@link #DEFAULT_MAX_SIZE} bytes. */
    /**
     * The contents of the section named {@code name} of an ELF32 file, read from its section headers
     * (the board never looks at them; coredev's own tables live there); empty if there is no such
     * section or the headers do not hold together.
     */
    public static Optional<byte[]> sectionNamed(byte[] elf, String name) {
        try {
            if (elf.length < 52 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F' || elf[4] != 1)
                return Optional.empty();
            boolean big = elf[5] == 2;
            int shoff = word(elf, 32, big), shentsize = half(elf, 46, big), shnum = half(elf, 48, big), shstrndx = half(elf, 50, big);
            if (shoff == 0 || shstrndx >= shnum) return Optional.empty();
            int strOff = word(elf, shoff + shstrndx * shentsize + 16, big);
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < shnum; k++) {
                int sh = shoff + k * shentsize;
                int nameAt = strOff + word(elf, sh, big);
                if (!java.util.Arrays.equals(elf, nameAt, nameAt + wanted.length, wanted, 0, wanted.length)
                        || elf[nameAt + wanted.length] != 0) continue;
                int offset = word(elf, sh + 16, big), size = word(elf, sh + 20, big);
                if (offset < 0 || size < 0 || (long) offset + size > elf.length) return Optional.empty();
                return Optional.of(java.util.Arrays.copyOfRange(elf, offset, offset + size));
            }
        } catch (IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static int word(byte[] b, int at, boolean big) {
        return big ? (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff)
                : (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static int half(byte[] b, int at, boolean big) {
        return big ? (b[at] & 0xff) << 8 | (b[at + 1] & 0xff) : (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    public static ElfImage read(String fileName, byte[] bytes) {
        return read(fileName, bytes, DEFAULT_MAX_SIZE);
    }

    /**
     * Reads and checks an image.
     *
     * @param fileName      named in every error message
     * @param bytes         the ELF file
     * @param maxMemorySize the image's laid-out size (highest p_vaddr + p_memsz) may not exceed this
     */
    public static ElfImage read(String fileName, byte[] bytes, long maxMemorySize) {
        return new Reader(fileName, bytes, maxMemorySize).read();
    }

    private ElfImage(Reader r) {
        this.fileName = r.fileName;
        this.machine = r.machine;
        this.bigEndian = r.bigEndian;
        this.flags = r.flags;
        this.segments = List.copyOf(r.segments);
        this.alignment = r.alignment;
        this.memoryImage = r.memory;
        this.symbols = List.copyOf(r.symbols);
        this.rela = List.copyOf(r.rela);
        this.pltRela = List.copyOf(r.pltRela);
        this.ehFrameHdr = r.ehFrameHdr;
        this.ehFrame = r.ehFrame;
    }

    /**
     * Refuses the image unless it was built for {@code target}: same machine, byte order and (RISC-V)
     * exactly the flags the board's libdyld expects, so an rv32g image is refused on an rv32ima device.
     */
    public void requireTarget(Target target) {
        if (machine != target.machine()) {
            throw error("built for %s (e_machine %d) but the device runs %s (%s, e_machine %d)",
                    machine.displayName(), machine.number(), target.displayName(),
                    target.machine().displayName(), target.machine().number());
        }
        if (bigEndian != target.bigEndian()) {
            throw error("%s-endian image but %s is %s-endian", bigEndian ? "big" : "little",
                    target.displayName(), target.bigEndian() ? "big" : "little");
        }
        if (target.requiredFlags() >= 0 && flags != target.requiredFlags()) {
            throw error("built for %s but the device runs %s", describeRiscvFlags(flags), target.describe());
        }
    }

    private static String describeRiscvFlags(int flags) {
        for (Target t : Target.values()) {
            if (t.machine() == Target.Machine.RISCV && t.requiredFlags() == flags) {
                return t.describe();
            }
        }
        String abi = switch (flags & 6) {
            case 0 -> "soft-float ABI";
            case 2 -> "single-float ABI";
            case 4 -> "double-float ABI";
            default -> "quad-float ABI";
        };
        return "%s%s (e_flags 0x%x)".formatted(abi, (flags & 1) != 0 ? ", compressed instructions" : "", flags);
    }

    /** The file name given when reading. */
    public String fileName() {
        return fileName;
    }

    /** The ELF machine. */
    public Target.Machine machine() {
        return machine;
    }

    /** True when the image is big-endian (OR1K). */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** e_flags. */
    public int flags() {
        return flags;
    }

    /** The loadable segments in address order. */
    public List<Segment> segments() {
        return segments;
    }

    /** Bytes the laid-out image occupies from vaddr 0: the highest p_vaddr + p_memsz. */
    public int size() {
        return memoryImage.length;
    }

    /** The largest p_align of the loadable segments (at least 4): the base address must be a multiple. */
    public int alignment() {
        return alignment;
    }

    /** The {@code .eh_frame_hdr} (PT_GNU_EH_FRAME), image-relative, if present. */
    public Optional<Region> ehFrameHdr() {
        return ehFrameHdr;
    }

    /** The image-relative {@code .eh_frame} address that {@code .eh_frame_hdr} points to, if decodable. */
    public OptionalInt ehFrame() {
        return ehFrame;
    }

    /** A fresh copy of the laid-out image: segments at their vaddr, gaps and .bss zero-filled. */
    byte[] memoryImageCopy() {
        return memoryImage.clone();
    }

    List<DynamicSymbol> symbols() {
        return symbols;
    }

    /** The names the image imports (undefined dynamic symbols), sorted. */
    public java.util.SortedSet<String> imports() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (DynamicSymbol s : symbols) if (!s.defined() && !s.name().isEmpty()) out.add(s.name());
        return out;
    }

    /** The names the image exports (defined global dynamic symbols), sorted. */
    public java.util.SortedSet<String> exports() {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (DynamicSymbol s : symbols) if (s.exported()) out.add(s.name());
        return out;
    }

    List<Relocation> rela() {
        return rela;
    }

    List<Relocation> pltRela() {
        return pltRela;
    }

    LoaderException error(String format, Object... args) {
        return new LoaderException(fileName + ": " + format.formatted(args));
    }

    /** One parse, kept out of the immutable image so that fields are assigned in one place. */
    private static final class Reader {
        final String fileName;
        final byte[] bytes;
        final long maxMemorySize;
        Target.Machine machine;
        boolean bigEndian;
        int flags;
        final List<Segment> segments = new ArrayList<>();
        int alignment = 4;
        byte[] memory;
        long dynamicVaddr = -1;
        long dynamicSize;
        long ehFrameHdrVaddr = -1;
        long ehFrameHdrSize;
        final List<DynamicSymbol> symbols = new ArrayList<>();
        final List<Relocation> rela = new ArrayList<>();
        final List<Relocation> pltRela = new ArrayList<>();
        Optional<Region> ehFrameHdr = Optional.empty();
        OptionalInt ehFrame = OptionalInt.empty();

        Reader(String fileName, byte[] bytes, long maxMemorySize) {
            this.fileName = fileName;
            this.bytes = bytes;
            this.maxMemorySize = maxMemorySize;
        }

        LoaderException error(String format, Object... args) {
            return new LoaderException(fileName + ": " + format.formatted(args));
        }

        ElfImage read() {
            readIdentification();
            readHeader();
            readProgramHeaders();
            layOut();
            readDynamic();
            readEhFrameHdr();
            return new ElfImage(this);
        }

        /** e_ident, checked byte by byte as libdyld's is_elf_for_current_arch compares it whole. */
        private void readIdentification() {
            if (bytes.length < 16) {
                throw error("truncated: %d bytes, too short for an ELF identification (16 bytes)", bytes.length);
            }
            if (bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
                throw error("not an ELF file (magic %02x %02x %02x %02x, expected 7f 45 4c 46)",
                        bytes[0], bytes[1], bytes[2], bytes[3]);
            }
            if (bytes[4] != 1) {
                throw error("not a 32-bit ELF file (EI_CLASS %d, expected ELFCLASS32 1)", bytes[4]);
            }
            if (bytes[5] != 1 && bytes[5] != 2) {
                throw error("unknown byte order (EI_DATA %d)", bytes[5]);
            }
            bigEndian = bytes[5] == 2;
            if (bytes[6] != 1) {
                throw error("unknown ELF version (EI_VERSION %d, expected 1)", bytes[6]);
            }
            if (bytes[7] != 0 || bytes[8] != 0) {
                throw error("OS ABI %d version %d, the board accepts only ELFOSABI_NONE 0 version 0",
                        bytes[7], bytes[8]);
            }
            for (int i = 9; i < 16; i++) {
                if (bytes[i] != 0) {
                    throw error("nonzero padding in e_ident at offset %d", i);
                }
            }
            if (bytes.length < EHDR_SIZE) {
                throw error("truncated: %d bytes, too short for an ELF32 header (%d bytes)", bytes.length, EHDR_SIZE);
            }
        }

        private int half(long offset) {
            return Bytes.u16(bytes, offset, bigEndian);
        }

        private long fileWord(long offset) {
            return Bytes.u32(bytes, offset, bigEndian);
        }

        private void readHeader() {
            int type = half(16);
            if (type != ET_DYN) {
                throw error("not a shared object (e_type %d, expected ET_DYN 3)", type);
            }
            int machineNumber = half(18);
            machine = switch (machineNumber) {
                case 243 -> Target.Machine.RISCV;
                case 92 -> Target.Machine.OR1K;
                default -> throw error("unsupported machine (e_machine %d; expected RISC-V 243 or OpenRISC 92)",
                        machineNumber);
            };
            flags = (int) fileWord(36);
        }

        private void readProgramHeaders() {
            long phoff = fileWord(28);
            int phentsize = half(42);
            int phnum = half(44);
            if (phnum == 0) {
                throw error("no program headers (e_phnum 0)");
            }
            if (phentsize != PHDR_SIZE) {
                throw error("program header size %d (e_phentsize), expected %d", phentsize, PHDR_SIZE);
            }
            if (phoff + (long) phnum * PHDR_SIZE > bytes.length) {
                throw error("program headers at 0x%x..0x%x run past the end of the file (%d bytes)",
                        phoff, phoff + (long) phnum * PHDR_SIZE, bytes.length);
            }
            for (int i = 0; i < phnum; i++) {
                long at = phoff + (long) i * PHDR_SIZE;
                int type = (int) fileWord(at);
                long offset = fileWord(at + 4);
                long vaddr = fileWord(at + 8);
                long filesz = fileWord(at + 16);
                long memsz = fileWord(at + 20);
                int segmentFlags = (int) fileWord(at + 24);
                long align = fileWord(at + 28);
                switch (type) {
                    case PT_LOAD -> addLoadSegment(i, offset, vaddr, filesz, memsz, align, segmentFlags);
                    case PT_DYNAMIC -> {
                        if (dynamicVaddr >= 0) {
                            throw error("program header %d: a second PT_DYNAMIC", i);
                        }
                        dynamicVaddr = vaddr;
                        dynamicSize = memsz;
                    }
                    case PT_GNU_EH_FRAME -> {
                        ehFrameHdrVaddr = vaddr;
                        ehFrameHdrSize = memsz;
                    }
                    default -> {
                        // PT_PHDR, PT_GNU_STACK, PT_GNU_RELRO, ...: the board ignores them.
                    }
                }
            }
            if (segments.isEmpty()) {
                throw error("no loadable segment (PT_LOAD)");
            }
            if (dynamicVaddr < 0) {
                throw error("no dynamic segment (PT_DYNAMIC)");
            }
        }

        private void addLoadSegment(int index, long offset, long vaddr, long filesz, long memsz, long align,
                                    int segmentFlags) {
            if (filesz > memsz) {
                throw error("segment %d: p_filesz 0x%x is larger than p_memsz 0x%x", index, filesz, memsz);
            }
            if (offset + filesz > bytes.length) {
                throw error("segment %d: file bytes 0x%x..0x%x run past the end of the file (%d bytes)",
                        index, offset, offset + filesz, bytes.length);
            }
            if (vaddr + memsz > maxMemorySize) {
                throw error("segment %d: 0x%x..0x%x does not fit in memory (0x%x bytes available)",
                        index, vaddr, vaddr + memsz, maxMemorySize);
            }
            if (align > 1 && (align & (align - 1)) != 0) {
                throw error("segment %d: alignment 0x%x is not a power of two", index, align);
            }
            if (align > MAX_ALIGNMENT) {
                throw error("segment %d: alignment 0x%x is larger than 0x%x", index, align, MAX_ALIGNMENT);
            }
            alignment = (int) Math.max(alignment, align);
            segments.add(new Segment((int) offset, (int) vaddr, (int) filesz, (int) memsz, (int) align, segmentFlags));
        }

        /** Checks segments do not overlap, then copies them to a zero-filled image (zero .bss). */
        private void layOut() {
            segments.sort(Comparator.comparingLong(s -> Integer.toUnsignedLong(s.vaddr())));
            long end = 0;
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                long start = Integer.toUnsignedLong(s.vaddr());
                if (i > 0 && start < end) {
                    throw error("loadable segments overlap at 0x%x", start);
                }
                end = start + Integer.toUnsignedLong(s.memSize());
            }
            // vaddr + memsz <= maxMemorySize was checked per segment, and maxMemorySize fits an int array.
            if (end > Integer.MAX_VALUE - 8) {
                throw error("image of 0x%x bytes is too large", end);
            }
            memory = new byte[(int) end];
            for (Segment s : segments) {
                System.arraycopy(bytes, s.fileOffset(), memory, s.vaddr(), s.fileSize());
            }
        }

        private void requireInImage(String what, long vaddr, long size) {
            if (vaddr + size > memory.length) {
                throw error("%s at 0x%x..0x%x lies outside the image (0x%x bytes)", what, vaddr, vaddr + size,
                        memory.length);
            }
        }

        private long word(long vaddr) {
            return Bytes.u32(memory, vaddr, bigEndian);
        }

        /** Walks PT_DYNAMIC in the laid-out image as libdyld's Library::load does. */
        private void readDynamic() {
            requireInImage("dynamic segment (PT_DYNAMIC)", dynamicVaddr, dynamicSize);
            long strtab = -1, strsz = -1, symtab = -1, syment = -1, hash = -1;
            long relaAt = 0, relaSize = 0, relaEnt = 0, pltAt = 0, pltSize = 0;
            boolean terminated = false;
            for (long at = dynamicVaddr; at + DYN_SIZE <= dynamicVaddr + dynamicSize; at += DYN_SIZE) {
                long tag = word(at);
                long value = word(at + 4);
                if (tag == DT_NULL) {
                    terminated = true;
                    break;
                }
                switch ((int) tag) {
                    case DT_REL -> throw error("relocations with implicit addend (DT_REL) are not supported");
                    case DT_STRTAB -> strtab = value;
                    case DT_STRSZ -> strsz = value;
                    case DT_SYMTAB -> symtab = value;
                    case DT_SYMENT -> syment = value;
                    case DT_RELA -> relaAt = value;
                    case DT_RELASZ -> relaSize = value;
                    case DT_RELAENT -> relaEnt = value;
                    case DT_JMPREL -> pltAt = value;
                    case DT_PLTRELSZ -> pltSize = value;
                    case DT_HASH -> hash = value;
                    default -> {
                        // Other tags (DT_GNU_HASH, DT_PLTGOT, DT_RELACOUNT, ...) are not used by the board.
                    }
                }
            }
            if (!terminated) {
                throw error("dynamic section at 0x%x has no DT_NULL entry within its 0x%x bytes",
                        dynamicVaddr, dynamicSize);
            }
            if (syment != SYM_SIZE) {
                throw error("symbol entry size DT_SYMENT %d, expected %d", syment, SYM_SIZE);
            }
            if (relaEnt != 0 && relaEnt != RELA_SIZE) {
                throw error("relocation entry size DT_RELAENT %d, expected %d", relaEnt, RELA_SIZE);
            }
            if (symtab < 0 || strtab < 0 || strsz < 0) {
                throw error("dynamic section lacks DT_SYMTAB, DT_STRTAB or DT_STRSZ");
            }
            if (hash < 0) {
                // libdyld sizes the symbol table by the DT_HASH chain count (link with --hash-style=sysv or both).
                throw error("no DT_HASH table, so the size of the symbol table is unknown");
            }
            requireInImage("hash table header (DT_HASH)", hash, 8);
            long nbucket = word(hash);
            long nchain = word(hash + 4);
            requireInImage("hash table (DT_HASH)", hash, 8 + 4 * (nbucket + nchain));
            requireInImage("string table (DT_STRTAB)", strtab, strsz);
            requireInImage("symbol table (DT_SYMTAB)", symtab, nchain * SYM_SIZE);
            readSymbols(symtab, (int) nchain, strtab, (int) strsz);
            readRelocations(".rela.dyn", relaAt, relaSize, "DT_RELASZ", rela);
            readRelocations(".rela.plt", pltAt, pltSize, "DT_PLTRELSZ", pltRela);
        }

        private void readSymbols(long symtab, int count, long strtab, int strsz) {
            Map<Long, String> names = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long at = symtab + (long) i * SYM_SIZE;
                long nameOffset = word(at);
                String name = names.get(nameOffset);
                if (name == null) {
                    name = readName(i, strtab, strsz, nameOffset);
                    names.put(nameOffset, name);
                }
                int value = (int) word(at + 4);
                int size = (int) word(at + 8);
                int info = Bytes.u8(memory, at + 12);
                int shndx = Bytes.u16(memory, at + 14, bigEndian);
                symbols.add(new DynamicSymbol(name, value, size, info >>> 4, info & 0xf, shndx));
            }
        }

        private String readName(int symbol, long strtab, int strsz, long nameOffset) {
            if (nameOffset >= strsz) {
                throw error("symbol #%d: name offset 0x%x is past the string table (DT_STRSZ 0x%x)",
                        symbol, nameOffset, strsz);
            }
            int from = (int) (strtab + nameOffset);
            int limit = (int) Math.min(strtab + strsz, from + (long) MAX_NAME_LENGTH + 1);
            for (int i = from; i < limit; i++) {
                if (memory[i] == 0) {
                    return new String(memory, from, i - from, StandardCharsets.ISO_8859_1);
                }
            }
            throw error("symbol #%d: name at string table offset 0x%x is not NUL-terminated within %s",
                    symbol, nameOffset, limit - from > MAX_NAME_LENGTH ? MAX_NAME_LENGTH + " bytes" : "DT_STRSZ");
        }

        private void readRelocations(String table, long at, long size, String sizeTag, List<Relocation> out) {
            if (size % RELA_SIZE != 0) {
                throw error("%s size %s %d is not a multiple of %d", table, sizeTag, size, RELA_SIZE);
            }
            requireInImage(table, at, size);
            for (long entry = at; entry < at + size; entry += RELA_SIZE) {
                int offset = (int) word(entry);
                int info = (int) word(entry + 4);
                int addend = (int) word(entry + 8);
                int type = info & 0xff;
                int symbolIndex = info >>> 8;
                String typeName = Relocation.typeName(machine, type);
                if (symbolIndex >= symbols.size()) {
                    throw error("%s at offset 0x%x (%s) refers to symbol #%d, but the symbol table has %d entries",
                            table, offset, typeName, symbolIndex, symbols.size());
                }
                String symbolName = symbolIndex == 0 ? "(none)" : "'" + symbols.get(symbolIndex).name() + "'";
                Relocation.Kind kind = Relocation.kindOf(machine, type);
                if (kind == null) {
                    throw error("unsupported relocation type %s (%d) at offset 0x%x, symbol %s",
                            typeName, type, offset, symbolName);
                }
                if (kind.needsSymbol && symbolIndex == 0) {
                    throw error("%s at offset 0x%x needs a symbol but has none", typeName, offset);
                }
                if (Integer.toUnsignedLong(offset) + kind.width > memory.length) {
                    throw error("%s at offset 0x%x (symbol %s) patches 0x%x..0x%x, outside the image (0x%x bytes)",
                            typeName, offset, symbolName, offset, Integer.toUnsignedLong(offset) + kind.width,
                            memory.length);
                }
                out.add(new Relocation(table, offset, type, kind, symbolIndex, addend));
            }
        }

        /**
         * Locates .eh_frame_hdr and decodes its eh_frame_ptr (LSB "Exception Frame Header"): version 1,
         * then the pointer's DW_EH_PE encoding; lld writes pc-relative signed 4-byte (0x1b).
         */
        private void readEhFrameHdr() {
            if (ehFrameHdrVaddr < 0) {
                return;
            }
            requireInImage(".eh_frame_hdr (PT_GNU_EH_FRAME)", ehFrameHdrVaddr, ehFrameHdrSize);
            ehFrameHdr = Optional.of(new Region((int) ehFrameHdrVaddr, (int) ehFrameHdrSize));
            if (ehFrameHdrSize < 8 || Bytes.u8(memory, ehFrameHdrVaddr) != 1) {
                return;
            }
            int encoding = Bytes.u8(memory, ehFrameHdrVaddr + 1);
            int value = Bytes.i32(memory, ehFrameHdrVaddr + 4, bigEndian);
            switch (encoding) {
                case 0x1b -> ehFrame = OptionalInt.of((int) (ehFrameHdrVaddr + 4) + value); // pcrel | sdata4
                case 0x00, 0x03, 0x0b -> ehFrame = OptionalInt.of(value);                   // absptr, udata4, sdata4
                default -> {
                    // Other encodings are not produced by lld or GNU ld for 32-bit targets.
                }
            }
        }
    }
}
