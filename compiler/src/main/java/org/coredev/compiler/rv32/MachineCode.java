package org.coredev.compiler.rv32;

import java.util.List;

/** The .text of a program with the fixups the ELF writer resolves, and each function's place. */
public record MachineCode(byte[] text, List<Asm.Fixup> fixups, List<FunctionCode> functions) { }
