package org.unidefense.model;

import org.unidefense.config.ModelConfig;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.tensor.FftNorm;

/** Builds models from the {@code model:} block of a configuration file. */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    /** The constructor arguments a {@code model:} block asks for. */
    public static ModelOptions options(ModelConfig m) {
        return new ModelOptions(m.numClasses(), m.dropRate(), m.bias(), m.affine(), FftNorm.parse(m.freqNorm()),
                m.midDepth(), m.imageSize(), m.extractor(), m.extractorWeights());
    }

    /**
     * A freshly initialised model for a whole configuration: the {@code model:} block's
     * architecture in the {@code config:} block's memory format and precision.
     */
    public static UniDefenseModel create(ResolvedConfig cfg) {
        UniDefenseModel model = create(cfg.model()).usePrecision(cfg.config().precision());
        return cfg.config().memoryFormat() == null ? model : model.useMemoryFormat(cfg.config().memoryFormat());
    }

    /** A freshly initialised model (no weights loaded) for the {@code model:} block, in the default memory format. */
    public static UniDefenseModel create(ModelConfig m) {
        return ModelFactory.create(m.arch().name(), options(m));
    }
}
