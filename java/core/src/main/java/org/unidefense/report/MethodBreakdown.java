package org.unidefense.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.unidefense.metrics.ScoreSet;

/**
 * Per-method results at one threshold: how many samples, their mean score and the share
 * classified correctly (real when score &gt; threshold, as the metrics), e.g. to see which forgery
 * method or attack instrument slips through.
 */
public record MethodBreakdown(String method, String label, int count, double meanScore, double accuracy) {

    /** Rows in order of each method's first sample; a method with both classes gets one row per class. */
    public static List<MethodBreakdown> of(double[] scores, int[] labels, String[] methods, double threshold) {
        Map<String, double[]> acc = new LinkedHashMap<>(); // count, score sum, correct
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < scores.length; i++) {
            String cls = labels[i] == ScoreSet.REAL ? ScoreHistogram.REAL : ScoreHistogram.ATTACK;
            String key = methods[i] + '\u0000' + cls;
            keys.putIfAbsent(key, new String[] {methods[i], cls});
            double[] a = acc.computeIfAbsent(key, k -> new double[3]);
            boolean predictedReal = scores[i] > threshold;
            a[0]++;
            a[1] += scores[i];
            a[2] += predictedReal == (labels[i] == ScoreSet.REAL) ? 1 : 0;
        }
        List<MethodBreakdown> rows = new ArrayList<>();
        acc.forEach((k, a) -> rows.add(new MethodBreakdown(keys.get(k)[0], keys.get(k)[1], (int) a[0], a[1] / a[0],
                a[2] / a[0])));
        return rows;
    }
}
