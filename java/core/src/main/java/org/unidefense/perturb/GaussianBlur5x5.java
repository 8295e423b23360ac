package org.unidefense.perturb;

import org.unidefense.tensor.DeviceConstant;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;

import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.linspace;
import static org.bytedeco.pytorch.global.torch.pad;

/**
 * The model's blur perturbation: torchvision 0.14's {@code gaussian_blur} with a 5×5 kernel and
 * its default sigma 0.3·((5−1)·0.5 − 1) + 0.8 = 1.1, reflect padding of 2 and one depthwise
 * convolution per channel.
 */
public final class GaussianBlur5x5 {
    public static final int SIZE = 5;
    /** torchvision's default for a 5-tap kernel, applied to a float32 tensor. */
    public static final double SIGMA = 0.3 * ((SIZE - 1) * 0.5 - 1) + 0.8;

    /** The 2-D kernel once per device and dtype the blur runs on. */
    private final DeviceConstant kernel = new DeviceConstant(GaussianBlur5x5::kernel2d);

    /** The normalised 1-D kernel [5], computed in float32 like torchvision's. */
    public static Tensor kernel1d() {
        double half = (SIZE - 1) * 0.5;
        Tensor x = linspace(new Scalar(-half), new Scalar(half), SIZE, new TensorOptions(ScalarType.Float));
        Tensor pdf = x.div(new Scalar(SIGMA)).pow(new Scalar(2.0)).mul(new Scalar(-0.5)).exp();
        return pdf.div(pdf.sum());
    }

    /** The separable 2-D kernel [5,5]: the outer product of the 1-D kernel with itself. */
    public static Tensor kernel2d() {
        Tensor k = kernel1d();
        return k.unsqueeze(1).matmul(k.unsqueeze(0));
    }

    /** Blurs images [B,C,H,W] (H, W ≥ 3 for reflect padding). */
    public Tensor apply(Tensor x) {
        long channels = x.size(1);
        Tensor weight = kernel.like(x).expand(channels, 1, SIZE, SIZE);
        Tensor padded = pad(x, new long[]{2, 2, 2, 2}, "reflect", new DoubleOptional());
        return conv2d(padded, weight, new TensorOptional(), new long[]{1, 1}, new long[]{0, 0},
                new long[]{1, 1}, channels);
    }
}
