package org.unidefense.model.nn;

/**
 * The attention's spatial filter: a 3x3 projection of the embedding; the difference input has
 * 3 channels (|prediction - image| at embedding resolution).
 */
public class SpatialDynamicFilter extends DynamicFilter {
    public SpatialDynamicFilter(long depth, Activation activation, Norm2d norm, boolean affine, boolean bias) {
        super("SpatialDynamicFilter", Layers.conv2d(depth, depth, 3, 1, 1, bias), depth, 3,
                activation, norm, affine, bias);
    }
}
