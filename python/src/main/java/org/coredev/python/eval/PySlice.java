package org.coredev.python.eval;

/** A slice object {@code start:stop:step}; absent parts are {@link PyNone#NONE}. */
public record PySlice(Object start, Object stop, Object step) { }
