package org.unidefense.train;

import org.bytedeco.pytorch.Tensor;

/**
 * Supplies the decoder-dropout mask of a pass instead of drawing it (to replay a recorded
 * step). Returning null lets the model draw from its generator, which is what training does.
 */
@FunctionalInterface
public interface DecoderMaskSource {
    DecoderMaskSource DRAWN = pass -> null;

    /** @param pass 1 (clean) or 2 (perturbed) */
    Tensor mask(int pass);
}
