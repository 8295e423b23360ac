package org.unidefense.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringSharedModuleDictItem;

import java.util.ArrayList;
import java.util.List;

/** The module tree with element counts per subtree, for {@code model summary}. */
public final class ModuleSummary {
    private ModuleSummary() {
    }

    /**
     * One line per module down to {@code maxDepth} (0 = the root only): indented name, module
     * type, parameter elements (trainable) and buffer elements of its whole subtree.
     */
    public static List<String> lines(Module root, int maxDepth) {
        List<String> out = new ArrayList<>();
        walk(root, root.name().getString(), 0, maxDepth, out);
        return out;
    }

    private static void walk(Module m, String name, int depth, int maxDepth, List<String> out) {
        ParameterCount c = ParameterCount.of(m);
        out.add(String.format(java.util.Locale.ROOT, "%s%s (%s): %,d params (%,d trainable), %,d buffer elements",
                "  ".repeat(depth), name, shortType(m.name().getString()), c.parameters(), c.trainable(), c.buffers()));
        if (depth >= maxDepth) {
            return;
        }
        StringSharedModuleDict children = m.named_children();
        for (long i = 0; i < children.size(); i++) {
            StringSharedModuleDictItem child = children.get(i);
            walk(child.value(), child.key().getString(), depth + 1, maxDepth, out);
        }
    }

    /** "torch::nn::Conv2dImpl" reads as "Conv2d". */
    private static String shortType(String type) {
        String t = type.substring(type.lastIndexOf(':') + 1);
        return t.endsWith("Impl") ? t.substring(0, t.length() - 4) : t;
    }
}
