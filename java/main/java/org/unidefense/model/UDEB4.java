package org.unidefense.model;

import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unidefense.UserInputException;
import org.unidefense.config.MemoryFormat;
import org.unidefense.model.efficientnet.EfficientNetBackbone;
import org.unidefense.model.efficientnet.GlobalParams;
import org.unidefense.model.efficientnet.PretrainedWeights;
import org.unidefense.model.nn.Activation;
import org.unidefense.model.nn.AttentionOutput;
import org.unidefense.model.nn.Classifier;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.nn.DualSpaceAttention;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.ReconstructionDistances;
import org.unidefense.model.nn.BilinearResize;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;

/**
 * UniDefense with an EfficientNet backbone (the reference's UniDefenseModelEb4, default
 * {@code efficientnet-b4}). The backbone's blocks are cut into 7 groups at {@code delimiter}
 * (B4: [2, 6, 10, 16, 22, 30, 32], its stage ends); group 4's output feeds three swish/InstanceNorm
 * decoder stages, group 5's output is refined by the dual-space attention, and groups 6 and the
 * head give the embedding that a BatchNorm1d bottleneck normalises for the classifier.
 *
 * <p>Reference details kept: SAME paddings are planned for {@code image_size} (default: the
 * variant's 380), not for the actual input; stochastic depth (rate 0.2·i/32) in training; the
 * dropout before the classifier is in place in the reference, so in training the returned
 * {@code factorization} is the <em>dropped-out</em> embedding (unlike UDR18/UDR50).
 */
public class UDEB4 extends UniDefenseModel {
    public static final String NAME = "UDEB4";
    public static final String DEFAULT_EXTRACTOR = "efficientnet-b4";
    private static final Activation ACTIVATION = Activation.SWISH;
    private static final Logger LOG = LoggerFactory.getLogger(UDEB4.class);

    private final EfficientNetBackbone backbone;
    private final List<IndexedSequential> decoder;
    private final BatchNorm1dImpl bottleneck;
    private final Classifier classifier;
    private final DualSpaceAttention attention;
    private final FftNorm freqNorm;
    private final int[] delimiter;
    private boolean sizeMismatchLogged;

    public UDEB4(ModelOptions o) {
        this(o, null);
    }

    /**
     * @param delimiter block index ending each of the 7 block groups, or null for the backbone's stage ends
     */
    public UDEB4(ModelOptions o, int[] delimiter) {
        super(NAME, o.dropRate());
        // The reference's freq_norm=None turns the backbone's SFConvs into plain convs, while its
        // torch.fft calls (attention, distances) fall back to the default "backward" norm.
        this.freqNorm = o.freqNorm() == null ? FftNorm.BACKWARD : o.freqNorm();
        String extractor = o.extractor() == null ? DEFAULT_EXTRACTOR : o.extractor();
        GlobalParams params;
        try {
            params = GlobalParams.of(extractor);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model " + NAME + ": " + e.getMessage());
        }
        if (o.imageSize() != null) {
            if (o.imageSize() < 1) {
                throw new UserInputException("model " + NAME + ": image_size must be positive, got " + o.imageSize());
            }
            params = params.withImageSize(o.imageSize());
        }
        params = params.withDropoutRate(o.dropRate()).withFreqNorm(o.freqNorm());

        // checked before the (large) backbone is built
        int[] checked = delimiter == null ? null : checkDelimiter(delimiter, EfficientNetBackbone.blockCount(params));
        backbone = register_module("backbone", EfficientNetBackbone.of(params));
        this.delimiter = checked == null ? backbone.stageEnds().stream().mapToInt(Integer::intValue).toArray() : checked;
        long decoderIn = groupOutputChannels(4);
        long attentionDepth = groupOutputChannels(5);
        long d1 = decoderIn / 2;
        long d2 = d1 / 2;
        long d3 = d2 / 2;
        decoder = List.of(
                register_module("dec_block1", DecoderStage.build(decoderIn, d1, d1, false,
                        Norm2d.INSTANCE, ACTIVATION, o.affine(), o.bias())),
                register_module("dec_block2", DecoderStage.build(d1, d2, d2, false,
                        Norm2d.INSTANCE, ACTIVATION, o.affine(), o.bias())),
                register_module("dec_block3", DecoderStage.build(d2, d3, d3, true,
                        Norm2d.INSTANCE, ACTIVATION, o.affine(), o.bias())));

        int features = backbone.numFeatures();
        bottleneck = register_module("bottleneck", new BatchNorm1dImpl(new BatchNormOptions(features)));
        try (NoGradGuard g = new NoGradGuard()) {
            bottleneck.weight().fill_(new org.bytedeco.pytorch.Scalar(1.0));
            bottleneck.bias().zero_();
        }
        // a BNNeck: the shift is frozen but stays in the state dict
        bottleneck.bias().requires_grad_(false);
        classifier = register_module("classifier", new Classifier(features, o.numClasses()));
        attention = DualSpaceAttention.register(this, attentionDepth, ACTIVATION, Norm2d.BATCH,
                o.affine(), o.bias(), freqNorm);
    }

    private static int[] checkDelimiter(int[] d, int blocks) {
        boolean ok = d.length == 7 && d[6] == blocks;
        for (int i = 0; ok && i < d.length; i++) {
            ok = d[i] > (i == 0 ? 0 : d[i - 1]);
        }
        if (!ok) {
            throw new UserInputException("model " + NAME + ": delimiter must be 7 increasing block indices ending at "
                    + blocks + ", got " + java.util.Arrays.toString(d));
        }
        return d.clone();
    }

    /** Output channels of block group {@code g} (its last block's output). */
    private long groupOutputChannels(int g) {
        return backbone.blocks().get(delimiter[g] - 1).args().outputFilters();
    }

    @Override
    public String architecture() {
        return NAME;
    }

    public EfficientNetBackbone backbone() {
        return backbone;
    }

    public List<IndexedSequential> decoder() {
        return decoder;
    }

    public DualSpaceAttention attention() {
        return attention;
    }

    /**
     * Loads ImageNet EfficientNet weights (lukemelas key names, {@code _fc.*} ignored) into the
     * backbone, as the reference's {@code extractor_weights}; the SFConv-only parameters keep
     * their initial values.
     *
     * @return the backbone keys the checkpoint could not provide (the SFConv ones)
     */
    public List<String> loadExtractorWeights(Map<String, Tensor> checkpoint, String what) {
        return PretrainedWeights.load(backbone, checkpoint, what);
    }

    public int[] delimiter() {
        return delimiter.clone();
    }

    /** Also drives the backbone's stochastic depth. */
    @Override
    public void setGenerator(Generator generator) {
        super.setGenerator(generator);
        backbone.setDropConnectGenerator(generator);
    }

    /**
     * Contiguous: measured in one process on 2 cores, a 2+2 @380² training step took 13.9 s
     * contiguous vs 16.1 s channels-last, and an eval batch of 16 6.98 s vs 7.60 s (oneDNN's
     * channels-last depthwise kernels lose what the 1×1 convolutions gain).
     */
    @Override
    public MemoryFormat preferredMemoryFormat() {
        return MemoryFormat.CONTIGUOUS;
    }

    @Override
    protected ModelOutput compute(Tensor x, Tensor perturbedInput) {
        return forwardTraced(x, perturbedInput).output();
    }

    @Override
    protected Tensor computeScore(Tensor x) {
        return forwardTraced(x, null, false).output().clsOut();
    }

    /** The forward pass together with the intermediate feature maps (for checks and feature export). */
    public Udeb4Trace forwardTraced(Tensor x, Tensor perturbedInput) {
        return forwardTraced(x, perturbedInput, true);
    }

    /** @param trainingOutputs also the full-size reconstruction, its distances and the triplet features */
    private Udeb4Trace forwardTraced(Tensor x, Tensor perturbedInput, boolean trainingOutputs) {
        warnOnceIfNotPlannedSize(x);
        // chained: the stem's and the first stages' maps (the largest) are freed once read
        Tensor h = NativeScopes.chain(perturbedInput == null ? x : perturbedInput,
                List.of(backbone::stem, in -> group(in, 0), in -> group(in, 1)));
        Tensor xb2 = group(h, 2);
        Tensor xb3 = group(xb2, 3);
        Tensor xb4 = group(xb3, 4);

        Tensor dec1 = decoder.get(0).forward(decoderDropout(xb4));
        Tensor dec2 = decoder.get(1).forward(dec1);
        Tensor dec3 = decoder.get(2).forward(dec2);

        Tensor xb5 = group(xb4, 5);
        AttentionOutput att = NativeScopes.scoped(
                () -> Trace.module("attention", () -> attention.forward(dec3.detach(), x, xb5, this::dropout)),
                a -> List.of(a.out(), a.freqMask(), a.spatMask()));
        Tensor xb6 = group(att.out(), 6);

        Tensor pooled = adaptive_avg_pool2d(backbone.head(xb6), 1, 1).flatten(1, -1);
        // the reference's dropout here is in place: the returned embedding is the dropped-out one
        Tensor factorization = dropout(Trace.module(bottleneck, pooled, bottleneck::forward));
        Tensor clsOut = Trace.module(classifier, factorization, classifier::forward);

        if (!trainingOutputs) {
            ModelOutput scores = new ModelOutput(clsOut, null, null, null, att.freqMask(), att.spatMask(),
                    factorization, List.of());
            return new Udeb4Trace(scores, xb2, xb3, xb4, xb5, att.out(), xb6, dec3);
        }
        List<Tensor> triplet = List.of(spatialMean(xb4), spatialMean(dec1), spatialMean(dec2));
        Tensor rec = BilinearResize.bilinearAlignCornersLike(dec3, x);
        ModelOutput out = new ModelOutput(clsOut, rec, ReconstructionDistances.spatial(rec, x),
                ReconstructionDistances.frequency(rec, x, freqNorm), att.freqMask(), att.spatMask(),
                factorization, triplet);
        return new Udeb4Trace(out, xb2, xb3, xb4, xb5, att.out(), xb6, dec3);
    }

    /** The paddings are planned for image_size; another input size works but differs from training. */
    private void warnOnceIfNotPlannedSize(Tensor x) {
        int planned = backbone.params().imageSize();
        if (!sizeMismatchLogged && (x.size(-2) != planned || x.size(-1) != planned)) {
            sizeMismatchLogged = true;
            LOG.warn("{}: input is {}x{} but the EfficientNet paddings are planned for image_size {} "
                    + "(as in the reference); set image_size to the input size to plan them for it",
                    NAME, x.size(-2), x.size(-1), planned);
        }
    }

    private Tensor group(Tensor x, int g) {
        return backbone.blocks(x, g == 0 ? 0 : delimiter[g - 1], delimiter[g]);
    }

    private static Tensor spatialMean(Tensor t) {
        return t.mean(new long[]{-2, -1}, false, new ScalarTypeOptional());
    }
}
