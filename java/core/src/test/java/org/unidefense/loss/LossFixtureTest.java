package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.unidefense.testing.PointerScopePerTest;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Loss values and input gradients against the reference's B_losses fixture (README §4B). */
@ExtendWith(PointerScopePerTest.class)
class LossFixtureTest {
    private static final float TOL = 1e-5f;
    private final Fixture fx = Fixture.of("B_losses");
    private Tensor floats(String name) {
        return Tensors.fromFloats(fx.floats(name), fx.shape(name));
    }

    private Tensor leaf(String name) {
        Tensor t = floats(name);
        t.requires_grad_(true);
        return t;
    }

    private Tensor longs(String name) {
        return Tensors.fromLongs(fx.longs(name), fx.shape(name));
    }

    @Test
    void tripletMatchesDistancesWeightedTermsLossAndGradient() {
        Tensor feat = leaf("triplet_feat");
        TripletTerms t = new AsymmetricWeightedTripletLoss().terms(feat, longs("triplet_labels"));
        assertDistancesMatch(fx.floats("triplet_dist_mat"), Tensors.toFloats(t.distances()), 8);
        assertArrayEquals(fx.floats("triplet_final_wp"), Tensors.toFloats(t.weightedPositive()), TOL);
        assertArrayEquals(fx.floats("triplet_final_wn"), Tensors.toFloats(t.weightedNegative()), TOL);
        assertEquals(fx.scalar("triplet_loss"), t.loss().item_double(), TOL);
        t.loss().backward();
        assertArrayEquals(fx.floats("triplet_grad_feat"), Tensors.toFloats(feat.grad()), TOL);
    }

    /**
     * Off-diagonal distances must match. The diagonal is sqrt of the rounding residue of
     * |x|²+|x|²−2x·x (the reference's own diagonal holds 1.95e-3 and 1.38e-3 next to 1e-6):
     * its exact value depends on the BLAS's summation order and it never enters the loss, so
     * only its floor (the clamp) and its rounding-sized bound are checked.
     */
    private static void assertDistancesMatch(float[] expected, float[] actual, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float a = actual[i * n + j];
                if (i == j) {
                    assertEquals(true, a >= 0.999e-6f && a < 3e-3f, "diagonal " + i + " = " + a);
                } else {
                    assertEquals(expected[i * n + j], a, TOL, "distance " + i + "," + j);
                }
            }
        }
    }

    @Test
    void normalizedTripletVariantMatchesLossAndGradient() {
        Tensor feat = leaf("triplet_feat");
        Tensor loss = new AsymmetricWeightedTripletLoss(true).loss(feat, longs("triplet_labels"));
        assertEquals(fx.scalar("triplet_loss_normalize_feature"), loss.item_double(), TOL);
        loss.backward();
        assertArrayEquals(fx.floats("triplet_normalized_grad_feat"), Tensors.toFloats(feat.grad()), TOL);
    }

    @Test
    void tripletRejectsARealRowAfterAFakeRow() {
        Tensor feat = floats("triplet_feat");
        Tensor shuffled = Tensors.fromLongs(new long[]{0, 0, 0, 1, 0, 1, 1, 1}, 8);
        assertThrows(IllegalArgumentException.class,
                () -> new AsymmetricWeightedTripletLoss().loss(feat, shuffled));
    }

    @Test
    void factorizationMatchesLossAndBothGradients() {
        Tensor a = leaf("fac_emb_a");
        Tensor b = leaf("fac_emb_b");
        Tensor loss = new FactorizationLoss().loss(a, b);
        assertEquals(fx.scalar("fac_loss"), loss.item_double(), TOL);
        loss.backward();
        assertArrayEquals(fx.floats("fac_grad_emb_a"), Tensors.toFloats(a.grad()), TOL);
        assertArrayEquals(fx.floats("fac_grad_emb_b"), Tensors.toFloats(b.grad()), TOL);
    }

    @Test
    void factorizationOfIdenticalInputsIsNotZeroBecauseStdIsUnbiased() {
        Tensor a = floats("fac_emb_a");
        assertEquals(fx.scalar("fac_loss_identical_inputs"), new FactorizationLoss().loss(a, a).item_double(), TOL);
    }

    @Test
    void offDiagonalPicksEveryNonDiagonalEntryInRowOrder() {
        Tensor m = Tensors.fromFloats(new float[]{1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
        assertArrayEquals(new float[]{2, 3, 4, 6, 7, 8}, Tensors.toFloats(FactorizationLoss.offDiagonal(m)), 0f);
    }

    @Test
    void klMaskConsistencyMatchesLossAndGradientAndIgnoresTargetGradient() {
        Tensor pred = leaf("kl_mask_pred");
        Tensor gt = leaf("kl_mask_gt");
        Tensor loss = MaskConsistencyLoss.klDivergence(pred, gt);
        assertEquals(fx.scalar("kl_mask_loss"), loss.item_double(), TOL);
        loss.backward();
        assertArrayEquals(fx.floats("kl_grad_mask_pred"), Tensors.toFloats(pred.grad()), TOL);
        assertEquals(false, gt.grad().defined(), "the target must be detached");
        assertEquals(fx.scalar("mean_mask_pred"), MaskConsistencyLoss.maskMean(pred).item_double(), TOL);
    }

    @Test
    void crossEntropyMatchesLossGradientAndRealProbability() {
        Tensor logits = leaf("ce_logits");
        Tensor loss = ClassificationLoss.crossEntropy(logits, longs("ce_labels"));
        assertEquals(fx.scalar("ce_loss"), loss.item_double(), TOL);
        loss.backward();
        assertArrayEquals(fx.floats("ce_grad_logits"), Tensors.toFloats(logits.grad()), TOL);
        float[] prob = Tensors.toFloats(ClassificationLoss.realProbability(logits));
        assertArrayEquals(fx.floats("ce_prob_real"), prob, TOL);
        assertEquals(fx.scalar("softmax_real_prob_first"), prob[0], TOL);
    }
}
