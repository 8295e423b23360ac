package org.unidefense.model.nn;

/** The reference passes activation classes around (nn.ReLU, MemoryEfficientSwish); this makes a fresh one. */
@FunctionalInterface
public interface Activation {
    /** In place, as the reference's activation(inplace=True) everywhere it passes nn.ReLU. */
    Activation RELU = Layers::reluInPlace;
    Activation SWISH = Layers::swish;

    Layer create();
}
