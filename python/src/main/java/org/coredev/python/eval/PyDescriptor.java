package org.coredev.python.eval;

/** The built-in decorators' results: staticmethod, classmethod and property. */
public sealed interface PyDescriptor {
    record StaticMethod(Object function) implements PyDescriptor { }
    record ClassMethod(Object function) implements PyDescriptor { }
    record Property(Object getter, Object setter) implements PyDescriptor { }
}
