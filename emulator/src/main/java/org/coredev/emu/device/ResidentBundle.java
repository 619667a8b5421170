package org.coredev.emu.device;

import java.util.List;
import org.coredev.loader.Bundle;
import org.coredev.loader.BundleLayout;

/**
 * A bundle loaded into a core device for good ({@link CoreDevice#loadBundle}): its image, its
 * layout manifest, and the run of its {@code __modinit__}, which initialised the embedded host
 * values once. Code once loaded is never unloaded.
 */
public record ResidentBundle(Bundle image, BundleLayout layout, KernelRun load) {
    public String name() { return layout.name(); }

    /** The kernels the host may call, by kernel name ({@code Scan.pulse}). */
    public List<String> kernels() {
        return layout.entries().stream().map(BundleLayout.Entry::kernel).toList();
    }
}
