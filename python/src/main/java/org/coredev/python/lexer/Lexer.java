package org.coredev.python.lexer;

import org.coredev.python.ParseException;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written Python 3.12 tokenizer: indentation (INDENT/DEDENT with CPython's tab rules),
 * implicit line joining inside brackets, backslash continuation, all operators, numbers,
 * strings, and PEP 701 f-strings, which come out as FSTRING_START, FSTRING_MIDDLE (decoded
 * literal text), the tokens of each replacement field between LBRACE and RBRACE, and
 * FSTRING_END, exactly as CPython 3.12's tokenizer splits them. No regular expressions: the
 * lexer is on the parser's hot path.
 */
public final class Lexer {
    private static final int TABSIZE = 8;
    /** CPython's limits (Parser/tokenizer.h MAXLEVEL, MAXINDENT): deeper input is refused, never overflows the stack. */
    private static final int MAX_BRACKETS = 200, MAX_INDENT = 100;

    private final Source source;
    private final String s;
    private final int n;
    private final List<Token> out;
    private int pos;
    private int line = 1;
    private int lineStart;
    /** Open brackets: the char and, in parallel, its line/col for messages. */
    private char[] brackets = new char[16];
    private int[] bracketLine = new int[16];
    private int[] bracketCol = new int[16];
    private int depth;
    private int[] indents = new int[16];
    private int[] altIndents = new int[16];
    private int indentTop;
    private boolean atLineStart = true;
    /** F-string modes, innermost last. */
    private final List<Frame> frames = new ArrayList<>();

    /** Mode of one f-string being scanned: its literal text, a replacement field, or a format spec. */
    private static final class Frame {
        static final int LITERAL = 0, EXPR = 1, SPEC = 2;
        final char quote;
        final boolean triple;
        final boolean raw;
        int mode;
        /** Bracket depth when the replacement field was entered (EXPR frames). */
        int base;

        Frame(char quote, boolean triple, boolean raw, int mode, int base) {
            this.quote = quote;
            this.triple = triple;
            this.raw = raw;
            this.mode = mode;
            this.base = base;
        }
    }

    private Lexer(Source source) {
        this.source = source;
        this.s = source.text();
        this.n = s.length();
        this.out = new ArrayList<>(n / 4 + 16);
    }

    /** Tokenizes the whole source; the list ends with NEWLINE (if needed), DEDENTs and ENDMARKER. */
    public static List<Token> tokenize(Source source) {
        Lexer lx = new Lexer(source);
        lx.run();
        return lx.out;
    }

    private ParseException error(int line, int col, String msg) {
        return source.error(line, col, msg);
    }

    private ParseException errorHere(String msg) {
        return error(line, pos - lineStart, msg);
    }

    private void emit(TokenKind kind, String text, int start, int startLine, int startCol) {
        out.add(new Token(kind, text, startLine, startCol, line, pos - lineStart, start, pos));
    }

    private void newlineAt(int afterNewline) {
        line++;
        lineStart = afterNewline;
    }

    private void run() {
        while (true) {
            if (!frames.isEmpty()) {
                Frame f = frames.get(frames.size() - 1);
                if (f.mode != Frame.EXPR) {
                    scanFStringLiteral(f);
                    continue;
                }
            } else if (atLineStart) {
                if (!handleIndentation()) break;
                continue;
            }
            if (!nextToken()) break;
        }
        // End of input.
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != TokenKind.NEWLINE
                && out.get(out.size() - 1).kind() != TokenKind.DEDENT) {
            out.add(new Token(TokenKind.NEWLINE, null, line, pos - lineStart, line, pos - lineStart + 1, pos, pos));
        }
        while (indentTop > 0) {
            indentTop--;
            out.add(new Token(TokenKind.DEDENT, null, line, 0, line, 0, pos, pos));
        }
        out.add(new Token(TokenKind.ENDMARKER, null, line, 0, line, 0, pos, pos));
    }

    /**
     * At the start of a logical line: measures indentation, skips blank and comment-only lines,
     * emits INDENT/DEDENT. Returns false at end of input.
     */
    private boolean handleIndentation() {
        while (true) {
            int col = 0, alt = 0;
            int p = pos;
            while (p < n) {
                char c = s.charAt(p);
                if (c == ' ') { col++; alt++; }
                else if (c == '\t') { col = (col / TABSIZE + 1) * TABSIZE; alt++; }
                else if (c == '\f') { col = 0; alt = 0; }
                else break;
                p++;
            }
            pos = p;
            if (p >= n) return false;
            char c = s.charAt(p);
            if (c == '#' || c == '\n') {
                // Blank or comment-only line: no indentation change, no NEWLINE token.
                while (pos < n && s.charAt(pos) != '\n') pos++;
                if (pos < n) { pos++; newlineAt(pos); continue; }
                return false;
            }
            if (c == '\\' && p + 1 < n && s.charAt(p + 1) == '\n') {
                // A backslash continuation at the start of a line joins it with the next.
                atLineStart = false;
                return true;
            }
            atLineStart = false;
            int cur = indents[indentTop];
            if (col == cur) {
                if (alt != altIndents[indentTop]) throw errorHere("inconsistent use of tabs and spaces in indentation");
            } else if (col > cur) {
                if (alt <= altIndents[indentTop]) throw errorHere("inconsistent use of tabs and spaces in indentation");
                if (indentTop + 1 >= MAX_INDENT) throw errorHere("too many levels of indentation");
                if (indentTop + 1 == indents.length) {
                    indents = java.util.Arrays.copyOf(indents, indents.length * 2);
                    altIndents = java.util.Arrays.copyOf(altIndents, altIndents.length * 2);
                }
                indents[++indentTop] = col;
                altIndents[indentTop] = alt;
                out.add(new Token(TokenKind.INDENT, null, line, 0, line, pos - lineStart, lineStart, pos));
            } else {
                while (indentTop > 0 && col < indents[indentTop]) {
                    indentTop--;
                    out.add(new Token(TokenKind.DEDENT, null, line, pos - lineStart, line, pos - lineStart, pos, pos));
                }
                if (col != indents[indentTop]) throw errorHere("unindent does not match any outer indentation level");
                if (alt != altIndents[indentTop]) throw errorHere("inconsistent use of tabs and spaces in indentation");
            }
            return true;
        }
    }

    private boolean inFStringExpr() {
        return !frames.isEmpty() && frames.get(frames.size() - 1).mode == Frame.EXPR;
    }

    /** Lexes one token in normal (or f-string replacement field) mode. False at end of input. */
    private boolean nextToken() {
        // Skip spaces, comments and continuations.
        while (true) {
            if (pos >= n) {
                if (!frames.isEmpty()) throw errorHere("f-string: expecting '}'");
                if (depth > 0) {
                    throw error(bracketLine[depth - 1], bracketCol[depth - 1],
                            "'" + brackets[depth - 1] + "' was never closed");
                }
                return false;
            }
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') { pos++; continue; }
            if (c == '#') {
                while (pos < n && s.charAt(pos) != '\n') pos++;
                continue;
            }
            if (c == '\\') {
                if (pos + 1 < n && s.charAt(pos + 1) == '\n') {
                    pos += 2;
                    newlineAt(pos);
                    if (pos >= n) throw errorHere("unexpected EOF while parsing");
                    continue;
                }
                if (pos + 1 >= n) throw errorHere("unexpected EOF while parsing");
                pos++;
                throw errorHere("unexpected character after line continuation character");
            }
            if (c == '\n') {
                if (depth > 0 || inFStringExpr()) {
                    pos++;
                    newlineAt(pos);
                    continue;
                }
                int startCol = pos - lineStart;
                int start = pos;
                pos++;
                out.add(new Token(TokenKind.NEWLINE, null, line, startCol, line, startCol + 1, start, pos));
                newlineAt(pos);
                atLineStart = true;
                return true;
            }
            break;
        }
        int start = pos;
        int startCol = pos - lineStart;
        int startLine = line;
        char c = s.charAt(pos);
        if (c < 128 && (Character.isLetter(c) || c == '_') || c >= 128 && Character.isUnicodeIdentifierStart(s.codePointAt(pos))) {
            // String prefixes: r, u, b, br, rb, f, fr, rf in any case.
            int p = pos;
            while (p < n && p - pos < 3 && isPrefixChar(s.charAt(p))) p++;
            if (p < n && (s.charAt(p) == '\'' || s.charAt(p) == '"') && p - pos <= 2 && validPrefix(pos, p)) {
                lexString(start, startLine, startCol, p);
                return true;
            }
            lexName(start, startLine, startCol);
            return true;
        }
        if (c >= '0' && c <= '9' || c == '.' && pos + 1 < n && s.charAt(pos + 1) >= '0' && s.charAt(pos + 1) <= '9') {
            lexNumber(start, startLine, startCol);
            return true;
        }
        if (c == '\'' || c == '"') {
            lexString(start, startLine, startCol, pos);
            return true;
        }
        if (!frames.isEmpty()) {
            Frame f = frames.get(frames.size() - 1);
            if (depth == f.base) {
                if (c == '}') {
                    pos++;
                    emit(TokenKind.RBRACE, null, start, startLine, startCol);
                    frames.remove(frames.size() - 1);
                    return true;
                }
                if (c == ':') {
                    pos++;
                    emit(TokenKind.COLON, null, start, startLine, startCol);
                    f.mode = Frame.SPEC;
                    return true;
                }
                if (c == '!' && (pos + 1 >= n || s.charAt(pos + 1) != '=')) {
                    pos++;
                    emit(TokenKind.EXCLAMATION, null, start, startLine, startCol);
                    return true;
                }
            }
        }
        lexOperator(c, start, startLine, startCol);
        return true;
    }

    private static boolean isPrefixChar(char c) {
        return switch (c) {
            case 'r', 'R', 'u', 'U', 'b', 'B', 'f', 'F' -> true;
            default -> false;
        };
    }

    private boolean validPrefix(int from, int to) {
        String p = s.substring(from, to).toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "r", "u", "b", "br", "rb", "f", "fr", "rf" -> true;
            default -> false;
        };
    }

    private void lexName(int start, int startLine, int startCol) {
        boolean ascii = true;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c < 128) {
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') { pos++; continue; }
                break;
            }
            int cp = s.codePointAt(pos);
            if (Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp)) {
                ascii = false;
                pos += Character.charCount(cp);
                continue;
            }
            break;
        }
        if (pos < n && s.charAt(pos) >= 128 && !Character.isWhitespace(s.codePointAt(pos))) {
            int cp = s.codePointAt(pos);
            throw errorHere("invalid character '" + new String(Character.toChars(cp)) + "' (U+"
                    + String.format("%04X", cp) + ")");
        }
        String text = s.substring(start, pos);
        if (!ascii) text = Normalizer.normalize(text, Normalizer.Form.NFKC);
        TokenKind kind = TokenKind.keyword(text);
        emit(kind, kind == TokenKind.NAME ? text : null, start, startLine, startCol);
    }

    private boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    /** Consumes digits of the given kind with single underscores between them. */
    private void digits(int radix) {
        while (pos < n) {
            char c = s.charAt(pos);
            if (Character.digit(c, radix) >= 0 && c < 128) { pos++; continue; }
            if (c == '_') {
                if (pos + 1 < n && Character.digit(s.charAt(pos + 1), radix) >= 0 && s.charAt(pos + 1) < 128) { pos++; continue; }
                pos++;
                throw errorHere("invalid " + radixName(radix) + " literal");
            }
            break;
        }
    }

    private static String radixName(int radix) {
        return switch (radix) { case 16 -> "hexadecimal"; case 8 -> "octal"; case 2 -> "binary"; default -> "decimal"; };
    }

    private void lexNumber(int start, int startLine, int startCol) {
        char c = s.charAt(pos);
        if (c == '0' && pos + 1 < n && "xXoObB".indexOf(s.charAt(pos + 1)) >= 0) {
            char k = Character.toLowerCase(s.charAt(pos + 1));
            int radix = k == 'x' ? 16 : k == 'o' ? 8 : 2;
            pos += 2;
            if (pos < n && s.charAt(pos) == '_') pos++;
            int digitsStart = pos;
            digits(radix);
            if (pos == digitsStart || pos < n && (isDigit(s.charAt(pos)) || Character.isLetter(s.charAt(pos)))) {
                throw errorHere("invalid " + radixName(radix) + " literal");
            }
            emit(TokenKind.NUMBER, s.substring(start, pos), start, startLine, startCol);
            return;
        }
        boolean isFloat = false;
        if (c != '.') digits(10);
        if (pos < n && s.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            if (pos < n && isDigit(s.charAt(pos))) digits(10);
        }
        if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < n && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            if (pos < n && isDigit(s.charAt(pos))) {
                digits(10);
                isFloat = true;
            } else {
                pos = save;
                if (!isKeywordStartAt(pos)) throw errorHere("invalid decimal literal");
            }
        }
        boolean imag = false;
        if (pos < n && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J')) { pos++; imag = true; }
        if (!isFloat && !imag) {
            // "0777" is an error, "00" and "0_0" are fine (CPython tokenizer).
            if (s.charAt(start) == '0') {
                for (int i = start; i < pos; i++) {
                    char d = s.charAt(i);
                    if (d != '0' && d != '_') {
                        throw error(startLine, startCol, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
                    }
                }
            }
        }
        if (pos < n) {
            char d = s.charAt(pos);
            if ((Character.isLetterOrDigit(d) || d == '_') && !isKeywordStartAt(pos)) {
                throw errorHere("invalid decimal literal");
            }
        }
        emit(TokenKind.NUMBER, s.substring(start, pos), start, startLine, startCol);
    }

    /** CPython still accepts "1if x else y" and "0x1for": a keyword right after a number. */
    private static final String[] KEYWORDS_AFTER_NUMBER = {"and", "else", "for", "if", "in", "is", "not", "or"};

    private boolean isKeywordStartAt(int p) {
        for (String kw : KEYWORDS_AFTER_NUMBER) {
            if (s.startsWith(kw, p)) return true;
        }
        return false;
    }

    private void lexOperator(char c, int start, int startLine, int startCol) {
        char c1 = pos + 1 < n ? s.charAt(pos + 1) : '\0';
        char c2 = pos + 2 < n ? s.charAt(pos + 2) : '\0';
        TokenKind k;
        int len = 1;
        switch (c) {
            case '(' -> k = TokenKind.LPAR;
            case ')' -> k = TokenKind.RPAR;
            case '[' -> k = TokenKind.LSQB;
            case ']' -> k = TokenKind.RSQB;
            case '{' -> k = TokenKind.LBRACE;
            case '}' -> k = TokenKind.RBRACE;
            case ',' -> k = TokenKind.COMMA;
            case ';' -> k = TokenKind.SEMI;
            case '~' -> k = TokenKind.TILDE;
            case ':' -> { if (c1 == '=') { k = TokenKind.COLONEQUAL; len = 2; } else k = TokenKind.COLON; }
            case '+' -> { if (c1 == '=') { k = TokenKind.PLUSEQUAL; len = 2; } else k = TokenKind.PLUS; }
            case '-' -> {
                if (c1 == '=') { k = TokenKind.MINEQUAL; len = 2; }
                else if (c1 == '>') { k = TokenKind.RARROW; len = 2; }
                else k = TokenKind.MINUS;
            }
            case '*' -> {
                if (c1 == '*') { if (c2 == '=') { k = TokenKind.DOUBLESTAREQUAL; len = 3; } else { k = TokenKind.DOUBLESTAR; len = 2; } }
                else if (c1 == '=') { k = TokenKind.STAREQUAL; len = 2; }
                else k = TokenKind.STAR;
            }
            case '/' -> {
                if (c1 == '/') { if (c2 == '=') { k = TokenKind.DOUBLESLASHEQUAL; len = 3; } else { k = TokenKind.DOUBLESLASH; len = 2; } }
                else if (c1 == '=') { k = TokenKind.SLASHEQUAL; len = 2; }
                else k = TokenKind.SLASH;
            }
            case '|' -> { if (c1 == '=') { k = TokenKind.VBAREQUAL; len = 2; } else k = TokenKind.VBAR; }
            case '&' -> { if (c1 == '=') { k = TokenKind.AMPEREQUAL; len = 2; } else k = TokenKind.AMPER; }
            case '^' -> { if (c1 == '=') { k = TokenKind.CIRCUMFLEXEQUAL; len = 2; } else k = TokenKind.CIRCUMFLEX; }
            case '%' -> { if (c1 == '=') { k = TokenKind.PERCENTEQUAL; len = 2; } else k = TokenKind.PERCENT; }
            case '@' -> { if (c1 == '=') { k = TokenKind.ATEQUAL; len = 2; } else k = TokenKind.AT; }
            case '=' -> { if (c1 == '=') { k = TokenKind.EQEQUAL; len = 2; } else k = TokenKind.EQUAL; }
            case '!' -> {
                if (c1 == '=') { k = TokenKind.NOTEQUAL; len = 2; }
                else throw errorHere("invalid syntax");
            }
            case '<' -> {
                if (c1 == '<') { if (c2 == '=') { k = TokenKind.LEFTSHIFTEQUAL; len = 3; } else { k = TokenKind.LEFTSHIFT; len = 2; } }
                else if (c1 == '=') { k = TokenKind.LESSEQUAL; len = 2; }
                else if (c1 == '>') throw errorHere("invalid syntax");
                else k = TokenKind.LESS;
            }
            case '>' -> {
                if (c1 == '>') { if (c2 == '=') { k = TokenKind.RIGHTSHIFTEQUAL; len = 3; } else { k = TokenKind.RIGHTSHIFT; len = 2; } }
                else if (c1 == '=') { k = TokenKind.GREATEREQUAL; len = 2; }
                else k = TokenKind.GREATER;
            }
            case '.' -> { if (c1 == '.' && c2 == '.') { k = TokenKind.ELLIPSIS; len = 3; } else k = TokenKind.DOT; }
            default -> {
                int cp = s.codePointAt(pos);
                throw errorHere("invalid character '" + new String(Character.toChars(cp)) + "' (U+"
                        + String.format("%04X", cp) + ")");
            }
        }
        pos += len;
        switch (k) {
            case LPAR, LSQB, LBRACE -> {
                if (depth >= MAX_BRACKETS) throw error(startLine, startCol, "too many nested parentheses");
                if (depth == brackets.length) {
                    brackets = java.util.Arrays.copyOf(brackets, depth * 2);
                    bracketLine = java.util.Arrays.copyOf(bracketLine, depth * 2);
                    bracketCol = java.util.Arrays.copyOf(bracketCol, depth * 2);
                }
                brackets[depth] = c;
                bracketLine[depth] = startLine;
                bracketCol[depth] = startCol;
                depth++;
            }
            case RPAR, RSQB, RBRACE -> {
                int base = inFStringExpr() ? frames.get(frames.size() - 1).base : 0;
                if (depth <= base) throw error(startLine, startCol, "unmatched '" + c + "'");
                char open = brackets[depth - 1];
                char want = open == '(' ? ')' : open == '[' ? ']' : '}';
                if (want != c) {
                    throw error(startLine, startCol, "closing parenthesis '" + c
                            + "' does not match opening parenthesis '" + open + "'"
                            + (bracketLine[depth - 1] != startLine ? " on line " + bracketLine[depth - 1] : ""));
                }
                depth--;
            }
            default -> { }
        }
        emit(k, null, start, startLine, startCol);
    }

    /** Lexes a string starting at {@code start} whose quote is at {@code quotePos}. */
    private void lexString(int start, int startLine, int startCol, int quotePos) {
        boolean f = false, raw = false;
        for (int i = start; i < quotePos; i++) {
            char p = Character.toLowerCase(s.charAt(i));
            if (p == 'f') f = true;
            if (p == 'r') raw = true;
        }
        char q = s.charAt(quotePos);
        boolean triple = quotePos + 2 < n && s.charAt(quotePos + 1) == q && s.charAt(quotePos + 2) == q;
        pos = quotePos + (triple ? 3 : 1);
        if (f) {
            emit(TokenKind.FSTRING_START, s.substring(start, pos), start, startLine, startCol);
            frames.add(new Frame(q, triple, raw, Frame.LITERAL, depth));
            return;
        }
        while (true) {
            if (pos >= n) {
                throw error(startLine, startCol, triple
                        ? "unterminated triple-quoted string literal (detected at line " + line + ")"
                        : "unterminated string literal (detected at line " + line + ")");
            }
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 < n && s.charAt(pos + 1) == '\n') { pos += 2; newlineAt(pos); continue; }
                pos += 2;
                continue;
            }
            if (c == '\n') {
                if (!triple) throw error(startLine, startCol, "unterminated string literal (detected at line " + line + ")");
                pos++;
                newlineAt(pos);
                continue;
            }
            if (c == q) {
                if (!triple) { pos++; break; }
                if (pos + 2 < n && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q) { pos += 3; break; }
            }
            pos++;
        }
        if (pos > n) pos = n;
        emit(TokenKind.STRING, s.substring(start, pos), start, startLine, startCol);
    }

    /** Scans f-string literal text (or a format spec) up to a field, the closing quote or the spec's end. */
    private void scanFStringLiteral(Frame f) {
        int start = pos;
        int startLine = line;
        int startCol = pos - lineStart;
        StringBuilder text = new StringBuilder();
        boolean spec = f.mode == Frame.SPEC;
        while (true) {
            if (pos >= n) {
                throw errorHere(f.triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal");
            }
            char c = s.charAt(pos);
            if (c == f.quote && (!f.triple || pos + 2 < n && s.charAt(pos + 1) == c && s.charAt(pos + 2) == c)) {
                if (spec) throw errorHere("f-string: expecting '}'");
                flushMiddle(text, start, startLine, startCol);
                int qs = pos;
                int ql = line, qc = pos - lineStart;
                pos += f.triple ? 3 : 1;
                emit(TokenKind.FSTRING_END, s.substring(qs, pos), qs, ql, qc);
                frames.remove(frames.size() - 1);
                return;
            }
            if (c == '\n') {
                if (!f.triple) throw errorHere("unterminated f-string literal");
                text.append('\n');
                pos++;
                newlineAt(pos);
                continue;
            }
            if (c == '{') {
                if (!spec && pos + 1 < n && s.charAt(pos + 1) == '{') {
                    text.append('{');
                    pos += 2;
                    continue;
                }
                flushMiddle(text, start, startLine, startCol);
                int bs = pos;
                int bc = pos - lineStart;
                pos++;
                emit(TokenKind.LBRACE, null, bs, line, bc);
                frames.add(new Frame(f.quote, f.triple, f.raw, Frame.EXPR, depth));
                return;
            }
            if (c == '}') {
                if (spec) {
                    flushMiddle(text, start, startLine, startCol);
                    int bs = pos;
                    int bc = pos - lineStart;
                    pos++;
                    emit(TokenKind.RBRACE, null, bs, line, bc);
                    frames.remove(frames.size() - 1);
                    return;
                }
                if (pos + 1 < n && s.charAt(pos + 1) == '}') {
                    text.append('}');
                    pos += 2;
                    continue;
                }
                throw errorHere("f-string: single '}' is not allowed");
            }
            if (c == '\\') {
                if (pos + 1 >= n) throw errorHere("unterminated f-string literal");
                char d = s.charAt(pos + 1);
                if (f.raw) {
                    text.append('\\');
                    pos++;
                    if (d == '\n') { text.append('\n'); pos++; newlineAt(pos); }
                    else if (d != '{' && d != '}') { text.append(d); pos++; }
                    continue;
                }
                if (d == 'N' && pos + 2 < n && s.charAt(pos + 2) == '{') {
                    int close = s.indexOf('}', pos + 3);
                    if (close < 0) throw errorHere("(unicode error) malformed \\N character escape");
                    pos = StringDecoder.decodeEscape(s, pos, text, false, source, line, lineStart);
                    continue;
                }
                if (d == '\n') { pos += 2; newlineAt(pos); continue; }
                if (d == '{' || d == '}') { text.append('\\'); pos++; continue; }
                pos = StringDecoder.decodeEscape(s, pos, text, false, source, line, lineStart);
                continue;
            }
            text.append(c);
            pos++;
        }
    }

    private void flushMiddle(StringBuilder text, int start, int startLine, int startCol) {
        if (pos > start) {
            out.add(new Token(TokenKind.FSTRING_MIDDLE, text.toString(), startLine, startCol, line, pos - lineStart, start, pos));
        }
    }
}
