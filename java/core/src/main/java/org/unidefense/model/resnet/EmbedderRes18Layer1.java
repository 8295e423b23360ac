package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.Activation;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.SFConv2d;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.List;

/**
 * UDR18's first embedding block: a strided basic residual block to 512 channels whose second
 * conv is an SFConv2d (backward FFT norm: the reference builds it without freq_norm), with a
 * 1x1 conv + norm + max-pool shortcut.
 */
public class EmbedderRes18Layer1 extends CompositeModule implements UnaryModule {
    static final long DEPTH = 512;

    private final Layer conv1;
    private final Layer norm1;
    private final Layer act;
    private final SFConv2d conv2;
    private final Layer norm2;
    private final IndexedSequential downsample;

    public EmbedderRes18Layer1(long inDepth, boolean bias, Norm2d norm, boolean affine, Activation activation) {
        super("EmbedderRes18Layer1");
        conv1 = register(Layers.conv2d(inDepth, DEPTH, 3, 2, 1, bias), "conv1");
        norm1 = register(norm.create(DEPTH, affine), "norm1");
        act = register(activation.create(), "act");
        conv2 = register_module("conv2", SFConv2d.builder(DEPTH, DEPTH, 3).padding(1).bias(bias)
                .freqNorm(FftNorm.BACKWARD).build());
        norm2 = register(norm.create(DEPTH, affine), "norm2");
        downsample = register_module("downsample", new IndexedSequential()
                .add(Layers.conv2d(inDepth, DEPTH, 1, 1, 0, bias))
                .add(norm.create(DEPTH, affine))
                .add(Layers.maxPool2d(3, 2, 1)));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = NativeScopes.chain(x, List.of(conv1::forward, norm1::forward, act::forward,
                in -> Trace.module(conv2, in, conv2::forward), norm2::forward));
        return act.forward(y.add(downsample.forward(x)));
    }
}
