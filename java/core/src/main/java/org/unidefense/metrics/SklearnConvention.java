package org.unidefense.metrics;

/**
 * Which scikit-learn release's {@code roc_curve} to imitate. The two differ only in the extra
 * threshold put in front of the curve so that it starts at (0, 0); that threshold matters when
 * the equal error rate falls on the first ROC segment.
 */
public enum SklearnConvention {
    /** scikit-learn 1.3 (the reference's pinned version): the first threshold is +Infinity. */
    SKLEARN_1_3,
    /** scikit-learn 1.2 and earlier: the first threshold is the highest score plus 1. */
    SKLEARN_1_2;

    double leadingThreshold(double highestScore) {
        return this == SKLEARN_1_3 ? Double.POSITIVE_INFINITY : highestScore + 1;
    }
}
