package org.coredev.python.lexer;

/** Kinds of Python tokens: the structural ones, literals, every operator and every hard keyword. */
public enum TokenKind {
    NAME, NUMBER, STRING, FSTRING_START, FSTRING_MIDDLE, FSTRING_END,
    NEWLINE, INDENT, DEDENT, ENDMARKER,
    // operators and delimiters
    LPAR("("), RPAR(")"), LSQB("["), RSQB("]"), LBRACE("{"), RBRACE("}"),
    COLON(":"), COMMA(","), SEMI(";"), PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"),
    VBAR("|"), AMPER("&"), LESS("<"), GREATER(">"), EQUAL("="), DOT("."), PERCENT("%"),
    EQEQUAL("=="), NOTEQUAL("!="), LESSEQUAL("<="), GREATEREQUAL(">="), TILDE("~"),
    CIRCUMFLEX("^"), LEFTSHIFT("<<"), RIGHTSHIFT(">>"), DOUBLESTAR("**"),
    PLUSEQUAL("+="), MINEQUAL("-="), STAREQUAL("*="), SLASHEQUAL("/="), PERCENTEQUAL("%="),
    AMPEREQUAL("&="), VBAREQUAL("|="), CIRCUMFLEXEQUAL("^="), LEFTSHIFTEQUAL("<<="),
    RIGHTSHIFTEQUAL(">>="), DOUBLESTAREQUAL("**="), DOUBLESLASH("//"), DOUBLESLASHEQUAL("//="),
    AT("@"), ATEQUAL("@="), RARROW("->"), ELLIPSIS("..."), COLONEQUAL(":="), EXCLAMATION("!"),
    // keywords
    FALSE("False"), NONE("None"), TRUE("True"), AND("and"), AS("as"), ASSERT("assert"),
    ASYNC("async"), AWAIT("await"), BREAK("break"), CLASS("class"), CONTINUE("continue"),
    DEF("def"), DEL("del"), ELIF("elif"), ELSE("else"), EXCEPT("except"), FINALLY("finally"),
    FOR("for"), FROM("from"), GLOBAL("global"), IF("if"), IMPORT("import"), IN("in"), IS("is"),
    LAMBDA("lambda"), NONLOCAL("nonlocal"), NOT("not"), OR("or"), PASS("pass"), RAISE("raise"),
    RETURN("return"), TRY("try"), WHILE("while"), WITH("with"), YIELD("yield");

    private final String text;

    TokenKind() { this.text = null; }

    TokenKind(String text) { this.text = text; }

    /** The fixed spelling of an operator or keyword, or null for NAME, NUMBER and the like. */
    public String text() { return text; }

    /** True for hard keywords. */
    public boolean isKeyword() { return ordinal() >= FALSE.ordinal(); }

    /** The keyword kind spelled {@code s}, or NAME. */
    public static TokenKind keyword(String s) {
        return switch (s) {
            case "False" -> FALSE; case "None" -> NONE; case "True" -> TRUE; case "and" -> AND;
            case "as" -> AS; case "assert" -> ASSERT; case "async" -> ASYNC; case "await" -> AWAIT;
            case "break" -> BREAK; case "class" -> CLASS; case "continue" -> CONTINUE; case "def" -> DEF;
            case "del" -> DEL; case "elif" -> ELIF; case "else" -> ELSE; case "except" -> EXCEPT;
            case "finally" -> FINALLY; case "for" -> FOR; case "from" -> FROM; case "global" -> GLOBAL;
            case "if" -> IF; case "import" -> IMPORT; case "in" -> IN; case "is" -> IS;
            case "lambda" -> LAMBDA; case "nonlocal" -> NONLOCAL; case "not" -> NOT; case "or" -> OR;
            case "pass" -> PASS; case "raise" -> RAISE; case "return" -> RETURN; case "try" -> TRY;
            case "while" -> WHILE; case "with" -> WITH; case "yield" -> YIELD;
            default -> NAME;
        };
    }

    /** How the kind reads in an error message. */
    public String describe() {
        return switch (this) {
            case NAME -> "name"; case NUMBER -> "number"; case STRING -> "string";
            case FSTRING_START, FSTRING_MIDDLE, FSTRING_END -> "f-string";
            case NEWLINE -> "newline"; case INDENT -> "indent"; case DEDENT -> "dedent";
            case ENDMARKER -> "end of file";
            default -> "'" + text + "'";
        };
    }
}
