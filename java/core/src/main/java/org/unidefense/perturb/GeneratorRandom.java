package org.unidefense.perturb;

import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randperm;

/**
 * Perturbation draws from one libtorch CPU generator. A seeded CPU generator yields the same
 * stream as Python's {@code torch.Generator().manual_seed(seed)}, so the draws are repeatable.
 */
public final class GeneratorRandom implements PerturbationRandom {
    private final Generator generator;

    public GeneratorRandom(Generator generator) {
        this.generator = generator;
    }

    /** A fresh CPU generator seeded with {@code seed}. */
    public static GeneratorRandom seeded(long seed) {
        return new GeneratorRandom(make_generator_cpu(seed));
    }

    public Generator generator() {
        return generator;
    }

    @Override
    public Tensor permutation(long n) {
        return randperm(n, new GeneratorOptional(generator), new TensorOptions(ScalarType.Long));
    }

    @Override
    public double uniform() {
        return uniform(1).item_double();
    }

    @Override
    public long integer(long bound) {
        return randint(0, bound, new long[]{1}, new GeneratorOptional(generator)).item_long();
    }

    @Override
    public Tensor uniform(long... shape) {
        return rand(shape, new GeneratorOptional(generator), new DimnameListOptional(),
                new TensorOptions(ScalarType.Float));
    }

    @Override
    public Tensor normal(double std, long... shape) {
        return org.bytedeco.pytorch.global.torch.normal(0.0, std, shape, new GeneratorOptional(generator),
                new TensorOptions(ScalarType.Float));
    }
}
