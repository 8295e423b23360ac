package org.unidefense.bench;

import java.util.Arrays;

/** Median, minimum and maximum of repeated timings (these machines are noisy: report medians). */
public record TimingStats(double medianSeconds, double minSeconds, double maxSeconds, int samples) {
    public static TimingStats of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("no timed samples");
        }
        double[] s = seconds.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new TimingStats(median, s[0], s[n - 1], n);
    }
}
