package org.coredev.loader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layout manifest a bundle carries in its {@code .coredev.layout} section: the entry points
 * the host may call (exported symbol, kernel name, parameter and return types) and every host
 * attribute the bundle embedded (name, type, image-relative address of its cell in the bundle's
 * data, whether some kernel of the bundle assigns it). The bundle's memory layout is frozen:
 * this is all a later call or a later kernel may rely on.
 *
 * <p>The section is text, one item a line, fields separated by tabs:
 * <pre>
 * coredev-layout 1
 * bundle   NAME
 * entry    SYMBOL  KERNEL  RETURN-TYPE  PARAM-TYPE;PARAM-TYPE...
 * attribute NAME  TYPE  0xADDRESS  written|read
 * </pre>
 * Types are written as the compiler names them: {@code int32 int64 float bool None str
 * list(elt=T) (T, U)}.
 */
public record BundleLayout(String name, List<Entry> entries, List<Attribute> attributes) {
    public static final String SECTION = ".coredev.layout";
    private static final String MAGIC = "coredev-layout 1";

    /** An entry point: {@code symbol} is the exported function the host calls, {@code kernel} the kernel it runs. */
    public record Entry(String symbol, String kernel, ValueType returns, List<ValueType> params) { }

    /** A host attribute the bundle embedded, at {@code offset} from the image's base. */
    public record Attribute(String name, ValueType type, int offset, boolean written) { }

    public BundleLayout {
        entries = List.copyOf(entries);
        attributes = List.copyOf(attributes);
    }

    /** The entry point of kernel {@code kernel} (by its kernel name, e.g. {@code Scan.pulse}, or its method name). */
    public Optional<Entry> entry(String kernel) {
        for (Entry e : entries)
            if (e.kernel().equals(kernel) || e.kernel().endsWith("." + kernel)) return Optional.of(e);
        return Optional.empty();
    }

    public Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The section's text. */
    public String format() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("bundle\t").append(name).append('\n');
        for (Entry e : entries) {
            b.append("entry\t").append(e.symbol()).append('\t').append(e.kernel()).append('\t').append(e.returns()).append('\t');
            b.append(String.join(";", e.params().stream().map(ValueType::toString).toList())).append('\n');
        }
        for (Attribute a : attributes)
            b.append("attribute\t").append(a.name()).append('\t').append(a.type()).append('\t')
                    .append("0x%x".formatted(a.offset())).append('\t').append(a.written() ? "written" : "read").append('\n');
        return b.toString();
    }

    /** Parses the section's text; {@code where} names the image in errors. */
    public static BundleLayout parse(String text, String where) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[0].equals(MAGIC))
            throw new LoaderException(where + ": " + SECTION + " is not a coredev layout manifest");
        String name = null;
        List<Entry> entries = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split("\t", -1);
            try {
                switch (f[0]) {
                    case "bundle" -> name = f[1];
                    case "entry" -> {
                        List<ValueType> params = new ArrayList<>();
                        if (!f[4].isEmpty()) for (String p : f[4].split(";")) params.add(ValueType.parse(p));
                        entries.add(new Entry(f[1], f[2], ValueType.parse(f[3]), params));
                    }
                    case "attribute" -> attributes.add(new Attribute(f[1], ValueType.parse(f[2]),
                            Integer.parseUnsignedInt(f[3].substring(2), 16), f[4].equals("written")));
                    default -> throw new IllegalArgumentException("unknown item '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new LoaderException("%s: %s line %d: %s".formatted(where, SECTION, k + 1, e.getMessage()));
            }
        }
        if (name == null) throw new LoaderException(where + ": " + SECTION + " names no bundle");
        return new BundleLayout(name, entries, attributes);
    }

    /** The manifest of an image, if it has one. */
    public static Optional<BundleLayout> of(String fileName, byte[] elf) {
        return ElfImage.sectionNamed(elf, SECTION)
                .map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8), fileName));
    }
}
