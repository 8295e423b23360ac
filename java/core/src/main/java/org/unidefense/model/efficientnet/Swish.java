package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.silu;

/**
 * Swish, x·sigmoid(x), as libtorch's fused SiLU. The reference's "memory-efficient" swish keeps
 * only x for backward and differentiates as sigmoid(x)·(1 + x·(1 − sigmoid(x))), which is SiLU's
 * own backward; written as the product x.mul(sigmoid(x)), autograd kept both x and sigmoid(x)
 * per activation and ran four kernels where SiLU runs one each way. The forward differs from the
 * reference's product by at most one float rounding (x / (1 + e^−x) against x · (1 / (1 + e^−x))).
 */
public final class Swish {
    private Swish() {
    }

    public static Tensor apply(Tensor x) {
        return silu(x);
    }
}
