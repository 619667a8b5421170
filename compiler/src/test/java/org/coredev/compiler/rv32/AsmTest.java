package org.coredev.compiler.rv32;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Encodings checked against words assembled by hand from the RISC-V unprivileged ISA manual. */
class AsmTest {
    private static int encode(Consumer<Asm> emit) {
        Asm a = new Asm();
        emit.accept(a);
        byte[] b = a.finish();
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Test
    void addiWithNegativeImmediate() {   // addi sp, sp, -16
        assertEquals(0xff01_0113, encode(a -> a.addi(2, 2, -16)));
    }

    @Test
    void storeWordSplitsTheImmediate() {   // sw ra, 12(sp)
        assertEquals(0x0011_2623, encode(a -> a.sw(1, 2, 12)));
    }

    @Test
    void mExtensionDivide() {   // div a0, a0, a1
        assertEquals(0x02b5_4533, encode(a -> a.alu("div", 10, 10, 11)));
    }

    @Test
    void doubleAddAndTruncatingConvert() {
        assertEquals(0x02b5_7553, encode(a -> a.fop("fadd", 10, 10, 11)));   // fadd.d fa0, fa0, fa1 (rm=dyn)
        assertEquals(0xc205_1553, encode(a -> a.fcvtWD(10, 10)));           // fcvt.w.d a0, fa0, rtz
    }

    @Test
    void liOfALargeConstantCompensatesTheSignedLowPart() {
        Asm a = new Asm();
        a.li(5, 0x1234_5fff);
        byte[] b = a.finish();
        assertEquals(8, b.length);
        int lui = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        int addi = (b[4] & 0xff) | (b[5] & 0xff) << 8 | (b[6] & 0xff) << 16 | (b[7] & 0xff) << 24;
        assertEquals(0x1234_6000, lui & 0xffff_f000);
        assertEquals(-1, addi >> 20);
    }

    @Test
    void jumpToALabelBackwards() {
        Asm a = new Asm();
        int top = a.newLabel();
        a.bind(top);
        a.addi(0, 0, 0);
        a.jump(top);   // jal x0, -4
        byte[] b = a.finish();
        int w = (b[4] & 0xff) | (b[5] & 0xff) << 8 | (b[6] & 0xff) << 16 | (b[7] & 0xff) << 24;
        assertEquals(0xffdf_f06f, w);
    }
}
