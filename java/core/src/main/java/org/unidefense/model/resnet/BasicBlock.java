package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;

import java.util.List;

/**
 * timm's ResNet BasicBlock (ResNet-18/34): two 3x3 convolutions with BatchNorm and ReLU and a
 * residual connection; the reference makes conv1 an SFConv2d when its in and out channels
 * match, and conv2 always (in stages where SFConv is enabled).
 */
public class BasicBlock extends ResidualBlock {
    public static final int EXPANSION = 1;

    private final Layer conv1;
    private final Layer bn1;
    private final Layer act1;
    private final Layer conv2;
    private final Layer bn2;
    private final Layer act2;
    private final IndexedSequential downsample;

    /**
     * @param downsample the shortcut projection, or null for the identity
     * @param freqNorm   FFT norm of the SFConvs, or null for a stage without SFConv
     */
    public BasicBlock(long inplanes, long planes, long stride, IndexedSequential downsample, FftNorm freqNorm) {
        super("BasicBlock");
        long outplanes = planes * EXPANSION;
        conv1 = register(conv(inplanes, planes, 3, stride, 1, freqNorm), "conv1");
        bn1 = register(Layers.batchNorm2d(planes, true), "bn1");
        register(Layers.identity(), "drop_block");
        act1 = register(Layers.reluInPlace(), "act1");
        register(Layers.identity(), "aa");
        conv2 = register(conv(planes, outplanes, 3, 1, 1, freqNorm), "conv2");
        bn2 = register(Layers.batchNorm2d(outplanes, true), "bn2");
        act2 = register(Layers.reluInPlace(), "act2");
        this.downsample = downsample == null ? null : register_module("downsample", downsample);
    }

    /** The last BatchNorm, which timm initialises to zero (zero_init_last). */
    @Override
    Layer lastNorm() {
        return bn2;
    }

    @Override
    public Tensor forward(Tensor x) {
        return residual(x, List.of(conv1::forward, bn1::forward, act1::forward,
                conv2::forward, bn2::forward), downsample, act2);
    }
}
