package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.NativeScopes;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.UnaryModule;

import java.util.List;

/** UDR50's feature extractor: the ResNet-50 stem with max pool, then layers 1-3 (1024 channels, 1/16 size). */
public class ExtractorRes50 extends CompositeModule implements UnaryModule {
    public static final long OUT_CHANNELS = 1024;

    private final Layer conv1;
    private final Layer bn1;
    private final Layer relu;
    private final Layer maxpool;
    private final IndexedSequential layer1;
    private final IndexedSequential layer2;
    private final IndexedSequential layer3;

    public ExtractorRes50(FftNorm freqNorm) {
        super("ExtractorRes50");
        conv1 = register(Layers.conv2d(3, 64, 7, 2, 3, false), "conv1");
        bn1 = register(Layers.batchNorm2d(64, true), "bn1");
        relu = register(Layers.reluInPlace(), "relu");
        maxpool = register(Layers.maxPool2d(3, 2, 1), "maxpool");
        List<IndexedSequential> stages = ResNetStages.build(BlockType.BOTTLENECK, new int[]{3, 4, 6}, freqNorm);
        layer1 = register_module("layer1", stages.get(0));
        layer2 = register_module("layer2", stages.get(1));
        layer3 = register_module("layer3", stages.get(2));
        ResNetStages.initialize(this, stages);
    }

    @Override
    public Tensor forward(Tensor x) {
        // chained: every map is freed as soon as the next layer has read it
        return NativeScopes.chain(x, List.of(conv1::forward, bn1::forward, relu::forward, maxpool::forward,
                layer1::forward, layer2::forward, layer3::forward));
    }
}
