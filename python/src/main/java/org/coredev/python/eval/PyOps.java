package org.coredev.python.eval;

import org.coredev.python.ast.Ops.Operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's binary operators on built-in values: ints of any size, floats with Python's floor
 * division and modulo, sequence concatenation and repetition, set and dict operators, and
 * %-formatting of strings. User-class operators ({@code __add__}...) are tried by the interpreter first.
 */
public final class PyOps {
    /** Largest collection a repetition may build, so a typo cannot exhaust memory. */
    private static final long MAX_ITEMS = 50_000_000L;
    /** Largest int result of {@code **} or {@code <<}, in bits. */
    private static final long MAX_BITS = 1_000_000L;

    private PyOps() { }

    /** Applies {@code a op b}, or raises TypeError. */
    public static Object binary(Operator op, Object a, Object b) {
        if (Py.isInt(a) && Py.isInt(b)) return intOp(op, a, b);
        if (Py.isNumber(a) && Py.isNumber(b)) return floatOp(op, Py.toDouble(a), Py.toDouble(b));
        switch (op) {
            case ADD -> {
                if (a instanceof String s && b instanceof String t) return s.concat(t);
                if (a instanceof PyList l && b instanceof PyList m) {
                    PyList r = new PyList(l.items);
                    r.items.addAll(m.items);
                    return r;
                }
                if (a instanceof PyTuple t && b instanceof PyTuple u) {
                    List<Object> r = new ArrayList<>(t.items());
                    r.addAll(u.items());
                    return new PyTuple(r);
                }
            }
            case MULT -> {
                if (Py.isInt(b) && !Py.isInt(a)) { Object r = repeat(a, b); if (r != null) return r; }
                if (Py.isInt(a) && !Py.isInt(b)) { Object r = repeat(b, a); if (r != null) return r; }
            }
            case MOD -> {
                if (a instanceof String s) return PyFormat.percent(s, b);
            }
            case BITOR, BITAND, BITXOR, SUB -> {
                if (a instanceof PySet s && b instanceof PySet t) return setOp(op, s, t);
                if (op == Operator.BITOR && a instanceof PyDict d && b instanceof PyDict e) {
                    PyDict r = new PyDict();
                    r.map.putAll(d.map);
                    r.map.putAll(e.map);
                    return r;
                }
            }
            default -> { }
        }
        throw PyRaise.typeError("unsupported operand type(s) for " + op.symbol + ": '" + Py.typeName(a) + "' and '"
                + Py.typeName(b) + "'");
    }

    private static Object repeat(Object seq, Object count) {
        long n = Math.max(0, Py.toLong(count));
        if (!(seq instanceof String || seq instanceof PyList || seq instanceof PyTuple)) return null;
        long size = Py.len(seq);
        if (size * n > MAX_ITEMS || size > 0 && n > MAX_ITEMS) throw PyRaise.of(Types.MEMORY_ERROR, "repetition too large");
        if (seq instanceof String s) return s.repeat((int) n);
        List<Object> src = seq instanceof PyList l ? l.items : ((PyTuple) seq).items();
        List<Object> out = new ArrayList<>((int) (size * n));
        for (long i = 0; i < n; i++) out.addAll(src);
        return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
    }

    private static Object setOp(Operator op, PySet a, PySet b) {
        PySet r = new PySet(a.frozen);
        switch (op) {
            case BITOR -> { r.items.addAll(a.items); r.items.addAll(b.items); }
            case BITAND -> { for (PyKey k : a.items) if (b.items.contains(k)) r.items.add(k); }
            case SUB -> { for (PyKey k : a.items) if (!b.items.contains(k)) r.items.add(k); }
            default -> {
                for (PyKey k : a.items) if (!b.items.contains(k)) r.items.add(k);
                for (PyKey k : b.items) if (!a.items.contains(k)) r.items.add(k);
            }
        }
        return r;
    }

    private static Object intOp(Operator op, Object a, Object b) {
        boolean bools = a instanceof Boolean && b instanceof Boolean;
        if (bools) {
            boolean x = (Boolean) a, y = (Boolean) b;
            switch (op) {
                case BITAND -> { return x & y; }
                case BITOR -> { return x | y; }
                case BITXOR -> { return x ^ y; }
                default -> { }
            }
        }
        if (!(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            long x = Py.toLong(a), y = Py.toLong(b);
            try {
                switch (op) {
                    case ADD -> { return Math.addExact(x, y); }
                    case SUB -> { return Math.subtractExact(x, y); }
                    case MULT -> { return Math.multiplyExact(x, y); }
                    case FLOORDIV -> {
                        if (y == 0) throw zero("integer division or modulo by zero");
                        if (x == Long.MIN_VALUE && y == -1) break;
                        return Math.floorDiv(x, y);
                    }
                    case MOD -> {
                        if (y == 0) throw zero("integer modulo by zero");
                        return Math.floorMod(x, y);
                    }
                    case BITAND -> { return x & y; }
                    case BITOR -> { return x | y; }
                    case BITXOR -> { return x ^ y; }
                    case RSHIFT -> {
                        if (y < 0) throw PyRaise.valueError("negative shift count");
                        return y >= 64 ? (x < 0 ? -1L : 0L) : x >> y;
                    }
                    default -> { }
                }
            } catch (ArithmeticException overflow) {
                // fall through to BigInteger
            }
        }
        BigInteger x = Py.big(a), y = Py.big(b);
        switch (op) {
            case ADD -> { return Py.norm(x.add(y)); }
            case SUB -> { return Py.norm(x.subtract(y)); }
            case MULT -> { return Py.norm(x.multiply(y)); }
            case FLOORDIV, MOD -> {
                if (y.signum() == 0) throw zero(op == Operator.MOD ? "integer modulo by zero" : "integer division or modulo by zero");
                BigInteger[] qr = x.divideAndRemainder(y);
                if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
                    qr[0] = qr[0].subtract(BigInteger.ONE);
                    qr[1] = qr[1].add(y);
                }
                return Py.norm(op == Operator.MOD ? qr[1] : qr[0]);
            }
            case DIV -> {
                if (y.signum() == 0) throw zero("division by zero");
                if (x.bitLength() <= 53 && y.bitLength() <= 53) return x.doubleValue() / y.doubleValue();
                return new BigDecimal(x).divide(new BigDecimal(y), MathContext.DECIMAL128).doubleValue();
            }
            case POW -> {
                if (y.signum() < 0) {
                    if (x.signum() == 0) throw zero("0.0 cannot be raised to a negative power");
                    return Math.pow(Py.toDouble(a), Py.toDouble(b));
                }
                if (y.signum() == 0) return 1L;
                if (x.abs().compareTo(BigInteger.ONE) <= 0) {
                    return Py.norm(x.signum() >= 0 || !y.testBit(0) ? x.abs() : x);
                }
                if (y.bitLength() > 31 || (long) x.bitLength() * y.longValue() > MAX_BITS) {
                    throw PyRaise.of(Types.MEMORY_ERROR, "integer power result too large");
                }
                return Py.norm(x.pow(y.intValue()));
            }
            case LSHIFT -> {
                if (y.signum() < 0) throw PyRaise.valueError("negative shift count");
                if (y.bitLength() > 31 || x.bitLength() + y.longValue() > MAX_BITS) {
                    throw PyRaise.of(Types.MEMORY_ERROR, "shift result too large");
                }
                return Py.norm(x.shiftLeft(y.intValue()));
            }
            case RSHIFT -> {
                if (y.signum() < 0) throw PyRaise.valueError("negative shift count");
                return Py.norm(y.bitLength() > 31 ? (x.signum() < 0 ? BigInteger.ONE.negate() : BigInteger.ZERO) : x.shiftRight(y.intValue()));
            }
            case BITAND -> { return Py.norm(x.and(y)); }
            case BITOR -> { return Py.norm(x.or(y)); }
            case BITXOR -> { return Py.norm(x.xor(y)); }
            default -> throw PyRaise.typeError("unsupported operand type(s) for " + op.symbol + ": 'int' and 'int'");
        }
    }

    private static PyRaise zero(String m) { return PyRaise.of(Types.ZERO_DIVISION_ERROR, m); }

    private static Object floatOp(Operator op, double x, double y) {
        switch (op) {
            case ADD -> { return x + y; }
            case SUB -> { return x - y; }
            case MULT -> { return x * y; }
            case DIV -> {
                if (y == 0) throw zero("float division by zero");
                return x / y;
            }
            case FLOORDIV, MOD -> {
                if (y == 0) throw zero(op == Operator.MOD ? "float modulo" : "float floor division by zero");
                double[] dm = divmod(x, y);
                return op == Operator.MOD ? dm[1] : dm[0];
            }
            case POW -> {
                if (x == 0 && y < 0) throw zero("0.0 cannot be raised to a negative power");
                if (x < 0 && y != Math.rint(y) && !Double.isInfinite(y)) {
                    throw PyRaise.valueError("negative number cannot be raised to a fractional power (complex results are not supported)");
                }
                double r = Math.pow(x, y);
                if (Double.isInfinite(r) && !Double.isInfinite(x) && !Double.isInfinite(y)) {
                    throw PyRaise.of(Types.OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
                }
                return r;
            }
            default -> throw PyRaise.typeError("unsupported operand type(s) for " + op.symbol + ": 'float' and 'float'");
        }
    }

    /** CPython's float_divmod: floor quotient and modulo with the divisor's sign. */
    static double[] divmod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
            floordiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floordiv, mod};
    }
}
