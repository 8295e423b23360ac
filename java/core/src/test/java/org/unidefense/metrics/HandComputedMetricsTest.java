package org.unidefense.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small cases worked out by hand (the derivations are in the comments). */
class HandComputedMetricsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /*
     * real: 0.9, 0.5   fake: 0.5, 0.1  (a real/fake tie at 0.5 gives a diagonal ROC segment)
     * descending distinct scores: 0.9 (tp 1, fp 0), 0.5 (tp 2, fp 1), 0.1 (tp 2, fp 2)
     * ROC: fpr 0, 0, .5, 1   tpr 0, .5, 1, 1   thresholds inf, .9, .5, .1
     * AUC = .5 * (.5 + 1) / 2 + .5 * 1 = .875
     * on [0, .5] tpr = .5 + x, so 1 - x - tpr = .5 - 2x = 0 at EER = .25,
     * threshold = .9 + (.5 - .9) * (.25 / .5) = .7
     */
    private static final int[] TIE_LABELS = {0, 0, 1, 1};
    private static final double[] TIE_SCORES = {0.9, 0.5, 0.5, 0.1};

    @Test
    void rocOfATieCase() {
        RocCurve roc = RocCurve.of(ScoreSet.of("t", TIE_LABELS, TIE_SCORES), SklearnConvention.SKLEARN_1_3);
        assertArrayEquals(new double[] {0, 0, .5, 1}, roc.fpr());
        assertArrayEquals(new double[] {0, .5, 1, 1}, roc.tpr());
        assertArrayEquals(new double[] {INF, .9, .5, .1}, roc.thresholds());
        assertEquals(4, roc.size());
        assertEquals(0.875, roc.auc(), 1e-15);
    }

    @Test
    void sklearn12PutsMaxPlusOneFirst() {
        RocCurve roc = RocCurve.of(ScoreSet.of("t", TIE_LABELS, TIE_SCORES), SklearnConvention.SKLEARN_1_2);
        assertArrayEquals(new double[] {1.9, .9, .5, .1}, roc.thresholds());
    }

    @Test
    void autoThresholdIsTheEerThreshold() {
        MetricReport r = Metrics.evaluate(TIE_LABELS, TIE_SCORES, ThresholdRule.AUTO);
        assertEquals(0.25, r.eer(), 1e-11);
        assertEquals(0.7, r.threshold(), 1e-11);
        // only 0.9 is above 0.7: TP 1, FN 1, FP 0, TN 2
        assertEquals(0.75, r.accuracy());
        assertEquals(0.5, r.truePositiveRatio());
        assertEquals(1.0, r.trueNegativeRatio());
        assertEquals(2, r.numPositives());
        assertEquals(2, r.numNegatives());
        assertEquals(0.0, r.apcer());
        assertEquals(0.5, r.bpcer());
        assertEquals(0.25, r.acer());
        assertEquals(r.acer(), r.hter());
        // nearest FPR to 1 % and 5 % is 0; the last point with FPR 0 has TPR .5
        assertEquals(0.5, r.tprAtFpr1());
        assertEquals(0.5, r.tprAtFpr5());
    }

    @Test
    void fixedThresholdPredictsRealOnlyStrictlyAbove() {
        // at 0.5 the tied 0.5 scores are not above: same counts as at 0.7
        MetricReport r = Metrics.evaluate(TIE_LABELS, TIE_SCORES, ThresholdRule.fixed(0.5));
        assertEquals(0.5, r.threshold());
        assertEquals(0.5, r.bpcer());
        assertEquals(0.0, r.apcer());
        // just below 0.5 both tied samples become real: TP 2, FP 1
        MetricReport below = Metrics.evaluate(TIE_LABELS, TIE_SCORES, ThresholdRule.fixed(0.4999));
        assertEquals(0.0, below.bpcer());
        assertEquals(0.5, below.apcer());
        assertEquals(0.25, below.acer());
        assertEquals(0.75, below.accuracy());
    }

    @Test
    void bestThresholdKeepsTheLowestAmongEqualAcer() {
        // candidates .1 (ACER .25), .5 (ACER .25), .9 (ACER .5): the first minimum, .1, wins
        MetricReport r = Metrics.evaluate(TIE_LABELS, TIE_SCORES, ThresholdRule.BEST);
        assertEquals(0.1, r.threshold());
        assertEquals(0.25, r.acer());
        assertEquals(0.5, r.apcer());
        assertEquals(0.25, r.eer(), 1e-11);
    }

    @Test
    void bestThresholdFindsAStrictlyBetterCandidate() {
        // real .8 .7, fake .6 .2: at .6 both reals are above and no fake is (ACER 0);
        // .2 gives ACER .25 and is tried first
        MetricReport r = Metrics.evaluate(new int[] {0, 0, 1, 1}, new double[] {.8, .7, .6, .2}, ThresholdRule.BEST);
        assertEquals(0.6, r.threshold());
        assertEquals(0.0, r.acer());
        assertEquals(1.0, r.accuracy());
        // perfectly separated: 1 - x - tpr(0) = 0 at x = 0 already
        assertEquals(0.0, r.eer());
        assertEquals(1.0, r.auc());
    }

    /*
     * real: 1, 1   fake: 1, .5  (the top score is shared by a fake)
     * ROC: fpr 0, .5, 1   tpr 0, 1, 1; on [0, .5] tpr = 2x, so EER = 1/3 on the first segment.
     * sklearn 1.3: thresholds inf, 1, .5 and the interpolated threshold is +inf (numpy retries
     * from the right end after inf - inf); sklearn 1.2: 2 + (1 - 2) * (1/3) / .5 = 4/3.
     * Either way no score is above it: TP 0, FN 2, FP 0, TN 2.
     */
    @Test
    void eerOnTheFirstSegmentGivesAnInfiniteThresholdUnderSklearn13() {
        ScoreSet set = ScoreSet.of("t", new int[] {0, 0, 1, 1}, new double[] {1, 1, 1, .5});
        MetricReport r13 = Metrics.evaluate(set, ThresholdRule.AUTO, SklearnConvention.SKLEARN_1_3);
        MetricReport r12 = Metrics.evaluate(set, ThresholdRule.AUTO, SklearnConvention.SKLEARN_1_2);
        assertEquals(1.0 / 3, r13.eer(), 1e-11);
        assertEquals(INF, r13.threshold());
        assertEquals(4.0 / 3, r12.threshold(), 1e-11);
        for (MetricReport r : new MetricReport[] {r13, r12}) {
            assertEquals(0.75, r.auc(), 1e-15);
            assertEquals(0.5, r.accuracy());
            assertEquals(1.0, r.bpcer());
            assertEquals(0.0, r.apcer());
            assertEquals(0.5, r.acer());
        }
        assertEquals(INF, r13.toMap().get("Thre").doubleValue());
    }

    @Test
    void collinearPointsAreDropped() {
        // real .8 .6 .3, fake .7 .2 .1: the points at .6 and .2 lie on straight runs and go
        RocCurve roc = RocCurve.of(ScoreSet.of("t", new int[] {0, 1, 0, 0, 1, 1},
                new double[] {.8, .7, .6, .3, .2, .1}), SklearnConvention.SKLEARN_1_3);
        assertArrayEquals(new double[] {INF, .8, .7, .3, .1}, roc.thresholds());
        assertArrayEquals(new double[] {0, 0, 1.0 / 3, 1.0 / 3, 1}, roc.fpr());
        assertArrayEquals(new double[] {0, 1.0 / 3, 1.0 / 3, 1, 1}, roc.tpr());
        assertEquals(7.0 / 9, roc.auc(), 1e-15);
    }

    @Test
    void twoDistinctScoresKeepEveryPoint() {
        RocCurve roc = RocCurve.of(ScoreSet.of("t", new int[] {0, 1}, new double[] {.4, .6}),
                SklearnConvention.SKLEARN_1_3);
        assertArrayEquals(new double[] {INF, .6, .4}, roc.thresholds());
        assertArrayEquals(new double[] {0, 1, 1}, roc.fpr());
        assertArrayEquals(new double[] {0, 0, 1}, roc.tpr());
        assertEquals(0.0, roc.auc());
    }

    @Test
    void rocEqualityIsByValue() {
        ScoreSet set = ScoreSet.of("t", TIE_LABELS, TIE_SCORES);
        RocCurve a = RocCurve.of(set, SklearnConvention.SKLEARN_1_3);
        RocCurve b = new RocCurve(a.fpr(), a.tpr(), a.thresholds());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(false, a.equals(RocCurve.of(set, SklearnConvention.SKLEARN_1_2)));
        assertEquals(true, a.toString().contains("4 points"));
    }
}
