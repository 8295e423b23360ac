package org.unidefense.loss;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.fft_rfft2;
import static org.bytedeco.pytorch.global.torch.imag;
import static org.bytedeco.pytorch.global.torch.real;

/**
 * Reconstruction errors of the decoder against the clean input. Only real faces are meant to be
 * reconstructable, so the training objective uses the mean over the real samples only; the fake
 * mean is reported but never optimised.
 */
public final class ReconstructionLoss {
    /**
     * Kept alive for the JVM's lifetime: a StringViewOptional only points at it. The extra
     * reference stops a PointerScope that happens to be open when this class loads from
     * freeing it (that crashed the FFT with a dangling string).
     */
    private static final BytePointer ORTHO = new BytePointer("ortho").retainReference();
    private static final long[] PER_SAMPLE = {1, 2, 3};

    private ReconstructionLoss() {
    }

    /** Mean absolute pixel error per sample, [N], for reconstruction and input [N,C,H,W]. */
    public static Tensor spatialError(Tensor reconstruction, Tensor input) {
        return reconstruction.sub(input).abs().mean(PER_SAMPLE, false, new ScalarTypeOptional());
    }

    /**
     * Per-sample error of the orthonormal 2-D real spectra, [N]: the mean over channels and
     * frequencies of |Δ real part| + |Δ imaginary part|.
     */
    public static Tensor frequencyError(Tensor reconstruction, Tensor input) {
        StringViewOptional ortho = new StringViewOptional(ORTHO);
        long[] dims = {-2, -1};
        Tensor rec = fft_rfft2(reconstruction, new LongArrayRefOptional(), dims, ortho);
        Tensor ref = fft_rfft2(input, new LongArrayRefOptional(), dims, ortho);
        Tensor error = real(rec).sub(real(ref)).abs().add(imag(rec).sub(imag(ref)).abs());
        return error.mean(PER_SAMPLE, false, new ScalarTypeOptional());
    }

    /** Mean of a per-sample error [N] over the first {@code realCount} (real) samples. */
    public static Tensor realMean(Tensor perSample, long realCount) {
        return perSample.narrow(0, 0, realCount).mean();
    }

    /** Mean of a per-sample error [N] over the samples after the first {@code realCount}. */
    public static Tensor fakeMean(Tensor perSample, long realCount) {
        return perSample.narrow(0, realCount, perSample.size(0) - realCount).mean();
    }
}
