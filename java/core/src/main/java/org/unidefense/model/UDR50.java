package org.unidefense.model;

import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.nn.Activation;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.resnet.EmbedderRes50Layer1;
import org.unidefense.model.resnet.EmbedderRes50Layer2;
import org.unidefense.model.resnet.ExtractorRes50;
import org.unidefense.model.resnet.ResNetBackbone;
import org.unidefense.tensor.FftNorm;

import java.util.List;

/**
 * UniDefense with a ResNet-50 backbone (the reference's UniDefenseModelRes50): 1024-channel
 * extractor features at 1/16 size, three decoder stages to a half-size image, 2048-channel
 * embedding at 1/32 size.
 */
public class UDR50 extends UniDefenseResNet {
    public static final String NAME = ModelArch.UDR50.name();
    private static final long MID = ExtractorRes50.OUT_CHANNELS;
    private static final long EMBEDDING = 2048;
    private static final Activation ACT = Activation.RELU;

    public UDR50(ModelConfig config) {
        this(checked(NAME, config, ModelArch.UDR50.defaultExtractor(), MID), FftNorm.parse(config.freqNorm()));
    }

    private UDR50(ModelConfig o, FftNorm norm) {
        super(NAME, o, new ResNetBackbone(new ExtractorRes50(norm),
                        new EmbedderRes50Layer1(MID, o.bias(), ENCODER_NORM, o.affine(), ACT),
                        new EmbedderRes50Layer2(o.bias(), ENCODER_NORM, o.affine(), ACT), MID, EMBEDDING),
                List.of(DecoderStage.build(MID, 256, 256, false, DECODER_NORM, ACT, o.affine(), o.bias()),
                        DecoderStage.build(256, 128, 128, false, DECODER_NORM, ACT, o.affine(), o.bias()),
                        DecoderStage.build(128, 64, 32, true, DECODER_NORM, ACT, o.affine(), o.bias())));
    }
}
