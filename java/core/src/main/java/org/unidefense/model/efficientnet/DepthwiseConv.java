package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.SFConv2d;

import java.util.function.UnaryOperator;

/**
 * The depthwise conv of an {@link MBConvBlock}: a plain "SAME"-padded conv, or a spatial-frequency
 * conv whose spatial branch uses the same planned padding. Kept as module + forward so the block
 * does not depend on which of the two it holds.
 */
public record DepthwiseConv(Module module, UnaryOperator<Tensor> forwardFunction, SamePadding padding) {

    public static DepthwiseConv plain(int channels, int kernel, int stride, int plannedSize) {
        SamePaddingConv2d conv = SamePaddingConv2d.create(channels, channels, kernel, stride, channels, false,
                plannedSize, plannedSize);
        return new DepthwiseConv(conv, conv::forward, conv.samePadding());
    }

    public static DepthwiseConv spatialFrequency(int channels, int kernel, int stride, int plannedSize,
                                                 FftNorm freqNorm) {
        SamePadding padding = SamePadding.forConv(plannedSize, plannedSize, kernel, stride);
        SFConv2d conv = SFConv2d.builder(channels, channels, kernel)
                .stride(stride)
                .groups(channels)
                .bias(false)
                .explicitPadding(padding.left(), padding.right(), padding.top(), padding.bottom())
                .freqNorm(freqNorm)
                .build();
        return new DepthwiseConv(conv, conv::forward, padding);
    }

    public Tensor forward(Tensor x) {
        return forwardFunction.apply(x);
    }
}
