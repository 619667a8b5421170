package org.coredev.emu.device;

import java.util.List;

/** How a kernel run ended. */
public sealed interface KernelOutcome {
    /** The process exit status `coredev run` uses for this outcome. */
    int exitStatus();

    /** One line for the user. */
    String describe();

    /** {@code __modinit__} returned. */
    record Finished() implements KernelOutcome {
        public int exitStatus() { return 0; }
        public String describe() { return "kernel finished"; }
    }

    /**
     * An exception nobody caught.
     *
     * @param report the unwinder's full account (the chain of exceptions in flight and the frames
     *               with their stack pointers), for hosts that show ARTIQ's traceback; may be null
     */
    record Uncaught(String name, String message, List<String> backtrace,
                    org.coredev.emu.runtime.eh.ExceptionRuntime.Uncaught report) implements KernelOutcome {
        public Uncaught(String name, String message, List<String> backtrace) { this(name, message, backtrace, null); }

        public int exitStatus() { return 1; }
        public String describe() {
            StringBuilder b = new StringBuilder("uncaught exception ").append(name).append(": ").append(message);
            // Where the kernel raised it, from the exception object (the compiler's source position).
            var raised = report == null ? null : report.exception();
            if (raised != null && raised.file() != null && !raised.file().isEmpty() && raised.line() > 0)
                b.append("\n  raised at ").append(raised.file()).append(':').append(raised.line()).append(':').append(raised.column())
                        .append(raised.function() == null || raised.function().isEmpty() ? "" : " in " + raised.function() + "()");
            for (String frame : backtrace) b.append("\n  at ").append(frame);
            return b.toString();
        }
    }

    /** A guest fault: wild pointer, misaligned access, illegal instruction, stack overflow, bad runtime call. */
    record Fault(String what, int pc, String where) implements KernelOutcome {
        public int exitStatus() { return 3; }
        public String describe() { return "fault: %s at pc %s".formatted(what, where); }
    }

    /** The host side could not serve the kernel (e.g. a synchronous RPC nobody answers). */
    record HostError(String message) implements KernelOutcome {
        public int exitStatus() { return 1; }
        public String describe() { return "kernel ended: " + message; }
    }

    /** The cycle or wall-time budget ran out. */
    record BudgetExhausted(String budget, long cycles, int pc, String where) implements KernelOutcome {
        public int exitStatus() { return 124; }
        public String describe() {
            return "stopped: %s budget exhausted after %d cycles, at pc %s".formatted(budget, cycles, where);
        }
    }
}
