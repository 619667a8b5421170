package org.coredev.python.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Methods of the built-in types (str, list, dict, set, tuple, int, float), installed into their classes. */
final class Methods {
    private static boolean installed;

    private Methods() { }

    static synchronized void install() {
        if (installed) return;
        installed = true;
        strMethods();
        listMethods();
        dictMethods();
        setMethods();
        m(Types.TUPLE, "index", (i, a, k) -> seqIndex(i, ((PyTuple) a.get(0)).items(), a));
        m(Types.TUPLE, "count", (i, a, k) -> count(i, ((PyTuple) a.get(0)).items(), a.get(1)));
        m(Types.INT, "bit_length", (i, a, k) -> (long) Py.big(a.get(0)).abs().bitLength());
        m(Types.FLOAT, "is_integer", (i, a, k) -> {
            double d = (Double) a.get(0);
            return !Double.isInfinite(d) && d == Math.rint(d);
        });
        BaseExceptionInit.install();
    }

    private static void m(PyClass c, String name, PyBuiltin.Fn fn) {
        c.dict.put(name, new PyBuiltin(c.name + "." + name, fn));
    }

    private static String s(List<Object> a) { return (String) a.get(0); }

    private static String strArg(List<Object> a, int i, String method) {
        Object v = a.get(i);
        if (!(v instanceof String str)) throw PyRaise.typeError(method + "() argument must be str, not " + Py.typeName(v));
        return str;
    }

    private static Object arg(List<Object> a, Map<String, Object> k, int i, String name, Object dflt) {
        if (a.size() > i) return a.get(i);
        return k.getOrDefault(name, dflt);
    }

    private static void strMethods() {
        PyClass S = Types.STR;
        m(S, "join", (i, a, k) -> {
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            Iterator<Object> it = i.iterate(a.get(1));
            while (it.hasNext()) {
                Object o = it.next();
                if (!(o instanceof String str)) throw PyRaise.typeError("sequence item: expected str instance, " + Py.typeName(o) + " found");
                if (!first) sb.append(s(a));
                first = false;
                sb.append(str);
            }
            return sb.toString();
        });
        m(S, "format", (i, a, k) -> PyFormat.format(i, s(a), a.subList(1, a.size()), k));
        m(S, "upper", (i, a, k) -> s(a).toUpperCase(java.util.Locale.ROOT));
        m(S, "lower", (i, a, k) -> s(a).toLowerCase(java.util.Locale.ROOT));
        m(S, "casefold", (i, a, k) -> s(a).toLowerCase(java.util.Locale.ROOT));
        m(S, "swapcase", (i, a, k) -> {
            StringBuilder sb = new StringBuilder();
            s(a).codePoints().forEach(c -> sb.appendCodePoint(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)));
            return sb.toString();
        });
        m(S, "capitalize", (i, a, k) -> {
            String t = s(a);
            return t.isEmpty() ? t : t.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + t.substring(1).toLowerCase(java.util.Locale.ROOT);
        });
        m(S, "title", (i, a, k) -> {
            StringBuilder sb = new StringBuilder();
            boolean prevCased = false;
            for (char c : s(a).toCharArray()) {
                sb.append(prevCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
                prevCased = Character.isLetter(c);
            }
            return sb.toString();
        });
        m(S, "strip", (i, a, k) -> strip(s(a), a.size() > 1 ? a.get(1) : PyNone.NONE, true, true));
        m(S, "lstrip", (i, a, k) -> strip(s(a), a.size() > 1 ? a.get(1) : PyNone.NONE, true, false));
        m(S, "rstrip", (i, a, k) -> strip(s(a), a.size() > 1 ? a.get(1) : PyNone.NONE, false, true));
        m(S, "split", (i, a, k) -> split(s(a), arg(a, k, 1, "sep", PyNone.NONE), Py.toLong(arg(a, k, 2, "maxsplit", -1L)), false));
        m(S, "rsplit", (i, a, k) -> split(s(a), arg(a, k, 1, "sep", PyNone.NONE), Py.toLong(arg(a, k, 2, "maxsplit", -1L)), true));
        m(S, "splitlines", (i, a, k) -> {
            PyList out = new PyList();
            boolean keep = i.truthy(arg(a, k, 1, "keepends", false));
            String t = s(a);
            int start = 0;
            for (int x = 0; x < t.length(); x++) {
                char c = t.charAt(x);
                if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d' || c == '\u001e'
                        || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                    int end = x;
                    if (c == '\r' && x + 1 < t.length() && t.charAt(x + 1) == '\n') x++;
                    out.items.add(t.substring(start, keep ? x + 1 : end));
                    start = x + 1;
                }
            }
            if (start < t.length()) out.items.add(t.substring(start));
            return out;
        });
        m(S, "startswith", (i, a, k) -> affix(a, true));
        m(S, "endswith", (i, a, k) -> affix(a, false));
        m(S, "replace", (i, a, k) -> {
            String t = s(a), old = strArg(a, 1, "replace"), neu = strArg(a, 2, "replace");
            long count = a.size() > 3 ? Py.toLong(a.get(3)) : -1;
            if (count < 0) return t.replace(old, neu);
            StringBuilder sb = new StringBuilder();
            int from = 0;
            for (long n = 0; n < count; n++) {
                int at = old.isEmpty() ? (from <= t.length() ? from : -1) : t.indexOf(old, from);
                if (at < 0) break;
                sb.append(t, from, at).append(neu);
                if (old.isEmpty()) {
                    if (at < t.length()) sb.append(t.charAt(at));
                    from = at + 1;
                } else {
                    from = at + old.length();
                }
            }
            if (from <= t.length()) sb.append(t.substring(Math.min(from, t.length())));
            return sb.toString();
        });
        m(S, "find", (i, a, k) -> (long) find(a, false));
        m(S, "rfind", (i, a, k) -> (long) find(a, true));
        m(S, "index", (i, a, k) -> {
            int r = find(a, false);
            if (r < 0) throw PyRaise.valueError("substring not found");
            return (long) r;
        });
        m(S, "rindex", (i, a, k) -> {
            int r = find(a, true);
            if (r < 0) throw PyRaise.valueError("substring not found");
            return (long) r;
        });
        m(S, "count", (i, a, k) -> {
            String t = s(a), sub = strArg(a, 1, "count");
            if (sub.isEmpty()) return (long) t.length() + 1;
            long n = 0;
            for (int at = t.indexOf(sub); at >= 0; at = t.indexOf(sub, at + sub.length())) n++;
            return n;
        });
        m(S, "isdigit", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isDigit));
        m(S, "isdecimal", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isDigit));
        m(S, "isnumeric", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isDigit));
        m(S, "isalpha", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isLetter));
        m(S, "isalnum", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isLetterOrDigit));
        m(S, "isspace", (i, a, k) -> !s(a).isEmpty() && s(a).codePoints().allMatch(Character::isWhitespace));
        m(S, "isupper", (i, a, k) -> s(a).codePoints().anyMatch(Character::isUpperCase) && s(a).codePoints().noneMatch(Character::isLowerCase));
        m(S, "islower", (i, a, k) -> s(a).codePoints().anyMatch(Character::isLowerCase) && s(a).codePoints().noneMatch(Character::isUpperCase));
        m(S, "isidentifier", (i, a, k) -> {
            String t = s(a);
            return !t.isEmpty() && (Character.isUnicodeIdentifierStart(t.codePointAt(0)) || t.charAt(0) == '_')
                    && t.codePoints().allMatch(c -> Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
        });
        m(S, "zfill", (i, a, k) -> {
            String t = s(a);
            int w = (int) Py.toLong(a.get(1));
            if (t.length() >= w) return t;
            int signLen = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
            return t.substring(0, signLen) + "0".repeat(w - t.length()) + t.substring(signLen);
        });
        m(S, "ljust", (i, a, k) -> just(a, '<'));
        m(S, "rjust", (i, a, k) -> just(a, '>'));
        m(S, "center", (i, a, k) -> just(a, '^'));
        m(S, "partition", (i, a, k) -> {
            String t = s(a), sep = strArg(a, 1, "partition");
            int at = t.indexOf(sep);
            return at < 0 ? PyTuple.of(t, "", "") : PyTuple.of(t.substring(0, at), sep, t.substring(at + sep.length()));
        });
        m(S, "rpartition", (i, a, k) -> {
            String t = s(a), sep = strArg(a, 1, "rpartition");
            int at = t.lastIndexOf(sep);
            return at < 0 ? PyTuple.of("", "", t) : PyTuple.of(t.substring(0, at), sep, t.substring(at + sep.length()));
        });
        m(S, "removeprefix", (i, a, k) -> s(a).startsWith(strArg(a, 1, "removeprefix")) ? s(a).substring(((String) a.get(1)).length()) : s(a));
        m(S, "removesuffix", (i, a, k) -> {
            String suf = strArg(a, 1, "removesuffix");
            return !suf.isEmpty() && s(a).endsWith(suf) ? s(a).substring(0, s(a).length() - suf.length()) : s(a);
        });
    }

    private static String just(List<Object> a, char align) {
        String t = s(a);
        int w = (int) Py.toLong(a.get(1));
        String fill = a.size() > 2 ? (String) a.get(2) : " ";
        int n = w - t.codePointCount(0, t.length());
        if (n <= 0) return t;
        return switch (align) {
            case '<' -> t + fill.repeat(n);
            case '>' -> fill.repeat(n) + t;
            default -> {
                // CPython centres with the extra fill on the right when the text length is even.
                int left = n / 2 + (n & w & 1);
                yield fill.repeat(left) + t + fill.repeat(n - left);
            }
        };
    }

    private static String strip(String t, Object chars, boolean left, boolean right) {
        int b = 0, e = t.length();
        if (chars == PyNone.NONE) {
            while (left && b < e && Character.isWhitespace(t.charAt(b))) b++;
            while (right && e > b && Character.isWhitespace(t.charAt(e - 1))) e--;
        } else {
            String cs = (String) chars;
            while (left && b < e && cs.indexOf(t.charAt(b)) >= 0) b++;
            while (right && e > b && cs.indexOf(t.charAt(e - 1)) >= 0) e--;
        }
        return t.substring(b, e);
    }

    private static PyList split(String t, Object sepObj, long max, boolean fromRight) {
        PyList out = new PyList();
        List<Object> parts = out.items;
        if (sepObj == PyNone.NONE) {
            List<int[]> words = new ArrayList<>();
            int x = 0, n = t.length();
            while (x < n) {
                while (x < n && Character.isWhitespace(t.charAt(x))) x++;
                if (x >= n) break;
                int st = x;
                while (x < n && !Character.isWhitespace(t.charAt(x))) x++;
                words.add(new int[] {st, x});
            }
            if (max < 0 || words.size() <= max + 1) {
                for (int[] w : words) parts.add(t.substring(w[0], w[1]));
            } else if (!fromRight) {
                for (int w = 0; w < max; w++) parts.add(t.substring(words.get(w)[0], words.get(w)[1]));
                parts.add(t.substring(words.get((int) max)[0]));
            } else {
                int keep = words.size() - (int) max;
                parts.add(t.substring(0, words.get(keep - 1)[1]));
                for (int w = keep; w < words.size(); w++) parts.add(t.substring(words.get(w)[0], words.get(w)[1]));
            }
            return out;
        }
        String sep = (String) sepObj;
        if (sep.isEmpty()) throw PyRaise.valueError("empty separator");
        List<String> all = new ArrayList<>();
        int from = 0;
        for (int at = t.indexOf(sep); at >= 0; at = t.indexOf(sep, from)) {
            all.add(t.substring(from, at));
            from = at + sep.length();
        }
        all.add(t.substring(from));
        if (max < 0 || all.size() <= max + 1) {
            parts.addAll(all);
        } else if (!fromRight) {
            parts.addAll(all.subList(0, (int) max));
            parts.add(String.join(sep, all.subList((int) max, all.size())));
        } else {
            int keep = all.size() - (int) max;
            parts.add(String.join(sep, all.subList(0, keep)));
            parts.addAll(all.subList(keep, all.size()));
        }
        return out;
    }

    private static boolean affix(List<Object> a, boolean prefix) {
        String t = s(a);
        if (a.size() > 2) {
            int start = (int) Math.min(t.length(), Math.max(0, Py.toLong(a.get(2))));
            int end = a.size() > 3 ? (int) Math.min(t.length(), Py.toLong(a.get(3))) : t.length();
            t = start <= end ? t.substring(start, end) : "";
        }
        List<Object> options = a.get(1) instanceof PyTuple tu ? tu.items() : List.of(a.get(1));
        for (Object o : options) {
            if (!(o instanceof String x)) throw PyRaise.typeError((prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of str");
            if (prefix ? t.startsWith(x) : t.endsWith(x)) return true;
        }
        return false;
    }

    private static int find(List<Object> a, boolean last) {
        String t = s(a), sub = strArg(a, 1, "find");
        int start = a.size() > 2 && a.get(2) != PyNone.NONE ? (int) Py.toLong(a.get(2)) : 0;
        int end = a.size() > 3 && a.get(3) != PyNone.NONE ? (int) Py.toLong(a.get(3)) : t.length();
        if (start < 0) start = Math.max(0, start + t.length());
        if (end < 0) end = Math.max(0, end + t.length());
        end = Math.min(end, t.length());
        if (start > end) return -1;
        String window = t.substring(start, end);
        int r = last ? window.lastIndexOf(sub) : window.indexOf(sub);
        return r < 0 ? -1 : r + start;
    }

    private static PyList l(List<Object> a) { return (PyList) a.get(0); }

    private static void listMethods() {
        PyClass L = Types.LIST;
        m(L, "append", (i, a, k) -> { Builtins.arity("append", a, 2, 2); l(a).items.add(a.get(1)); return PyNone.NONE; });
        m(L, "extend", (i, a, k) -> { l(a).items.addAll(i.toList(a.get(1))); return PyNone.NONE; });
        m(L, "insert", (i, a, k) -> {
            List<Object> items = l(a).items;
            long at = Py.toLong(a.get(1));
            if (at < 0) at = Math.max(0, at + items.size());
            items.add((int) Math.min(at, items.size()), a.get(2));
            return PyNone.NONE;
        });
        m(L, "pop", (i, a, k) -> {
            List<Object> items = l(a).items;
            if (items.isEmpty()) throw PyRaise.of(Types.INDEX_ERROR, "pop from empty list");
            long at = a.size() > 1 ? Py.toLong(a.get(1)) : -1;
            if (at < 0) at += items.size();
            if (at < 0 || at >= items.size()) throw PyRaise.of(Types.INDEX_ERROR, "pop index out of range");
            return items.remove((int) at);
        });
        m(L, "remove", (i, a, k) -> {
            List<Object> items = l(a).items;
            for (int x = 0; x < items.size(); x++) {
                if (i.equal(items.get(x), a.get(1))) { items.remove(x); return PyNone.NONE; }
            }
            throw PyRaise.valueError("list.remove(x): x not in list");
        });
        m(L, "index", (i, a, k) -> seqIndex(i, l(a).items, a));
        m(L, "count", (i, a, k) -> count(i, l(a).items, a.get(1)));
        m(L, "sort", (i, a, k) -> {
            Builtins.sort(i, l(a).items, k.get("key"), k.containsKey("reverse") && i.truthy(k.get("reverse")));
            return PyNone.NONE;
        });
        m(L, "reverse", (i, a, k) -> { java.util.Collections.reverse(l(a).items); return PyNone.NONE; });
        m(L, "copy", (i, a, k) -> new PyList(l(a).items));
        m(L, "clear", (i, a, k) -> { l(a).items.clear(); return PyNone.NONE; });
    }

    private static Object seqIndex(Interpreter in, List<Object> items, List<Object> a) {
        for (int x = 0; x < items.size(); x++) if (in.equal(items.get(x), a.get(1))) return (long) x;
        throw PyRaise.valueError(Py.repr(a.get(1)) + " is not in list");
    }

    private static Object count(Interpreter in, List<Object> items, Object v) {
        long n = 0;
        for (Object o : items) if (in.equal(o, v)) n++;
        return n;
    }

    private static PyDict d(List<Object> a) { return (PyDict) a.get(0); }

    private static void dictMethods() {
        PyClass D = Types.DICT;
        m(D, "get", (i, a, k) -> {
            Builtins.arity("get", a, 2, 3);
            Object v = d(a).get(a.get(1));
            return v != null ? v : a.size() > 2 ? a.get(2) : PyNone.NONE;
        });
        m(D, "keys", (i, a, k) -> { PyList r = new PyList(); for (PyKey key : d(a).map.keySet()) r.items.add(key.value); return r; });
        m(D, "values", (i, a, k) -> new PyList(d(a).map.values()));
        m(D, "items", (i, a, k) -> {
            PyList r = new PyList();
            d(a).map.forEach((key, v) -> r.items.add(PyTuple.of(key.value, v)));
            return r;
        });
        m(D, "update", (i, a, k) -> {
            Builtins.arity("update", a, 1, 2);
            if (a.size() > 1) Constructors.update(i, d(a), a.get(1));
            k.forEach(d(a)::put);
            return PyNone.NONE;
        });
        m(D, "pop", (i, a, k) -> {
            Object v = d(a).map.remove(new PyKey(a.get(1)));
            if (v != null) return v;
            if (a.size() > 2) return a.get(2);
            throw PyRaise.of(Types.KEY_ERROR, null).withArg(a.get(1));
        });
        m(D, "popitem", (i, a, k) -> {
            if (d(a).map.isEmpty()) throw PyRaise.of(Types.KEY_ERROR, "popitem(): dictionary is empty");
            PyKey last = null;
            for (PyKey key : d(a).map.keySet()) last = key;
            return PyTuple.of(last.value, d(a).map.remove(last));
        });
        m(D, "setdefault", (i, a, k) -> {
            Object v = d(a).get(a.get(1));
            if (v != null) return v;
            Object dflt = a.size() > 2 ? a.get(2) : PyNone.NONE;
            d(a).put(a.get(1), dflt);
            return dflt;
        });
        m(D, "copy", (i, a, k) -> { PyDict r = new PyDict(); r.map.putAll(d(a).map); return r; });
        m(D, "clear", (i, a, k) -> { d(a).map.clear(); return PyNone.NONE; });
        D.dict.put("fromkeys", new PyDescriptor.ClassMethod(new PyBuiltin("dict.fromkeys", (i, a, k) -> {
            PyDict r = new PyDict();
            Object v = a.size() > 2 ? a.get(2) : PyNone.NONE;
            for (Object key : i.toList(a.get(1))) r.put(key, v);
            return r;
        })));
    }

    private static PySet st(List<Object> a) { return (PySet) a.get(0); }

    private static PySet setArg(Interpreter in, Object o) {
        if (o instanceof PySet s) return s;
        PySet s = new PySet(false);
        for (Object x : in.toList(o)) s.add(x);
        return s;
    }

    private static void setMethods() {
        for (PyClass S : List.of(Types.SET, Types.FROZENSET)) {
            m(S, "union", (i, a, k) -> {
                PySet r = new PySet(st(a).frozen);
                r.items.addAll(st(a).items);
                for (Object o : a.subList(1, a.size())) r.items.addAll(setArg(i, o).items);
                return r;
            });
            m(S, "intersection", (i, a, k) -> {
                PySet r = new PySet(st(a).frozen);
                r.items.addAll(st(a).items);
                for (Object o : a.subList(1, a.size())) r.items.retainAll(setArg(i, o).items);
                return r;
            });
            m(S, "difference", (i, a, k) -> {
                PySet r = new PySet(st(a).frozen);
                r.items.addAll(st(a).items);
                for (Object o : a.subList(1, a.size())) r.items.removeAll(setArg(i, o).items);
                return r;
            });
            m(S, "symmetric_difference", (i, a, k) -> PyOps.binary(org.coredev.python.ast.Ops.Operator.BITXOR, st(a), setArg(i, a.get(1))));
            m(S, "issubset", (i, a, k) -> setArg(i, a.get(1)).items.containsAll(st(a).items));
            m(S, "issuperset", (i, a, k) -> st(a).items.containsAll(setArg(i, a.get(1)).items));
            m(S, "isdisjoint", (i, a, k) -> java.util.Collections.disjoint(st(a).items, setArg(i, a.get(1)).items));
            m(S, "copy", (i, a, k) -> { PySet r = new PySet(st(a).frozen); r.items.addAll(st(a).items); return r; });
        }
        PyClass S = Types.SET;
        m(S, "add", (i, a, k) -> { st(a).add(a.get(1)); return PyNone.NONE; });
        m(S, "update", (i, a, k) -> { for (Object o : a.subList(1, a.size())) st(a).items.addAll(setArg(i, o).items); return PyNone.NONE; });
        m(S, "remove", (i, a, k) -> {
            if (!st(a).items.remove(new PyKey(a.get(1)))) throw PyRaise.of(Types.KEY_ERROR, null).withArg(a.get(1));
            return PyNone.NONE;
        });
        m(S, "discard", (i, a, k) -> { st(a).items.remove(new PyKey(a.get(1))); return PyNone.NONE; });
        m(S, "pop", (i, a, k) -> {
            Iterator<PyKey> it = st(a).items.iterator();
            if (!it.hasNext()) throw PyRaise.of(Types.KEY_ERROR, "pop from an empty set");
            PyKey key = it.next();
            it.remove();
            return key.value;
        });
        m(S, "clear", (i, a, k) -> { st(a).items.clear(); return PyNone.NONE; });
    }

    /** BaseException.__init__ stores its arguments; object.__init__ accepts none. */
    private static final class BaseExceptionInit {
        static void install() {
            Types.BASE_EXCEPTION.dict.put("__init__", new PyBuiltin("BaseException.__init__", (i, a, k) -> {
                ((PyInstance) a.get(0)).attrs.put("args", new PyTuple(a.subList(1, a.size())));
                return PyNone.NONE;
            }));
            Types.OBJECT.dict.put("__init__", new PyBuiltin("object.__init__", (i, a, k) -> {
                if (a.size() > 1 || !k.isEmpty()) {
                    throw PyRaise.typeError(Py.typeName(a.get(0)) + "() takes no arguments");
                }
                return PyNone.NONE;
            }));
        }
    }
}
