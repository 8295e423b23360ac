package org.unidefense.model.nn;

/** The reference passes norm classes around (nn.BatchNorm2d, nn.InstanceNorm2d); this makes one. */
@FunctionalInterface
public interface Norm2d {
    Norm2d BATCH = Layers::batchNorm2d;
    Norm2d INSTANCE = Layers::instanceNorm2d;

    Layer create(long channels, boolean affine);
}
