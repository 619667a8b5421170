package org.coredev.python.eval;

/** The result of {@code super()}: attribute lookup starts after {@code cls} in {@code self}'s MRO. */
public record PySuper(PyClass cls, Object self) { }
