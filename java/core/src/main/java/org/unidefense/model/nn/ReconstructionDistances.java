package org.unidefense.model.nn;

import org.unidefense.tensor.Spectra;
import org.unidefense.tensor.FftNorm;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;

/** The per-sample reconstruction distances the models return for the reconstruction losses. */
public final class ReconstructionDistances {
    private static final long[] CHW = {-3, -2, -1};

    private ReconstructionDistances() {
    }

    /** mean |rec - x| over C, H, W: one value per sample. */
    public static Tensor spatial(Tensor rec, Tensor x) {
        return rec.sub(x).abs().mean(CHW, false, new ScalarTypeOptional());
    }

    /**
     * mean over C, H, W/2+1 of |Δreal| + |Δimag| of the two images' rfft2 spectra
     * (the reference splits the concatenated |difference| into halves and adds them).
     */
    public static Tensor frequency(Tensor rec, Tensor x, FftNorm norm) {
        Tensor diff = Spectra.realImag(rec, norm).sub(Spectra.realImag(x, norm)).abs();
        long half = diff.size(1) / 2;
        return diff.narrow(1, 0, half).add(diff.narrow(1, half, half)).mean(CHW, false, new ScalarTypeOptional());
    }
}
