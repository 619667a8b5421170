package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated and corrupted images: whatever the bytes, loading ends in success or a
 * {@link LoaderException}, writes nothing on failure and only inside the image on success.
 * The variants are seeded, so a failure names a variant that reproduces.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a speed assertion
class HostileInputTest {
    private static final int SIZE = 1 << 20;
    private static final int FLIP_VARIANTS = 5000;
    private static final int[] EXTREMES = {0, -1, 0x7fffffff, 0x80000000, 0x10000, 0xfffffff0};

    record Sample(String name, Target target, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> samples() {
        ElfBuilder riscv = ElfBuilder.riscv();
        int output = riscv.undefined("rtio_output");
        int now = riscv.undefined("now");
        int label = riscv.defined(".Lpcrel_hi0", ElfBuilder.DATA + 8);
        riscv.word(0, 0x97).word(1, 0x80e7).word(2, 0x517).word(3, 0x52503).word(4, 0).bss(64).ehFrameHdr();
        riscv.plt(ElfBuilder.DATA, 19, output, 0).rela(ElfBuilder.DATA + 8, 20, now, 0)
                .rela(ElfBuilder.DATA + 12, 24, label, 0).rela(ElfBuilder.DATA + 16, 3, 0, 4);
        ElfBuilder or1k = ElfBuilder.or1k();
        int out = or1k.undefined("rtio_output");
        or1k.word(0, 0).word(1, 0).word(2, 0).ehFrameHdr();
        or1k.rela(ElfBuilder.DATA, 1, out, 0).rela(ElfBuilder.DATA + 4, 21, 0, 8).plt(ElfBuilder.DATA + 8, 20, out, 0);
        return List.of(
                new Sample("kernel-rv32ima.elf", Target.RV32IMA, Fixtures.bytes("kernel-rv32ima.elf")),
                new Sample("kernel-rv32g.elf", Target.RV32G, Fixtures.bytes("kernel-rv32g.elf")),
                new Sample("bundle-rv32ima.elf", Target.RV32IMA, Fixtures.bytes("bundle-rv32ima.elf")),
                new Sample("user-rv32ima.elf", Target.RV32IMA, Fixtures.bytes("user-rv32ima.elf")),
                new Sample("built-riscv.elf", Target.RV32IMA, riscv.build()),
                new Sample("built-or1k.elf", Target.OR1K, or1k.build()));
    }

    /** Counts of outcomes, so a test can show that its variants reach both. */
    private static final class Outcomes {
        int loaded;
        int refused;
    }

    /** Loads one variant and checks the promises; {@code variant} names it in a failure. */
    private static void loadChecked(Sample sample, byte[] bytes, boolean permissive, String variant,
                                    ByteArrayMemory memory, Outcomes outcomes) {
        Fixtures.RecordingMemory recording = new Fixtures.RecordingMemory(memory);
        // A permissive runtime resolves any name, so corrupted names still reach the relocation code.
        SymbolResolver runtime = permissive
                ? name -> OptionalInt.of(0x45001000 + 4 * name.length())
                : SymbolResolver.of(Fixtures.RUNTIME);
        Linker linker = new Linker(sample.target(), recording, runtime, Fixtures.PAYLOAD, Fixtures.PAYLOAD + SIZE);
        LoadedImage image;
        try {
            image = linker.load(sample.name(), bytes);
        } catch (LoaderException e) {
            if (!recording.writes.isEmpty()) {
                fail("%s: refused (%s) but wrote %s".formatted(variant, e.getMessage(), recording.writes));
            }
            if (!e.getMessage().startsWith(sample.name() + ": ")) {
                fail("%s: message does not name the file: %s".formatted(variant, e.getMessage()));
            }
            outcomes.refused++;
            return;
        } catch (Throwable t) {
            throw new AssertionError(variant + ": " + t, t);
        }
        try {
            assertTrue(image.base() == Fixtures.PAYLOAD, variant);
            image.rebind("rtio_output", 0x45002000);
            image.symbolize(image.base() + 0x1010);
            image.imports();
            image.ehFrame();
            recording.assertWritesInside(image);
        } catch (LoaderException e) {
            fail(variant + ": LoaderException after a successful load: " + e.getMessage());
        }
        outcomes.loaded++;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void truncationAtEveryOffsetIsRefusedOrLoadedCleanly(Sample sample) {
        ByteArrayMemory memory = Fixtures.memory(SIZE);
        Outcomes outcomes = new Outcomes();
        for (int length = 0; length < sample.bytes().length; length++) {
            loadChecked(sample, Arrays.copyOf(sample.bytes(), length), false,
                    "%s truncated to %d bytes".formatted(sample.name(), length), memory, outcomes);
        }
        assertTrue(outcomes.refused > 0);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void randomByteFlipsAreRefusedOrLoadedCleanly(Sample sample) {
        ByteArrayMemory memory = Fixtures.memory(SIZE);
        Outcomes outcomes = new Outcomes();
        byte[] original = sample.bytes();
        for (int v = 0; v < FLIP_VARIANTS; v++) {
            long seed = 0x10ade5L * 1000 + v;
            Random random = new Random(seed);
            byte[] bytes = original.clone();
            // Half the variants aim at the first 4 KiB, where the headers and dynamic tables are.
            int span = random.nextBoolean() ? Math.min(original.length, 0x1000) : original.length;
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                if (random.nextInt(3) == 0) {
                    // An extreme 32-bit value over an aligned word: sizes, offsets, counts gone wild.
                    int at = random.nextInt(span) & ~3;
                    if (at + 4 <= bytes.length) {
                        Bytes.put32(bytes, at, EXTREMES[random.nextInt(EXTREMES.length)], sample.target().bigEndian());
                    }
                } else {
                    bytes[random.nextInt(span)] ^= (byte) (1 + random.nextInt(255));
                }
            }
            loadChecked(sample, bytes, random.nextBoolean(), "%s flip variant seed %d".formatted(sample.name(), seed),
                    memory, outcomes);
        }
        assertTrue(outcomes.refused > 0 && outcomes.loaded > 0,
                "variants reach both outcomes: %d loaded, %d refused".formatted(outcomes.loaded, outcomes.refused));
    }
}
