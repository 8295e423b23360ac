package org.unidefense.tensor;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;

import static org.bytedeco.pytorch.global.torch.MemoryFormat.ChannelsLast;
import static org.bytedeco.pytorch.global.torch.linear;

/**
 * A 1×1 convolution (stride 1, no padding, one group) on a channels-last input as a matrix
 * product: the input's memory already is the [N·H·W, C] matrix, and the output's [N·H·W, C_out]
 * memory already is a channels-last [N, C_out, H, W] tensor, so nothing is copied. In a
 * training step PyTorch's oneDNN convolution instead copies its weight into a blocked layout
 * for each of forward, backward and the weight gradient, and converts the gradient back, on
 * every call; EfficientNet-B4 has 64 such convolutions (docs/performance.md). Same sum, other
 * summation order: the results agree to float32 rounding.
 */
public final class PointwiseConv {
    private PointwiseConv() {
    }

    /** Whether {@link #apply} can take {@code x} without a copy. */
    public static boolean applies(Tensor x) {
        return x.dim() == 4 && x.is_contiguous(ChannelsLast);
    }

    /**
     * @param weight [C_out, C, 1, 1]
     * @param bias   [C_out], or null / undefined for none
     */
    public static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        long n = x.size(0);
        long h = x.size(2);
        long w = x.size(3);
        long out = weight.size(0);
        Tensor rows = x.permute(0, 2, 3, 1).reshape(n * h * w, x.size(1));
        Tensor matrix = weight.reshape(out, weight.size(1));
        Tensor y = bias == null || !bias.defined()
                ? linear(rows, matrix)
                : linear(rows, matrix, new TensorOptional(bias));
        return y.view(n, h, w, out).permute(0, 3, 1, 2);
    }
}
