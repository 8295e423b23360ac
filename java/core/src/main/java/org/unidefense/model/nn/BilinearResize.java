package org.unidefense.model.nn;

import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.kBilinear;

import static org.bytedeco.pytorch.global.torch.interpolate;

/** The reference's module-level {@code interpolate}: bilinear with align_corners=True. */
public final class BilinearResize {
    private BilinearResize() {
    }

    public static Tensor bilinearAlignCorners(Tensor x, long height, long width) {
        InterpolateFuncOptions o = new InterpolateFuncOptions();
        o.size().put(new LongVector(height, width));
        o.mode().put(new kBilinear());
        o.align_corners().put(true);
        return interpolate(x, o);
    }

    /** Resized to the spatial size of {@code like}. */
    public static Tensor bilinearAlignCornersLike(Tensor x, Tensor like) {
        return bilinearAlignCorners(x, like.size(-2), like.size(-1));
    }
}
