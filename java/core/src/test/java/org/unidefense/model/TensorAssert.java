package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Tensors;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Elementwise closeness of tensors: |actual - expected| <= atol + rtol * |expected|. */
public final class TensorAssert {
    private TensorAssert() {
    }

    public static void assertClose(String what, float[] expected, long[] expectedShape, Tensor actual,
                                   double atol, double rtol) {
        assertArrayEquals(expectedShape, Tensors.shape(actual), what + ": shape");
        assertClose(what, expected, Tensors.toFloats(actual), atol, rtol);
    }

    public static void assertClose(String what, Tensor expected, Tensor actual, double atol, double rtol) {
        assertArrayEquals(Tensors.shape(expected), Tensors.shape(actual), what + ": shape");
        assertClose(what, Tensors.toFloats(expected), Tensors.toFloats(actual), atol, rtol);
    }

    public static void assertClose(String what, float[] expected, float[] actual, double atol, double rtol) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " elements, expected " + expected.length);
        }
        int worst = -1;
        double worstExcess = 0;
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            maxAbs = Math.max(maxAbs, d);
            double excess = d - (atol + rtol * Math.abs(expected[i]));
            if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Double.isNaN(d))) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            fail(String.format("%s: element %d is %s, expected %s (max |diff| %.3g, atol %.1g rtol %.1g)",
                    what, worst, actual[worst], expected[worst], maxAbs, atol, rtol));
        }
    }

    public static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = Tensors.toFloats(a);
        float[] y = Tensors.toFloats(b);
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + Arrays.toString(Tensors.shape(a)) + " vs "
                    + Arrays.toString(Tensors.shape(b)));
        }
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs((double) x[i] - y[i]));
        }
        return m;
    }
}
