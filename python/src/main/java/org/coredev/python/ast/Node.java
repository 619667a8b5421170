package org.coredev.python.ast;

/**
 * Any AST node. Every node type is a record whose components are CPython's {@code ast} fields in
 * CPython's order (camelCase for snake_case), so {@link AstDumper} can print {@code ast.dump}'s
 * format by reflection; nodes with a source position end with a {@link Span} component.
 */
public interface Node {
}
