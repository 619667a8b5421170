package org.coredev.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coredev.compiler.Target;
import org.coredev.compiler.types.TypeInference;
import org.coredev.python.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * The copy of a list of lists an RPC sends takes stack only until the call returns (as ARTIQ's
 * llvm.stacksave/stackrestore around an RPC): a print in a loop does not grow the stack.
 */
class BoardListCopyTest {
    private static List<Insn> mainInsns(String source) {
        var typed = TypeInference.infer("t.py", Parser.parse("t.py", source));
        IrModule ir = Lowering.lower("t.py", Target.RV32G, typed);
        Function main = ir.functions.stream().filter(f -> f.exported).findFirst().orElseThrow();
        return main.blocks.stream().flatMap(b -> b.insns.stream()).toList();
    }

    @Test
    void theStackIsGivenBackAfterTheRpcThatSentTheCopy() {
        List<Insn> insns = mainInsns("for k in range(3):\n    print([[k], [k, k]], [(k, True)])\n");
        List<Insn.SaveStack> saves = insns.stream().filter(i -> i instanceof Insn.SaveStack).map(i -> (Insn.SaveStack) i).toList();
        List<Insn.RestoreStack> restores = insns.stream().filter(i -> i instanceof Insn.RestoreStack).map(i -> (Insn.RestoreStack) i).toList();
        assertEquals(1, saves.size(), "one save for the print's two copies");
        assertEquals(1, restores.size());
        assertEquals(saves.getFirst().dst(), restores.getFirst().saved());
        int save = insns.indexOf(saves.getFirst()), restore = insns.indexOf(restores.getFirst());
        int send = -1;
        for (int k = 0; k < insns.size(); k++)
            if (insns.get(k) instanceof Insn.Call c && c.callee().equals("rpc_send_async")) send = k;
        assertTrue(save < send && send < restore, "save at " + save + ", send at " + send + ", restore at " + restore);
        // Both copies (the list of lists and the list of tuples) are allocated between them.
        long allocas = insns.subList(save, restore).stream().filter(i -> i instanceof Insn.Alloca).count();
        assertEquals(2, allocas);
    }

    @Test
    void aListOfNumbersIsSentInPlaceWithoutACopy() {
        List<Insn> insns = mainInsns("for k in range(3):\n    print([k, k + 1], [[1.5]][0])\n");
        assertTrue(insns.stream().noneMatch(i -> i instanceof Insn.SaveStack || i instanceof Insn.RestoreStack));
    }
}
