package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

/**
 * The random draws of the training-time perturbation, in the order the reference makes them.
 * Implemented by {@link GeneratorRandom} on a seeded libtorch generator; tests can script it.
 */
public interface PerturbationRandom {
    /** A random permutation of 0..n−1 (int64 [n]); {@code torch.randperm(n)}. */
    Tensor permutation(long n);

    /** One uniform draw in [0,1); {@code torch.rand(1)}. */
    double uniform();

    /** One integer in [0, bound); {@code torch.randint(0, bound, (1,))}. */
    long integer(long bound);

    /** Uniform float32 draws of the given shape; {@code torch.rand(shape)}. */
    Tensor uniform(long... shape);

    /** Float32 N(0, std²) draws of the given shape; {@code torch.normal(0, std, shape)}. */
    Tensor normal(double std, long... shape);
}
