package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.sigmoid;

/**
 * Swish, x·sigmoid(x), written as that product (not libtorch's fused SiLU) so that it rounds the
 * same way as the reference's "memory-efficient" swish.
 */
public final class Swish {
    private Swish() {
    }

    public static Tensor apply(Tensor x) {
        return x.mul(sigmoid(x));
    }
}
