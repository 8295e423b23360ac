package org.unidefense.metrics;

/**
 * Validated binary labels and scores: label 0 = real (the positive class), 1 = fake (attack);
 * a score is P(real), so a higher score means "more likely real".
 *
 * <p>Everything that would make the reference produce NaN metrics or a scikit-learn error is
 * rejected here, once, with a message naming the problem.
 */
public final class ScoreSet {
    public static final int REAL = 0;
    public static final int FAKE = 1;

    private final int[] labels;
    private final double[] scores;
    private final int numReal;

    private ScoreSet(int[] labels, double[] scores, int numReal) {
        this.labels = labels.clone();
        this.scores = scores.clone();
        this.numReal = numReal;
    }

    /** Validates and copies; {@code what} names the data set in error messages (e.g. "video level"). */
    public static ScoreSet of(String what, int[] labels, double[] scores) {
        if (labels == null || scores == null) {
            throw new InvalidMetricInputException(what + ": labels and scores are required");
        }
        if (labels.length != scores.length) {
            throw new InvalidMetricInputException(what + ": " + labels.length + " labels but "
                    + scores.length + " scores; expected one score per label");
        }
        if (labels.length == 0) {
            throw new InvalidMetricInputException(what + ": no samples; metrics need at least one real "
                    + "(label 0) and one fake (label 1) sample");
        }
        int real = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != REAL && labels[i] != FAKE) {
                throw badLabel(what, labels[i], i);
            }
            if (!Double.isFinite(scores[i])) {
                throw new InvalidMetricInputException(what + ": score " + scores[i] + " at index " + i
                        + " is not a finite number");
            }
            if (labels[i] == REAL) {
                real++;
            }
        }
        int fake = labels.length - real;
        if (real == 0 || fake == 0) {
            throw new InvalidMetricInputException(what + ": only " + (real == 0 ? "fake (label 1)" : "real (label 0)")
                    + " samples (" + labels.length + "); ROC, EER and error rates need both classes");
        }
        return new ScoreSet(labels, scores, real);
    }

    public static ScoreSet of(String what, long[] labels, double[] scores) {
        if (labels == null) {
            return of(what, (int[]) null, scores);
        }
        int[] narrowed = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            // checked before narrowing so that e.g. 2^32 is reported, not wrapped to 0
            if (labels[i] != REAL && labels[i] != FAKE) {
                throw badLabel(what, labels[i], i);
            }
            narrowed[i] = (int) labels[i];
        }
        return of(what, narrowed, scores);
    }

    private static InvalidMetricInputException badLabel(String what, long label, int index) {
        return new InvalidMetricInputException(what + ": label " + label + " at index " + index
                + "; expected 0 (real) or 1 (fake)");
    }

    public int size() {
        return labels.length;
    }

    public int numReal() {
        return numReal;
    }

    public int numFake() {
        return labels.length - numReal;
    }

    public int[] labels() {
        return labels.clone();
    }

    public double[] scores() {
        return scores.clone();
    }

    int label(int i) {
        return labels[i];
    }

    double score(int i) {
        return scores[i];
    }
}
