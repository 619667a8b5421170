package org.coredev.compiler;

import java.io.PrintStream;
import org.coredev.compiler.experiment.ExperimentHost;
import org.coredev.compiler.experiment.ExperimentInstance;

/**
 * An experiment compiled for a run: the kernel image and the host instance build() created,
 * which the kernel's RPCs and attribute writeback reach through {@link #host}.
 */
public record CompiledExperiment(byte[] image, ExperimentInstance instance) {
    /** The RPC host of this image: host methods run on {@link #instance}, print goes to {@code out}. */
    public ExperimentHost host(PrintStream out, PrintStream log) {
        return new ExperimentHost(instance, Compiler.rpcServices(image), out, log);
    }
}
