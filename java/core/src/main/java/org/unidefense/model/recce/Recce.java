package org.unidefense.model.recce;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.model.ModelOutput;
import org.unidefense.model.StateDictLoader;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.BilinearResize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.clamp;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * RECCE (VISION-SJTU/RECCE {@code model/network/Recce.py}) with the reference's state-dict keys:
 * {@code encoder.*} (timm legacy Xception), {@code fc}, {@code attention}, {@code reasoning},
 * {@code decoder1..6}.
 *
 * <p>Forward: stem and blocks 1-4 give the embedding (728 channels, h x w). The decoder
 * (nearest x2 + separable conv stages and two Xception blocks, then 1x1 conv and tanh) rebuilds the
 * image from the dropped-out embedding; the encoder goes on from the un-dropped embedding through
 * blocks 5-7, adds the graph reasoning over the encoder map and the decoder2/decoder4 maps, runs
 * block8, the reconstruction-guided attention, blocks 9-12 and the exit flow, then average pool,
 * dropout and {@code fc}. In train mode the encoder (only) sees the input with white noise of std
 * 1e-6 added to a random half of the samples. The three correlation matrices of block4, decoder2
 * and decoder4 features feed the metric-learning loss.
 *
 * <p>The random numbers of a train-mode forward come from {@link #setDraws}. Build the model
 * outside any PointerScope; run each step inside one.
 *
 * <p>Scores. This project reports P(real) everywhere, as softmax(logits)[:, 0] of a two-class
 * model. {@link #score} therefore returns RECCE's single fake logit l as the two columns [0, l],
 * whose softmax gives P(real) = sigmoid(-l) = 1 - P(fake) exactly. With {@code num_classes: 2}
 * (RECCE's cross-entropy setting, class 0 = real) the logits are returned as they are.
 *
 * <p>Why a {@link UniDefenseModel}: the engine, the protocols, checkpoints and the Detector take
 * that type, and need only its scoring, state dict and generator. RECCE is trained by
 * {@code RecceStep} from {@link #run}; UniDefense's two-pass {@link #forward(Tensor, Tensor)}
 * does not exist for it and throws.
 */
public final class Recce extends UniDefenseModel {
    public static final String NAME = "Recce";
    /** The encoder's backbone name, for its ImageNet weights (OfficialWeights). */
    public static final String ENCODER = "xception";
    /** std of the white noise of Recce.add_white_noise. */
    public static final double NOISE_STD = 1e-6;

    private final int numClasses;
    private final XceptionEncoder encoder;
    private final LinearImpl fc;
    private final GuidedAttention attention;
    private final GraphReasoning reasoning;
    private final IndexedSequential decoder1;
    private final XceptionBlock decoder2;
    private final IndexedSequential decoder3;
    private final XceptionBlock decoder4;
    private final IndexedSequential decoder5;
    private final IndexedSequential decoder6;
    private final SiteDropout dropout;
    private RecceDraws draws = new SeededRecceDraws(null);

    public Recce(int numClasses, double dropRate) {
        super(NAME, dropRate);
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be at least 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        encoder = register_module("encoder", new XceptionEncoder());
        // registered in the reference's order; the dropout holds no state and so is not in the state dict
        dropout = new SiteDropout("dropout", dropRate, this::draws);
        fc = register_module("fc", new LinearImpl(XceptionEncoder.FEATURES, numClasses));
        attention = register_module("attention", new GuidedAttention(XceptionEncoder.MIDDLE, dropRate, this::draws));
        reasoning = register_module("reasoning",
                new GraphReasoning(XceptionEncoder.MIDDLE, 256, 256, 256, 128, 256, dropRate, this::draws));
        decoder1 = register_module("decoder1", upStage(XceptionEncoder.MIDDLE, 256));
        decoder2 = register_module("decoder2", new XceptionBlock(256, 256, 3, 1));
        decoder3 = register_module("decoder3", upStage(256, 128));
        decoder4 = register_module("decoder4", new XceptionBlock(128, 128, 3, 1));
        decoder5 = register_module("decoder5", upStage(128, 64));
        decoder6 = register_module("decoder6", new IndexedSequential()
                .add(Layers.conv2d(64, 3, 1, 1, 0, false)).add(Layers.tanh()));
        register_module("dropout", dropout);
    }

    /** nn.UpsamplingNearest2d(2), SeparableConv2d(in, out), BatchNorm2d, ReLU. */
    private static IndexedSequential upStage(long in, long out) {
        return new IndexedSequential()
                .add(new Layer(new Module("UpsamplingNearest2d"), Recce::upsampleNearest2x))
                .add(Layer.of(new SeparableConv2d(in, out)))
                .add(Layers.batchNorm2d(out, true))
                .add(Layers.relu());
    }

    private static Tensor upsampleNearest2x(Tensor x) {
        org.bytedeco.pytorch.LongOptional none = new org.bytedeco.pytorch.LongOptional();
        return x.repeat_interleave(2, new org.bytedeco.pytorch.LongOptional(2), none)
                .repeat_interleave(2, new org.bytedeco.pytorch.LongOptional(3), none);
    }

    /** The forward of the class comment: the reference's {@code model(x)} and its {@code loss_inputs}. */
    public RecceOutput run(Tensor x) {
        return run(x, RecceTap.NONE);
    }

    /** As {@link #run(Tensor)}; {@code tap} sees the named intermediates. */
    public RecceOutput run(Tensor x, RecceTap tap) {
        List<Tensor> contra = new ArrayList<>(3);
        Tensor noiseX = is_training() ? addWhiteNoise(x) : x;
        Tensor stem = encoder.stem(noiseX);
        Tensor b2 = encoder.blocks(stem, 1, 2);
        tap.record("enc_block2_out", b2);
        Tensor embedding = encoder.blocks(b2, 3, 4);
        tap.record("enc_block4_out", embedding);
        contra.add(correlation(embedding));

        Tensor d1 = decoder1.forward(dropout.forward(embedding));
        tap.record("decoder1_out", d1);
        Tensor outD2 = decoder2.forward(d1);
        tap.record("decoder2_out", outD2);
        contra.add(correlation(outD2));
        Tensor d3 = decoder3.forward(outD2);
        tap.record("decoder3_out", d3);
        Tensor outD4 = decoder4.forward(d3);
        tap.record("decoder4_out", outD4);
        contra.add(correlation(outD4));
        Tensor d5 = decoder5.forward(outD4);
        tap.record("decoder5_out", d5);
        Tensor pred = decoder6.forward(d5);
        tap.record("decoder6_out", pred);
        Tensor recons = BilinearResize.bilinearAlignCornersLike(pred, x);

        Tensor b7 = encoder.blocks(embedding, 5, 7);
        tap.record("enc_block7_out", b7);
        GraphReasoning.Output graph = reasoning.forward(b7, outD2, outD4);
        tap.record("reasoning_agg_abc", graph.aggregated());
        tap.record("reasoning_out", graph.out());
        Tensor fusion = graph.out().add(b7);
        tap.record("fusion", fusion);
        Tensor b8 = encoder.block(8).forward(fusion);
        tap.record("enc_block8_out", b8);
        GuidedAttention.Output att = attention.forward(x, recons, b8);
        tap.record("attention_res_map", att.resMap());
        tap.record("attention_out", att.out());
        Tensor b12 = encoder.blocks(att.out(), 9, 12);
        tap.record("enc_block12_out", b12);
        Tensor features = encoder.exit(b12);
        tap.record("enc_act4_out", features);
        Tensor pooled = features.mean(new long[]{2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        tap.record("embedding_pre_dropout", pooled);
        Tensor fcInput = dropout.forward(pooled);
        tap.record("fc_input", fcInput);
        return new RecceOutput(fc.forward(fcInput), recons, List.copyOf(contra));
    }

    /**
     * Recce.add_white_noise: x + N(0, 1e-6) on the samples whose uniform draw exceeds 0.5,
     * clipped to [-1, 1].
     */
    Tensor addWhiteNoise(Tensor x) {
        Tensor selected = draws.noiseSelection(x).gt(new Scalar(0.5)).to(x.scalar_type());
        Tensor noise = draws.whiteNoise(x, NOISE_STD);
        return clamp(x.add(noise.mul(selected)), new org.bytedeco.pytorch.ScalarOptional(new Scalar(-1.0)),
                new org.bytedeco.pytorch.ScalarOptional(new Scalar(1.0)));
    }

    /**
     * Recce.norm_n_corr: n = L2-normalised global average of the map ([B,C]), (n n^T + 1) / 2.
     * F.normalize divides by max(|v|, 1e-12).
     */
    static Tensor correlation(Tensor map) {
        Tensor pooled = map.mean(new long[]{2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
        Tensor norm = pooled.norm(new org.bytedeco.pytorch.ScalarOptional(new Scalar(2.0)), new long[]{1}, true)
                .clamp_min(new Scalar(1e-12));
        Tensor n = pooled.div(norm);
        return n.matmul(n.t()).add(new Scalar(1.0)).div(new Scalar(2.0));
    }

    /** Where the next train-mode forwards draw their noise and dropout masks. */
    public void setDraws(RecceDraws draws) {
        this.draws = java.util.Objects.requireNonNull(draws, "draws");
    }

    public RecceDraws draws() {
        return draws;
    }

    public int numClasses() {
        return numClasses;
    }

    /**
     * Loads timm's ImageNet Xception state dict (its own key names, {@code conv1.weight} ...
     * {@code fc.bias}) into {@code encoder}, strictly: RECCE keeps the ImageNet head, so every key
     * of the file has a place and every encoder key must be in it.
     *
     * @return the encoder keys left at their initial values (none)
     */
    public List<String> loadEncoderWeights(Map<String, Tensor> weights, String what) {
        StateDictLoader.load(encoder, weights, what);
        return List.of();
    }

    public XceptionEncoder encoder() {
        return encoder;
    }

    public GraphReasoning reasoning() {
        return reasoning;
    }

    public GuidedAttention attention() {
        return attention;
    }

    /**
     * Two-class logits whose softmax's column 0 is P(real): [0, l] for RECCE's single fake logit l
     * (see the class comment), the logits themselves with two classes.
     */
    @Override
    protected Tensor computeScore(Tensor x) {
        Tensor logits = run(x).logits();
        return numClasses == 1 ? cat(new TensorVector(zeros_like(logits), logits), 1) : logits;
    }

    /** UniDefense's two-pass forward; RECCE has no such pass (its training step calls {@link #run}). */
    @Override
    protected ModelOutput compute(Tensor x, Tensor perturbedInput) {
        throw new UnsupportedOperationException("Recce is trained by RecceStep (single pass), not by UniDefense's two-pass step");
    }

    /** The reference's layout: channels-last was not measured for RECCE's depthwise-separable Xception. */
    @Override
    public org.unidefense.config.MemoryFormat preferredMemoryFormat() {
        return org.unidefense.config.MemoryFormat.CONTIGUOUS;
    }

    @Override
    public String architecture() {
        return NAME;
    }

    /** Draws the white noise and dropout masks of training from {@code generator} (null: libtorch's default). */
    @Override
    public void setGenerator(Generator generator) {
        super.setGenerator(generator);
        setDraws(new SeededRecceDraws(generator));
    }
}
