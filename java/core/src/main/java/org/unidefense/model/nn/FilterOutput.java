package org.unidefense.model.nn;

import org.bytedeco.pytorch.Tensor;

/** A dynamic filter's result: the [N,1,h,w] mask and the masked input. */
public record FilterOutput(Tensor mask, Tensor out) {
}
