package org.unidefense.model;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.Dropouts;
import org.unidefense.tensor.Placement;
import org.unidefense.tensor.Tensors;

import java.util.Arrays;
import java.util.Map;

/**
 * A UniDefense model: a backbone, a reconstruction decoder, the dual-space attention and a
 * classifier. Parameters carry the reference's state-dict names.
 *
 * <p>Training hooks. The reference's forward draws hidden random numbers in train mode
 * (decisions.md 3): a fixed p=0.2 dropout of the backbone features before the decoder and
 * nn.Dropout(drop_rate) in the attention and before the classifier. Here they draw from
 * {@link #setGenerator one seeded generator}; a test or trainer can instead
 * {@link #injectDecoderDropoutMask inject} the decoder mask for one pass. The reference's random
 * input perturbation is done by the caller, which passes the perturbed batch as
 * {@code perturbedInput}: the backbone sees it, while the attention and the reconstruction
 * distances use the clean {@code x}.
 *
 * <p>Build models outside any {@code PointerScope} (they keep tensor handles for their whole
 * life); run each forward/backward step inside one.
 */
public abstract class UniDefenseModel extends Module {
    /** The hard-coded F.dropout(features, 0.2, training) before the decoder. */
    public static final double DECODER_DROPOUT = 0.2;

    private final double dropRate;
    private Generator generator;
    private Tensor injectedDecoderMask;

    protected UniDefenseModel(String name, double dropRate) {
        super(name);
        this.dropRate = dropRate;
    }

    /** Eval or train forward of a clean batch (no perturbation). */
    public final ModelOutput forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * @param x              the clean batch [N, 3, H, W] in [-1, 1]
     * @param perturbedInput what the backbone sees instead of x (the reference's noise_x), or null
     */
    public abstract ModelOutput forward(Tensor x, Tensor perturbedInput);

    /**
     * The class logits [N, num_classes] of a clean batch, the same values as
     * {@code forward(x).clsOut()}, without what only training uses: the full-size
     * reconstruction, its spatial and spectral distances to x and the triplet features. For
     * validation, testing and inference.
     */
    public abstract Tensor score(Tensor x);

    /** The reference's name of this architecture (UDR18, UDR50, UDEB4). */
    public abstract String architecture();

    public double dropRate() {
        return dropRate;
    }

    /** The source of the hidden dropout randomness in train mode; null uses libtorch's default generator. */
    public void setGenerator(Generator generator) {
        this.generator = generator;
    }

    public Generator generator() {
        return generator;
    }

    /**
     * The next train-mode forward multiplies the decoder input by this mask (already scaled,
     * e.g. 0 or 1.25) instead of drawing one; the mask is used once.
     */
    public void injectDecoderDropoutMask(Tensor mask) {
        this.injectedDecoderMask = mask;
    }

    /** The parameters and buffers by their reference names, in the reference's order. */
    public Map<String, Tensor> stateDict() {
        return StateDicts.of(this);
    }

    public ParameterCount parameterCount() {
        return ParameterCount.of(this);
    }

    /** F.dropout(features, 0.2, self.training) before the decoder, or the injected mask. */
    protected Tensor decoderDropout(Tensor features) {
        if (!is_training()) {
            return features;
        }
        Tensor mask = injectedDecoderMask;
        injectedDecoderMask = null;
        if (mask == null) {
            return Dropouts.apply(features, DECODER_DROPOUT, true, generator);
        }
        if (!Arrays.equals(Tensors.shape(mask), Tensors.shape(features))) {
            throw new IllegalArgumentException("injected decoder dropout mask has shape "
                    + Arrays.toString(Tensors.shape(mask)) + ", features have " + Arrays.toString(Tensors.shape(features)));
        }
        return features.mul(Placement.onDeviceOf(mask, features));
    }

    /** The model's nn.Dropout(drop_rate). */
    protected Tensor dropout(Tensor x) {
        return Dropouts.apply(x, dropRate, is_training(), generator);
    }
}
