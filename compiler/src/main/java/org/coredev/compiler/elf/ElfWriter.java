package org.coredev.compiler.elf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.coredev.compiler.Target;
import org.coredev.compiler.ir.DataObject;
import org.coredev.compiler.backend.CodeBuffer;
import org.coredev.compiler.backend.Fixup;
import org.coredev.compiler.backend.FunctionCode;
import org.coredev.compiler.backend.MachineCode;
import org.coredev.compiler.or1k.Or1kAsm;
import org.coredev.compiler.rv32.Asm;

/**
 * Writes a kernel image the way {@code ld.lld -shared --eh-frame-hdr} lays one out for the board:
 * an ELF32 ET_DYN (RISC-V little-endian, or OpenRISC big-endian) with three PT_LOAD segments
 * (read-only headers, dynamic tables, .rodata and unwind tables; .text; .dynamic, .got and .data),
 * PT_DYNAMIC and PT_GNU_EH_FRAME. Addresses inside the image are resolved here (pc-relative code
 * needs no relocation); what depends on the load address uses only relocations the board's libdyld
 * applies: R_RISCV_RELATIVE / R_OR1K_RELATIVE for pointers in .data/.rodata, R_RISCV_32 /
 * R_OR1K_32 for the GOT slot of each import (functions and the `now` CSR).
 * A non-allocated section {@code .coredev.rpc} lists the RPC services ("1 print" per line),
 * {@code .coredev.exceptions} the ids of the program's own exception classes ("23 MyError").
 */
public final class ElfWriter {
    private static final int PAGE = 0x1000;
    private static final int R_RISCV_32 = 1, R_RISCV_RELATIVE = 3, R_OR1K_32 = 1, R_OR1K_RELATIVE = 21;
    /** The personality routine the CIE of functions with handlers names (eh_artiq.rs). */
    private static final String PERSONALITY = "__artiq_personality";
    /** Section header index of .text (the symbols' st_shndx). */
    private static final int TEXT_SECTION = 9;
    private static final int DATA_SECTION = 12;
    /** Name of the section that records RPC service numbers. */
    public static final String RPC_SECTION = ".coredev.rpc";
    /** Name of the section that names the ids of the program's exception classes. */
    public static final String EXCEPTIONS_SECTION = ".coredev.exceptions";

    private ElfWriter() {}

    private record Sym(String name, int value, int size, int info, int shndx) { }
    private record Section(String name, int type, int flags, int addr, byte[] data, int link, int info, int align, int entsize) { }

    public static byte[] write(Target target, MachineCode code, List<DataObject> data, Map<Integer, String> rpcServices,
                               Map<Integer, String> exceptionNames) {
        return write(target, code, data, rpcServices, exceptionNames, null);
    }

    /**
     * As {@link #write(Target, MachineCode, List, Map, Map)}, for a bundle: {@code layout} makes its
     * manifest (section {@link org.coredev.loader.BundleLayout#SECTION}) from the image-relative
     * addresses of the image's symbols (data objects and functions by name).
     */
    public static byte[] write(Target target, MachineCode code, List<DataObject> data, Map<Integer, String> rpcServices,
                               Map<Integer, String> exceptionNames,
                               java.util.function.Function<Map<String, Integer>, org.coredev.loader.BundleLayout> layout) {
        boolean be = target.bigEndian();
        int relAbsolute = target == Target.OR1K ? R_OR1K_32 : R_RISCV_32;
        int relRelative = target == Target.OR1K ? R_OR1K_RELATIVE : R_RISCV_RELATIVE;
        // Imports, in name order.
        TreeSet<String> imports = new TreeSet<>();
        for (Fixup f : code.fixups()) if (f.kind() == Fixup.Kind.GOT_LOAD) imports.add(f.symbol());
        boolean handlers = code.functions().stream().anyMatch(f -> !f.callSites().isEmpty());
        if (handlers) imports.add(PERSONALITY);
        List<String> importList = new ArrayList<>(imports);

        // Symbol table: null, local functions, then globals (imports, exported functions).
        List<FunctionCode> locals = code.functions().stream().filter(f -> !f.exported()).toList();
        List<FunctionCode> exported = code.functions().stream().filter(FunctionCode::exported).toList();
        // A bundle exports its module variables' cells too: kernels linked later reach them there.
        List<DataObject> exportedData = layout == null ? List.of()
                : data.stream().filter(d -> d.writable() && d.name().startsWith("global.")).toList();
        int nsyms = 1 + locals.size() + importList.size() + exported.size() + exportedData.size();
        int firstGlobal = 1 + locals.size();

        Bytes dynstr = new Bytes(be).u8(0);
        Map<String, Integer> nameOffsets = new LinkedHashMap<>();
        List<String> symNames = new ArrayList<>();
        symNames.add("");
        for (FunctionCode f : locals) symNames.add(f.name());
        symNames.addAll(importList);
        for (FunctionCode f : exported) symNames.add(f.name());
        for (DataObject d : exportedData) symNames.add(d.name());
        for (String n : symNames.subList(1, symNames.size())) {
            nameOffsets.put(n, dynstr.size());
            dynstr.bytes(n.getBytes(StandardCharsets.UTF_8)).u8(0);
        }
        byte[] dynstrBytes = dynstr.toArray();
        byte[] hash = sysvHash(symNames, be);

        // Data objects.
        List<DataObject> ro = data.stream().filter(d -> !d.writable()).toList();
        List<DataObject> rw = data.stream().filter(DataObject::writable).toList();
        int relaCount = importList.size();
        for (DataObject d : data) relaCount += d.pointers().size();
        int functionCount = code.functions().size();

        // ---- layout ------------------------------------------------------------------------
        int phnum = 5;
        int off = 52 + 32 * phnum;
        int hashAddr = align(off, 4); off = hashAddr + hash.length;
        int dynsymAddr = align(off, 4); off = dynsymAddr + 16 * nsyms;
        int dynstrAddr = off; off += dynstrBytes.length;
        int relaAddr = align(off, 4); off = relaAddr + 12 * relaCount;
        int rodataAddr = align(off, 8);
        Map<String, Integer> symbols = new LinkedHashMap<>();
        off = rodataAddr;
        for (DataObject d : ro) { off = align(off, d.align()); symbols.put(d.name(), off); off += d.bytes().length; }
        int rodataEnd = off;
        // .gcc_except_table: one LSDA per function with handlers.
        int lsdaStart = align(off, 4);
        off = lsdaStart;
        int[] lsdaAddr = new int[functionCount];
        Bytes lsdaBytes = new Bytes(be);
        for (int k = 0; k < functionCount; k++) {
            FunctionCode f = code.functions().get(k);
            if (f.callSites().isEmpty()) continue;
            lsdaBytes.align(4);
            lsdaAddr[k] = lsdaStart + lsdaBytes.size();
            lsdaBytes.bytes(target.namedExceptions() ? EhFrameWriter.typedLsda(f, lsdaAddr[k], symbols, be) : EhFrameWriter.lsda(f));
        }
        byte[] gccExceptTable = lsdaBytes.toArray();
        off = lsdaStart + gccExceptTable.length;
        int hdrAddr = align(off, 4); off = hdrAddr + EhFrameWriter.headerSize(functionCount);
        int ehAddr = align(off, 4);
        int ehFrameSize = EhFrameWriter.ehFrame(target, 0, 0, code.functions(), new int[functionCount], lsdaAddr, handlers ? 1 : 0).length;
        int textAddr = align(ehAddr + ehFrameSize, PAGE);
        int seg1End = ehAddr + ehFrameSize;
        for (FunctionCode f : code.functions()) symbols.put(f.name(), textAddr + f.offset());
        int textEnd = textAddr + code.text().length;
        int dynamicAddr = align(textEnd, PAGE);
        int dynCount = 9;
        int gotAddr = dynamicAddr + 8 * dynCount;
        Map<String, Integer> gotSlots = new LinkedHashMap<>();
        for (int k = 0; k < importList.size(); k++) gotSlots.put(importList.get(k), gotAddr + 4 * k);
        off = gotAddr + 4 * importList.size();
        int dataAddr = align(off, 8);
        off = dataAddr;
        for (DataObject d : rw) { off = align(off, d.align()); symbols.put(d.name(), off); off += d.bytes().length; }
        int dataEnd = off;
        int[] fdeOffsets = new int[functionCount];
        byte[] ehFrame = EhFrameWriter.ehFrame(target, ehAddr, textAddr, code.functions(), fdeOffsets, lsdaAddr,
                handlers ? gotSlots.get(PERSONALITY) : 0);
        byte[] ehHdr = EhFrameWriter.header(target, hdrAddr, ehAddr, textAddr, code.functions(), fdeOffsets);

        // ---- contents ----------------------------------------------------------------------
        byte[] text = code.text().clone();
        for (Fixup f : code.fixups()) {
            int to = f.kind() == Fixup.Kind.GOT_LOAD ? gotSlots.get(f.symbol()) : symbol(symbols, f.symbol());
            if (target == Target.OR1K) Or1kAsm.patch(text, f, to - (textAddr + f.offset()));
            else Asm.patch(text, f, to - (textAddr + f.offset()));
        }
        byte[] rodata = new byte[rodataEnd - rodataAddr];
        byte[] dataBytes = new byte[dataEnd - dataAddr];
        Bytes rela = new Bytes(be);
        for (DataObject d : data) {
            int base = symbols.get(d.name());
            byte[] into = d.writable() ? dataBytes : rodata;
            int sectionAddr = d.writable() ? dataAddr : rodataAddr;
            System.arraycopy(d.bytes(), 0, into, base - sectionAddr, d.bytes().length);
            for (DataObject.Pointer p : d.pointers()) {
                int value = symbol(symbols, p.symbol());
                CodeBuffer.writeWord(into, base - sectionAddr + p.offset(), value, be);
                rela.u32(base + p.offset()).u32(relRelative).u32(value);
            }
        }
        for (int k = 0; k < importList.size(); k++)
            rela.u32(gotAddr + 4 * k).u32((firstGlobal + k) << 8 | relAbsolute).u32(0);

        Bytes dynsym = new Bytes(be);
        dynsym.u32(0).u32(0).u32(0).u8(0).u8(0).u16(0);
        for (FunctionCode f : locals)
            sym(dynsym, nameOffsets.get(f.name()), textAddr + f.offset(), f.size(), 0 << 4 | 2, TEXT_SECTION);
        for (String i : importList) sym(dynsym, nameOffsets.get(i), 0, 0, 1 << 4, 0);
        for (FunctionCode f : exported)
            sym(dynsym, nameOffsets.get(f.name()), textAddr + f.offset(), f.size(), 1 << 4 | 2, TEXT_SECTION);
        for (DataObject d : exportedData)
            sym(dynsym, nameOffsets.get(d.name()), symbols.get(d.name()), d.bytes().length, 1 << 4 | 1, DATA_SECTION);

        Bytes dynamic = new Bytes(be);
        dynamic.u32(4).u32(hashAddr).u32(5).u32(dynstrAddr).u32(6).u32(dynsymAddr).u32(10).u32(dynstrBytes.length)
                .u32(11).u32(16).u32(7).u32(relaAddr).u32(8).u32(12 * relaCount).u32(9).u32(12).u32(0).u32(0);

        Bytes got = new Bytes(be);
        for (int k = 0; k < importList.size(); k++) got.u32(0);

        StringBuilder rpc = new StringBuilder();
        rpcServices.forEach((n, name) -> rpc.append(n).append(' ').append(name).append('\n'));
        StringBuilder exceptions = new StringBuilder();
        exceptionNames.forEach((n, name) -> exceptions.append(n).append(' ').append(name).append('\n'));

        List<Section> sections = new ArrayList<>(List.of(
                new Section(".hash", 5, 2, hashAddr, hash, 2, 0, 4, 4),
                new Section(".dynsym", 11, 2, dynsymAddr, dynsym.toArray(), 3, firstGlobal, 4, 16),
                new Section(".dynstr", 3, 2, dynstrAddr, dynstrBytes, 0, 0, 1, 0),
                new Section(".rela.dyn", 4, 2, relaAddr, rela.toArray(), 2, 0, 4, 12),
                new Section(".rodata", 1, 2, rodataAddr, rodata, 0, 0, 8, 0),
                new Section(".gcc_except_table", 1, 2, lsdaStart, gccExceptTable, 0, 0, 4, 0),
                new Section(".eh_frame_hdr", 1, 2, hdrAddr, ehHdr, 0, 0, 4, 0),
                new Section(".eh_frame", 1, 2, ehAddr, ehFrame, 0, 0, 4, 0),
                new Section(".text", 1, 6, textAddr, text, 0, 0, 4, 0),
                new Section(".dynamic", 6, 3, dynamicAddr, dynamic.toArray(), 3, 0, 4, 8),
                new Section(".got", 1, 3, gotAddr, got.toArray(), 0, 0, 4, 4),
                new Section(".data", 1, 3, dataAddr, dataBytes, 0, 0, 8, 0),
                new Section(RPC_SECTION, 1, 0, 0, rpc.toString().getBytes(StandardCharsets.UTF_8), 0, 0, 1, 0),
                new Section(EXCEPTIONS_SECTION, 1, 0, 0, exceptions.toString().getBytes(StandardCharsets.UTF_8), 0, 0, 1, 0)));
        if (layout != null)
            sections.add(new Section(org.coredev.loader.BundleLayout.SECTION, 1, 0, 0,
                    layout.apply(java.util.Collections.unmodifiableMap(symbols)).format().getBytes(StandardCharsets.UTF_8), 0, 0, 1, 0));

        if (!sections.get(TEXT_SECTION - 1).name().equals(".text") || !sections.get(DATA_SECTION - 1).name().equals(".data"))
            throw new IllegalStateException("section order");
        // ---- file --------------------------------------------------------------------------
        Bytes shstr = new Bytes(be).u8(0);
        int[] nameIndex = new int[sections.size() + 1];
        for (int k = 0; k < sections.size(); k++) {
            nameIndex[k] = shstr.size();
            shstr.bytes(sections.get(k).name().getBytes(StandardCharsets.UTF_8)).u8(0);
        }
        nameIndex[sections.size()] = shstr.size();
        shstr.bytes(".shstrtab\0".getBytes(StandardCharsets.UTF_8));

        byte[] image = new byte[dataEnd];
        for (Section s : sections) if ((s.flags() & 2) != 0) System.arraycopy(s.data(), 0, image, s.addr(), s.data().length);
        Bytes file = new Bytes(be).bytes(image);
        int[] fileOffset = new int[sections.size() + 1];
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            if ((s.flags() & 2) != 0) fileOffset[k] = s.addr();
            else { fileOffset[k] = file.size(); file.bytes(s.data()); }
        }
        fileOffset[sections.size()] = file.size();
        byte[] shstrBytes = shstr.toArray();
        file.bytes(shstrBytes).align(4);
        int shoff = file.size();
        file.u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0);
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            file.u32(nameIndex[k]).u32(s.type()).u32(s.flags()).u32(s.addr()).u32(fileOffset[k]).u32(s.data().length)
                    .u32(s.link()).u32(s.info()).u32(s.align()).u32(s.entsize());
        }
        file.u32(nameIndex[sections.size()]).u32(3).u32(0).u32(0).u32(fileOffset[sections.size()]).u32(shstrBytes.length)
                .u32(0).u32(0).u32(1).u32(0);
        byte[] out = file.toArray();

        // ELF header and program headers at the start of the first segment.
        Bytes h = new Bytes(be);
        h.bytes(new byte[] {0x7f, 'E', 'L', 'F', 1, (byte) (be ? 2 : 1), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        h.u16(3).u16(target.elfMachine()).u32(1).u32(0).u32(52).u32(shoff).u32(target.elfFlags())
                .u16(52).u16(32).u16(phnum).u16(40).u16(sections.size() + 2).u16(sections.size() + 1);
        phdr(h, 1, 0, 0, seg1End, 4, PAGE);                                   // PT_LOAD R
        phdr(h, 1, textAddr, textAddr, textEnd - textAddr, 5, PAGE);          // PT_LOAD R X
        phdr(h, 1, dynamicAddr, dynamicAddr, dataEnd - dynamicAddr, 6, PAGE); // PT_LOAD R W
        phdr(h, 2, dynamicAddr, dynamicAddr, 8 * dynCount, 6, 4);             // PT_DYNAMIC
        phdr(h, 0x6474e550, hdrAddr, hdrAddr, ehHdr.length, 4, 4);            // PT_GNU_EH_FRAME
        byte[] header = h.toArray();
        System.arraycopy(header, 0, out, 0, header.length);
        return out;
    }

    private static int symbol(Map<String, Integer> symbols, String name) {
        Integer v = symbols.get(name);
        if (v == null) throw new IllegalStateException("undefined symbol " + name);
        return v;
    }

    private static void sym(Bytes b, int name, int value, int size, int info, int shndx) {
        b.u32(name).u32(value).u32(size).u8(info).u8(0).u16(shndx);
    }

    private static void phdr(Bytes b, int type, int offset, int addr, int size, int flags, int align) {
        b.u32(type).u32(offset).u32(addr).u32(addr).u32(size).u32(size).u32(flags).u32(align);
    }

    private static int align(int v, int a) { return (v + a - 1) / a * a; }

    /** SysV .hash: nbucket, nchain, buckets, chains (the ELF gABI hash function). */
    private static byte[] sysvHash(List<String> names, boolean be) {
        int nbucket = Math.max(1, names.size() / 2 + 1);
        int[] buckets = new int[nbucket], chains = new int[names.size()];
        for (int k = 1; k < names.size(); k++) {
            int b = (int) (Integer.toUnsignedLong(elfHash(names.get(k))) % nbucket);
            chains[k] = buckets[b];
            buckets[b] = k;
        }
        Bytes out = new Bytes(be).u32(nbucket).u32(names.size());
        for (int b : buckets) out.u32(b);
        for (int c : chains) out.u32(c);
        return out.toArray();
    }

    static int elfHash(String name) {
        int h = 0;
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (c & 0xff);
            int g = h & 0xf000_0000;
            if (g != 0) h ^= g >>> 24;
            h &= ~g;
        }
        return h;
    }
}
