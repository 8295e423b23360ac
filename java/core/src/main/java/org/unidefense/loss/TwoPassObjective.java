package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * How the terms of the two passes of a UniDefense training step are weighted. The second,
 * perturbed pass scales classification and reconstruction down by 0.1 and adds the
 * factorization term; the mask and triplet terms keep their full weight in both passes.
 */
public final class TwoPassObjective {
    /** Factor applied to classification and reconstruction terms in the perturbed pass. */
    public static final double SECOND_PASS_SCALE = 0.1;

    /** Pass 2 switches the mask term from the mean to KL consistency after this share of steps. */
    public static final double MASK_CONSISTENCY_START = 0.1;

    private TwoPassObjective() {
    }

    /** Total loss of the clean pass. */
    public static Tensor firstPass(LossTerms t, LossWeights w) {
        return t.classification()
                .add(scaled(t.frequencyMask(), w.mask()))
                .add(scaled(t.spatialMask(), w.mask()))
                .add(scaled(t.triplet(), w.triplet()))
                .add(scaled(t.realReconstruction(), w.recons()))
                .add(scaled(t.realFrequency(), w.freq()));
    }

    /** Total loss of the perturbed pass. */
    public static Tensor secondPass(LossTerms t, LossWeights w) {
        return scaled(t.classification(), SECOND_PASS_SCALE)
                .add(scaled(t.frequencyMask(), w.mask()))
                .add(scaled(t.spatialMask(), w.mask()))
                .add(scaled(t.triplet(), w.triplet()))
                .add(scaled(t.realReconstruction(), w.recons() * SECOND_PASS_SCALE))
                .add(scaled(t.realFrequency(), w.freq() * SECOND_PASS_SCALE))
                .add(scaled(t.factorization(), w.factorization()));
    }

    /** Whether step {@code currentStep} of {@code totalSteps} uses KL mask consistency in pass 2. */
    public static boolean usesMaskConsistency(long currentStep, long totalSteps) {
        return currentStep > totalSteps * MASK_CONSISTENCY_START;
    }

    private static Tensor scaled(Tensor term, double weight) {
        return term.mul(new Scalar(weight));
    }
}
