package org.unidefense.perturb;

import org.bytedeco.pytorch.DoubleVector;
import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.kNearest;

import static org.bytedeco.pytorch.global.torch.interpolate;

/**
 * The model's resolution perturbation: nearest-neighbour down by 0.75, then nearest back to
 * the input size. The way down uses scale-factor semantics, so the source index is
 * floor(dst · (float)(1/0.75)) rather than floor(dst · in/out); for 30×30 → 22×22 the two differ.
 */
public final class NearestDownscale {
    public static final double MODEL_SCALE = 0.75;

    private final double scale;

    public NearestDownscale() {
        this(MODEL_SCALE);
    }

    public NearestDownscale(double scale) {
        this.scale = scale;
    }

    /** The intermediate, downscaled images [B,C,floor(H·s),floor(W·s)]. */
    public Tensor down(Tensor x) {
        InterpolateFuncOptions o = new InterpolateFuncOptions();
        o.scale_factor().put(new DoubleVector(scale, scale));
        o.mode().put(new kNearest());
        // Python's default (None) also uses the scale directly; saying so explicitly silences
        // libtorch's once-per-call warning about the pre-1.6 behaviour.
        o.recompute_scale_factor().put(false);
        return interpolate(x, o);
    }

    /** Down and back up to x's size [B,C,H,W]. */
    public Tensor apply(Tensor x) {
        InterpolateFuncOptions o = new InterpolateFuncOptions();
        o.size().put(new LongVector(x.size(2), x.size(3)));
        o.mode().put(new kNearest());
        return interpolate(down(x), o);
    }
}
