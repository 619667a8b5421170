package org.coredev.emu.cpu.or1k;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The encoding table against words that or1k-elf-as (binutils 2.40, Debian) assembled. */
class Or1kDecoderTest {
    private final Or1kDecoder decoder = new Or1kDecoder();

    /** Each word as or1k-elf-as assembled the source in the comment (objdump -d of the object). */
    static final List<Map.Entry<Integer, String>> ASSEMBLED = List.of(
            Map.entry(0xe064_2800, "l.add"),   // l.add r3,r4,r5
            Map.entry(0xe064_2801, "l.addc"),   // l.addc r3,r4,r5
            Map.entry(0xe064_2802, "l.sub"),   // l.sub r3,r4,r5
            Map.entry(0xe064_2803, "l.and"),   // l.and r3,r4,r5
            Map.entry(0xe064_2804, "l.or"),   // l.or r3,r4,r5
            Map.entry(0xe064_2805, "l.xor"),   // l.xor r3,r4,r5
            Map.entry(0xe064_2b06, "l.mul"),   // l.mul r3,r4,r5
            Map.entry(0xe064_2b0b, "l.mulu"),   // l.mulu r3,r4,r5
            Map.entry(0xe064_2b09, "l.div"),   // l.div r3,r4,r5
            Map.entry(0xe064_2b0a, "l.divu"),   // l.divu r3,r4,r5
            Map.entry(0xe064_2808, "l.sll"),   // l.sll r3,r4,r5
            Map.entry(0xe064_2848, "l.srl"),   // l.srl r3,r4,r5
            Map.entry(0xe064_2888, "l.sra"),   // l.sra r3,r4,r5
            Map.entry(0xe064_28c8, "l.ror"),   // l.ror r3,r4,r5
            Map.entry(0xe064_000c, "l.exths"),   // l.exths r3,r4
            Map.entry(0xe064_004c, "l.extbs"),   // l.extbs r3,r4
            Map.entry(0xe064_008c, "l.exthz"),   // l.exthz r3,r4
            Map.entry(0xe064_00cc, "l.extbz"),   // l.extbz r3,r4
            Map.entry(0xe064_000d, "l.extws"),   // l.extws r3,r4
            Map.entry(0xe064_004d, "l.extwz"),   // l.extwz r3,r4
            Map.entry(0xe064_280e, "l.cmov"),   // l.cmov r3,r4,r5
            Map.entry(0xe064_000f, "l.ff1"),   // l.ff1 r3,r4
            Map.entry(0xe064_010f, "l.fl1"),   // l.fl1 r3,r4
            Map.entry(0x9c64_fffe, "l.addi"),   // l.addi r3,r4,-2
            Map.entry(0xa064_fffe, "l.addic"),   // l.addic r3,r4,-2
            Map.entry(0xa464_ffff, "l.andi"),   // l.andi r3,r4,0xffff
            Map.entry(0xa864_ffff, "l.ori"),   // l.ori r3,r4,0xffff
            Map.entry(0xac64_ffff, "l.xori"),   // l.xori r3,r4,-1
            Map.entry(0xb064_fffd, "l.muli"),   // l.muli r3,r4,-3
            Map.entry(0x1860_1234, "l.movhi"),   // l.movhi r3,0x1234
            Map.entry(0xb864_0003, "l.slli"),   // l.slli r3,r4,0x3
            Map.entry(0xb864_0043, "l.srli"),   // l.srli r3,r4,0x3
            Map.entry(0xb864_0083, "l.srai"),   // l.srai r3,r4,0x3
            Map.entry(0xb864_00c3, "l.rori"),   // l.rori r3,r4,0x3
            Map.entry(0xe404_2800, "l.sfeq"),   // l.sfeq r4,r5
            Map.entry(0xe424_2800, "l.sfne"),   // l.sfne r4,r5
            Map.entry(0xe444_2800, "l.sfgtu"),   // l.sfgtu r4,r5
            Map.entry(0xe464_2800, "l.sfgeu"),   // l.sfgeu r4,r5
            Map.entry(0xe484_2800, "l.sfltu"),   // l.sfltu r4,r5
            Map.entry(0xe4a4_2800, "l.sfleu"),   // l.sfleu r4,r5
            Map.entry(0xe544_2800, "l.sfgts"),   // l.sfgts r4,r5
            Map.entry(0xe564_2800, "l.sfges"),   // l.sfges r4,r5
            Map.entry(0xe584_2800, "l.sflts"),   // l.sflts r4,r5
            Map.entry(0xe5a4_2800, "l.sfles"),   // l.sfles r4,r5
            Map.entry(0xbc04_ffff, "l.sfeqi"),   // l.sfeqi r4,-1
            Map.entry(0xbc24_0001, "l.sfnei"),   // l.sfnei r4,1
            Map.entry(0xbc44_0001, "l.sfgtui"),   // l.sfgtui r4,1
            Map.entry(0xbc64_0001, "l.sfgeui"),   // l.sfgeui r4,1
            Map.entry(0xbc84_0001, "l.sfltui"),   // l.sfltui r4,1
            Map.entry(0xbca4_0001, "l.sfleui"),   // l.sfleui r4,1
            Map.entry(0xbd44_0001, "l.sfgtsi"),   // l.sfgtsi r4,1
            Map.entry(0xbd64_0001, "l.sfgesi"),   // l.sfgesi r4,1
            Map.entry(0xbd84_0001, "l.sfltsi"),   // l.sfltsi r4,1
            Map.entry(0xbda4_0001, "l.sflesi"),   // l.sflesi r4,1
            Map.entry(0x8464_fffc, "l.lwz"),   // l.lwz r3,-4(r4)
            Map.entry(0x8864_0004, "l.lws"),   // l.lws r3,4(r4)
            Map.entry(0x8c64_0004, "l.lbz"),   // l.lbz r3,4(r4)
            Map.entry(0x9064_0004, "l.lbs"),   // l.lbs r3,4(r4)
            Map.entry(0x9464_0004, "l.lhz"),   // l.lhz r3,4(r4)
            Map.entry(0x9864_0004, "l.lhs"),   // l.lhs r3,4(r4)
            Map.entry(0xd7e4_2ffc, "l.sw"),   // l.sw -4(r4),r5
            Map.entry(0xd804_2804, "l.sb"),   // l.sb 4(r4),r5
            Map.entry(0xdde4_2fff, "l.sh"),   // l.sh 32767(r4),r5
            Map.entry(0x0000_0000, "l.j"),   // l.j fc <_start+0xfc>
            Map.entry(0x0400_0000, "l.jal"),   // l.jal 100 <_start+0x100>
            Map.entry(0x1000_0000, "l.bf"),   // l.bf 104 <_start+0x104>
            Map.entry(0x0c00_0000, "l.bnf"),   // l.bnf 108 <_start+0x108>
            Map.entry(0x4400_4800, "l.jr"),   // l.jr r9
            Map.entry(0x4800_2800, "l.jalr"),   // l.jalr r5
            Map.entry(0x1500_0000, "l.nop"),   // l.nop 0x0
            Map.entry(0x1500_0001, "l.nop"),   // l.nop 0x1
            Map.entry(0x2000_0001, "l.sys"),   // l.sys 0x1
            Map.entry(0x2100_0001, "l.trap"),   // l.trap 0x1
            Map.entry(0x2400_0000, "l.rfe"),   // l.rfe 
            Map.entry(0x2200_0000, "l.msync"),   // l.msync 
            Map.entry(0x2280_0000, "l.psync"),   // l.psync 
            Map.entry(0x2300_0000, "l.csync"),   // l.csync 
            Map.entry(0xb464_0011, "l.mfspr"),   // l.mfspr r3,r4,0x11
            Map.entry(0xc004_2811, "l.mtspr"),   // l.mtspr r4,r5,0x11
            Map.entry(0xc3e0_2fff, "l.mtspr"),   // l.mtspr r0,r5,0xffff
            Map.entry(0xc864_2800, "lf.add.s"),   // lf.add.s r3,r4,r5
            Map.entry(0xc864_2801, "lf.sub.s"),   // lf.sub.s r3,r4,r5
            Map.entry(0xc864_2802, "lf.mul.s"),   // lf.mul.s r3,r4,r5
            Map.entry(0xc864_2803, "lf.div.s"),   // lf.div.s r3,r4,r5
            Map.entry(0xc864_0004, "lf.itof.s"),   // lf.itof.s r3,r4
            Map.entry(0xc864_0005, "lf.ftoi.s"),   // lf.ftoi.s r3,r4
            Map.entry(0xc864_2806, "lf.rem.s"),   // lf.rem.s r3,r4,r5
            Map.entry(0xc864_2807, "lf.madd.s"),   // lf.madd.s r3,r4,r5
            Map.entry(0xc804_2808, "lf.sfeq.s"),   // lf.sfeq.s r4,r5
            Map.entry(0xc804_2809, "lf.sfne.s"),   // lf.sfne.s r4,r5
            Map.entry(0xc804_280a, "lf.sfgt.s"),   // lf.sfgt.s r4,r5
            Map.entry(0xc804_280b, "lf.sfge.s"),   // lf.sfge.s r4,r5
            Map.entry(0xc804_280c, "lf.sflt.s"),   // lf.sflt.s r4,r5
            Map.entry(0xc804_280d, "lf.sfle.s"),   // lf.sfle.s r4,r5
            Map.entry(0xc804_2828, "lf.sfueq.s"),   // lf.sfueq.s r4,r5
            Map.entry(0xc804_2829, "lf.sfune.s"),   // lf.sfune.s r4,r5
            Map.entry(0xc804_282a, "lf.sfugt.s"),   // lf.sfugt.s r4,r5
            Map.entry(0xc804_282b, "lf.sfuge.s"),   // lf.sfuge.s r4,r5
            Map.entry(0xc804_282c, "lf.sfult.s"),   // lf.sfult.s r4,r5
            Map.entry(0xc804_282d, "lf.sfule.s"),   // lf.sfule.s r4,r5
            Map.entry(0xc804_282e, "lf.sfun.s")   // lf.sfun.s r4,r5
    );

    @Test
    void everyAssembledWordDecodesToItsMnemonic() {
        for (Map.Entry<Integer, String> e : ASSEMBLED) {
            assertEquals(e.getValue(), decoder.decode(e.getKey()).mnemonic(), "0x%08x".formatted(e.getKey()));
        }
    }

    @Test
    void everyTableRowIsCoveredByAnAssembledWord() {
        Set<String> seen = new HashSet<>();
        for (Map.Entry<Integer, String> e : ASSEMBLED) seen.add(e.getValue());
        for (Or1kIsa.Pattern p : Or1kIsa.patterns()) assertTrue(seen.contains(p.mnemonic()), p.mnemonic());
    }

    @Test
    void tableHasNoOverlappingPatterns() {
        assertEquals(List.of(), Or1kIsa.overlaps());
    }

    @Test
    void registerRegisterFieldsAreExtracted() {
        Or1kDecoded d = decoder.decode(0xe064_2800);  // l.add r3,r4,r5
        assertEquals(3, d.rd());
        assertEquals(4, d.ra());
        assertEquals(5, d.rb());
    }

    @Test
    void addiSignExtendsItsImmediate() {
        assertEquals(-2, decoder.decode(0x9c64_fffe).imm());  // l.addi r3,r4,-2
    }

    @Test
    void oriZeroExtendsItsImmediate() {
        assertEquals(0xffff, decoder.decode(0xa864_ffff).imm());  // l.ori r3,r4,0xffff
    }

    @Test
    void storeImmediateIsSplitAndSignExtended() {
        Or1kDecoded d = decoder.decode(0xd7e4_2ffc);  // l.sw -4(r4),r5
        assertEquals(-4, d.imm());
        assertEquals(4, d.ra());
        assertEquals(5, d.rb());
        assertEquals(32767, decoder.decode(0xdde4_2fff).imm());  // l.sh 32767(r4),r5
    }

    @Test
    void mtsprImmediateIsSplitAndZeroExtended() {
        assertEquals(0xffff, decoder.decode(0xc3e0_2fff).imm());  // l.mtspr r0,r5,0xffff
        assertEquals(0x11, decoder.decode(0xc004_2811).imm());    // l.mtspr r4,r5,0x11
    }

    @Test
    void branchOffsetIsInWordsAndSignExtended() {
        assertEquals(-4, decoder.decode(0x13ff_ffff).imm());  // l.bf .-4
        assertEquals(8, decoder.decode(0x0000_0002).imm());   // l.j .+8
    }

    @Test
    void shiftAmountIsTheLowSixBits() {
        assertEquals(3, decoder.decode(0xb864_0083).imm());  // l.srai r3,r4,3
    }

    @Test
    void reservedEncodingsAreIllegal() {
        assertEquals(Or1kIsa.ILLEGAL, decoder.decode(0xffff_ffff).op());
        assertEquals(Or1kIsa.ILLEGAL, decoder.decode(0xe064_2b07).op());  // l.muld: not implemented (no MAC unit)
        assertEquals(Or1kIsa.ILLEGAL, decoder.decode(0xc864_0010).op());  // lf.add.d: no ORFPX64
    }
}
