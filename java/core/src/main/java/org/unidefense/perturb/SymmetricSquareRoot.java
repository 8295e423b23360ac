package org.unidefense.perturb;

import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.linalg_eigh;

/**
 * The principal square root of symmetric positive-definite matrices, batched, from one
 * eigendecomposition: M = V·diag(√w)·Vᵀ, so M·M = A and M is independent of eigenvector signs.
 */
public final class SymmetricSquareRoot implements CovarianceRoot {
    /** M with M·M = A, for A [B,n,n]. */
    public static Tensor sqrt(Tensor spd) {
        T_TensorTensor_T wv = linalg_eigh(spd, "L");
        return recompose(wv.get1(), wv.get0().sqrt());
    }

    /** M⁻¹ with M·M = A, computed from the eigenvalues directly (no matrix inverse). */
    public static Tensor inverseSqrt(Tensor spd) {
        T_TensorTensor_T wv = linalg_eigh(spd, "L");
        return recompose(wv.get1(), wv.get0().rsqrt());
    }

    private static Tensor recompose(Tensor vectors, Tensor scales) {
        return vectors.mul(scales.unsqueeze(-2)).matmul(vectors.transpose(-2, -1));
    }

    @Override
    public Tensor root(Tensor covariance, CoralOperand operand) {
        return sqrt(covariance);
    }

    @Override
    public Tensor inverseRoot(Tensor covariance, CoralOperand operand) {
        return inverseSqrt(covariance);
    }
}
