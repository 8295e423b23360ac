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

/** UDR18's second embedding block: a 512-channel basic residual block, first conv an SFConv2d. */
public class EmbedderRes18Layer2 extends CompositeModule implements UnaryModule {
    private static final long DEPTH = EmbedderRes18Layer1.DEPTH;

    private final SFConv2d conv1;
    private final Layer norm1;
    private final Layer act;
    private final Layer conv2;
    private final Layer norm2;

    public EmbedderRes18Layer2(boolean bias, Norm2d norm, boolean affine, Activation activation) {
        super("EmbedderRes18Layer2");
        conv1 = register_module("conv1", SFConv2d.builder(DEPTH, DEPTH, 3).padding(1).bias(bias)
                .freqNorm(FftNorm.BACKWARD).build());
        norm1 = register(norm.create(DEPTH, affine), "norm1");
        act = register(activation.create(), "act");
        conv2 = register(Layers.conv2d(DEPTH, DEPTH, 3, 1, 1, bias), "conv2");
        norm2 = register(norm.create(DEPTH, affine), "norm2");
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = NativeScopes.chain(x, List.of(in -> Trace.module(conv1, in, conv1::forward),
                norm1::forward, act::forward, conv2::forward, norm2::forward));
        return act.forward(y.add(x));
    }
}
