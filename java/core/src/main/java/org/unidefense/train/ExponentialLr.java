package org.unidefense.train;

/** torch's ExponentialLR: multiply by gamma every step. */
public final class ExponentialLr extends LrScheduler {
    private final double gamma;

    public ExponentialLr(LearningRateGroups groups, double gamma) {
        super(groups);
        this.gamma = gamma;
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        return current * gamma;
    }
}
