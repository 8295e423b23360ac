package org.unidefense.train;

/**
 * The reference engines' learning-rate control around each training step: during the first
 * {@code warmupSteps} steps every group's rate is set to {@code baseLr·step/warmupSteps}
 * before the step, and the schedule is stepped after a step only once warm-up is over (or
 * when there is none). Steps are counted from 1, as in the reference.
 */
public final class LearningRatePlan {
    private final LearningRateGroups groups;
    private final LrScheduler scheduler;
    private final double baseLr;
    private final long warmupSteps;

    /**
     * @param baseLr      the configured {@code optimizer.lr} (warm-up scales this value for every group)
     * @param warmupSteps {@code warmup_step}; 0 disables warm-up
     */
    public LearningRatePlan(LearningRateGroups groups, LrScheduler scheduler, double baseLr, long warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be 0 or more, got " + warmupSteps);
        }
        this.groups = groups;
        this.scheduler = scheduler;
        this.baseLr = baseLr;
        this.warmupSteps = warmupSteps;
    }

    /** Called before training step {@code step}. */
    public void beforeStep(long step) {
        if (warmupSteps != 0 && step <= warmupSteps) {
            double lr = baseLr * (double) step / warmupSteps;
            double[] lrs = groups.learningRates();
            java.util.Arrays.fill(lrs, lr);
            groups.setLearningRates(lrs);
        }
    }

    /** Called after training step {@code step}'s last optimizer update. */
    public void afterStep(long step) {
        if (warmupSteps == 0 || step > warmupSteps) {
            scheduler.step();
        }
    }

    public LrScheduler scheduler() {
        return scheduler;
    }

    public long warmupSteps() {
        return warmupSteps;
    }
}
