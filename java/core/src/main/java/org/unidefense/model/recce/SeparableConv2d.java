package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.UnaryModule;

/**
 * Xception's separable convolution: a depthwise 3x3 ({@code conv1}, stride 1, padding 1) then a
 * pointwise 1x1 ({@code pointwise}), both without bias. Every use in RECCE has this kernel size.
 */
public final class SeparableConv2d extends CompositeModule implements UnaryModule {
    private final Layer depthwise;
    private final Layer pointwise;

    public SeparableConv2d(long in, long out) {
        super("SeparableConv2d");
        this.depthwise = register(Layers.conv2d(in, in, 3, 1, 1, 1, in, false), "conv1");
        this.pointwise = register(Layers.conv2d(in, out, 1, 1, 0, false), "pointwise");
    }

    @Override
    public Tensor forward(Tensor x) {
        return pointwise.forward(depthwise.forward(x));
    }
}
