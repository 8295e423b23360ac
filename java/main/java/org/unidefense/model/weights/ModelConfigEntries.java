package org.unidefense.model.weights;

import org.unidefense.config.ModelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code model:} block as a plain map with the YAML's key names, for storing in a checkpoint
 * (Python sees it as a dict it could pass to the reference's constructor as {@code **model_cfg}).
 * Unset optional keys are left out.
 */
public final class ModelConfigEntries {
    private ModelConfigEntries() {
    }

    public static Map<String, Object> of(ModelConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        putIfSet(m, "extractor", c.extractor());
        putIfSet(m, "extractor_weights", c.extractorWeights());
        m.put("num_classes", (long) c.numClasses());
        m.put("drop_rate", c.dropRate());
        putIfSet(m, "mid_depth", c.midDepth() == null ? null : (long) c.midDepth());
        m.put("bias", c.bias());
        m.put("affine", c.affine());
        putIfSet(m, "freq_norm", c.freqNorm());
        if (c.delimiter() != null) {
            m.put("delimiter", c.delimiter().stream().map(Integer::longValue).toList());
        }
        putIfSet(m, "image_size", c.imageSize() == null ? null : (long) c.imageSize());
        putIfSet(m, "drop_connect_rate", c.dropConnectRate());
        if (c.efficientNetOverrides() != null) {
            m.putAll(c.efficientNetOverrides());
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
