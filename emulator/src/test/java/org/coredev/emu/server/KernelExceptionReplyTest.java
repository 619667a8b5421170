package org.coredev.emu.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.coredev.emu.device.KernelOutcome;
import org.coredev.emu.runtime.eh.ArtiqException;
import org.coredev.emu.runtime.eh.ExceptionRaiser;
import org.coredev.emu.runtime.eh.Unwinder;
import org.junit.jupiter.api.Test;

/** KernelException bodies, read back with the _serve_exception reader of the test host. */
class KernelExceptionReplyTest {
    private static CommKernelClient.KernelException roundTrip(KernelExceptionReply reply, int asyncErrors) throws IOException {
        WireOut out = new WireOut();
        reply.writeTo(out, asyncErrors);
        CommKernelClient host = new CommKernelClient(new ByteArrayInputStream(out.toByteArray()), new ByteArrayOutputStream());
        CommKernelClient.KernelException e = host.readKernelExceptionBody();
        assertEquals(-1, host.rawInput().read(), "nothing left over");
        return e;
    }

    @Test
    void theUnwindersReportGoesOutWithEveryFieldTheBoardSends() throws IOException {
        ArtiqException underflow = new ArtiqException(0, "ksupport", 0, 0, "(Rust function)",
                "RTIO underflow at channel {rtio_channel_info:0}, {1} mu, slack {2} mu", List.of(4L, 1000L, -8L));
        ArtiqException fromHost = new ArtiqException(18, "<host string 5>", 12, -1, "<host string 6>", "<host string 4>", List.of(0L, 0L, 0L));
        ExceptionRaiser.Uncaught u = new ExceptionRaiser.Uncaught(
                List.of(new ExceptionRaiser.InFlight(fromHost, 0x5fff_ffe0, 0, 1), new ExceptionRaiser.InFlight(underflow, 0x5fff_fff0, 1, 3)),
                List.of(new Unwinder.Frame(0x4506_1000, 0x5fff_ffe0), new Unwinder.Frame(0x4506_1100, 0x5fff_ffe8), new Unwinder.Frame(0x4506_1200, 0x5fff_fff0)));
        CommKernelClient.KernelException e = roundTrip(KernelExceptionReply.of(u, 0x4506_0000, ch -> ch == 4 ? "ttl4" : "unknown"), 5);

        CommKernelClient.Exn host = e.exceptions().get(0);
        assertEquals(18, host.nameId());
        assertEquals(4, host.message().hostKey());
        assertEquals(5, host.file().hostKey());
        assertEquals(6, host.function().hostKey());
        assertEquals(12, host.line());
        assertEquals(-1, host.column());

        CommKernelClient.Exn rtio = e.exceptions().get(1);
        assertEquals(0, rtio.nameId());
        assertEquals("RTIO underflow at channel 0x0004:ttl4, {1} mu, slack {2} mu", rtio.message().text(), "the board fills in the channel only");
        assertEquals("RTIO underflow at channel 0x0004:ttl4, 1000 mu, slack -8 mu", CommKernelClient.pythonFormat(rtio.message().text(), rtio.params()));
        assertEquals("ksupport", rtio.file().text());
        assertNull(rtio.file().hostKey());

        assertArrayEquals(new int[] {0x5fff_ffe0, 0, 1}, e.exceptionInfo().get(0));
        assertArrayEquals(new int[] {0x5fff_fff0, 1, 3}, e.exceptionInfo().get(1));
        assertEquals(List.of(0x1000, 0x1100, 0x1200), e.backtrace());
        assertEquals(List.of(0x5fff_ffe0, 0x5fff_ffe8, 0x5fff_fff0), e.stackPointers());
        assertEquals(5, e.asyncErrors());
    }

    @Test
    void anOutcomeWithoutTheReportKeepsNameMessageAndReturnAddresses() throws IOException {
        KernelOutcome.Uncaught u = new KernelOutcome.Uncaught("ZeroDivisionError", "division by zero",
                List.of("0x450613d4 <check_frequency+0x5c>", "0x45061470 <__modinit__+0x9c>"));
        CommKernelClient.KernelException e = roundTrip(KernelExceptionReply.of(u, 0x4506_0000), 0);
        assertEquals(19, e.exceptions().getFirst().nameId());
        assertEquals("division by zero", e.exceptions().getFirst().message().text());
        assertEquals(List.of(0x13d4, 0x1470), e.backtrace());
    }

    @Test
    void aFaultIsReportedAsARuntimeError() throws IOException {
        CommKernelClient.KernelException e = roundTrip(KernelExceptionReply.runtimeError("fault: load access fault at pc 0x45060010"), 0);
        assertEquals(15, e.exceptions().getFirst().nameId());
        assertEquals("fault: load access fault at pc 0x45060010", e.exceptions().getFirst().message().text());
        assertEquals(List.of(), e.backtrace());
    }
}
