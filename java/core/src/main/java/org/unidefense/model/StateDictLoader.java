package org.unidefense.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.tensor.Tensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Strict loading of a state dict into a module by exact key, as PyTorch's
 * {@code load_state_dict(strict=True)}: every problem (missing, unexpected, mis-shaped or
 * wrong-kind keys) is collected and reported together.
 */
public final class StateDictLoader {
    private static final int MAX_LISTED = 20;

    private StateDictLoader() {
    }

    /** Loads {@code source} into {@code module}; {@code what} names the source in error messages. */
    public static void load(Module module, Map<String, Tensor> source, String what) {
        load(module, source, what, key -> false, key -> false);
    }

    /**
     * Non-strict variant, as the reference loads pretrained backbones: target keys accepted by
     * {@code mayBeMissing} keep their current values when absent, source keys accepted by
     * {@code ignored} are skipped. Anything else that does not match is an error.
     *
     * @return the target keys that were absent and left unchanged, in state-dict order
     */
    public static List<String> load(Module module, Map<String, Tensor> source, String what,
                                    Predicate<String> mayBeMissing, Predicate<String> ignored) {
        Map<String, Tensor> target = StateDicts.of(module);
        List<String> missing = new ArrayList<>();
        List<String> leftUnchanged = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : target.entrySet()) {
            Tensor src = source.get(e.getKey());
            if (src == null) {
                (mayBeMissing.test(e.getKey()) ? leftUnchanged : missing).add(e.getKey());
                continue;
            }
            long[] want = Tensors.shape(e.getValue());
            long[] got = Tensors.shape(src);
            if (!Arrays.equals(want, got)) {
                mismatched.add(e.getKey() + " has shape " + Arrays.toString(got) + ", expected " + Arrays.toString(want));
            } else if (src.is_floating_point() != e.getValue().is_floating_point()) {
                mismatched.add(e.getKey() + " holds " + (src.is_floating_point() ? "floating-point" : "integer")
                        + " values, expected " + (e.getValue().is_floating_point() ? "floating-point" : "integer"));
            }
        }
        for (String key : source.keySet()) {
            if (!target.containsKey(key) && !ignored.test(key)) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder m = new StringBuilder("cannot load " + what + " into " + module.name().getString() + ":");
            list(m, "missing keys", missing);
            list(m, "unexpected keys", unexpected);
            list(m, "size or type mismatches", mismatched);
            throw new UserInputException(m.toString());
        }
        try (NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : target.entrySet()) {
                Tensor src = source.get(e.getKey());
                if (src != null) {
                    e.getValue().copy_(src);
                }
            }
        }
        return leftUnchanged;
    }

    public static void load(Module module, Map<String, Tensor> source) {
        load(module, source, "state dict");
    }

    private static void list(StringBuilder m, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        m.append("\n  ").append(items.size()).append(' ').append(title).append(": ");
        m.append(String.join(", ", items.subList(0, Math.min(MAX_LISTED, items.size()))));
        if (items.size() > MAX_LISTED) {
            m.append(", ... (").append(items.size() - MAX_LISTED).append(" more)");
        }
    }
}
