package org.coredev.python.lexer;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Token streams for layout, operators, numbers, strings and f-strings. */
class LexerTest {
    private static String kinds(String src) {
        return Lexer.tokenize(new Source("<t>", src)).stream().map(t -> t.kind().name()).collect(Collectors.joining(" "));
    }

    @Test
    void indentationProducesIndentAndDedent() {
        assertEquals("IF NAME COLON NEWLINE INDENT PASS NEWLINE DEDENT NAME NEWLINE ENDMARKER",
                kinds("if x:\n    pass\ny\n"));
    }

    @Test
    void blankAndCommentLinesDoNotAffectIndentation() {
        assertEquals("IF NAME COLON NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT ENDMARKER",
                kinds("if x:\n    a\n\n  # comment\n    b\n"));
    }

    @Test
    void newlinesInsideBracketsAreIgnored() {
        assertEquals("NAME EQUAL LSQB NUMBER COMMA NUMBER RSQB NEWLINE ENDMARKER", kinds("x = [1,\n     2]\n"));
    }

    @Test
    void missingFinalNewlineIsAdded() {
        assertEquals("NAME NEWLINE ENDMARKER", kinds("x"));
    }

    @Test
    void longestOperatorWins() {
        assertEquals("NAME DOUBLESTAREQUAL NAME RIGHTSHIFTEQUAL NAME DOUBLESLASH NAME RARROW NAME COLONEQUAL NAME ELLIPSIS NEWLINE ENDMARKER",
                kinds("a **= b >>= c // d -> e := f ...\n"));
    }

    @Test
    void numbersKeepTheirSpelling() {
        List<Token> toks = Lexer.tokenize(new Source("<t>", "0x_1F 1_000.5e-3 7j .5 1if x else 2\n"));
        assertEquals("0x_1F", toks.get(0).text());
        assertEquals("1_000.5e-3", toks.get(1).text());
        assertEquals("7j", toks.get(2).text());
        assertEquals(".5", toks.get(3).text());
        assertEquals("1", toks.get(4).text());
        assertEquals(TokenKind.IF, toks.get(5).kind());
    }

    @Test
    void stringPrefixesAreRecognised() {
        assertEquals("STRING STRING STRING NAME STRING NEWLINE ENDMARKER", kinds("rb'x' U\"y\" Br'''z''' bu 'w'\n"));
    }

    @Test
    void fstringIsSplitIntoStartMiddleFieldsAndEnd() {
        assertEquals("FSTRING_START FSTRING_MIDDLE LBRACE NAME EXCLAMATION NAME COLON FSTRING_MIDDLE LBRACE NAME RBRACE RBRACE FSTRING_END NEWLINE ENDMARKER",
                kinds("f'a{x!r:>{w}}'\n"));
        List<Token> toks = Lexer.tokenize(new Source("<t>", "f'{{a\\n}}'\n"));
        assertEquals("{a\n}", toks.get(1).text());
    }

    @Test
    void notEqualInsideFStringFieldIsAnOperator() {
        assertEquals("FSTRING_START LBRACE NAME NOTEQUAL NAME RBRACE FSTRING_END NEWLINE ENDMARKER", kinds("f'{a != b}'\n"));
    }

    @Test
    void tokensCarryLineAndColumn() {
        Token t = Lexer.tokenize(new Source("<t>", "x = (\n  'abc'\n)\n")).get(3);
        assertEquals(TokenKind.STRING, t.kind());
        assertEquals(2, t.line());
        assertEquals(2, t.col());
        assertEquals(7, t.endCol());
    }
}
