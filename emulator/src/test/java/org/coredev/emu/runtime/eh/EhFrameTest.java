package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.loader.LoadedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .eh_frame / .eh_frame_hdr parsing and CFA programs, checked against llvm-dwarfdump and hand-made tables. */
class EhFrameTest {
    private static final Pattern FDE = Pattern.compile("^[0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8} FDE cie=[0-9a-f]{8} pc=([0-9a-f]{8})\\.\\.\\.([0-9a-f]{8})$");
    private static final Pattern ROW = Pattern.compile("^  0x([0-9a-f]+): CFA=X(\\d+)([+-]\\d+)?(?:: (.*))?$");
    private static final Pattern RULE = Pattern.compile("(X(\\d+)|F(\\d+)_H)=\\[CFA([+-]\\d+)]");

    private static String dwarfdump(String file) throws Exception {
        return EhMachine.tool("llvm", "llvm-dwarfdump", "--eh-frame", file);
    }

    private static EhMachine loaded(String file) throws Exception {
        EhMachine m = new EhMachine(file.contains("rv32g") ? Rv32Cpu.Variant.RV32G : Rv32Cpu.Variant.RV32IMA);
        for (String name : List.of("probe", "kernel_raise", "note", "entered", "__cxa_begin_catch", "__cxa_end_catch",
                "_Unwind_Resume", "_ZSt9terminatev", "__gxx_personality_v0")) {
            m.export(name, "i(i)", a -> 0);
        }
        m.load(file);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"frames-rv32g.elf", "frames-rv32ima.elf", "catch-rv32g.elf", "catch-rv32ima.elf"})
    void fdeRangesMatchLlvmDwarfdump(String file) throws Exception {
        EhMachine m = loaded(file);
        LoadedImage image = m.image;
        List<long[]> expected = new ArrayList<>();
        for (String line : dwarfdump(file).split("\n")) {
            Matcher f = FDE.matcher(line);
            if (f.matches()) expected.add(new long[] {Long.parseLong(f.group(1), 16), Long.parseLong(f.group(2), 16)});
        }
        EhFrame frames = m.tables.framesAt(image.base() + (int) expected.getFirst()[0]).orElseThrow();
        assertTrue(frames.hasSearchTable());
        List<EhFrame.Fde> fdes = frames.fdes();
        assertEquals(expected.size(), fdes.size());
        for (int k = 0; k < fdes.size(); k++) {
            assertEquals(expected.get(k)[0], fdes.get(k).pcBegin() - image.base(), "FDE " + k + " start");
            assertEquals(expected.get(k)[1], fdes.get(k).pcEnd() - image.base(), "FDE " + k + " end");
            // the header's binary search finds each FDE at both ends of its range
            assertEquals(fdes.get(k), frames.find(fdes.get(k).pcBegin()).orElseThrow());
            assertEquals(fdes.get(k), frames.find(fdes.get(k).pcEnd() - 1).orElseThrow());
        }
        assertTrue(frames.find(image.base()).isEmpty(), "no FDE covers the image's first byte");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frames-rv32g.elf", "frames-rv32ima.elf", "catch-rv32g.elf"})
    void cfaRowsMatchLlvmDwarfdump(String file) throws Exception {
        EhMachine m = loaded(file);
        int base = m.image.base();
        EhFrame.Fde fde = null;
        int rows = 0;
        for (String line : dwarfdump(file).split("\n")) {
            Matcher f = FDE.matcher(line);
            if (f.matches()) {
                fde = m.tables.find(base + Integer.parseInt(f.group(1), 16)).orElseThrow();
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (!r.matches() || fde == null) continue;
            int at = base + Integer.parseInt(r.group(1), 16);
            Cfi.Row row = Cfi.rowFor(m.memory, fde, at);
            int offset = r.group(3) == null ? 0 : Integer.parseInt(r.group(3));
            assertEquals(new Cfi.RegisterOffset(Integer.parseInt(r.group(2)), offset), row.cfa(), line);
            Cfi.Rule[] expected = new Cfi.Rule[RegisterState.COLUMNS];
            java.util.Arrays.fill(expected, new Cfi.SameValue());
            if (r.group(4) != null) {
                Matcher rule = RULE.matcher(r.group(4));
                while (rule.find()) {
                    int column = rule.group(2) != null ? Integer.parseInt(rule.group(2)) : 32 + Integer.parseInt(rule.group(3));
                    expected[column] = new Cfi.Offset(Integer.parseInt(rule.group(4)));
                }
            }
            assertEquals(List.of(expected), List.of(row.rules()), line);
            rows++;
        }
        assertTrue(rows >= 10, "compared " + rows + " rows");
    }

    @Test
    void headerWithoutSearchTableFallsBackToScanning() throws Exception {
        EhMachine m = loaded("frames-rv32ima.elf");
        int hdr = EhMachine.RAM + 0x100;
        m.memory.store8(hdr, 1);
        m.memory.store8(hdr + 1, DwarfReader.PE_UDATA4);  // absolute .eh_frame pointer
        m.memory.store8(hdr + 2, DwarfReader.PE_OMIT);    // no count, no table
        m.memory.store8(hdr + 3, DwarfReader.PE_OMIT);
        m.memory.store32(hdr + 4, m.image.ehFrame().orElseThrow());
        EhFrame frames = EhFrame.fromHeader(m.memory, hdr, 8, m.image.end());
        assertFalse(frames.hasSearchTable());
        int leaf = m.image.entry("leaf");
        assertEquals(leaf, frames.find(leaf + 8).orElseThrow().pcBegin());
        assertEquals(m.tables.find(leaf + 8), frames.find(leaf + 8));
    }

    @Test
    void headerWithAnUnknownVersionIsMalformed() throws Exception {
        EhMachine m = loaded("frames-rv32ima.elf");
        var hdr = m.image.ehFrameHdr().orElseThrow();
        m.memory.store8(hdr.address(), 2);
        EhException e = assertThrows(EhException.class, () -> EhFrame.fromHeader(m.memory, hdr.address(), hdr.size(), m.image.end()));
        assertEquals(".eh_frame_hdr at 0x%08x: version 2, expected 1".formatted(hdr.address()), e.getMessage());
    }

    @Test
    void returnAddressesSymbolizeAtTheCall() throws Exception {
        EhMachine m = loaded("frames-rv32ima.elf");
        int leaf = m.image.entry("leaf"), framed = m.image.entry("framed");
        assertEquals("leaf+0x8", m.tables.symbolize(leaf + 8, true));
        assertEquals("leaf+0x8", m.tables.symbolize(leaf + 8, false));
        // a call that ends leaf returns to framed's first byte: still leaf's
        assertEquals("leaf+0x%x".formatted(framed - leaf), m.tables.symbolize(framed, true));
        assertEquals("framed", m.tables.symbolize(framed, false));
        assertEquals("0x00000010", m.tables.symbolize(0x10, true));
    }

    // ---- hand-made tables ----

    private static final int TABLE = EhMachine.RAM + 0x8000, CODE = 0x1000;

    /** Writes a CIE (zR, pcrel|sdata4, data alignment -4, ra column 1, CFA = sp) and one FDE with {@code program}. */
    private static EhFrame table(EhMachine m, int... program) {
        return table(m, false, program);
    }

    /** As {@link #table(EhMachine, int...)}; {@code signal} adds the 'S' augmentation. FDE program at {@link #fdeProgram}. */
    private static EhFrame table(EhMachine m, boolean signal, int... program) {
        List<Integer> cie = new ArrayList<>(List.of(0, 0, 0, 0, 1, (int) 'z', (int) 'R'));
        if (signal) cie.add((int) 'S');
        cie.addAll(List.of(0, 1, 0x7c, 1, 1, 0x1b, 0x0c, 2, 0));
        while (cie.size() % 4 != 0) cie.add(0);  // DW_CFA_nop padding
        int at = TABLE;
        m.memory.store32(at, cie.size());
        for (int k = 0; k < cie.size(); k++) m.memory.store8(at + 4 + k, cie.get(k));
        at += 4 + cie.size();
        int fde = at;
        int fdeLength = 4 + 4 + 4 + 1 + program.length;
        int padded = (fdeLength + 3) & ~3;
        m.memory.store32(at, padded);
        m.memory.store32(at + 4, at + 4 - TABLE);
        m.memory.store32(at + 8, CODE - (at + 8));
        m.memory.store32(at + 12, 0x100);
        m.memory.store8(at + 16, 0);
        for (int k = 0; k < program.length; k++) m.memory.store8(at + 17 + k, program[k]);
        for (int k = fdeLength; k < padded; k++) m.memory.store8(at + 4 + k, 0);
        m.memory.store32(fde + 4 + padded, 0);  // terminator
        return EhFrame.fromSection(m.memory, TABLE, TABLE + 0x1000);
    }

    /** Address of byte {@code index} of the FDE program written by {@link #table} (no 'S'). */
    private static int fdeProgram(int index) { return TABLE + 20 + 17 + index; }

    private static Cfi.Row row(EhMachine m, EhFrame frames, int pc) {
        return Cfi.rowFor(m.memory, frames.find(pc).orElseThrow(), pc);
    }

    @Test
    void rememberAndRestoreStateBringBackRulesButNotTheLocation() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m,
                0x44, 0x0e, 16,          // advance 4; def_cfa_offset 16
                0x81, 1,                 // offset ra at cfa-4
                0x0a,                    // remember_state
                0x44, 0xc1, 0x0e, 0,     // advance 4; restore ra; def_cfa_offset 0
                0x44, 0x0b);             // advance 4; restore_state
        assertEquals(new Cfi.RegisterOffset(2, 16), row(m, t, CODE + 4).cfa());
        assertEquals(new Cfi.Offset(-4), row(m, t, CODE + 4).rule(1));
        assertEquals(new Cfi.SameValue(), row(m, t, CODE + 8).rule(1));
        assertEquals(new Cfi.RegisterOffset(2, 0), row(m, t, CODE + 8).cfa());
        Cfi.Row back = row(m, t, CODE + 12);
        assertEquals(new Cfi.Offset(-4), back.rule(1));
        assertEquals(new Cfi.RegisterOffset(2, 16), back.cfa());
        assertEquals(CODE + 12, back.location());
    }

    @Test
    void everyRegisterRuleKindIsDecoded() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m,
                0x02, 8,                 // advance_loc1 8
                0x09, 8, 9,              // register s0 in s1
                0x08, 18,                // same_value s2
                0x07, 19,                // undefined s3
                0x14, 20, 2,             // val_offset s4 = cfa + 2*-4
                0x10, 21, 2, 0x72, 12,   // expression s5 at [sp + 12]
                0x16, 22, 1, 0x35,       // val_expression s6 = 5
                0x05, 40, 3,             // offset_extended f8 at cfa-12
                0x11, 23, 0x7e,          // offset_extended_sf s7 at cfa + (-2)*-4 = +8
                0x03, 4, 0,              // advance_loc2 4
                0x12, 8, 0x7c,           // def_cfa_sf s0, -4*-4 = 16
                0x04, 4, 0, 0, 0,        // advance_loc4 4
                0x0f, 3, 0x72, 0x20, 0x06);  // def_cfa_expression [sp + 32]
        Cfi.Row r = row(m, t, CODE + 8);
        assertEquals(new Cfi.InRegister(9), r.rule(8));
        assertEquals(new Cfi.SameValue(), r.rule(18));
        assertEquals(new Cfi.Undefined(), r.rule(19));
        assertEquals(new Cfi.ValOffset(-8), r.rule(20));
        assertInstanceOf(Cfi.Expression.class, r.rule(21));
        assertInstanceOf(Cfi.ValExpression.class, r.rule(22));
        assertEquals(new Cfi.Offset(-12), r.rule(40));
        assertEquals(new Cfi.Offset(8), r.rule(23));
        assertEquals(new Cfi.RegisterOffset(2, 0), r.cfa());
        assertEquals(new Cfi.RegisterOffset(8, 16), row(m, t, CODE + 12).cfa());
        assertInstanceOf(Cfi.CfaExpression.class, row(m, t, CODE + 16).cfa());
    }

    @Test
    void unwindingAppliesEachRuleToTheCallersRegisters() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m,
                0x0e, 32,                // def_cfa_offset 32
                0x81, 1,                 // ra at cfa-4
                0x09, 8, 9,              // s0 in s1
                0x14, 20, 2,             // s4 = cfa - 8
                0x10, 21, 2, 0x72, 12,   // s5 at [sp + 12]
                0x16, 22, 1, 0x35,       // s6 = 5
                0x05, 40, 4);            // f8 at cfa-16
        int sp = EhMachine.RAM + 0x9000;
        RegisterState s = RegisterState.of(CODE + 0x10, false);
        s.setX(2, sp);
        s.setX(9, 0x1234);
        m.memory.store32(sp + 28, 0x4000_2000);
        m.memory.store32(sp + 12, 0x5555);
        m.memory.store64(sp + 16, 0x3ff0_0000_0000_0000L);
        RegisterState caller = Unwinder.step(s, t.find(CODE + 0x10).orElseThrow(), m.memory).orElseThrow();
        assertEquals(0x4000_2000, caller.pc());
        assertEquals(sp + 32, caller.sp());
        assertEquals(0x1234, caller.x(8));
        assertEquals(sp + 24, caller.x(20));
        assertEquals(0x5555, caller.x(21));
        assertEquals(5, caller.x(22));
        assertEquals(0x3ff0_0000_0000_0000L, caller.f(8));
        assertTrue(caller.pcIsReturnAddress());
    }

    @Test
    void lessCommonOpcodesAreDecoded() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        int setLocOperand = fdeProgram(6);
        int target = CODE + 8 - setLocOperand;  // pcrel sdata4, the FDE pointer encoding
        EhFrame t = table(m,
                0x0e, 16,                 // def_cfa_offset 16
                0x05, 8, 2,               // offset_extended s0 at cfa-8
                0x01, target & 0xff, (target >>> 8) & 0xff, (target >>> 16) & 0xff, target >>> 24,  // set_loc CODE+8
                0x06, 8,                  // restore_extended s0
                0x0d, 8,                  // def_cfa_register s0
                0x13, 0x7e,               // def_cfa_offset_sf -2 * -4 = 8
                0x15, 9, 0x7f,            // val_offset_sf s1 = cfa + 4
                0x2e, 0x10,               // GNU_args_size (ignored)
                0x2f, 18, 2);             // GNU_negative_offset_extended s2 at cfa + 8
        Cfi.Row before = row(m, t, CODE + 4);
        assertEquals(new Cfi.RegisterOffset(2, 16), before.cfa());
        assertEquals(new Cfi.Offset(-8), before.rule(8));
        Cfi.Row after = row(m, t, CODE + 8);
        assertEquals(CODE + 8, after.location());
        assertEquals(new Cfi.SameValue(), after.rule(8));
        assertEquals(new Cfi.RegisterOffset(8, 8), after.cfa());
        assertEquals(new Cfi.ValOffset(4), after.rule(9));
        assertEquals(new Cfi.Offset(8), after.rule(18));
    }

    @Test
    void callerOfASignalFrameIsLookedUpAtItsExactPc() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m, true, 0x81, 1);  // ra at cfa-4, CFA = sp
        EhFrame.Fde fde = t.find(CODE).orElseThrow();
        assertTrue(fde.cie().signalFrame());
        RegisterState s = RegisterState.of(CODE, false);
        s.setX(2, EhMachine.RAM + 0x9000);
        m.memory.store32(EhMachine.RAM + 0x9000 - 4, 0x4000_1234);
        RegisterState caller = Unwinder.step(s, fde, m.memory).orElseThrow();
        assertFalse(caller.pcIsReturnAddress());
        assertEquals(0x4000_1234, caller.lookupPc());
    }

    @Test
    void anUndefinedReturnAddressEndsTheStack() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m, 0x07, 1);
        assertTrue(Unwinder.step(RegisterState.of(CODE + 4, false), t.find(CODE + 4).orElseThrow(), m.memory).isEmpty());
    }

    @Test
    void unsupportedOpcodeNamesItsAddress() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m, 0x44, 0x3f);
        EhException e = assertThrows(EhException.class, () -> row(m, t, CODE + 8));
        assertEquals("FDE 0x40008014 program at 0x40008026: unsupported call frame instruction 0x3f", e.getMessage());
        assertEquals(0x40008026, e.address());
    }

    @Test
    void unsupportedExpressionOperatorIsReported() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m, 0x0f, 3, 0x72, 0, 0x28);  // def_cfa_expression: breg2 +0, then bra
        assertThrows(EhException.class, () -> Unwinder.step(RegisterState.of(CODE, false), t.find(CODE).orElseThrow(), m.memory));
    }

    @Test
    void restoreStateWithoutRememberIsMalformed() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame t = table(m, 0x0b);
        EhException e = assertThrows(EhException.class, () -> row(m, t, CODE));
        assertTrue(e.getMessage().contains("restore_state"), e.getMessage());
    }

    @Test
    void recordLengthPastTheLimitNamesTheRecord() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        table(m, 0);
        m.memory.store32(TABLE, 0x7000_0000);
        EhException e = assertThrows(EhException.class, () -> EhFrame.fromSection(m.memory, TABLE, TABLE + 0x1000).fdes());
        assertTrue(e.getMessage().contains(".eh_frame at 0x%08x".formatted(TABLE)), e.getMessage());
    }

    @Test
    void fdeWithABadCiePointerIsMalformed() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        table(m, 0);
        m.memory.store32(TABLE + 24, 0x100);  // the FDE's CIE pointer now points before .eh_frame
        EhException e = assertThrows(EhException.class, () -> EhFrame.fromSection(m.memory, TABLE, TABLE + 0x1000).find(CODE));
        assertEquals(".eh_frame at 0x40008014: CIE pointer 0x40007f18 lies outside .eh_frame before the FDE", e.getMessage());
    }

    @Test
    void unknownPointerEncodingIsMalformed() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        table(m, 0);
        m.memory.store8(TABLE + 16, 0x0f);  // the CIE's 'R' encoding
        EhException e = assertThrows(EhException.class, () -> EhFrame.fromSection(m.memory, TABLE, TABLE + 0x1000).find(CODE));
        assertTrue(e.getMessage().contains("pointer encoding 0x0f"), e.getMessage());
    }

    @Test
    void everyPointerEncodingDecodes() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        int at = TABLE;
        int[] bytes = {0x34, 0x12, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80, 0x01, 0x7f};
        for (int k = 0; k < bytes.length; k++) m.memory.store8(at + k, bytes[k]);
        DwarfReader.Bases bases = new DwarfReader.Bases(0x100, 0x200, 0x300);
        assertEquals(0x1234, reader(m, at).pointer(DwarfReader.PE_UDATA2, bases));
        assertEquals(0x1234 + at, reader(m, at).pointer(DwarfReader.PE_UDATA2 | DwarfReader.PE_PCREL, bases));
        assertEquals(0x1234 + 0x100, reader(m, at).pointer(DwarfReader.PE_UDATA2 | DwarfReader.PE_TEXTREL, bases));
        assertEquals(0x1234 + 0x200, reader(m, at).pointer(DwarfReader.PE_UDATA2 | DwarfReader.PE_DATAREL, bases));
        assertEquals(0x1234 + 0x300, reader(m, at).pointer(DwarfReader.PE_UDATA2 | DwarfReader.PE_FUNCREL, bases));
        assertEquals(0xfffe1234, reader(m, at).pointer(DwarfReader.PE_UDATA4, bases));
        assertEquals(0xfffe1234, reader(m, at).pointer(DwarfReader.PE_ABSPTR, bases));
        assertEquals(0xfffe1234, reader(m, at).pointer(DwarfReader.PE_SDATA4, bases));
        assertEquals(0x1234, reader(m, at).pointer(DwarfReader.PE_SDATA2, bases));
        assertEquals(0xfffe1234, reader(m, at).pointer(DwarfReader.PE_UDATA8, bases));
        assertEquals(0xfffe1234, reader(m, at).pointer(DwarfReader.PE_SDATA8, bases));
        assertEquals(0x80, reader(m, at + 10).pointer(DwarfReader.PE_ULEB128, bases));
        assertEquals(0x80, reader(m, at + 10).pointer(DwarfReader.PE_SLEB128, bases));
        assertEquals(-1, reader(m, at + 12).pointer(DwarfReader.PE_SLEB128, bases));
        m.memory.store32(TABLE + 0x40, 0xcafe_f00d);
        m.memory.store32(TABLE + 0x44, TABLE + 0x40 - (TABLE + 0x44));
        assertEquals(0xcafe_f00d, reader(m, TABLE + 0x44).pointer(DwarfReader.PE_SDATA4 | DwarfReader.PE_PCREL | DwarfReader.PE_INDIRECT, bases));
        EhException e = assertThrows(EhException.class, () -> reader(m, at).pointer(DwarfReader.PE_DATAREL | DwarfReader.PE_UDATA4, DwarfReader.Bases.NONE));
        assertTrue(e.getMessage().contains("datarel"), e.getMessage());
    }

    private static DwarfReader reader(EhMachine m, int at) {
        return new DwarfReader(m.memory, "test", at, Integer.toUnsignedLong(at) + 0x100);
    }

    /** Seeded byte flips in a real .eh_frame/.eh_frame_hdr: results or EhException only, never another exception or a hang. */
    @Test
    void corruptedTablesFailWithEhExceptionOnly() throws Exception {
        EhMachine m = loaded("frames-rv32g.elf");
        var hdr = m.image.ehFrameHdr().orElseThrow();
        int start = m.image.ehFrame().orElseThrow();
        int from = Math.min(start, hdr.address()), to = Math.max(start + 0xc0, hdr.address() + hdr.size());
        byte[] original = m.memory.read(from, to - from);
        Random random = new Random(12345);
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            m.memory.write(from, original);
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                m.memory.store8(from + random.nextInt(to - from), random.nextInt(256));
            }
            try {
                EhFrame frames = EhFrame.fromHeader(m.memory, hdr.address(), hdr.size(), m.image.end());
                for (int pc = m.image.base() + 0x1300; pc < m.image.base() + 0x1700; pc += 4) {
                    var fde = frames.find(pc);
                    if (fde.isPresent()) {
                        RegisterState s = RegisterState.of(pc, false);
                        s.setX(2, EhMachine.RAM + 0x8000);
                        Unwinder.step(s, fde.get(), m.memory);
                    }
                }
                frames.fdes();
            } catch (EhException e) {
                failures++;
                assertFalse(e.getMessage().isEmpty());
            }
        }
        assertTrue(failures > 0, "some corruptions are detected");
    }

    @Test
    void guestFaultsInsideTablesBecomeEhExceptions() {
        EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32G);
        EhFrame frames = EhFrame.fromSection(m.memory, EhMachine.RAM + EhMachine.RAM_SIZE - 2, EhMachine.RAM + EhMachine.RAM_SIZE + 0x100);
        EhException e = assertThrows(EhException.class, frames::fdes);
        assertTrue(e.getMessage().contains("unreadable memory"), e.getMessage());
    }
}
