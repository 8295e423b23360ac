package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.unidefense.tensor.Placement;

import static org.bytedeco.pytorch.global.torch.floor;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Stochastic depth of a residual branch: in training, each sample's branch is dropped with
 * probability p and the kept ones are scaled by 1/(1-p); in evaluation it is the identity.
 */
public final class DropConnect {
    private DropConnect() {
    }

    /**
     * @param generator random source of the keep decisions, or null for libtorch's default one
     */
    public static Tensor apply(Tensor x, double p, boolean training, Generator generator) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("drop-connect rate must be in [0, 1], got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        double keep = 1 - p;
        long[] shape = {x.size(0), 1, 1, 1};
        GeneratorOptional g = generator == null ? new GeneratorOptional() : new GeneratorOptional(generator);
        Tensor u = rand(shape, g, new DimnameListOptional(), new TensorOptions(x.scalar_type()));
        // floor(keep + U[0,1)) is 1 with probability keep, 0 otherwise.
        // Drawn where the generator is (the seeded CPU one: decisions.md 3), used where x is.
        Tensor mask = Placement.onDeviceOf(floor(u.add_(new org.bytedeco.pytorch.Scalar(keep))), x);
        return x.div(new org.bytedeco.pytorch.Scalar(keep)).mul(mask);
    }
}
