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
 * kernel   NAME    RETURN-TYPE  PARAM-TYPE;PARAM-TYPE...
 * object   NAME    CLASS
 * </pre>
 * {@code kernel} lines are the experiment's kernels compiled into the bundle (exported under their
 * names, callable by kernels linked later); {@code object} lines the host objects (devices) the
 * bundle quoted, whose state lives in the bundle's attributes.
 * Types are written as the compiler names them: {@code int32 int64 float bool None str
 * list(elt=T) (T, U)}.
 */
public record BundleLayout(String name, List<Entry> entries, List<Attribute> attributes, List<Kernel> kernels,
                           List<HostObject> objects) {
    public static final String SECTION = ".coredev.layout";
    private static final String MAGIC = "coredev-layout 1";

    /** An entry point: {@code symbol} is the exported function the host calls, {@code kernel} the kernel it runs. */
    public record Entry(String symbol, String kernel, ValueType returns, List<ValueType> params) { }

    /** A host attribute the bundle embedded, at {@code offset} from the image's base. */
    public record Attribute(String name, ValueType type, int offset, boolean written) { }

    /** A kernel of the bundle, exported as {@code name}: later kernels call it with these types. */
    public record Kernel(String name, ValueType returns, List<ValueType> params) {
        public Kernel {
            params = List.copyOf(params);
        }
    }

    /** A host object the bundle quoted: a device of the device db, by its key, and its driver class. */
    public record HostObject(String name, String className) { }

    public BundleLayout {
        entries = List.copyOf(entries);
        attributes = List.copyOf(attributes);
        kernels = List.copyOf(kernels);
        objects = List.copyOf(objects);
    }

    /** A layout with entries and attributes only. */
    public BundleLayout(String name, List<Entry> entries, List<Attribute> attributes) {
        this(name, entries, attributes, List.of(), List.of());
    }

    public Optional<Kernel> kernel(String name) {
        return kernels.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public Optional<HostObject> object(String name) {
        return objects.stream().filter(o -> o.name().equals(name)).findFirst();
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
        for (Kernel k : kernels)
            b.append("kernel\t").append(k.name()).append('\t').append(k.returns()).append('\t')
                    .append(String.join(";", k.params().stream().map(ValueType::toString).toList())).append('\n');
        for (HostObject o : objects) b.append("object\t").append(o.name()).append('\t').append(o.className()).append('\n');
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
        List<Kernel> kernels = new ArrayList<>();
        List<HostObject> objects = new ArrayList<>();
        for (int k = 1; k < lines.length; k++) {
            String[] f = lines[k].split("\t", -1);
            try {
                switch (f[0]) {
                    case "bundle" -> name = f[1];
                    case "entry" -> entries.add(new Entry(f[1], f[2], ValueType.parse(f[3]), types(f[4])));
                    case "kernel" -> kernels.add(new Kernel(f[1], ValueType.parse(f[2]), types(f[3])));
                    case "object" -> objects.add(new HostObject(f[1], f[2]));
                    case "attribute" -> attributes.add(new Attribute(f[1], ValueType.parse(f[2]),
                            Integer.parseUnsignedInt(f[3].substring(2), 16), f[4].equals("written")));
                    default -> throw new IllegalArgumentException("unknown item '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new LoaderException("%s: %s line %d: %s".formatted(where, SECTION, k + 1, e.getMessage()));
            }
        }
        if (name == null) throw new LoaderException(where + ": " + SECTION + " names no bundle");
        return new BundleLayout(name, entries, attributes, kernels, objects);
    }

    private static List<ValueType> types(String field) {
        List<ValueType> out = new ArrayList<>();
        if (!field.isEmpty()) for (String p : field.split(";")) out.add(ValueType.parse(p));
        return out;
    }

    /** The manifest of an image, if it has one. */
    public static Optional<BundleLayout> of(String fileName, byte[] elf) {
        return ElfImage.sectionNamed(elf, SECTION)
                .map(bytes -> parse(new String(bytes, StandardCharsets.UTF_8), fileName));
    }
}
