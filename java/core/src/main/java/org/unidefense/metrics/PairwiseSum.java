package org.unidefense.metrics;

/**
 * numpy's pairwise summation ({@code np.add.reduce} on a contiguous float64 array): blocks of up
 * to 128 values summed with 8 interleaved accumulators, larger arrays split in halves. Used for
 * the trapezoidal AUC so that it rounds exactly like {@code np.trapz}.
 */
final class PairwiseSum {
    private static final int BLOCK = 128;
    private static final int UNROLL = 8;

    private PairwiseSum() {
    }

    static double sum(double[] a) {
        return sum(a, 0, a.length);
    }

    private static double sum(double[] a, int from, int n) {
        if (n < UNROLL) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[UNROLL];
            System.arraycopy(a, from, r, 0, UNROLL);
            int i = UNROLL;
            for (; i < n - (n % UNROLL); i += UNROLL) {
                for (int k = 0; k < UNROLL; k++) {
                    r[k] += a[from + i + k];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return sum(a, from, half) + sum(a, from + half, n - half);
    }
}
