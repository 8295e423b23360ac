package org.unidefense.metrics;

/**
 * The equal error rate of a ROC curve and the score threshold where it occurs, as the reference
 * computes them: the root of {@code 1 - x - tpr(x)} on the linearly interpolated curve (Brent's
 * method, xtol 2e-12), then the ROC thresholds linearly interpolated at that FPR.
 *
 * <p>The threshold is +Infinity when the EER falls on the first ROC segment under the
 * scikit-learn 1.3 convention (first threshold +Infinity): every score is then "not above" it.
 */
public record EqualErrorRate(double rate, double threshold) {

    public static EqualErrorRate of(RocCurve roc) {
        double eer = BrentSolver.solve(x -> 1. - x - roc.tprAt(x), 0., 1.);
        return new EqualErrorRate(eer, roc.thresholdAt(eer));
    }
}
