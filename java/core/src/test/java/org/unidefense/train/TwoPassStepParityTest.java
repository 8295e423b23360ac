package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.config.MemoryFormat;
import org.unidefense.config.Precision;
import org.unidefense.perturb.PerturbationKind;
import org.unidefense.perturb.Perturbed;
import org.unidefense.loss.MaskConsistencyLoss;
import org.unidefense.model.ModelOutput;
import org.unidefense.model.UniDefenseModel;

import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole two-pass step against the reference's recorded step (fixture E_train_udr18, README
 * §4E and §5): pass-1 losses, the P2I pass-2 losses and gradients at the initial weights, and
 * for variants E1 (KL masks, no scaler), E2 (mean masks) and E3 (the GradScaler carry of 1/1024)
 * the gradients and weights after each update and the pass-2 losses.
 *
 * <p>Tolerances. P2I and pass 1's losses are well conditioned (README: ≤ 2e-6 between float32
 * and float64) and are held to 1e-5. Everything after the first AdamW update moves each
 * element by ≈ lr·sign(g), so elements with tiny gradients flip: after-step tensors get the
 * README's ≈ 5e-4 elementwise and a bound on the share of elements off by more than 1e-6.
 * Pass 1's gradient itself differs from the reference by ≈ 3e-3 relative on the backbone:
 * this code in float64 agrees with the reference (float32, torch 1.13) to ≈ 3e-6 there, so it
 * is libtorch 2.10's float32 arithmetic (cancelling BatchNorm gradient sums), not the step;
 * it is checked as a relative L2 error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoPassStepParityTest {
    private static final double LOSS_TOL = 1e-5;
    /** The reference's float32 triplet distances cancel (|x|²+|y|²−2x·y); README §5 reports ~1.1e-5. */
    private static final double TRIPLET_TOL = 2e-5;
    /** README §5: pass-2 losses move by up to 5e-5 with the thread count alone. */
    private static final double PASS2_LOSS_TOL = 5e-5;
    private static final double GRAD_TOL = 1e-5;
    private static final double AFTER_STEP_TOL = 5e-4;
    /** Running statistics: |diff| / max(1, |value|); README §5 measured 5.7e-4. */
    private static final double RUNNING_STAT_TOL = 6e-4;
    private static final double PASS1_GRAD_REL_L2 = 5e-3;
    /** Accumulated gradients dominated by pass 2 (carry 1/1024); measured 0.05. */
    private static final double PASS2_GRAD_REL_L2 = 0.1;
    /**
     * float32 P2I gradients against the reference's float32 run. Measured (libtorch 2.10, 2
     * threads): contiguous 5.8e-6 overall, worst tensor 2.5e-4 (rel L2) / 2.3e-4 (rel max);
     * channels-last 3.3e-4 overall, worst tensor 2.9e-3 / 2.9e-3 (a BatchNorm's cancelling
     * gradient sums taken in another order). The float32 noise floor is of that size: this port's
     * float32 pass-1 gradient differs from the reference's by ≈ 3e-3 relative in either layout
     * while its float64 run agrees to 3e-6 ({@link #PASS1_GRAD_REL_L2}). The bounds are about 3×
     * the worst measured value; a real error (a wrong term, a missing factor) moves whole tensors
     * by O(1).
     */
    private static final double FLOAT32_GRAD_REL_L2 = 1e-3;
    /** See {@link #passTwoAtTheInitialWeightsInBfloat16}; a negative loss tolerance means relative (2 % + 1e-4). */
    private static final double BF16_LOSS_REL = -0.02;
    private static final double BF16_GRAD_REL_L2 = 0.5;
    private static final double FLOAT32_GRAD_TENSOR_REL_L2 = 1e-2;
    private static final double FLOAT32_GRAD_TENSOR_REL_MAX = 1e-2;

    @BeforeAll
    void threads() {
        torch.set_num_threads(2);
    }

    @Test
    void variantE1KlMasksWithoutScaler() {
        checkVariant("E1", 1000, 1.0);
    }

    @Test
    void variantE2MeanMasksEarlyInTraining() {
        checkVariant("E2", 1, 1.0);
    }

    @Test
    void variantE3CarriesAThousandTwentyFourthOfThePassOneGradient() {
        checkVariant("E3", 1000, 1.0 / 1024);
    }

    /**
     * Pass 2 at the initial weights in float64 (model, batch, masks and draws in double): the
     * strict check of the maths. The reference ran in float32, and README §5 measured its float32
     * run against float64 at ≤ 2.1e-6 on the losses and ≤ 6.6e-7 on the gradients, so a correct
     * port in double lands within that of the fixture whatever the kernels or memory layout.
     */
    @Test
    void passTwoAtTheInitialWeightsInFloat64() {
        UniDefenseModel model = ReferenceStep.initialModel();
        model.to(ScalarType.Double, false);
        FixtureComparison grads = passTwoAtInitialWeights(model, ScalarType.Double, LOSS_TOL, LOSS_TOL);
        assertTrue(grads.paramMax <= GRAD_TOL && grads.sampledMax <= GRAD_TOL, "P2I gradients in float64 " + grads);
    }

    /**
     * The same in float32 in the default memory format (channels-last) and in the reference's
     * (contiguous). float32 is held to relative bounds per tensor rather than to 1e-5: its
     * forward puts a few ReLU inputs within ~2e-6 of zero on the other side from the reference's
     * float32 run (README §5), which moves single gradients of one channel by up to ~1e-4, and
     * which elements flip depends on the convolution kernels' summation order.
     */
    @ParameterizedTest
    @EnumSource(MemoryFormat.class)
    void passTwoAtTheInitialWeightsInFloat32(MemoryFormat format) {
        UniDefenseModel model = ReferenceStep.initialModel().useMemoryFormat(format);
        // the triplet losses get their float32 tolerance (README §5: the reference's float32 |x|²+|y|²−2x·y)
        FixtureComparison grads = passTwoAtInitialWeights(model, ScalarType.Float, LOSS_TOL, TRIPLET_TOL);
        assertTrue(grads.worstTensorRelL2 <= FLOAT32_GRAD_TENSOR_REL_L2
                        && grads.worstTensorRelMax <= FLOAT32_GRAD_TENSOR_REL_MAX
                        && grads.smallRelL2 <= FLOAT32_GRAD_REL_L2 && grads.sampledRelL2 <= FLOAT32_GRAD_REL_L2,
                "P2I gradients in float32, " + format + " " + grads);
    }

    /**
     * The same under {@code precision: bf16}: convolutions and matrix products in bfloat16 (8 bits
     * of mantissa, relative rounding 2⁻⁹ ≈ 2e-3 per operation), FFTs and losses in float32.
     * Measured: the losses within 1 % of the reference's (cls 1.0 %, the others ≤ 0.3 %; the two
     * mask losses, ~1e-3 in size, within 2e-5), the gradients at 0.30 (1-D tensors) and 0.28
     * (sampled ≥2-D) relative L2 — BatchNorm's cancelling gradient sums over bfloat16 inputs.
     * The bounds: 2 % + 1e-4 on each loss, 0.5 on the gradients' relative L2. A lost term or a
     * wrong factor misses both by far; the demo's AUC (docs/performance.md) is the check that
     * this noise does not hurt training.
     */
    @Test
    void passTwoAtTheInitialWeightsInBfloat16() {
        UniDefenseModel model = ReferenceStep.initialModel().usePrecision(Precision.BF16);
        FixtureComparison grads = passTwoAtInitialWeights(model, ScalarType.Float, BF16_LOSS_REL, BF16_LOSS_REL);
        assertTrue(grads.smallRelL2 <= BF16_GRAD_REL_L2 && grads.sampledRelL2 <= BF16_GRAD_REL_L2,
                "P2I gradients in bfloat16 " + grads);
    }

    /** Pass 2 at the initial weights: pass-2 losses (both mask-loss variants) and the gradients, compared. */
    private static FixtureComparison passTwoAtInitialWeights(UniDefenseModel model, ScalarType dtype, double lossTol,
                                                             double tripletTol) {
        try (PointerScope ignored = new PointerScope()) {
            Tensor x = ReferenceStep.array("batch").to(dtype);
            Tensor labels = ReferenceStep.labels();
            model.injectDecoderDropoutMask(ReferenceStep.decoderMask("dropout_pass1").to(dtype));
            PassTargets targets = PassTargets.of(model.forward(x));
            Perturbed perturbed = ReferenceStep.policy(dtype).perturb(x, ReferenceStep.REAL_COUNT,
                    new ReferenceStep.RecordedDraws(dtype));
            assertEquals(PerturbationKind.FREQUENCY_STYLE, perturbed.record().kind());
            model.injectDecoderDropoutMask(ReferenceStep.decoderMask("dropout_pass2").to(dtype));
            ModelOutput noisy = model.forward(x, perturbed.input());
            PassLosses losses = PassLosses.secondPass(noisy, labels, ReferenceStep.REAL_COUNT,
                    ReferenceStep.weights(), targets, true);
            for (Map.Entry<String, Double> e : losses.values("").entrySet()) {
                String key = "P2I." + e.getKey().replace("mask_loss", "mask_loss_kl").replace("total_loss", "total_loss_kl");
                assertEquals(ReferenceStep.FX.scalar(key), e.getValue(),
                        tolerance(ReferenceStep.FX.scalar(key), key.contains("triplet") ? tripletTol : lossTol), key);
            }
            assertEquals(ReferenceStep.FX.scalar("P2I.freq_mask_loss_mean"),
                    MaskConsistencyLoss.maskMean(noisy.freqMask()).item_double(),
                    tolerance(ReferenceStep.FX.scalar("P2I.freq_mask_loss_mean"), lossTol));
            assertEquals(ReferenceStep.FX.scalar("P2I.spat_mask_loss_mean"),
                    MaskConsistencyLoss.maskMean(noisy.spatMask()).item_double(),
                    tolerance(ReferenceStep.FX.scalar("P2I.spat_mask_loss_mean"), lossTol));
            losses.total().backward();
            return FixtureComparison.of(Snapshot.ofGradients(model, "P2I_grad_small"),
                    "P2I_grad_small", "P2I_grad_samples");
        }
    }

    /** An absolute tolerance as given, or for a negative one, |tol|·|expected| + 1e-4. */
    private static double tolerance(double expected, double tol) {
        return tol >= 0 ? tol : -tol * Math.abs(expected) + 1e-4;
    }

    private void checkVariant(String variant, long step, double carry) {
        UniDefenseModel model = ReferenceStep.initialModel();
        GroupedOptimizer optimizer = ReferenceStep.optimizer(model);
        TwoPassStep twoPass = ReferenceStep.step(model, optimizer, carry);
        Snapshot[] seen = new Snapshot[3];
        twoPass.setObserver(new StepObserver() {
            @Override
            public void afterFirstBackward() {
                seen[0] = Snapshot.ofGradients(model, "grad_pass1_small");
            }

            @Override
            public void afterFirstUpdate() {
                seen[1] = Snapshot.ofState(model, "after_step1_small");
            }

            @Override
            public void afterSecondBackward() {
                seen[2] = Snapshot.ofGradients(model, variant + "_grad_pass2_small");
            }
        });
        StepResult result;
        try (PointerScope ignored = new PointerScope()) {
            result = twoPass.run(ReferenceStep.array("batch"), ReferenceStep.labels(), ReferenceStep.REAL_COUNT, step);
        }
        assertEquals(PerturbationKind.FREQUENCY_STYLE, result.perturbation());
        assertEquals(1e-4, result.learningRate(), 0.0);
        assertEquals(ReferenceStep.FX.meta().get("lr_after_step").get(variant).get(1).asDouble(),
                optimizer.learningRates()[0], 0.0);
        checkLosses(result, "pass1.", "pass1.", LOSS_TOL, TRIPLET_TOL);
        checkLosses(result, "pass2.", variant + "_pass2.", PASS2_LOSS_TOL, PASS2_LOSS_TOL);

        FixtureComparison grad1 = FixtureComparison.of(seen[0], "grad_pass1_small", "grad_pass1_samples");
        assertTrue(grad1.smallRelL2 <= PASS1_GRAD_REL_L2 && grad1.sampledRelL2 <= PASS1_GRAD_REL_L2,
                "pass-1 gradients " + grad1);
        FixtureComparison after1 = FixtureComparison.of(seen[1], "after_step1_small", "weights_after_step1_samples");
        after1.assertWithin("after the first update", AFTER_STEP_TOL, RUNNING_STAT_TOL, 0.002);
        FixtureComparison grad2 = FixtureComparison.of(seen[2], variant + "_grad_pass2_small",
                variant + "_grad_pass2_accumulated_samples");
        // With the full carry g1 dominates and keeps pass 1's accuracy; with 1/1024 the pass-2
        // gradient dominates, taken at weights where some elements flipped (README §5).
        double gradTol = carry == 1.0 ? PASS1_GRAD_REL_L2 : PASS2_GRAD_REL_L2;
        assertTrue(grad2.smallRelL2 <= gradTol && grad2.sampledRelL2 <= gradTol,
                "accumulated gradients at the second update " + grad2);
        String other = variant.equals("E3") ? "E1" : "E3";
        FixtureComparison wrongCarry = FixtureComparison.of(seen[2], other + "_grad_pass2_small",
                other + "_grad_pass2_accumulated_samples");
        assertTrue(wrongCarry.sampledRelL2 > 0.5, "the carry must matter: against " + other + " " + wrongCarry);
        FixtureComparison after2 = FixtureComparison.of(Snapshot.ofState(model, variant + "_after_step2_small"),
                variant + "_after_step2_small", "weights_" + variant + "_after_step2_samples");
        // Measured shares off by >1e-6: 1.7 % (E1, E2) and 6.1 % (E3, whose update follows the
        // noisier pass-2 gradient); a wrong carry changes the update of nearly every element.
        after2.assertWithin("after the second update", AFTER_STEP_TOL, RUNNING_STAT_TOL, carry == 1.0 ? 0.05 : 0.1);
    }

    private static void checkLosses(StepResult result, String ours, String theirs, double tol, double tripletTol) {
        Iterator<String> keys = ReferenceStep.FX.manifest().path("scalars").fieldNames();
        int checked = 0;
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.startsWith(theirs)) {
                continue;
            }
            String name = ours + key.substring(theirs.length());
            assertEquals(ReferenceStep.FX.scalar(key), result.loss(name), key.contains("triplet") ? tripletTol : tol, key);
            checked++;
        }
        assertTrue(checked >= 11, "checked " + checked + " losses of " + theirs);
    }
}
