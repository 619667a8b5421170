package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.fornwall.jelf.ElfFile;
import net.fornwall.jelf.ElfSection;
import org.junit.jupiter.api.Test;

class ElfImageTest {

    private static LoaderException refused(String name, byte[] bytes, Target target) {
        return assertThrows(LoaderException.class, () -> ElfImage.read(name, bytes).requireTarget(target));
    }

    @Test
    void rv32gImageOnRv32imaDeviceIsRefusedNamingBoth() {
        LoaderException e = refused("kernel-rv32g.elf", Fixtures.bytes("kernel-rv32g.elf"), Target.RV32IMA);
        assertEquals("kernel-rv32g.elf: built for rv32g (double-float ABI, e_flags 0x4) but the device runs "
                + "rv32ima (soft-float ABI, e_flags 0x0)", e.getMessage());
    }

    @Test
    void rv32imaImageOnRv32gDeviceIsRefusedNamingBoth() {
        LoaderException e = refused("k.elf", Fixtures.bytes("kernel-rv32ima.elf"), Target.RV32G);
        assertEquals("k.elf: built for rv32ima (soft-float ABI, e_flags 0x0) but the device runs "
                + "rv32g (double-float ABI, e_flags 0x4)", e.getMessage());
    }

    @Test
    void compressedInstructionFlagIsRefusedAsTheBoardDoes() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        bytes[36] |= 1; // EF_RISCV_RVC
        LoaderException e = refused("k.elf", bytes, Target.RV32IMA);
        assertTrue(e.getMessage().contains("compressed instructions (e_flags 0x1)"), e.getMessage());
    }

    @Test
    void riscvImageOnOr1kDeviceNamesBothMachines() {
        LoaderException e = refused("k.elf", Fixtures.bytes("kernel-rv32ima.elf"), Target.OR1K);
        assertEquals("k.elf: built for RISC-V (e_machine 243) but the device runs or1k (OpenRISC 1000, "
                + "e_machine 92)", e.getMessage());
    }

    @Test
    void littleEndianOr1kImageIsRefused() {
        byte[] bytes = new ElfBuilder(ElfBuilder.EM_OPENRISC, false, 0).build();
        LoaderException e = refused("le.elf", bytes, Target.OR1K);
        assertEquals("le.elf: little-endian image but or1k is big-endian", e.getMessage());
    }

    @Test
    void matchingTargetsAreAccepted() {
        assertAll(
                () -> ElfImage.read("a", Fixtures.bytes("kernel-rv32ima.elf")).requireTarget(Target.RV32IMA),
                () -> ElfImage.read("b", Fixtures.bytes("kernel-rv32g.elf")).requireTarget(Target.RV32G),
                () -> ElfImage.read("c", ElfBuilder.or1k().build()).requireTarget(Target.OR1K));
    }

    @Test
    void wrongMagicIsRefused() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        bytes[1] = 'X';
        LoaderException e = refused("k.elf", bytes, Target.RV32IMA);
        assertEquals("k.elf: not an ELF file (magic 7f 58 4c 46, expected 7f 45 4c 46)", e.getMessage());
    }

    @Test
    void truncatedHeaderNamesTheLength() {
        byte[] bytes = Arrays.copyOf(Fixtures.bytes("kernel-rv32ima.elf"), 40);
        LoaderException e = refused("k.elf", bytes, Target.RV32IMA);
        assertEquals("k.elf: truncated: 40 bytes, too short for an ELF32 header (52 bytes)", e.getMessage());
    }

    @Test
    void elf64IsRefused() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        bytes[4] = 2;
        assertTrue(refused("k.elf", bytes, Target.RV32IMA).getMessage().contains("not a 32-bit ELF file"));
    }

    @Test
    void executableIsRefusedAsNotASharedObject() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        bytes[16] = 2; // ET_EXEC
        assertEquals("k.elf: not a shared object (e_type 2, expected ET_DYN 3)",
                refused("k.elf", bytes, Target.RV32IMA).getMessage());
    }

    @Test
    void segmentDataPastTheEndOfTheFileIsRefused() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        ElfImage ok = ElfImage.read("k.elf", bytes);
        // Truncate inside the last segment's file bytes.
        ElfImage.Segment last = ok.segments().getLast();
        byte[] cut = Arrays.copyOf(bytes, last.fileOffset() + last.fileSize() - 1);
        LoaderException e = refused("k.elf", cut, Target.RV32IMA);
        assertTrue(e.getMessage().startsWith("k.elf: segment 4: file bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("run past the end of the file"), e.getMessage());
    }

    @Test
    void overlappingSegmentsAreRefused() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        // Program header 2 (the text PT_LOAD) moved onto vaddr 0x10, inside the first PT_LOAD.
        int phdr2 = 52 + 32 * 2;
        bytes[phdr2 + 8] = 0x10;
        bytes[phdr2 + 9] = 0;
        LoaderException e = refused("k.elf", bytes, Target.RV32IMA);
        assertEquals("k.elf: loadable segments overlap at 0x10", e.getMessage());
    }

    @Test
    void hugeSegmentIsRefusedBeforeAnythingIsAllocated() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        int memsz = 52 + 32 * 4 + 20; // last PT_LOAD's p_memsz
        bytes[memsz + 3] = 0x7f;
        LoaderException e = assertThrows(LoaderException.class, () -> ElfImage.read("k.elf", bytes, 1 << 20));
        assertTrue(e.getMessage().startsWith("k.elf: segment 4: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not fit in memory (0x100000 bytes available)"), e.getMessage());
    }

    @Test
    void segmentsAreThoseOfTheProgramHeaders() {
        ElfImage image = ElfImage.read("k.elf", Fixtures.bytes("kernel-rv32ima.elf"));
        ElfFile jelf = ElfFile.from(Fixtures.bytes("kernel-rv32ima.elf"));
        int loads = 0;
        for (int i = 0; i < jelf.e_phnum; i++) {
            var ph = jelf.getProgramHeader(i);
            if (ph.p_type == 1) {
                ElfImage.Segment s = image.segments().get(loads++);
                assertEquals(ph.p_vaddr, s.vaddr());
                assertEquals(ph.p_memsz, s.memSize());
                assertEquals(ph.p_filesz, s.fileSize());
            }
        }
        assertEquals(loads, image.segments().size());
        ElfImage.Segment last = image.segments().getLast();
        assertEquals(last.vaddr() + last.memSize(), image.size());
        assertEquals(0x1000, image.alignment());
    }

    @Test
    void ehFrameHdrAndEhFrameMatchTheSectionHeaders() {
        byte[] bytes = Fixtures.bytes("kernel-rv32g.elf");
        ElfImage image = ElfImage.read("k.elf", bytes);
        ElfFile jelf = ElfFile.from(bytes);
        ElfSection hdr = jelf.firstSectionByName(".eh_frame_hdr");
        ElfSection frame = jelf.firstSectionByName(".eh_frame");
        assertEquals(new ElfImage.Region((int) hdr.header.sh_addr, (int) hdr.header.sh_size),
                image.ehFrameHdr().orElseThrow());
        assertEquals((int) frame.header.sh_addr, image.ehFrame().orElseThrow());
    }

    @Test
    void imageWithoutEhFrameHdrHasNone() {
        ElfImage image = ElfImage.read("b.elf", ElfBuilder.riscv().build());
        assertFalse(image.ehFrameHdr().isPresent());
        assertFalse(image.ehFrame().isPresent());
    }

    @Test
    void imageWithoutSectionHeadersIsReadAsOnTheBoard() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        Arrays.fill(bytes, 32, 36, (byte) 0); // e_shoff
        Arrays.fill(bytes, 46, 52, (byte) 0); // e_shentsize, e_shnum, e_shstrndx
        ElfImage image = ElfImage.read("k.elf", bytes);
        image.requireTarget(Target.RV32IMA);
        assertEquals(ElfImage.read("k.elf", Fixtures.bytes("kernel-rv32ima.elf")).size(), image.size());
    }

    @Test
    void implicitAddendRelocationsAreRefused() {
        byte[] bytes = Fixtures.bytes("kernel-rv32ima.elf");
        ElfFile jelf = ElfFile.from(bytes);
        int dynamic = -1;
        for (int i = 0; i < jelf.e_phnum; i++) {
            if (jelf.getProgramHeader(i).p_type == 2) {
                dynamic = (int) jelf.getProgramHeader(i).p_offset;
            }
        }
        assertEquals(7, bytes[dynamic], "the fixture's first dynamic tag is DT_RELA");
        bytes[dynamic] = 17; // DT_REL
        assertEquals("k.elf: relocations with implicit addend (DT_REL) are not supported",
                refused("k.elf", bytes, Target.RV32IMA).getMessage());
    }
}
