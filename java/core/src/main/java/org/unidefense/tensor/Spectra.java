package org.unidefense.tensor;

import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.fft_irfft2;
import static org.bytedeco.pytorch.global.torch.fft_rfft2;
import static org.bytedeco.pytorch.global.torch.imag;
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
     * size height×width whose spectrum it is: {@code inverse(conv1x1(realImag(x), weight))}.
     * The convolution runs on a channels-last view of the spectrum ([N, H, W′, 2C] in memory,
     * channels ordered real c…, imag c…, as {@code realImag} orders them), which is the layout
     * oneDNN's 1×1 kernels read without a copy, and its channels-last output is regrouped into
     * complex values with one copy. Measured against the alternatives (docs/performance.md):
     * as a matrix product this ran in OpenBLAS, whose AVX2 kernels (what it picks on this
     * Zen 4) reach half of oneDNN's throughput here and whose own thread pool competes with
     * OpenMP's; an NCHW convolution made oneDNN copy the spectrum into its layout first.
     *
     * @param weight the reference's {@code freq_conv.weight}, [2·C_out, 2·C_in, 1, 1]
     */
    public static Tensor mixedInverse(Tensor x, Tensor weight, long height, long width, FftNorm norm) {
        Tensor spectrum = rfft2(x, norm);                                   // [N, C, H, W'] complex
        long n = spectrum.size(0);
        long h = spectrum.size(2);
        long w = spectrum.size(3);
        // [N, C, H, W', 2] -> memory [N, H, W', 2, C] = a channels-last [N, 2C, H, W']
        Tensor channelsLast = view_as_real(spectrum).permute(0, 2, 3, 4, 1).reshape(n, h, w, -1).permute(0, 3, 1, 2);
        Tensor mixed = conv2d(channelsLast, weight);                        // [N, 2·C_out, H, W']
        long out = weight.size(0) / 2;
        Tensor complex = view_as_complex(mixed.permute(0, 2, 3, 1).reshape(n, h, w, 2, out)
                .permute(0, 4, 1, 2, 3).contiguous());
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
