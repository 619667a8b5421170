package org.coredev.compiler.ir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.CompileException;
import org.coredev.compiler.Target;
import org.coredev.compiler.ir.Insn.Op;
import org.coredev.compiler.ir.VReg.Kind;
import org.coredev.compiler.types.FunctionInfo;
import org.coredev.compiler.types.TypeInference;
import org.coredev.compiler.types.Type;
import org.coredev.compiler.types.TypedProgram;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Ops.BoolOpKind;
import org.coredev.python.ast.Ops.CmpOp;
import org.coredev.python.ast.Ops.Operator;
import org.coredev.python.ast.Ops.UnaryOpKind;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;

/**
 * Lowers a typed program to IR, target-aware: int64 values become pairs of words (low first);
 * floats are one double register on rv32g and a pair of words handled by compiler-rt calls
 * ({@code __adddf3}, ...) on rv32ima. Python's semantics are spelled out here: floor division and
 * modulo take the divisor's sign, division by zero raises ZeroDivisionError through
 * {@code __artiq_raise} with the board's 64-byte exception object (eh_artiq.rs).
 */
public final class Lowering {
    /** The RPC service number print() uses; the image records it in {@link IrModule#rpcServices}. */
    public static final int PRINT_SERVICE = 1;

    final String file;
    final Target target;
    final TypedProgram program;
    final IrModule module = new IrModule();
    private final Map<String, String> byteConstants = new HashMap<>();
    final ArrayLowering arrays = new ArrayLowering(this);
    private final PolymorphicPrint polymorphicPrint = new PolymorphicPrint(this);
    private final Map<String, String> strings = new HashMap<>();
    int dataCounter;

    Function fn;
    private FunctionInfo info;
    Block cur;
    private Map<String, List<VReg>> vars;
    private List<Integer> printValueSlots;
    private Map<Integer, Integer> printArgvSlots;
    final Deque<Block[]> loops = new ArrayDeque<>();   // {break target, continue target}
    private final Deque<Block> handlers = new ArrayDeque<>();  // landing pads of the enclosing try blocks
    private final Deque<Finally> finallies = new ArrayDeque<>(); // finally bodies a return/break/continue must run
    private final Deque<Integer> caughtCopies = new ArrayDeque<>(); // frame slots holding the exception a bare raise re-raises
    private int repeatedEvaluation;   // > 0 inside a comprehension's element and tests (evaluated once per item)

    /** A {@code finally} body and the try/loop nesting outside it (what a jump out of its try must restore). */
    private record Finally(List<Stmt> body, List<Block> outerHandlers, int loopDepth) { }

    private Lowering(String file, Target target, TypedProgram program) {
        this.file = file;
        this.target = target;
        this.program = program;
    }

    /** Lowers every function the program reaches ({@code __modinit__} first). */
    public static IrModule lower(String file, Target target, TypedProgram program) {
        Lowering l = new Lowering(file, target, program);
        // Module variables functions use: 8 zeroed, aligned bytes each in .data.
        for (String g : program.globals()) {
            if (program.isExternGlobal(g)) continue;   // its cell is the bundle's
            int regs = l.registerCount(program.function("__modinit__").localType(g));
            l.module.data.add(new DataObject(globalSymbol(g), true, new byte[8 * Math.max(1, regs)], 8, List.of()));
        }
        for (FunctionInfo f : program.functions()) l.function(f);
        l.module.exceptionNames.putAll(program.exceptionClasses().userClasses());
        return l.module;
    }

    // ---- functions and statements ----------------------------------------------------------

    private void function(FunctionInfo f) {
        info = f;
        fn = new Function(f.name, f.isModule() || f.exported());
        vars = new HashMap<>();
        printValueSlots = new ArrayList<>();
        printArgvSlots = new HashMap<>();
        cur = fn.newBlock();
        for (Map.Entry<String, Type> local : f.locals.entrySet()) {
            List<VReg> parts = newVal(f.localType(local.getKey()));
            vars.put(local.getKey(), parts);
        }
        for (String p : f.params) {
            markPairs(f.localType(p), fn.params.size(), fn.paramPairs);
            fn.params.addAll(vars.get(p));
        }
        checkRegisterArguments(newVal(f.returnType()), f.def == null ? null : f.def.span(), "return value of " + f.name + "()");
        for (Stmt s : f.body) stmt(s);
        if (!cur.terminated()) {
            List<VReg> zero = newVal(f.returnType());
            for (VReg r : zero) assignZero(r);
            emit(new Insn.Return(zero));
        }
        module.functions.add(fn);
    }

    private static String globalSymbol(String name) { return "global." + name; }

    /** Whether {@code name} is a module variable in memory here (rather than a register local). */
    private boolean isGlobal(String name) {
        if (!program.globals().contains(name)) return false;
        return info.isModule() || info.globals.contains(name);
    }

    /** The value of a variable: its registers, or a load of the module variable. */
    private List<VReg> read(String name) {
        if (!isGlobal(name)) return vars.get(name);
        Type t = program.function("__modinit__").localType(name);
        VReg base = globalAddress(name);
        List<VReg> v = newVal(t);
        for (int k = 0; k < v.size(); k++)   // one 8-byte cell per register: doubles stay aligned
            emit(new Insn.Load(v.get(k).kind() == Kind.D ? Insn.Width.DOUBLE : Insn.Width.WORD, v.get(k), base, 8 * k));
        return v;
    }

    /** The address of a module variable's cell: in this image, or through the GOT in a resident bundle. */
    private VReg globalAddress(String name) {
        VReg base = fn.newReg(Kind.W);
        emit(program.isExternGlobal(name) ? new Insn.ImportAddr(base, globalSymbol(name)) : new Insn.AddrOf(base, globalSymbol(name)));
        return base;
    }

    void assignZero(VReg r) {
        if (r.kind() == Kind.W) emit(new Insn.Const(r, 0));
        else emit(new Insn.Convert(Insn.Conv.W_TO_D, r, word(0)));
    }

    private void checkRegisterArguments(List<VReg> regs, Span at, String what) {
        long words = regs.stream().filter(r -> r.kind() == Kind.W).count();
        long doubles = regs.size() - words;
        if (words > 8 || doubles > 8)
            throw new CompileException(file, at, what + " do not fit in the 8 argument registers (stack arguments are not supported yet)");
    }

    private void stmt(Stmt s) {
        if (cur.terminated()) cur = fn.newBlock();   // code after return/break: unreachable, still compiled
        switch (s) {
            case Stmt.Assign a when a.targets().getFirst() instanceof Expr.Tuple target
                    && program.typeOf(a.value()) instanceof Type.ListOf l -> {
                // a, b = list: ValueError unless it has exactly that many elements (CPython's messages)
                List<VReg> list = copy(expr(a.value()));
                int n = target.elts().size();
                Block few = fn.newBlock(), notFew = fn.newBlock(), many = fn.newBlock(), ok = fn.newBlock();
                emit(new Insn.Branch(bin(Op.SLT, list.get(1), word(n)), few, notFew));
                cur = few;
                raise("ValueError", "not enough values to unpack (expected %d)".formatted(n), a.value().span());
                cur = notFew;
                emit(new Insn.Branch(bin(Op.SLT, word(n), list.get(1)), many, ok));
                cur = many;
                raise("ValueError", "too many values to unpack (expected %d)".formatted(n), a.value().span());
                cur = ok;
                int size = elementSize(l.elt(), a.span());
                List<List<VReg>> values = new ArrayList<>();
                for (int k = 0; k < n; k++)
                    values.add(copy(loadElement(bin(Op.ADD, list.get(0), word(k * size)), l.elt(), a.span())));
                for (int k = 0; k < n; k++) assignTo(target.elts().get(k), values.get(k), l.elt());
            }
            case Stmt.Assign a when a.targets().getFirst() instanceof Expr.Tuple target && !(a.value() instanceof Expr.Tuple) -> {
                Type.TupleOf tu = (Type.TupleOf) program.typeOf(a.value());
                List<VReg> whole = copy(expr(a.value()));
                int first = 0;
                for (int k = 0; k < tu.elts().size(); k++) {
                    int n = registerCount(tu.elts().get(k));
                    assignTo(target.elts().get(k), whole.subList(first, first + n), tu.elts().get(k));
                    first += n;
                }
            }
            case Stmt.Assign a when a.targets().getFirst() instanceof Expr.Tuple target -> {
                // Every value is computed (and copied) before any target changes: a, b = b, a swaps.
                List<Expr> values = ((Expr.Tuple) a.value()).elts();
                List<List<VReg>> computed = new ArrayList<>();
                for (Expr v : values) computed.add(copy(expr(v)));
                for (int k = 0; k < values.size(); k++)
                    assignTo(target.elts().get(k), computed.get(k), program.typeOf(values.get(k)));
            }
            case Stmt.Assign a -> {
                Type t = program.typeOf(a.value());
                List<VReg> v = expr(a.value());
                for (Expr target : a.targets()) assignTo(target, v, t);
            }
            case Stmt.AugAssign a when a.target() instanceof Expr.Subscript sub && program.typeOf(sub.value()) instanceof Type.Bytes -> {
                VReg address = byteAddress(sub, "bytearray index out of range");
                VReg old = fn.newReg(Kind.W);
                emit(new Insn.Load(Insn.Width.BYTE, old, address, 0));
                Type valueType = program.typeOf(a.value());
                List<VReg> r = binary(a.op(), List.of(old), Type.INT32, expr(a.value()), valueType, Type.INT32, a.span());
                storeByte(address, r.getFirst(), a.span());
            }
            case Stmt.AugAssign a when a.target() instanceof Expr.Subscript sub && program.typeOf(sub.value()) instanceof Type.ArrayOf arr -> {
                // a[i, j] op= v: one element, its address computed once
                ArrayLowering.ArrayPlace p = arrays.arrayPlace(sub, arr);
                List<VReg> old = copy(loadElement(p.address(), arr.elt(), sub.span()));
                Type valueType = program.typeOf(a.value());
                Type result = arithmeticType(a.op(), arr.elt(), valueType);
                List<VReg> r = binary(a.op(), old, arr.elt(), expr(a.value()), valueType, result, a.span());
                storeElement(p.address(), 0, coerce(r, result, arr.elt()), arr.elt());
            }
            case Stmt.AugAssign a when a.target() instanceof Expr.Name n && varType(n.id()) instanceof Type.ArrayOf arr -> {
                // a op= b on an array works in place, as numpy's: the elements of a's buffer are replaced
                List<VReg> target = copy(read(n.id()));
                arrays.arrayBinary(a.op(), target, arr, expr(a.value()), program.typeOf(a.value()), arr, target.getFirst(), a.span());
            }
            case Stmt.AugAssign a when a.target() instanceof Expr.Subscript sub -> {
                // a[i] op= v: the element's address (and its bounds check) once, as Python evaluates it.
                Type elt = ((Type.ListOf) program.typeOf(sub.value())).elt();
                VReg address = elementAddress(sub);
                List<VReg> old = copy(loadElement(address, elt, sub.span()));
                Type valueType = program.typeOf(a.value());
                Type result = arithmeticType(a.op(), elt, valueType);
                List<VReg> r = binary(a.op(), old, elt, expr(a.value()), valueType, result, a.span());
                storeElement(address, 0, coerce(r, result, elt), elt);
            }
            case Stmt.AugAssign a -> {
                Expr.Name n = (Expr.Name) a.target();
                Type varType = varType(n.id());
                Type valueType = program.typeOf(a.value());
                Type result = arithmeticType(a.op(), varType, valueType);
                List<VReg> r = binary(a.op(), read(n.id()), varType, expr(a.value()), valueType, result, a.span());
                store(n, r, result);
            }
            case Stmt.ExprStmt e -> expr(e.value());
            case Stmt.Pass p -> { }
            case Stmt.Global g -> { }
            case Stmt.If i -> {
                Block then = fn.newBlock(), otherwise = fn.newBlock(), join = fn.newBlock();
                branch(i.test(), then, otherwise);
                cur = then;
                block(i.body());
                jumpTo(join);
                cur = otherwise;
                block(i.orelse());
                jumpTo(join);
                cur = join;
            }
            case Stmt.While w -> {
                Block head = fn.newBlock(), body = fn.newBlock(), exit = fn.newBlock();
                Block done = w.orelse().isEmpty() ? exit : fn.newBlock();   // the test false: else, then exit
                jumpTo(head);
                cur = head;
                branch(w.test(), body, done);
                cur = body;
                loops.push(new Block[] {exit, head});
                block(w.body());
                loops.pop();
                jumpTo(head);
                loopElse(done, w.orelse(), exit);
            }
            case Stmt.For f -> forRange(f);
            case Stmt.Break b -> {
                Block target = loops.peek()[0];
                runFinallies(loops.size());
                emit(new Insn.Jump(target));
            }
            case Stmt.Continue c -> {
                Block target = loops.peek()[1];
                runFinallies(loops.size());
                emit(new Insn.Jump(target));
            }
            case Stmt.Return r -> {
                List<VReg> v = r.value() == null ? List.of()
                        : copy(coerce(expr(r.value()), program.typeOf(r.value()), info.returnType()));
                runFinallies(0);
                emit(new Insn.Return(v));
            }
            case Stmt.Assert a -> {
                Block fail = fn.newBlock(), ok = fn.newBlock();
                branch(a.test(), ok, fail);
                cur = fail;
                String msg = a.msg() == null ? "" : (String) ((Expr.Constant) a.msg()).value();
                raise("AssertionError", msg, a.span());
                cur = ok;
            }
            case Stmt.Try t when !t.finalbody().isEmpty() -> tryFinally(t);
            case Stmt.Try t -> tryExcept(t);
            case Stmt.Raise r when r.exc() == null -> {
                // Bare raise: the handler's copy of the exception goes up again (eh_artiq.rs copies it in).
                VReg e = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(e, caughtCopies.peek()));
                emit(new Insn.Call("__artiq_raise", true, List.of(e), List.of()));
                emit(new Insn.Unreachable());
            }
            case Stmt.Raise r when program.typeOf(r.exc()) instanceof Type.Exc -> {
                // raise e: the caught exception again, now raised here (ARTIQ's llvm_ir_generator
                // writes the raise's location into the object before __artiq_raise).
                VReg e = copy(expr(r.exc())).getFirst();
                ExceptionLayout l = layout();
                copyWords(e, l.file(), string(file));
                emit(new Insn.Store(Insn.Width.WORD, word(r.span().line()), e, l.line()));
                emit(new Insn.Store(Insn.Width.WORD, word(r.span().col() + 1), e, l.column()));
                copyWords(e, l.function(), string(info.name));
                emit(new Insn.Call("__artiq_raise", true, List.of(e), List.of()));
                emit(new Insn.Unreachable());
            }
            case Stmt.Raise r -> {
                String name;
                String msg = "";
                if (r.exc() instanceof Expr.Call c) {
                    name = ((Expr.Name) c.func()).id();
                    if (!c.args().isEmpty()) msg = (String) ((Expr.Constant) c.args().get(0)).value();
                } else name = ((Expr.Name) r.exc()).id();
                raise(name, msg, r.span());
            }
            default -> throw new CompileException(file, s.span(), "unsupported statement " + s.getClass().getSimpleName());
        }
    }

    private void block(List<Stmt> body) { for (Stmt s : body) stmt(s); }

    void jumpTo(Block b) { if (!cur.terminated()) emit(new Insn.Jump(b)); }

    /** Assignment to a variable or a list element ({@code a[i] = v}). */
    private void assignTo(Expr target, List<VReg> value, Type valueType) {
        if (target instanceof Expr.Name n) {
            store(n, value, valueType);
            return;
        }
        Expr.Subscript sub = (Expr.Subscript) target;
        if (sub.slice() instanceof Expr.Slice sl) {
            assignSlice(sub, sl, value);
            return;
        }
        if (program.typeOf(sub.value()) instanceof Type.ArrayOf a) {
            ArrayLowering.ArrayPlace p = arrays.arrayPlace(sub, a);
            storeElement(p.address(), 0, coerce(value, valueType, a.elt()), a.elt());
            return;
        }
        if (program.typeOf(sub.value()) instanceof Type.Bytes) {
            List<VReg> v = copy(value);
            storeByte(byteAddress(sub, "bytearray index out of range"), v.getFirst(), sub.span());
            return;
        }
        Type elt = ((Type.ListOf) program.typeOf(sub.value())).elt();
        List<VReg> v = coerce(value, valueType, elt);
        storeElement(elementAddress(sub), 0, v, elt);
    }

    void store(Expr.Name n, List<VReg> value, Type valueType) {
        Type varType = varType(n.id());
        List<VReg> v = coerce(value, valueType, varType);
        if (isGlobal(n.id())) {
            VReg base = globalAddress(n.id());
            for (int k = 0; k < v.size(); k++)
                emit(new Insn.Store(v.get(k).kind() == Kind.D ? Insn.Width.DOUBLE : Insn.Width.WORD, v.get(k), base, 8 * k));
            return;
        }
        List<VReg> dst = vars.get(n.id());
        for (int k = 0; k < dst.size(); k++) emit(new Insn.Move(dst.get(k), v.get(k)));
    }

    private Type varType(String name) {
        return isGlobal(name) ? program.function("__modinit__").localType(name) : info.localType(name);
    }

    private void forRange(Stmt.For f) {
        RangeBounds r = rangeIterable(f.iter());
        if (r != null) {
            rangeLoop(r, (Expr.Name) f.target(), f.orelse(), () -> block(f.body()));
            return;
        }
        sequenceLoop(copy(expr(f.iter())), program.typeOf(f.iter()), (Expr.Name) f.target(), f.iter().span(), f.orelse(), () -> block(f.body()));
    }

    /** The bounds of a loop's iterable when it is a range (a range() call or a range value), else null. */
    private RangeBounds rangeIterable(Expr iter) {
        if (program.typeOf(iter) instanceof Type.RangeOf r) return rangeValue(expr(iter), r);
        return isRange(iter) ? rangeBounds((Expr.Call) iter) : null;
    }

    private static boolean isRange(Expr iter) {
        return iter instanceof Expr.Call call && call.func() instanceof Expr.Name called && called.id().equals("range");
    }

    /** A range's start, stop and step, evaluated once (a zero step raises ValueError here). */
    private record RangeBounds(List<VReg> start, List<VReg> stop, List<VReg> step, Type type) { }

    /** A range value's registers (start, stop, step) as bounds. */
    private RangeBounds rangeValue(List<VReg> v, Type.RangeOf r) {
        int n = registerCount(r.elt());
        List<VReg> all = copy(v);
        return new RangeBounds(all.subList(0, n), all.subList(n, 2 * n), all.subList(2 * n, 3 * n), r.elt());
    }

    /** len(range): the number of values it gives, ((stop - start - 1) // step + 1 or 0, toward the step's direction). */
    private VReg rangeLength(RangeBounds r, Span at) {
        Type t = r.type();
        VReg upward = compare(CmpOp.GT, r.step(), constant(t, 0), t);
        VReg count = copy(List.of(word(0))).get(0);
        Block up = fn.newBlock(), down = fn.newBlock(), some = fn.newBlock(), done = fn.newBlock();
        List<VReg> span = newVal(t), step = newVal(t);
        emit(new Insn.Branch(upward, up, down));
        cur = up;
        moveAll(span, binary(Operator.SUB, r.stop(), t, r.start(), t, t, at));
        moveAll(step, r.step());
        jumpTo(some);
        cur = down;
        moveAll(span, binary(Operator.SUB, r.start(), t, r.stop(), t, t, at));
        moveAll(step, binary(Operator.SUB, constant(t, 0), t, r.step(), t, t, at));
        jumpTo(some);
        cur = some;
        Block positive = fn.newBlock();
        emit(new Insn.Branch(compare(CmpOp.GT, span, constant(t, 0), t), positive, done));
        cur = positive;
        List<VReg> n = binary(Operator.ADD, binary(Operator.FLOORDIV, binary(Operator.SUB, span, t, constant(t, 1), t, t, at), t,
                step, t, t, at), t, constant(t, 1), t, t, at);
        emit(new Insn.Move(count, n.get(0)));   // the low word: a kernel's list lengths are int32
        jumpTo(done);
        cur = done;
        return count;
    }

    private RangeBounds rangeBounds(Expr.Call range) {
        Type t = program.typeOf(range) instanceof Type.RangeOf r ? r.elt() : program.typeOf(range);
        List<List<VReg>> args = new ArrayList<>();
        for (Expr a : range.args()) args.add(copy(coerce(expr(a), program.typeOf(a), t)));
        List<VReg> start = args.size() == 1 ? constant(t, 0) : args.get(0);
        List<VReg> stop = args.size() == 1 ? args.get(0) : args.get(1);
        List<VReg> step = args.size() == 3 ? args.get(2) : constant(t, 1);
        if (args.size() == 3) {
            Block bad = fn.newBlock(), ok = fn.newBlock();
            emit(new Insn.Branch(isZero(step, t), bad, ok));
            cur = bad;
            raise("ValueError", "range() arg 3 must not be zero", range.span());
            cur = ok;
        }
        return new RangeBounds(start, stop, step, t);
    }

    /** for target in range: {@code body} once per value; {@code orelse} when no break left the loop. */
    private void rangeLoop(RangeBounds r, Expr.Name target, List<Stmt> orelse, Runnable body) {
        Type t = r.type();
        List<VReg> i = copy(r.start());
        Block head = fn.newBlock(), bodyBlock = fn.newBlock(), next = fn.newBlock(), exit = fn.newBlock();
        VReg upward = compare(CmpOp.GT, r.step(), constant(t, 0), t);
        jumpTo(head);
        cur = head;
        // step > 0: i < stop; step < 0: i > stop
        VReg below = compare(CmpOp.LT, i, r.stop(), t), above = compare(CmpOp.GT, i, r.stop(), t);
        VReg go = bin(Op.OR, bin(Op.AND, upward, below), bin(Op.AND, bin(Op.XOR, upward, word(1)), above));
        Block done = orelse.isEmpty() ? exit : fn.newBlock();
        emit(new Insn.Branch(go, bodyBlock, done));
        cur = bodyBlock;
        store(target, i, t);
        loops.push(new Block[] {exit, next});
        body.run();
        loops.pop();
        jumpTo(next);
        cur = next;
        List<VReg> incremented = add(i, r.step(), t);
        for (int k = 0; k < i.size(); k++) emit(new Insn.Move(i.get(k), incremented.get(k)));
        emit(new Insn.Jump(head));
        loopElse(done, orelse, exit);
    }

    /**
     * After a loop: {@code done}, where the loop ends without break, runs the loop's else body
     * and falls into {@code exit}, where break jumps (done is exit when there is no else).
     */
    void loopElse(Block done, List<Stmt> orelse, Block exit) {
        if (done != exit) {
            cur = done;
            block(orelse);
            jumpTo(exit);
        }
        cur = exit;
    }

    /** for target in a list, an array or a bytes value (its registers, copied): the loop of its type. */
    private void sequenceLoop(List<VReg> value, Type t, Expr.Name target, Span at, List<Stmt> orelse, Runnable body) {
        switch (t) {
            case Type.ArrayOf a -> arrays.arrayLoop(value, a, target, at, orelse, body);
            case Type.Bytes b -> bytesLoop(value.getFirst(), target, orelse, body);
            default -> listLoop(value, (Type.ListOf) t, target, at, orelse, body);
        }
    }

    /** for target in a list value: its length as it was when the loop began bounds the loop. */
    private void listLoop(List<VReg> list, Type.ListOf lt, Expr.Name target, Span at, List<Stmt> orelse, Runnable body) {
        Type elt = lt.elt();
        int size = elementSize(elt, at);
        indexLoop(list.get(1), i -> store(target, loadElement(bin(Op.ADD, list.get(0), bin(Op.MUL, i, word(size))), elt, at), elt),
                orelse, body);
    }

    /**
     * A for loop over the indices 0 .. count - 1 of a sequence ({@code count} read once, before
     * the loop): {@code bind} assigns the loop variable from the index, then the body runs;
     * break and continue work, and {@code orelse} runs when no break left the loop.
     */
    void indexLoop(VReg count, java.util.function.Consumer<VReg> bind, List<Stmt> orelse, Runnable body) {
        VReg i = copy(List.of(word(0))).get(0);
        Block head = fn.newBlock(), bodyBlock = fn.newBlock(), next = fn.newBlock(), exit = fn.newBlock();
        Block done = orelse.isEmpty() ? exit : fn.newBlock();
        jumpTo(head);
        cur = head;
        emit(new Insn.Branch(bin(Op.SLT, i, count), bodyBlock, done));
        cur = bodyBlock;
        bind.accept(i);
        loops.push(new Block[] {exit, next});
        body.run();
        loops.pop();
        jumpTo(next);
        cur = next;
        emit(new Insn.Move(i, bin(Op.ADD, i, word(1))));
        emit(new Insn.Jump(head));
        loopElse(done, orelse, exit);
    }

    /**
     * {@code [elt for x in iterable if c ...]}: storage for as many elements as the iterable has
     * (a range counted in a first pass over its bounds, evaluated once; a list's length) is
     * alloca'd on the stack, then each element that passes the conditions is stored in turn.
     */
    private List<VReg> listComprehension(Expr.ListComp lc, Type.ListOf t) {
        org.coredev.python.ast.Comprehension g = lc.generators().getFirst();
        Expr.Name target = (Expr.Name) g.target();
        int size = elementSize(t.elt(), lc.span());
        VReg count = copy(List.of(word(0))).get(0), stored = copy(List.of(word(0))).get(0);
        VReg[] storage = new VReg[1];
        Runnable element = () -> {
            repeatedEvaluation++;
            Block keep = fn.newBlock(), skip = fn.newBlock();
            for (Expr test : g.ifs()) {
                Block more = fn.newBlock();
                branch(test, more, skip);
                cur = more;
            }
            jumpTo(keep);
            cur = keep;
            List<VReg> v = coerce(expr(lc.elt()), program.typeOf(lc.elt()), t.elt());
            storeElement(bin(Op.ADD, storage[0], bin(Op.MUL, stored, word(size))), 0, v, t.elt());
            emit(new Insn.Move(stored, bin(Op.ADD, stored, word(1))));
            jumpTo(skip);
            cur = skip;
            repeatedEvaluation--;
        };
        RangeBounds r = rangeIterable(g.iter());
        if (r != null) {
            rangeLoop(r, target, List.of(), () -> emit(new Insn.Move(count, bin(Op.ADD, count, word(1)))));
            storage[0] = alloca(bin(Op.MUL, count, word(size)));
            rangeLoop(r, target, List.of(), element);
        } else {
            List<VReg> list = copy(expr(g.iter()));
            Type it = program.typeOf(g.iter());
            // a list's length, an array's first dimension, a bytes value's length
            VReg length = it instanceof Type.Bytes ? sliceWords(list.getFirst()).get(1) : list.get(1);
            storage[0] = alloca(bin(Op.MUL, length, word(size)));
            sequenceLoop(list, it, target, g.iter().span(), List.of(), element);
        }
        return List.of(storage[0], stored);
    }

    /**
     * {@code list[lo:hi:step]}: a new list (stack storage living until the function returns) of
     * the elements Python's slice picks: bounds default to the ends for the step's direction,
     * negative ones count from the end, then clamp (PySlice_AdjustIndices); a step of 0 raises
     * ValueError.
     */
    private List<VReg> slice(Expr.Subscript sub, Expr.Slice sl) {
        SliceRange r = sliceRange(sub, sl);
        VReg storage = alloca(bin(Op.MUL, r.count(), word(r.size())));
        forEachIndex(r.count(), k -> storeElement(bin(Op.ADD, storage, bin(Op.MUL, k, word(r.size()))), 0,
                loadElement(r.element(k), r.elt(), sub.span()), r.elt()));
        return List.of(storage, r.count());
    }

    /**
     * {@code list[lo:hi:step] = other}: a kernel's list keeps its length, so {@code other} must have
     * as many elements as the slice (ValueError otherwise; Python would resize the list for a
     * step of 1). The elements are copied out first, so an overlapping source is read as it was.
     */
    private void assignSlice(Expr.Subscript sub, Expr.Slice sl, List<VReg> value) {
        SliceRange r = sliceRange(sub, sl);
        List<VReg> source = copy(value);
        Block bad = fn.newBlock(), ok = fn.newBlock();
        emit(new Insn.Branch(equal(List.of(source.get(1)), List.of(r.count())), ok, bad));
        cur = bad;
        raise("ValueError", "attempt to assign a list of {0} elements to a slice of {1} (a kernel's list keeps its length)", sub.span(),
                List.of(param(source.get(1)), param(r.count())));
        cur = ok;
        VReg staged = alloca(bin(Op.MUL, r.count(), word(r.size())));
        forEachIndex(r.count(), k -> {
            VReg at = bin(Op.MUL, k, word(r.size()));
            storeElement(bin(Op.ADD, staged, at), 0, loadElement(bin(Op.ADD, source.get(0), at), r.elt(), sub.span()), r.elt());
        });
        forEachIndex(r.count(), k -> storeElement(r.element(k), 0,
                loadElement(bin(Op.ADD, staged, bin(Op.MUL, k, word(r.size()))), r.elt(), sub.span()), r.elt()));
    }

    /** Which elements a slice picks: the list, its first index, the step and how many. */
    private record SliceRange(List<VReg> list, VReg start, VReg step, VReg count, Type elt, int size, Lowering l) {
        /** The address of the slice's element {@code k}. */
        VReg element(VReg k) {
            return l.bin(Op.ADD, list.get(0), l.bin(Op.MUL, l.bin(Op.ADD, start, l.bin(Op.MUL, k, step)), l.word(size)));
        }
    }

    private SliceRange sliceRange(Expr.Subscript sub, Expr.Slice sl) {
        Type.ListOf lt = (Type.ListOf) program.typeOf(sub.value());
        int size = elementSize(lt.elt(), sub.span());
        List<VReg> list = copy(expr(sub.value()));
        VReg n = list.get(1);
        // Python's order: the bounds, then the step.
        VReg lower = sl.lower() == null ? null : copy(expr(sl.lower())).get(0);
        VReg upper = sl.upper() == null ? null : copy(expr(sl.upper())).get(0);
        VReg step = copy(sl.step() == null ? List.of(word(1)) : expr(sl.step())).get(0);
        if (sl.step() != null && TypeInference.constantIndex(sl.step()) == null) {
            Block zero = fn.newBlock(), ok = fn.newBlock();
            emit(new Insn.Branch(step, ok, zero));
            cur = zero;
            raise("ValueError", "slice step cannot be zero", sl.step().span(), List.of());
            cur = ok;
        }
        // The step's direction as 1 or 0, then the defaults and clamps it gives, without branches.
        VReg upward = bin(Op.SLT, word(0), step);
        VReg start = lower == null ? bin(Op.MUL, bin(Op.SUB, word(1), upward), bin(Op.SUB, n, word(1)))
                : sliceBound(lower, n, upward);
        VReg stop = upper == null ? bin(Op.SUB, bin(Op.MUL, upward, bin(Op.ADD, n, word(1))), word(1))
                : sliceBound(upper, n, upward);
        // count = (|stop - start| - 1) / |step| + 1 when the range lies in the step's direction, else 0.
        VReg sign = bin(Op.SUB, bin(Op.ADD, upward, upward), word(1));
        VReg span = bin(Op.MUL, bin(Op.SUB, stop, start), sign);
        VReg count = copy(List.of(word(0))).get(0);
        Block some = fn.newBlock(), done = fn.newBlock();
        emit(new Insn.Branch(bin(Op.SLT, word(0), span), some, done));
        cur = some;
        emit(new Insn.Move(count, bin(Op.ADD, bin(Op.DIV, bin(Op.SUB, span, word(1)), bin(Op.MUL, step, sign)), word(1))));
        jumpTo(done);
        cur = done;
        return new SliceRange(list, start, step, count, lt.elt(), size, this);
    }

    /**
     * A slice bound adjusted as CPython does: + n if negative, then clamped to [0, n] for an
     * upward step ({@code upward} 1), to [-1, n - 1] for a downward one ({@code upward} 0).
     */
    VReg sliceBound(VReg value, VReg n, VReg upward) {
        VReg i = copy(List.of(value)).get(0);
        Block negative = fn.newBlock(), nonNegative = fn.newBlock(), low = fn.newBlock(), high = fn.newBlock(), done = fn.newBlock();
        emit(new Insn.Branch(bin(Op.SLT, i, word(0)), negative, nonNegative));
        cur = negative;
        emit(new Insn.Move(i, bin(Op.ADD, i, n)));
        emit(new Insn.Branch(bin(Op.SLT, i, word(0)), low, done));
        cur = low;
        emit(new Insn.Move(i, bin(Op.SUB, upward, word(1))));
        jumpTo(done);
        cur = nonNegative;
        emit(new Insn.Branch(bin(Op.SLT, i, n), done, high));
        cur = high;
        emit(new Insn.Move(i, bin(Op.ADD, bin(Op.SUB, n, word(1)), upward)));
        jumpTo(done);
        cur = done;
        return i;
    }

    /** Runs {@code body} for k = 0 .. count - 1. */
    void forEachIndex(VReg count, java.util.function.Consumer<VReg> body) {
        VReg k = copy(List.of(word(0))).get(0);
        Block head = fn.newBlock(), loop = fn.newBlock(), done = fn.newBlock();
        jumpTo(head);
        cur = head;
        emit(new Insn.Branch(bin(Op.SLT, k, count), loop, done));
        cur = loop;
        body.accept(k);
        emit(new Insn.Move(k, bin(Op.ADD, k, word(1))));
        emit(new Insn.Jump(head));
        cur = done;
    }

    /**
     * Storage for a value that may outlive the expression making it (a list's elements, an RPC's
     * returned str slice or tuple): a frame slot when this code runs once per call; inside a
     * loop or a comprehension, new stack storage at each evaluation, so that a value kept from an
     * earlier one is not overwritten. It lives until the function returns.
     */
    private VReg valueStorage(int bytes) {
        if (!loops.isEmpty() || repeatedEvaluation > 0) return alloca(word(bytes));
        VReg base = fn.newReg(Kind.W);
        emit(new Insn.SlotAddr(base, fn.newSlot(bytes, 8)));
        return base;
    }

    VReg alloca(VReg bytes) {
        VReg address = fn.newReg(Kind.W);
        emit(new Insn.Alloca(address, bytes));
        return address;
    }

    /**
     * Runs, innermost first, the finally bodies of the try statements a jump leaves: those
     * entered inside the loop at depth {@code loopDepth} (0: all, for return). Each body runs
     * with the handlers outside its own try, and without itself on the stack.
     */
    private void runFinallies(int loopDepth) {
        Deque<Finally> saved = new ArrayDeque<>(finallies);
        Deque<Block> savedHandlers = new ArrayDeque<>(handlers);
        while (!finallies.isEmpty() && finallies.peek().loopDepth() >= loopDepth) {
            Finally f = finallies.pop();
            handlers.clear();
            handlers.addAll(f.outerHandlers());
            block(f.body());
            if (cur.terminated()) break;   // the finally body itself returned or raised
        }
        finallies.clear();
        finallies.addAll(saved);
        handlers.clear();
        handlers.addAll(savedHandlers);
    }

    /**
     * try/finally (with or without except clauses): the body, clauses and else unwind to a
     * cleanup pad that runs the finally body and resumes unwinding ({@code __artiq_resume});
     * leaving normally runs it inline, and return/break/continue run it before jumping.
     */
    private void tryFinally(Stmt.Try t) {
        Block pad = fn.newBlock(), after = fn.newBlock();
        finallies.push(new Finally(t.finalbody(), List.copyOf(handlers), loops.size()));
        handlers.push(pad);
        if (t.handlers().isEmpty()) {
            block(t.body());
            block(t.orelse());
        } else {
            tryExcept(new Stmt.Try(t.body(), t.handlers(), t.orelse(), List.of(), t.span()));
        }
        handlers.pop();
        finallies.pop();
        block(t.finalbody());
        jumpTo(after);
        cur = pad;
        // ARTIQ 6: a cleanup inside another try of this function catches everything, or the
        // search phase would pass over this frame for want of a catch clause at this call site.
        emit(new Insn.LandingPad(fn.newReg(Kind.W), target.namedExceptions() && !handlers.isEmpty() ? List.of(string("")) : List.of()));
        block(t.finalbody());
        if (!cur.terminated()) resumeUnwinding();
        cur = after;
    }

    /**
     * The end of a cleanup pad, or of a landing pad no clause matched: unwinding goes on
     * ({@code __artiq_resume}; ARTIQ 6's {@code __artiq_reraise}, which resumes the cleanup phase,
     * or raises anew from here when this frame was the handler frame).
     */
    private void resumeUnwinding() {
        emit(new Insn.Call(target.namedExceptions() ? "__artiq_reraise" : "__artiq_resume", true, List.of(), List.of()));
        emit(new Insn.Unreachable());
    }

    /**
     * try/except: every call in the body (raises included) unwinds to one landing pad, a cleanup
     * for the runtime's personality (action 0), which compares the exception's id with each
     * clause in order. A matching clause retires the exception ({@code __artiq_end_catch}) and
     * runs; otherwise {@code __artiq_resume} goes on unwinding to an outer try or the host.
     * A break or continue out of the body leaves it like any jump (no finally yet).
     */
    private void tryExcept(Stmt.Try t) {
        Block pad = fn.newBlock(), after = fn.newBlock();
        handlers.push(pad);
        block(t.body());
        handlers.pop();
        block(t.orelse());
        jumpTo(after);
        cur = pad;
        VReg exception = fn.newReg(Kind.W);
        // Every clause's ids; null for a clause that catches everything.
        var classes = program.exceptionClasses();
        List<BitSet> clauses = new ArrayList<>();
        for (var h : t.handlers()) {
            List<Expr.Name> names = h.type() == null ? List.of() : TypeInference.handlerTypes(h.type());
            if (h.type() == null || names.stream().anyMatch(n -> classes.catchesEverything(n.id()))) clauses.add(null);
            else {
                BitSet ids = new BitSet();
                for (Expr.Name n : names) ids.or(classes.idsCaughtBy(n.id()));
                clauses.add(ids);
            }
        }
        emit(new Insn.LandingPad(exception, target.namedExceptions() ? typeInfos(clauses) : List.of()));
        VReg id = fn.newReg(Kind.W);
        if (!target.namedExceptions()) emit(new Insn.Load(Insn.Width.WORD, id, exception, 0));
        for (int c = 0; c < t.handlers().size(); c++) {
            var h = t.handlers().get(c);
            Block run = fn.newBlock(), next = fn.newBlock();
            BitSet ids = clauses.get(c);
            if (ids == null) emit(new Insn.Jump(run));
            else if (target.namedExceptions()) {
                // ARTIQ 6: the exception's name slice (offset 0) against each class's name string.
                for (int k = ids.nextSetBit(0); k >= 0; k = ids.nextSetBit(k + 1)) {
                    Block tryNext = fn.newBlock();
                    VReg name = fn.newReg(Kind.W);
                    emit(new Insn.AddrOf(name, string(classes.nameString(k))));
                    emit(new Insn.Branch(strEqual(exception, name), run, tryNext));
                    cur = tryNext;
                }
                emit(new Insn.Jump(next));
            } else {
                // A clause catches its classes and their subclasses (Exception: everything).
                VReg match = word(0);
                for (int k = ids.nextSetBit(0); k >= 0; k = ids.nextSetBit(k + 1))
                    match = bin(Op.OR, match, bin(Op.SLTU, bin(Op.XOR, id, word(k)), word(1)));
                emit(new Insn.Branch(match, run, next));
            }
            cur = run;
            boolean reraises = containsBareRaise(h.body()) || h.name() != null;
            if (reraises) {
                // The runtime's slot is free once caught: a bare raise re-raises a copy in the frame.
                int slot = fn.newSlot(64, 8);
                VReg copy = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(copy, slot));
                for (int off = 0; off < 64; off += 4) {
                    VReg w = fn.newReg(Kind.W);
                    emit(new Insn.Load(Insn.Width.WORD, w, exception, off));
                    emit(new Insn.Store(Insn.Width.WORD, w, copy, off));
                }
                caughtCopies.push(slot);
            }
            // ARTIQ 6 has no end_catch: the exception stays in flight until the next raise.
            if (!target.namedExceptions()) emit(new Insn.Call("__artiq_end_catch", true, List.of(), List.of()));
            if (h.name() != null) {
                // 'as e': the frame's copy (eh_artiq.rs Exception).
                VReg copy = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(copy, caughtCopies.peek()));
                store(new Expr.Name(h.name(), null, h.span()), List.of(copy), Type.EXC);
            }
            block(h.body());
            if (reraises) caughtCopies.pop();
            jumpTo(after);
            cur = next;
        }
        if (!cur.terminated()) resumeUnwinding();
        cur = after;
    }

    /**
     * ARTIQ 6 catch clauses for a landing pad (type-info symbols, each a name slice): the names of
     * the classes its clauses catch, and a catch-all (an empty name) when a clause catches
     * everything or another landing pad of this function encloses this one. ARTIQ 6's personality
     * only stops at a catch clause it matches, and a call site has one pad; with the catch-all,
     * the pad also gets exceptions no clause takes and hands them on through
     * {@code __artiq_reraise} (raising anew from there), so that an enclosing finally or except
     * of the same frame still sees them.
     */
    private List<String> typeInfos(List<BitSet> clauses) {
        var classes = program.exceptionClasses();
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        boolean catchAll = !handlers.isEmpty();
        for (BitSet ids : clauses) {
            if (ids == null) { catchAll = true; continue; }
            for (int k = ids.nextSetBit(0); k >= 0; k = ids.nextSetBit(k + 1)) out.add(string(classes.nameString(k)));
        }
        if (catchAll) out.add(string(""));
        return List.copyOf(out);
    }

    /** Whether a bare {@code raise} of this handler appears in these statements (not in nested handlers or functions). */
    private static boolean containsBareRaise(List<Stmt> body) {
        for (Stmt s : body) {
            boolean found = switch (s) {
                case Stmt.Raise r -> r.exc() == null;
                case Stmt.If i -> containsBareRaise(i.body()) || containsBareRaise(i.orelse());
                case Stmt.While w -> containsBareRaise(w.body()) || containsBareRaise(w.orelse());
                case Stmt.For f -> containsBareRaise(f.body()) || containsBareRaise(f.orelse());
                case Stmt.Try t -> containsBareRaise(t.body()) || containsBareRaise(t.orelse()) || containsBareRaise(t.finalbody());
                default -> false;
            };
            if (found) return true;
        }
        return false;
    }

    /** Raises a built-in exception with a constant message through __artiq_raise. */
    void raise(String name, String message, Span at) {
        raise(name, message, at, List.of());
    }

    /**
     * Offsets in the 64-byte exception object (eh_artiq.rs {@code struct Exception}): today's
     * starts with the id (a word), ARTIQ 6's with the name slice; params are three int64s.
     */
    record ExceptionLayout(int name, int file, int line, int column, int function, int message, int params) {
        static final ExceptionLayout IDS = new ExceptionLayout(0, 4, 12, 16, 20, 28, 40);
        static final ExceptionLayout NAMED = new ExceptionLayout(0, 8, 16, 20, 24, 32, 40);
    }

    ExceptionLayout layout() { return target.namedExceptions() ? ExceptionLayout.NAMED : ExceptionLayout.IDS; }

    void raise(String name, String message, Span at, List<List<VReg>> params) {
        ExceptionLayout l = layout();
        int id = program.exceptionClasses().id(name);
        String sym = "exn." + dataCounter++;
        byte[] bytes = new byte[64];
        List<DataObject.Pointer> pointers = new ArrayList<>();
        if (target.namedExceptions()) {
            String nameString = program.exceptionClasses().nameString(id);
            putSliceLength(bytes, l.name(), nameString);
            pointers.add(new DataObject.Pointer(l.name(), stringBytesSymbol(string(nameString))));
        } else putInt(bytes, l.name(), id);
        putSliceLength(bytes, l.file(), file);
        putInt(bytes, l.line(), at == null ? 0 : at.line());
        putInt(bytes, l.column(), at == null ? 0 : at.col() + 1);
        putSliceLength(bytes, l.function(), info.name);
        putSliceLength(bytes, l.message(), message);
        pointers.add(new DataObject.Pointer(l.file(), stringBytesSymbol(string(file))));
        pointers.add(new DataObject.Pointer(l.function(), stringBytesSymbol(string(info.name))));
        pointers.add(new DataObject.Pointer(l.message(), stringBytesSymbol(string(message))));
        module.data.add(new DataObject(sym, true, bytes, 8, pointers));
        VReg e = fn.newReg(Kind.W);
        emit(new Insn.AddrOf(e, sym));
        for (int k = 0; k < params.size(); k++) {
            int low = l.params() + (target.bigEndian() ? 4 : 0), high = l.params() + (target.bigEndian() ? 0 : 4);
            emit(new Insn.Store(Insn.Width.WORD, params.get(k).get(0), e, low + 8 * k));
            emit(new Insn.Store(Insn.Width.WORD, params.get(k).get(1), e, high + 8 * k));
        }
        emit(new Insn.Call("__artiq_raise", true, List.of(e), List.of()));
        emit(new Insn.Unreachable());
    }

    /** The length word of a {ptr, len} slice (the pointer is a relocated DataObject.Pointer). */
    private void putSliceLength(byte[] into, int offset, String text) {
        putInt(into, offset + 4, text.getBytes(StandardCharsets.UTF_8).length);
    }

    // ---- expressions -----------------------------------------------------------------------

    /** The registers holding a value of {@code t}: none for None, one or two words, or a double. */
    List<VReg> newVal(Type t) {
        return switch (t) {
            case Type.Int i when i.width() == 64 -> List.of(fn.newReg(Kind.W), fn.newReg(Kind.W));
            case Type.Int i -> List.of(fn.newReg(Kind.W));
            case Type.Bool b -> List.of(fn.newReg(Kind.W));
            case Type.Float x -> target.hardFloat ? List.of(fn.newReg(Kind.D)) : List.of(fn.newReg(Kind.W), fn.newReg(Kind.W));
            case Type.None n -> List.of();
            case Type.Str s -> List.of(fn.newReg(Kind.W));
            case Type.Bytes b -> List.of(fn.newReg(Kind.W));   // as a str: the address of its {ptr, len} slice
            case Type.Exc x -> List.of(fn.newReg(Kind.W));     // the frame's copy of the exception object
            case Type.Instance i -> List.of(fn.newReg(Kind.W));   // a placeholder: instances hold no data
            case Type.ListOf l -> List.of(fn.newReg(Kind.W), fn.newReg(Kind.W));   // elements pointer, length
            case Type.ArrayOf a -> {   // buffer pointer, one length per dimension
                List<VReg> out = new ArrayList<>();
                for (int k = 0; k <= a.dims(); k++) out.add(fn.newReg(Kind.W));
                yield out;
            }
            case Type.RangeOf r -> {   // start, stop, step
                List<VReg> out = new ArrayList<>();
                for (int k = 0; k < 3; k++) out.addAll(newVal(r.elt()));
                yield out;
            }
            case Type.TupleOf tu -> {
                List<VReg> out = new ArrayList<>();
                for (Type e : tu.elts()) out.addAll(newVal(e));
                yield out;
            }
            case Type.Var v -> throw new IllegalStateException("unresolved type " + v);
        };
    }

    /** Marks in {@code pairs} the two-word scalars of a value of {@code t} whose registers start at {@code first}. */
    private void markPairs(Type t, int first, BitSet pairs) {
        switch (t) {
            case Type.Int i when i.width() == 64 -> pairs.set(first);
            case Type.Float x when !target.hardFloat -> pairs.set(first);
            case Type.TupleOf tu -> {
                for (Type e : tu.elts()) { markPairs(e, first, pairs); first += registerCount(e); }
            }
            case Type.RangeOf r -> {
                for (int k = 0; k < 3; k++) { markPairs(r.elt(), first, pairs); first += registerCount(r.elt()); }
            }
            default -> { }
        }
    }

    /** How many registers hold a value of {@code t} on this target. */
    int registerCount(Type t) {
        return switch (t) {
            case Type.Int i -> i.width() == 64 ? 2 : 1;
            case Type.Float f -> target.hardFloat ? 1 : 2;
            case Type.None n -> 0;
            case Type.ListOf l -> 2;
            case Type.ArrayOf a -> 1 + a.dims();
            case Type.RangeOf r -> 3 * registerCount(r.elt());
            case Type.TupleOf tu -> tu.elts().stream().mapToInt(this::registerCount).sum();
            default -> 1;
        };
    }

    List<VReg> copy(List<VReg> v) {
        List<VReg> out = new ArrayList<>();
        for (VReg r : v) {
            VReg c = fn.newReg(r.kind());
            emit(new Insn.Move(c, r));
            out.add(c);
        }
        return out;
    }

    List<VReg> expr(Expr e) {
        Expr read = program.rewritten(e);   // a method call as its function's, a class attribute as its value
        if (read != null) return expr(read);
        if (program.isInstantiation(e)) return List.of(word(0));   // an instance holds no data: one placeholder word
        Type t = program.typeOf(e);
        return switch (e) {
            case Expr.Constant c -> constantExpr(c, t);
            case Expr.Name n -> read(n.id());
            case Expr.BinOp b when TypeInference.listRepeat(b) != null ->
                    listLiteral(TypeInference.listRepeat(b).list(), (Type.ListOf) t, TypeInference.listRepeat(b).count());
            case Expr.BinOp b -> binary(b.op(), expr(b.left()), program.typeOf(b.left()), expr(b.right()),
                    program.typeOf(b.right()), t, b.span());
            case Expr.UnaryOp u when program.typeOf(u.operand()) instanceof Type.ArrayOf a ->
                    arrays.arrayUnary(u.op(), expr(u.operand()), a);
            case Expr.UnaryOp u -> {
                List<VReg> v = expr(u.operand());
                Type vt = program.typeOf(u.operand());
                yield switch (u.op()) {
                    case NOT -> List.of(bin(Op.XOR, truth(v, vt), word(1)));
                    case UADD -> v;
                    case USUB -> negate(v, vt);
                    case INVERT -> v.stream().map(r -> bin(Op.XOR, r, word(-1))).toList();
                };
            }
            case Expr.BoolOp b -> {
                List<VReg> result = newVal(t);
                Block join = fn.newBlock();
                for (int k = 0; k < b.values().size(); k++) {
                    Expr v = b.values().get(k);
                    List<VReg> value = expr(v);
                    for (int p = 0; p < result.size(); p++) emit(new Insn.Move(result.get(p), value.get(p)));
                    if (k == b.values().size() - 1) break;
                    Block next = fn.newBlock();
                    VReg truth = truth(value, program.typeOf(v));
                    if (b.op() == BoolOpKind.AND) emit(new Insn.Branch(truth, next, join));
                    else emit(new Insn.Branch(truth, join, next));
                    cur = next;
                }
                jumpTo(join);
                cur = join;
                yield result;
            }
            case Expr.Compare c -> compareChain(c);
            case Expr.IfExp i -> {
                List<VReg> result = newVal(t);
                Block a = fn.newBlock(), b = fn.newBlock(), join = fn.newBlock();
                branch(i.test(), a, b);
                cur = a;
                List<VReg> va = coerce(expr(i.body()), program.typeOf(i.body()), t);
                for (int p = 0; p < result.size(); p++) emit(new Insn.Move(result.get(p), va.get(p)));
                jumpTo(join);
                cur = b;
                List<VReg> vb = coerce(expr(i.orelse()), program.typeOf(i.orelse()), t);
                for (int p = 0; p < result.size(); p++) emit(new Insn.Move(result.get(p), vb.get(p)));
                jumpTo(join);
                cur = join;
                yield result;
            }
            case Expr.Call c -> call(c, t);
            case Expr.List l -> listLiteral(l, (Type.ListOf) t, 1);
            case Expr.ListComp lc -> listComprehension(lc, (Type.ListOf) t);
            case Expr.Tuple tu -> {
                List<VReg> out = new ArrayList<>();
                for (Expr x : tu.elts()) out.addAll(copy(expr(x)));
                yield out;
            }
            case Expr.Attribute a when program.typeOf(a.value()) instanceof Type.RangeOf r -> {
                // a range's registers: start, stop, step
                int n = registerCount(r.elt()), k = List.of("start", "stop", "step").indexOf(a.attr());
                yield expr(a.value()).subList(k * n, (k + 1) * n);
            }
            case Expr.Subscript sub when program.typeOf(sub.value()) instanceof Type.TupleOf tu -> {
                List<VReg> whole = expr(sub.value());
                int k = org.coredev.compiler.types.TypeInference.constantIndex(sub.slice());
                int index = k < 0 ? k + tu.elts().size() : k;
                int first = 0;
                for (int j = 0; j < index; j++) first += registerCount(tu.elts().get(j));
                yield whole.subList(first, first + registerCount(tu.elts().get(index)));
            }
            case Expr.Attribute a when a.attr().equals("shape") && program.typeOf(a.value()) instanceof Type.ArrayOf ->
                    copy(expr(a.value()).subList(1, 1 + ((Type.ArrayOf) program.typeOf(a.value())).dims()));
            case Expr.Subscript sub when program.typeOf(sub.value()) instanceof Type.ArrayOf a && sub.slice() instanceof Expr.Slice sl ->
                    arrays.arraySlice(sub, sl, a);
            case Expr.Subscript sub when program.typeOf(sub.value()) instanceof Type.ArrayOf a -> {
                ArrayLowering.ArrayPlace p = arrays.arrayPlace(sub, a);
                yield p.shape().isEmpty() ? loadElement(p.address(), a.elt(), sub.span()) : arrays.view(p);
            }
            case Expr.Subscript sub when program.typeOf(sub.value()) instanceof Type.Bytes -> {
                VReg r = fn.newReg(Kind.W);
                emit(new Insn.Load(Insn.Width.BYTE, r, byteAddress(sub, "index out of range"), 0));   // 0..255
                yield List.of(r);
            }
            case Expr.Subscript sub when sub.slice() instanceof Expr.Slice sl -> slice(sub, sl);
            case Expr.Subscript sub -> {
                Type.ListOf lt = (Type.ListOf) program.typeOf(sub.value());
                yield loadElement(elementAddress(sub), lt.elt(), sub.span());
            }
            default -> throw new CompileException(file, e.span(), "%s is not supported in kernels yet".formatted(TypeInference.nodeName(e)));
        };
    }

    // ---- lists ------------------------------------------------------------------------------

    /** Bytes an element takes in a list (rpc.md's layout: bool 1, int32 4, int64 and float 8, str a {ptr, len} slice). */
    int elementSize(Type t, Span at) {
        return switch (t) {
            case Type.Bool b -> 1;
            case Type.Int i -> i.width() / 8;
            case Type.Float f -> 8;
            case Type.Str x -> 8;
            case Type.Bytes x -> 8;
            case Type.ListOf l -> 8;   // the inner list's {elements, length} header
            case Type.ArrayOf a -> 4 * (1 + a.dims());   // the array's {buffer, shape} words
            case Type.Instance i -> 4;
            case Type.TupleOf tu when tu.elts().stream().noneMatch(e -> e instanceof Type.None) -> {
                // The tuple's registers in a row (a str as its slice's address), doubles 8-aligned.
                List<VReg> regs = newVal(tu);
                int[] offsets = registerOffsets(regs);
                int end = regs.isEmpty() ? 0 : offsets[regs.size() - 1] + (regs.getLast().kind() == Kind.D ? 8 : 4);
                int align = regs.stream().anyMatch(r -> r.kind() == Kind.D) ? 8 : 4;
                yield Math.max(align, (end + align - 1) / align * align);
            }
            default -> throw new CompileException(file, at, "lists of %s are not supported yet (numbers, bools, strings, lists and tuples are)".formatted(t));
        };
    }

    /**
     * Offsets of the registers of a value of {@code t} stored in a row in memory: words 4 bytes,
     * doubles 8 (aligned); on a big-endian target each two-word scalar (int64, soft float) has its
     * high word first, as the runtime and the host read it.
     */
    private int[] memoryOffsets(Type t, List<VReg> v) {
        int[] offsets = registerOffsets(v);
        if (target.bigEndian()) {
            BitSet pairs = new BitSet();
            markPairs(t, 0, pairs);
            for (int k = pairs.nextSetBit(0); k >= 0; k = pairs.nextSetBit(k + 1)) {
                int low = offsets[k];
                offsets[k] = offsets[k + 1];
                offsets[k + 1] = low;
            }
        }
        return offsets;
    }

    /** Offsets of a value's registers stored in a row in memory: words 4 bytes, doubles 8 (aligned). */
    private static int[] registerOffsets(List<VReg> v) {
        int[] out = new int[v.size()];
        int off = 0;
        for (int k = 0; k < v.size(); k++) {
            if (v.get(k).kind() == Kind.D) off = (off + 7) & ~7;
            out[k] = off;
            off += v.get(k).kind() == Kind.D ? 8 : 4;
        }
        return out;
    }

    /**
     * A list literal, the value {elements, length}. Evaluated once per call, its elements are in a
     * frame slot of this function; inside a loop or a comprehension, where it may be evaluated
     * again while an earlier list is still in use, each evaluation gets its own storage on the
     * stack (an Alloca, as ARTIQ allocas each list), which lives until the function returns.
     */
    private List<VReg> listLiteral(Expr.List l, Type.ListOf t, int times) {
        int size = elementSize(t.elt(), l.span());
        List<List<VReg>> values = new ArrayList<>();
        for (Expr x : l.elts()) values.add(coerce(expr(x), program.typeOf(x), t.elt()));
        int n = values.size() * times;
        VReg base = valueStorage(Math.max(8, size * n));
        // Each element is evaluated once, then stored at every place it repeats to ([x] * n).
        for (int k = 0; k < n; k++) storeElement(base, k * size, values.get(k % values.size()), t.elt());
        return List.of(base, word(n));
    }

    /** ARTIQ's IndexError of a list or array index, with the index and the length as parameters. */
    static final String INDEX_OUT_OF_BOUNDS = "index {0} out of bounds 0:{1}";

    /** The address of {@code list[index]}, raising IndexError (Python's negative indices count from the end). */
    private VReg elementAddress(Expr.Subscript sub) {
        Type.ListOf lt = (Type.ListOf) program.typeOf(sub.value());
        List<VReg> list = expr(sub.value());
        VReg i = checkedIndex(expr(sub.slice()), list.get(1), INDEX_OUT_OF_BOUNDS, true, sub.span());
        return bin(Op.ADD, list.get(0), bin(Op.MUL, i, word(elementSize(lt.elt(), sub.span()))));
    }

    /**
     * An index into a sequence of {@code length}: counted from the end if negative (Python's),
     * else IndexError with {@code message}, ARTIQ's carrying the index and the length as
     * parameters ({@code withParameters}); an int64 index must fit in 32 bits.
     */
    VReg checkedIndex(List<VReg> index, VReg length, String message, boolean withParameters, Span at) {
        VReg i = copy(List.of(index.get(0))).get(0);
        Block wrap = fn.newBlock(), check = fn.newBlock(), bad = fn.newBlock(), ok = fn.newBlock();
        emit(new Insn.Branch(bin(Op.SLT, i, word(0)), wrap, check));
        cur = wrap;
        emit(new Insn.Move(i, bin(Op.ADD, i, length)));
        emit(new Insn.Jump(check));
        cur = check;
        VReg inRange = bin(Op.SLTU, i, length);   // unsigned: still negative is out of range too
        if (index.size() == 2) {   // an int64 index must fit in 32 bits
            VReg fits = bin(Op.SLTU, bin(Op.XOR, index.get(1), bin(Op.SRA, index.get(0), word(31))), word(1));
            inRange = bin(Op.AND, inRange, fits);
        }
        emit(new Insn.Branch(inRange, ok, bad));
        cur = bad;
        raise("IndexError", message, at, withParameters ? List.of(param(i), param(length)) : List.of());
        cur = ok;
        return i;
    }

    List<VReg> loadElement(VReg address, Type t, Span at) {
        return switch (t) {
            case Type.Bool b -> {
                VReg r = fn.newReg(Kind.W);
                emit(new Insn.Load(Insn.Width.BYTE, r, address, 0));
                yield List.of(r);
            }
            case Type.Str _, Type.Bytes _ -> List.of(address);   // the element is the {ptr, len} slice itself
            default -> {
                List<VReg> v = newVal(t);
                int[] offsets = memoryOffsets(t, v);
                for (int k = 0; k < v.size(); k++)
                    emit(new Insn.Load(v.get(k).kind() == Kind.D ? Insn.Width.DOUBLE : Insn.Width.WORD, v.get(k), address, offsets[k]));
                yield v;
            }
        };
    }

    void storeElement(VReg base, int offset, List<VReg> v, Type t) {
        switch (t) {
            case Type.Bool b -> emit(new Insn.Store(Insn.Width.BYTE, v.get(0), base, offset));
            case Type.Str _, Type.Bytes _ -> {
                for (int k = 0; k < 8; k += 4) {
                    VReg w = fn.newReg(Kind.W);
                    emit(new Insn.Load(Insn.Width.WORD, w, v.get(0), k));
                    emit(new Insn.Store(Insn.Width.WORD, w, base, offset + k));
                }
            }
            default -> {
                int[] offsets = memoryOffsets(t, v);
                for (int k = 0; k < v.size(); k++)
                    emit(new Insn.Store(v.get(k).kind() == Kind.D ? Insn.Width.DOUBLE : Insn.Width.WORD, v.get(k), base, offset + offsets[k]));
            }
        }
    }

    // ---- bytes and bytearray: a {ptr, len} slice as a str's, elements 0..255 -----------------

    /** The address of {@code b[i]}, raising IndexError (negative indices from the end). */
    private VReg byteAddress(Expr.Subscript sub, String message) {
        List<VReg> slice = sliceWords(copy(expr(sub.value())).getFirst());
        VReg i = checkedIndex(coerce(expr(sub.slice()), program.typeOf(sub.slice()), Type.INT32), slice.get(1), message, false, sub.span());
        return bin(Op.ADD, slice.get(0), i);
    }

    /** Stores a byte, raising ValueError (CPython's message) unless it is 0..255. */
    private void storeByte(VReg address, VReg value, Span at) {
        Block bad = fn.newBlock(), ok = fn.newBlock();
        emit(new Insn.Branch(bin(Op.SLTU, value, word(256)), ok, bad));
        cur = bad;
        raise("ValueError", "byte must be in range(0, 256)", at);
        cur = ok;
        emit(new Insn.Store(Insn.Width.BYTE, value, address, 0));
    }

    /** {@code bytes(x)}, {@code bytearray(x)}: a new slice on the stack holding a copy of x's bytes (a list's ints checked to be bytes). */
    private VReg bytesFrom(List<VReg> value, Type from, Span at) {
        if (from instanceof Type.Bytes) return strConcat(value.getFirst(), emptySlice());
        List<VReg> list = copy(value);
        VReg header = alloca(bin(Op.ADD, list.get(1), word(8)));
        VReg bytes = bin(Op.ADD, header, word(8));
        emit(new Insn.Store(Insn.Width.WORD, bytes, header, 0));
        emit(new Insn.Store(Insn.Width.WORD, list.get(1), header, 4));
        forEachIndex(list.get(1), k -> storeByte(bin(Op.ADD, bytes, k),
                loadElement(bin(Op.ADD, list.get(0), bin(Op.MUL, k, word(4))), Type.INT32, at).getFirst(), at));
        return header;
    }

    private VReg emptySlice() {
        VReg r = fn.newReg(Kind.W);
        emit(new Insn.AddrOf(r, bytesSlice(new byte[0])));
        return r;
    }

    /** for x in bytes: each byte as an int, the length as the loop began. */
    private void bytesLoop(VReg value, Expr.Name target, List<Stmt> orelse, Runnable body) {
        List<VReg> slice = copy(sliceWords(value));
        indexLoop(slice.get(1), i -> {
            VReg b = fn.newReg(Kind.W);
            emit(new Insn.Load(Insn.Width.BYTE, b, bin(Op.ADD, slice.get(0), i), 0));
            store(target, List.of(b), Type.INT32);
        }, orelse, body);
    }

    // ---- arrays (ArrayLowering): shared helpers ---------------------------------------------

    /** The product of the lengths (1 for none). */
    VReg product(List<VReg> lengths) {
        VReg p = word(1);
        for (VReg d : lengths) p = bin(Op.MUL, p, d);
        return p;
    }

    /** An int32 as the int64 pair an exception parameter takes. */
    List<VReg> param(VReg i) { return List.of(i, bin(Op.SRA, i, word(31))); }


    private List<VReg> constantExpr(Expr.Constant c, Type t) {
        Object v = c.value();
        if (v instanceof Boolean b) return List.of(word(b ? 1 : 0));
        if (v instanceof Long l) return constant(t, l);
        if (v instanceof Double d) return floatConstant(d);
        if (v instanceof String s) {
            VReg r = fn.newReg(Kind.W);
            emit(new Insn.AddrOf(r, string(s)));
            return List.of(r);
        }
        if (v instanceof Expr.Bytes b) {
            VReg r = fn.newReg(Kind.W);
            emit(new Insn.AddrOf(r, bytesSlice(b.data())));
            return List.of(r);
        }
        return List.of();   // None
    }

    List<VReg> constant(Type t, long value) {
        if (t instanceof Type.Int i && i.width() == 64) return List.of(word((int) value), word((int) (value >> 32)));
        if (t instanceof Type.Float) return floatConstant(value);
        return List.of(word((int) value));
    }

    private List<VReg> floatConstant(double d) {
        long bits = Double.doubleToRawLongBits(d);
        if (!target.hardFloat) return List.of(word((int) bits), word((int) (bits >>> 32)));
        String sym = "f64." + Long.toHexString(bits);
        if (module.data.stream().noneMatch(o -> o.name().equals(sym))) {
            byte[] b = new byte[8];
            putInt(b, 0, (int) bits);
            putInt(b, 4, (int) (bits >>> 32));
            module.data.add(new DataObject(sym, false, b, 8, List.of()));
        }
        VReg addr = fn.newReg(Kind.W), r = fn.newReg(Kind.D);
        emit(new Insn.AddrOf(addr, sym));
        emit(new Insn.Load(Insn.Width.DOUBLE, r, addr, 0));
        return List.of(r);
    }

    /** The symbol of a {ptr, len} slice object for a string (interned), with its bytes beside it. */
    String string(String s) {
        return strings.computeIfAbsent(s, text -> {
            int n = dataCounter++;
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            module.data.add(new DataObject("str." + n, false, utf8, 1, List.of()));
            byte[] slice = new byte[8];
            putInt(slice, 4, utf8.length);
            module.data.add(new DataObject("slice." + n, false, slice, 4, List.of(new DataObject.Pointer(0, "str." + n))));
            return "slice." + n;
        });
    }

    /** The symbol of a {ptr, len} slice object for a bytes constant (interned by content). */
    private String bytesSlice(byte[] data) {
        return byteConstants.computeIfAbsent(java.util.HexFormat.of().formatHex(data), key -> {
            int n = dataCounter++;
            module.data.add(new DataObject("bytes." + n, false, data.clone(), 1, List.of()));
            byte[] slice = new byte[8];
            putInt(slice, 4, data.length);
            module.data.add(new DataObject("bslice." + n, false, slice, 4, List.of(new DataObject.Pointer(0, "bytes." + n))));
            return "bslice." + n;
        });
    }

    private static String stringBytesSymbol(String sliceSymbol) { return "str." + sliceSymbol.substring("slice.".length()); }

    private void branch(Expr test, Block ifTrue, Block ifFalse) {
        VReg t = truth(expr(test), program.typeOf(test));
        emit(new Insn.Branch(t, ifTrue, ifFalse));
    }

    /** A word that is non-zero when the value is true in Python's sense. */
    private VReg truth(List<VReg> v, Type t) {
        return switch (t) {
            case Type.Int i when i.width() == 64 -> bin(Op.OR, v.get(0), v.get(1));
            case Type.Int i -> v.get(0);
            case Type.Bool b -> v.get(0);
            case Type.Float f -> target.hardFloat
                    ? bin(Op.XOR, fcmp(Insn.FCmpOp.FEQ, v.get(0), floatConstant(0.0).get(0)), word(1))
                    : bin(Op.OR, v.get(0), bin(Op.AND, v.get(1), word(0x7fff_ffff)));  // -0.0 is false, NaN true
            case Type.None n -> word(0);
            case Type.Instance i -> word(1);   // an object is true
            case Type.Exc x -> word(1);
            case Type.Str _, Type.Bytes _ -> {
                VReg len = fn.newReg(Kind.W);
                emit(new Insn.Load(Insn.Width.WORD, len, v.get(0), 4));
                yield len;
            }
            case Type.ListOf l -> v.get(1);
            case Type.ArrayOf a -> throw new IllegalStateException("type inference refuses an array's truth value");
            case Type.RangeOf r -> rangeLength(rangeValue(v, r), null);
            case Type.TupleOf tu -> word(tu.elts().isEmpty() ? 0 : 1);
            case Type.Var x -> throw new IllegalStateException();
        };
    }

    private VReg isZero(List<VReg> v, Type t) { return bin(Op.SLTU, truth(v, t), word(1)); }

    // ---- arithmetic ------------------------------------------------------------------------

    static Type arithmeticType(Operator op, Type a, Type b) {
        if (op == Operator.DIV || a instanceof Type.Float || b instanceof Type.Float) {
            return switch (op) {
                case LSHIFT, RSHIFT, BITAND, BITOR, BITXOR -> a;
                default -> Type.FLOAT;
            };
        }
        return a;
    }

    List<VReg> binary(Operator op, List<VReg> a, Type at, List<VReg> b, Type bt, Type result, Span span) {
        if (op == Operator.MATMULT) return arrays.matrixProduct(a, (Type.ArrayOf) at, b, (Type.ArrayOf) bt, result, span);
        if (result instanceof Type.ArrayOf r) return arrays.arrayBinary(op, a, at, b, bt, r, null, span);
        if (result instanceof Type.TupleOf) {   // tuple + tuple: the registers of both in a row
            List<VReg> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }
        if (result instanceof Type.Str || result instanceof Type.Bytes) return List.of(strConcat(a.getFirst(), b.getFirst()));
        if (result instanceof Type.ListOf l) {
            if (op == Operator.ADD) return listConcat(a, b, l.elt());
            return at instanceof Type.ListOf ? listTimes(a, b.getFirst(), l.elt()) : listTimes(b, a.getFirst(), l.elt());
        }
        if (op == Operator.LSHIFT || op == Operator.RSHIFT) return shift(op, a, at, coerce(b, bt, Type.INT32).getFirst());
        Type operand = result;
        if (op == Operator.DIV && !(at instanceof Type.Float) && !(bt instanceof Type.Float)) operand = Type.FLOAT;
        a = coerce(a, at, operand);
        b = coerce(b, bt, operand);
        if (operand instanceof Type.Float) return floatBinary(op, a, b, span);
        boolean wide = ((Type.Int) operand).width() == 64;
        return switch (op) {
            case ADD -> add(a, b, operand);
            case SUB -> sub(a, b, operand);
            case MULT -> mul(a, b, operand);
            case BITAND -> pairwise(Op.AND, a, b);
            case BITOR -> pairwise(Op.OR, a, b);
            case BITXOR -> pairwise(Op.XOR, a, b);
            case FLOORDIV, MOD -> floorDivMod(op, a, b, operand, span);
            case POW -> power(a, b, operand, span);
            default -> throw new CompileException(file, span, "unsupported operator %s on %s".formatted(op.symbol, wide ? "int64" : "int32"));
        };
    }

    // ---- sequences: new storage on the stack, living until the function returns -------------

    /** {@code a + b} of two strs: a new {ptr, len} slice and its bytes. */
    private VReg strConcat(VReg a, VReg b) {
        List<VReg> sa = sliceWords(a), sb = sliceWords(b);
        VReg pa = sa.get(0), la = sa.get(1), pb = sb.get(0), lb = sb.get(1);
        VReg length = bin(Op.ADD, la, lb);
        VReg header = alloca(bin(Op.ADD, length, word(8)));
        VReg bytes = bin(Op.ADD, header, word(8));
        emit(new Insn.Store(Insn.Width.WORD, bytes, header, 0));
        emit(new Insn.Store(Insn.Width.WORD, length, header, 4));
        copyMemory(bytes, pa, la, 1);
        copyMemory(bin(Op.ADD, bytes, la), pb, lb, 1);
        return header;
    }

    /** {@code a + b} of two lists: a new list of a's elements then b's. */
    private List<VReg> listConcat(List<VReg> a, List<VReg> b, Type elt) {
        int size = elementSize(elt, null), unit = size % 4 == 0 ? 4 : 1;
        VReg length = bin(Op.ADD, a.get(1), b.get(1));
        VReg storage = alloca(bin(Op.MUL, length, word(size)));
        copyMemory(storage, a.get(0), bin(Op.MUL, a.get(1), word(size / unit)), unit);
        copyMemory(bin(Op.ADD, storage, bin(Op.MUL, a.get(1), word(size))), b.get(0),
                bin(Op.MUL, b.get(1), word(size / unit)), unit);
        return List.of(storage, length);
    }

    /** {@code list * n}: a new list of the list's elements n times over (none for n <= 0, as Python). */
    private List<VReg> listTimes(List<VReg> list, VReg count, Type elt) {
        int size = elementSize(elt, null), unit = size % 4 == 0 ? 4 : 1;
        VReg n = copy(List.of(bin(Op.AND, count, bin(Op.SUB, bin(Op.SLT, count, word(0)), word(1))))).getFirst();
        VReg bytes = copy(List.of(bin(Op.MUL, list.get(1), word(size)))).getFirst();
        VReg storage = alloca(bin(Op.MUL, n, bytes));
        VReg units = copy(List.of(bin(Op.MUL, list.get(1), word(size / unit)))).getFirst();
        VReg source = copy(List.of(list.get(0))).getFirst();
        forEachIndex(n, k -> copyMemory(bin(Op.ADD, storage, bin(Op.MUL, k, bytes)), source, units, unit));
        return List.of(storage, bin(Op.MUL, list.get(1), n));
    }

    /** Copies {@code count} units of {@code unit} bytes (1 or 4) from {@code source} to {@code dest}. */
    void copyMemory(VReg dest, VReg source, VReg count, int unit) {
        Insn.Width width = unit == 4 ? Insn.Width.WORD : Insn.Width.BYTE;
        forEachIndex(count, i -> {
            VReg offset = unit == 1 ? i : bin(Op.MUL, i, word(unit));
            VReg w = fn.newReg(Kind.W);
            emit(new Insn.Load(width, w, bin(Op.ADD, source, offset), 0));
            emit(new Insn.Store(width, w, bin(Op.ADD, dest, offset), 0));
        });
    }

    private List<VReg> pairwise(Op op, List<VReg> a, List<VReg> b) {
        List<VReg> out = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) out.add(bin(op, a.get(k), b.get(k)));
        return out;
    }

    private static boolean wide(Type t) { return t instanceof Type.Int i && i.width() == 64; }

    private List<VReg> add(List<VReg> a, List<VReg> b, Type t) {
        if (t instanceof Type.Float) return floatArith(Insn.FOp.FADD, a, b);
        if (!wide(t)) return List.of(bin(Op.ADD, a.get(0), b.get(0)));
        VReg lo = bin(Op.ADD, a.get(0), b.get(0));
        VReg carry = bin(Op.SLTU, lo, a.get(0));
        return List.of(lo, bin(Op.ADD, bin(Op.ADD, a.get(1), b.get(1)), carry));
    }

    private List<VReg> sub(List<VReg> a, List<VReg> b, Type t) {
        if (!wide(t)) return List.of(bin(Op.SUB, a.get(0), b.get(0)));
        VReg borrow = bin(Op.SLTU, a.get(0), b.get(0));
        return List.of(bin(Op.SUB, a.get(0), b.get(0)), bin(Op.SUB, bin(Op.SUB, a.get(1), b.get(1)), borrow));
    }

    private List<VReg> mul(List<VReg> a, List<VReg> b, Type t) {
        if (!wide(t)) return List.of(bin(Op.MUL, a.get(0), b.get(0)));
        VReg lo = bin(Op.MUL, a.get(0), b.get(0));
        VReg hi = bin(Op.ADD, bin(Op.MULHU, a.get(0), b.get(0)),
                bin(Op.ADD, bin(Op.MUL, a.get(0), b.get(1)), bin(Op.MUL, a.get(1), b.get(0))));
        return List.of(lo, hi);
    }

    List<VReg> negate(List<VReg> v, Type t) {
        if (t instanceof Type.Float) {
            if (target.hardFloat) {
                VReg r = fn.newReg(Kind.D);
                emit(new Insn.Convert(Insn.Conv.D_NEG, r, v.get(0)));
                return List.of(r);
            }
            return List.of(v.get(0), bin(Op.XOR, v.get(1), word(0x8000_0000)));
        }
        return sub(constant(t, 0), v, t);
    }

    /**
     * {@code a << n} and {@code a >> n} as Python's for counts below the width; a count of the
     * width or more (a negative one too, read unsigned) gives 0 for {@code <<} and the sign for
     * {@code >>}, as Python's unbounded ints do, not the machine's count modulo the width.
     */
    private List<VReg> shift(Operator op, List<VReg> a, Type t, VReg n) {
        int width = wide(t) ? 64 : 32;
        VReg inRange = bin(Op.SLTU, n, word(width));
        VReg keep = bin(Op.SUB, word(0), inRange);                       // all ones when n < width
        if (op == Operator.RSHIFT) n = bin(Op.OR, n, bin(Op.AND, bin(Op.SUB, inRange, word(1)), word(width - 1)));
        if (!wide(t)) {
            if (op == Operator.LSHIFT) return List.of(bin(Op.AND, bin(Op.SLL, a.get(0), n), keep));
            return List.of(bin(Op.SRA, a.get(0), n));
        }
        // Inline 64-bit shifts (no compiler-rt call). For counts below 32 the bits crossing words
        // move by (x >>> 1) >>> (31 - n), which is right for n = 0.
        VReg count = bin(Op.AND, n, word(63));
        VReg big = bin(Op.AND, count, word(32));
        VReg lo = a.get(0), hi = a.get(1);
        VReg back = bin(Op.SUB, word(31), count);
        List<VReg> small, large;
        if (op == Operator.LSHIFT) {
            small = List.of(bin(Op.SLL, lo, count), bin(Op.OR, bin(Op.SLL, hi, count), bin(Op.SRL, bin(Op.SRL, lo, word(1)), back)));
            large = List.of(word(0), bin(Op.SLL, lo, count));          // sll uses count's low 5 bits: count - 32
        } else {
            small = List.of(bin(Op.OR, bin(Op.SRL, lo, count), bin(Op.SLL, bin(Op.SLL, hi, word(1)), back)), bin(Op.SRA, hi, count));
            large = List.of(bin(Op.SRA, hi, count), bin(Op.SRA, hi, word(31)));
        }
        List<VReg> shifted = select(big, large, small, Type.INT64);
        if (op == Operator.RSHIFT) return shifted;
        return List.of(bin(Op.AND, shifted.get(0), keep), bin(Op.AND, shifted.get(1), keep));
    }

    /** Python's // and %: the quotient rounds toward minus infinity, the remainder has the divisor's sign. */
    private List<VReg> floorDivMod(Operator op, List<VReg> a, List<VReg> b, Type t, Span span) {
        checkZero(b, t, DIVIDE_BY_ZERO, span);
        List<VReg> q, r;
        if (wide(t)) {
            q = call("__divdi3", t, a, b);
            r = call("__moddi3", t, a, b);
        } else {
            q = List.of(bin(Op.DIV, a.get(0), b.get(0)));
            r = List.of(bin(Op.REM, a.get(0), b.get(0)));
        }
        // adjust = remainder != 0 and its sign differs from the divisor's
        VReg signDiffers = bin(Op.SLT, bin(Op.XOR, r.getLast(), b.getLast()), word(0));
        VReg adjust = bin(Op.AND, bin(Op.SLTU, word(0), truth(r, t)), signDiffers);
        if (op == Operator.FLOORDIV) return sub(q, wide(t) ? List.of(adjust, word(0)) : List.of(adjust), t);
        VReg mask = bin(Op.SUB, word(0), adjust);
        return add(r, pairwise(Op.AND, b, wide(t) ? List.of(mask, mask) : List.of(mask)), t);
    }

    /** The message of every ZeroDivisionError of /, // and % (ARTIQ's artiq_ir_generator.py; CPython words each its own way). */
    static final String DIVIDE_BY_ZERO = "cannot divide by zero";

    private void checkZero(List<VReg> b, Type t, String message, Span span) {
        Block bad = fn.newBlock(), ok = fn.newBlock();
        emit(new Insn.Branch(isZero(b, t), bad, ok));
        cur = bad;
        raise("ZeroDivisionError", message, span);
        cur = ok;
    }

    /** Integer ** by squaring; a negative exponent raises ValueError (the result would be a float). */
    private List<VReg> power(List<VReg> a, List<VReg> b, Type t, Span span) {
        Block bad = fn.newBlock(), ok = fn.newBlock();
        emit(new Insn.Branch(bin(Op.SLT, b.getLast(), word(0)), bad, ok));
        cur = bad;
        raise("ValueError", "negative exponent of an integer power", span);
        cur = ok;
        List<VReg> result = copy(constant(t, 1)), base = copy(a), e = copy(b);
        Block head = fn.newBlock(), body = fn.newBlock(), multiply = fn.newBlock(), square = fn.newBlock(), exit = fn.newBlock();
        emit(new Insn.Jump(head));
        cur = head;
        emit(new Insn.Branch(truth(e, t), body, exit));
        cur = body;
        emit(new Insn.Branch(bin(Op.AND, e.get(0), word(1)), multiply, square));
        cur = multiply;
        moveAll(result, mul(result, base, t));
        emit(new Insn.Jump(square));
        cur = square;
        moveAll(base, mul(base, base, t));
        if (wide(t)) {
            VReg lo = bin(Op.OR, bin(Op.SRL, e.get(0), word(1)), bin(Op.SLL, e.get(1), word(31)));
            moveAll(e, List.of(lo, bin(Op.SRA, e.get(1), word(1))));
        } else moveAll(e, List.of(bin(Op.SRA, e.get(0), word(1))));
        emit(new Insn.Jump(head));
        cur = exit;
        return result;
    }

    void moveAll(List<VReg> dst, List<VReg> src) {
        for (int k = 0; k < dst.size(); k++) emit(new Insn.Move(dst.get(k), src.get(k)));
    }

    private List<VReg> floatBinary(Operator op, List<VReg> a, List<VReg> b, Span span) {
        return switch (op) {
            case ADD -> floatArith(Insn.FOp.FADD, a, b);
            case SUB -> floatArith(Insn.FOp.FSUB, a, b);
            case MULT -> floatArith(Insn.FOp.FMUL, a, b);
            case DIV -> {
                checkZero(b, Type.FLOAT, DIVIDE_BY_ZERO, span);
                yield floatArith(Insn.FOp.FDIV, a, b);
            }
            case FLOORDIV, MOD -> floatDivMod(op, a, b, span);
            case POW -> {
                // CPython: 0.0 ** negative raises; otherwise C's pow (a negative base with a
                // non-integer exponent gives NaN here, a complex number in CPython).
                VReg zeroBase = isZero(a, Type.FLOAT);
                VReg negative = floatCompare(CmpOp.LT, b, floatConstant(0.0));
                Block bad = fn.newBlock(), ok = fn.newBlock();
                emit(new Insn.Branch(bin(Op.AND, zeroBase, negative), bad, ok));
                cur = bad;
                raise("ZeroDivisionError", "0.0 cannot be raised to a negative power", span);
                cur = ok;
                yield call("pow", Type.FLOAT, a, b);
            }
            default -> throw new CompileException(file, span, "unsupported float operator " + op.symbol);
        };
    }

    /** One IEEE double operation: an instruction on rv32g, a compiler-rt call on rv32ima. */
    private List<VReg> floatArith(Insn.FOp op, List<VReg> a, List<VReg> b) {
        if (target.hardFloat) {
            VReg r = fn.newReg(Kind.D);
            emit(new Insn.FBin(op, r, a.get(0), b.get(0)));
            return List.of(r);
        }
        String helper = switch (op) {
            case FADD -> "__adddf3";
            case FSUB -> "__subdf3";
            case FMUL -> "__muldf3";
            case FDIV -> "__divdf3";
        };
        return call(helper, Type.FLOAT, a, b);
    }

    /** Float // and % exactly as CPython's float_divmod (Objects/floatobject.c), with libm's fmod and floor. */
    private List<VReg> floatDivMod(Operator op, List<VReg> a, List<VReg> b, Span span) {
        checkZero(b, Type.FLOAT, DIVIDE_BY_ZERO, span);
        List<VReg> mod = copy(call("fmod", Type.FLOAT, a, b));
        List<VReg> div = copy(floatArith(Insn.FOp.FDIV, floatArith(Insn.FOp.FSUB, a, mod), b));
        Block nonzero = fn.newBlock(), zero = fn.newBlock(), adjust = fn.newBlock(), join = fn.newBlock();
        emit(new Insn.Branch(truth(mod, Type.FLOAT), nonzero, zero));
        cur = nonzero;
        VReg divisorNegative = floatCompare(CmpOp.LT, b, floatConstant(0.0));
        VReg modNegative = floatCompare(CmpOp.LT, mod, floatConstant(0.0));
        emit(new Insn.Branch(bin(Op.XOR, divisorNegative, modNegative), adjust, join));
        cur = adjust;
        moveAll(mod, floatArith(Insn.FOp.FADD, mod, b));
        moveAll(div, floatArith(Insn.FOp.FSUB, div, floatConstant(1.0)));
        emit(new Insn.Jump(join));
        cur = zero;
        moveAll(mod, call("copysign", Type.FLOAT, floatConstant(0.0), b));
        emit(new Insn.Jump(join));
        cur = join;
        if (op == Operator.MOD) return mod;
        List<VReg> result = newVal(Type.FLOAT);
        Block rounded = fn.newBlock(), signedZero = fn.newBlock(), up = fn.newBlock(), done = fn.newBlock();
        emit(new Insn.Branch(truth(div, Type.FLOAT), rounded, signedZero));
        cur = rounded;
        moveAll(result, call("floor", Type.FLOAT, div));
        VReg aboveHalf = floatCompare(CmpOp.GT, floatArith(Insn.FOp.FSUB, div, result), floatConstant(0.5));
        emit(new Insn.Branch(aboveHalf, up, done));
        cur = up;
        moveAll(result, floatArith(Insn.FOp.FADD, result, floatConstant(1.0)));
        emit(new Insn.Jump(done));
        cur = signedZero;
        moveAll(result, call("copysign", Type.FLOAT, floatConstant(0.0), floatArith(Insn.FOp.FDIV, a, b)));
        emit(new Insn.Jump(done));
        cur = done;
        return result;
    }

    /** Converts a value between numeric types (implicit int to float, explicit int32()/int64()/float()). */
    List<VReg> coerce(List<VReg> v, Type from, Type to) {
        if (from.equals(to) || to instanceof Type.None) return v;
        boolean fromWord = from instanceof Type.Bool || from instanceof Type.Int i && i.width() == 32;
        if (to instanceof Type.Int ti) {
            if (fromWord) return ti.width() == 64 ? List.of(v.get(0), bin(Op.SRA, v.get(0), word(31))) : v;
            if (from instanceof Type.Int) return ti.width() == 64 ? v : List.of(v.get(0));
            if (from instanceof Type.Float) {
                if (ti.width() == 32 && target.hardFloat) {
                    VReg r = fn.newReg(Kind.W);
                    emit(new Insn.Convert(Insn.Conv.D_TO_W, r, v.get(0)));
                    return List.of(r);
                }
                return call(ti.width() == 64 ? "__fixdfdi" : "__fixdfsi", to, v);
            }
        }
        if (to instanceof Type.Float) {
            if (fromWord && target.hardFloat) {
                VReg r = fn.newReg(Kind.D);
                emit(new Insn.Convert(Insn.Conv.W_TO_D, r, v.get(0)));
                return List.of(r);
            }
            if (fromWord) return call("__floatsidf", Type.FLOAT, v);
            if (from instanceof Type.Int) return call("__floatdidf", Type.FLOAT, v);
        }
        if (to instanceof Type.Bool) return List.of(bin(Op.SLTU, word(0), truth(v, from)));
        throw new IllegalStateException("no conversion from %s to %s".formatted(from, to));
    }

    // ---- comparisons -----------------------------------------------------------------------

    private List<VReg> compareChain(Expr.Compare c) {
        List<VReg> left = expr(c.left());
        Type lt = program.typeOf(c.left());
        if (c.ops().size() == 1) {
            Expr r = c.comparators().get(0);
            return List.of(compareValues(c.ops().get(0), left, lt, expr(r), program.typeOf(r)));
        }
        VReg result = fn.newReg(Kind.W);
        Block join = fn.newBlock();
        for (int k = 0; k < c.ops().size(); k++) {
            Expr r = c.comparators().get(k);
            List<VReg> right = expr(r);
            Type rt = program.typeOf(r);
            emit(new Insn.Move(result, compareValues(c.ops().get(k), left, lt, right, rt)));
            if (k == c.ops().size() - 1) break;
            Block next = fn.newBlock();
            emit(new Insn.Branch(result, next, join));
            cur = next;
            left = right;
            lt = rt;
        }
        jumpTo(join);
        cur = join;
        return List.of(result);
    }

    private VReg compareValues(CmpOp op, List<VReg> a, Type at, List<VReg> b, Type bt) {
        if (op == CmpOp.IS || op == CmpOp.ISNOT) {
            VReg same = identical(a, b, at);
            return op == CmpOp.IS ? same : bin(Op.XOR, same, word(1));
        }
        if (at instanceof Type.None) return word(op == CmpOp.EQ ? 1 : 0);
        if (op == CmpOp.IN || op == CmpOp.NOTIN) {
            VReg found = bt instanceof Type.RangeOf r ? rangeMember(a, at, rangeValue(b, r))
                    : member(a, at, b, (Type.ListOf) bt);
            return op == CmpOp.IN ? found : bin(Op.XOR, found, word(1));
        }
        if (at instanceof Type.Str || at instanceof Type.Bytes || at instanceof Type.ListOf || at instanceof Type.TupleOf) {
            VReg same = valueEqual(a, b, at);
            return op == CmpOp.EQ ? same : bin(Op.XOR, same, word(1));
        }
        Type t = at;
        if (at instanceof Type.Float || bt instanceof Type.Float) t = Type.FLOAT;
        else if (wide(at) || wide(bt)) t = Type.INT64;
        return compare(op, coerce(a, at, t), coerce(b, bt, t), t);
    }

    /** A comparison of two values of one type, as a 0/1 word. */
    private interface ValueTest { VReg test(List<VReg> a, List<VReg> b, Type t); }

    /** A 0/1 word: whether {@code test} holds for each field of two tuples' registers. */
    private VReg everyField(List<VReg> a, List<VReg> b, Type.TupleOf tu, ValueTest test) {
        VReg all = word(1);
        int first = 0;
        for (Type e : tu.elts()) {
            int n = registerCount(e);
            all = bin(Op.AND, all, test.test(a.subList(first, first + n), b.subList(first, first + n), e));
            first += n;
        }
        return all;
    }

    /** The address of a caught exception's message slice. */
    private VReg exceptionMessage(VReg exception) { return bin(Op.ADD, exception, word(layout().message())); }

    /** Copies the {ptr, len} words of a constant's slice into {@code base + offset}. */
    private void copyWords(VReg base, int offset, String sliceSymbol) {
        VReg slice = fn.newReg(Kind.W);
        emit(new Insn.AddrOf(slice, sliceSymbol));
        List<VReg> words = sliceWords(slice);
        emit(new Insn.Store(Insn.Width.WORD, words.get(0), base, offset));
        emit(new Insn.Store(Insn.Width.WORD, words.get(1), base, offset + 4));
    }

    /** The {ptr, len} words of a str's slice. */
    List<VReg> sliceWords(VReg str) {
        VReg ptr = fn.newReg(Kind.W), len = fn.newReg(Kind.W);
        emit(new Insn.Load(Insn.Width.WORD, ptr, str, 0));
        emit(new Insn.Load(Insn.Width.WORD, len, str, 4));
        return List.of(ptr, len);
    }

    /** A 0/1 word: {@code a == b} for two values of type {@code t} (lists and tuples element by element, as ARTIQ). */
    private VReg valueEqual(List<VReg> a, List<VReg> b, Type t) {
        return switch (t) {
            case Type.None n -> word(1);
            case Type.Str _, Type.Bytes _ -> strEqual(a.getFirst(), b.getFirst());
            case Type.Float f -> floatCompare(CmpOp.EQ, a, b);
            case Type.TupleOf tu -> everyField(a, b, tu, this::valueEqual);
            case Type.ListOf l -> {
                VReg result = copy(List.of(word(0))).getFirst();
                Block elements = fn.newBlock(), done = fn.newBlock();
                emit(new Insn.Branch(equal(List.of(a.get(1)), List.of(b.get(1))), elements, done));
                cur = elements;
                int size = elementSize(l.elt(), null);
                VReg pa = a.get(0), pb = b.get(0);
                VReg differs = anyIndex(a.get(1), i -> {
                    VReg offset = bin(Op.MUL, i, word(size));
                    List<VReg> x = loadElement(bin(Op.ADD, pa, offset), l.elt(), null);
                    List<VReg> y = loadElement(bin(Op.ADD, pb, offset), l.elt(), null);
                    return bin(Op.XOR, valueEqual(x, y, l.elt()), word(1));
                });
                emit(new Insn.Move(result, bin(Op.XOR, differs, word(1))));
                emit(new Insn.Jump(done));
                cur = done;
                yield result;
            }
            default -> equal(a, b);
        };
    }

    /** A 0/1 word: whether the strings of two {ptr, len} slices have the same bytes (lengths first, then byte by byte). */
    private VReg strEqual(VReg a, VReg b) {
        List<VReg> sa = sliceWords(a), sb = sliceWords(b);
        VReg pa = sa.get(0), la = sa.get(1), pb = sb.get(0), lb = sb.get(1);
        VReg result = copy(List.of(word(0))).get(0);
        Block bytes = fn.newBlock(), done = fn.newBlock();
        emit(new Insn.Branch(equal(List.of(la), List.of(lb)), bytes, done));
        cur = bytes;
        VReg differs = anyIndex(la, i -> {
            VReg ca = fn.newReg(Kind.W), cb = fn.newReg(Kind.W);
            emit(new Insn.Load(Insn.Width.BYTE, ca, bin(Op.ADD, pa, i), 0));
            emit(new Insn.Load(Insn.Width.BYTE, cb, bin(Op.ADD, pb, i), 0));
            return bin(Op.XOR, equal(List.of(ca), List.of(cb)), word(1));
        });
        emit(new Insn.Move(result, bin(Op.XOR, differs, word(1))));
        emit(new Insn.Jump(done));
        cur = done;
        return result;
    }

    /**
     * A 0/1 word: whether {@code x} is one of a range's values: between its bounds in the step's
     * direction and a whole number of steps from its start (CPython's range.__contains__ for ints).
     */
    private VReg rangeMember(List<VReg> x, Type xt, RangeBounds r) {
        Type t = r.type();
        List<VReg> v = copy(coerce(x, xt, t));
        VReg found = copy(List.of(word(0))).get(0), inside = fn.newReg(Kind.W);
        List<VReg> offset = newVal(t), step = newVal(t);
        Block up = fn.newBlock(), down = fn.newBlock(), between = fn.newBlock(), done = fn.newBlock();
        emit(new Insn.Branch(compare(CmpOp.GT, r.step(), constant(t, 0), t), up, down));
        cur = up;
        emit(new Insn.Move(inside, bin(Op.AND, compare(CmpOp.LTE, r.start(), v, t), compare(CmpOp.LT, v, r.stop(), t))));
        moveAll(offset, binary(Operator.SUB, v, t, r.start(), t, t, null));
        moveAll(step, r.step());
        jumpTo(between);
        cur = down;
        emit(new Insn.Move(inside, bin(Op.AND, compare(CmpOp.LT, r.stop(), v, t), compare(CmpOp.LTE, v, r.start(), t))));
        moveAll(offset, binary(Operator.SUB, r.start(), t, v, t, t, null));
        moveAll(step, binary(Operator.SUB, constant(t, 0), t, r.step(), t, t, null));
        jumpTo(between);
        cur = between;
        Block counted = fn.newBlock();
        emit(new Insn.Branch(inside, counted, done));
        cur = counted;
        emit(new Insn.Move(found, isZero(binary(Operator.MOD, offset, t, step, t, t, null), t)));
        jumpTo(done);
        cur = done;
        return found;
    }

    /** A 0/1 word: whether {@code x == e} for an element e of the list (scanned from the start, as Python). */
    private VReg member(List<VReg> x, Type xt, List<VReg> list, Type.ListOf lt) {
        Type t = xt;
        if (xt instanceof Type.Float || lt.elt() instanceof Type.Float) t = Type.FLOAT;
        else if (wide(xt) || wide(lt.elt())) t = Type.INT64;
        Type common = t;
        List<VReg> value = copy(coerce(x, xt, t));
        int size = elementSize(lt.elt(), null);
        return anyIndex(list.get(1), i -> {
            VReg address = bin(Op.ADD, list.get(0), bin(Op.MUL, i, word(size)));
            return compare(CmpOp.EQ, value, coerce(loadElement(address, lt.elt(), null), lt.elt(), common), common);
        });
    }

    /**
     * A 0/1 word: whether {@code test} (the 0/1 word it emits for index i) holds for some i in
     * [0, count), tried from 0 up to the first that does.
     */
    private VReg anyIndex(VReg count, java.util.function.Function<VReg, VReg> test) {
        VReg found = copy(List.of(word(0))).get(0), i = copy(List.of(word(0))).get(0);
        Block head = fn.newBlock(), body = fn.newBlock(), next = fn.newBlock(), hit = fn.newBlock(), done = fn.newBlock();
        jumpTo(head);
        cur = head;
        emit(new Insn.Branch(bin(Op.SLT, i, count), body, done));
        cur = body;
        emit(new Insn.Branch(test.apply(i), hit, next));
        cur = next;
        emit(new Insn.Move(i, bin(Op.ADD, i, word(1))));
        emit(new Insn.Jump(head));
        cur = hit;
        emit(new Insn.Move(found, word(1)));
        emit(new Insn.Jump(done));
        cur = done;
        return found;
    }

    /** A 0/1 word: {@code a op b} for values of type {@code t}. */
    private VReg compare(CmpOp op, List<VReg> a, List<VReg> b, Type t) {
        if (t instanceof Type.Float) return floatCompare(op, a, b);
        return switch (op) {
            case LT -> less(a, b);
            case GT -> less(b, a);
            case LTE -> bin(Op.XOR, less(b, a), word(1));
            case GTE -> bin(Op.XOR, less(a, b), word(1));
            case EQ -> equal(a, b);
            case NOTEQ -> bin(Op.XOR, equal(a, b), word(1));
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private VReg less(List<VReg> a, List<VReg> b) {
        if (a.size() == 1) return bin(Op.SLT, a.get(0), b.get(0));
        VReg hiLess = bin(Op.SLT, a.get(1), b.get(1));
        VReg hiEqual = bin(Op.SLTU, bin(Op.XOR, a.get(1), b.get(1)), word(1));
        return bin(Op.OR, hiLess, bin(Op.AND, hiEqual, bin(Op.SLTU, a.get(0), b.get(0))));
    }

    /**
     * {@code a is b} for two values of type {@code t}, as ARTIQ compares them: scalars by value, a
     * list by its storage and length, a str by its {ptr, len} slice, a tuple field by field.
     */
    private VReg identical(List<VReg> a, List<VReg> b, Type t) {
        return switch (t) {
            case Type.None n -> word(1);
            case Type.Float f -> floatCompare(CmpOp.EQ, a, b);
            case Type.Str _, Type.Bytes _ -> equal(sliceWords(a.get(0)), sliceWords(b.get(0)));
            case Type.TupleOf tu -> everyField(a, b, tu, this::identical);
            default -> {   // int, bool, list, range: every word
                VReg all = word(1);
                for (int k = 0; k < a.size(); k++) all = bin(Op.AND, all, equal(List.of(a.get(k)), List.of(b.get(k))));
                yield all;
            }
        };
    }

    private VReg equal(List<VReg> a, List<VReg> b) {
        VReg diff = bin(Op.XOR, a.get(0), b.get(0));
        if (a.size() == 2) diff = bin(Op.OR, diff, bin(Op.XOR, a.get(1), b.get(1)));
        return bin(Op.SLTU, diff, word(1));
    }

    private VReg floatCompare(CmpOp op, List<VReg> a, List<VReg> b) {
        if (target.hardFloat) {
            return switch (op) {
                case LT -> fcmp(Insn.FCmpOp.FLT, a.get(0), b.get(0));
                case GT -> fcmp(Insn.FCmpOp.FLT, b.get(0), a.get(0));
                case LTE -> fcmp(Insn.FCmpOp.FLE, a.get(0), b.get(0));
                case GTE -> fcmp(Insn.FCmpOp.FLE, b.get(0), a.get(0));
                case EQ -> fcmp(Insn.FCmpOp.FEQ, a.get(0), b.get(0));
                case NOTEQ -> bin(Op.XOR, fcmp(Insn.FCmpOp.FEQ, a.get(0), b.get(0)), word(1));
                default -> throw new IllegalStateException(op.toString());
            };
        }
        // compiler-rt comparisons return an int whose sign says the answer; NaN gives the "false" side.
        return switch (op) {
            case LT -> bin(Op.SLT, call("__ltdf2", Type.INT32, a, b).get(0), word(0));
            case LTE -> bin(Op.SLT, call("__ledf2", Type.INT32, a, b).get(0), word(1));
            case GT -> bin(Op.SLT, word(0), call("__gtdf2", Type.INT32, a, b).get(0));
            case GTE -> bin(Op.XOR, bin(Op.SLT, call("__gedf2", Type.INT32, a, b).get(0), word(0)), word(1));
            case EQ -> bin(Op.SLTU, call("__eqdf2", Type.INT32, a, b).get(0), word(1));
            case NOTEQ -> bin(Op.SLTU, word(0), call("__nedf2", Type.INT32, a, b).get(0));
            default -> throw new IllegalStateException(op.toString());
        };
    }

    private VReg fcmp(Insn.FCmpOp op, VReg a, VReg b) {
        VReg r = fn.newReg(Kind.W);
        emit(new Insn.FCmp(op, r, a, b));
        return r;
    }

    // ---- calls -----------------------------------------------------------------------------

    private List<VReg> call(Expr.Call c, Type t) {
        String name = ((Expr.Name) c.func()).id();
        List<Expr> args = c.args();
        FunctionInfo callee = program.function(name);
        if (callee != null && !info.locals.containsKey(name)) {
            List<VReg> flat = new ArrayList<>();
            BitSet pairs = new BitSet();
            for (int k = 0; k < args.size(); k++) {
                Type param = callee.localType(callee.params.get(k));
                markPairs(param, flat.size(), pairs);
                flat.addAll(coerce(expr(args.get(k)), program.typeOf(args.get(k)), param));
            }
            List<VReg> results = newVal(callee.returnType());
            emit(new Insn.Call(callee.name, callee.extern(), flat, results, pairs));
            return results;
        }
        switch (name) {
            case "print" -> { rpc(PRINT_SERVICE, "print", true, Type.NONE, args, c.keywords()); return List.of(); }
            case "core_log" -> { polymorphicPrint.coreLog(args, c.span()); return List.of(); }
            case TypeInference.RPC -> {
                int service = (int) (long) (Long) ((Expr.Constant) args.get(0)).value();
                String method = (String) ((Expr.Constant) args.get(1)).value();
                boolean async = (Boolean) ((Expr.Constant) args.get(2)).value();
                rpc(service, method, async, t, args.subList(4, args.size()), List.of());
                if (async) return List.of();
                // The slot protocol (rpc.md): a scalar return value is written into the first slot
                // and rpc_recv answers 0; a host exception comes out of this rpc_recv.
                if (t instanceof Type.TupleOf tu) return rpcReceiveTuple(tu, c.span());
                if (t instanceof Type.ListOf l && boardLayoutDiffers(l)) {
                    List<VReg> board = rpcReceiveWithStorage(valueStorage(8), t);
                    return fromBoardList(l, board.get(0), board.get(1), c.span());
                }
                if (t instanceof Type.Str || t instanceof Type.ListOf) return rpcReceiveWithStorage(valueStorage(8), t);
                VReg slot = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(slot, fn.newSlot(8, 8)));
                call("rpc_recv", Type.INT32, List.of(slot));
                return t instanceof Type.None ? List.of() : loadElement(slot, t, c.span());
            }
            case "str" -> {
                List<VReg> v = expr(args.get(0));
                return program.typeOf(args.get(0)) instanceof Type.Exc ? List.of(exceptionMessage(v.getFirst())) : v;
            }
            case "range" -> {   // a range value: start, stop, step (a zero step raises ValueError here, once)
                RangeBounds r = rangeBounds(c);
                List<VReg> out = new ArrayList<>(r.start());
                out.addAll(r.stop());
                out.addAll(r.step());
                return out;
            }
            case "int", "int32", "int64", "float", "bool" -> {
                return coerce(expr(args.get(0)), program.typeOf(args.get(0)), t);
            }
            case "abs" -> {
                List<VReg> v = expr(args.get(0));
                return select(compare(CmpOp.LT, v, constant(t, 0), t), negate(v, t), v, t);
            }
            case "min", "max" -> {
                List<VReg> a = expr(args.get(0)), b = coerce(expr(args.get(1)), program.typeOf(args.get(1)), t);
                a = coerce(a, program.typeOf(args.get(0)), t);
                // Python returns the first of equal arguments: min picks b only if b < a.
                VReg pickB = name.equals("min") ? compare(CmpOp.LT, b, a, t) : compare(CmpOp.GT, b, a, t);
                return select(pickB, b, a, t);
            }
            case "bytes", "bytearray" -> {
                return List.of(bytesFrom(expr(args.get(0)), program.typeOf(args.get(0)), c.span()));
            }
            case "array" -> {
                return arrays.arrayFrom(expr(args.get(0)), program.typeOf(args.get(0)), (Type.ArrayOf) t, c.span());
            }
            case "len" -> {
                Type at = program.typeOf(args.get(0));
                List<VReg> v = expr(args.get(0));
                return switch (at) {
                    case Type.ListOf l -> List.of(v.get(1));
                    case Type.ArrayOf a -> List.of(v.get(1));   // the first dimension
                    case Type.TupleOf tu -> List.of(word(tu.elts().size()));
                    case Type.RangeOf r -> List.of(rangeLength(rangeValue(v, r), c.span()));
                    default -> {   // str: the slice's length word
                        VReg len = fn.newReg(Kind.W);
                        emit(new Insn.Load(Insn.Width.WORD, len, v.get(0), 4));
                        yield List.of(len);
                    }
                };
            }
            case "round" -> {
                Type at = program.typeOf(args.get(0));
                List<VReg> v = expr(args.get(0));
                return at instanceof Type.Float ? coerce(roundHalfEven(v), Type.FLOAT, t) : coerce(v, at, t);
            }
            case "now_mu" -> {
                VReg now = fn.newReg(Kind.W), hi = fn.newReg(Kind.W), lo = fn.newReg(Kind.W);
                emit(new Insn.ImportAddr(now, "now"));
                emit(new Insn.Load(Insn.Width.WORD, hi, now, 0));
                emit(new Insn.Load(Insn.Width.WORD, lo, now, target.nowLowOffset));
                return List.of(lo, hi);
            }
            case "rtio_get_counter" -> {
                return call("rtio_get_counter", Type.INT64);
            }
            case "rtio_init" -> {
                emit(new Insn.Call("rtio_init", true, List.of(), List.of()));
                return List.of();
            }
            case "rtio_output" -> {
                List<VReg> target = expr(args.get(0)), data = expr(args.get(1));
                emit(new Insn.Call("rtio_output", true, List.of(target.get(0), data.get(0)), List.of()));
                return List.of();
            }
            case "rtio_input_timestamp" -> {
                List<VReg> timeout = expr(args.get(0)), channel = expr(args.get(1));
                return call("rtio_input_timestamp", Type.INT64, timeout.subList(0, 2), channel.subList(0, 1));
            }
            case "rtio_input_data" -> {
                return call("rtio_input_data", Type.INT32, List.of(expr(args.get(0)).get(0)));
            }
            case "at_mu" -> {
                setNow(coerce(expr(args.get(0)), program.typeOf(args.get(0)), Type.INT64));
                return List.of();
            }
            case "delay_mu" -> {
                List<VReg> d = coerce(expr(args.get(0)), program.typeOf(args.get(0)), Type.INT64);
                List<VReg> now = call(new Expr.Call(new Expr.Name("now_mu", null, c.span()), List.of(), List.of(), c.span()), Type.INT64);
                setNow(add(now, d, Type.INT64));
                return List.of();
            }
            default -> throw new CompileException(file, c.span(), "unsupported call of " + name);
        }
    }

    /** CPython's round() of a float to an integral float: halfway cases go to the even neighbour. */
    private List<VReg> roundHalfEven(List<VReg> x) {
        List<VReg> r = copy(call("floor", Type.FLOAT, x));
        List<VReg> fraction = floatArith(Insn.FOp.FSUB, x, r);
        List<VReg> half = call("floor", Type.FLOAT, floatArith(Insn.FOp.FMUL, r, floatConstant(0.5)));
        VReg odd = floatCompare(CmpOp.NOTEQ, floatArith(Insn.FOp.FADD, half, half), r);
        VReg up = bin(Op.OR, floatCompare(CmpOp.GT, fraction, floatConstant(0.5)),
                bin(Op.AND, floatCompare(CmpOp.EQ, fraction, floatConstant(0.5)), odd));
        return select(up, floatArith(Insn.FOp.FADD, r, floatConstant(1.0)), r, Type.FLOAT);
    }

    /** Stores the timeline cursor: high word, then low word (llvm_ir_generator.py, now pinning). */
    private void setNow(List<VReg> t) {
        VReg now = fn.newReg(Kind.W);
        emit(new Insn.ImportAddr(now, "now"));
        emit(new Insn.Store(Insn.Width.WORD, t.get(1), now, 0));
        emit(new Insn.Store(Insn.Width.WORD, t.get(0), now, target.nowLowOffset));
    }

    List<VReg> select(VReg cond, List<VReg> ifTrue, List<VReg> ifFalse, Type t) {
        List<VReg> result = newVal(t);
        Block a = fn.newBlock(), b = fn.newBlock(), join = fn.newBlock();
        emit(new Insn.Branch(cond, a, b));
        cur = a;
        moveAll(result, ifTrue);
        emit(new Insn.Jump(join));
        cur = b;
        moveAll(result, ifFalse);
        emit(new Insn.Jump(join));
        cur = join;
        return result;
    }

    /**
     * An RPC (llvm_ir_generator.py, _build_rpc): print(...) and async host methods with
     * rpc_send_async, other host methods with rpc_send; the tag of the argument types, ':' and the
     * return type's tag as a {ptr, len} slice, and an array of pointers to each argument's value.
     */
    private void rpc(int service, String serviceName, boolean async, Type returnType, List<Expr> args,
                     List<org.coredev.python.ast.Keyword> keywords) {
        StringBuilder tag = new StringBuilder();
        List<VReg> pointers = new ArrayList<>();
        int valueSlotsUsed = 0;
        // All arguments first: one of them may itself print, reusing the slots below.
        List<List<VReg>> values = new ArrayList<>();
        for (Expr a : args) values.add(expr(a));
        // The board's copies of lists of lists or tuples live on the stack until the call returns.
        VReg stack = null;
        for (int index = 0; index < args.size(); index++) {
            Type t = program.typeOf(args.get(index));
            List<VReg> v = values.get(index);
            tag.append(rpcTag(t, args.get(index).span()));
            if (t instanceof Type.Str || t instanceof Type.Bytes) { pointers.add(v.get(0)); continue; }   // the slice is the CSlice
            if (t instanceof Type.Exc) { pointers.add(exceptionMessage(v.get(0))); continue; }   // sent as its message, a str
            if (t instanceof Type.ListOf l && boardLayoutDiffers(l)) {
                if (stack == null) {
                    stack = fn.newReg(Kind.W);
                    emit(new Insn.SaveStack(stack));
                }
                VReg header = boardList(l, v.get(0), v.get(1), args.get(index).span());
                VReg slot = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(slot, fn.newSlot(4, 4)));
                emit(new Insn.Store(Insn.Width.WORD, header, slot, 0));
                pointers.add(slot);
                continue;
            }
            if (t instanceof Type.ListOf l) {
                // The value is a pointer to the {elements, length} header (rpc.md, memory layout).
                elementSize(l.elt(), args.get(index).span());
                VReg header = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(header, fn.newSlot(16, 8)));
                emit(new Insn.Store(Insn.Width.WORD, v.get(0), header, 0));
                emit(new Insn.Store(Insn.Width.WORD, v.get(1), header, 4));
                emit(new Insn.Store(Insn.Width.WORD, header, header, 8));
                pointers.add(bin(Op.ADD, header, word(8)));
                continue;
            }
            if (t instanceof Type.TupleOf tu) {
                pointers.add(tupleStruct(tu, v, args.get(index).span()));
                continue;
            }
            if (t instanceof Type.RangeOf) {
                // The value is the {start, stop, step} struct itself (rpc_proto.rs Tag::Range).
                VReg struct = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(struct, fn.newSlot(4 * v.size(), 8)));
                int[] offsets = memoryOffsets(t, v);
                for (int k = 0; k < v.size(); k++) emit(new Insn.Store(Insn.Width.WORD, v.get(k), struct, offsets[k]));
                pointers.add(struct);
                continue;
            }
            if (t instanceof Type.ArrayOf) {
                // The value is the {buffer, shape[n]} struct itself (rpc_proto.rs Tag::Array).
                VReg struct = fn.newReg(Kind.W);
                emit(new Insn.SlotAddr(struct, fn.newSlot(4 * v.size(), 4)));
                for (int k = 0; k < v.size(); k++) emit(new Insn.Store(Insn.Width.WORD, v.get(k), struct, 4 * k));
                pointers.add(struct);
                continue;
            }
            VReg slot = fn.newReg(Kind.W);
            // The runtime has serialized an async RPC's arguments when the call returns, so every
            // print of a function reuses the same slots.
            if (printValueSlots.size() <= valueSlotsUsed) printValueSlots.add(fn.newSlot(8, 8));
            emit(new Insn.SlotAddr(slot, printValueSlots.get(valueSlotsUsed++)));
            switch (t) {
                case Type.Bool b -> emit(new Insn.Store(Insn.Width.BYTE, v.get(0), slot, 0));
                case Type.Float f when target.hardFloat -> emit(new Insn.Store(Insn.Width.DOUBLE, v.get(0), slot, 0));
                default -> {
                    int[] offsets = memoryOffsets(t, v);
                    for (int k = 0; k < v.size(); k++) emit(new Insn.Store(Insn.Width.WORD, v.get(k), slot, offsets[k]));
                }
            }
            pointers.add(slot);
        }
        for (org.coredev.python.ast.Keyword k : keywords) {
            // A keyword argument is {CSlice name; T value} (rpc_proto.rs); here T is str or None.
            boolean none = !(((Expr.Constant) k.value()).value() instanceof String);
            tag.append(none ? "kn" : "ks");
            String name = string(k.arg());
            String sym = "kwarg." + dataCounter++;
            byte[] bytes = new byte[none ? 8 : 16];
            putSliceLength(bytes, 0, k.arg());
            List<DataObject.Pointer> ptrs = new ArrayList<>(List.of(new DataObject.Pointer(0, stringBytesSymbol(name))));
            if (!none) {
                String text = (String) ((Expr.Constant) k.value()).value();
                putSliceLength(bytes, 8, text);
                ptrs.add(new DataObject.Pointer(8, stringBytesSymbol(string(text))));
            }
            module.data.add(new DataObject(sym, false, bytes, 4, ptrs));
            VReg p = fn.newReg(Kind.W);
            emit(new Insn.AddrOf(p, sym));
            pointers.add(p);
        }
        tag.append(':').append(async ? "n" : rpcTag(returnType, null));
        VReg argv = fn.newReg(Kind.W);
        int argvSlot = printArgvSlots.computeIfAbsent(pointers.size(), n -> fn.newSlot(Math.max(4, 4 * n), 4));
        emit(new Insn.SlotAddr(argv, argvSlot));
        for (int k = 0; k < pointers.size(); k++) emit(new Insn.Store(Insn.Width.WORD, pointers.get(k), argv, 4 * k));
        VReg tagSlice = fn.newReg(Kind.W);
        emit(new Insn.AddrOf(tagSlice, string(tag.toString())));
        module.rpcServices.put(service, serviceName);
        emit(new Insn.Call(async ? "rpc_send_async" : "rpc_send", true, List.of(word(service), tagSlice, argv), List.of()));
        if (stack != null) emit(new Insn.RestoreStack(stack));
    }

    /**
     * Whether the board lays a list of this type out otherwise than this compiler (rpc.md, memory
     * layout): here an inner list's {elements, length} header and a tuple's registers lie in the
     * outer list's storage; on the board the storage holds a pointer to each inner list's header
     * and each tuple as its C struct.
     */
    private static boolean boardLayoutDiffers(Type.ListOf l) {
        return l.elt() instanceof Type.ListOf || l.elt() instanceof Type.TupleOf;
    }

    /**
     * The board's copy of a list of lists or tuples, for an RPC: a {elements, length} header and
     * the elements in the board's layout, in new stack space; returns the header's address.
     */
    private VReg boardList(Type.ListOf l, VReg elements, VReg length, Span at) {
        int size = elementSize(l.elt(), at), stride = boardSize(l.elt(), at);
        VReg header = fn.newReg(Kind.W);
        emit(new Insn.Alloca(header, bin(Op.ADD, word(8), bin(Op.MUL, length, word(stride)))));
        VReg storage = bin(Op.ADD, header, word(8));
        emit(new Insn.Store(Insn.Width.WORD, storage, header, 0));
        emit(new Insn.Store(Insn.Width.WORD, length, header, 4));
        forEachIndex(length, i -> {
            VReg from = bin(Op.ADD, elements, bin(Op.MUL, i, word(size)));
            VReg to = bin(Op.ADD, storage, bin(Op.MUL, i, word(stride)));
            switch (l.elt()) {
                case Type.ListOf inner -> {
                    // An inner list's header, as this compiler stores it, is the board's List struct.
                    VReg innerHeader = from;
                    if (boardLayoutDiffers(inner)) {
                        VReg e = fn.newReg(Kind.W), n = fn.newReg(Kind.W);
                        emit(new Insn.Load(Insn.Width.WORD, e, from, 0));
                        emit(new Insn.Load(Insn.Width.WORD, n, from, 4));
                        innerHeader = boardList(inner, e, n, at);
                    }
                    emit(new Insn.Store(Insn.Width.WORD, innerHeader, to, 0));
                }
                case Type.TupleOf tu -> storeTupleStruct(to, tu, loadElement(from, tu, at), at);
                default -> throw new IllegalStateException("a list of " + l.elt() + " needs no copy");
            }
        });
        return header;
    }

    /**
     * This compiler's copy of a list of lists or tuples an RPC returned in the board's layout
     * (rpc_proto.rs recv_value): new storage on the stack, which lives until the function returns
     * as the received buffers do; a str in a tuple stays the slice the runtime wrote.
     */
    private List<VReg> fromBoardList(Type.ListOf l, VReg boardElements, VReg length, Span at) {
        int size = elementSize(l.elt(), at), stride = boardSize(l.elt(), at);
        VReg elements = fn.newReg(Kind.W);
        emit(new Insn.Alloca(elements, bin(Op.MUL, length, word(size))));
        forEachIndex(length, i -> {
            VReg from = bin(Op.ADD, boardElements, bin(Op.MUL, i, word(stride)));
            VReg to = bin(Op.ADD, elements, bin(Op.MUL, i, word(size)));
            switch (l.elt()) {
                case Type.ListOf inner -> {
                    VReg header = fn.newReg(Kind.W), e = fn.newReg(Kind.W), n = fn.newReg(Kind.W);
                    emit(new Insn.Load(Insn.Width.WORD, header, from, 0));
                    emit(new Insn.Load(Insn.Width.WORD, e, header, 0));
                    emit(new Insn.Load(Insn.Width.WORD, n, header, 4));
                    List<VReg> v = boardLayoutDiffers(inner) ? fromBoardList(inner, e, n, at) : List.of(e, n);
                    storeElement(to, 0, v, inner);
                }
                case Type.TupleOf tu -> storeElement(to, 0, loadTupleStruct(from, tu, at), tu);
                default -> throw new IllegalStateException("a list of " + l.elt() + " needs no copy");
            }
        });
        return List.of(elements, length);
    }

    /** The stride of a list's elements on the board (rpc_proto.rs Tag::size; a list is a pointer in its storage). */
    private int boardSize(Type t, Span at) {
        return switch (t) {
            case Type.ListOf l -> 4;
            case Type.TupleOf tu -> {
                int size = structLayout(tu, new int[tu.elts().size()], at), align = structAlignment(tu, at);
                yield (size + align - 1) / align * align;
            }
            default -> elementSize(t, at);
        };
    }

    /**
     * rpc_recv for a value with storage of its own (a str's bytes, a list's header and elements):
     * while rpc_recv answers a size, the kernel allocas that much on its stack and hands it the
     * new buffer (ksupport's rpc_recv, ARTIQ's llvm_ir_generator). The str is then the {ptr, len}
     * in the slot; a list's slot points to its {elements, length} header.
     */
    private List<VReg> rpcReceiveWithStorage(VReg slot, Type t) {
        rpcReceiveLoop(slot);
        if (t instanceof Type.Str) return List.of(slot);
        VReg header = fn.newReg(Kind.W), elements = fn.newReg(Kind.W), length = fn.newReg(Kind.W);
        emit(new Insn.Load(Insn.Width.WORD, header, slot, 0));
        emit(new Insn.Load(Insn.Width.WORD, elements, header, 0));
        emit(new Insn.Load(Insn.Width.WORD, length, header, 4));
        return List.of(elements, length);
    }

    /** rpc_recv until it answers 0, allocaing each size it asks for (the slot protocol, rpc.md). */
    private void rpcReceiveLoop(VReg slot) {
        VReg buffer = copy(List.of(slot)).get(0);
        Block ask = fn.newBlock(), grow = fn.newBlock(), done = fn.newBlock();
        jumpTo(ask);
        cur = ask;
        VReg size = call("rpc_recv", Type.INT32, List.of(buffer)).get(0);
        emit(new Insn.Branch(size, grow, done));
        cur = grow;
        VReg more = fn.newReg(Kind.W);
        emit(new Insn.Alloca(more, size));
        emit(new Insn.Move(buffer, more));
        emit(new Insn.Jump(ask));
        cur = done;
    }

    /**
     * rpc_recv of a tuple of numbers, bools and strs: the runtime writes it as a C struct into a
     * slot of its size, a str field as {ptr, len} with its bytes in stack it asks for; the str
     * value is that field.
     */
    private List<VReg> rpcReceiveTuple(Type.TupleOf tu, Span at) {
        int size = structLayout(tu, new int[tu.elts().size()], at);
        VReg slot = valueStorage(Math.max(8, size));
        if (tu.elts().stream().anyMatch(e -> e instanceof Type.Str)) rpcReceiveLoop(slot);
        else call("rpc_recv", Type.INT32, List.of(slot));
        return loadTupleStruct(slot, tu, at);
    }

    /** The RPC tag of a value (artiq/compiler/ir.py rpc_tag; the tuple count is a raw byte). */
    private String rpcTag(Type t, Span at) {
        return switch (t) {
            case Type.Int i -> i.width() == 64 ? "I" : "i";
            case Type.Float f -> "f";
            case Type.Bool b -> "b";
            case Type.None n -> "n";
            case Type.Str x -> "s";
            case Type.Bytes b -> b.mutable() ? "A" : "B";
            case Type.Exc x -> "s";   // print(e) shows the message, as CPython (ARTIQ has no tag for an exception)
            case Type.ListOf l -> "l" + rpcTag(l.elt(), at);
            case Type.ArrayOf a -> "a" + (char) a.dims() + rpcTag(a.elt(), at);
            case Type.RangeOf r -> "r" + rpcTag(r.elt(), at);
            case Type.Instance i -> throw new CompileException(file, at, "an instance of %s cannot be printed or passed to the host".formatted(i.className()));
            case Type.TupleOf tu -> {
                if (tu.elts().size() > 127) throw new CompileException(file, at, "a tuple of more than 127 values cannot be printed");
                StringBuilder b = new StringBuilder("t").append((char) tu.elts().size());
                for (Type e : tu.elts()) b.append(rpcTag(e, at));
                yield b.toString();
            }
            case Type.Var v -> throw new IllegalStateException();
        };
    }

    /** The C struct layout of a tuple (its fields at their alignment); fills {@code offsets}, returns the size. */
    private int structLayout(Type.TupleOf tu, int[] offsets, Span at) {
        int size = 0;
        for (int k = 0; k < offsets.length; k++) {
            Type e = tu.elts().get(k);
            if (!(e instanceof Type.Int || e instanceof Type.Float || e instanceof Type.Bool || e instanceof Type.Str || e instanceof Type.None))
                throw new CompileException(file, at, "printing a tuple holding %s is not supported yet".formatted(e));
            int fieldSize = e instanceof Type.None ? 0 : elementSize(e, at), align = fieldAlignment(e, at);
            size = (size + align - 1) / align * align;
            offsets[k] = size;
            size += fieldSize;
        }
        return size;
    }

    /** The alignment of a field of a tuple's C struct: a str's {ptr, len} 4, a scalar its size up to the target's wide alignment. */
    private int fieldAlignment(Type e, Span at) {
        if (e instanceof Type.Str) return 4;
        return Math.max(1, Math.min(e instanceof Type.None ? 0 : elementSize(e, at), target.wideAlign()));
    }

    /** The alignment of a tuple's C struct: its most aligned field's. */
    private int structAlignment(Type.TupleOf tu, Span at) {
        int align = 1;
        for (Type e : tu.elts()) align = Math.max(align, fieldAlignment(e, at));
        return align;
    }

    /** A tuple as the C struct the RPC reads (rpc.md): scalar fields at their alignment, str as {ptr, len}. */
    private VReg tupleStruct(Type.TupleOf tu, List<VReg> v, Span at) {
        int size = structLayout(tu, new int[tu.elts().size()], at);
        VReg base = fn.newReg(Kind.W);
        emit(new Insn.SlotAddr(base, fn.newSlot(Math.max(8, size), 8)));
        storeTupleStruct(base, tu, v, at);
        return base;
    }

    /** Loads a tuple's registers from its C struct at {@code base}. */
    private List<VReg> loadTupleStruct(VReg base, Type.TupleOf tu, Span at) {
        int[] offsets = new int[tu.elts().size()];
        structLayout(tu, offsets, at);
        List<VReg> out = new ArrayList<>();
        for (int k = 0; k < offsets.length; k++)
            out.addAll(loadElement(bin(Op.ADD, base, word(offsets[k])), tu.elts().get(k), at));
        return out;
    }

    /** Stores a tuple's registers at {@code base} as its C struct. */
    private void storeTupleStruct(VReg base, Type.TupleOf tu, List<VReg> v, Span at) {
        int[] offsets = new int[tu.elts().size()];
        structLayout(tu, offsets, at);
        int first = 0;
        for (int k = 0; k < offsets.length; k++) {
            Type e = tu.elts().get(k);
            int n = registerCount(e);
            storeElement(base, offsets[k], v.subList(first, first + n), e);
            first += n;
        }
    }

    /**
     * A runtime (compiler-rt, libm, RTIO) call returning a value of type {@code t}; each of
     * {@code args} is one argument's registers, and one of two words is an int64 or soft double
     * (a pair: OR1K passes its high word first, RISC-V may split it between a7 and the stack).
     */
    @SafeVarargs
    private List<VReg> call(String helper, Type t, List<VReg>... args) {
        List<VReg> flat = new ArrayList<>();
        BitSet pairs = new BitSet();
        for (List<VReg> a : args) {
            if (a.size() == 2) pairs.set(flat.size());
            flat.addAll(a);
        }
        List<VReg> results = newVal(t);
        emit(new Insn.Call(helper, true, flat, results, pairs));
        return results;
    }

    // ---- small helpers ---------------------------------------------------------------------

    VReg word(int value) {
        VReg r = fn.newReg(Kind.W);
        emit(new Insn.Const(r, value));
        return r;
    }

    VReg bin(Op op, VReg a, VReg b) {
        VReg r = fn.newReg(Kind.W);
        emit(new Insn.Bin(op, r, a, b));
        return r;
    }

    /** Adds an instruction; inside a {@code try}, calls (and so raises) unwind to its landing pad. */
    void emit(Insn i) {
        if (i instanceof Insn.Call c && c.landingPad() == null && !handlers.isEmpty())
            i = new Insn.Call(c.callee(), c.imported(), c.args(), c.results(), handlers.peek(), c.pairs());
        cur.insns.add(i);
    }

    /** A word of a data object, in the target's byte order. */
    private void putInt(byte[] b, int at, int v) {
        org.coredev.compiler.backend.CodeBuffer.writeWord(b, at, v, target.bigEndian());
    }
}
