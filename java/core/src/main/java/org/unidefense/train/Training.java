package org.unidefense.train;

import org.unidefense.model.UniDefenseModel;

import org.bytedeco.pytorch.Generator;

/**
 * What the engine trains with: the step it runs on every batch, the optimizer and learning-rate
 * plan it saves, restores and replays on resume, and the generator behind every random draw.
 * {@link TwoPassTraining} (UniDefense) and {@link RecceTraining} (RECCE) wire one from the config.
 */
public interface Training {
    /** The model being trained (its device decides where saved states are loaded). */
    UniDefenseModel model();

    TrainingStep step();

    GroupedOptimizer optimizer();

    LearningRatePlan learningRatePlan();

    Generator generator();
}
