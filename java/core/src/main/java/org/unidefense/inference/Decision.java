package org.unidefense.inference;

/**
 * The class a score falls in. As the reference's metrics (and this project's
 * {@code ConfusionCounts}): a face is real when P(real) is strictly above the threshold, an
 * attack (forgery or presentation attack) otherwise.
 */
public enum Decision {
    REAL, ATTACK;

    public static Decision of(double pReal, double threshold) {
        return pReal > threshold ? REAL : ATTACK;
    }

    /** The lower-case name used in output files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
