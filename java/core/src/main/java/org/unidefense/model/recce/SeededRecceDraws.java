package org.unidefense.model.recce;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.Dropouts;

import static org.bytedeco.pytorch.global.torch.empty_like;

/** RECCE's draws from one generator (null: libtorch's default generator), as in training. */
public final class SeededRecceDraws implements RecceDraws {
    private final Generator generator;

    public SeededRecceDraws(Generator generator) {
        this.generator = generator;
    }

    private GeneratorOptional gen() {
        return generator == null ? new GeneratorOptional() : new GeneratorOptional(generator);
    }

    @Override
    public Tensor noiseSelection(Tensor input) {
        return empty_like(input.narrow(1, 0, 1).narrow(2, 0, 1).narrow(3, 0, 1)).uniform_(0.0, 1.0, gen());
    }

    @Override
    public Tensor whiteNoise(Tensor input, double std) {
        return empty_like(input).normal_(0.0, std, gen());
    }

    @Override
    public Tensor dropoutMask(String module, Tensor like, double p) {
        return Dropouts.mask(like, p, generator);
    }
}
