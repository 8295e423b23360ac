package org.unidefense.metrics;

/**
 * The confusion matrix at one threshold, with real (label 0) as the positive class and the
 * reference's decision rule: a sample is predicted real when its score is strictly above the
 * threshold. APCER is the share of attacks (fake) accepted as real, BPCER the share of real
 * samples rejected, ACER (also called HTER) their mean.
 */
public record ConfusionCounts(int truePositives, int falseNegatives, int falsePositives, int trueNegatives) {

    public static ConfusionCounts at(ScoreSet set, double threshold) {
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < set.size(); i++) {
            if (set.score(i) > threshold) {
                if (set.label(i) == ScoreSet.REAL) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new ConfusionCounts(tp, set.numReal() - tp, fp, set.numFake() - fp);
    }

    public int numPositives() {
        return truePositives + falseNegatives;
    }

    public int numNegatives() {
        return trueNegatives + falsePositives;
    }

    public double accuracy() {
        return (double) (truePositives + trueNegatives) / (numPositives() + numNegatives());
    }

    public double truePositiveRatio() {
        return (double) truePositives / numPositives();
    }

    public double trueNegativeRatio() {
        return (double) trueNegatives / numNegatives();
    }

    public double apcer() {
        return (double) falsePositives / numNegatives();
    }

    public double bpcer() {
        return (double) falseNegatives / numPositives();
    }

    public double acer() {
        return (apcer() + bpcer()) / 2;
    }
}
