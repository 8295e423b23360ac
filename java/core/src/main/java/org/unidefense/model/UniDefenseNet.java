package org.unidefense.model;

import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.MemoryFormat;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.nn.AttentionOutput;
import org.unidefense.model.nn.Classifier;
import org.unidefense.model.nn.DualSpaceAttention;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.ReconstructionDistances;
import org.unidefense.model.nn.BilinearResize;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;
import org.unidefense.tensor.FftNorm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;

/**
 * The UniDefense network over any {@link Backbone}: backbone features → (dropout) → decoder
 * stages to a half-size reconstruction; features → embedding → dual-space attention (with the
 * detached reconstruction and the clean input) → backbone's finish → global average pool →
 * BatchNorm1d bottleneck (a BNNeck) → dropout → classifier. UDR18, UDR50 and UDEB4 are this
 * network with their backbone, decoder widths and {@link Quirks}.
 *
 * <p>Submodules are registered in the reference's order (backbone, {@code dec_blockN},
 * {@code bottleneck}, {@code classifier}, {@code freq_filter}, {@code spat_filter},
 * {@code fuse_coef}) so the state dict keeps its key names and order.
 */
public abstract class UniDefenseNet extends UniDefenseModel {
    /**
     * Where the reference networks' heads differ.
     *
     * @param tripletDecoderOutputs how many decoder stage outputs (from the first) join the
     *                              backbone features in the triplet features (UDR18/UDR50: 1, UDEB4: 2)
     * @param dropoutInPlace        the reference's classifier dropout is in place (UDEB4), so in
     *                              training the returned {@code factorization} is the dropped-out embedding
     */
    public record Quirks(int tripletDecoderOutputs, boolean dropoutInPlace) {
        /** UniDefenseModelRes18 / Res50. */
        public static final Quirks RESNET = new Quirks(1, false);
        /** UniDefenseModelEb4. */
        public static final Quirks EFFICIENTNET = new Quirks(2, true);
    }

    private final String architecture;
    private final Backbone backbone;
    private final List<IndexedSequential> decoder = new ArrayList<>();
    private final List<UnaryOperator<Tensor>> decoderStages;
    private final BatchNorm1dImpl bottleneck;
    private final Classifier classifier;
    private final DualSpaceAttention attention;
    private final FftNorm freqNorm;
    private final Quirks quirks;

    /**
     * @param decoderStages the reconstruction decoder, from the backbone features to a 3-channel image
     */
    protected UniDefenseNet(String architecture, ModelConfig config, Backbone backbone,
                            List<IndexedSequential> decoderStages, Quirks quirks) {
        super(architecture, config.dropRate());
        this.architecture = architecture;
        this.backbone = backbone;
        this.quirks = quirks;
        // The reference's freq_norm=None makes the EfficientNet's SFConvs plain convs, while its
        // torch.fft calls (attention, distances) fall back to the default "backward" norm.
        this.freqNorm = FftNorm.parse(config.freqNorm());
        // the backbone object keeps the Java peers of these modules alive (see EfficientNetBackbone)
        backbone.modules().forEach(this::register_module);
        for (int i = 0; i < decoderStages.size(); i++) {
            decoder.add(register_module("dec_block" + (i + 1), decoderStages.get(i)));
        }
        this.decoderStages = decoder.stream().map(s -> (UnaryOperator<Tensor>) s::forward).toList();
        long depth = backbone.embeddingDepth();
        bottleneck = register_module("bottleneck", new BatchNorm1dImpl(new BatchNormOptions(depth)));
        try (NoGradGuard g = new NoGradGuard()) {
            bottleneck.weight().fill_(new Scalar(1.0));
            bottleneck.bias().zero_();
        }
        // a BNNeck: the shift is frozen but stays in the state dict
        bottleneck.bias().requires_grad_(false);
        classifier = register_module("classifier", new Classifier(depth, config.numClasses()));
        attention = DualSpaceAttention.register(this, backbone.attentionDepth(), backbone.activation(), Norm2d.BATCH,
                config.affine(), config.bias(), freqNorm);
    }

    @Override
    public String architecture() {
        return architecture;
    }

    public List<IndexedSequential> decoder() {
        return List.copyOf(decoder);
    }

    public DualSpaceAttention attention() {
        return attention;
    }

    public Quirks quirks() {
        return quirks;
    }

    /**
     * Loads ImageNet backbone weights (the reference's {@code extractor_weights}) into the backbone.
     *
     * @return the backbone keys the file did not provide
     */
    public List<String> loadExtractorWeights(Map<String, Tensor> weights, String what) {
        return backbone.loadImageNetWeights(weights, what);
    }

    @Override
    public MemoryFormat preferredMemoryFormat() {
        return backbone.preferredMemoryFormat();
    }

    /** Also drives the backbone's own randomness (EfficientNet's stochastic depth). */
    @Override
    public void setGenerator(Generator generator) {
        super.setGenerator(generator);
        backbone.setGenerator(generator);
    }

    @Override
    protected ModelOutput compute(Tensor x, Tensor perturbedInput) {
        return run(x, perturbedInput, true).output();
    }

    @Override
    protected Tensor computeScore(Tensor x) {
        return run(x, null, false).output().clsOut();
    }

    /**
     * One forward pass with the maps a parity check compares.
     *
     * @param embedding     the attention's input
     * @param refined       the attention's output, input of the backbone's finish
     * @param decoderOutRaw the decoder's image before resizing to the input size
     */
    protected record Pass(ModelOutput output, Tensor features, Tensor embedding, Tensor refined,
                          Tensor decoderOutRaw) {
    }

    /** @param trainingOutputs also the full-size reconstruction, its distances and the triplet features */
    protected final Pass run(Tensor x, Tensor perturbedInput, boolean trainingOutputs) {
        // Each part runs in its own native scope (NativeScopes): its temporaries are freed when it
        // returns, as Python frees them, instead of living to the end of the step.
        Tensor input = perturbedInput == null ? x : perturbedInput;
        Tensor features = NativeScopes.scoped(() -> backbone.features(input));

        List<Tensor> decoded = new ArrayList<>();
        Tensor d = decoderDropout(features);
        if (trainingOutputs) {
            for (IndexedSequential stage : decoder) {
                d = stage.forward(d);
                decoded.add(d); // the first stages' outputs feed the triplet loss
            }
        } else {
            decoded.add(NativeScopes.chain(d, decoderStages)); // only the reconstruction is kept
        }
        Tensor reconstruction = decoded.get(decoded.size() - 1);

        Tensor embedding = NativeScopes.scoped(() -> backbone.embed(features));
        AttentionOutput att = NativeScopes.scoped(() -> Trace.module("attention",
                        () -> attention.forward(reconstruction.detach(), x, embedding, this::dropout)),
                a -> List.of(a.out(), a.freqMask(), a.spatMask()));
        Tensor finished = NativeScopes.scoped(() -> backbone.finish(att.out()));
        Tensor pooled = adaptive_avg_pool2d(finished, 1, 1).flatten(1, -1);
        Tensor normalised = Trace.module(bottleneck, pooled, bottleneck::forward);
        Tensor dropped = dropout(normalised);
        Tensor factorization = quirks.dropoutInPlace() ? dropped : normalised;
        Tensor clsOut = Trace.module(classifier, dropped, classifier::forward);
        if (!trainingOutputs) {
            return new Pass(new ModelOutput(clsOut, null, null, null, att.freqMask(), att.spatMask(), factorization,
                    List.of()), features, embedding, att.out(), reconstruction);
        }

        List<Tensor> triplet = new ArrayList<>();
        triplet.add(spatialMean(features));
        for (int i = 0; i < quirks.tripletDecoderOutputs(); i++) {
            triplet.add(spatialMean(decoded.get(i)));
        }
        Tensor rec = BilinearResize.bilinearAlignCornersLike(reconstruction, x);
        ModelOutput out = new ModelOutput(clsOut, rec, ReconstructionDistances.spatial(rec, x),
                ReconstructionDistances.frequency(rec, x, freqNorm), att.freqMask(), att.spatMask(),
                factorization, List.copyOf(triplet));
        return new Pass(out, features, embedding, att.out(), reconstruction);
    }

    private static Tensor spatialMean(Tensor t) {
        return t.mean(new long[]{-2, -1}, false, new ScalarTypeOptional());
    }
}
