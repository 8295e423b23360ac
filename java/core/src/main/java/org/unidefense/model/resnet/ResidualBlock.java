package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.SFConv2d;
import org.unidefense.model.nn.UnaryModule;
import org.unidefense.tensor.NativeScopes;

import java.util.List;
import java.util.function.UnaryOperator;

/** What the timm-layout ResNet blocks share: how their convolutions and shortcut are made. */
public abstract class ResidualBlock extends CompositeModule implements UnaryModule {
    protected ResidualBlock(String name) {
        super(name);
    }

    /** The last BatchNorm of the residual branch (timm zero-initialises it: zero_init_last). */
    abstract Layer lastNorm();

    /**
     * A bias-free convolution of the backbone: an SFConv2d when the stage uses one
     * ({@code freqNorm != null}) and the channel counts match, as in the reference's block
     * constructors; a plain nn.Conv2d otherwise.
     */
    static Layer conv(long in, long out, long kernel, long stride, long padding, FftNorm freqNorm) {
        if (freqNorm != null && in == out) {
            return Layer.of(SFConv2d.builder(in, out, kernel).stride(stride).padding(padding)
                    .bias(false).freqNorm(freqNorm).build());
        }
        return Layers.conv2d(in, out, kernel, stride, padding, false);
    }

    /**
     * act(branch(x) + shortcut(x)), the forward every block shares. The branch is chained: each
     * intermediate is freed once the next layer has read it (eval keeps ~3 maps, not all of
     * them). The sum is in place, as the reference's {@code x += shortcut}: the branch's last
     * output is the last norm's fresh tensor.
     *
     * @param downsample the shortcut projection, or null for the identity
     */
    static Tensor residual(Tensor x, List<UnaryOperator<Tensor>> branch, IndexedSequential downsample, Layer act) {
        Tensor y = NativeScopes.chain(x, branch);
        Tensor shortcut = downsample == null ? x : downsample.forward(x);
        y.add_(shortcut);
        return act.forward(y);
    }

    /** timm's downsample_conv with kernel 1: 1x1 strided conv and BatchNorm. */
    static IndexedSequential projection(long in, long out, long stride) {
        return new IndexedSequential()
                .add(Layers.conv2d(in, out, 1, stride, 0, false))
                .add(Layers.batchNorm2d(out, true));
    }
}
