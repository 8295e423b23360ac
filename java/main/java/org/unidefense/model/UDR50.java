package org.unidefense.model;

import org.unidefense.UserInputException;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.resnet.EmbedderRes50Layer1;
import org.unidefense.model.resnet.EmbedderRes50Layer2;
import org.unidefense.model.resnet.ExtractorRes50;

import java.util.List;

/**
 * UniDefense with a ResNet-50 backbone (the reference's UniDefenseModelRes50): 1024-channel
 * extractor features at 1/16 size, three decoder stages to a half-size image, 2048-channel
 * embedding at 1/32 size.
 */
public class UDR50 extends UniDefenseResNet {
    public static final String NAME = "UDR50";
    private static final long EMBEDDING = 2048;

    public UDR50(ModelOptions o) {
        super(NAME, o, new ExtractorRes50(checked(o).freqNorm()),
                new EmbedderRes50Layer1(midDepth(o), o.bias(), ENCODER_NORM, o.affine(), ACTIVATION),
                new EmbedderRes50Layer2(o.bias(), ENCODER_NORM, o.affine(), ACTIVATION),
                List.of(DecoderStage.build(midDepth(o), 256, 256, false, DECODER_NORM, ACTIVATION, o.affine(), o.bias()),
                        DecoderStage.build(256, 128, 128, false, DECODER_NORM, ACTIVATION, o.affine(), o.bias()),
                        DecoderStage.build(128, 64, 32, true, DECODER_NORM, ACTIVATION, o.affine(), o.bias())),
                EMBEDDING);
    }

    private static ModelOptions checked(ModelOptions o) {
        if (o.extractor() != null && !o.extractor().equalsIgnoreCase("resnet50")) {
            throw new UserInputException("model " + NAME + ": extractor must be resnet50, got '" + o.extractor() + "'");
        }
        return o;
    }

    private static long midDepth(ModelOptions o) {
        if (o.midDepth() != null && o.midDepth() != ExtractorRes50.OUT_CHANNELS) {
            throw new UserInputException("model " + NAME + ": mid_depth must be " + ExtractorRes50.OUT_CHANNELS
                    + " (the extractor's output channels), got " + o.midDepth());
        }
        return ExtractorRes50.OUT_CHANNELS;
    }

    @Override
    public String architecture() {
        return NAME;
    }
}
