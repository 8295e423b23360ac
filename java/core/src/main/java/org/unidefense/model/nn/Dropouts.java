package org.unidefense.model.nn;

import org.bytedeco.pytorch.DeviceOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.Placement;

import static org.bytedeco.pytorch.global.torch.empty_like;

/**
 * Inverted dropout drawing from an explicit generator, so the model's hidden randomness is
 * repeatable from a seed (decisions.md 3). Same arithmetic as F.dropout: keep with
 * probability 1-p and scale kept values by 1/(1-p).
 */
public final class Dropouts {
    private Dropouts() {
    }

    /** A mask of the shape of {@code like}: 1/(1-p) where kept, 0 elsewhere. */
    public static Tensor mask(Tensor like, double p, Generator generator) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("dropout probability " + p + " outside [0, 1]");
        }
        // A generator draws on its own device (the seeded CPU one even for a GPU model, so that
        // every device sees the same masks: decisions.md 3); the mask then moves to like's device.
        boolean elsewhere = generator != null && !Placement.sameDevice(generator.device(), like.device());
        Tensor keep = (elsewhere ? empty_like(like, like.options().device(new DeviceOptional(generator.device())),
                new MemoryFormatOptional()) : empty_like(like)).bernoulli_(1.0 - p,
                generator == null ? new GeneratorOptional() : new GeneratorOptional(generator));
        Tensor mask = p == 1.0 ? keep : keep.div_(new org.bytedeco.pytorch.Scalar(1.0 - p));
        return elsewhere ? Placement.onDeviceOf(mask, like) : mask;
    }

    /** x unchanged in eval mode or for p = 0; x * mask otherwise. */
    public static Tensor apply(Tensor x, double p, boolean training, Generator generator) {
        if (!training || p == 0.0) {
            return x;
        }
        return x.mul(mask(x, p, generator));
    }
}
