package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.Activation;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.Norm2d;
import org.unidefense.model.nn.SFConv2d;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.List;

/** UDR50's second embedding block: a 2048-channel bottleneck (width 512), 3x3 conv an SFConv2d. */
public class EmbedderRes50Layer2 extends CompositeModule implements UnaryModule {
    private static final long WIDTH = EmbedderRes50Layer1.WIDTH;
    private static final long DEPTH = EmbedderRes50Layer1.DEPTH;

    private final Layer conv1;
    private final Layer norm1;
    private final Layer act;
    private final SFConv2d conv2;
    private final Layer norm2;
    private final Layer conv3;
    private final Layer norm3;

    public EmbedderRes50Layer2(boolean bias, Norm2d norm, boolean affine, Activation activation) {
        super("EmbedderRes50Layer2");
        conv1 = register(Layers.conv2d(DEPTH, WIDTH, 1, 1, 0, bias), "conv1");
        norm1 = register(norm.create(WIDTH, affine), "norm1");
        act = register(activation.create(), "act");
        conv2 = register_module("conv2", SFConv2d.builder(WIDTH, WIDTH, 3).padding(1).bias(bias)
                .freqNorm(FftNorm.BACKWARD).build());
        norm2 = register(norm.create(WIDTH, affine), "norm2");
        conv3 = register(Layers.conv2d(WIDTH, DEPTH, 1, 1, 0, bias), "conv3");
        norm3 = register(norm.create(DEPTH, affine), "norm3");
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = NativeScopes.chain(x, List.of(conv1::forward, norm1::forward, act::forward,
                in -> Trace.module(conv2, in, conv2::forward), norm2::forward, act::forward,
                conv3::forward, norm3::forward));
        return act.forward(y.add(x));
    }
}
