package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every word the linker patches, checked against what binutils' readelf says the relocation is. */
class ReadelfCrossCheckTest {
    record Rela(int offset, String type, String symbol, int addend) {
    }

    // "00003668  00000003 R_RISCV_RELATIVE                  365c"
    // "0000264c  00000201 R_RISCV_32             00000000   now + 0"
    private static final Pattern RELA = Pattern.compile(
            "^([0-9a-f]{8})\\s+[0-9a-f]{8}\\s+(R_\\w+)\\s+(?:[0-9a-f]{8}\\s+(\\S+) \\+ ([0-9a-f]+)|([0-9a-f]+))\\s*$");
    // "     8: 000014dc   752 FUNC    GLOBAL DEFAULT   10 rtio_demo"
    private static final Pattern SYM = Pattern.compile(
            "^\\s*\\d+: ([0-9a-f]{8})\\s+\\d+\\s+\\w+\\s+\\w+\\s+\\w+\\s+(\\d+|ABS)\\s+(\\S+)\\s*$");

    static List<Rela> relocations(String file) {
        ExternalTools.Result r = ExternalTools.run("binutils", Fixtures.DIR, "readelf", "-r", "--wide", file);
        assertEquals(0, r.exitCode(), r.output());
        List<Rela> out = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            Matcher m = RELA.matcher(line);
            if (m.matches()) {
                int offset = Integer.parseUnsignedInt(m.group(1), 16);
                if (m.group(3) != null) {
                    out.add(new Rela(offset, m.group(2), m.group(3), Integer.parseUnsignedInt(m.group(4), 16)));
                } else {
                    out.add(new Rela(offset, m.group(2), null, Integer.parseUnsignedInt(m.group(5), 16)));
                }
            }
        }
        int announced = 0;
        for (Matcher m = Pattern.compile("contains (\\d+) entr").matcher(r.output()); m.find(); ) {
            announced += Integer.parseInt(m.group(1));
        }
        assertEquals(announced, out.size(), "every relocation line parsed:\n" + r.output());
        return out;
    }

    /** Defined dynamic symbols: name -> image-relative value. */
    static Map<String, Integer> definedSymbols(String file) {
        ExternalTools.Result r = ExternalTools.run("binutils", Fixtures.DIR, "readelf", "--dyn-syms", "--wide", file);
        assertEquals(0, r.exitCode(), r.output());
        Map<String, Integer> out = new HashMap<>();
        for (String line : r.output().split("\n")) {
            Matcher m = SYM.matcher(line);
            if (m.matches()) {
                out.put(m.group(3), Integer.parseUnsignedInt(m.group(1), 16));
            }
        }
        return out;
    }

    /** The board's value for a readelf relocation: base + addend, or the symbol (libdyld ignores its addend). */
    private static int expected(Rela r, int base, Map<String, Integer> own, Map<String, Integer> others) {
        return switch (r.type()) {
            case "R_RISCV_RELATIVE" -> base + r.addend();
            case "R_RISCV_32", "R_RISCV_JUMP_SLOT" -> {
                if (own.containsKey(r.symbol())) {
                    yield base + own.get(r.symbol());
                }
                assertTrue(others.containsKey(r.symbol()), "test knows " + r.symbol());
                yield others.get(r.symbol());
            }
            default -> throw new AssertionError("fixture has unexpected relocation " + r);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel-rv32ima.elf", "kernel-rv32g.elf", "bundle-rv32ima.elf"})
    void everyPatchedWordMatchesReadelf(String file) {
        Target target = file.contains("rv32g") ? Target.RV32G : Target.RV32IMA;
        ByteArrayMemory memory = Fixtures.memory(1 << 20);
        LoadedImage image = Fixtures.linker(target, memory, 1 << 20).load(file, Fixtures.bytes(file));
        Map<String, Integer> own = definedSymbols(file);
        List<Rela> relas = relocations(file);
        assertTrue(relas.size() >= 5, "fixture has relocations");
        for (Rela r : relas) {
            int want = expected(r, image.base(), own, Fixtures.RUNTIME);
            assertEquals(want, Fixtures.word(memory, image.base() + r.offset(), false),
                    "%s: %s at 0x%x".formatted(file, r.type(), r.offset()));
        }
    }

    // "    1800: 17 2e 00 00  \tauipc\tt3, 2" and "    1804: 03 2e 8e 10  \tlw\tt3, 264(t3)"
    private static final Pattern AUIPC = Pattern.compile("^\\s*([0-9a-f]+):.*\\tauipc\\tt3, (-?\\d+)\\s*$");
    private static final Pattern LW = Pattern.compile("^\\s*[0-9a-f]+:.*\\tlw\\tt3, (-?\\d+)\\(t3\\)\\s*$");

    @Test
    void eachPltStubLoadsTheSlotThatWasBoundForItsFunction() {
        String file = "kernel-rv32ima.elf";
        ExternalTools.Result dis = ExternalTools.run("llvm", Fixtures.DIR, "llvm-objdump", "-d", "--section=.plt", file);
        assertEquals(0, dis.exitCode(), dis.output());
        List<Integer> stubSlots = new ArrayList<>();
        String[] lines = dis.output().split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher auipc = AUIPC.matcher(lines[i]);
            Matcher lw = LW.matcher(lines[i + 1]);
            if (auipc.matches() && lw.matches()) {
                int pc = Integer.parseUnsignedInt(auipc.group(1), 16);
                stubSlots.add(pc + (Integer.parseInt(auipc.group(2)) << 12) + Integer.parseInt(lw.group(1)));
            }
        }
        List<Rela> jumpSlots = relocations(file).stream().filter(r -> r.type().equals("R_RISCV_JUMP_SLOT")).toList();
        assertEquals(jumpSlots.stream().map(Rela::offset).toList(), stubSlots,
                "stub i of .plt loads the slot of .rela.plt entry i");

        ByteArrayMemory memory = Fixtures.memory(1 << 20);
        LoadedImage image = Fixtures.linker(Target.RV32IMA, memory, 1 << 20).load(file, Fixtures.bytes(file));
        for (Rela r : jumpSlots) {
            int callee = Fixtures.word(memory, image.base() + r.offset(), false);
            int want = Fixtures.RUNTIME.containsKey(r.symbol()) ? Fixtures.RUNTIME.get(r.symbol()) : image.entry(r.symbol());
            assertEquals(want, callee, r.symbol() + "@plt jumps to its binding");
        }
    }

    @Test
    void kernelImportsBindToTheResidentBundleAsReadelfDescribes() {
        ByteArrayMemory memory = Fixtures.memory(1 << 20);
        Linker linker = Fixtures.linker(Target.RV32IMA, memory, 1 << 20);
        Bundle bundle = linker.loadResident("bundle-rv32ima.elf", Fixtures.bytes("bundle-rv32ima.elf"));
        LoadedImage user = linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf"));
        Map<String, Integer> others = new HashMap<>(Fixtures.RUNTIME);
        definedSymbols("bundle-rv32ima.elf").forEach((name, value) -> others.putIfAbsent(name, bundle.image().base() + value));
        Map<String, Integer> own = definedSymbols("user-rv32ima.elf");
        for (Rela r : relocations("user-rv32ima.elf")) {
            assertEquals(expected(r, user.base(), own, others), Fixtures.word(memory, user.base() + r.offset(), false),
                    "user-rv32ima.elf: %s %s at 0x%x".formatted(r.type(), r.symbol(), r.offset()));
        }
    }
}
