package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

/**
 * A batched singular value decomposition A = U·diag(S)·Vh.
 *
 * @param u  left singular vectors [B,n,n]
 * @param s  singular values, descending [B,n]
 * @param vh conjugate-transposed right singular vectors [B,n,n]
 */
public record SvdFactors(Tensor u, Tensor s, Tensor vh) {
}
