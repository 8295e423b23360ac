package org.unidefense.model;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.config.MemoryFormat;
import org.unidefense.config.Precision;
import org.unidefense.tensor.Autocast;
import org.unidefense.model.nn.Dropouts;
import org.unidefense.tensor.MemoryLayouts;
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
    private MemoryFormat memoryFormat = MemoryFormat.CONTIGUOUS;
    private Precision precision = Precision.FP32;
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
     * The forward pass in the model's {@linkplain #usePrecision precision}; every output in float32.
     *
     * @param x              the clean batch [N, 3, H, W] in [-1, 1]
     * @param perturbedInput what the backbone sees instead of x (the reference's noise_x), or null
     */
    public final ModelOutput forward(Tensor x, Tensor perturbedInput) {
        if (precision == Precision.FP32) {
            return compute(x, perturbedInput);
        }
        ModelOutput out;
        try (Autocast ignored = Autocast.enter(precision, deviceType())) {
            out = compute(x, perturbedInput);
        }
        return out.toFloat();
    }

    /**
     * The class logits [N, num_classes] of a clean batch, the same values as
     * {@code forward(x).clsOut()}, without what only training uses: the full-size
     * reconstruction, its spatial and spectral distances to x and the triplet features. For
     * validation, testing and inference. In the model's precision; the logits in float32.
     */
    public final Tensor score(Tensor x) {
        if (precision == Precision.FP32) {
            return computeScore(x);
        }
        Tensor logits;
        try (Autocast ignored = Autocast.enter(precision, deviceType())) {
            logits = computeScore(x);
        }
        return logits.to(ScalarType.Float);
    }

    /** {@link #forward(Tensor, Tensor)} of the architecture, run inside the precision's autocast scope. */
    protected abstract ModelOutput compute(Tensor x, Tensor perturbedInput);

    /** {@link #score(Tensor)} of the architecture, run inside the precision's autocast scope. */
    protected abstract Tensor computeScore(Tensor x);

    /**
     * Runs convolutions and matrix products in {@code precision} (autocast, see {@link Autocast});
     * FFTs, losses and normalisation statistics stay in float32. fp32 is the default and the
     * mode checked against the reference's fixtures.
     */
    public UniDefenseModel usePrecision(Precision precision) {
        this.precision = precision;
        return this;
    }

    public Precision precision() {
        return precision;
    }

    /** Where the parameters live (autocast is enabled per device type); read per mixed-precision forward, as the model may move. */
    private DeviceType deviceType() {
        try (PointerScope ignored = new PointerScope()) {
            TensorVector params = parameters();
            return params.size() == 0 ? DeviceType.CPU : params.get(0).device().type();
        }
    }

    /**
     * Lays the convolution weights out in {@code format}; activations follow (see
     * {@link MemoryLayouts}). Call it before building an optimizer or loading weights is fine
     * either way: parameters keep their identity.
     */
    public UniDefenseModel useMemoryFormat(MemoryFormat format) {
        MemoryLayouts.apply(this, format);
        this.memoryFormat = format;
        return this;
    }

    /**
     * The layout this architecture trains and evaluates faster in (measured, docs/performance.md):
     * channels-last for the ResNet models; see the overrides.
     */
    public MemoryFormat preferredMemoryFormat() {
        return MemoryFormat.CHANNELS_LAST;
    }

    public MemoryFormat memoryFormat() {
        return memoryFormat;
    }

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
