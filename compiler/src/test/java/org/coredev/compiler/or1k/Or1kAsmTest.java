package org.coredev.compiler.or1k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coredev.compiler.backend.Fixup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every form Or1kAsm writes, as binutils' or1k-elf-objdump (Debian's gcc-or1k-elf) disassembles it. */
class Or1kAsmTest {
    @TempDir Path dir;

    /** The disassembly of the code, one "mnemonic operands" line per word. */
    private List<String> disassemble(byte[] code) throws IOException, InterruptedException {
        Path bin = dir.resolve("code.bin");
        Files.write(bin, code);
        Process p;
        try {
            p = new ProcessBuilder("or1k-elf-objdump", "-D", "-b", "binary", "-m", "or1k", "-EB", bin.toString()).start();
        } catch (IOException e) {
            throw new AssertionError("or1k-elf-objdump not found: install the Debian package gcc-or1k-elf", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] cols = line.split("\t");
            if (cols.length >= 3 && cols[0].trim().endsWith(":")) lines.add(cols[2].trim().replaceAll("\\s+", " "));
        }
        return lines;
    }

    @Test
    void everyFormDisassemblesAsWritten() throws Exception {
        Or1kAsm a = new Or1kAsm();
        a.addi(1, 1, -16);
        a.andi(3, 14, 0xffff);
        a.ori(4, 0, 0x8001);
        a.movhi(5, 0x1234);
        a.slli(6, 7, 3);
        a.srli(6, 7, 16);
        a.srai(6, 7, 31);
        for (String op : List.of("add", "sub", "and", "or", "xor", "sll", "srl", "sra", "cmov", "mul", "div", "divu"))
            a.alu(op, 11, 12, 13);
        a.sf("ne", 14, 0);
        a.sf("lts", 3, 4);
        a.sf("ltu", 3, 4);
        a.lwz(9, 1, 20);
        a.lbz(3, 16, -1);
        a.sw(9, 1, 20);
        a.sb(3, 16, -32768);
        a.jalr(13);
        a.ret();
        a.trap();
        List<String> d = disassemble(a.finish());
        assertEquals(List.of("l.addi r1,r1,-16", "l.andi r3,r14,0xffff", "l.ori r4,r0,0x8001", "l.movhi r5,0x1234",
                "l.slli r6,r7,0x3", "l.srli r6,r7,0x10", "l.srai r6,r7,0x1f",
                "l.add r11,r12,r13", "l.sub r11,r12,r13", "l.and r11,r12,r13", "l.or r11,r12,r13", "l.xor r11,r12,r13",
                "l.sll r11,r12,r13", "l.srl r11,r12,r13", "l.sra r11,r12,r13", "l.cmov r11,r12,r13", "l.mul r11,r12,r13",
                "l.div r11,r12,r13", "l.divu r11,r12,r13",
                "l.sfne r14,r0", "l.sflts r3,r4", "l.sfltu r3,r4",
                "l.lwz r9,20(r1)", "l.lbz r3,-1(r16)", "l.sw 20(r1),r9", "l.sb -32768(r16),r3",
                "l.jalr r13", "l.nop 0x0", "l.jr r9", "l.nop 0x0", "l.trap 0x0"), d);
    }

    @Test
    void constantsTakeOneOrTwoInstructions() throws Exception {
        Or1kAsm a = new Or1kAsm();
        a.li(3, -5);
        a.li(4, 0x0005_0000);
        a.li(5, 0x8765_4321);
        assertEquals(List.of("l.addi r3,r0,-5", "l.movhi r4,0x5", "l.movhi r5,0x8765", "l.ori r5,r5,0x4321"),
                disassemble(a.finish()));
    }

    @Test
    void branchesToLabelsCountWordsFromTheBranchAndFillTheirDelaySlots() throws Exception {
        Or1kAsm a = new Or1kAsm();
        int top = a.newLabel(), end = a.newLabel();
        a.bind(top);
        a.branchIfFlag(end);   // at 0: to 16, four words on
        a.jump(top);           // at 8: back to 0, two words
        a.bind(end);
        a.nop();
        byte[] code = a.finish();
        assertEquals(0x1000_0004, Or1kAsm.readWord(code, 0));
        assertEquals(0x03ff_fffe, Or1kAsm.readWord(code, 8));
        List<String> mnemonics = disassemble(code).stream().map(s -> s.split(" ")[0]).toList();
        assertEquals(List.of("l.bf", "l.nop", "l.j", "l.nop", "l.nop"), mnemonics);
    }

    @Test
    void aPcRelativeAddressCountsFromTheLinkOfItsJal() {
        Or1kAsm a = new Or1kAsm();
        a.addi(0, 0, 0);
        a.addressOf(3, "table");
        byte[] code = a.finish();
        Fixup f = a.fixups().getFirst();
        assertEquals(new Fixup(4, Fixup.Kind.PCREL_ADDR, "table"), f);
        // The symbol 0x12340 bytes after the fixup's l.jal: r9 = its place + 8, so 0x12338 is added.
        Or1kAsm.patch(code, f, 0x12340);
        assertEquals(0x0400_0002, Or1kAsm.readWord(code, 4));                 // l.jal +8
        assertEquals(0x1860_0001, Or1kAsm.readWord(code, 8));                 // l.movhi r3,0x1 (delay slot)
        assertEquals(0xa863_2338, Or1kAsm.readWord(code, 12));                // l.ori r3,r3,0x2338
        assertEquals(0xe063_4800, Or1kAsm.readWord(code, 16));                // l.add r3,r3,r9
    }

    @Test
    void aCallIsPatchedWithItsWordDistance() {
        Or1kAsm a = new Or1kAsm();
        a.call("f");
        byte[] code = a.finish();
        Or1kAsm.patch(code, a.fixups().getFirst(), -0x40);
        assertEquals(0x0400_0000 | (-0x10 & 0x03ff_ffff), Or1kAsm.readWord(code, 0));
    }
}
