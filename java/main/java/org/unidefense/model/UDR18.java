package org.unidefense.model;

import org.unidefense.UserInputException;
import org.unidefense.model.nn.DecoderStage;
import org.unidefense.model.resnet.EmbedderRes18Layer1;
import org.unidefense.model.resnet.EmbedderRes18Layer2;
import org.unidefense.model.resnet.ExtractorRes18;

import java.util.List;

/**
 * UniDefense with a ResNet-18 backbone (the reference's UniDefenseModelRes18): 448-channel
 * multi-scale extractor features at 1/8 size, two decoder stages to a half-size image,
 * 512-channel embedding at 1/16 size.
 */
public class UDR18 extends UniDefenseResNet {
    public static final String NAME = "UDR18";
    private static final long EMBEDDING = 512;

    public UDR18(ModelOptions o) {
        super(NAME, o, new ExtractorRes18(checked(o).freqNorm()),
                new EmbedderRes18Layer1(midDepth(o), o.bias(), ENCODER_NORM, o.affine(), ACTIVATION),
                new EmbedderRes18Layer2(o.bias(), ENCODER_NORM, o.affine(), ACTIVATION),
                List.of(DecoderStage.build(midDepth(o), 128, 128, false, DECODER_NORM, ACTIVATION, o.affine(), o.bias()),
                        DecoderStage.build(128, 64, 32, true, DECODER_NORM, ACTIVATION, o.affine(), o.bias())),
                EMBEDDING);
    }

    private static ModelOptions checked(ModelOptions o) {
        if (o.extractor() != null && !o.extractor().equalsIgnoreCase("resnet18")) {
            throw new UserInputException("model " + NAME + ": extractor must be resnet18, got '" + o.extractor() + "'");
        }
        return o;
    }

    private static long midDepth(ModelOptions o) {
        if (o.midDepth() != null && o.midDepth() != ExtractorRes18.OUT_CHANNELS) {
            throw new UserInputException("model " + NAME + ": mid_depth must be " + ExtractorRes18.OUT_CHANNELS
                    + " (the extractor's output channels), got " + o.midDepth());
        }
        return ExtractorRes18.OUT_CHANNELS;
    }

    @Override
    public String architecture() {
        return NAME;
    }
}
