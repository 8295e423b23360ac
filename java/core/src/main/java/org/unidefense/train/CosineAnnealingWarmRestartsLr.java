package org.unidefense.train;

/**
 * torch's CosineAnnealingWarmRestarts stepped without an epoch argument: a cosine from the
 * initial rate down to {@code etaMin} over {@code t0} steps, restarting with periods
 * multiplied by {@code tMult}.
 */
public final class CosineAnnealingWarmRestartsLr extends LrScheduler {
    private final double etaMin;
    private final long tMult;
    private long tCur;
    private long tI;

    public CosineAnnealingWarmRestartsLr(LearningRateGroups groups, long t0, long tMult, double etaMin) {
        super(groups);
        if (t0 <= 0) {
            throw new IllegalArgumentException("T_0 must be a positive integer, got " + t0);
        }
        if (tMult < 1) {
            throw new IllegalArgumentException("T_mult must be an integer of at least 1, got " + tMult);
        }
        this.tI = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    /** Python advances T_cur once per step, before computing the rates of all groups. */
    @Override
    protected void beforeRates() {
        tCur++;
        if (tCur >= tI) {
            tCur -= tI;
            tI *= tMult;
        }
    }
}
