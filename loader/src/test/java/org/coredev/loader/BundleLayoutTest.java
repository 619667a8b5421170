package org.coredev.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BundleLayoutTest {
    private static final BundleLayout LAYOUT = new BundleLayout("scan",
            List.of(new BundleLayout.Entry("entry.Scan.go", "Scan.go", ValueType.Scalar.INT32,
                    List.of(ValueType.Scalar.INT32, new ValueType.ListOf(ValueType.Scalar.FLOAT)))),
            List.of(new BundleLayout.Attribute("self.total", ValueType.Scalar.INT64, 0x2010, true),
                    new BundleLayout.Attribute("self.pair", new ValueType.TupleOf(List.of(ValueType.Scalar.INT32, ValueType.Scalar.STR)),
                            0x2018, false)),
            List.of(new BundleLayout.Kernel("Scan.go", ValueType.Scalar.INT32, List.of(ValueType.Scalar.INT32,
                    new ValueType.ListOf(ValueType.Scalar.FLOAT))), new BundleLayout.Kernel("Scan.idle", ValueType.Scalar.NONE, List.of())),
            List.of(new BundleLayout.HostObject("ttl0", "TTLOut"), new BundleLayout.HostObject("core", "Core")));

    @Test
    void formatAndParseRoundTrip() {
        String text = LAYOUT.format();
        assertTrue(text.startsWith("coredev-layout 1\nbundle\tscan\n"), text);
        assertTrue(text.contains("kernel\tScan.idle\tNone\t\n"), text);
        assertTrue(text.contains("object\tttl0\tTTLOut\n"), text);
        assertEquals(LAYOUT, BundleLayout.parse(text, "scan.elf"));
        assertEquals(0x2018, LAYOUT.attribute("self.pair").orElseThrow().offset());
        assertEquals("Scan.go", LAYOUT.entry("go").orElseThrow().kernel());
        assertEquals(List.of(), LAYOUT.kernel("Scan.idle").orElseThrow().params());
        assertEquals("Core", LAYOUT.object("core").orElseThrow().className());
        assertTrue(LAYOUT.object("ttl1").isEmpty());
    }

    @Test
    void badManifestsNameTheImageAndLine() {
        LoaderException magic = assertThrows(LoaderException.class, () -> BundleLayout.parse("something else\n", "b.elf"));
        assertEquals("b.elf: .coredev.layout is not a coredev layout manifest", magic.getMessage());
        LoaderException item = assertThrows(LoaderException.class,
                () -> BundleLayout.parse("coredev-layout 1\nbundle\tb\nwidget\tx\n", "b.elf"));
        assertEquals("b.elf: .coredev.layout line 3: unknown item 'widget'", item.getMessage());
        LoaderException type = assertThrows(LoaderException.class,
                () -> BundleLayout.parse("coredev-layout 1\nbundle\tb\nkernel\tK\tint99\t\n", "b.elf"));
        assertTrue(type.getMessage().startsWith("b.elf: .coredev.layout line 3: "), type.getMessage());
        LoaderException unnamed = assertThrows(LoaderException.class, () -> BundleLayout.parse("coredev-layout 1\nobject\ta\tb\n", "b.elf"));
        assertEquals("b.elf: .coredev.layout names no bundle", unnamed.getMessage());
    }
}
