package org.unidefense.train;

/**
 * A learning-rate schedule with the semantics of Python's {@code torch.optim.lr_scheduler}:
 * building it counts as step 0 (the learning rates stay as they are), each {@link #step()}
 * advances the counter and rewrites every group's rate. The closed forms are PyTorch's
 * "chainable" ones, computed from the groups' current rates, so a rate written by warm-up
 * carries over exactly as in Python. The reference steps once per training step.
 */
public abstract class LrScheduler {
    private final LearningRateGroups groups;
    private final double[] baseLrs;
    private long lastEpoch;

    protected LrScheduler(LearningRateGroups groups) {
        this.groups = groups;
        this.baseLrs = groups.learningRates();
        this.lastEpoch = 0;
    }

    /** Advances one step and writes the new rates to the groups. */
    public final void step() {
        lastEpoch++;
        beforeRates();
        double[] current = groups.learningRates();
        double[] next = new double[current.length];
        for (int g = 0; g < current.length; g++) {
            next[g] = nextRate(current[g], baseLrs[g], lastEpoch);
        }
        groups.setLearningRates(next);
    }

    /** Python's {@code last_epoch}: the number of steps taken so far. */
    public final long lastEpoch() {
        return lastEpoch;
    }

    public final double[] baseLrs() {
        return baseLrs.clone();
    }

    /** Updates per-schedule state once per step, before the rates are computed. */
    protected void beforeRates() {
    }

    /** The rate of one group after step {@code epoch}, given its rate before and its initial rate. */
    protected abstract double nextRate(double current, double base, long epoch);
}
