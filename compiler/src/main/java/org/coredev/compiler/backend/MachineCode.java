package org.coredev.compiler.backend;

import java.util.List;

/** The .text of a program with the fixups the ELF writer resolves, and each function's place. */
public record MachineCode(byte[] text, List<Fixup> fixups, List<FunctionCode> functions) { }
