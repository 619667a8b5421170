package org.coredev.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coredev.compiler.experiment.ExperimentCompiler;
import org.coredev.compiler.types.FunctionInfo;
import org.coredev.compiler.types.Type;
import org.coredev.compiler.types.TypedProgram;
import org.coredev.loader.BundleLayout;
import org.coredev.loader.ValueType;

/** A compiled bundle's layout manifest, from its typed program and where its symbols ended up. */
final class BundleManifest {
    private BundleManifest() {}

    static BundleLayout layout(String name, TypedProgram typed, ExperimentCompiler.BuiltBundle bundle, Map<String, ?> deviceDb,
                               Map<String, Integer> symbols) {
        List<BundleLayout.Entry> entries = new ArrayList<>();
        for (String entry : bundle.entries()) {
            FunctionInfo f = typed.function(entry);
            entries.add(new BundleLayout.Entry(entry, bundle.kernels().get(entry), valueType(f.returnType()),
                    f.params.stream().map(p -> valueType(f.localType(p))).toList()));
        }
        List<BundleLayout.Attribute> attributes = new ArrayList<>();
        FunctionInfo modinit = typed.function("__modinit__");
        for (String g : typed.globals()) {
            Integer at = symbols.get("global." + g);
            if (at == null) continue;
            attributes.add(new BundleLayout.Attribute(g, valueType(modinit.localType(g)), at, bundle.writtenBack().contains(g)));
        }
        List<BundleLayout.Kernel> kernels = new ArrayList<>();
        for (FunctionInfo f : typed.functions())
            if (f.exported() && !f.entry() && bundle.kernelNames().contains(f.name))
                kernels.add(new BundleLayout.Kernel(f.name, valueType(f.returnType()), f.params.stream().map(p -> valueType(f.localType(p))).toList()));
        // Devices: those the kernels quote, and those whose state the bundle holds (sub-devices).
        java.util.TreeMap<String, String> objects = new java.util.TreeMap<>(bundle.devices());
        for (String g : typed.globals()) {
            int dot = g.indexOf('.');
            if (dot > 0 && !g.startsWith("self.")) objects.putIfAbsent(g.substring(0, dot), ExperimentCompiler.deviceClass(deviceDb, g.substring(0, dot)));
        }
        List<BundleLayout.HostObject> hostObjects = new ArrayList<>();
        objects.forEach((key, cls) -> hostObjects.add(new BundleLayout.HostObject(key, cls)));
        return new BundleLayout(name, entries, attributes, kernels, hostObjects);
    }

    /** The compiler's type of a manifest type (a bundle's cell or kernel parameter). */
    static Type type(ValueType v) {
        return switch (v) {
            case ValueType.Scalar s -> switch (s) {
                case INT32 -> Type.INT32;
                case INT64 -> Type.INT64;
                case FLOAT -> Type.FLOAT;
                case BOOL -> Type.BOOL;
                case NONE -> Type.NONE;
                case STR -> Type.STR;
            };
            case ValueType.ListOf l -> new Type.ListOf(type(l.elt()));
            case ValueType.TupleOf t -> new Type.TupleOf(t.elts().stream().map(BundleManifest::type).toList());
        };
    }

    private static ValueType valueType(Type t) {
        return switch (t) {
            case Type.Int i -> i.width() == 64 ? ValueType.Scalar.INT64 : ValueType.Scalar.INT32;
            case Type.Float f -> ValueType.Scalar.FLOAT;
            case Type.Bool b -> ValueType.Scalar.BOOL;
            case Type.None n -> ValueType.Scalar.NONE;
            case Type.Str s -> ValueType.Scalar.STR;
            case Type.ListOf l -> new ValueType.ListOf(valueType(l.elt()));
            case Type.TupleOf tu -> new ValueType.TupleOf(tu.elts().stream().map(BundleManifest::valueType).toList());
            case null, default -> throw new IllegalStateException("untyped value in a bundle: " + t);
        };
    }
}
