package org.unidefense.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys every dataset file shares.
 *
 * @param name       {@code name}: dataset loader name (FFpp, CDF, WDF, DFDC, UniAttack; absent in OCIM files)
 * @param root       {@code root}: data root directory (for UniAttack a placeholder; the per-dataset roots count)
 * @param useLmdb    {@code use_lmdb}: read images from an LMDB store under {@code <root>/lmdb} (default true;
 *                   UniAttack always reads LMDB)
 * @param numSteps   {@code num_steps}: training steps (required for training)
 * @param logSteps   {@code log_steps}: steps between log lines (required for training)
 * @param valSteps   {@code val_steps}: steps between validations (required for training)
 * @param transforms {@code <split>_transforms} by split name ({@code train}, {@code val}, {@code dev}, {@code test})
 */
public record DatasetCommon(
        String name,
        String root,
        boolean useLmdb,
        Integer numSteps,
        Integer logSteps,
        Integer valSteps,
        Map<String, List<TransformSpec>> transforms) {

    static final List<String> SPLITS = List.of("train", "val", "dev", "test");

    /** The transform pipeline of {@code split}, or an empty list when the file has none. */
    public List<TransformSpec> transformsOf(String split) {
        return transforms.getOrDefault(split, List.of());
    }

    /**
     * Reads the shared keys; {@code requiredSplits} must have a transform list (the reference
     * indexes {@code cfg[split + '_transforms']} for every split it builds).
     */
    static DatasetCommon read(Section s, boolean testStage, List<String> requiredSplits) {
        String name = s.string("name", null);
        String root = s.requiredString("root");
        boolean useLmdb = s.bool("use_lmdb", true);
        Integer numSteps = testStage ? s.optionalPositive("num_steps") : s.requiredPositive("num_steps");
        Integer logSteps = testStage ? s.optionalPositive("log_steps") : s.requiredPositive("log_steps");
        Integer valSteps = testStage ? s.optionalPositive("val_steps") : s.requiredPositive("val_steps");
        Map<String, List<TransformSpec>> transforms = new LinkedHashMap<>();
        for (String split : SPLITS) {
            String key = split + "_transforms";
            YamlNode.Sequence seq = s.optionalSequence(key, "a list of transforms ({name, params} entries)");
            if (seq == null) {
                if (requiredSplits.contains(split)) {
                    throw s.missing(key, "a list of transforms ({name, params} entries) for the " + split + " split");
                }
                continue;
            }
            transforms.put(split, readTransforms(seq, s.warnings()));
        }
        return new DatasetCommon(name, root, useLmdb, numSteps, logSteps, valSteps,
                Collections.unmodifiableMap(transforms));
    }

    private static List<TransformSpec> readTransforms(YamlNode.Sequence seq, ConfigWarnings warnings) {
        List<TransformSpec> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Mapping m)) {
                throw Section.expected(item, "a transform: a mapping with 'name' and 'params'");
            }
            Section t = new Section(m, warnings);
            String name = t.requiredString("name");
            Section params = t.requiredSection("params");
            @SuppressWarnings("unchecked")
            Map<String, Object> plain = (Map<String, Object>) YamlNode.toPlain(params.mapping());
            t.finish();
            out.add(new TransformSpec(name, plain));
        }
        return List.copyOf(out);
    }

    Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (name != null) {
            out.put("name", name);
        }
        out.put("root", root);
        out.put("use_lmdb", useLmdb);
        out.put("num_steps", numSteps);
        out.put("log_steps", logSteps);
        out.put("val_steps", valSteps);
        return out;
    }

    void putTransforms(Map<String, Object> out) {
        transforms.forEach((split, list) -> out.put(split + "_transforms", list.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("params", t.params());
            return m;
        }).toList()));
    }
}
