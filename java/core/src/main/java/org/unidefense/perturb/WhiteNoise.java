package org.unidefense.perturb;

import org.unidefense.tensor.Placement;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;

import static org.bytedeco.pytorch.global.torch.normal;

/** Additive Gaussian noise, clipped back to the normalised image range [−1, 1]. */
public final class WhiteNoise {
    /** The standard deviation the model's perturbation uses. */
    public static final double MODEL_STD = 1e-4;

    private final double std;

    public WhiteNoise() {
        this(MODEL_STD);
    }

    public WhiteNoise(double std) {
        this.std = std;
    }

    /** Draws N(0, std²) noise of x's shape from {@code generator} and adds it. */
    public Tensor apply(Tensor x, Generator generator) {
        Tensor noise = normal(0.0, std, x.sizes().vec().get(), new GeneratorOptional(generator),
                new TensorOptions(x.scalar_type()));
        return apply(x, Placement.onDeviceOf(noise, x));
    }

    /** Adds the given {@code noise} (same shape as x) and clips to [−1, 1]. */
    public Tensor apply(Tensor x, Tensor noise) {
        return x.add(noise).clip(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)));
    }

    public double std() {
        return std;
    }
}
