package org.unidefense.model.nn;

/** The reference passes activation classes around (nn.ReLU, MemoryEfficientSwish); this makes a fresh one. */
@FunctionalInterface
public interface Activation {
    Activation RELU = Layers::relu;
    Activation SWISH = Layers::swish;

    Layer create();
}
