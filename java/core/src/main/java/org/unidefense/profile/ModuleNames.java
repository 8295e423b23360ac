package org.unidefense.profile;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringSharedModuleDictItem;

import java.util.HashMap;
import java.util.Map;

/**
 * The reference's name of each module of a model (its state-dict prefix, e.g.
 * {@code extractor.layer1.0.conv1}), looked up by the native module's address: the Java objects a
 * forward holds ({@code Layer.module()}, fields) and those {@code named_modules} returns are
 * different wrappers of the same C++ object.
 */
public final class ModuleNames {
    private final Map<Long, String> byAddress = new HashMap<>();

    private ModuleNames() {
    }

    public static ModuleNames none() {
        return new ModuleNames();
    }

    public static ModuleNames of(Module root) {
        ModuleNames n = new ModuleNames();
        StringSharedModuleDict modules = root.named_modules("", false);
        for (long i = 0; i < modules.size(); i++) {
            StringSharedModuleDictItem item = modules.get(i);
            n.byAddress.putIfAbsent(item.value().address(), item.key().getString());
        }
        return n;
    }

    /** The module's dotted name, or its C++ type (e.g. {@code Conv2d}) when it is not in the model. */
    public String nameOf(Module m) {
        String name = byAddress.get(m.address());
        return name != null ? name : typeOf(m);
    }

    public boolean contains(Module m) {
        return byAddress.containsKey(m.address());
    }

    public java.util.Collection<String> all() {
        return byAddress.values();
    }

    private static String typeOf(Module m) {
        String t = m.name().getString();
        t = t.substring(t.lastIndexOf(':') + 1);
        return t.endsWith("Impl") ? t.substring(0, t.length() - 4) : t;
    }
}
