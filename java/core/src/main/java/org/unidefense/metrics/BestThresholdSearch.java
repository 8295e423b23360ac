package org.unidefense.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The threshold with the lowest ACER among the distinct scores, as the reference's
 * {@code find_best_threshold} (which never tries +Infinity or anything between scores). The
 * reference recomputes every metric per candidate; one sorted sweep gives the same counts, and
 * ACER is compared through {@link ConfusionCounts} so ties break identically (lowest wins).
 */
final class BestThresholdSearch {
    private BestThresholdSearch() {
    }

    static double find(ScoreSet set) {
        int n = set.size();
        Integer[] ascending = new Integer[n];
        Arrays.setAll(ascending, i -> i);
        Arrays.sort(ascending, Comparator.comparingDouble(set::score));

        double bestThreshold = Double.NaN;
        double bestAcer = Double.POSITIVE_INFINITY;
        int realNotAbove = 0;
        int fakeNotAbove = 0;
        for (int k = 0; k < n; k++) {
            int i = ascending[k];
            if (set.label(i) == ScoreSet.REAL) {
                realNotAbove++;
            } else {
                fakeNotAbove++;
            }
            boolean lastOfTie = k == n - 1 || set.score(ascending[k + 1]) != set.score(i);
            if (!lastOfTie) {
                continue;
            }
            // At threshold = this score, exactly the samples seen so far are predicted fake.
            ConfusionCounts c = new ConfusionCounts(set.numReal() - realNotAbove, realNotAbove,
                    set.numFake() - fakeNotAbove, fakeNotAbove);
            if (Double.isNaN(bestThreshold) || c.acer() < bestAcer) {
                bestAcer = c.acer();
                bestThreshold = set.score(i);
            }
        }
        return bestThreshold;
    }
}
