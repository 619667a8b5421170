package org.coredev.compiler.rv32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.coredev.compiler.Target;
import org.coredev.compiler.backend.FunctionCode;
import org.coredev.compiler.backend.LinearScan;
import org.coredev.compiler.backend.MachineCode;
import org.coredev.compiler.ir.Block;
import org.coredev.compiler.ir.Function;
import org.coredev.compiler.ir.Insn;
import org.coredev.compiler.ir.IrModule;
import org.coredev.compiler.ir.Lowering;
import org.coredev.compiler.ir.VReg;
import org.coredev.compiler.types.TypeInference;
import org.coredev.python.parser.Parser;
import org.junit.jupiter.api.Test;

/** The register allocator keeps values in registers when it can and spills only what does not fit. */
class LinearScanTest {
    /** n constants all alive at once (summed at the end). */
    private static Function manyLiveValues(int n, VReg.Kind kind) {
        Function f = new Function("f", true);
        Block b = f.newBlock();
        List<VReg> values = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            VReg w = f.newReg(VReg.Kind.W);
            b.insns.add(new Insn.Const(w, k));
            if (kind == VReg.Kind.D) {
                VReg d = f.newReg(VReg.Kind.D);
                b.insns.add(new Insn.Convert(Insn.Conv.W_TO_D, d, w));
                values.add(d);
            } else values.add(w);
        }
        VReg sum = values.getFirst();
        for (VReg v : values.subList(1, values.size())) {
            VReg s = f.newReg(kind);
            b.insns.add(kind == VReg.Kind.W ? new Insn.Bin(Insn.Op.ADD, s, sum, v) : new Insn.FBin(Insn.FOp.FADD, s, sum, v));
            sum = s;
        }
        b.insns.add(new Insn.Return(List.of(sum)));
        return f;
    }

    @Test
    void sixteenLiveWordsFitInRegisters() {
        LinearScan.Allocation a = LinearScan.allocate(manyLiveValues(16, VReg.Kind.W), CodeGen.REGISTERS);
        assertEquals(0, a.spillCount());
    }

    @Test
    void fortyLiveWordsSpillOnlyTheOverflow() {
        LinearScan.Allocation a = LinearScan.allocate(manyLiveValues(40, VReg.Kind.W), CodeGen.REGISTERS);
        // 16 allocatable word registers (s0-s11, t3-t6): at most 40 - 16 + 1 values need a slot.
        assertTrue(a.spillCount() > 0 && a.spillCount() <= 40 - 16 + 1, "spills: " + a.spillCount());
    }

    @Test
    void thirtyLiveDoublesSpillOnlyTheOverflow() {
        LinearScan.Allocation a = LinearScan.allocate(manyLiveValues(30, VReg.Kind.D), CodeGen.REGISTERS);
        assertTrue(a.spillCount() > 0 && a.spillCount() <= 30 - 22 + 1, "spills: " + a.spillCount());
    }

    private static MachineCode compile(String source) {
        var typed = TypeInference.infer("t.py", Parser.parse("t.py", source));
        IrModule ir = Lowering.lower("t.py", Target.RV32G, typed);
        return CodeGen.generate(ir, Target.RV32G, "t.py");
    }

    private static FunctionCode function(MachineCode code, String name) {
        return code.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void leafFunctionUsesTemporariesAndSavesOnlyTheReturnAddress() {
        MachineCode code = compile("def add(a, b):\n    return a * b + a\nprint(add(2, 3))\n");
        FunctionCode add = function(code, "add");
        assertEquals(List.of(new FunctionCode.Saved(1, -16)), add.saved());
        assertEquals(16, add.frameSize());
    }

    @Test
    void valueLiveAcrossACallIsInACalleeSavedRegisterDescribedByCfi() {
        MachineCode code = compile("def g(x):\n    return x + 1\ndef f(a):\n    b = g(a)\n    return a + b\nprint(f(1))\n");
        FunctionCode f = function(code, "f");
        // `a` survives the call to g: one s-register is saved besides ra, and the CFI says where.
        assertEquals(2, f.saved().size(), f.saved().toString());
        int reg = f.saved().get(1).dwarfRegister();
        assertTrue(reg == 8 || reg == 9 || (reg >= 18 && reg <= 27), "callee-saved: x" + reg);
    }
}
