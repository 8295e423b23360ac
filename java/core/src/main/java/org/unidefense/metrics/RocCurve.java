package org.unidefense.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The ROC curve of {@code sklearn.metrics.roc_curve(labels, scores, pos_label=0)} with its
 * default {@code drop_intermediate=True}: real (label 0) is the positive class, a sample counts
 * as positive when its score is {@code >=} the threshold. Points are ordered by decreasing
 * threshold, so {@code fpr} and {@code tpr} are non-decreasing and start at (0, 0).
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {

    public RocCurve {
        if (fpr.length != tpr.length || fpr.length != thresholds.length) {
            throw new IllegalArgumentException("fpr, tpr and thresholds must have one length, got "
                    + fpr.length + ", " + tpr.length + ", " + thresholds.length);
        }
        fpr = fpr.clone();
        tpr = tpr.clone();
        thresholds = thresholds.clone();
    }

    public static RocCurve of(ScoreSet set, SklearnConvention convention) {
        int n = set.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> set.score(i)).reversed());

        // Cumulative true/false positives at the last sample of each distinct score.
        double[] tps = new double[n];
        double[] fps = new double[n];
        double[] thr = new double[n];
        int m = 0;
        int positives = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (set.label(i) == ScoreSet.REAL) {
                positives++;
            }
            boolean lastOfTie = k == n - 1 || set.score(order[k + 1]) != set.score(i);
            if (lastOfTie) {
                tps[m] = positives;
                fps[m] = (k + 1) - positives;
                thr[m] = set.score(i);
                m++;
            }
        }

        int[] kept = cornerIndices(tps, fps, m);
        int size = kept.length + 1;
        double[] fpr = new double[size];
        double[] tpr = new double[size];
        double[] thresholds = new double[size];
        thresholds[0] = convention.leadingThreshold(thr[0]);
        double totalFp = fps[m - 1];
        double totalTp = tps[m - 1];
        for (int k = 0; k < kept.length; k++) {
            fpr[k + 1] = fps[kept[k]] / totalFp;
            tpr[k + 1] = tps[kept[k]] / totalTp;
            thresholds[k + 1] = thr[kept[k]];
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    /**
     * scikit-learn's {@code drop_intermediate}: keep the ends and every point where the curve
     * bends (a non-zero second difference of the fp or tp counts); collinear points go.
     */
    private static int[] cornerIndices(double[] tps, double[] fps, int m) {
        if (m <= 2) {
            int[] all = new int[m];
            Arrays.setAll(all, k -> k);
            return all;
        }
        int[] kept = new int[m];
        int count = 0;
        kept[count++] = 0;
        for (int k = 1; k < m - 1; k++) {
            double fpBend = (fps[k + 1] - fps[k]) - (fps[k] - fps[k - 1]);
            double tpBend = (tps[k + 1] - tps[k]) - (tps[k] - tps[k - 1]);
            if (fpBend != 0 || tpBend != 0) {
                kept[count++] = k;
            }
        }
        kept[count++] = m - 1;
        return Arrays.copyOf(kept, count);
    }

    public int size() {
        return fpr.length;
    }

    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    /** Area under the curve by the trapezoidal rule, rounded as {@code sklearn.metrics.auc}. */
    public double auc() {
        double[] areas = new double[fpr.length - 1];
        for (int i = 0; i < areas.length; i++) {
            areas[i] = (fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i]) / 2.0;
        }
        return PairwiseSum.sum(areas);
    }

    /**
     * The TPR at the ROC point whose FPR is nearest to {@code targetFpr} (the reference's
     * {@code get_tpr_at_fpr}): among points sharing that FPR, the last one, i.e. the highest TPR.
     */
    public double tprAtFpr(double targetFpr) {
        int nearest = 0;
        for (int i = 1; i < fpr.length; i++) {
            if (Math.abs(fpr[i] - targetFpr) < Math.abs(fpr[nearest] - targetFpr)) {
                nearest = i;
            }
        }
        int last = nearest;
        for (int i = 0; i < fpr.length; i++) {
            if (fpr[i] == fpr[nearest]) {
                last = i;
            }
        }
        return tpr[last];
    }

    /** Linear interpolation of the TPR at {@code x} (numpy.interp on the ROC points). */
    public double tprAt(double x) {
        return LinearInterpolation.interp(x, fpr, tpr);
    }

    /** Linear interpolation of the thresholds at FPR {@code x}; +Infinity on a segment that starts at an infinite threshold. */
    public double thresholdAt(double x) {
        return LinearInterpolation.interp(x, fpr, thresholds);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RocCurve r && Arrays.equals(fpr, r.fpr) && Arrays.equals(tpr, r.tpr)
                && Arrays.equals(thresholds, r.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(fpr) + Arrays.hashCode(tpr)) + Arrays.hashCode(thresholds);
    }

    @Override
    public String toString() {
        return "RocCurve[" + fpr.length + " points, fpr=" + Arrays.toString(fpr) + ", tpr="
                + Arrays.toString(tpr) + ", thresholds=" + Arrays.toString(thresholds) + "]";
    }
}
