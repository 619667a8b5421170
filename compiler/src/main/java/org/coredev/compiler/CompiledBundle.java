package org.coredev.compiler;

import java.io.PrintStream;
import org.coredev.compiler.experiment.ExperimentHost;
import org.coredev.compiler.experiment.ExperimentInstance;
import org.coredev.loader.BundleLayout;

/**
 * A bundle compiled once: its image (to load with CoreDevice.loadBundle and keep resident), its
 * layout manifest, and the host instance build() created, which the bundle's RPCs and attribute
 * writeback reach through {@link #host}.
 */
public record CompiledBundle(String name, byte[] image, BundleLayout layout, ExperimentInstance instance) {
    /** The RPC host of this bundle: host methods run on {@link #instance}, print goes to {@code out}. */
    public ExperimentHost host(PrintStream out, PrintStream log) {
        return new ExperimentHost(instance, Compiler.rpcServices(image), out, log);
    }
}
