package org.unidefense.perturb;

import org.unidefense.tensor.FftNorm;
import org.unidefense.tensor.Spectra;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.polar;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Frequency-domain style transfer: per sample, the amplitude spectrum becomes
 * λ·|F(content)| + (1−λ)·|F(style)| while the phase of the content is kept, so the image
 * structure stays and its "texture statistics" move towards the style image.
 */
public final class FrequencyStyleTransfer {
    /** Draws λ from {@code generator} (one uniform per sample, shape [B,1,1,1]) and transfers. */
    public Tensor apply(Tensor content, Tensor style, Generator generator) {
        Tensor u = rand(new long[]{content.size(0), 1, 1, 1}, new GeneratorOptional(generator),
                new DimnameListOptional());
        return apply(content, style, u);
    }

    /**
     * Transfers with given uniform draws {@code u} [B,1,1,1] (λ = u/2 + 0.5).
     *
     * @param content [B,C,H,W]
     * @param style   [B,C,H,W], paired with content by batch index
     */
    public Tensor apply(Tensor content, Tensor style, Tensor u) {
        Tensor lambda = StyleLambda.fromUniform(u, content);
        Tensor a = Spectra.rfft2(content, FftNorm.ORTHO);
        Tensor b = Spectra.rfft2(style, FftNorm.ORTHO);
        Tensor amplitude = lambda.mul(a.abs()).add(lambda.neg().add(new Scalar(1.0)).mul(b.abs()));
        return Spectra.irfft2(polar(amplitude, a.angle()), content.size(2), content.size(3), FftNorm.ORTHO);
    }
}
