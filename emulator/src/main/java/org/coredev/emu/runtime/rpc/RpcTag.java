package org.coredev.emu.runtime.rpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed RPC tag: the argument types, then {@code ':'}, then the return type, as the compiler
 * writes them (ARTIQ compiler/ir.py {@code rpc_tag}, read back by rpc_proto.rs). Letters:
 * {@code n} None, {@code b} bool, {@code i} int32, {@code I} int64, {@code f} float, {@code s}
 * str, {@code B} bytes, {@code A} bytearray, {@code t<count>...} tuple, {@code l<elt>} list,
 * {@code a<dims><elt>} array, {@code r<elt>} range, {@code k<value>} keyword argument,
 * {@code O} host object. The tuple count and the array dimension count are raw bytes, not digits.
 *
 * <p>Example: {@code "it\u0002fs:n"} is {@code (int32, tuple(float, str)) -> None}.
 */
public record RpcTag(List<RpcType> args, RpcType returns) {
    public RpcTag {
        args = List.copyOf(args);
    }

    /** Parses tag bytes; errors name the byte position. */
    public static RpcTag parse(byte[] tag) {
        return new Parser(tag).tag();
    }

    /** Parses a tag written as a string of chars 0-255 (one char per tag byte). */
    public static RpcTag parse(String tag) {
        return parse(tag.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The tag bytes, as the compiler writes them. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (RpcType t : args) b.append(t.tag());
        return b.append(':').append(returns.tag()).toString();
    }

    @Override public String toString() {
        return "(" + String.join(", ", args.stream().map(RpcType::describe).toList()) + ") -> " + returns.describe();
    }

    /** Shows a tag with its raw count bytes escaped, for error messages: {@code "t\x02if:n"}. */
    static String show(byte[] tag) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : tag) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') b.append((char) c);
            else b.append("\\x%02x".formatted(c));
        }
        return b.append('"').toString();
    }

    private static final class Parser {
        /** Deeper nesting than any kernel type; bounds the recursion on hostile tags. */
        private static final int MAX_DEPTH = 64;
        private final byte[] tag;
        private int pos;

        Parser(byte[] tag) { this.tag = tag; }

        RpcTag tag() {
            List<RpcType> args = new ArrayList<>();
            // Parse type by type rather than splitting at the first ':' as the board does, so a
            // tuple of 58 elements (count byte ':') is not cut in two.
            while (true) {
                if (pos >= tag.length) throw error(pos, "no ':' before the return type");
                if (tag[pos] == ':') break;
                args.add(type(0, true));
            }
            pos++;
            if (pos >= tag.length) throw error(pos, "missing return type after ':'");
            int start = pos;
            RpcType returns = type(0, false);
            checkReturnable(returns, start);
            if (pos != tag.length) throw error(pos, "%d extra byte(s) after the return type".formatted(tag.length - pos));
            return new RpcTag(args, returns);
        }

        private void checkReturnable(RpcType t, int at) {
            switch (t) {
                case RpcType.Keyword k -> throw error(at, "a keyword cannot be a return type");
                case RpcType.HostObject o -> throw error(at, "a host object cannot be returned to the kernel");
                case RpcType.Tuple tu -> { for (RpcType e : tu.elements()) checkReturnable(e, at); }
                case RpcType.ListOf l -> checkReturnable(l.element(), at);
                case RpcType.Array a -> checkReturnable(a.element(), at);
                case RpcType.Range r -> checkReturnable(r.element(), at);
                default -> { }
            }
        }

        private RpcType type(int depth, boolean topLevelArg) {
            if (depth > MAX_DEPTH) throw error(pos, "nested deeper than %d levels".formatted(MAX_DEPTH));
            if (pos >= tag.length) throw error(pos, "truncated: a type is missing");
            int at = pos;
            int c = tag[pos++] & 0xff;
            return switch (c) {
                case 'n' -> RpcType.NONE;
                case 'b' -> RpcType.BOOL;
                case 'i' -> RpcType.INT32;
                case 'I' -> RpcType.INT64;
                case 'f' -> RpcType.FLOAT64;
                case 's' -> RpcType.STR;
                case 'B' -> RpcType.BYTES;
                case 'A' -> RpcType.BYTEARRAY;
                case 'O' -> RpcType.OBJECT;
                case 't' -> {
                    int count = countByte(at, "tuple element count");
                    List<RpcType> elements = new ArrayList<>(count);
                    for (int k = 0; k < count; k++) elements.add(type(depth + 1, false));
                    yield new RpcType.Tuple(elements);
                }
                case 'l' -> new RpcType.ListOf(type(depth + 1, false));
                case 'a' -> {
                    int dims = countByte(at, "array dimension count");
                    if (dims == 0) throw error(at + 1, "an array needs at least one dimension");
                    yield new RpcType.Array(type(depth + 1, false), dims);
                }
                case 'r' -> {
                    RpcType element = type(depth + 1, false);
                    if (!(element instanceof RpcType.Int32 || element instanceof RpcType.Int64))
                        throw error(at + 1, "range of %s (int32 or int64 expected)".formatted(element.describe()));
                    yield new RpcType.Range(element);
                }
                case 'k' -> {
                    // rpc_proto.rs: "Tag::Keyword never appears in composite types".
                    if (!topLevelArg) throw error(at, "keyword inside a composite type");
                    yield new RpcType.Keyword(type(depth + 1, false));
                }
                case ':' -> throw error(at, "unexpected ':' where a type is expected");
                default -> throw error(at, "unknown type byte " + describeByte(c));
            };
        }

        private int countByte(int at, String what) {
            if (pos >= tag.length) throw error(pos, "truncated: %s missing after '%c'".formatted(what, (char) tag[at]));
            return tag[pos++] & 0xff;
        }

        private static String describeByte(int c) {
            return c >= 0x20 && c < 0x7f ? "'%c' (0x%02x)".formatted((char) c, c) : "0x%02x".formatted(c);
        }

        private RpcException error(int at, String what) {
            return RpcException.abort("bad RPC tag %s at byte %d: %s".formatted(show(tag), at, what));
        }
    }
}
