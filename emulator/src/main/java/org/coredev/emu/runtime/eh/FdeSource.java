package org.coredev.emu.runtime.eh;

import java.util.Optional;

/** Finds the FDE describing a code address (over one or several loaded images). */
@FunctionalInterface
public interface FdeSource {
    Optional<EhFrame.Fde> find(int pc);
}
