package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.unidefense.testing.PointerScopePerTest;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Style transfers, blur, downscale and noise against the reference's C_augment fixture (README §4C). */
@ExtendWith(PointerScopePerTest.class)
class AugmentFixtureTest {
    private static final float TOL = 1e-5f;
    private final Fixture fx = Fixture.of("C_augment");
    @Test
    void frequencyTransferWithStoredDrawsMatches() {
        Tensor u = fx.tensor("freq_transfer_rand");
        assertArrayEquals(fx.floats("freq_transfer_lambda"), Tensors.toFloats(StyleLambda.fromUniform(u, u)), 0f);
        Tensor out = new FrequencyStyleTransfer().apply(fx.tensor("content"), fx.tensor("style"), u);
        assertArrayEquals(fx.floats("freq_transfer_out"), Tensors.toFloats(out), TOL);
    }

    @Test
    void spatialTransferWithStoredDrawsMatches() {
        Tensor u = fx.tensor("spat_transfer_rand");
        assertArrayEquals(fx.floats("spat_transfer_lambda"), Tensors.toFloats(StyleLambda.fromUniform(u, u)), 0f);
        Tensor out = new SpatialStyleTransfer().apply(fx.tensor("content"), fx.tensor("style"), u);
        assertArrayEquals(fx.floats("spat_transfer_out"), Tensors.toFloats(out), TOL);
    }

    /** The content term passes gradient 1 straight through; the style gets (1−λ) per element. */
    @Test
    void spatialTransferGradientIsStraightThroughForContent() {
        Tensor content = fx.tensor("content");
        content.requires_grad_(true);
        Tensor style = fx.tensor("style");
        style.requires_grad_(true);
        Tensor out = new SpatialStyleTransfer().apply(content, style, fx.tensor("spat_transfer_rand"));
        out.sum().backward();
        float[] ones = new float[(int) content.numel()];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(ones, Tensors.toFloats(content.grad()), 0f);
        float[] lambda = fx.floats("spat_transfer_lambda");
        float[] styleGrad = Tensors.toFloats(style.grad());
        int perSample = styleGrad.length / lambda.length;
        for (int i = 0; i < styleGrad.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(1f - lambda[i / perSample], styleGrad[i], 1e-7f);
        }
    }

    @Test
    void blurKernelsAndOutputMatchTorchvision() {
        assertArrayEquals(fx.floats("blur_kernel1d"), Tensors.toFloats(GaussianBlur5x5.kernel1d()), 1e-7f);
        assertArrayEquals(fx.floats("blur_kernel2d"), Tensors.toFloats(GaussianBlur5x5.kernel2d()), 1e-7f);
        assertArrayEquals(fx.floats("blur_out"), Tensors.toFloats(new GaussianBlur5x5().apply(fx.tensor("content"))), TOL);
    }

    @Test
    void downscaleMatchesIncludingTheOddSize() {
        NearestDownscale ds = new NearestDownscale();
        assertArrayEquals(fx.floats("downscale_out"), Tensors.toFloats(ds.apply(fx.tensor("content"))), 0f);
        Tensor odd = fx.tensor("downscale_odd_input");
        Tensor mid = ds.down(odd);
        assertArrayEquals(new long[]{2, 3, 22, 22}, Tensors.shape(mid));
        assertArrayEquals(fx.floats("downscale_odd_intermediate"), Tensors.toFloats(mid), 0f);
        assertArrayEquals(fx.floats("downscale_odd_out"), Tensors.toFloats(ds.apply(odd)), 0f);
    }

    @Test
    void noiseWithStoredValueMatches() {
        Tensor out = new WhiteNoise().apply(fx.tensor("noise_input"), fx.tensor("noise_value"));
        assertArrayEquals(fx.floats("noise_out"), Tensors.toFloats(out), TOL);
    }
}
