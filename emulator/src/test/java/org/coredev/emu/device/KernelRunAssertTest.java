package org.coredev.emu.device;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class KernelRunAssertTest {
    @Test
    void blinkPassesItsAssertions() throws Exception {
        KernelRun run = CoreDeviceTest.run(TestDeviceDb.device(), "blink");
        KernelRunAssert.assertThat(run).finished().hasNoRtioErrors()
                .channel("led0").hasEdges(8).pulseWidthsAre(250_000);
    }

    @Test
    void wrongExpectationFailsWithTheTrace() throws Exception {
        KernelRun run = CoreDeviceTest.run(TestDeviceDb.device(), "blink");
        AssertionError e = assertThrows(AssertionError.class,
                () -> KernelRunAssert.assertThat(run).channel("led0").pulseWidthsAre(100));
        assertTrue(e.getMessage().contains("expected all 100 mu"), e.getMessage());
        assertTrue(e.getMessage().contains("--- trace ---"), e.getMessage());
    }

    @Test
    void underflowIsAnUncaughtException() throws Exception {
        KernelRun run = CoreDeviceTest.run(TestDeviceDb.device(), "underflow");
        KernelRunAssert.assertThat(run).raised("RTIOUnderflow");
        assertThrows(AssertionError.class, () -> KernelRunAssert.assertThat(run).finished());
    }
}
