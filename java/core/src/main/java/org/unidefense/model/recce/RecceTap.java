package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;

/**
 * Receives named intermediates of a RECCE forward (the fixtures' {@code inter_*} names without
 * the prefix: {@code enc_block4_out}, {@code decoder2_out}, {@code reasoning_agg_abc}, ...), for
 * tests and debugging. The tensors are the forward's own; copy them to keep them.
 */
@FunctionalInterface
public interface RecceTap {
    RecceTap NONE = (name, value) -> { };

    void record(String name, Tensor value);
}
