package org.unidefense.loss;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * Cross-correlation loss between two embeddings [N,c] (Barlow-Twins style): the diagonal of
 * the standardised cross-correlation is pushed to 1, the off-diagonal to 0.
 *
 * <p>As in the reference, columns are standardised with the <em>unbiased</em> std (+1e-6) but
 * the correlation divides by N, so even identical inputs leave a small positive loss.
 */
public final class FactorizationLoss {
    public static final double DEFAULT_OFF_DIAGONAL_WEIGHT = 0.005;
    private static final double EPS = 1e-6;

    private final double offDiagonalWeight;

    public FactorizationLoss() {
        this(DEFAULT_OFF_DIAGONAL_WEIGHT);
    }

    public FactorizationLoss(double offDiagonalWeight) {
        this.offDiagonalWeight = offDiagonalWeight;
    }

    /** The loss between {@code a} and {@code b}; the trainer passes a detached pass-1 embedding as b. */
    public Tensor loss(Tensor a, Tensor b) {
        long n = a.size(0);
        Tensor c = standardize(a).t().matmul(standardize(b)).div(new Scalar((double) n));
        Tensor onDiagonal = c.diagonal().sub(new Scalar(1.0)).pow(new Scalar(2.0)).mean();
        Tensor offDiagonal = offDiagonal(c).pow(new Scalar(2.0)).mean();
        return onDiagonal.add(offDiagonal.mul(new Scalar(offDiagonalWeight)));
    }

    private static Tensor standardize(Tensor e) {
        Tensor mean = e.mean(new long[]{0}, true, new ScalarTypeOptional());
        Tensor std = e.std(new long[]{0}, true, true);
        return e.sub(mean).div(std.add(new Scalar(EPS)));
    }

    /** The off-diagonal entries of a square matrix in row-major order, as a flat view. */
    static Tensor offDiagonal(Tensor square) {
        long d = square.size(0);
        // Dropping the last element and re-rowing by d+1 puts every diagonal entry in column 0.
        return square.flatten().narrow(0, 0, d * d - 1).view(d - 1, d + 1).narrow(1, 1, d).flatten();
    }
}
