package org.unidefense.model.nn;

/**
 * The attention's frequency filter: works on the real/imaginary spectrum layout (2*depth
 * channels) with a 1x1 projection; the difference input has 6 channels (|spectrum difference|
 * of the 3-channel prediction and image).
 */
public class FrequencyDynamicFilter extends DynamicFilter {
    public FrequencyDynamicFilter(long depth, Activation activation, Norm2d norm, boolean affine, boolean bias) {
        super("FrequencyDynamicFilter", Layers.conv2d(2 * depth, 2 * depth, 1, 1, 0, bias), 2 * depth, 6,
                activation, norm, affine, bias);
    }
}
