package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

/** A matrix "square root" of batched covariance matrices [B,n,n], as CORAL needs it. */
interface CovarianceRoot {
    Tensor root(Tensor covariance, CoralOperand operand);

    Tensor inverseRoot(Tensor covariance, CoralOperand operand);
}
