package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LinkerTest {
    private static final int SIZE = 1 << 20;

    private final ByteArrayMemory memory = Fixtures.memory(SIZE);

    private LoadedImage loadKernel() {
        return Fixtures.linker(Target.RV32IMA, memory, SIZE).load("kernel-rv32ima.elf",
                Fixtures.bytes("kernel-rv32ima.elf"));
    }

    @Test
    void kernelIsPlacedAtThePayloadAddressWithItsSegmentBytes() {
        LoadedImage image = loadKernel();
        assertEquals(0x45060000, image.base());
        byte[] file = Fixtures.bytes("kernel-rv32ima.elf");
        for (ElfImage.Segment s : image.elf().segments()) {
            if (s.flags() == 5) { // R+X: .text, which has no relocations
                byte[] placed = memory.read(image.base() + s.vaddr(), s.fileSize());
                byte[] original = java.util.Arrays.copyOfRange(file, s.fileOffset(), s.fileOffset() + s.fileSize());
                assertArrayEquals(original, placed);
            }
        }
        ElfImage.Segment last = image.elf().segments().getLast();
        assertEquals(image.base() + last.vaddr() + last.memSize(), image.end());
    }

    @Test
    void bssIsZeroFilledOverOldMemoryContents() {
        byte[] garbage = new byte[SIZE];
        java.util.Arrays.fill(garbage, (byte) 0xa5);
        memory.write(Fixtures.PAYLOAD, garbage);
        LoadedImage image = loadKernel();
        int edges = image.symbol("edges_seen").orElseThrow();
        int last = image.symbol("last_timestamp").orElseThrow();
        assertEquals(0, Fixtures.word(memory, edges, false));
        assertArrayEquals(new byte[8], memory.read(last, 8));
    }

    @Test
    void entryPointsAreTheDynamicSymbolsAtTheBase() {
        LoadedImage image = loadKernel();
        Map<String, Integer> readelf = ReadelfCrossCheckTest.definedSymbols("kernel-rv32ima.elf");
        assertEquals(image.base() + readelf.get("__modinit__"), image.modinit());
        assertEquals(image.base() + readelf.get("rtio_demo"), image.entry("rtio_demo"));
        assertEquals(readelf.keySet(), image.exports().keySet());
    }

    @Test
    void missingEntryPointNamesFileAndSymbol() {
        LoaderException e = assertThrows(LoaderException.class, () -> loadKernel().entry("run"));
        assertEquals("kernel-rv32ima.elf: no exported symbol 'run'", e.getMessage());
    }

    @Test
    void symbolizeNamesTheNearestSymbolBelow() {
        LoadedImage image = loadKernel();
        int demo = image.entry("rtio_demo");
        assertEquals("rtio_demo+0x1c", image.symbolize(demo + 0x1c));
        assertEquals("rtio_demo", image.symbolize(demo));
        assertEquals("__modinit__+0x4", image.symbolize(image.modinit() + 4));
        assertEquals("0x45000000", image.symbolize(0x45000000));
    }

    @Test
    void ehFrameHdrIsReportedAtItsLoadedAddress() {
        LoadedImage image = loadKernel();
        LoadedImage.Region hdr = image.ehFrameHdr().orElseThrow();
        ElfImage.Region relative = image.elf().ehFrameHdr().orElseThrow();
        assertEquals(image.base() + relative.vaddr(), hdr.address());
        assertEquals(1, memory.read(hdr.address(), 1)[0]); // eh_frame_hdr version
        assertTrue(image.contains(image.ehFrame().orElseThrow()));
    }

    @Test
    void everyUnresolvedImportIsReportedAtOnceByName() {
        Map<String, Integer> partial = new HashMap<>(Fixtures.RUNTIME);
        partial.remove("rtio_output");
        partial.remove("__fixdfdi");
        partial.remove("now");
        Linker linker = new Linker(Target.RV32IMA, memory, SymbolResolver.of(partial), Fixtures.PAYLOAD,
                Fixtures.PAYLOAD + SIZE);
        LoaderException e = assertThrows(LoaderException.class,
                () -> linker.load("kernel-rv32ima.elf", Fixtures.bytes("kernel-rv32ima.elf")));
        assertEquals("kernel-rv32ima.elf: unresolved imports: 'now', 'rtio_output', '__fixdfdi'", e.getMessage());
    }

    @Test
    void failedLoadWritesNothing() {
        Fixtures.RecordingMemory recording = new Fixtures.RecordingMemory(memory);
        Linker linker = new Linker(Target.RV32IMA, recording, SymbolResolver.none(), Fixtures.PAYLOAD,
                Fixtures.PAYLOAD + SIZE);
        assertThrows(LoaderException.class, () -> linker.load("k.elf", Fixtures.bytes("kernel-rv32ima.elf")));
        assertEquals(List.of(), recording.writes);
    }

    @Test
    void loadWritesOnlyInsideTheImage() {
        Fixtures.RecordingMemory recording = new Fixtures.RecordingMemory(memory);
        LoadedImage image = Fixtures.linker(Target.RV32G, recording, SIZE)
                .load("kernel-rv32g.elf", Fixtures.bytes("kernel-rv32g.elf"));
        assertEquals(1, recording.writes.size());
        recording.assertWritesInside(image);
    }

    @Test
    void importsListTheirSlotsAndBoundAddresses() {
        LoadedImage image = loadKernel();
        LoadedImage.Import output = image.imports().stream()
                .filter(i -> i.name().equals("rtio_output")).findFirst().orElseThrow();
        assertEquals("R_RISCV_JUMP_SLOT", output.relocationType());
        assertEquals(Fixtures.RUNTIME.get("rtio_output"), output.address());
        assertEquals(output.address(), Fixtures.word(memory, output.slot(), false));
        assertFalse(image.imports().stream().anyMatch(i -> i.name().equals("rtio_demo")),
                "a symbol the image defines is not an import");
    }

    @Test
    void rebindRepointsEveryImportSlotOfTheName() {
        LoadedImage image = loadKernel();
        int recorder = 0x45002000;
        assertEquals(1, image.rebind("rtio_output", recorder));
        LoadedImage.Import output = image.imports().stream()
                .filter(i -> i.name().equals("rtio_output")).findFirst().orElseThrow();
        assertEquals(recorder, Fixtures.word(memory, output.slot(), false));
        assertEquals(recorder, output.address());
    }

    @Test
    void rebindOfANameTheImageDoesNotImportChangesNothing() {
        LoadedImage image = loadKernel();
        byte[] before = memory.read(image.base(), image.end() - image.base());
        assertEquals(0, image.rebind("rtio_output_wide", 0x45002000));
        assertArrayEquals(before, memory.read(image.base(), image.end() - image.base()));
    }

    @Test
    void imageOwnExportsWinOverTheRuntime() {
        Map<String, Integer> table = new HashMap<>(Fixtures.RUNTIME);
        table.put("rtio_demo", 0x45003000);
        Linker linker = new Linker(Target.RV32IMA, memory, SymbolResolver.of(table), Fixtures.PAYLOAD,
                Fixtures.PAYLOAD + SIZE);
        LoadedImage image = linker.load("k.elf", Fixtures.bytes("kernel-rv32ima.elf"));
        // The kernel calls its own rtio_demo through a PLT slot (R_RISCV_JUMP_SLOT rtio_demo).
        int slot = ReadelfCrossCheckTest.relocations("kernel-rv32ima.elf").stream()
                .filter(r -> "rtio_demo".equals(r.symbol())).findFirst().orElseThrow().offset();
        assertEquals(image.entry("rtio_demo"), Fixtures.word(memory, image.base() + slot, false));
    }

    @Test
    void bundleExportsBindTheImportsOfAKernelLoadedLater() {
        Linker linker = Fixtures.linker(Target.RV32IMA, memory, SIZE);
        Bundle bundle = linker.loadResident("bundle-rv32ima.elf", Fixtures.bytes("bundle-rv32ima.elf"));
        LoadedImage user = linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf"));
        assertEquals(0x45060000, bundle.image().base());
        assertEquals(0, user.base() % 0x1000);
        assertTrue(Integer.toUnsignedLong(user.base()) >= Integer.toUnsignedLong(bundle.image().end()));
        for (String name : List.of("bundle_pulse", "bundle_channel", "bundle_pulse_count", "bundle_channels")) {
            LoadedImage.Import slot = user.imports().stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("user imports " + name));
            assertEquals(bundle.symbol(name).orElseThrow(), slot.address(), name);
            assertEquals(slot.address(), Fixtures.word(memory, slot.slot(), false), name);
        }
        assertEquals(List.of(bundle), linker.bundles());
    }

    @Test
    void runtimeExportsAreAskedBeforeBundles() {
        Map<String, Integer> table = new HashMap<>(Fixtures.RUNTIME);
        table.put("bundle_channel", 0x45004000);
        Linker linker = new Linker(Target.RV32IMA, memory, SymbolResolver.of(table), Fixtures.PAYLOAD,
                Fixtures.PAYLOAD + SIZE);
        linker.loadResident("bundle-rv32ima.elf", Fixtures.bytes("bundle-rv32ima.elf"));
        LoadedImage user = linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf"));
        LoadedImage.Import slot = user.imports().stream().filter(i -> i.name().equals("bundle_channel"))
                .findFirst().orElseThrow();
        assertEquals(0x45004000, slot.address());
    }

    @Test
    void bundlesStayAndTransientKernelsReuseTheMemoryAfterThem() {
        Linker linker = Fixtures.linker(Target.RV32IMA, memory, SIZE);
        Bundle first = linker.loadResident("bundle-rv32ima.elf", Fixtures.bytes("bundle-rv32ima.elf"));
        Bundle second = linker.loadResident("bundle2.elf", Fixtures.bytes("kernel-rv32ima.elf"));
        LoadedImage a = linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf"));
        LoadedImage b = linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf"));
        assertTrue(Integer.toUnsignedLong(second.image().base()) >= Integer.toUnsignedLong(first.image().end()));
        assertEquals(a.base(), b.base());
        assertTrue(Integer.toUnsignedLong(a.base()) >= Integer.toUnsignedLong(second.image().end()));
        assertEquals(second.image().end(), linker.residentEnd());
        // The first bundle's code is untouched by the later loads.
        assertEquals(OptionalInt.of(first.image().base() + ReadelfCrossCheckTest
                .definedSymbols("bundle-rv32ima.elf").get("bundle_pulse")), first.symbol("bundle_pulse"));
    }

    @Test
    void imageThatDoesNotFitInMemoryIsRefused() {
        Linker linker = Fixtures.linker(Target.RV32IMA, memory, 0x3000);
        LoaderException e = assertThrows(LoaderException.class,
                () -> linker.load("k.elf", Fixtures.bytes("kernel-rv32ima.elf")));
        assertTrue(e.getMessage().startsWith("k.elf: segment "), e.getMessage());
        assertTrue(e.getMessage().contains("does not fit in memory (0x3000 bytes available)"), e.getMessage());
    }

    @Test
    void secondBundleThatNoLongerFitsIsRefusedAfterAlignment() {
        int bundleEnd = ElfImage.read("b", Fixtures.bytes("bundle-rv32ima.elf")).size();
        int userSize = ElfImage.read("u", Fixtures.bytes("user-rv32ima.elf")).size();
        // The user image would fit right after the bundle, but not after aligning to 0x1000.
        int size = bundleEnd + userSize + 4;
        assertTrue(((bundleEnd + 0xfff) & ~0xfff) + userSize > size);
        Linker linker = Fixtures.linker(Target.RV32IMA, memory, size);
        linker.loadResident("bundle-rv32ima.elf", Fixtures.bytes("bundle-rv32ima.elf"));
        LoaderException e = assertThrows(LoaderException.class,
                () -> linker.load("user-rv32ima.elf", Fixtures.bytes("user-rv32ima.elf")));
        assertTrue(e.getMessage().startsWith("user-rv32ima.elf: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not fit below the end of memory"), e.getMessage());
    }
}
