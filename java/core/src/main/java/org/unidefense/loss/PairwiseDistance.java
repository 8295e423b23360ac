package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/** Euclidean distances between rows, in the expanded form the triplet loss was trained with. */
public final class PairwiseDistance {
    /** Squared distances below this are clamped before the root, so the diagonal reads 1e-6. */
    public static final double MIN_SQUARED = 1e-12;

    private PairwiseDistance() {
    }

    /**
     * {@code sqrt(clamp(|x|² + |y|² − 2·x·yᵀ, 1e-12))} for x [m,d] and y [n,d]: the expanded
     * form (not cdist) keeps the reference's rounding and its zero gradient on clamped entries.
     */
    public static Tensor euclidean(Tensor x, Tensor y) {
        long m = x.size(0);
        long n = y.size(0);
        Tensor xx = x.pow(new Scalar(2.0)).sum(new long[]{1}, true, new ScalarTypeOptional()).expand(m, n);
        Tensor yy = y.pow(new Scalar(2.0)).sum(new long[]{1}, true, new ScalarTypeOptional()).expand(n, m).t();
        Tensor squared = xx.add(yy).sub(x.matmul(y.t()).mul(new Scalar(2.0)));
        return squared.clamp(new ScalarOptional(new Scalar(MIN_SQUARED))).sqrt();
    }

    /** Rows scaled to unit L2 length, with 1e-12 added to the norm as the reference does. */
    public static Tensor normalizeRows(Tensor x) {
        Tensor norm = x.norm(new ScalarOptional(new Scalar(2.0)), new long[]{-1}, true);
        return x.div(norm.expand_as(x).add(new Scalar(1e-12)));
    }
}
