package org.unidefense.config;

import java.util.Map;

/**
 * One image transform of a split's pipeline, e.g. {@code {name: Resize, params: {height: 380, width: 380}}}
 * (reference: an entry of {@code <split>_transforms}, instantiated as an albumentations class
 * {@code name(**params)}; a ToTensor step is always appended after the list).
 *
 * @param name   the albumentations class name ({@code name})
 * @param params its keyword arguments as plain YAML values ({@code params})
 */
public record TransformSpec(String name, Map<String, Object> params) {
    public TransformSpec {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /** A whole-number parameter such as {@code height}, or {@code fallback} when absent. */
    public int intParam(String key, int fallback) {
        Object v = params.get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }

    /** A numeric parameter such as {@code p}, or {@code fallback} when absent. */
    public double doubleParam(String key, double fallback) {
        Object v = params.get(key);
        return v instanceof Number n ? n.doubleValue() : fallback;
    }
}
