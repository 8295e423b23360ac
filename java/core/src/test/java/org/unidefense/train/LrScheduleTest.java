package org.unidefense.train;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.config.SchedulerSpec;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning-rate sequences of each schedule against values worked out by hand from torch's definitions. */
class LrScheduleTest {
    /** Learning rates held in an array, like an optimizer's groups. */
    private static final class Groups implements LearningRateGroups {
        private double[] lrs;

        Groups(double... lrs) {
            this.lrs = lrs.clone();
        }

        @Override
        public double[] learningRates() {
            return lrs.clone();
        }

        @Override
        public void setLearningRates(double[] lrs) {
            this.lrs = lrs.clone();
        }
    }

    /** The group-0 rate after each of {@code n} steps. */
    private static double[] run(LrScheduler s, Groups g, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            s.step();
            out[i] = g.learningRates()[0];
        }
        return out;
    }

    @Test
    void stepLrHalvesEveryThirdStep() {
        Groups g = new Groups(1.0, 0.2);
        LrScheduler s = new StepLr(g, 3, 0.5);
        assertArrayEquals(new double[]{1, 1, 0.5, 0.5, 0.5, 0.25, 0.25}, run(s, g, 7), 0.0);
        assertEquals(0.05, g.learningRates()[1], 1e-15, "every group decays from its own rate");
        assertEquals(7, s.lastEpoch());
    }

    @Test
    void multiStepLrAppliesRepeatedMilestonesTwice() {
        Groups g = new Groups(1.0);
        LrScheduler s = new MultiStepLr(g, List.of(2L, 5L, 5L), 0.1);
        double[] lr = run(s, g, 6);
        double[] expected = {1, 0.1, 0.1, 0.1, 0.001, 0.001};
        assertArrayEquals(expected, lr, 1e-15);
    }

    @Test
    void exponentialLrMultipliesEachStep() {
        Groups g = new Groups(0.5);
        double[] lr = run(new ExponentialLr(g, 0.9), g, 5);
        for (int k = 1; k <= 5; k++) {
            assertEquals(0.5 * Math.pow(0.9, k), lr[k - 1], 1e-15);
        }
    }

    @Test
    void cosineAnnealingFollowsTheClosedFormDownAndBackUp() {
        Groups g = new Groups(1.0);
        double etaMin = 0.1;
        double[] lr = run(new CosineAnnealingLr(g, 4, etaMin), g, 12);
        // eta_min + (base - eta_min)(1 + cos(pi t / T_max)) / 2, which the recursive form reproduces
        // also past T_max, where the rate climbs back to the base.
        for (int t = 1; t <= 12; t++) {
            assertEquals(etaMin + (1 - etaMin) * (1 + Math.cos(Math.PI * t / 4)) / 2, lr[t - 1], 1e-12, "t=" + t);
        }
        assertEquals(etaMin, lr[3], 1e-12);
        assertEquals(1.0, lr[7], 1e-12);
    }

    @Test
    void warmRestartsRestartWithDoubledPeriods() {
        Groups g = new Groups(1.0);
        double[] lr = run(new CosineAnnealingWarmRestartsLr(g, 3, 2, 0.0), g, 10);
        // T_cur after each step: 1, 2, 0 (T_i 3 -> 6), 1, 2, 3, 4, 5, 0 (T_i -> 12), 1
        int[] tCur = {1, 2, 0, 1, 2, 3, 4, 5, 0, 1};
        int[] tI = {3, 3, 6, 6, 6, 6, 6, 6, 12, 12};
        for (int i = 0; i < 10; i++) {
            assertEquals((1 + Math.cos(Math.PI * tCur[i] / tI[i])) / 2, lr[i], 1e-12, "step " + (i + 1));
        }
    }

    @Test
    void constantLrRestoresTheInitialRate() {
        Groups g = new Groups(0.3);
        LrScheduler s = new ConstantLr(g);
        g.setLearningRates(new double[]{0.01});
        s.step();
        assertEquals(0.3, g.learningRates()[0], 0.0);
    }

    @Test
    void warmupRampsLinearlyAndDelaysTheSchedule() {
        Groups g = new Groups(0.1);
        LearningRatePlan plan = new LearningRatePlan(g, new StepLr(g, 2, 0.5), 0.1, 4);
        double[] used = new double[8];
        for (int step = 1; step <= 8; step++) {
            plan.beforeStep(step);
            used[step - 1] = g.learningRates()[0];
            plan.afterStep(step);
        }
        // 0.1·s/4 for s ≤ 4; then StepLR counts from step 5: its second step (after step 6) halves.
        assertArrayEquals(new double[]{0.025, 0.05, 0.075, 0.1, 0.1, 0.1, 0.05, 0.05}, used, 1e-15);
        assertEquals(4, plan.scheduler().lastEpoch());
    }

    @Test
    void withoutWarmupTheScheduleStepsAfterEveryStep() {
        Groups g = new Groups(1.0);
        LearningRatePlan plan = new LearningRatePlan(g, new ExponentialLr(g, 0.5), 1.0, 0);
        plan.beforeStep(1);
        assertEquals(1.0, g.learningRates()[0], 0.0);
        plan.afterStep(1);
        assertEquals(0.5, g.learningRates()[0], 0.0);
    }

    @Test
    void factoryBuildsTheConfiguredSchedule() {
        Groups g = new Groups(1.0);
        LrScheduler s = LrSchedulers.create(new SchedulerSpec("StepLR", Map.of("step_size", 2, "gamma", 0.25), true), g);
        assertArrayEquals(new double[]{1, 0.25, 0.25, 0.0625}, run(s, g, 4), 1e-15);
        LrScheduler m = LrSchedulers.create(new SchedulerSpec("MultiStepLR", Map.of("milestones", List.of(1)), true),
                g = new Groups(1.0));
        assertArrayEquals(new double[]{0.1, 0.1}, run(m, g, 2), 1e-15);
        assertTrue(LrSchedulers.create(SchedulerSpec.constant(), g) instanceof ConstantLr);
    }

    @Test
    void schedulesTheReferenceCannotStepAreRejectedWithTheirName() {
        Groups g = new Groups(1.0);
        for (String name : List.of("ReduceLROnPlateau", "TimmCosineLR", "TimmStepLR")) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> LrSchedulers.create(new SchedulerSpec(name, Map.of(), true), g));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> LrSchedulers.create(new SchedulerSpec("StepLR", Map.of("step_size", 0), true), g));
        assertTrue(e.getMessage().contains("step_size"), e.getMessage());
    }
}
