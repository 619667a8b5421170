package org.coredev.emu.runtime.eh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalInt;
import org.coredev.emu.cpu.rv32.Rv32Cpu;
import org.coredev.emu.runtime.GuestFault;
import org.junit.jupiter.api.Test;

/** The exception object's layout, names for ids, and message formatting as ARTIQ's host does it. */
class ArtiqExceptionTest {
    private final EhMachine m = new EhMachine(Rv32Cpu.Variant.RV32IMA);
    private static final int AT = EhMachine.RAM + 0x2000;

    @Test
    void fieldsSitAtTheBoardsOffsets() {
        int strings = AT + 0x100;
        m.memory.write(strings, "k.pyrunboom {0}".getBytes());
        m.memory.store32(AT, 18);
        m.memory.store32(AT + 4, strings);
        m.memory.store32(AT + 8, 4);
        m.memory.store32(AT + 12, 42);
        m.memory.store32(AT + 16, 7);
        m.memory.store32(AT + 20, strings + 4);
        m.memory.store32(AT + 24, 3);
        m.memory.store32(AT + 28, strings + 7);
        m.memory.store32(AT + 32, 8);
        m.memory.store64(AT + 40, -5);
        m.memory.store64(AT + 48, 1L << 40);
        m.memory.store64(AT + 56, 9);
        ArtiqException e = ArtiqException.read(m.memory, AT);
        assertEquals(new ArtiqException(18, "k.py", 42, 7, "run", "boom {0}", List.of(-5L, 1L << 40, 9L)), e);
        assertEquals("ValueError(0): boom -5", e.toString());
    }

    @Test
    void writeThenReadGivesTheSameException() {
        ArtiqException e = new ArtiqException(0, "ksupport/rtio.rs", 69, 17, "(Rust function)",
                "RTIO underflow at channel {rtio_channel_info:0}, {1} mu, slack {2} mu", List.of(3L, 1000L, -120L));
        int end = e.write(m.memory, AT, AT + 64);
        assertEquals(AT + 64 + e.stringBytes(), end);
        assertEquals(e, ArtiqException.read(m.memory, AT));
    }

    @Test
    void hostStringKeysAreShownAsKeys() {
        new ArtiqException(1, "f", 0, 0, "g", "m", List.of(0L, 0L, 0L)).write(m.memory, AT, AT + 64);
        m.memory.store32(AT + 28, 77);
        m.memory.store32(AT + 32, -1);  // usize::MAX: the pointer is a host string key
        assertEquals("<host string 77>", ArtiqException.read(m.memory, AT).message());
    }

    @Test
    void implausibleStringLengthIsAGuestFault() {
        new ArtiqException(1, "f", 0, 0, "g", "m", List.of(0L, 0L, 0L)).write(m.memory, AT, AT + 64);
        m.memory.store32(AT + 8, 0x1000_0000);
        assertThrows(GuestFault.class, () -> ArtiqException.read(m.memory, AT));
    }

    @Test
    void builtinIdsFollowTheEmbeddingMapOrder() {
        assertEquals("RTIOUnderflow", ExceptionNames.name(0));
        assertEquals("RTIOOverflow", ExceptionNames.name(1));
        assertEquals("ZeroDivisionError", ExceptionNames.name(19));
        assertEquals("CXPError", ExceptionNames.name(22));
        assertEquals(OptionalInt.of(15), ExceptionNames.id("RuntimeError"));
        assertEquals("artiq.coredevice.exceptions.RTIOUnderflow", ExceptionNames.qualifiedName(0));
        assertEquals("IndexError", ExceptionNames.qualifiedName(10));
        assertEquals("artiq.coredevice.exceptions.UnwrapNoneError", ExceptionNames.qualifiedName(21));
    }

    @Test
    void exceptionOfAnUnknownIdPrintsItsNumber() {
        assertEquals("exception id 99: bad 1", new ArtiqException(99, "f", 1, 1, "g", "bad {0}", List.of(1L, 0L, 0L)).toString());
    }

    @Test
    void unknownIdIsShownAsANumber() {
        assertEquals("1234", ExceptionNames.name(1234));
        assertEquals("1234", ExceptionNames.qualifiedName(1234));
        assertEquals(OptionalInt.empty(), ExceptionNames.id("MyError"));
    }

    @Test
    void underflowMessageGetsChannelInfoAndParameters() {
        assertEquals("RTIO underflow at channel 0x0003:ttl0, 1000 mu, slack -120 mu",
                ExceptionMessage.format("RTIO underflow at channel {rtio_channel_info:0}, {1} mu, slack {2} mu",
                        List.of(3L, 1000L, -120L), ch -> ch == 3 ? "ttl0" : "unknown"));
        assertEquals("RTIO input overflow on channel 0x0010:unknown",
                ExceptionMessage.format("RTIO input overflow on channel {rtio_channel_info:0}", List.of(16L, 0L, 0L)));
    }

    @Test
    void placeholdersFollowPythonFormat() {
        List<Long> p = List.of(10L, -255L, 7L);
        assertEquals("a 10 b -255 c 7", ExceptionMessage.format("a {} b {} c {}", p));
        assertEquals("7 10", ExceptionMessage.format("{2} {0}", p));
        assertEquals("{literal} 10", ExceptionMessage.format("{{literal}} {0}", p));
        assertEquals("-ff 0010 00a", ExceptionMessage.format("{1:x} {0:04d} {0:03x}", p));
        assertEquals("   10", ExceptionMessage.format("{0:5}", p));
    }

    @Test
    void messageThatPythonCannotFormatStaysUnchanged() {
        List<Long> p = List.of(1L, 2L, 3L);
        assertEquals("index {3}", ExceptionMessage.format("index {3}", p));
        assertEquals("named {x}", ExceptionMessage.format("named {x}", p));
        assertEquals("mixed {} {1}", ExceptionMessage.format("mixed {} {1}", p));
        assertEquals("brace } alone", ExceptionMessage.format("brace } alone", p));
        assertEquals("float {0:.2f}", ExceptionMessage.format("float {0:.2f}", p));
    }
}
