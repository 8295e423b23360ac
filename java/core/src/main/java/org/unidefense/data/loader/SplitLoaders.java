package org.unidefense.data.loader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.unidefense.UserInputException;
import org.unidefense.config.DatasetCommon;
import org.unidefense.config.Engine;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.TransformSpec;
import org.unidefense.config.CropMode;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.transform.TransformPipeline;

/**
 * Loader settings for one part of a dataset as the reference's engines choose them: the part's
 * transform list, crop and face margin, batch size, worker count and shuffling.
 */
public final class SplitLoaders {
    /** The reference's {@code num_workers} default, and the UniAttack training loaders' one. */
    static final int DEFAULT_WORKERS = 4;
    static final int UNIATTACK_TRAIN_WORKERS = 8;

    /** A stage of a run: which SplitIndex group a part belongs to. */
    public enum Role { TRAIN, VAL, TEST }

    private SplitLoaders() {
    }

    /**
     * The transform list of {@code part}: the list of the dataset split it was read from (the
     * reference builds a CDF "val" set from the test split, with {@code test_transforms}).
     */
    public static List<TransformSpec> transformSpecs(ResolvedConfig cfg, DatasetSplit part) {
        DatasetCommon common = cfg.dataset().common();
        List<TransformSpec> specs = common.transformsOf(part.split());
        if (specs.isEmpty()) {
            throw new UserInputException("dataset file " + cfg.datasetFile() + ": no " + part.split()
                    + "_transforms for part " + part.name() + "; add a list ending in a Resize to the model's size");
        }
        return specs;
    }

    /** {@code specs} as the maps {@link TransformPipeline#fromSpecs} reads. */
    public static List<Map<String, Object>> asMaps(List<TransformSpec> specs) {
        return specs.stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("params", t.params());
            return m;
        }).toList();
    }

    /** The face margin of {@code role}: OCIM's per-split margins, UniAttack's single one, none for forgery. */
    public static FaceMargin margin(ResolvedConfig cfg, Role role) {
        if (cfg.engine() == Engine.OCIM) {
            return switch (role) {
                case TRAIN -> cfg.config().trainMargin();
                case VAL -> cfg.config().valMargin();
                case TEST -> cfg.config().testMargin();
            };
        }
        return cfg.engine() == Engine.UE ? cfg.config().margin() : null;
    }

    public static CropMode cropMode(ResolvedConfig cfg) {
        return cfg.config().crop();
    }

    /**
     * A loader builder for {@code part} as the run would read it: training parts shuffled (seeded
     * by {@code config.seed}, re-shuffled per epoch), validation and test parts in order. The OCIM
     * and UniAttack training loaders drop an incomplete last batch; the forgery ones keep it.
     * Batch size and worker count come from the {@code data:} block; the caller sets the sampler
     * for multi-process runs.
     */
    public static BatchLoader.Builder builder(ResolvedConfig cfg, DatasetSplit part, Role role, DataErrorPolicy errors) {
        Integer batch = switch (role) {
            case TRAIN -> cfg.data().trainBatchSize();
            case VAL -> cfg.data().valBatchSize();
            case TEST -> cfg.data().testBatchSize();
        };
        if (batch == null) {
            throw new UserInputException("model file " + cfg.modelFile() + ": data." + role.name().toLowerCase(java.util.Locale.ROOT)
                    + "_batch_size is needed to load the " + part.name() + " part");
        }
        int defaultWorkers = cfg.engine() == Engine.UE && role == Role.TRAIN ? UNIATTACK_TRAIN_WORKERS : DEFAULT_WORKERS;
        return BatchLoader.builder(part, TransformPipeline.fromSpecs(part.split() + "_transforms",
                        asMaps(transformSpecs(cfg, part))))
                .batchSize(batch)
                .workers(cfg.data().numWorkersOr(defaultWorkers))
                .shuffle(role == Role.TRAIN)
                .dropLastBatch(role == Role.TRAIN && cfg.engine() != Engine.FE)
                .seed(cfg.config().seed())
                .crop(cropMode(cfg), margin(cfg, role))
                .errors(errors);
    }
}
