package org.unidefense.train;

/**
 * torch's CosineAnnealingLR in its recursive ("chainable") form, which is what Python runs:
 * each step scales the distance to {@code etaMin} by the ratio of consecutive cosine factors,
 * and past {@code tMax} the rate climbs back up, one period of 2·tMax steps after another.
 */
public final class CosineAnnealingLr extends LrScheduler {
    private final long tMax;
    private final double etaMin;

    public CosineAnnealingLr(LearningRateGroups groups, long tMax, double etaMin) {
        super(groups);
        if (tMax <= 0) {
            throw new IllegalArgumentException("T_max must be positive, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            return current + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (current - etaMin) + etaMin;
    }
}
