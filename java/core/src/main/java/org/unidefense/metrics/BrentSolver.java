package org.unidefense.metrics;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's root finder, step for step as scipy's {@code optimize.brentq} (its C routine), so that
 * the equal error rate matches the reference to the last bits rather than only to the tolerance.
 */
public final class BrentSolver {
    /** scipy's defaults: {@code xtol=2e-12}, {@code rtol=4*eps}, {@code maxiter=100}. */
    public static final double DEFAULT_XTOL = 2e-12;
    public static final double DEFAULT_RTOL = 4 * Math.ulp(1.0);
    public static final int DEFAULT_MAX_ITERATIONS = 100;

    private BrentSolver() {
    }

    public static double solve(DoubleUnaryOperator f, double a, double b) {
        return solve(f, a, b, DEFAULT_XTOL, DEFAULT_RTOL, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * A root of {@code f} in {@code [a, b]}; {@code f(a)} and {@code f(b)} must have different signs.
     *
     * @throws IllegalArgumentException if the signs do not differ
     * @throws IllegalStateException if it does not converge within {@code maxIterations}
     */
    public static double solve(DoubleUnaryOperator f, double a, double b,
                               double xtol, double rtol, int maxIterations) {
        double xpre = a;
        double xcur = b;
        double fpre = f.applyAsDouble(xpre);
        double fcur = f.applyAsDouble(xcur);
        if (fpre == 0) {
            return xpre;
        }
        if (fcur == 0) {
            return xcur;
        }
        if (signBit(fpre) == signBit(fcur)) {
            throw new IllegalArgumentException("f(a) = " + fpre + " and f(b) = " + fcur
                    + " must have different signs");
        }
        double xblk = 0;
        double fblk = 0;
        double spre = 0;
        double scur = 0;
        for (int i = 0; i < maxIterations; i++) {
            if (fpre != 0 && fcur != 0 && signBit(fpre) != signBit(fcur)) {
                xblk = xpre;
                fblk = fpre;
                spre = scur = xcur - xpre;
            }
            if (Math.abs(fblk) < Math.abs(fcur)) {
                // keep the best estimate in xcur: rotate (pre, cur, blk)
                xpre = xcur;
                xcur = xblk;
                xblk = xpre;
                fpre = fcur;
                fcur = fblk;
                fblk = fpre;
            }
            double delta = (xtol + rtol * Math.abs(xcur)) / 2;
            double sbis = (xblk - xcur) / 2;
            if (fcur == 0 || Math.abs(sbis) < delta) {
                return xcur;
            }
            if (Math.abs(spre) > delta && Math.abs(fcur) < Math.abs(fpre)) {
                double stry;
                if (xpre == xblk) {
                    stry = -fcur * (xcur - xpre) / (fcur - fpre); // secant
                } else {
                    double dpre = (fpre - fcur) / (xpre - xcur);  // inverse quadratic
                    double dblk = (fblk - fcur) / (xblk - xcur);
                    stry = -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre));
                }
                if (2 * Math.abs(stry) < Math.min(Math.abs(spre), 3 * Math.abs(sbis) - delta)) {
                    spre = scur;
                    scur = stry;
                } else {
                    spre = sbis;
                    scur = sbis;
                }
            } else {
                spre = sbis;
                scur = sbis;
            }
            xpre = xcur;
            fpre = fcur;
            if (Math.abs(scur) > delta) {
                xcur += scur;
            } else {
                xcur += sbis > 0 ? delta : -delta;
            }
            fcur = f.applyAsDouble(xcur);
        }
        throw new IllegalStateException("Brent's method did not converge in " + maxIterations
                + " iterations (last x = " + xcur + ")");
    }

    private static boolean signBit(double v) {
        return (Double.doubleToRawLongBits(v) & Long.MIN_VALUE) != 0;
    }
}
