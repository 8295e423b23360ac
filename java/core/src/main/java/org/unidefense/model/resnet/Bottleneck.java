package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;

import java.util.List;

/**
 * timm's ResNet Bottleneck (ResNet-50): 1x1 reduce, 3x3 (strided, the reference's SFConv2d
 * in SFConv stages), 1x1 expand by 4, residual connection. The reference's channel-match rule
 * makes only conv2 an SFConv2d in ResNet-50.
 */
public class Bottleneck extends ResidualBlock {
    public static final int EXPANSION = 4;

    private final Layer conv1;
    private final Layer bn1;
    private final Layer act1;
    private final Layer conv2;
    private final Layer bn2;
    private final Layer act2;
    private final Layer conv3;
    private final Layer bn3;
    private final Layer act3;
    private final IndexedSequential downsample;

    public Bottleneck(long inplanes, long planes, long stride, IndexedSequential downsample, FftNorm freqNorm) {
        super("Bottleneck");
        long width = planes;
        long outplanes = planes * EXPANSION;
        conv1 = register(conv(inplanes, width, 1, 1, 0, freqNorm), "conv1");
        bn1 = register(Layers.batchNorm2d(width, true), "bn1");
        act1 = register(Layers.reluInPlace(), "act1");
        conv2 = register(conv(width, width, 3, stride, 1, freqNorm), "conv2");
        bn2 = register(Layers.batchNorm2d(width, true), "bn2");
        register(Layers.identity(), "drop_block");
        act2 = register(Layers.reluInPlace(), "act2");
        register(Layers.identity(), "aa");
        conv3 = register(conv(width, outplanes, 1, 1, 0, freqNorm), "conv3");
        bn3 = register(Layers.batchNorm2d(outplanes, true), "bn3");
        act3 = register(Layers.reluInPlace(), "act3");
        this.downsample = downsample == null ? null : register_module("downsample", downsample);
    }

    @Override
    Layer lastNorm() {
        return bn3;
    }

    @Override
    public Tensor forward(Tensor x) {
        return residual(x, List.of(conv1::forward, bn1::forward, act1::forward,
                conv2::forward, bn2::forward, act2::forward, conv3::forward, bn3::forward), downsample, act3);
    }
}
