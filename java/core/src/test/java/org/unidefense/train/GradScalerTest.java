package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss scaling against PyTorch's GradScaler rules worked out by hand, and its effect on the two-pass step. */
class GradScalerTest {
    /** One 2-element float64 parameter updated by plain SGD (lr 0.5, no decay): p ← p − 0.5·g. */
    private static final class Tiny extends Module {
        final Tensor weight;

        Tiny() {
            super("Tiny");
            weight = new Tensor(register_parameter("weight",
                    Tensors.fromFloats(new float[]{1f, 2f}, 1, 2).to(ScalarType.Double)));
        }
    }

    private static GroupedOptimizer sgd(Tiny m) {
        return OptimizerFactory.create(new OptimizerSpec("sgd", 0.0, 0.5, Map.of()), ParamGroups.weightDecaySplit(m, 0.0));
    }

    /** Back-propagates scale(c · w) so that the unscaled gradient is c. */
    private static void backward(GradScaler scaler, Tiny m, GroupedOptimizer opt, double c0, double c1) {
        opt.zeroGrad();
        Tensor c = Tensors.fromFloats(new float[]{(float) c0, (float) c1}, 1, 2).to(ScalarType.Double);
        scaler.scale(m.weight.mul(c).sum()).backward();
    }

    private static double[] values(Tensor t) {
        Tensor c = t.detach().contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }

    @Test
    void disabledScalerLeavesLossAndUpdateAlone() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny();
            GroupedOptimizer opt = sgd(m);
            Tensor loss = m.weight.sum();
            assertSame(loss, GradScaler.DISABLED.scale(loss));
            assertEquals(1.0, GradScaler.DISABLED.scale());
            backward(GradScaler.DISABLED, m, opt, 0.25, -1);
            assertTrue(GradScaler.DISABLED.step(opt));
            assertArrayEquals(new double[]{1 - 0.125, 2 + 0.5}, values(m.weight), 0);
        }
    }

    @Test
    void scaledGradientsAreUnscaledBeforeTheUpdate() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny();
            GroupedOptimizer opt = sgd(m);
            GradScaler scaler = new GradScaler(1024, 2, 0.5, 2000, true);
            backward(scaler, m, opt, 0.25, -1);
            assertArrayEquals(new double[]{256, -1024}, values(m.weight.grad()), 0, "backward sees the scaled loss");
            assertTrue(scaler.step(opt));
            assertArrayEquals(new double[]{0.25, -1}, values(m.weight.grad()), 0, "unscaled in place");
            assertArrayEquals(new double[]{1 - 0.125, 2 + 0.5}, values(m.weight), 0);
            assertEquals(1024, scaler.scale());
            assertEquals(1, scaler.growthTracker());
        }
    }

    @Test
    void aNonFiniteGradientSkipsTheUpdateAndHalvesTheScale() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny();
            GroupedOptimizer opt = sgd(m);
            GradScaler scaler = new GradScaler(1024, 2, 0.5, 2000, true);
            backward(scaler, m, opt, 0.25, -1);
            scaler.step(opt);
            backward(scaler, m, opt, Double.POSITIVE_INFINITY, 1);
            assertFalse(scaler.step(opt), "skipped");
            assertArrayEquals(new double[]{1 - 0.125, 2 + 0.5}, values(m.weight), 0, "weights untouched");
            assertEquals(512, scaler.scale());
            assertEquals(0, scaler.growthTracker());
            backward(scaler, m, opt, Double.NaN, 1);
            assertFalse(scaler.step(opt));
            assertEquals(256, scaler.scale());
        }
    }

    @Test
    void theScaleGrowsAfterGrowthIntervalCleanUpdates() {
        try (PointerScope ignored = new PointerScope()) {
            Tiny m = new Tiny();
            GroupedOptimizer opt = sgd(m);
            GradScaler scaler = new GradScaler(8, 2, 0.5, 3, true);
            for (int i = 1; i <= 3; i++) {
                backward(scaler, m, opt, 1, 1);
                assertTrue(scaler.step(opt));
                assertEquals(i < 3 ? 8 : 16, scaler.scale(), "after update " + i);
            }
            assertEquals(0, scaler.growthTracker());
            // p ← p − 0.5·1 three times
            assertArrayEquals(new double[]{1 - 1.5, 2 - 1.5}, values(m.weight), 0);
        }
    }

    @Test
    void rejectsMeaninglessSettings() {
        assertThrows(IllegalArgumentException.class, () -> new GradScaler(0, 2, 0.5, 10, true));
        assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 1, 0.5, 10, true));
        assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 2, 1.5, 10, true));
        assertThrows(IllegalArgumentException.class, () -> new GradScaler(1, 2, 0.5, 0, true));
    }

    /**
     * Scaling by a power of two is exact in binary floating point, so a two-pass step with the
     * reference's scaler (2¹⁰) ends bit for bit where the same step without one ends: the
     * re-scaling of the carried pass-1 gradient keeps pass1GradCarry's meaning.
     */
    @Test
    void theTwoPassStepWithAPowerOfTwoScaleMatchesTheUnscaledStepExactly() {
        torch.set_num_threads(2);
        java.util.List<java.util.Map<String, float[]>> finals = new java.util.ArrayList<>();
        for (int k = 0; k < 2; k++) {
            UniDefenseModel model = ReferenceStep.initialModel();
            GroupedOptimizer optimizer = ReferenceStep.optimizer(model);
            TwoPassStep step = ReferenceStep.step(model, optimizer, 1.0 / 1024);
            if (k == 1) {
                step.setGradScaler(GradScaler.reference());
            }
            java.util.Map<String, float[]> state = new java.util.LinkedHashMap<>();
            try (PointerScope ignored = new PointerScope()) {
                step.run(ReferenceStep.array("batch"), ReferenceStep.labels(), ReferenceStep.REAL_COUNT, 1000);
                model.stateDict().forEach((name, t) -> state.put(name, Tensors.toFloats(t)));
            }
            finals.add(state);
            if (k == 1) {
                assertEquals(1024, step.gradScaler().scale(), "two clean updates leave the scale alone");
                assertEquals(2, step.gradScaler().growthTracker());
            }
        }
        for (String name : finals.get(0).keySet()) {
            assertArrayEquals(finals.get(0).get(name), finals.get(1).get(name), 0f, name);
        }
    }
}
