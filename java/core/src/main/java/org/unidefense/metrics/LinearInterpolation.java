package org.unidefense.metrics;

/**
 * Piecewise-linear interpolation with the exact semantics of {@code numpy.interp}, which is
 * what scipy's {@code interp1d(kind="linear")} delegates to for float64 data.
 *
 * <p>Two details matter for ROC curves, whose x values (FPR) repeat and whose first y value
 * (threshold) may be +Infinity: the segment used is the one starting at the <em>last</em> knot
 * {@code <= x}, and a NaN result (from {@code inf - inf}) is recomputed from the segment's right
 * end, which turns an interpolation towards an infinite knot into +Infinity instead of NaN.
 */
final class LinearInterpolation {
    private LinearInterpolation() {
    }

    /** {@code numpy.interp(x, xp, fp)} for one x; xp must be non-decreasing. */
    static double interp(double x, double[] xp, double[] fp) {
        int last = xp.length - 1;
        if (Double.isNaN(x)) {
            return x;
        }
        if (x > xp[last]) {
            return fp[last];
        }
        if (x < xp[0]) {
            return fp[0];
        }
        int j = lastIndexNotAbove(x, xp);
        if (j == last || xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double y = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(y)) {
            y = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(y) && fp[j] == fp[j + 1]) {
                y = fp[j];
            }
        }
        return y;
    }

    /** The largest j with {@code xp[j] <= x}, given {@code xp[0] <= x}. */
    private static int lastIndexNotAbove(double x, double[] xp) {
        int lo = 0;
        int hi = xp.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x >= xp[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
