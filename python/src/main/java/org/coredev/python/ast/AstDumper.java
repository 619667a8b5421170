package org.coredev.python.ast;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.List;

/**
 * Prints a tree in the format of CPython's {@code ast.dump(tree)} (annotate_fields=True,
 * include_attributes=False, no indent): optional fields that are None are left out, lists print
 * in brackets, constants with {@code repr}. Works by reflection over the node records, whose
 * components mirror CPython's fields.
 */
public final class AstDumper {
    private final boolean typeParams;
    private final boolean omitEmpty;
    /** When set, positions are printed too (include_attributes=True), columns as UTF-8 byte offsets. */
    private final org.coredev.python.lexer.Source source;

    private AstDumper(boolean typeParams, boolean omitEmpty, org.coredev.python.lexer.Source source) {
        this.typeParams = typeParams;
        this.omitEmpty = omitEmpty;
        this.source = source;
    }

    /** Dumps as CPython 3.12 does (with the {@code type_params} fields). */
    public static String dump(Node node) { return dump(node, 12); }

    /**
     * Dumps as CPython 3.{@code minorVersion}'s ast.dump does: versions before 3.12 have no
     * {@code type_params} fields, and 3.13 on leave out empty lists (show_empty=False).
     */
    public static String dump(Node node, int minorVersion) {
        StringBuilder sb = new StringBuilder();
        new AstDumper(minorVersion >= 12, minorVersion >= 13, null).node(node, sb, false);
        return sb.toString();
    }

    /**
     * As {@link #dump(Node, int)} with {@code include_attributes=True}: each positioned node also
     * prints lineno, col_offset, end_lineno and end_col_offset, the columns converted to UTF-8
     * byte offsets as CPython counts them, using the lines of {@code source}. The literal parts and
     * replacement fields of f-strings print no positions: CPython 3.11 gives them the whole
     * string's span and 3.12 their own (ours), so they are not comparable across versions.
     */
    public static String dumpWithPositions(Node node, int minorVersion, org.coredev.python.lexer.Source source) {
        StringBuilder sb = new StringBuilder();
        new AstDumper(minorVersion >= 12, minorVersion >= 13, source).node(node, sb, false);
        return sb.toString();
    }

    private int byteCol(int line, int col) {
        String text = source.line(line);
        int end = Math.min(col, text.length());
        int bytes = 0;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes + Math.max(0, col - text.length());
    }

    private void node(Node n, StringBuilder sb, boolean fstringPart) {
        Class<?> c = n.getClass();
        sb.append(pyName(c)).append('(');
        boolean first = true;
        Span span = null;
        for (RecordComponent rc : c.getRecordComponents()) {
            if (rc.getType() == Span.class) {
                if (source != null && !fstringPart) span = (Span) invoke(rc, n);
                continue;
            }
            if (!typeParams && rc.getName().equals("typeParams")) continue;
            Object v = invoke(rc, n);
            if (v == null) continue;
            if (omitEmpty && v instanceof List<?> l && l.isEmpty()) continue;
            if (!first) sb.append(", ");
            first = false;
            sb.append(snake(rc.getName())).append('=');
            if (n instanceof Expr.Constant && rc.getName().equals("value") || n instanceof Pattern.MatchSingleton) {
                sb.append(constant(v));
            } else {
                boolean part = n instanceof Expr.JoinedStr || n instanceof Expr.FormattedValue && rc.getName().equals("formatSpec");
                value(v, sb, part);
            }
        }
        if (span != null) {
            if (!first) sb.append(", ");
            sb.append("lineno=").append(span.line()).append(", col_offset=").append(byteCol(span.line(), span.col()))
                    .append(", end_lineno=").append(span.endLine()).append(", end_col_offset=")
                    .append(byteCol(span.endLine(), span.endCol()));
        }
        sb.append(')');
    }

    private static Object invoke(RecordComponent rc, Node n) {
        try {
            return rc.getAccessor().invoke(n);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void value(Object v, StringBuilder sb, boolean fstringPart) {
        switch (v) {
            case null -> sb.append("None");
            case Node n -> node(n, sb, fstringPart);
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(", ");
                    value(l.get(i), sb, fstringPart);
                }
                sb.append(']');
            }
            case String s -> sb.append(Repr.str(s));
            case Ops.Ctx x -> sb.append(x.pyName).append("()");
            case Ops.BoolOpKind x -> sb.append(x.pyName).append("()");
            case Ops.Operator x -> sb.append(x.pyName).append("()");
            case Ops.UnaryOpKind x -> sb.append(x.pyName).append("()");
            case Ops.CmpOp x -> sb.append(x.pyName).append("()");
            default -> sb.append(v);
        }
    }

    /** {@code repr} of a Constant's value. */
    public static String constant(Object v) {
        return switch (v) {
            case Boolean b -> b ? "True" : "False";
            case Long l -> l.toString();
            case BigInteger b -> b.toString();
            case Double d -> Repr.floatRepr(d);
            case Expr.Imaginary im -> Repr.imaginary(im.imag());
            case String s -> Repr.str(s);
            case Expr.Bytes b -> Repr.bytes(b.data());
            case Expr.Singleton s -> s == Expr.Singleton.NONE ? "None" : "Ellipsis";
            default -> String.valueOf(v);
        };
    }

    private static String pyName(Class<?> c) {
        return switch (c.getSimpleName()) {
            case "ExprStmt" -> "Expr";
            case "Comprehension" -> "comprehension";
            case "Arguments" -> "arguments";
            case "Arg" -> "arg";
            case "Keyword" -> "keyword";
            case "Alias" -> "alias";
            case "WithItem" -> "withitem";
            case "MatchCase" -> "match_case";
            default -> c.getSimpleName();
        };
    }

    private static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) sb.append('_').append(Character.toLowerCase(ch));
            else sb.append(ch);
        }
        return sb.toString();
    }
}
