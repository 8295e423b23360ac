package org.unidefense.tensor;

import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.fft_irfft2;
import static org.bytedeco.pytorch.global.torch.fft_rfft2;
import static org.bytedeco.pytorch.global.torch.imag;
import static org.bytedeco.pytorch.global.torch.linear;
import static org.bytedeco.pytorch.global.torch.real;
import static org.bytedeco.pytorch.global.torch.stack;
import static org.bytedeco.pytorch.global.torch.view_as_complex;
import static org.bytedeco.pytorch.global.torch.view_as_real;

/**
 * The real-valued spectrum layout the reference uses everywhere: rfft2 over the last two dims,
 * then real and imaginary parts concatenated along channels ([N,C,H,W] to [N,2C,H,W/2+1]).
 */
public final class Spectra {
    private static final long[] LAST_TWO_DIMS = {-2, -1};

    private Spectra() {
    }

    /** The complex rfft2 of x over its last two dims. */
    public static Tensor rfft2(Tensor x, FftNorm norm) {
        return fft_rfft2(x, new LongArrayRefOptional(), LAST_TWO_DIMS, norm.option());
    }

    /** The real image of size height×width whose rfft2 is {@code spectrum} (irfft2 with an explicit size). */
    public static Tensor irfft2(Tensor spectrum, long height, long width, FftNorm norm) {
        return fft_irfft2(spectrum, new long[]{height, width}, LAST_TWO_DIMS, norm.option());
    }

    /** cat(real(rfft2(x)), imag(rfft2(x))) along dim 1. */
    public static Tensor realImag(Tensor x, FftNorm norm) {
        Tensor spectrum = rfft2(x, norm);
        return cat(new TensorVector(real(spectrum), imag(spectrum)), 1);
    }

    /**
     * A 1×1 convolution over the {@link #realImag} channels of x, returned as the real image of
     * size height×width whose spectrum it is: {@code inverse(conv1x1(realImag(x), weight))},
     * computed as one matrix product over the [N·H·W′, 2C] rows of the spectrum. The 1×1
     * convolution is the same sum; as a matrix product it needs no layout conversions: oneDNN
     * ran it on blocked copies of its input, output and (per pass, for each of forward, backward
     * and the weight gradient) of its weight, [2·C_out, 2·C_in] — 3264² floats for UDEB4's
     * widest layers — while the product reads the weight as it is (docs/performance.md).
     *
     * @param weight the reference's {@code freq_conv.weight}, [2·C_out, 2·C_in, 1, 1]
     */
    public static Tensor mixedInverse(Tensor x, Tensor weight, long height, long width, FftNorm norm) {
        Tensor spectrum = rfft2(x, norm);                                   // [N, C, H, W'] complex
        long n = spectrum.size(0);
        long h = spectrum.size(2);
        long w = spectrum.size(3);
        // [N, C, H, W', 2] -> rows [N·H·W', 2·C] whose columns are (real c..., imag c...)
        Tensor rows = view_as_real(spectrum).permute(0, 2, 3, 4, 1).reshape(n * h * w, -1);
        Tensor mixed = linear(rows, weight.reshape(weight.size(0), weight.size(1)));   // [N·H·W', 2·C_out]
        long out = weight.size(0) / 2;
        Tensor complex = view_as_complex(mixed.view(n, h, w, 2, out).permute(0, 4, 1, 2, 3).contiguous());
        return irfft2(complex, height, width, norm);
    }

    /**
     * The inverse of {@link #realImag}: the first half of the channels is the real part, the
     * second half the imaginary part; irfft2 with an explicit output size, so odd widths survive.
     * irfft2 ignores the imaginary parts of the DC and Nyquist columns (after the H transform),
     * exactly as torch does in Python: it is the same libtorch routine.
     */
    public static Tensor inverse(Tensor realImag, long height, long width, FftNorm norm) {
        long half = realImag.size(1) / 2;
        Tensor complex = view_as_complex(stack(new TensorVector(
                realImag.narrow(1, 0, half), realImag.narrow(1, half, half)), -1));
        return irfft2(complex, height, width, norm);
    }
}
