package org.unidefense.model;

import org.unidefense.UserInputException;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.model.resnet.ResNetBackbone;

import java.util.List;

/** UDR18 and UDR50: the {@link UniDefenseNet} on a {@link ResNetBackbone}, with its parts exposed for checks. */
public abstract class UniDefenseResNet extends UniDefenseNet {
    protected static final Norm2d ENCODER_NORM = Norm2d.BATCH;
    protected static final Norm2d DECODER_NORM = Norm2d.INSTANCE;

    private final ResNetBackbone backbone;

    protected UniDefenseResNet(String name, ModelConfig config, ResNetBackbone backbone,
                               List<IndexedSequential> decoderStages) {
        super(name, config, backbone, decoderStages, Quirks.RESNET);
        this.backbone = backbone;
    }

    /**
     * The config after the ResNet variants' structural checks: the extractor is the variant's
     * own, and {@code mid_depth} is its output width (the reference would fail on any other value
     * at the first forward, as the decoder's input would not match).
     */
    protected static ModelConfig checked(String name, ModelConfig o, String extractor, long extractorChannels) {
        if (o.extractor() != null && !o.extractor().equalsIgnoreCase(extractor)) {
            throw new UserInputException("model " + name + ": extractor must be " + extractor + ", got '"
                    + o.extractor() + "'");
        }
        if (o.midDepth() != null && o.midDepth() != extractorChannels) {
            throw new UserInputException("model " + name + ": mid_depth must be " + extractorChannels
                    + " (the extractor's output channels), got " + o.midDepth());
        }
        return o;
    }

    public UnaryModule extractor() {
        return backbone.extractor();
    }

    public UnaryModule embBlock1() {
        return backbone.embBlock1();
    }

    public UnaryModule embBlock2() {
        return backbone.embBlock2();
    }
}
