package org.coredev.emu.device;

/** A line of the core device's log, with the simulated time it was written at. */
public record LogLine(long timeMu, String text) {}
