package org.coredev.emu.cpu.rv32;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class Rv32DecoderTest {
    private final Rv32Decoder rv32g = Rv32Decoder.rv32g();

    @Test
    void tableHasNoOverlappingEncodings() {
        assertEquals(java.util.List.of(), Rv32Isa.overlaps());
    }

    @Test
    void everyRowDecodesItsOwnMatchWord() {
        for (Rv32Isa.Pattern p : Rv32Isa.patterns()) {
            assertEquals(p.op(), rv32g.decode(p.match()).op(), p.mnemonic());
        }
    }

    @Test
    void overlapCheckFindsAClash() {
        // Two rows that agree on all bits they both fix overlap; the check must report them.
        var a = new Rv32Isa.Pattern("a", 0x7f, 0x13, Rv32Isa.Format.I, Rv32Isa.Extension.I, Rv32Isa.Unit.ALU, 2);
        var b = new Rv32Isa.Pattern("b", 0x707f, 0x1013, Rv32Isa.Format.I, Rv32Isa.Extension.I, Rv32Isa.Unit.ALU, 3);
        var c = new Rv32Isa.Pattern("c", 0x707f, 0x2013, Rv32Isa.Format.I, Rv32Isa.Extension.I, Rv32Isa.Unit.ALU, 4);
        assertEquals(java.util.List.of("a / b", "a / c"), Rv32Isa.overlaps(java.util.List.of(a, b, c)));
    }

    /** Words from the GNU assembler (riscv64-unknown-elf-as -march=rv32imafd), with their fields. */
    @Test
    void decodesWordsFromTheGnuAssembler() {
        assertDecoded(0x00500093, "addi", 1, 0, 0, 5);
        assertDecoded(0xfff20193, "addi", 3, 4, 0, -1);
        assertDecoded(0xfe512e23, "sw", 0, 2, 5, -4);
        assertDecoded(0xfe208ce3, "beq", 0, 1, 2, -8);
        assertDecoded(0x001000ef, "jal", 1, 0, 0, 2048);
        assertDecoded(0xfffff3b7, "lui", 7, 0, 0, 0xfffff000);
        assertDecoded(0x41f4d413, "srai", 8, 9, 0, 31);
        assertDecoded(0x30002573, "csrrs", 10, 0, 0, 0x300);
        assertDecoded(0x00c6a5af, "amoadd.w", 11, 13, 12, 0);
        assertDecoded(0x1007a72f, "lr.w", 14, 15, 0, 0);
        assertDecoded(0x00008067, "jalr", 0, 1, 0, 0);
        assertDecoded(0x7e62efe3, "bltu", 0, 5, 6, 4094);
        assertEquals("fence.i", rv32g.decode(0x0000100f).mnemonic());
        Decoded fadd = rv32g.decode(0x023110d3);
        assertEquals("fadd.d", fadd.mnemonic());
        assertEquals(SoftFloat.RTZ, fadd.rm());
        Decoded fmadd = rv32g.decode(0x3862f243);
        assertEquals("fmadd.s", fmadd.mnemonic());
        assertEquals(7, fmadd.rs3());
        assertEquals(7, fmadd.rm());  // dyn
        assertEquals(SoftFloat.RUP, rv32g.decode(0xc208b853).rm());
    }

    @Test
    void testAssemblerAgreesWithGnuAssembler() {
        assertEquals(0x00500093, Asm.i("addi", 1, 0, 5));
        assertEquals(0xfe512e23, Asm.s("sw", 2, 5, -4));
        assertEquals(0xfe208ce3, Asm.b("beq", 1, 2, -8));
        assertEquals(0x001000ef, Asm.j("jal", 1, 2048));
        assertEquals(0x7e62efe3, Asm.b("bltu", 5, 6, 4094));
        assertEquals(0x023110d3, Asm.fr("fadd.d", 1, 2, 3, SoftFloat.RTZ));
        assertEquals(0x3862f243, Asm.r4("fmadd.s", 4, 5, 6, 7, 7));
    }

    @Test
    void rv32imaCoreRejectsFloatingPoint() {
        Rv32Decoder ima = Rv32Decoder.rv32ima();
        assertEquals(Rv32Isa.ILLEGAL, ima.decode(0x023110d3).op());
        assertEquals("addi", ima.decode(0x00500093).mnemonic());
    }

    @Test
    void reservedRoundingModesAreIllegal() {
        assertEquals(Rv32Isa.ILLEGAL, rv32g.decode(Asm.fr("fadd.d", 1, 2, 3, 5)).op());
        assertEquals(Rv32Isa.ILLEGAL, rv32g.decode(Asm.fr("fadd.d", 1, 2, 3, 6)).op());
    }

    @Test
    void allZeroAndAllOnesWordsAreIllegal() {
        assertEquals(Rv32Isa.ILLEGAL, rv32g.decode(0).op());
        assertEquals(Rv32Isa.ILLEGAL, rv32g.decode(-1).op());
    }

    private void assertDecoded(int word, String mnemonic, int rd, int rs1, int rs2, int imm) {
        Decoded d = rv32g.decode(word);
        assertEquals(mnemonic, d.mnemonic(), () -> Integer.toHexString(word));
        assertEquals(rd, d.rd(), "rd of " + mnemonic);
        assertEquals(rs1, d.rs1(), "rs1 of " + mnemonic);
        assertEquals(rs2, d.rs2(), "rs2 of " + mnemonic);
        assertEquals(imm, d.imm(), "imm of " + mnemonic);
    }
}
