package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.config.Precision;
import org.unidefense.model.recce.Recce;
import org.unidefense.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code precision: fp16 / bf16} in {@link RecceStep}, on a freshly initialised RECCE at 32 px
 * (2 real + 2 fake): the wiring of {@link RecceTraining}, loss scaling by a power of two changing
 * nothing, an fp16 gradient overflow skipping the update and halving the scale, and the
 * autocast losses staying near the float32 ones of the same weights, batch and draws.
 */
class RecceMixedPrecisionStepTest {
    private static final double LR = 2e-4;
    private static final double WEIGHT_DECAY = 1e-5;
    private static final long DRAW_SEED = 5;

    @BeforeAll
    static void threads() {
        torch.set_num_threads(2);
    }

    /** The same initial weights every call (libtorch's default generator, reseeded). */
    private static Recce model(Precision precision) {
        torch.manual_seed(11);
        Recce m = new Recce(1, 0.2);
        m.usePrecision(precision);
        return m;
    }

    private static RecceTraining training(Recce model) {
        return RecceTraining.create(model, new OptimizerSpec("adam", WEIGHT_DECAY, LR, Map.of()), null, 0, 0.1, 0.1,
                DRAW_SEED);
    }

    private static Tensor batch() {
        torch.manual_seed(3);
        return torch.rand(4, 3, 32, 32).mul(new Scalar(2)).sub(new Scalar(1));
    }

    private static Tensor labels() {
        return Tensors.fromLongs(new long[]{0, 0, 1, 1}, 4);
    }

    /** The float32 values of every state-dict entry (parameters and BN buffers). */
    private static Map<String, float[]> state(Recce model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (PointerScope ignored = new PointerScope()) {
            model.stateDict().forEach((k, t) -> out.put(k, Tensors.toFloats(t.to(torch.ScalarType.Float))));
        }
        return out;
    }

    private static StepResult step(RecceTraining t) {
        try (PointerScope ignored = new PointerScope()) {
            return t.step().run(batch(), labels(), 2, 1);
        }
    }

    @Test
    void trainingWiresTheReferenceScalerForFp16Only() {
        Recce m = model(Precision.FP16);
        try {
            GradScaler fp16 = training(m).step().gradScaler();
            assertTrue(fp16.enabled());
            assertEquals(GradScaler.REFERENCE_INIT_SCALE, fp16.scale());
            m.usePrecision(Precision.BF16);
            assertSame(GradScaler.DISABLED, training(m).step().gradScaler(), "bf16: autocast, no scaler");
            m.usePrecision(Precision.FP32);
            assertSame(GradScaler.DISABLED, training(m).step().gradScaler(), "fp32: the parity mode");
        } finally {
            m.close();
        }
    }

    /**
     * Multiplying by 2¹⁰ and dividing again is exact in binary floating point, so an fp32 step
     * with the reference's scaler ends bit for bit where the unscaled step ends.
     */
    @Test
    void aPowerOfTwoScaleLeavesTheFp32StepUnchanged() {
        RecceTraining plain = training(model(Precision.FP32));
        RecceTraining scaled = training(model(Precision.FP32));
        try {
            StepResult r0 = step(plain);
            scaled.step().setGradScaler(GradScaler.reference());
            StepResult r1 = step(scaled);

            assertEquals(r0.losses(), r1.losses());
            Map<String, float[]> a = state(plain.model());
            Map<String, float[]> b = state(scaled.model());
            for (String k : a.keySet()) {
                assertArrayEquals(a.get(k), b.get(k), 0f, k);
            }
            assertEquals(1024, scaled.step().gradScaler().scale(), "one clean update leaves the scale alone");
            assertEquals(1, scaled.step().gradScaler().growthTracker());
        } finally {
            plain.model().close();
            scaled.model().close();
        }
    }

    /**
     * With a scale of 2⁴⁰ the fc layer's float16 backward overflows (its output gradient is about
     * 0.1·2⁴⁰, float16's largest value 65504): the update is skipped, every parameter keeps its
     * value, and the scale is halved. The BN running statistics still move: the forward ran.
     */
    @Test
    void anFp16OverflowSkipsTheUpdateAndHalvesTheScale() {
        RecceTraining t = training(model(Precision.FP16));
        try {
            GradScaler scaler = new GradScaler(0x1p40, 2, 0.5, 2000, true);
            t.step().setGradScaler(scaler);
            Map<String, float[]> before = state(t.model());
            StepResult r = step(t);

            assertTrue(Double.isFinite(r.totalLoss()), "the loss itself is finite: " + r.losses());
            assertEquals(0x1p39, scaler.scale());
            assertEquals(0, scaler.growthTracker());
            Map<String, float[]> after = state(t.model());
            java.util.Set<String> params = new java.util.HashSet<>(RecceTraining.allParameters(t.model(), 0).names());
            int moved = 0;
            for (String k : before.keySet()) {
                if (params.contains(k)) {
                    assertArrayEquals(before.get(k), after.get(k), 0f, k + " must not be updated");
                } else if (!java.util.Arrays.equals(before.get(k), after.get(k))) {
                    moved++;
                }
            }
            assertTrue(moved > 0, "the train forward updated BN running statistics");
        } finally {
            t.model().close();
        }
    }

    /**
     * Under autocast the forward's convolutions run in float16/bfloat16, so the losses move by
     * the low-precision rounding only; an fp16 step with the reference scale updates the weights.
     * float16 keeps 11 bits (2⁻¹¹ ≈ 5e-4 per operation), bfloat16 8 bits (4e-3). Measured here
     * (libtorch 2.10, 2 threads), worst term relative to fp32: fp16 2.4e-3 (cls_loss), bf16 1.7e-2
     * (cls_loss); the bounds are about 4× and 3× those.
     */
    @Test
    void autocastLossesStayNearTheFp32Ones() {
        // One model, its initial state restored before each precision's step (fresh optimizer, same draws).
        Recce m = model(Precision.FP32);
        Map<String, Tensor> initial = new LinkedHashMap<>();
        m.stateDict().forEach((k, t) -> initial.put(k, t.detach().clone()));
        try {
            StepResult fp32 = step(training(m));
            for (Precision p : new Precision[]{Precision.FP16, Precision.BF16}) {
                try (NoGradGuard ignored = new NoGradGuard()) {
                    m.stateDict().forEach((k, t) -> t.copy_(initial.get(k)));
                }
                m.usePrecision(p);
                RecceTraining t = training(m);
                Map<String, float[]> before = state(m);
                StepResult r = step(t);
                double bound = p == Precision.FP16 ? 1e-2 : 5e-2;
                assertFalse(fp32.losses().equals(r.losses()), p + ": the forward ran in low precision");
                for (String k : fp32.losses().keySet()) {
                    double ref = fp32.loss(k);
                    double rel = Math.abs(r.loss(k) - ref) / Math.max(Math.abs(ref), 1e-3);
                    assertTrue(rel <= bound, p + " " + k + ": " + r.loss(k) + " vs fp32 " + ref + " (relative " + rel + ")");
                }
                assertFalse(java.util.Arrays.equals(before.get("fc.bias"), state(m).get("fc.bias")),
                        p + ": the update was made");
                if (p == Precision.FP16) {
                    assertEquals(1024, t.step().gradScaler().scale());
                    assertEquals(1, t.step().gradScaler().growthTracker(), "no overflow at the reference scale");
                }
            }
        } finally {
            m.close();
        }
    }
}
