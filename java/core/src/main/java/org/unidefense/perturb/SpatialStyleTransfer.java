package org.unidefense.perturb;

import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.zeros_like;

/**
 * Pixel-domain style transfer by exact histogram matching: within each sample and channel, the
 * k-th smallest content value is moved towards the k-th smallest style value by (1−λ).
 *
 * <p>The result is {@code content + (1−λ)·matched − (1−λ)·content.detach()}: the content term
 * passes its gradient straight through with weight 1, as in the reference. Sorting is not stable,
 * so ties in a content channel make the assignment arbitrary (the reference has the same).
 */
public final class SpatialStyleTransfer {
    /** Draws λ from {@code generator} (one uniform per sample, shape [B,1,1]) and transfers. */
    public Tensor apply(Tensor content, Tensor style, Generator generator) {
        Tensor u = rand(new long[]{content.size(0), 1, 1}, new GeneratorOptional(generator),
                new DimnameListOptional());
        return apply(content, style, u);
    }

    /** Transfers with given uniform draws {@code u} [B,1,1] (λ = u/2 + 0.5); content and style [B,C,H,W]. */
    public Tensor apply(Tensor content, Tensor style, Tensor u) {
        long[] shape = content.sizes().vec().get();
        if (!java.util.Arrays.equals(shape, style.sizes().vec().get())) {
            throw new IllegalArgumentException("content and style must have the same shape");
        }
        long b = shape[0];
        long c = shape[1];
        Tensor flatContent = content.reshape(b, c, -1);
        Tensor contentOrder = flatContent.sort(-1, false).get1();
        Tensor sortedStyle = style.reshape(b, c, -1).sort(-1, false).get0();
        // Scattering the sorted style values to the content's rank positions equals gathering
        // them with the inverse permutation, without a second sort.
        Tensor matched = zeros_like(sortedStyle).scatter(-1, contentOrder, sortedStyle);
        Tensor styleShare = StyleLambda.fromUniform(u, content).neg().add(new Scalar(1.0));
        Tensor out = flatContent.add(styleShare.mul(matched)).sub(styleShare.mul(flatContent.detach()));
        return out.reshape(shape);
    }
}
