package org.unidefense.config;

import java.util.Map;

/**
 * A dataset file ({@code data.file}), typed by the engine that reads it. The shared keys are in
 * {@link #common()}; each kind adds its own.
 */
public sealed interface DatasetConfig permits ForgeryDatasetConfig, OcimDatasetConfig, UniAttackDatasetConfig {

    /** The engine that reads this kind of dataset file. */
    Engine engine();

    /** Keys shared by all dataset files. */
    DatasetCommon common();

    /** The file in the reference's key names, defaults filled in (for printing). */
    Map<String, Object> toPlain();

    /**
     * Which engine a dataset file is for, from its {@code name} key (or, without one, from the keys
     * only an OCIM or UniAttack file has); null when it cannot tell.
     */
    static Engine engineOf(YamlNode.Mapping dataset) {
        YamlNode name = dataset.entries().get("name");
        if (name instanceof YamlNode.Scalar s && s.value() instanceof String n) {
            if (ForgeryDatasetConfig.DATASETS.contains(n)) {
                return Engine.FE;
            }
            if (n.equals(UniAttackDatasetConfig.NAME)) {
                return Engine.UE;
            }
            if (n.equals(OcimDatasetConfig.NAME)) {
                return Engine.OCIM;
            }
            return null;
        }
        if (dataset.entries().containsKey("train_dataset")) {
            return Engine.OCIM;
        }
        if (dataset.entries().containsKey("train_real_method")) {
            return Engine.UE;
        }
        if (dataset.entries().containsKey("real_method")) {
            return Engine.FE;
        }
        return null;
    }
}
