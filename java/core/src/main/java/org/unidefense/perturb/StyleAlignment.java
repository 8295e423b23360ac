package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

/** Re-colours style images to the colour statistics of the images they will be mixed into. */
@FunctionalInterface
public interface StyleAlignment {
    /** {@code source} [B,C,H,W] aligned to {@code target} [B,C,H,W], pairwise by batch index. */
    Tensor align(Tensor source, Tensor target);
}
