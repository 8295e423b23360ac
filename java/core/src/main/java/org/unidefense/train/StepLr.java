package org.unidefense.train;

/** torch's StepLR: multiply by gamma every {@code stepSize} steps. */
public final class StepLr extends LrScheduler {
    private final long stepSize;
    private final double gamma;

    public StepLr(LearningRateGroups groups, long stepSize, double gamma) {
        super(groups);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("step_size must be positive, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        return epoch % stepSize == 0 ? current * gamma : current;
    }
}
