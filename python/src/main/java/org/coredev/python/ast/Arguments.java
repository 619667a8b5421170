package org.coredev.python.ast;

import java.util.List;

/** Parameters of a def or lambda; {@code kwDefaults} holds null where a keyword-only parameter has no default. */
public record Arguments(List<Arg> posonlyargs, List<Arg> args, Arg vararg, List<Arg> kwonlyargs, List<Expr> kwDefaults, Arg kwarg, List<Expr> defaults) implements Node { }
