package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.MemoryFormat;
import org.unidefense.model.Backbone;
import org.unidefense.model.nn.Activation;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.profile.Trace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backbone of UDR18 and UDR50: a multi-scale ResNet extractor ({@code extractor}) whose
 * features the decoder reads, {@code emb_block1} to the attention's embedding and
 * {@code emb_block2} after it. ReLU throughout; channels-last is faster for it.
 */
public final class ResNetBackbone implements Backbone {
    private final Module extractor;
    private final Module embBlock1;
    private final Module embBlock2;
    private final long featureDepth;
    private final long embeddingDepth;

    /**
     * @param featureDepth   the extractor's output channels (the reference's {@code mid_depth})
     * @param embeddingDepth channels of both embedder blocks' outputs
     */
    public <E extends Module & UnaryModule, B1 extends Module & UnaryModule, B2 extends Module & UnaryModule>
    ResNetBackbone(E extractor, B1 embBlock1, B2 embBlock2, long featureDepth, long embeddingDepth) {
        this.extractor = extractor;
        this.embBlock1 = embBlock1;
        this.embBlock2 = embBlock2;
        this.featureDepth = featureDepth;
        this.embeddingDepth = embeddingDepth;
    }

    @Override
    public Map<String, Module> modules() {
        Map<String, Module> m = new LinkedHashMap<>();
        m.put("extractor", extractor);
        m.put("emb_block1", embBlock1);
        m.put("emb_block2", embBlock2);
        return m;
    }

    public UnaryModule extractor() {
        return (UnaryModule) extractor;
    }

    public UnaryModule embBlock1() {
        return (UnaryModule) embBlock1;
    }

    public UnaryModule embBlock2() {
        return (UnaryModule) embBlock2;
    }

    // Trace.module: a named span per submodule under 'unidefense profile', a plain call otherwise
    @Override
    public Tensor features(Tensor input) {
        return Trace.module(extractor, input, extractor()::forward);
    }

    @Override
    public Tensor embed(Tensor features) {
        return Trace.module(embBlock1, features, embBlock1()::forward);
    }

    @Override
    public Tensor finish(Tensor refined) {
        return Trace.module(embBlock2, refined, embBlock2()::forward);
    }

    @Override
    public long featureDepth() {
        return featureDepth;
    }

    @Override
    public long attentionDepth() {
        return embeddingDepth;
    }

    @Override
    public long embeddingDepth() {
        return embeddingDepth;
    }

    @Override
    public Activation activation() {
        return Activation.RELU;
    }

    @Override
    public MemoryFormat preferredMemoryFormat() {
        return MemoryFormat.CHANNELS_LAST;
    }

    /** See {@link PretrainedResNet}: {@code layer4.*} and {@code fc.*} are skipped. */
    @Override
    public List<String> loadImageNetWeights(Map<String, Tensor> weights, String what) {
        return PretrainedResNet.loadInto(extractor, weights, what);
    }
}
