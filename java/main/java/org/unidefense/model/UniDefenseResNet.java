package org.unidefense.model;

import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.Activation;
import org.unidefense.model.nn.AttentionOutput;
import org.unidefense.model.nn.Classifier;
import org.unidefense.model.nn.DualSpaceAttention;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.ReconstructionDistances;
import org.unidefense.model.nn.BilinearResize;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.model.resnet.PretrainedResNet;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;

/**
 * The forward pass shared by UDR18 and UDR50: extractor → (dropout) → decoder stages;
 * extractor → emb_block1 → attention (with the detached reconstruction and the clean input) →
 * emb_block2 → global average pool → bottleneck BatchNorm1d → dropout → classifier.
 * Submodules are registered in the reference's order so the state dict keeps its key order.
 */
public abstract class UniDefenseResNet extends UniDefenseModel {
    protected static final Activation ACTIVATION = Activation.RELU;
    protected static final Norm2d ENCODER_NORM = Norm2d.BATCH;
    protected static final Norm2d DECODER_NORM = Norm2d.INSTANCE;

    private final UnaryModule extractor;
    private final Module extractorModule;
    private final UnaryModule embBlock1;
    private final UnaryModule embBlock2;
    private final List<IndexedSequential> decoder = new ArrayList<>();
    private final List<UnaryOperator<Tensor>> decoderStages;
    private final BatchNorm1dImpl bottleneck;
    private final Classifier classifier;
    private final DualSpaceAttention attention;
    private final FftNorm freqNorm;

    protected <E extends Module & UnaryModule, B1 extends Module & UnaryModule, B2 extends Module & UnaryModule>
    UniDefenseResNet(String name, ModelOptions options, E extractor, B1 embBlock1, B2 embBlock2,
                     List<IndexedSequential> decoderStages, long embeddingDepth) {
        super(name, options.dropRate());
        this.freqNorm = options.freqNorm();
        this.extractor = register_module("extractor", extractor);
        this.extractorModule = extractor;
        this.embBlock1 = register_module("emb_block1", embBlock1);
        this.embBlock2 = register_module("emb_block2", embBlock2);
        for (int i = 0; i < decoderStages.size(); i++) {
            decoder.add(register_module("dec_block" + (i + 1), decoderStages.get(i)));
        }
        this.decoderStages = decoder.stream().map(s -> (UnaryOperator<Tensor>) s::forward).toList();
        this.bottleneck = register_module("bottleneck", new BatchNorm1dImpl(new BatchNormOptions(embeddingDepth)));
        // the reference freezes the bottleneck's shift (a BNNeck) but keeps it in the state dict
        bottleneck.bias().requires_grad_(false);
        this.classifier = register_module("classifier", new Classifier(embeddingDepth, options.numClasses()));
        this.attention = DualSpaceAttention.register(this, embeddingDepth, ACTIVATION, ENCODER_NORM,
                options.affine(), options.bias(), freqNorm);
    }

    public UnaryModule extractor() {
        return extractor;
    }

    /**
     * Loads ImageNet ResNet weights (the reference's {@code extractor_weights}) into the
     * extractor; see {@link PretrainedResNet}.
     *
     * @return the extractor keys the file did not provide
     */
    public List<String> loadExtractorWeights(Map<String, Tensor> weights, String what) {
        return PretrainedResNet.loadInto(extractorModule, weights, what);
    }

    public UnaryModule embBlock1() {
        return embBlock1;
    }

    public UnaryModule embBlock2() {
        return embBlock2;
    }

    public List<IndexedSequential> decoder() {
        return List.copyOf(decoder);
    }

    public DualSpaceAttention attention() {
        return attention;
    }

    @Override
    protected ModelOutput compute(Tensor x, Tensor perturbedInput) {
        return run(x, perturbedInput, true);
    }

    @Override
    protected Tensor computeScore(Tensor x) {
        return run(x, null, false).clsOut();
    }

    /** @param trainingOutputs also the full-size reconstruction, its distances and the triplet features */
    private ModelOutput run(Tensor x, Tensor perturbedInput, boolean trainingOutputs) {
        // Each part runs in its own native scope (NativeScopes): its temporaries are freed when it
        // returns, as Python frees them, instead of living to the end of the step.
        // Trace.module: a named span per submodule under 'unidefense profile', a plain call otherwise
        Tensor input = perturbedInput == null ? x : perturbedInput;
        Tensor features = NativeScopes.scoped(() -> Trace.module(extractorModule, input, extractor::forward));

        List<Tensor> decoded = new ArrayList<>();
        Tensor d = decoderDropout(features);
        if (trainingOutputs) {
            for (IndexedSequential stage : decoder) {
                d = stage.forward(d);
                decoded.add(d); // the first stage's output feeds the triplet loss
            }
        } else {
            decoded.add(NativeScopes.chain(d, decoderStages)); // only the reconstruction is kept
        }
        Tensor reconstruction = decoded.get(decoded.size() - 1);

        Tensor embedded = NativeScopes.scoped(() -> Trace.module((Module) embBlock1, features, embBlock1::forward));
        AttentionOutput att = NativeScopes.scoped(() -> Trace.module("attention",
                () -> attention.forward(reconstruction.detach(), x, embedded, this::dropout)),
                a -> List.of(a.out(), a.freqMask(), a.spatMask()));
        Tensor embedding = NativeScopes.scoped(() -> Trace.module((Module) embBlock2, att.out(), embBlock2::forward));
        Tensor pooled = adaptive_avg_pool2d(embedding, 1, 1).flatten(1, -1);
        Tensor factorization = Trace.module(bottleneck, pooled, bottleneck::forward);
        Tensor clsOut = Trace.module(classifier, dropout(factorization), classifier::forward);
        if (!trainingOutputs) {
            return new ModelOutput(clsOut, null, null, null, att.freqMask(), att.spatMask(), factorization, List.of());
        }

        List<Tensor> triplet = List.of(spatialMean(features), spatialMean(decoded.get(0)));
        Tensor rec = BilinearResize.bilinearAlignCornersLike(reconstruction, x);
        return new ModelOutput(clsOut, rec, ReconstructionDistances.spatial(rec, x),
                ReconstructionDistances.frequency(rec, x, freqNorm), att.freqMask(), att.spatMask(),
                factorization, triplet);
    }

    private static Tensor spatialMean(Tensor t) {
        return t.mean(new long[]{-2, -1}, false, new ScalarTypeOptional());
    }
}
