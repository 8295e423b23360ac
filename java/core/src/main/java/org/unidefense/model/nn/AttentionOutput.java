package org.unidefense.model.nn;

import org.bytedeco.pytorch.Tensor;

/** The dual-space attention's refined embedding and its two masks. */
public record AttentionOutput(Tensor out, Tensor freqMask, Tensor spatMask) {
}
