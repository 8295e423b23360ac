package org.unidefense.perturb;

import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.T_TensorTensorTensor_T;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.linalg_svd;

/**
 * Where the reference-mode CORAL gets its SVDs. The reference's output depends on the SVD's
 * sign convention, so a caller can substitute factors computed elsewhere (for instance the
 * ones stored with the reference fixtures) for libtorch's own LAPACK decomposition.
 */
@FunctionalInterface
public interface SvdProvider {
    /** Decomposes the batch of matrices [B,n,n] belonging to {@code operand}. */
    SvdFactors decompose(Tensor matrices, CoralOperand operand);

    /** libtorch's {@code linalg_svd} (full matrices). */
    static SvdProvider lapack() {
        return (matrices, operand) -> {
            T_TensorTensorTensor_T usv = linalg_svd(matrices, true, new StringViewOptional());
            return new SvdFactors(usv.get0(), usv.get1(), usv.get2());
        };
    }
}
