package org.coredev.loader;

import static org.coredev.loader.ElfBuilder.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Relocation semantics of ARTIQ's libdyld, on images written by {@link ElfBuilder}. */
class RelocationTest {
    private static final int SIZE = 1 << 16;
    private static final int OUTPUT = 0x45001abc;  // low 12 bits >= 0x800: exercises the hi20 rounding
    private static final int NOW = 0xfff00080;
    private static final int R_RISCV_32 = 1, R_RISCV_RELATIVE = 3, R_RISCV_COPY = 4, R_RISCV_JUMP_SLOT = 5;
    private static final int R_RISCV_CALL_PLT = 19, R_RISCV_GOT_HI20 = 20, R_RISCV_PCREL_LO12_I = 24;
    private static final int R_OR1K_32 = 1, R_OR1K_GLOB_DAT = 19, R_OR1K_JMP_SLOT = 20, R_OR1K_RELATIVE = 21;
    private static final int AUIPC_RA = 0x00000097;   // auipc ra, 0
    private static final int JALR_RA = 0x000080e7;    // jalr ra, 0(ra)
    private static final int AUIPC_A0 = 0x00000517;   // auipc a0, 0
    private static final int LW_A0_A0 = 0x00052503;   // lw a0, 0(a0)

    private final ByteArrayMemory memory = Fixtures.memory(SIZE);

    private Linker linker(Target target) {
        return new Linker(target, memory, SymbolResolver.of(Map.of("rtio_output", OUTPUT, "now", NOW)),
                Fixtures.PAYLOAD, Fixtures.PAYLOAD + SIZE);
    }

    private int word(LoadedImage image, int vaddr) {
        return Fixtures.word(memory, image.base() + vaddr, image.elf().bigEndian());
    }

    /** Where an auipc at {@code place} and the I-type instruction after it point to. */
    private static int auipcPairTarget(int place, int auipc, int second) {
        return place + (auipc & 0xfffff000) + (second >> 20);
    }

    @Test
    void or1kRelocationsAreAppliedBigEndianAsLibdyldDid() {
        ElfBuilder b = ElfBuilder.or1k();
        int output = b.undefined("rtio_output");
        int now = b.undefined("now");
        b.word(0, 0x11111111).word(1, 0x22222222).word(2, 0x33333333).word(3, 0x44444444).word(4, 0x55555555);
        b.rela(DATA, R_OR1K_32, output, 8)                 // the board ignores this addend
                .rela(DATA + 4, R_OR1K_GLOB_DAT, now, 0)
                .rela(DATA + 8, R_OR1K_RELATIVE, 0, 0x1010)
                .rela(DATA + 16, 0, 0, 0)                  // R_OR1K_NONE: nothing written
                .plt(DATA + 12, R_OR1K_JMP_SLOT, output, 0);
        LoadedImage image = linker(Target.OR1K).load("or1k.elf", b.build());
        assertEquals(OUTPUT, word(image, DATA));
        assertEquals(NOW, word(image, DATA + 4));
        assertEquals(image.base() + 0x1010, word(image, DATA + 8));
        assertEquals(OUTPUT, word(image, DATA + 12));
        assertEquals(0x55555555, word(image, DATA + 16));
        byte[] raw = memory.read(image.base() + DATA + 12, 4);
        assertEquals((byte) (OUTPUT >>> 24), raw[0], "most significant byte first");
    }

    @Test
    void or1kRebindPatchesOnlyThePltTableAsLibdyldDid() {
        ElfBuilder b = ElfBuilder.or1k();
        int output = b.undefined("rtio_output");
        b.word(1, 0);
        b.rela(DATA, R_OR1K_32, output, 0).plt(DATA + 4, R_OR1K_JMP_SLOT, output, 0);
        LoadedImage image = linker(Target.OR1K).load("or1k.elf", b.build());
        assertEquals(1, image.rebind("rtio_output", 0x45002000));
        assertEquals(0x45002000, word(image, DATA + 4));
        assertEquals(OUTPUT, word(image, DATA));
    }

    @Test
    void or1kEhFrameHdrIsDecodedBigEndian() {
        LoadedImage image = linker(Target.OR1K).load("or1k.elf", ElfBuilder.or1k().ehFrameHdr().word(0, 0).build());
        assertEquals(image.base() + DATA, image.ehFrame().orElseThrow());
    }

    @Test
    void callPltPatchesTheAuipcJalrPairToReachTheSymbol() {
        ElfBuilder b = ElfBuilder.riscv();
        int output = b.undefined("rtio_output");
        b.word(0, AUIPC_RA).word(1, JALR_RA);
        b.plt(DATA, R_RISCV_CALL_PLT, output, 0);
        LoadedImage image = linker(Target.RV32IMA).load("call.elf", b.build());
        int auipc = word(image, DATA);
        int jalr = word(image, DATA + 4);
        assertEquals(0x97, auipc & 0xfff, "auipc keeps its rd and opcode");
        assertEquals(0x80e7, jalr & 0xfffff, "jalr keeps rd, rs1, funct3 and opcode");
        assertEquals(OUTPUT, auipcPairTarget(image.base() + DATA, auipc, jalr));
    }

    @Test
    void rebindOfACallPltRepointsThePair() {
        ElfBuilder b = ElfBuilder.riscv();
        int output = b.undefined("rtio_output");
        b.word(0, AUIPC_RA).word(1, JALR_RA);
        b.plt(DATA, R_RISCV_CALL_PLT, output, 0);
        LoadedImage image = linker(Target.RV32IMA).load("call.elf", b.build());
        assertEquals(1, image.rebind("rtio_output", 0x45002ffc));
        assertEquals(0x45002ffc, auipcPairTarget(image.base() + DATA, word(image, DATA), word(image, DATA + 4)));
    }

    @Test
    void gotHi20AndPcrelLo12BecomeAnAuipcAddiOfTheSymbolAddress() {
        ElfBuilder b = ElfBuilder.riscv();
        int now = b.undefined("now");
        int label = b.defined(".Lpcrel_hi0", DATA);
        b.word(0, AUIPC_A0).word(1, LW_A0_A0);
        b.rela(DATA, R_RISCV_GOT_HI20, now, 0).rela(DATA + 4, R_RISCV_PCREL_LO12_I, label, 0);
        LoadedImage image = linker(Target.RV32IMA).load("got.elf", b.build());
        int auipc = word(image, DATA);
        int addi = word(image, DATA + 4);
        assertEquals(0x13, addi & 0x707f, "lw rewritten to addi (opcode 0x13, funct3 0)");
        assertEquals(LW_A0_A0 & 0xf8f80, addi & 0xf8f80, "rd and rs1 kept");
        assertEquals(NOW, auipcPairTarget(image.base() + DATA, auipc, addi));
    }

    @Test
    void pcrelLo12WithoutItsHi20RelocationIsRefused() {
        ElfBuilder b = ElfBuilder.riscv();
        int label = b.defined(".Lpcrel_hi0", DATA);
        b.word(0, AUIPC_A0).word(1, LW_A0_A0);
        b.rela(DATA + 4, R_RISCV_PCREL_LO12_I, label, 0);
        LoaderException e = assertThrows(LoaderException.class, () -> linker(Target.RV32IMA).load("lo.elf", b.build()));
        assertEquals("lo.elf: R_RISCV_PCREL_LO12_I at offset 0x1004, symbol '.Lpcrel_hi0': no relocation with a "
                + "symbol at 0x1000 (its HI20 instruction) in .rela.dyn", e.getMessage());
    }

    @Test
    void absoluteRelocationIgnoresItsAddendAsTheBoardDoes() {
        ElfBuilder b = ElfBuilder.riscv();
        int output = b.undefined("rtio_output");
        b.word(0, 0);
        b.rela(DATA, R_RISCV_32, output, 0x40);
        LoadedImage image = linker(Target.RV32IMA).load("a.elf", b.build());
        assertEquals(OUTPUT, word(image, DATA));
    }

    @Test
    void noneRelocationIsSkippedAndLaterOnesStillApply() {
        ElfBuilder b = ElfBuilder.riscv();
        b.word(0, 0x12345678).word(1, 0);
        b.rela(DATA, 0, 0, 0).rela(DATA + 4, R_RISCV_RELATIVE, 0, 0x20);
        LoadedImage image = linker(Target.RV32IMA).load("n.elf", b.build());
        assertEquals(0x12345678, word(image, DATA));
        assertEquals(image.base() + 0x20, word(image, DATA + 4));
    }

    @Test
    void weakSymbolIsNotExportedAsLibdyldLooksOnlyForGlobals() {
        ElfBuilder b = ElfBuilder.riscv();
        int weak = b.symbol("rtio_output", DATA + 8, 4, 0x22, 1); // STB_WEAK, STT_FUNC
        b.word(2, 0);
        b.plt(DATA, R_RISCV_JUMP_SLOT, weak, 0);
        LoadedImage image = linker(Target.RV32IMA).load("w.elf", b.build());
        assertFalse(image.symbol("rtio_output").isPresent());
        assertEquals(OUTPUT, word(image, DATA), "bound to the runtime's definition");
        assertEquals("rtio_output", image.symbolize(image.base() + DATA + 8));
    }

    @Test
    void unsupportedRelocationNamesTypeOffsetAndSymbol() {
        ElfBuilder b = ElfBuilder.riscv();
        int sym = b.defined("table", DATA + 8);
        b.word(2, 0);
        b.rela(DATA, R_RISCV_COPY, sym, 0);
        LoaderException e = assertThrows(LoaderException.class, () -> linker(Target.RV32IMA).load("c.elf", b.build()));
        assertEquals("c.elf: unsupported relocation type R_RISCV_COPY (4) at offset 0x1000, symbol 'table'",
                e.getMessage());
    }

    @Test
    void symbolIndexOutOfRangeIsRefused() {
        ElfBuilder b = ElfBuilder.riscv();
        b.word(0, 0);
        b.rela(DATA, R_RISCV_32, 99, 0);
        LoaderException e = assertThrows(LoaderException.class, () -> linker(Target.RV32IMA).load("s.elf", b.build()));
        assertEquals("s.elf: .rela.dyn at offset 0x1000 (R_RISCV_32) refers to symbol #99, but the symbol table "
                + "has 1 entries", e.getMessage());
    }

    @Test
    void relocationTargetOutsideTheImageIsRefused() {
        ElfBuilder b = ElfBuilder.riscv();
        b.word(0, AUIPC_RA).word(1, JALR_RA);
        int output = b.undefined("rtio_output");
        // A CALL_PLT patches 8 bytes: starting at the last word it would write past the image.
        b.plt(DATA + 4, R_RISCV_CALL_PLT, output, 0);
        LoaderException e = assertThrows(LoaderException.class, () -> linker(Target.RV32IMA).load("o.elf", b.build()));
        assertEquals("o.elf: R_RISCV_CALL_PLT at offset 0x1004 (symbol 'rtio_output') patches 0x1004..0x100c, "
                + "outside the image (0x1008 bytes)", e.getMessage());
    }

    @Test
    void relocationNeedingASymbolWithoutOneIsRefused() {
        ElfBuilder b = ElfBuilder.riscv();
        b.word(0, 0);
        b.plt(DATA, R_RISCV_JUMP_SLOT, 0, 0);
        LoaderException e = assertThrows(LoaderException.class, () -> linker(Target.RV32IMA).load("j.elf", b.build()));
        assertTrue(e.getMessage().contains("R_RISCV_JUMP_SLOT at offset 0x1000 needs a symbol"), e.getMessage());
    }

    @Test
    void bssOfAHandBuiltImageIsZeroedAndCounted() {
        byte[] bytes = ElfBuilder.riscv().word(0, 7).bss(0x100).build();
        memory.write(Fixtures.PAYLOAD + DATA + 4, new byte[] {1, 2, 3, 4});
        LoadedImage image = linker(Target.RV32IMA).load("bss.elf", bytes);
        assertEquals(DATA + 4 + 0x100, image.end() - image.base());
        assertEquals(0, word(image, DATA + 4));
    }
}
