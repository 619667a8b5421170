package org.coredev.python.ast;

/** The operator and context enumerations of CPython's AST; {@code pyName} is CPython's class name. */
public final class Ops {
    private Ops() { }

    /** expr_context. */
    public enum Ctx {
        LOAD("Load"), STORE("Store"), DEL("Del");
        public final String pyName;
        Ctx(String n) { pyName = n; }
    }

    /** boolop. */
    public enum BoolOpKind {
        AND("And"), OR("Or");
        public final String pyName;
        BoolOpKind(String n) { pyName = n; }
    }

    /** operator (binary). {@code symbol} is the Python spelling. */
    public enum Operator {
        ADD("Add", "+"), SUB("Sub", "-"), MULT("Mult", "*"), MATMULT("MatMult", "@"), DIV("Div", "/"),
        MOD("Mod", "%"), POW("Pow", "**"), LSHIFT("LShift", "<<"), RSHIFT("RShift", ">>"),
        BITOR("BitOr", "|"), BITXOR("BitXor", "^"), BITAND("BitAnd", "&"), FLOORDIV("FloorDiv", "//");
        public final String pyName;
        public final String symbol;
        Operator(String n, String s) { pyName = n; symbol = s; }
    }

    /** unaryop. */
    public enum UnaryOpKind {
        INVERT("Invert", "~"), NOT("Not", "not "), UADD("UAdd", "+"), USUB("USub", "-");
        public final String pyName;
        public final String symbol;
        UnaryOpKind(String n, String s) { pyName = n; symbol = s; }
    }

    /** cmpop. */
    public enum CmpOp {
        EQ("Eq", "=="), NOTEQ("NotEq", "!="), LT("Lt", "<"), LTE("LtE", "<="), GT("Gt", ">"), GTE("GtE", ">="),
        IS("Is", "is"), ISNOT("IsNot", "is not"), IN("In", "in"), NOTIN("NotIn", "not in");
        public final String pyName;
        public final String symbol;
        CmpOp(String n, String s) { pyName = n; symbol = s; }
    }
}
