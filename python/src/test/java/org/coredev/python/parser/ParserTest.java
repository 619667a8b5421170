package org.coredev.python.parser;

import org.coredev.python.ast.AstDumper;
import org.coredev.python.ast.Expr;
import org.coredev.python.ast.Module;
import org.coredev.python.ast.Span;
import org.coredev.python.ast.Stmt;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * One test per construct. Expected trees for syntax that Python 3.11 accepts are CPython
 * 3.11's {@code ast.dump(ast.parse(src))}; the 3.12-only cases (PEP 695, PEP 701) are written
 * in CPython 3.12's dump format.
 */
class ParserTest {
    private static String dump311(String src) {
        return AstDumper.dump(Parser.parse("<test>", src), 11);
    }

    private static String dump312(String src) {
        return AstDumper.dump(Parser.parse("<test>", src), 12);
    }

    @Test
    void binaryOperatorsFollowPrecedence() {
        assertEquals("Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Constant(value=1), op=Add(), right=BinOp(left=Constant(value=2), op=Mult(), right=Constant(value=3))))], type_ignores=[])",
                dump311("x = 1 + 2 * 3"));
    }

    @Test
    void powerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        assertEquals("Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load())))))], type_ignores=[])",
                dump311("a ** -b ** c"));
    }

    @Test
    void notBindsLooserThanComparison() {
        assertEquals("Module(body=[Expr(value=UnaryOp(op=Not(), operand=Compare(left=Name(id='a', ctx=Load()), ops=[Eq()], comparators=[Name(id='b', ctx=Load())])))], type_ignores=[])",
                dump311("not a == b"));
    }

    @Test
    void chainedComparisonIsOneCompareNode() {
        assertEquals("Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), Lt()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load())]))], type_ignores=[])",
                dump311("a < b < c"));
    }

    @Test
    void conditionalExpression() {
        assertEquals("Module(body=[Expr(value=IfExp(test=Name(id='y', ctx=Load()), body=Name(id='x', ctx=Load()), orelse=Name(id='z', ctx=Load())))], type_ignores=[])",
                dump311("x if y else z"));
    }

    @Test
    void lambdaWithAllParameterKinds() {
        assertEquals("Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='x')], args=[arg(arg='y')], vararg=arg(arg='a'), kwonlyargs=[arg(arg='k')], kw_defaults=[None], kwarg=arg(arg='kw'), defaults=[Constant(value=1)]), body=Name(id='x', ctx=Load())))], type_ignores=[])",
                dump311("lambda x, /, y=1, *a, k, **kw: x"));
    }

    @Test
    void functionWithPositionalOnlyAndKeywordOnlyParameters() {
        assertEquals("Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a'), arg(arg='b')], args=[arg(arg='c')], kwonlyargs=[arg(arg='d'), arg(arg='e')], kw_defaults=[None, Constant(value=5)], kwarg=arg(arg='kw'), defaults=[Constant(value=2), Constant(value=3)]), body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[], returns=Name(id='int', ctx=Load()))], type_ignores=[])",
                dump311("def f(a, b=2, /, c=3, *, d, e=5, **kw) -> int:\n    return a\n"));
    }

    @Test
    void decoratedClassWithKeywordsAndAnnotatedAttribute() {
        assertEquals("Module(body=[ClassDef(name='C', bases=[Name(id='B', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=1), simple=1)], decorator_list=[Name(id='dec', ctx=Load()), Call(func=Name(id='dec2', ctx=Load()), args=[Constant(value=1)], keywords=[])])], type_ignores=[])",
                dump311("@dec\n@dec2(1)\nclass C(B, metaclass=M):\n    x: int = 1\n"));
    }

    @Test
    void asyncFunctionWithAsyncWithForAndYield() {
        assertEquals("Module(body=[AsyncFunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncWith(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Expr(value=Await(value=Name(id='d', ctx=Load())))]), AsyncFor(target=Name(id='i', ctx=Store()), iter=Name(id='e', ctx=Load()), body=[Expr(value=Yield(value=Name(id='i', ctx=Load())))], orelse=[])], decorator_list=[])], type_ignores=[])",
                dump311("async def g():\n    async with a as b, c:\n        await d\n    async for i in e:\n        yield i\n"));
    }

    @Test
    void parenthesizedWithItems() {
        assertEquals("Module(body=[With(items=[withitem(context_expr=Call(func=Name(id='open', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), optional_vars=Name(id='f', ctx=Store())), withitem(context_expr=Call(func=Name(id='open', ctx=Load()), args=[Name(id='b', ctx=Load())], keywords=[]), optional_vars=Name(id='g', ctx=Store()))], body=[Pass()])], type_ignores=[])",
                dump311("with (open(a) as f, open(b) as g):\n    pass\n"));
    }

    @Test
    void exceptStarHandler() {
        assertEquals("Module(body=[TryStar(body=[Pass()], handlers=[ExceptHandler(type=Name(id='ValueError', ctx=Load()), name='e', body=[Pass()])], orelse=[], finalbody=[])], type_ignores=[])",
                dump311("try:\n    pass\nexcept* ValueError as e:\n    pass\n"));
    }

    @Test
    void tryWithAllClauses() {
        assertEquals("Module(body=[Try(body=[Expr(value=Name(id='x', ctx=Load()))], handlers=[ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), name='e', body=[Expr(value=Name(id='y', ctx=Load()))])], orelse=[Expr(value=Name(id='z', ctx=Load()))], finalbody=[Expr(value=Name(id='w', ctx=Load()))])], type_ignores=[])",
                dump311("try:\n    x\nexcept (A, B) as e:\n    y\nelse:\n    z\nfinally:\n    w\n"));
    }

    @Test
    void matchWithClassOrSequenceAndMappingPatterns() {
        assertEquals("Module(body=[Match(subject=Name(id='p', ctx=Load()), cases=[match_case(pattern=MatchOr(patterns=[MatchClass(cls=Name(id='Point', ctx=Load()), patterns=[], kwd_attrs=['x'], kwd_patterns=[MatchValue(value=Constant(value=0))]), MatchSequence(patterns=[MatchValue(value=Constant(value=1)), MatchStar(name='rest')])]), guard=Name(id='rest', ctx=Load()), body=[Pass()]), match_case(pattern=MatchMapping(keys=[Constant(value='k')], patterns=[MatchAs(name='v')], rest='kw'), body=[Pass()])])], type_ignores=[])",
                dump311("match p:\n    case Point(x=0) | [1, *rest] if rest:\n        pass\n    case {'k': v, **kw}:\n        pass\n"));
    }

    @Test
    void listComprehensionWithSeveralClauses() {
        assertEquals("Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load())], is_async=0), comprehension(target=Name(id='z', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])",
                dump311("[x for x in y if x for z in x]"));
    }

    @Test
    void dictComprehension() {
        assertEquals("Module(body=[Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Name(id='d', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])",
                dump311("{k: v for k, v in d}"));
    }

    @Test
    void walrusInParentheses() {
        assertEquals("Module(body=[Expr(value=NamedExpr(target=Name(id='y', ctx=Store()), value=Constant(value=10)))], type_ignores=[])",
                dump311("(y := 10)"));
    }

    @Test
    void callWithStarArgsKeywordsAndDoubleStar() {
        assertEquals("Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Starred(value=Name(id='a', ctx=Load()), ctx=Load())], keywords=[keyword(arg='b', value=Constant(value=1)), keyword(value=Name(id='c', ctx=Load()))]))], type_ignores=[])",
                dump311("f(*a, b=1, **c)"));
    }

    @Test
    void subscriptWithSlicesIsTuple() {
        assertEquals("Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load()))], type_ignores=[])",
                dump311("a[1:2, ::3]"));
    }

    @Test
    void annotatedAssignmentWithGenericAnnotation() {
        assertEquals("Module(body=[AnnAssign(target=Name(id='x', ctx=Store()), annotation=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='int', ctx=Load()), ctx=Load()), value=List(elts=[], ctx=Load()), simple=1)], type_ignores=[])",
                dump311("x: list[int] = []"));
    }

    @Test
    void deleteSeveralTargets() {
        assertEquals("Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', ctx=Load()), slice=Constant(value=0), ctx=Del())])], type_ignores=[])",
                dump311("del a, b[0]"));
    }

    @Test
    void relativeImportWithParenthesizedAliases() {
        assertEquals("Module(body=[ImportFrom(module='m', names=[alias(name='a', asname='b'), alias(name='c')], level=2)], type_ignores=[])",
                dump311("from ..m import (a as b, c)"));
    }

    @Test
    void globalStatement() {
        assertEquals("Module(body=[Global(names=['g'])], type_ignores=[])",
                dump311("global g"));
    }

    @Test
    void fstringWithConversionNestedSpecAndDebugText() {
        assertEquals("Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), Constant(value=' y='), FormattedValue(value=Name(id='y', ctx=Load()), conversion=114)]))], type_ignores=[])",
                dump311("f'{x!r:>{w}} {y=}'"));
    }

    @Test
    void adjacentBytesLiteralsConcatenate() {
        assertEquals("Module(body=[Expr(value=Constant(value=b'\\x00a'))], type_ignores=[])",
                dump311("b'\\x00' b'a'"));
    }

    @Test
    void starArgumentAndKeywordInCall() {
        assertEquals("Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load()), args=[Starred(value=Name(id='args', ctx=Load()), ctx=Load())], keywords=[keyword(arg='sep', value=Constant(value=''))]))], type_ignores=[])",
                dump311("print(*args, sep='')"));
    }

    @Test
    void starredAssignmentTarget() {
        assertEquals("Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load()))], type_ignores=[])",
                dump311("a, *b = c"));
    }

    @Test
    void augmentedAssignment() {
        assertEquals("Module(body=[AugAssign(target=Name(id='x', ctx=Store()), op=Add(), value=Constant(value=1))], type_ignores=[])",
                dump311("x += 1"));
    }

    @Test
    void raiseFrom() {
        assertEquals("Module(body=[Raise(exc=Name(id='E', ctx=Load()), cause=Name(id='e', ctx=Load()))], type_ignores=[])",
                dump311("raise E from e"));
    }

    @Test
    void assertWithMessage() {
        assertEquals("Module(body=[Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='msg'))], type_ignores=[])",
                dump311("assert x, 'msg'"));
    }

    @Test
    void bareYieldInParentheses() {
        assertEquals("Module(body=[Expr(value=Yield())], type_ignores=[])",
                dump311("(yield)"));
    }

    @Test
    void forElse() {
        assertEquals("Module(body=[For(target=Tuple(elts=[Name(id='i', ctx=Store()), Name(id='j', ctx=Store())], ctx=Store()), iter=Name(id='k', ctx=Load()), body=[Continue()], orelse=[Pass()])], type_ignores=[])",
                dump311("for i, j in k:\n    continue\nelse:\n    pass\n"));
    }

    @Test
    void whileBreak() {
        assertEquals("Module(body=[While(test=Constant(value=1), body=[Break()], orelse=[])], type_ignores=[])",
                dump311("while 1:\n    break\n"));
    }

    @Test
    void ifElifElse() {
        assertEquals("Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[Pass()])])], type_ignores=[])",
                dump311("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"));
    }

    @Test
    void dottedImportWithAlias() {
        assertEquals("Module(body=[Import(names=[alias(name='a.b', asname='c'), alias(name='d')])], type_ignores=[])",
                dump311("import a.b as c, d"));
    }

    @Test
    void numberLiteralsOfAllKinds() {
        assertEquals("Module(body=[Expr(value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Constant(value=255), op=Add(), right=Constant(value=1000)), op=Add(), right=Constant(value=1000.0)), op=Add(), right=Constant(value=2j)), op=Add(), right=Constant(value=15)), op=Add(), right=Constant(value=3)))], type_ignores=[])",
                dump311("0x_ff + 1_000 + 1e3 + 2j + 0o17 + 0b11"));
    }

    @Test
    void implicitStringConcatenation() {
        assertEquals("Module(body=[Expr(value=Constant(value='abc'))], type_ignores=[])",
                dump311("'a' 'b' u'c'"));
    }

    @Test
    void uPrefixSetsConstantKind() {
        assertEquals("Module(body=[Expr(value=Constant(value='xy', kind='u'))], type_ignores=[])",
                dump311("u'x' 'y'"));
    }

    // ---------------------------------------------------------------- Python 3.12 only

    @Test
    void typeAliasStatement() {
        assertEquals("Module(body=[TypeAlias(name=Name(id='Point', ctx=Store()), type_params=[], value=Subscript("
                + "value=Name(id='tuple', ctx=Load()), slice=Tuple(elts=[Name(id='float', ctx=Load()), Name(id='float', "
                + "ctx=Load())], ctx=Load()), ctx=Load()))], type_ignores=[])",
                dump312("type Point = tuple[float, float]"));
    }

    @Test
    void genericTypeAlias() {
        assertEquals("Module(body=[TypeAlias(name=Name(id='ListOrSet', ctx=Store()), type_params=[TypeVar(name='T')], "
                + "value=BinOp(left=Subscript(value=Name(id='list', ctx=Load()), slice=Name(id='T', ctx=Load()), ctx=Load()), "
                + "op=BitOr(), right=Subscript(value=Name(id='set', ctx=Load()), slice=Name(id='T', ctx=Load()), ctx=Load())))], "
                + "type_ignores=[])",
                dump312("type ListOrSet[T] = list[T] | set[T]"));
    }

    @Test
    void typeIsStillAnOrdinaryName() {
        assertEquals("Module(body=[Assign(targets=[Name(id='type', ctx=Store())], value=Subscript(value=Name(id='type', "
                + "ctx=Load()), slice=Name(id='int', ctx=Load()), ctx=Load()))], type_ignores=[])",
                dump312("type = type[int]"));
    }

    @Test
    void genericFunctionWithAllTypeParameterKinds() {
        assertEquals("Module(body=[FunctionDef(name='first', args=arguments(posonlyargs=[], args=[arg(arg='x', "
                + "annotation=Name(id='T', ctx=Load()))], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Return("
                + "value=Name(id='x', ctx=Load()))], decorator_list=[], returns=Name(id='T', ctx=Load()), type_params=["
                + "TypeVar(name='T', bound=Tuple(elts=[Name(id='int', ctx=Load()), Name(id='str', ctx=Load())], ctx=Load())), "
                + "TypeVarTuple(name='Ts'), ParamSpec(name='P')])], type_ignores=[])",
                dump312("def first[T: (int, str), *Ts, **P](x: T) -> T:\n    return x\n"));
    }

    @Test
    void genericClass() {
        assertEquals("Module(body=[ClassDef(name='Box', bases=[Name(id='Base', ctx=Load())], keywords=[], body=[Pass()], "
                + "decorator_list=[], type_params=[TypeVar(name='T')])], type_ignores=[])",
                dump312("class Box[T](Base):\n    pass\n"));
    }

    @Test
    void fstringMayReuseItsQuoteInsideAField() {
        assertEquals("Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=BinOp(left=Constant(value='a'), "
                + "op=Add(), right=Constant(value='b')), conversion=-1)]))], type_ignores=[])",
                dump312("f\"{'a' + \"b\"}\""));
    }

    @Test
    void fstringsNestArbitrarilyDeep() {
        assertEquals("Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=JoinedStr(values=[FormattedValue("
                + "value=JoinedStr(values=[FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1)]), conversion=-1)]), "
                + "conversion=-1)]))], type_ignores=[])",
                dump312("f\"{f\"{f\"{x}\"}\"}\""));
    }

    @Test
    void fstringFieldMaySpanLinesAndHoldComments() {
        assertEquals("Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=BinOp("
                + "left=Name(id='x', ctx=Load()), op=Add(), right=Constant(value=1)), conversion=-1)]))], type_ignores=[])",
                dump312("f'''a{x +  # a comment\n  1\n}'''"));
    }

    @Test
    void fstringFieldMayContainBackslashes() {
        assertEquals("Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Call(func=Attribute(value=Constant("
                + "value='\\n'), attr='join', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[]), conversion=-1)]))], "
                + "type_ignores=[])",
                dump312("f\"{'\\n'.join(a)}\""));
    }

    // ---------------------------------------------------------------- positions

    @Test
    void nodesCarryStartAndEndPositions() {
        Module m = Parser.parse("<test>", "x = foo(1,\n        2)\n");
        Stmt.Assign a = assertInstanceOf(Stmt.Assign.class, m.body().get(0));
        assertEquals(new Span(1, 0, 2, 10), a.span());
        assertEquals(new Span(1, 0, 1, 1), a.targets().get(0).span());
        Expr.Call call = assertInstanceOf(Expr.Call.class, a.value());
        assertEquals(new Span(1, 4, 2, 10), call.span());
        assertEquals(new Span(2, 8, 2, 9), call.args().get(1).span());
    }

    @Test
    void decoratedFunctionStartsAtDef() {
        Module m = Parser.parse("<test>", "@dec\ndef f():\n    pass\n");
        assertEquals(new Span(2, 0, 3, 8), m.body().get(0).span());
    }

    @Test
    void columnsCountCharactersOnNonAsciiLines() {
        Module m = Parser.parse("<test>", "é = 'ü' + b\n");
        Stmt.Assign a = (Stmt.Assign) m.body().get(0);
        Expr.BinOp add = (Expr.BinOp) a.value();
        assertEquals(new Span(1, 10, 1, 11), add.right().span());
    }

    @Test
    void lineContinuationKeepsPhysicalLineNumbers() {
        Module m = Parser.parse("<test>", "x = 1 + \\\n    2\ny = 3\n");
        assertEquals(new Span(1, 0, 2, 5), m.body().get(0).span());
        assertEquals(3, m.body().get(1).span().line());
    }

    @Test
    void crlfAndCrLineEndingsAreNewlines() {
        assertEquals(dump311("a = 1\nif a:\n    b = '''x\ny'''\n"), dump311("a = 1\r\nif a:\r\n    b = '''x\r\ny'''\r\n"));
        assertEquals(dump311("a = 1\nb = 2\n"), dump311("a = 1\rb = 2\r"));
    }

    @Test
    void codingCookieSelectsTheCharset() {
        byte[] latin1 = "# -*- coding: latin-1 -*-\nx = '\u00e9'\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Module m = Parser.parse("<test>", latin1);
        Stmt.Assign a = (Stmt.Assign) m.body().get(0);
        assertEquals("\u00e9", ((Expr.Constant) a.value()).value());
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() {
        byte[] src = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, 'x', '=', '1', '\n'};
        assertEquals("Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])",
                AstDumper.dump(Parser.parse("<test>", src), 11));
    }

    @Test
    void expressionModeParsesOneExpression() {
        Expr e = Parser.parseExpression(new org.coredev.python.lexer.Source("<expr>", "a.b(1)[2]\n"));
        assertInstanceOf(Expr.Subscript.class, e);
    }
}
