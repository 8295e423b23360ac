package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;

/**
 * Reconstruction errors of the decoder against the clean input. Only real faces are meant to be
 * reconstructable, so the training objective uses the mean over the real samples only; the fake
 * mean is reported but never optimised. The per-sample distances themselves come with the
 * model's output ({@link org.unidefense.model.nn.ReconstructionDistances}).
 */
public final class ReconstructionLoss {
    private ReconstructionLoss() {
    }

    /** Mean of a per-sample error [N] over the first {@code realCount} (real) samples. */
    public static Tensor realMean(Tensor perSample, long realCount) {
        return perSample.narrow(0, 0, realCount).mean();
    }

    /** Mean of a per-sample error [N] over the samples after the first {@code realCount}. */
    public static Tensor fakeMean(Tensor perSample, long realCount) {
        return perSample.narrow(0, realCount, perSample.size(0) - realCount).mean();
    }
}
