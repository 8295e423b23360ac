package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.efficientnet.EfficientNetBackbone;
import org.unidefense.model.efficientnet.EfficientNetGroups;
import org.unidefense.model.efficientnet.GlobalParams;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.tensor.FftNorm;

import java.util.List;

/**
 * UniDefense with an EfficientNet backbone (the reference's UniDefenseModelEb4, default
 * {@code efficientnet-b4}), cut into 7 block groups at {@code delimiter} ({@link EfficientNetGroups});
 * group 4's output feeds three swish/InstanceNorm decoder stages (half the width each), group 5's
 * output is refined by the dual-space attention, group 6 and the head give the embedding.
 *
 * <p>Reference details kept: every {@code model:} key reaches the EfficientNet as the reference's
 * {@code **kwargs} do ({@code image_size}, {@code drop_connect_rate} and the global-parameter
 * overrides); SAME paddings are planned for {@code image_size} (default: the variant's native
 * size, 380 for B4), not for the actual input; stochastic depth (rate drop_connect_rate·i/blocks)
 * in training; {@link UniDefenseNet.Quirks#EFFICIENTNET}: the in-place classifier dropout and
 * the second decoder output among the triplet features.
 */
public class UDEB4 extends UniDefenseNet {
    public static final String NAME = ModelArch.UDEB4.name();

    private final EfficientNetGroups groups;

    public UDEB4(ModelConfig config) {
        this(config, groups(config));
    }

    private UDEB4(ModelConfig o, EfficientNetGroups groups) {
        super(NAME, o, groups, decoder(groups.featureDepth(), o), Quirks.EFFICIENTNET);
        this.groups = groups;
    }

    /** The EfficientNet the {@code model:} block describes, with the reference's precedence of its keys. */
    static GlobalParams params(ModelConfig o) {
        String extractor = o.extractor() == null ? ModelArch.UDEB4.defaultExtractor() : o.extractor();
        try {
            GlobalParams params = GlobalParams.of(extractor);
            if (o.imageSize() != null) {
                if (o.imageSize() < 1) {
                    throw new UserInputException("model " + NAME + ": image_size must be positive, got "
                            + o.imageSize());
                }
                params = params.withImageSize(o.imageSize());
            }
            if (o.dropConnectRate() != null) {
                params = params.withDropConnectRate(o.dropConnectRate());
            }
            if (o.efficientNetOverrides() != null) {
                params = params.withOverrides(o.efficientNetOverrides());
            }
            // the reference passes drop_rate as the (unused, top-less) EfficientNet's dropout_rate
            FftNorm sfNorm = o.freqNorm() == null ? null : FftNorm.parse(o.freqNorm());
            return params.withDropoutRate(o.dropRate()).withFreqNorm(sfNorm);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model " + NAME + ": " + e.getMessage());
        }
    }

    private static EfficientNetGroups groups(ModelConfig o) {
        int[] delimiter = o.delimiter() == null ? null : o.delimiter().stream().mapToInt(Integer::intValue).toArray();
        GlobalParams params = params(o);
        try {
            return new EfficientNetGroups(params, delimiter, NAME);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("model " + NAME + ": " + e.getMessage());
        }
    }

    private static List<IndexedSequential> decoder(long in, ModelConfig o) {
        long d1 = in / 2;
        long d2 = d1 / 2;
        long d3 = d2 / 2;
        var act = org.unidefense.model.nn.Activation.SWISH;
        return List.of(
                DecoderStage.build(in, d1, d1, false, Norm2d.INSTANCE, act, o.affine(), o.bias()),
                DecoderStage.build(d1, d2, d2, false, Norm2d.INSTANCE, act, o.affine(), o.bias()),
                DecoderStage.build(d2, d3, d3, true, Norm2d.INSTANCE, act, o.affine(), o.bias()));
    }

    public EfficientNetBackbone backbone() {
        return groups.net();
    }

    public int[] delimiter() {
        return groups.delimiter();
    }

    /** The forward pass together with the intermediate feature maps (for checks and feature export). */
    public Udeb4Trace forwardTraced(Tensor x, Tensor perturbedInput) {
        groups.record(true);
        try {
            Pass p = run(x, perturbedInput, true);
            List<Tensor> g = groups.recorded();
            return new Udeb4Trace(p.output(), g.get(0), g.get(1), p.features(), p.embedding(), p.refined(), g.get(2),
                    p.decoderOutRaw());
        } finally {
            groups.record(false);
        }
    }
}
