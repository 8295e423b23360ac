package org.unidefense.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** numpy.interp, numpy pairwise summation and scipy brentq, against values numpy/scipy print. */
class NumericalPrimitivesTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void interpUsesTheLastOfRepeatedKnots() {
        // np.interp(0.0, [0, 0, 0, .01], [0, 1, 2, 3]) == 2.0
        assertEquals(2.0, LinearInterpolation.interp(0.0, new double[] {0, 0, 0, .01}, new double[] {0, 1, 2, 3}));
        assertEquals(2.5, LinearInterpolation.interp(0.005, new double[] {0, 0, 0, .01}, new double[] {0, 1, 2, 3}), 1e-15);
    }

    @Test
    void interpTowardsAnInfiniteKnotIsInfiniteNotNaN() {
        // np.interp(0.0099, [0, .01, .14], [inf, 1.0, .46]) == inf
        assertEquals(INF, LinearInterpolation.interp(0.0099, new double[] {0, .01, .14}, new double[] {INF, 1, .46}));
        // both ends infinite and equal: numpy returns the shared value
        assertEquals(INF, LinearInterpolation.interp(0.5, new double[] {0, 1, 2}, new double[] {INF, INF, 0}));
        // exactly on the knot: no arithmetic with the infinity
        assertEquals(1.0, LinearInterpolation.interp(0.01, new double[] {0, .01, .14}, new double[] {INF, 1, .46}));
    }

    @Test
    void interpClampsOutsideTheKnots() {
        double[] xp = {0, .5, 1};
        double[] fp = {3, 4, 5};
        assertEquals(3.0, LinearInterpolation.interp(-1, xp, fp));
        assertEquals(5.0, LinearInterpolation.interp(2, xp, fp));
        assertEquals(5.0, LinearInterpolation.interp(1, xp, fp));
        assertEquals(4.5, LinearInterpolation.interp(.75, xp, fp));
        assertEquals(true, Double.isNaN(LinearInterpolation.interp(Double.NaN, xp, fp)));
    }

    @Test
    void pairwiseSumRoundsLikeNumpy() {
        // np.add.reduce(1.0 / np.arange(1, 1001)) == 7.485470860550345 (a plain loop gives ...343)
        double[] harmonic = new double[1000];
        for (int i = 0; i < harmonic.length; i++) {
            harmonic[i] = 1.0 / (i + 1);
        }
        assertEquals(7.485470860550345, PairwiseSum.sum(harmonic), 0.0);
        // np.add.reduce(np.full(300, 0.1)) == 29.999999999999996 (a plain loop gives 30.000000000000156)
        double[] tenths = new double[300];
        java.util.Arrays.fill(tenths, 0.1);
        assertEquals(29.999999999999996, PairwiseSum.sum(tenths), 0.0);
        double naive = 0;
        for (double v : tenths) {
            naive += v;
        }
        assertNotEquals(naive, PairwiseSum.sum(tenths));
        assertEquals(6.0, PairwiseSum.sum(new double[] {1, 2, 3}));
    }

    @Test
    void brentMatchesScipyBrentq() {
        // scipy.optimize.brentq(lambda x: x*x - 2, 0, 2) == 1.4142135623731364
        assertEquals(1.4142135623731364, BrentSolver.solve(x -> x * x - 2, 0, 2), 0.0);
        // scipy.optimize.brentq(lambda x: cos(x) - x, 0, 1) == 0.7390851332151559
        assertEquals(0.7390851332151559, BrentSolver.solve(x -> Math.cos(x) - x, 0, 1), 0.0);
    }

    @Test
    void brentReturnsAnEndpointThatIsARoot() {
        assertEquals(0.0, BrentSolver.solve(x -> x, 0, 1));
        assertEquals(1.0, BrentSolver.solve(x -> x - 1, 0, 1));
    }

    @Test
    void brentRejectsABracketWithoutSignChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrentSolver.solve(x -> x * x + 1, -1, 1));
        assertEquals(true, e.getMessage().contains("different signs"));
    }

    @Test
    void brentReportsNonConvergence() {
        assertThrows(IllegalStateException.class,
                () -> BrentSolver.solve(x -> x * x - 2, 0, 2, 1e-15, 0, 2));
    }
}
