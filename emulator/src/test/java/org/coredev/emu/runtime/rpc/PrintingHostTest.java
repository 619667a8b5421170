package org.coredev.emu.runtime.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintingHostTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(), log = new ByteArrayOutputStream();
    private final PrintingHost host = new PrintingHost(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(log, true, StandardCharsets.UTF_8), Map.of(3, "print", 7, "set_dataset", 9, "get_value"));

    private static RpcCall call(int service, boolean async, RpcType returns, RpcValue... args) {
        return new RpcCall(service, List.of(args), Map.of(), async, returns);
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }
    private String log() { return log.toString(StandardCharsets.UTF_8); }

    @Test
    void printShowsArgumentsAsPython3Does() {
        RpcType tupleType = new RpcType.Tuple(List.of(RpcType.INT32, RpcType.STR));
        List<RpcValue> args = List.of(RpcValue.int32(1), RpcValue.float64(2.5), RpcValue.str("x"), RpcValue.float64(0.1),
                RpcValue.float64(1e-9), RpcValue.float64(1.0), RpcValue.NONE, RpcValue.TRUE, RpcValue.FALSE,
                RpcValue.list(RpcType.FLOAT64, RpcValue.float64(1.5), RpcValue.float64(-0.0)),
                RpcValue.list(RpcType.STR, RpcValue.str("a b"), RpcValue.str("it's")),
                RpcValue.tuple(RpcValue.int32(1), RpcValue.str("y")), RpcValue.int64(-1L << 40),
                RpcValue.list(tupleType, RpcValue.tuple(RpcValue.int32(2), RpcValue.str("z"))));
        RpcReply reply = host.call(new RpcCall(3, args, Map.of(), false, RpcType.NONE));
        host.call(call(3, true, RpcType.NONE));
        host.call(call(3, true, RpcType.NONE, RpcValue.str("tab\there"), RpcValue.str("")));
        String expected = Python3.run("""
                print(1, 2.5, "x", 0.1, 1e-09, 1.0, None, True, False, [1.5, -0.0], ["a b", "it's"], (1, "y"), -(1 << 40), [(2, "z")])
                print()
                print("tab\\there", "")
                """);
        assertEquals(expected, out());
        assertEquals(RpcReply.NONE, reply);
        assertEquals("", log());
    }

    @Test
    void printHonoursSepAndEnd() {
        Map<String, RpcValue> kwargs = new LinkedHashMap<>();
        kwargs.put("sep", RpcValue.str(", "));
        kwargs.put("end", RpcValue.str("!\n"));
        host.call(new RpcCall(3, List.of(RpcValue.int32(1), RpcValue.int32(2)), kwargs, true, RpcType.NONE));
        assertEquals(Python3.run("print(1, 2, sep=', ', end='!\\n')"), out());
    }

    @Test
    void printWithAnUnknownKeywordRaisesTypeError() {
        RpcReply reply = host.call(new RpcCall(3, List.of(), Map.of("colour", RpcValue.str("red")), false, RpcType.NONE));
        assertEquals(RpcReply.raise("TypeError", "'colour' is an invalid keyword argument for print()"), reply);
    }

    @Test
    void configuredServicePrintsWithoutAName() {
        PrintingHost h = new PrintingHost(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8), Map.of()).printing(12);
        h.call(call(12, false, RpcType.NONE, RpcValue.str("hello")));
        assertEquals("hello\n", out());
    }

    @Test
    void asyncCallIsLoggedWithItsNameAndArguments() {
        RpcReply reply = host.call(new RpcCall(7, List.of(RpcValue.str("x"), RpcValue.float64(1.0)),
                Map.of("broadcast", RpcValue.TRUE), true, RpcType.NONE));
        assertEquals("rpc 7 set_dataset('x', 1.0, broadcast=True) [async]\n", log());
        assertEquals(RpcReply.NONE, reply);
        assertEquals("", out());
    }

    @Test
    void attributeWritebackIsNamedSetattr() {
        host.call(call(0, true, RpcType.NONE, new RpcValue.ObjectRef(4), RpcValue.str("count"), RpcValue.int32(5)));
        assertEquals("rpc 0 setattr(<host object 4>, 'count', 5) [async]\n", log());
    }

    @Test
    void synchronousCallIsUnanswerableAndNamesTheService() {
        RpcReply reply = host.call(call(9, false, RpcType.INT32, RpcValue.int32(1)));
        assertEquals("rpc 9 get_value(1) -> int32\n", log());
        RpcReply.Unanswerable u = assertInstanceOf(RpcReply.Unanswerable.class, reply);
        assertTrue(u.reason().contains("service 9 (get_value)"), u.reason());
    }

    @Test
    void unnamedServiceIsLoggedByNumber() {
        host.call(call(42, true, RpcType.NONE, RpcValue.int32(1)));
        assertEquals("rpc 42 (1) [async]\n", log());
    }

    @Test
    void noneReturningCallCanBeAnsweredWhenAsked() {
        host.answeringNone(true);
        assertEquals(RpcReply.NONE, host.call(call(7, false, RpcType.NONE)));
        assertInstanceOf(RpcReply.Unanswerable.class, host.call(call(9, false, RpcType.INT32)));
    }
}
