package org.unidefense.model.nn;

import org.bytedeco.pytorch.Tensor;

/** A module written in Java with one tensor in and one tensor out. */
public interface UnaryModule {
    Tensor forward(Tensor x);
}
