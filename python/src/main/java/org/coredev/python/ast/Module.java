package org.coredev.python.ast;

import java.util.List;

/** A parsed file. {@code typeIgnores} is always empty (type comments are not parsed). */
public record Module(List<Stmt> body, List<TypeIgnore> typeIgnores) implements Node { }
