package org.coredev.emu.exec;

import org.coredev.emu.cpu.TrapCause;

/** How a bare-metal program ended. */
public sealed interface ExecOutcome {
    /** The process exit status `coredev exec` returns for this outcome. */
    int exitStatus();

    /** One line for the user, or "" when the program's own output says it all. */
    String message();

    /** The program stored 1 to {@code tohost}: the conformance-suite pass. */
    record Passed() implements ExecOutcome {
        public int exitStatus() { return 0; }
        public String message() { return "PASS"; }
    }

    /** The program stored an odd value to {@code tohost}: test {@code testNumber} failed. */
    record Failed(int testNumber) implements ExecOutcome {
        public int exitStatus() { return 1; }
        public String message() { return "FAIL test " + testNumber; }
    }

    /** The program called Linux {@code exit}. */
    record Exited(int status) implements ExecOutcome {
        public int exitStatus() { return status & 0xff; }
        public String message() { return ""; }
    }

    /** An exception with no handler. */
    record Fault(TrapCause cause, int pc, int tval, String where) implements ExecOutcome {
        public int exitStatus() { return 3; }
        public String message() {
            String what = switch (cause) {
                case ILLEGAL_INSTRUCTION -> "instruction word 0x%08x".formatted(tval);
                case ECALL_FROM_M, BREAKPOINT -> "";
                default -> "address 0x%08x".formatted(tval);
            };
            return "fault: %s at pc %s%s".formatted(cause.description(), where, what.isEmpty() ? "" : ", " + what);
        }
    }

    /** The cycle budget ran out. */
    record Timeout(long cycles, String where) implements ExecOutcome {
        public int exitStatus() { return 124; }
        public String message() { return "stopped after %d cycles (--max-cycles) at pc %s".formatted(cycles, where); }
    }
}
