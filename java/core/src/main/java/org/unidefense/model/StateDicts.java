package org.unidefense.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringSharedModuleDictItem;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** A module's parameters and buffers under their full dotted names. */
public final class StateDicts {
    private StateDicts() {
    }

    /**
     * Parameters and buffers in Python's {@code state_dict()} order: module by module in
     * registration (pre-)order, each module's own parameters, then its own buffers.
     * The tensors are the module's own (not copies).
     */
    public static Map<String, Tensor> of(Module root) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        StringSharedModuleDict modules = root.named_modules("", true);
        for (long i = 0; i < modules.size(); i++) {
            StringSharedModuleDictItem item = modules.get(i);
            String prefix = item.key() == null ? "" : item.key().getString(); // the root's empty name comes back as null
            Module m = item.value();
            addAll(out, prefix, m.named_parameters(false));
            addAll(out, prefix, m.named_buffers(false));
        }
        return out;
    }

    private static void addAll(Map<String, Tensor> out, String prefix, StringTensorDict dict) {
        for (long j = 0; j < dict.size(); j++) {
            StringTensorDictItem e = dict.get(j);
            Tensor t = e.value() == null ? null : new Tensor(e.value()); // own handle: the dict is temporary
            if (t != null && t.defined()) {
                out.put(prefix.isEmpty() ? e.key().getString() : prefix + "." + e.key().getString(), t);
            }
        }
    }
}
