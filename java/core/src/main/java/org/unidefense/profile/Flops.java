package org.unidefense.profile;

import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.SFConv2d;
import org.unidefense.tensor.Tensors;

/**
 * Forward floating-point operations of the layers whose cost is known from shapes (a multiply and
 * an add count as two): convolutions, transposed convolutions, linear layers and SFConv2d (its
 * spatial convolution plus the 1×1 convolution over the stacked real and imaginary spectrum).
 * Everything else (norms, activations, FFTs, pooling) counts as 0: memory-bound, not FLOP-bound.
 */
public final class Flops {
    private Flops() {
    }

    public static double forward(Module m, Tensor in, Tensor out) {
        if (m instanceof SFConv2d sf) {
            long[] x = Tensors.shape(in);
            long[] w = Tensors.shape(sf.weight());
            long[] fw = Tensors.shape(sf.freqConv().weight());
            double spatial = 2.0 * numel(Tensors.shape(out)) * w[1] * w[2] * w[3];
            double spectrumPixels = (double) x[0] * x[2] * (x[3] / 2 + 1);
            return spatial + 2.0 * spectrumPixels * fw[0] * fw[1];
        }
        if (m instanceof Conv2dImpl conv) {
            long[] w = Tensors.shape(conv.weight());
            return 2.0 * numel(Tensors.shape(out)) * w[1] * w[2] * w[3];
        }
        if (m instanceof ConvTranspose2dImpl conv) {
            long[] w = Tensors.shape(conv.weight()); // [in, out / groups, kh, kw]
            return 2.0 * numel(Tensors.shape(in)) * w[1] * w[2] * w[3];
        }
        if (m instanceof LinearImpl fc) {
            long[] w = Tensors.shape(fc.weight()); // [out, in]
            return 2.0 * numel(Tensors.shape(out)) * w[1];
        }
        return 0;
    }

    private static double numel(long[] shape) {
        double n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
