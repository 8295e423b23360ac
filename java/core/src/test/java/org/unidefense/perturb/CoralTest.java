package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.unidefense.testing.PointerScopePerTest;
import org.unidefense.UserInputException;
import org.unidefense.config.CoralMode;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORAL in both modes. The reference mode is checked against the fixture with the stored SVD
 * factors (libtorch's own SVD may pick other signs); the default mode by the properties that
 * define it, since the reference never computed a true square root.
 */
@ExtendWith(PointerScopePerTest.class)
class CoralTest {
    private final Fixture fx = Fixture.of("C_augment");
    private SvdFactors stored(String operand) {
        String p = "coral_" + operand + "_svd_";
        return new SvdFactors(fx.tensor(p + "U"), fx.tensor(p + "S"), fx.tensor(p + "Vh"));
    }

    @Test
    void referenceModeWithStoredFactorsReproducesTheReference() {
        SvdFactors source = stored("source");
        SvdFactors target = stored("target");
        assertArrayEquals(fx.floats("coral_source_matsqrt"), Tensors.toFloats(ReferenceSvdRoot.fromFactors(source)), 1e-4f);
        assertArrayEquals(fx.floats("coral_target_matsqrt"), Tensors.toFloats(ReferenceSvdRoot.fromFactors(target)), 1e-4f);
        Coral coral = Coral.reference((m, operand) -> operand == CoralOperand.SOURCE ? source : target);
        // The model's argument order: the style image is re-coloured to the content image.
        Tensor out = coral.align(fx.tensor("style"), fx.tensor("content"));
        assertArrayEquals(fx.floats("coral_out"), Tensors.toFloats(out), 1e-5f);
    }

    @Test
    void storedFactorsDecomposeTheCovarianceLibtorchComputes() {
        // Ties the injected factors to the images: U·diag(S)·Vh must rebuild Σ of each operand.
        for (String[] op : new String[][]{{"source", "style"}, {"target", "content"}}) {
            SvdFactors f = stored(op[0]);
            Tensor rebuilt = f.u().mul(f.s().unsqueeze(-2)).matmul(f.vh());
            float[] expected = Tensors.toFloats(Coral.covarianceWithIdentity(fx.tensor(op[1])));
            assertArrayEquals(expected, Tensors.toFloats(rebuilt), 2e-3f * maxAbs(expected));
        }
    }

    @Test
    void symmetricRootSquaresToTheCovariance() {
        Tensor cov = Coral.covarianceWithIdentity(fx.tensor("content").to(ScalarType.Double));
        Tensor m = SymmetricSquareRoot.sqrt(cov);
        double[] a = doubles(cov);
        assertArrayEquals(a, doubles(m.matmul(m)), 1e-10 * maxAbs(a));
        assertArrayEquals(doubles(m), doubles(m.transpose(-2, -1)), 1e-10 * maxAbs(a));
        Tensor identity = SymmetricSquareRoot.inverseSqrt(cov).matmul(m);
        Tensor eye = org.bytedeco.pytorch.global.torch.eye(3).to(ScalarType.Double).expand(4, 3, 3);
        assertArrayEquals(doubles(eye), doubles(identity), 1e-10);
    }

    /**
     * √Σt·√Σs⁻¹ maps the source's Gram matrix Σs − I exactly onto Σt − √Σt·Σs⁻¹·√Σt. The
     * remainder comes only from the +I regulariser and is small against Σt ≈ (H·W)·corr, so the
     * output's channel covariance is the target's up to that O(1/(H·W)) term.
     */
    @Test
    void sqrtModeGivesTheSourceTheTargetsChannelCovariance() {
        Tensor style = fx.tensor("style").to(ScalarType.Double);
        Tensor content = fx.tensor("content").to(ScalarType.Double);
        Tensor out = Coral.sqrt().align(style, content);

        Tensor sigmaS = Coral.covarianceWithIdentity(style);
        Tensor sigmaT = Coral.covarianceWithIdentity(content);
        Tensor rootT = SymmetricSquareRoot.sqrt(sigmaT);
        Tensor whitenedRecoloured = rootT.matmul(SymmetricSquareRoot.inverseSqrt(sigmaS))
                .matmul(standardizedRows(style));
        Tensor gram = whitenedRecoloured.matmul(whitenedRecoloured.transpose(-2, -1));
        Tensor remainder = rootT.matmul(org.bytedeco.pytorch.global.torch.linalg_inv(sigmaS)).matmul(rootT);
        double[] expectedGram = doubles(sigmaT.sub(remainder));
        assertArrayEquals(expectedGram, doubles(gram), 1e-9 * maxAbs(expectedGram));

        double[] covOut = doubles(channelCovariance(out));
        double[] covTarget = doubles(channelCovariance(content));
        assertArrayEquals(covTarget, covOut, 2e-3 * maxAbs(covTarget));
        // The same in float32, the dtype training uses.
        float[] covOut32 = Tensors.toFloats(channelCovariance(Coral.sqrt().align(fx.tensor("style"), fx.tensor("content"))));
        assertArrayEquals(Tensors.toFloats(channelCovariance(fx.tensor("content"))), covOut32, (float) (3e-3 * maxAbs(covTarget)));
    }

    /**
     * What the reference's formula really is: for a symmetric positive-definite Σ the SVD has
     * Vh = Uᵀ, so M = U·√S·U satisfies M·Mᵀ = Σ (a valid colouring factor, hence the reference
     * output also carries the target's covariance) but not M·M = Σ. It differs from the
     * symmetric root by a rotation of the whitened channels that flips with the SVD's signs.
     */
    @Test
    void referenceRootIsAColouringFactorButNotASquareRoot() {
        Tensor sigma = Coral.covarianceWithIdentity(fx.tensor("content"));
        Tensor m = ReferenceSvdRoot.fromFactors(stored("target"));
        float[] expected = Tensors.toFloats(sigma);
        float scale = maxAbs(expected);
        assertArrayEquals(expected, Tensors.toFloats(m.matmul(m.transpose(-2, -1))), 1e-4f * scale);
        float[] squared = Tensors.toFloats(m.matmul(m));
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(squared[i] - expected[i]));
        }
        assertTrue(worst > 0.1f * scale, "M·M should not equal Σ, max error " + worst);

        double[] covRef = doubles(channelCovariance(fx.tensor("coral_out").to(ScalarType.Double)));
        double[] covTarget = doubles(channelCovariance(fx.tensor("content").to(ScalarType.Double)));
        assertArrayEquals(covTarget, covRef, 2e-3 * maxAbs(covTarget));
        float[] sqrtOut = Tensors.toFloats(Coral.sqrt().align(fx.tensor("style"), fx.tensor("content")));
        float[] refOut = fx.floats("coral_out");
        float moved = 0;
        for (int i = 0; i < refOut.length; i++) {
            moved = Math.max(moved, Math.abs(refOut[i] - sqrtOut[i]));
        }
        assertTrue(moved > 0.5f, "the two modes should differ visibly, max diff " + moved);
    }

    @Test
    void configModeSelectsTheRoot() {
        // config.coral: symmetric is the true square root, reference the reference's formula (coral_out)
        Tensor style = fx.tensor("style");
        Tensor content = fx.tensor("content");
        assertArrayEquals(Tensors.toFloats(Coral.sqrt().align(style, content)),
                Tensors.toFloats(Coral.of(CoralMode.SYMMETRIC).align(style, content)));
        assertArrayEquals(Tensors.toFloats(Coral.reference().align(style, content)),
                Tensors.toFloats(Coral.of(CoralMode.REFERENCE).align(style, content)));
    }

    private static Tensor standardizedRows(Tensor x) {
        Tensor f = x.reshape(x.size(0), x.size(1), -1);
        Tensor mean = f.mean(new long[]{-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        return f.sub(mean).div(f.std(new long[]{-1}, true, true));
    }

    /** Unbiased channel covariance [B,C,C] of images [B,C,H,W]. */
    private static Tensor channelCovariance(Tensor x) {
        Tensor f = x.reshape(x.size(0), x.size(1), -1);
        Tensor centered = f.sub(f.mean(new long[]{-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
        return centered.matmul(centered.transpose(-2, -1)).div(new org.bytedeco.pytorch.Scalar((double) (f.size(2) - 1)));
    }

    private static double[] doubles(Tensor t) {
        Tensor c = t.contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
