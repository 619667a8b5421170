package org.coredev.compiler.ir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.Target;
import org.coredev.compiler.ir.Insn.Op;
import org.coredev.compiler.ir.VReg.Kind;
import org.coredev.compiler.types.Type;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Span;

/**
 * {@code core_log(...)}: ARTIQ's polymorphic_print (artiq_ir_generator.py), the values formatted
 * on the device by calls of the runtime's {@code core_log(fmt, ...)}, its printf, lowered with
 * {@link Lowering}'s primitives.
 */
final class PolymorphicPrint {
    private final Lowering lowering;
    /** NUL-terminated format strings, interned by text. */
    private final Map<String, String> cStrings = new HashMap<>();

    PolymorphicPrint(Lowering lowering) { this.lowering = lowering; }


    /**
     * The format text and variadic words of one {@code core_log(fmt, ...)} call being built. The
     * words are laid out as RISC-V's va_arg reads them after the format in a0: one word each
     * from a1 on, a 64-bit value (int64, double) in an even-odd register pair, padded to it. A
     * call is emitted when the registers are full, before a loop, and at the end; the core log
     * joins the pieces until the newline.
     */
    private final class LogFormat {
        private static final int REGISTERS = 7;   // a1-a7
        private final StringBuilder text = new StringBuilder();
        private final List<VReg> words = new ArrayList<>();

        void literal(String s) { text.append(s.replace("%", "%%")); }

        void word(String conversion, VReg w) {
            if (words.size() + 1 > REGISTERS) flush();
            text.append(conversion);
            words.add(w);
        }

        void pair(String conversion, VReg low, VReg high) {
            int pad = words.size() % 2 == 0 ? 1 : 0;   // a1 + size must be even
            if (words.size() + pad + 2 > REGISTERS) {
                flush();
                pad = 1;
            }
            if (pad == 1) words.add(lowering.word(0));
            text.append(conversion);
            words.add(low);
            words.add(high);
        }

        /** A str's bytes: {@code %.*s} takes the length, then the pointer. */
        void slice(String before, VReg sliceAddress, String after) {
            List<VReg> w = lowering.sliceWords(sliceAddress);
            if (words.size() + 2 > REGISTERS) flush();
            literal(before);
            text.append("%.*s");
            literal(after);
            words.add(w.get(1));
            words.add(w.get(0));
        }

        void flush() {
            if (text.isEmpty()) return;
            List<VReg> args = new ArrayList<>();
            VReg format = lowering.fn.newReg(Kind.W);
            lowering.emit(new Insn.AddrOf(format, cString(text.toString())));
            args.add(format);
            args.addAll(words);
            lowering.emit(new Insn.Call("core_log", true, args, List.of(lowering.fn.newReg(Kind.W))));
            text.setLength(0);
            words.clear();
        }
    }

    /** {@code core_log(a, b, ...)}: the values separated by spaces, then a newline, as ARTIQ prints them on the device. */
    void coreLog(List<Expr> args, Span at) {
        if (lowering.target == Target.OR1K)
            throw new CompileException(lowering.file, at, "core_log (and print under --testbench) is supported on RISC-V targets only yet");
        List<List<VReg>> values = new ArrayList<>();
        for (Expr a : args) values.add(lowering.copy(lowering.expr(a)));
        LogFormat f = new LogFormat();
        for (int k = 0; k < args.size(); k++) {
            if (k > 0) f.literal(" ");
            logValue(f, values.get(k), lowering.program.typeOf(args.get(k)), false, args.get(k).span());
        }
        f.literal("\n");
        f.flush();
    }

    /** One value in ARTIQ's polymorphic_print format (artiq_ir_generator.py); {@code repr} inside containers. */
    private void logValue(LogFormat f, List<VReg> v, Type t, boolean repr, Span at) {
        switch (t) {
            case Type.None n -> f.literal("None");
            case Type.Bool b -> {
                VReg text = lowering.fn.newReg(Kind.W), no = lowering.fn.newReg(Kind.W);
                lowering.emit(new Insn.AddrOf(text, lowering.string("True")));
                lowering.emit(new Insn.AddrOf(no, lowering.string("False")));
                f.slice("", lowering.select(v.getFirst(), List.of(text), List.of(no), Type.INT32).getFirst(), "");
            }
            case Type.Int i when i.width() == 64 -> f.pair("%lld", v.get(0), v.get(1));
            case Type.Int i -> f.word("%d", v.getFirst());
            case Type.Float x -> {
                List<VReg> w = v;
                if (lowering.target.hardFloat) {   // a variadic double travels in integer registers
                    VReg slot = lowering.fn.newReg(Kind.W), low = lowering.fn.newReg(Kind.W), high = lowering.fn.newReg(Kind.W);
                    lowering.emit(new Insn.SlotAddr(slot, lowering.fn.newSlot(8, 8)));
                    lowering.emit(new Insn.Store(Insn.Width.DOUBLE, v.getFirst(), slot, 0));
                    lowering.emit(new Insn.Load(Insn.Width.WORD, low, slot, 0));
                    lowering.emit(new Insn.Load(Insn.Width.WORD, high, slot, 4));
                    w = List.of(low, high);
                }
                f.pair("%g", w.get(0), w.get(1));
            }
            case Type.Str s -> f.slice(repr ? "\"" : "", v.getFirst(), repr ? "\"" : "");
            case Type.Exc x -> {
                // id(param0, param1, param2), as ARTIQ prints an exception object
                VReg e = v.getFirst();
                Lowering.ExceptionLayout l = lowering.layout();
                VReg id = lowering.fn.newReg(Kind.W);
                lowering.emit(new Insn.Load(Insn.Width.WORD, id, e, l.name()));
                f.word("%ld", id);
                for (int k = 0; k < 3; k++) {
                    VReg low = lowering.fn.newReg(Kind.W), high = lowering.fn.newReg(Kind.W);
                    lowering.emit(new Insn.Load(Insn.Width.WORD, low, e, l.params() + 8 * k));
                    lowering.emit(new Insn.Load(Insn.Width.WORD, high, e, l.params() + 8 * k + 4));
                    f.literal(k == 0 ? "(" : ", ");
                    f.pair("%lld", low, high);
                }
                f.literal(")");
            }
            case Type.TupleOf tu -> {
                f.literal("(");
                int first = 0;
                for (int k = 0; k < tu.elts().size(); k++) {
                    if (k > 0) f.literal(", ");
                    int n = lowering.registerCount(tu.elts().get(k));
                    logValue(f, v.subList(first, first + n), tu.elts().get(k), true, at);
                    first += n;
                }
                f.literal(tu.elts().size() == 1 ? ",)" : ")");
            }
            case Type.RangeOf r -> {
                int n = lowering.registerCount(r.elt());
                f.literal("range(");
                for (int k = 0; k < 3; k++) {
                    if (k > 0) f.literal(", ");
                    logValue(f, v.subList(k * n, (k + 1) * n), r.elt(), true, at);
                }
                f.literal(")");
            }
            case Type.ListOf l -> logElements(f, "[", "]", v.get(0), v.get(1), lowering.elementSize(l.elt(), at),
                    address -> lowering.loadElement(address, l.elt(), at), l.elt(), at);
            case Type.Bytes b -> {
                List<VReg> w = lowering.copy(lowering.sliceWords(v.getFirst()));
                logElements(f, b.mutable() ? "bytearray([" : "bytes([", "])", w.get(0), w.get(1), 1, address -> {
                    VReg r = lowering.fn.newReg(Kind.W);
                    lowering.emit(new Insn.Load(Insn.Width.BYTE, r, address, 0));
                    return List.of(r);
                }, Type.INT32, at);
            }
            case Type.ArrayOf a -> {
                Type row = a.dims() == 1 ? a.elt() : new Type.ArrayOf(a.elt(), a.dims() - 1);
                List<VReg> rest = v.subList(2, v.size());
                VReg rowBytes = lowering.copy(List.of(lowering.bin(Op.MUL, lowering.product(rest), lowering.word(lowering.elementSize(a.elt(), at))))).getFirst();
                logElements(f, "array([", "])", v.get(0), v.get(1), 0, address -> a.dims() == 1 ? lowering.loadElement(address, a.elt(), at)
                        : lowering.arrays.view(new ArrayLowering.ArrayPlace(address, rest)), row, at, rowBytes);
            }
            default -> throw new CompileException(lowering.file, at, "%s cannot be printed with core_log".formatted(t));
        }
    }

    private void logElements(LogFormat f, String open, String close, VReg elements, VReg count, int size,
                             java.util.function.Function<VReg, List<VReg>> load, Type elt, Span at) {
        logElements(f, open, close, elements, count, size, load, elt, at, lowering.word(size));
    }

    /** A sequence's elements between {@code open} and {@code close}, separated by ", " (a call per element, as ARTIQ's). */
    private void logElements(LogFormat f, String open, String close, VReg elements, VReg count, int size,
                             java.util.function.Function<VReg, List<VReg>> load, Type elt, Span at, VReg stride) {
        f.literal(open);
        f.flush();
        VReg last = lowering.copy(List.of(lowering.bin(Op.SUB, count, lowering.word(1)))).getFirst();
        lowering.forEachIndex(count, k -> {
            logValue(f, load.apply(lowering.bin(Op.ADD, elements, lowering.bin(Op.MUL, k, stride))), elt, true, at);
            f.flush();
            Block comma = lowering.fn.newBlock(), next = lowering.fn.newBlock();
            lowering.emit(new Insn.Branch(lowering.bin(Op.SLT, k, last), comma, next));
            lowering.cur = comma;
            f.literal(", ");
            f.flush();
            lowering.jumpTo(next);
            lowering.cur = next;
        });
        f.literal(close);
    }

    /** The symbol of a NUL-terminated C string (a printf format), interned. */
    private String cString(String text) {
        return cStrings.computeIfAbsent(text, s -> {
            String sym = "cstr." + lowering.dataCounter++;
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            lowering.module.data.add(new DataObject(sym, false, java.util.Arrays.copyOf(utf8, utf8.length + 1), 1, List.of()));
            return sym;
        });
    }
}
