package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.linalg_inv;

/**
 * The reference's "square root" U·diag(√S)·Vhᵀ. It treats the SVD's third factor as V although
 * it is Vᵀ, so for a symmetric matrix it yields U·√S·U-like products that change with the
 * decomposition's sign choices. Kept to reproduce the published training runs.
 */
final class ReferenceSvdRoot implements CovarianceRoot {
    private final SvdProvider svd;

    ReferenceSvdRoot(SvdProvider svd) {
        this.svd = svd;
    }

    static Tensor fromFactors(SvdFactors f) {
        return f.u().mul(f.s().sqrt().unsqueeze(-2)).matmul(f.vh().transpose(-2, -1));
    }

    @Override
    public Tensor root(Tensor covariance, CoralOperand operand) {
        return fromFactors(svd.decompose(covariance, operand));
    }

    @Override
    public Tensor inverseRoot(Tensor covariance, CoralOperand operand) {
        return linalg_inv(root(covariance, operand));
    }
}
