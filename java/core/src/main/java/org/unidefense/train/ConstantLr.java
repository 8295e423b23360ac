package org.unidefense.train;

/** The reference's own ConstantLR (scheduler/__init__.py): every step restores the initial rate. */
public final class ConstantLr extends LrScheduler {
    public ConstantLr(LearningRateGroups groups) {
        super(groups);
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        return base;
    }
}
