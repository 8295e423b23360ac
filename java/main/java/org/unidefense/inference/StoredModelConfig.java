package org.unidefense.inference;

import org.unidefense.UserInputException;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code model:} block stored as plain values (the {@code model_config} of a checkpoint of this
 * project, or the {@code model} group of a run's saved {@code config.yaml}) back to a
 * {@link ModelConfig}. Keys left out take the architecture's defaults ({@link ModelArch}); the
 * EfficientNet's variant-dependent ones stay null (the variant's own values), as when parsed from YAML.
 */
final class StoredModelConfig {
    private StoredModelConfig() {
    }

    static ModelConfig of(Map<String, ?> m, String where) {
        String name = string(m, "name", null, where);
        if (name == null) {
            throw new UserInputException(where + ": the stored model config has no 'name'");
        }
        ModelArch arch = ModelArch.lookup(name).orElseThrow(() -> new UserInputException(where
                + ": unknown model '" + name + "'; expected one of " + ModelArch.acceptedNames()));
        String extractor = string(m, "extractor", arch.extractorRequired() ? null : arch.defaultExtractor(), where);
        if (extractor == null) {
            throw new UserInputException(where + ": the stored " + name + " config has no 'extractor'");
        }
        int numClasses = integer(m, "num_classes", arch.defaultNumClasses(), where);
        double dropRate = number(m, "drop_rate", 0.2, where);
        boolean bias = bool(m, "bias", false, where);
        boolean affine = bool(m, "affine", true, where);
        String freqNorm = string(m, "freq_norm", "ortho", where);
        if (!arch.isEfficientNet()) {
            Integer mid = m.get("mid_depth") == null ? arch.defaultMidDepth() : integer(m, "mid_depth", 0, where);
            return new ModelConfig(name, arch, extractor, null, numClasses, dropRate, mid, bias, affine, freqNorm,
                    null, null, null, Map.of());
        }
        // absent: the variant's native size, as the reference's EfficientNet
        Integer imageSize = m.get("image_size") == null ? null : integer(m, "image_size", 0, where);
        List<Integer> delimiter = null;
        if (m.get("delimiter") instanceof List<?> l) {
            delimiter = l.stream().map(v -> ((Number) v).intValue()).toList();
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (String k : ModelConfig.EFFICIENTNET_OVERRIDES) {
            if (m.get(k) instanceof Number n) {
                overrides.put(k, n);
            }
        }
        return new ModelConfig(name, arch, extractor, null, numClasses, dropRate, null, bias, affine, freqNorm,
                delimiter, imageSize, m.get("drop_connect_rate") == null ? null : number(m, "drop_connect_rate", 0, where),
                Map.copyOf(overrides));
    }

    private static String string(Map<String, ?> m, String key, String fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw wrong(where, key, "a string", v);
        }
        return s;
    }

    private static int integer(Map<String, ?> m, String key, int fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw wrong(where, key, "a whole number", v);
        }
        return n.intValue();
    }

    private static double number(Map<String, ?> m, String key, double fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw wrong(where, key, "a number", v);
        }
        return n.doubleValue();
    }

    private static boolean bool(Map<String, ?> m, String key, boolean fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw wrong(where, key, "true or false", v);
        }
        return b;
    }

    private static UserInputException wrong(String where, String key, String expected, Object found) {
        return new UserInputException(where + ": model config key '" + key + "': expected " + expected + ", found "
                + found);
    }
}
