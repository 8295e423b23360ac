package org.unidefense.model.resnet;

import org.unidefense.model.nn.CompositeModule;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;
import org.unidefense.model.nn.SFConv2d;
import org.unidefense.model.nn.UnaryModule;

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

    /** timm's downsample_conv with kernel 1: 1x1 strided conv and BatchNorm. */
    static IndexedSequential projection(long in, long out, long stride) {
        return new IndexedSequential()
                .add(Layers.conv2d(in, out, 1, stride, 0, false))
                .add(Layers.batchNorm2d(out, true));
    }
}
