package org.unidefense.model;

import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.nn.Activation;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.resnet.EmbedderRes18Layer1;
import org.unidefense.model.resnet.EmbedderRes18Layer2;
import org.unidefense.model.resnet.ExtractorRes18;
import org.unidefense.model.resnet.ResNetBackbone;
import org.unidefense.tensor.FftNorm;

import java.util.List;

/**
 * UniDefense with a ResNet-18 backbone (the reference's UniDefenseModelRes18): 448-channel
 * multi-scale extractor features at 1/8 size, two decoder stages to a half-size image,
 * 512-channel embedding at 1/16 size.
 */
public class UDR18 extends UniDefenseResNet {
    public static final String NAME = ModelArch.UDR18.name();
    private static final long MID = ExtractorRes18.OUT_CHANNELS;
    private static final long EMBEDDING = 512;
    private static final Activation ACT = Activation.RELU;

    public UDR18(ModelConfig config) {
        this(checked(NAME, config, ModelArch.UDR18.defaultExtractor(), MID), FftNorm.parse(config.freqNorm()));
    }

    private UDR18(ModelConfig o, FftNorm norm) {
        super(NAME, o, new ResNetBackbone(new ExtractorRes18(norm),
                        new EmbedderRes18Layer1(MID, o.bias(), ENCODER_NORM, o.affine(), ACT),
                        new EmbedderRes18Layer2(o.bias(), ENCODER_NORM, o.affine(), ACT), MID, EMBEDDING),
                List.of(DecoderStage.build(MID, 128, 128, false, DECODER_NORM, ACT, o.affine(), o.bias()),
                        DecoderStage.build(128, 64, 32, true, DECODER_NORM, ACT, o.affine(), o.bias())));
    }
}
