package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.NativeScopes;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.UnaryModule;

import java.util.List;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;
import static org.bytedeco.pytorch.global.torch.cat;

/**
 * UDR18's feature extractor: the ResNet-18 stem without its max pool, then layers 1-3; layer 1
 * and 2 outputs are average-pooled to layer 3's size and concatenated with it
 * (64 + 128 + 256 = 448 channels at 1/8 of the input size).
 */
public class ExtractorRes18 extends CompositeModule implements UnaryModule {
    public static final long OUT_CHANNELS = 64 + 128 + 256;

    private final Layer conv1;
    private final Layer bn1;
    private final Layer relu;
    private final IndexedSequential layer1;
    private final IndexedSequential layer2;
    private final IndexedSequential layer3;

    public ExtractorRes18(FftNorm freqNorm) {
        super("ExtractorRes18");
        conv1 = register(Layers.conv2d(3, 64, 7, 2, 3, false), "conv1");
        bn1 = register(Layers.batchNorm2d(64, true), "bn1");
        relu = register(Layers.reluInPlace(), "relu");
        List<IndexedSequential> stages = ResNetStages.build(BlockType.BASIC, new int[]{2, 2, 2}, freqNorm);
        layer1 = register_module("layer1", stages.get(0));
        layer2 = register_module("layer2", stages.get(1));
        layer3 = register_module("layer3", stages.get(2));
        ResNetStages.initialize(this, stages);
    }

    @Override
    public Tensor forward(Tensor x) {
        // chained: the stem's maps (64 channels at half the input size) are freed as soon as read
        Tensor pool1 = NativeScopes.chain(x, List.of(conv1::forward, bn1::forward, relu::forward, layer1::forward));
        Tensor pool2 = layer2.forward(pool1);
        Tensor pool3 = layer3.forward(pool2);
        long h = pool3.size(-2);
        long w = pool3.size(-1);
        return cat(new TensorVector(adaptive_avg_pool2d(pool1, h, w), adaptive_avg_pool2d(pool2, h, w), pool3), 1);
    }
}
