package org.coredev.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.coredev.compiler.ir.Insn.Op;
import org.coredev.compiler.ir.VReg.Kind;
import org.coredev.compiler.types.Type;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;

/**
 * Numpy arrays as ARTIQ's kernels have them ({@code numpy.array(elt, num_dims)}): the value is
 * the buffer's address and one int32 length per dimension, the elements in C order in stack
 * storage that lives until the function returns, as a list's. Creation from lists and arrays,
 * indexing and views, element-wise operators with broadcast numbers, in-place operators and
 * matrix products, lowered with {@link Lowering}'s primitives.
 */
final class ArrayLowering {
    private final Lowering lowering;

    private static final String JAGGED = "arrays must be rectangular (lengths were {0} vs. {1})";

    ArrayLowering(Lowering lowering) { this.lowering = lowering; }



    /**
     * {@code array(x)}: new stack storage holding x's numbers in C order. A list's shape is read
     * down its first elements (a list of lists: the inner lists' length; a list of arrays: their
     * shape), then every element is copied in; a jagged list raises ValueError, as ARTIQ's.
     */
    List<VReg> arrayFrom(List<VReg> value, Type from, Type.ArrayOf result, Span at) {
        int size = lowering.elementSize(result.elt(), at);
        List<VReg> v = lowering.copy(value);
        List<VReg> shape = new ArrayList<>();
        List<VReg> level = v;
        Type levelType = from;
        while (true) {
            if (levelType instanceof Type.ArrayOf a) {
                shape.addAll(level.subList(1, 1 + a.dims()));
                break;
            }
            if (!(levelType instanceof Type.ListOf l)) break;
            shape.add(level.get(1));
            if (!(l.elt() instanceof Type.ListOf || l.elt() instanceof Type.ArrayOf)) break;
            // Down through element 0; an empty list has nothing below it (lengths 0).
            List<VReg> first = lowering.newVal(l.elt());
            Block some = lowering.fn.newBlock(), none = lowering.fn.newBlock(), join = lowering.fn.newBlock();
            lowering.emit(new Insn.Branch(level.get(1), some, none));
            lowering.cur = some;
            lowering.moveAll(first, lowering.loadElement(level.get(0), l.elt(), at));
            lowering.jumpTo(join);
            lowering.cur = none;
            for (VReg r : first) lowering.assignZero(r);
            lowering.jumpTo(join);
            lowering.cur = join;
            level = first;
            levelType = l.elt();
        }
        shape = lowering.copy(shape);
        VReg buffer = lowering.alloca(lowering.bin(Op.MUL, lowering.product(shape), lowering.word(size)));
        VReg cursor = lowering.copy(List.of(buffer)).getFirst();
        fillArray(v, from, 0, shape, cursor, result.elt(), at);
        List<VReg> out = new ArrayList<>(List.of(buffer));
        out.addAll(shape);
        return out;
    }

    /** Copies the numbers of {@code value} (at depth {@code level} of the new array) to {@code cursor}, advancing it. */
    void fillArray(List<VReg> value, Type t, int level, List<VReg> shape, VReg cursor, Type elt, Span at) {
        int size = lowering.elementSize(elt, at);
        switch (t) {
            case Type.ListOf l -> {
                if (level > 0) requireEqual(value.get(1), shape.get(level), "ValueError", JAGGED, at);
                int stride = lowering.elementSize(l.elt(), at);
                VReg elements = value.get(0);
                lowering.forEachIndex(value.get(1), k -> fillArray(lowering.copy(lowering.loadElement(lowering.bin(Op.ADD, elements, lowering.bin(Op.MUL, k, lowering.word(stride))), l.elt(), at)),
                        l.elt(), level + 1, shape, cursor, elt, at));
            }
            case Type.ArrayOf a -> {
                for (int d = 0; d < a.dims(); d++)
                    if (level + d > 0) requireEqual(value.get(1 + d), shape.get(level + d), "ValueError", JAGGED, at);
                VReg bytes = lowering.copy(List.of(lowering.bin(Op.MUL, lowering.product(value.subList(1, 1 + a.dims())), lowering.word(size)))).getFirst();
                if (size % 4 == 0) lowering.copyMemory(cursor, value.get(0), lowering.bin(Op.SRL, bytes, lowering.word(2)), 4);
                else lowering.copyMemory(cursor, value.get(0), bytes, 1);
                lowering.emit(new Insn.Move(cursor, lowering.bin(Op.ADD, cursor, bytes)));
            }
            default -> {
                lowering.storeElement(cursor, 0, lowering.coerce(value, t, elt), elt);
                lowering.emit(new Insn.Move(cursor, lowering.bin(Op.ADD, cursor, lowering.word(size))));
            }
        }
    }

    /** Raises {@code exception} with {@code message} and the two lengths unless they are equal. */
    private void requireEqual(VReg a, VReg b, String exception, String message, Span at) {
        Block bad = lowering.fn.newBlock(), ok = lowering.fn.newBlock();
        lowering.emit(new Insn.Branch(lowering.bin(Op.XOR, a, b), bad, ok));
        lowering.cur = bad;
        lowering.raise(exception, message, at, List.of(lowering.param(a), lowering.param(b)));
        lowering.cur = ok;
    }

    /** Where an index expression of an array points: an element, or the start of a sub-array of {@code shape}. */
    record ArrayPlace(VReg address, List<VReg> shape) { }

    /**
     * {@code a[i]}, {@code a[i, j, ...]}: each index counted from the end if negative, checked
     * against its dimension (IndexError, with ARTIQ's message), the offset in C order.
     */
    ArrayPlace arrayPlace(Expr.Subscript sub, Type.ArrayOf a) {
        List<VReg> v = lowering.copy(lowering.expr(sub.value()));
        List<Expr> indices = sub.slice() instanceof Expr.Tuple t ? t.elts() : List.of(sub.slice());
        VReg offset = lowering.word(0);
        for (int d = 0; d < indices.size(); d++) {
            Expr index = indices.get(d);
            VReg length = v.get(1 + d);
            VReg i = lowering.checkedIndex(lowering.coerce(lowering.expr(index), lowering.program.typeOf(index), Type.INT32), length,
                    Lowering.INDEX_OUT_OF_BOUNDS, true, index.span());
            offset = lowering.bin(Op.ADD, lowering.bin(Op.MUL, offset, length), i);
        }
        List<VReg> rest = v.subList(1 + indices.size(), v.size());
        VReg bytes = lowering.bin(Op.MUL, lowering.bin(Op.MUL, offset, lowering.product(rest)), lowering.word(lowering.elementSize(a.elt(), sub.span())));
        return new ArrayPlace(lowering.bin(Op.ADD, v.get(0), bytes), rest);
    }

    /** The sub-array at a place, sharing its parent's buffer (numpy's view). */
    List<VReg> view(ArrayPlace p) {
        List<VReg> out = new ArrayList<>(List.of(p.address()));
        out.addAll(p.shape());
        return lowering.copy(out);
    }

    /** {@code a[lo:hi]}: the rows lo..hi as a view of a's buffer, bounds adjusted as Python's. */
    List<VReg> arraySlice(Expr.Subscript sub, Expr.Slice sl, Type.ArrayOf a) {
        List<VReg> v = lowering.copy(lowering.expr(sub.value()));
        VReg n = v.get(1);
        VReg lo = sl.lower() == null ? lowering.word(0) : lowering.sliceBound(lowering.coerce(lowering.expr(sl.lower()), lowering.program.typeOf(sl.lower()), Type.INT32).getFirst(), n, lowering.word(1));
        VReg hi = sl.upper() == null ? n : lowering.sliceBound(lowering.coerce(lowering.expr(sl.upper()), lowering.program.typeOf(sl.upper()), Type.INT32).getFirst(), n, lowering.word(1));
        VReg count = lowering.bin(Op.SUB, hi, lo);
        count = lowering.bin(Op.AND, count, lowering.bin(Op.SUB, lowering.bin(Op.SLT, count, lowering.word(0)), lowering.word(1)));   // max(0, hi - lo)
        VReg rowBytes = lowering.bin(Op.MUL, lowering.product(v.subList(2, v.size())), lowering.word(lowering.elementSize(a.elt(), sub.span())));
        List<VReg> out = new ArrayList<>(List.of(lowering.bin(Op.ADD, v.get(0), lowering.bin(Op.MUL, lo, rowBytes)), count));
        out.addAll(v.subList(2, v.size()));
        return lowering.copy(out);
    }

    /** for x in an array: its elements, or for more dimensions its rows (views); the first dimension as the loop began. */
    void arrayLoop(List<VReg> array, Type.ArrayOf a, Expr.Name target, Span at, List<Stmt> orelse, Runnable body) {
        Type row = a.dims() == 1 ? a.elt() : new Type.ArrayOf(a.elt(), a.dims() - 1);
        VReg rowBytes = lowering.copy(List.of(lowering.bin(Op.MUL, lowering.product(array.subList(2, array.size())), lowering.word(lowering.elementSize(a.elt(), at))))).getFirst();
        lowering.indexLoop(array.get(1), i -> {
            VReg address = lowering.bin(Op.ADD, array.get(0), lowering.bin(Op.MUL, i, rowBytes));
            if (a.dims() == 1) lowering.store(target, lowering.loadElement(address, a.elt(), at), row);
            else lowering.store(target, view(new ArrayPlace(address, array.subList(2, array.size()))), row);
        }, orelse, body);
    }

    /**
     * An operator element by element: two arrays of one shape (ValueError otherwise, as ARTIQ's
     * runtime check), or an array and a number given to every element. The result goes to new
     * storage, or with {@code into} (an in-place {@code a op= b}) over the elements at that buffer.
     */
    List<VReg> arrayBinary(Operator op, List<VReg> a, Type at, List<VReg> b, Type bt, Type.ArrayOf result, VReg into, Span span) {
        List<VReg> x = lowering.copy(a), y = lowering.copy(b);
        Type ex = at instanceof Type.ArrayOf p ? p.elt() : at, ey = bt instanceof Type.ArrayOf q ? q.elt() : bt;
        List<VReg> shape = at instanceof Type.ArrayOf ? x.subList(1, x.size()) : y.subList(1, y.size());
        if (at instanceof Type.ArrayOf && bt instanceof Type.ArrayOf)
            for (int d = 0; d < result.dims(); d++) {
                Block bad = lowering.fn.newBlock(), ok = lowering.fn.newBlock();
                lowering.emit(new Insn.Branch(lowering.bin(Op.XOR, x.get(1 + d), y.get(1 + d)), bad, ok));
                lowering.cur = bad;
                lowering.raise("ValueError", "operands could not be broadcast together", span);
                lowering.cur = ok;
            }
        Type elt = into == null ? result.elt() : ((Type.ArrayOf) at).elt();
        int sx = lowering.elementSize(ex, span), sy = lowering.elementSize(ey, span), sr = lowering.elementSize(elt, span);
        Type scalar = Lowering.arithmeticType(op, ex, ey);
        VReg total = lowering.copy(List.of(lowering.product(shape))).getFirst();
        VReg out = into != null ? into : lowering.alloca(lowering.bin(Op.MUL, total, lowering.word(sr)));
        lowering.forEachIndex(total, k -> {
            List<VReg> l = at instanceof Type.ArrayOf ? lowering.loadElement(lowering.bin(Op.ADD, x.get(0), lowering.bin(Op.MUL, k, lowering.word(sx))), ex, span) : x;
            List<VReg> r = bt instanceof Type.ArrayOf ? lowering.loadElement(lowering.bin(Op.ADD, y.get(0), lowering.bin(Op.MUL, k, lowering.word(sy))), ey, span) : y;
            List<VReg> value = lowering.coerce(lowering.binary(op, l, ex, r, ey, scalar, span), scalar, elt);
            lowering.storeElement(lowering.bin(Op.ADD, out, lowering.bin(Op.MUL, k, lowering.word(sr))), 0, value, elt);
        });
        List<VReg> value = new ArrayList<>(List.of(out));
        value.addAll(shape);
        return lowering.copy(value);
    }

    /** {@code +a}, {@code -a}, {@code ~a}: a new array, element by element. */
    List<VReg> arrayUnary(UnaryOpKind op, List<VReg> a, Type.ArrayOf t) {
        List<VReg> x = lowering.copy(a);
        int size = lowering.elementSize(t.elt(), null);
        VReg total = lowering.copy(List.of(lowering.product(x.subList(1, x.size())))).getFirst();
        VReg out = lowering.alloca(lowering.bin(Op.MUL, total, lowering.word(size)));
        lowering.forEachIndex(total, k -> {
            List<VReg> e = lowering.loadElement(lowering.bin(Op.ADD, x.get(0), lowering.bin(Op.MUL, k, lowering.word(size))), t.elt(), null);
            List<VReg> r = switch (op) {
                case USUB -> lowering.negate(e, t.elt());
                case INVERT -> e.stream().map(w -> lowering.bin(Op.XOR, w, lowering.word(-1))).toList();
                default -> e;
            };
            lowering.storeElement(lowering.bin(Op.ADD, out, lowering.bin(Op.MUL, k, lowering.word(size))), 0, r, t.elt());
        });
        List<VReg> value = new ArrayList<>(List.of(out));
        value.addAll(x.subList(1, x.size()));
        return lowering.copy(value);
    }

    /**
     * {@code a @ b} of vectors and matrices (numpy.matmul): a vector on the left is one row, on
     * the right one column; the inner lengths must agree (ValueError, ARTIQ's message). Two
     * vectors give their dot product.
     */
    List<VReg> matrixProduct(List<VReg> a, Type.ArrayOf at, List<VReg> b, Type.ArrayOf bt, Type result, Span span) {
        List<VReg> x = lowering.copy(a), y = lowering.copy(b);
        Type elt = at.elt();
        int size = lowering.elementSize(elt, span);
        VReg rows = at.dims() == 2 ? x.get(1) : lowering.word(1), inner = at.dims() == 2 ? x.get(2) : x.get(1);
        VReg innerB = y.get(1), cols = bt.dims() == 2 ? y.get(2) : lowering.word(1);
        Block bad = lowering.fn.newBlock(), ok = lowering.fn.newBlock();
        lowering.emit(new Insn.Branch(lowering.bin(Op.XOR, inner, innerB), bad, ok));
        lowering.cur = bad;
        lowering.raise("ValueError", "inner dimensions for matrix multiplication do not match ({0} vs. {1})", span, List.of(lowering.param(inner), lowering.param(innerB)));
        lowering.cur = ok;
        VReg out = lowering.alloca(lowering.bin(Op.MUL, lowering.bin(Op.MUL, rows, cols), lowering.word(size)));
        lowering.forEachIndex(rows, i -> lowering.forEachIndex(cols, j -> {
            List<VReg> sum = lowering.copy(lowering.constant(elt, 0));
            lowering.forEachIndex(inner, k -> {
                List<VReg> l = lowering.loadElement(lowering.bin(Op.ADD, x.get(0), lowering.bin(Op.MUL, lowering.bin(Op.ADD, lowering.bin(Op.MUL, i, inner), k), lowering.word(size))), elt, span);
                List<VReg> r = lowering.loadElement(lowering.bin(Op.ADD, y.get(0), lowering.bin(Op.MUL, lowering.bin(Op.ADD, lowering.bin(Op.MUL, k, cols), j), lowering.word(size))), elt, span);
                lowering.moveAll(sum, lowering.binary(Operator.ADD, sum, elt, lowering.binary(Operator.MULT, l, elt, r, elt, elt, span), elt, elt, span));
            });
            lowering.storeElement(lowering.bin(Op.ADD, out, lowering.bin(Op.MUL, lowering.bin(Op.ADD, lowering.bin(Op.MUL, i, cols), j), lowering.word(size))), 0, sum, elt);
        }));
        if (!(result instanceof Type.ArrayOf)) return lowering.loadElement(out, elt, span);   // vector @ vector
        List<VReg> value = new ArrayList<>(List.of(out));
        if (at.dims() == 2) value.add(rows);
        if (bt.dims() == 2) value.add(cols);
        return lowering.copy(value);
    }
}
