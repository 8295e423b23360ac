package org.unidefense.engine;

import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.Metrics;
import org.unidefense.metrics.SklearnConvention;
import org.unidefense.metrics.ThresholdRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores of evaluated frames: the image path (its directory is the video id), the method, the label and
 * P(real) = softmax(cls_out)[:, 0].
 */
public record ScoredFrames(List<String> paths, List<String> methods, int[] labels, double[] scores) {

    /** {@code first} then {@code second}, as the reference concatenates real and fake lists. */
    public static ScoredFrames concat(ScoredFrames first, ScoredFrames second) {
        List<String> p = new ArrayList<>(first.paths);
        p.addAll(second.paths);
        List<String> m = new ArrayList<>(first.methods);
        m.addAll(second.methods);
        int[] l = IntStream.concat(Arrays.stream(first.labels), Arrays.stream(second.labels)).toArray();
        double[] s = new double[first.scores.length + second.scores.length];
        System.arraycopy(first.scores, 0, s, 0, first.scores.length);
        System.arraycopy(second.scores, 0, s, first.scores.length, second.scores.length);
        return new ScoredFrames(p, m, l, s);
    }

    public int size() {
        return labels.length;
    }

    public MetricReport frameMetrics(ThresholdRule rule) {
        return Metrics.evaluate(labels, scores, rule);
    }

    /** Frame- and video-level metrics (frame scores averaged per video), each with {@code rule}. */
    public LevelReports frameAndVideo(ThresholdRule rule) {
        return Metrics.frameAndVideo(paths, labels, scores, rule, SklearnConvention.SKLEARN_1_3);
    }
}
