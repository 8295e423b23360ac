package org.unidefense.metrics;

import java.util.List;

/**
 * Entry point: the reference's {@code cal_metrics} on validated labels and scores.
 *
 * <p>Label 0 = real = positive class, score = P(real), predicted real when score &gt; threshold.
 * AUC, EER and the TPR at 1 %/5 % FPR do not depend on the threshold rule; the threshold, ACC,
 * TP/TN ratios, APCER, BPCER and ACER do.
 */
public final class Metrics {
    private Metrics() {
    }

    /** Metrics with the reference's pinned scikit-learn 1.3 ROC convention. */
    public static MetricReport evaluate(int[] labels, double[] scores, ThresholdRule rule) {
        return evaluate(ScoreSet.of("scores", labels, scores), rule, SklearnConvention.SKLEARN_1_3);
    }

    public static MetricReport evaluate(ScoreSet set, ThresholdRule rule, SklearnConvention convention) {
        RocCurve roc = RocCurve.of(set, convention);
        EqualErrorRate eer = EqualErrorRate.of(roc);
        double threshold = rule.choose(set, eer);
        return MetricReport.of(roc, eer, threshold, ConfusionCounts.at(set, threshold));
    }

    /**
     * Frame-level and video-level metrics of one set of frames, each level with the same rule
     * (so {@code auto} picks a separate EER threshold per level, as the reference's OCIM engine).
     */
    public static LevelReports frameAndVideo(List<String> framePaths, int[] labels, double[] scores,
                                             ThresholdRule rule, SklearnConvention convention) {
        VideoScores videos = VideoAggregator.aggregate(framePaths, labels, scores);
        MetricReport frame = evaluate(ScoreSet.of("frame level", labels, scores), rule, convention);
        MetricReport video = evaluate(videos.scores(), rule, convention);
        return new LevelReports(frame, video, videos);
    }
}
