package org.unidefense.augment;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.LongArrayRefOptional;
import org.bytedeco.pytorch.StringViewOptional;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.fft_irfft2;
import static org.bytedeco.pytorch.global.torch.fft_rfft2;

/** Orthonormal 2-D real FFT over the last two dimensions. */
final class Spectra {
    /**
     * Kept alive for the JVM's lifetime: a StringViewOptional only points at it. The extra
     * reference stops a PointerScope that happens to be open when this class loads from
     * freeing it (that crashed the FFT with a dangling string).
     */
    private static final BytePointer ORTHO = new BytePointer("ortho").retainReference();
    private static final long[] LAST_TWO = {-2, -1};

    private Spectra() {
    }

    static Tensor forward(Tensor x) {
        return fft_rfft2(x, new LongArrayRefOptional(), LAST_TWO, new StringViewOptional(ORTHO));
    }

    static Tensor inverse(Tensor spectrum, long height, long width) {
        return fft_irfft2(spectrum, new long[]{height, width}, LAST_TWO, new StringViewOptional(ORTHO));
    }
}
