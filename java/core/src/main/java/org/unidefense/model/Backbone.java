package org.unidefense.model;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.MemoryFormat;
import org.unidefense.model.nn.Activation;

import java.util.List;
import java.util.Map;

/**
 * What a {@link UniDefenseNet} needs from its backbone: the feature map the decoder reconstructs
 * the input from, the embedding the dual-space attention refines, and the way from the refined
 * embedding to the map that is pooled for the classifier. The three reference networks differ
 * only here (and in their decoder widths): ResNet extractor + two embedder blocks, or an
 * EfficientNet cut into block groups.
 */
public interface Backbone {
    /**
     * The backbone's modules by the reference's attribute names, in the reference's order; the
     * network registers them first, so their keys lead the state dict.
     */
    Map<String, Module> modules();

    /** The decoder's input, computed from the (possibly perturbed) input batch. */
    Tensor features(Tensor input);

    /** The embedding the attention refines, computed from {@link #features}. */
    Tensor embed(Tensor features);

    /** From the attention's refined embedding to the map that is average-pooled for the classifier. */
    Tensor finish(Tensor refined);

    /** Channels of {@link #features}. */
    long featureDepth();

    /** Channels of {@link #embed} (the attention's depth). */
    long attentionDepth();

    /** Channels of {@link #finish} (the pooled embedding, the bottleneck's and classifier's width). */
    long embeddingDepth();

    /** Activation of the decoder and the attention filters (the backbone's own). */
    Activation activation();

    /** The layout this backbone trains and evaluates faster in (measured, docs/performance.md). */
    MemoryFormat preferredMemoryFormat();

    /**
     * Loads ImageNet weights with the backbone's published key names (the reference's
     * {@code extractor_weights}).
     *
     * @return the backbone keys the file did not provide (kept at their initial values)
     */
    List<String> loadImageNetWeights(Map<String, Tensor> weights, String what);

    /** The random source of any randomness inside the backbone in training (null: libtorch's default). */
    default void setGenerator(Generator generator) {
    }
}
